//! The campus's daily attendance figures, derived from the daily rolls' marks.

use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use super::queries::summary as queries;

/// Recomputes the summaries of one campus (or every campus) for the days `from`..=`to`
/// from the marks stored. Every write of a mark already recomputes its campus's day
/// in its transaction (a trigger, whatever wrote it); this is for a span of days at
/// once (the demo seeding) and for the records engine's hooks. Takes a connection
/// rather than a tenant handle for those, which hold a bare connection.
///
/// The campus's day is locked until the transaction ends before the marks are read,
/// so of two saves on one campus and day the second waits for the first to commit
/// and then counts its marks too: the last summary written always counts every mark.
/// A campus's totals count every class's marks, also those the person whose save
/// triggered this may not read.
pub fn refresh_summaries(
    conn: &mut PgConnection,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<usize> {
    queries::refresh(
        conn,
        &queries::Figures {
            organization_id,
            campus_id,
            from,
            to,
        },
    )
}

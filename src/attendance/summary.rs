//! The campus's daily attendance figures, derived from the daily rolls' marks.

use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use super::queries::summary as queries;
use crate::db::Tenant;

/// Recomputes the summaries of one campus (or every campus) for the days `from`..=`to`
/// from the marks stored; the one place summaries are computed. Takes a connection
/// rather than a tenant handle for the demo seeding and the records engine's hooks.
///
/// The campus's day is locked until the transaction ends before the marks are read,
/// so of two saves on one campus and day the second waits for the first to commit
/// and then counts its marks too: the last summary written always counts every mark.
pub fn refresh_summaries(
    conn: &mut PgConnection,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<usize> {
    // A campus's totals count every class's marks, also those the person whose
    // save triggered this may not read.
    let figures = queries::Figures {
        organization_id,
        campus_id,
        from,
        to,
    };
    crate::db::as_system(conn, |conn| {
        queries::lock(conn, &figures)?;
        queries::refresh(conn, &figures)
    })
}

/// Recomputes one campus's figures for one day in the tenant's transaction.
pub fn refresh_day(
    tenant: &mut Tenant<'_>,
    campus_id: Uuid,
    date: NaiveDate,
) -> QueryResult<usize> {
    let organization = tenant.organization().uuid();
    refresh_summaries(tenant.conn(), organization, Some(campus_id), date, date)
}

//! The campus's daily attendance figures, derived from the daily rolls' marks.

use super::sql::prepared;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable, Uuid as SqlUuid};
use uuid::Uuid;

// Each daily-roll mark counts once: excused counts as absent, late as tardy, and
// the percentage is present or late over everyone marked, rounded half up.
const REFRESH_SQL: &str = "
INSERT INTO campus_attendance_summaries
    (organization_id, campus_id, campus_key, attendance_date, total_enrolled,
     total_present, total_absent, total_tardy, attendance_percentage)
SELECT s.organization_id, s.campus_id, coalesce(c.code, c.name), s.session_date,
       count(*),
       count(*) FILTER (WHERE r.status = 'present'),
       count(*) FILTER (WHERE r.status IN ('absent', 'excused')),
       count(*) FILTER (WHERE r.status = 'late'),
       round(100.0 * count(*) FILTER (WHERE r.status IN ('present', 'late')) / count(*), 2)
FROM attendance_sessions s
JOIN attendance_records r ON r.attendance_session_id = s.id AND r.deleted_at IS NULL
JOIN campuses c ON c.id = s.campus_id
WHERE s.organization_id = $1 AND s.session_type = 'daily' AND s.deleted_at IS NULL
  AND s.session_date BETWEEN $2 AND $3
  AND ($4::uuid IS NULL OR s.campus_id = $4)
GROUP BY s.organization_id, s.campus_id, c.code, c.name, s.session_date
ON CONFLICT (campus_id, attendance_date) WHERE deleted_at IS NULL DO UPDATE SET
    total_enrolled = EXCLUDED.total_enrolled,
    total_present = EXCLUDED.total_present,
    total_absent = EXCLUDED.total_absent,
    total_tardy = EXCLUDED.total_tardy,
    attendance_percentage = EXCLUDED.attendance_percentage
";

/// Recomputes the summaries of one campus (or every campus) for the days `from`..=`to`
/// from the marks stored; the one place summaries are computed.
pub fn refresh_summaries(
    conn: &mut PgConnection,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<usize> {
    // A campus's totals count every class's marks, also those the person whose
    // save triggered this may not read.
    crate::db::as_system(conn, |conn| {
        prepared(REFRESH_SQL)
            .bind::<SqlUuid, _>(organization_id)
            .bind::<Date, _>(from)
            .bind::<Date, _>(to)
            .bind::<Nullable<SqlUuid>, _>(campus_id)
            .execute(conn)
    })
}

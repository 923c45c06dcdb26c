//! The statements that compute a campus's daily figures from the daily rolls' marks,
//! and the locks that keep two computations of one campus's day in order.
//!
//! They take a connection and an organization rather than a tenant handle: the
//! figures are Homeroom's own work, also run by the demo seeding and the records
//! engine's hooks, which hold a bare connection.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Integer, Nullable, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;

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

// Advisory lock spaces (the two-key form, apart from the one-key locks elsewhere):
// a campus's day, and a whole campus for a refresh of many days.
const DAY_LOCK: i32 = 0x5355_4d44;
const CAMPUS_LOCK: i32 = 0x5355_4d43;

// One day of one campus: a shared hold on the campus and the day's own lock, so
// saves on other days or campuses never wait for each other.
const LOCK_DAY_SQL: &str = "
SELECT pg_advisory_xact_lock_shared($1, hashtext($3::text)),
       pg_advisory_xact_lock($2, hashtext($3::text || $4::text))
";

// Many days: the campuses whole, in one order so two such refreshes cannot deadlock.
const LOCK_CAMPUSES_SQL: &str = "
SELECT pg_advisory_xact_lock($1, hashtext(id::text)) FROM (
    SELECT id FROM campuses
    WHERE organization_id = $2 AND ($3::uuid IS NULL OR id = $3)
    ORDER BY id) c
";

/// Which figures: one campus's (or, with none, every campus's of the organization)
/// for the days `from`..=`to`.
pub struct Figures {
    pub organization_id: Uuid,
    pub campus_id: Option<Uuid>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Locks the campus's day (one campus, one day) or whole campuses (anything
/// wider) until the transaction ends.
pub fn lock(conn: &mut PgConnection, figures: &Figures) -> QueryResult<usize> {
    match figures.campus_id {
        Some(campus) if figures.from == figures.to => prepared(LOCK_DAY_SQL)
            .bind::<Integer, _>(CAMPUS_LOCK)
            .bind::<Integer, _>(DAY_LOCK)
            .bind::<SqlUuid, _>(campus)
            .bind::<Date, _>(figures.from)
            .execute(conn),
        _ => prepared(LOCK_CAMPUSES_SQL)
            .bind::<Integer, _>(CAMPUS_LOCK)
            .bind::<SqlUuid, _>(figures.organization_id)
            .bind::<Nullable<SqlUuid>, _>(figures.campus_id)
            .execute(conn),
    }
}

/// Writes the figures from the marks stored.
pub fn refresh(conn: &mut PgConnection, figures: &Figures) -> QueryResult<usize> {
    prepared(REFRESH_SQL)
        .bind::<SqlUuid, _>(figures.organization_id)
        .bind::<Date, _>(figures.from)
        .bind::<Date, _>(figures.to)
        .bind::<Nullable<SqlUuid>, _>(figures.campus_id)
        .execute(conn)
}

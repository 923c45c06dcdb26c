//! Same-day absence alerts: a roll that marks a student absent arms one alert for
//! the day; the alert job sends it to the guardians once the grace period has
//! passed, unless the student's latest mark of the day is no longer absent.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Date, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

/// Students a save has just marked absent.
pub struct Absences<'a> {
    pub organization_id: Uuid,
    pub campus_id: Uuid,
    pub date: NaiveDate,
    pub students: &'a [Uuid],
    pub marked_by: Uuid,
    pub due_at: DateTime<Utc>,
}

// A pending alert keeps its first due time; a withdrawn one is armed again; a sent
// one stays sent, so guardians hear at most once a day.
const ARM_SQL: &str = "
INSERT INTO absence_alerts (organization_id, campus_id, student_id, alert_date, due_at,
                            created_by_id, updated_by_id)
SELECT $1, $2, s, $3, $4, $5, $5 FROM unnest($6::uuid[]) AS s
ON CONFLICT (student_id, alert_date) WHERE deleted_at IS NULL
DO UPDATE SET status = 'pending', due_at = EXCLUDED.due_at, updated_by_id = EXCLUDED.updated_by_id
WHERE absence_alerts.status = 'withdrawn'
";

/// Arms the day's alert for each student, in the caller's transaction.
pub fn arm(conn: &mut PgConnection, absences: &Absences) -> QueryResult<usize> {
    diesel::sql_query(ARM_SQL)
        .bind::<SqlUuid, _>(absences.organization_id)
        .bind::<SqlUuid, _>(absences.campus_id)
        .bind::<Date, _>(absences.date)
        .bind::<Timestamptz, _>(absences.due_at)
        .bind::<SqlUuid, _>(absences.marked_by)
        .bind::<Array<SqlUuid>, _>(absences.students)
        .execute(conn)
}

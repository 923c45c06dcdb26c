//! The absence alerts' statements: arming a day's alert, claiming those due, the
//! guardians to tell, and settling an alert.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Date, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::absence_alerts as alerts;
use super::sql::prepared;
use crate::db::Tenant;
use crate::db::enums::AbsenceAlertStatus;
use crate::db::schema::absence_alerts;

/// Students a save has just marked absent.
pub struct Absences<'a> {
    pub campus_id: Uuid,
    pub date: NaiveDate,
    pub students: &'a [Uuid],
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
pub fn arm(tenant: &mut Tenant<'_>, absences: &Absences) -> QueryResult<usize> {
    prepared(ARM_SQL)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<SqlUuid, _>(absences.campus_id)
        .bind::<Date, _>(absences.date)
        .bind::<Timestamptz, _>(absences.due_at)
        .bind::<Nullable<SqlUuid>, _>(tenant.user())
        .bind::<Array<SqlUuid>, _>(absences.students.to_vec())
        .execute(tenant.conn())
}

#[derive(QueryableByName)]
pub struct DueAlert {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub organization_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub campus_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = Date)]
    pub alert_date: NaiveDate,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub created_by_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    pub student_name: String,
    #[diesel(sql_type = Text)]
    pub organization_name: String,
    /// The school's language, for guardians whose own is not known.
    #[diesel(sql_type = Nullable<Text>)]
    pub school_language: Option<String>,
    /// The student's latest mark that day is an unexcused absence.
    #[diesel(sql_type = Bool)]
    pub still_absent: bool,
}

// Claimed so that several app servers never send the same alert; the student's
// latest mark of the day decides whether it still stands.
const CLAIM_SQL: &str = "
SELECT a.id, a.organization_id, a.campus_id, a.student_id, a.alert_date, a.created_by_id,
       concat_ws(' ', st.first_name, st.last_name) AS student_name,
       o.name AS organization_name, o.language AS school_language,
       coalesce((SELECT r.status = 'absent'
                 FROM attendance_records r
                 JOIN attendance_sessions s ON s.id = r.attendance_session_id
                 WHERE r.student_id = a.student_id AND s.session_date = a.alert_date
                   AND r.deleted_at IS NULL AND s.deleted_at IS NULL
                 ORDER BY r.marked_at DESC LIMIT 1), false) AS still_absent
FROM absence_alerts a
JOIN students st ON st.id = a.student_id
JOIN organizations o ON o.id = a.organization_id
WHERE a.status = 'pending' AND a.deleted_at IS NULL AND a.due_at <= $1
ORDER BY a.due_at
LIMIT $2
FOR UPDATE OF a SKIP LOCKED
";

/// Claims up to `batch` pending alerts of every organization due by `now`, locked
/// so that no other app server claims them; runs before any organization is entered.
pub fn claim_due(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    batch: i64,
) -> QueryResult<Vec<DueAlert>> {
    prepared(CLAIM_SQL)
        .bind::<Timestamptz, _>(now)
        .bind::<BigInt, _>(batch)
        .load(conn)
}

/// Settles an alert: sent (with its message) or withdrawn.
pub fn finish(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    status: AbsenceAlertStatus,
    message: Option<Uuid>,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(alerts::live(tenant).filter(absence_alerts::id.eq(id)))
        .set((
            absence_alerts::status.eq(status),
            absence_alerts::message_id.eq(message),
            absence_alerts::sent_at.eq((status == AbsenceAlertStatus::Sent).then_some(now)),
        ))
        .execute(tenant.conn())
}

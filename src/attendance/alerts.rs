//! Same-day absence alerts: a roll that marks a student absent arms one alert for
//! the day; the alert job sends it to the guardians once the grace period has
//! passed, unless the student's latest mark of the day is no longer absent.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Date, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;
use crate::communication::{Notice, Recipient, notify};
use crate::db::enums::{AbsenceAlertStatus, RecipientType};
use crate::db::schema::absence_alerts;

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
    prepared(ARM_SQL)
        .bind::<SqlUuid, _>(absences.organization_id)
        .bind::<SqlUuid, _>(absences.campus_id)
        .bind::<Date, _>(absences.date)
        .bind::<Timestamptz, _>(absences.due_at)
        .bind::<SqlUuid, _>(absences.marked_by)
        .bind::<Array<SqlUuid>, _>(absences.students.to_vec())
        .execute(conn)
}

/// What one run of the alert job did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AlertRun {
    pub sent: usize,
    pub withdrawn: usize,
}

#[derive(QueryableByName)]
struct DueAlert {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    organization_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    campus_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    student_id: Uuid,
    #[diesel(sql_type = Date)]
    alert_date: NaiveDate,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    created_by_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    student_name: String,
    #[diesel(sql_type = Text)]
    organization_name: String,
    /// The student's latest mark that day is an unexcused absence.
    #[diesel(sql_type = Bool)]
    still_absent: bool,
}

// Claimed so that several app servers never send the same alert; the student's
// latest mark of the day decides whether it still stands.
const CLAIM_SQL: &str = "
SELECT a.id, a.organization_id, a.campus_id, a.student_id, a.alert_date, a.created_by_id,
       concat_ws(' ', st.first_name, st.last_name) AS student_name,
       o.name AS organization_name,
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

#[derive(QueryableByName)]
struct GuardianRow {
    #[diesel(sql_type = Text)]
    full_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    relationship: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    email: Option<String>,
    /// A Homeroom account with the guardian's address, whose inbox shows the alert.
    #[diesel(sql_type = Nullable<SqlUuid>)]
    user_id: Option<Uuid>,
}

const GUARDIANS_SQL: &str = "
SELECT g.full_name, g.relationship::text AS relationship, g.email,
       (SELECT u.id FROM users u
        WHERE u.organization_id = g.organization_id AND u.deleted_at IS NULL
          AND g.email IS NOT NULL AND lower(u.email) = lower(g.email)
        LIMIT 1) AS user_id
FROM guardians g
WHERE g.student_id = $1 AND g.deleted_at IS NULL
ORDER BY g.primary_contact DESC, g.full_name
";

/// Alerts claimed per run; the rest wait for the next run.
const BATCH: i64 = 200;

/// Sends the alerts whose grace period has passed by `now` and whose student is
/// still marked absent; withdraws the others. One transaction per run.
pub fn send_due_alerts(
    conn: &mut PgConnection,
    mailer: &crate::mail::Mailer,
    now: DateTime<Utc>,
) -> QueryResult<AlertRun> {
    conn.transaction(|conn| {
        let due: Vec<DueAlert> = prepared(CLAIM_SQL)
            .bind::<Timestamptz, _>(now)
            .bind::<BigInt, _>(BATCH)
            .load(conn)?;
        let mut run = AlertRun::default();
        for alert in due {
            // Each alert's work runs as its own organization, under row-level security.
            let mut tenant =
                crate::db::enter(conn, &crate::db::Actor::system(alert.organization_id))?;
            if !alert.still_absent {
                finish(
                    tenant.conn(),
                    alert.id,
                    AbsenceAlertStatus::Withdrawn,
                    None,
                    now,
                )?;
                run.withdrawn += 1;
                continue;
            }
            let guardians: Vec<GuardianRow> = prepared(GUARDIANS_SQL)
                .bind::<SqlUuid, _>(alert.student_id)
                .load(tenant.conn())?;
            let recipients: Vec<Recipient> = guardians
                .into_iter()
                .map(|g| Recipient {
                    kind: RecipientType::Guardian,
                    label: match g.relationship {
                        Some(r) => format!("{} ({r})", g.full_name),
                        None => g.full_name,
                    },
                    user_id: g.user_id,
                    email: g.email,
                })
                .collect();
            let message = if recipients.is_empty() {
                // No guardian on file: the alert is settled, with nobody to tell.
                None
            } else {
                let (subject, body) = alert_text(
                    &alert.student_name,
                    alert.alert_date,
                    &alert.organization_name,
                );
                Some(notify(
                    &mut tenant,
                    mailer,
                    &Notice {
                        campus_id: Some(alert.campus_id),
                        sent_by: alert.created_by_id,
                        subject: &subject,
                        body: &body,
                        recipients: &recipients,
                    },
                )?)
            };
            finish(
                tenant.conn(),
                alert.id,
                AbsenceAlertStatus::Sent,
                message,
                now,
            )?;
            run.sent += 1;
        }
        Ok(run)
    })
}

fn finish(
    conn: &mut PgConnection,
    id: Uuid,
    status: AbsenceAlertStatus,
    message: Option<Uuid>,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(absence_alerts::table.find(id))
        .set((
            absence_alerts::status.eq(status),
            absence_alerts::message_id.eq(message),
            absence_alerts::sent_at.eq((status == AbsenceAlertStatus::Sent).then_some(now)),
        ))
        .execute(conn)
}

/// The alert's subject and plain-text body.
pub fn alert_text(student: &str, date: NaiveDate, school: &str) -> (String, String) {
    (
        format!(
            "{student} was marked absent on {}",
            date.format("%A %-d %B")
        ),
        format!(
            "{student} was marked absent on {}. If you know why, please let {school} know.\n\n\
             If {student} is at school, the roll will be corrected and no further message is sent.",
            date.format("%A %-d %B %Y")
        ),
    )
}

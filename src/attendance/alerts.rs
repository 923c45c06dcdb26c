//! Same-day absence alerts: a roll that marks a student absent arms one alert for
//! the day; the alert job sends it to the guardians once the grace period has
//! passed, unless the student's latest mark of the day is no longer absent.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

pub use super::queries::alerts::{Absences, arm};
use super::queries::alerts::{claim_due, finish, guardians};
use crate::communication::{Notice, Recipient, notify};
use crate::db::enums::{AbsenceAlertStatus, RecipientType};

/// What one run of the alert job did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AlertRun {
    pub sent: usize,
    pub withdrawn: usize,
}

/// Alerts claimed per run; the rest wait for the next run.
const BATCH: i64 = 200;

/// Sends the alerts whose grace period has passed by `now` and whose student is
/// still marked absent; withdraws the others. One transaction per run. Takes a
/// bare connection: the job serves every organization, entering each alert's own.
pub fn send_due_alerts(
    conn: &mut PgConnection,
    mailer: &crate::mail::Mailer,
    now: DateTime<Utc>,
) -> QueryResult<AlertRun> {
    conn.transaction(|conn| {
        // Claimed across organizations before any is entered: the job serves them all.
        let due = claim_due(conn, now, BATCH)?;
        let mut run = AlertRun::default();
        for alert in due {
            // Each alert's work runs as its own organization, under row-level security.
            let tenant =
                &mut crate::db::enter(conn, &crate::db::Actor::system(alert.organization_id))?;
            if !alert.still_absent {
                finish(tenant, alert.id, AbsenceAlertStatus::Withdrawn, None, now)?;
                run.withdrawn += 1;
                continue;
            }
            let recipients: Vec<Recipient> = guardians(tenant, alert.student_id)?
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
                    tenant,
                    mailer,
                    &Notice {
                        campus_id: Some(alert.campus_id),
                        sent_by: alert.created_by_id,
                        subject: &subject,
                        body: &body,
                        recipients: &recipients,
                        personal: false,
                    },
                )?)
            };
            finish(tenant, alert.id, AbsenceAlertStatus::Sent, message, now)?;
            run.sent += 1;
        }
        Ok(run)
    })
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

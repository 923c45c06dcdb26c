//! Same-day absence alerts: a roll that marks a student absent arms one alert for
//! the day; the alert job sends it to the guardians once the grace period has
//! passed, unless the student's latest mark of the day is no longer absent.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

pub use super::queries::alerts::{Absences, arm};
use super::queries::alerts::{claim_due, finish};
use crate::communication::{Notice, Recipient, notify};
use crate::db::StudentId;
use crate::db::enums::{AbsenceAlertStatus, RecipientType};
use crate::families::recipients::{GuardianPerson, Purpose, guardians_of};
use crate::i18n::{self, Lang};

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
            let school = alert.school_language.as_deref();
            let mut message = None;
            // One notice per language the guardians read; the alert keeps the first (the
            // primary contact's). No guardian on file settles it with nobody to tell.
            // Each guardian person once, however many times they are linked to the child.
            let student = [StudentId::new(alert.student_id)];
            let guardians = guardians_of(tenant, &student, Purpose::Messages)?;
            for (t, recipients) in by_language(guardians, school) {
                let (subject, body) = alert_text(
                    t,
                    &alert.student_name,
                    alert.alert_date,
                    &alert.organization_name,
                );
                let sent = notify(
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
                )?;
                message.get_or_insert(sent);
            }
            finish(tenant, alert.id, AbsenceAlertStatus::Sent, message, now)?;
            run.sent += 1;
        }
        Ok(run)
    })
}

/// The guardians grouped by the language each reads: their own where known, else
/// the school's; in the order given.
fn by_language(
    guardians: Vec<GuardianPerson>,
    school: Option<&str>,
) -> Vec<(Lang, Vec<Recipient>)> {
    let school_t = i18n::choose(None, school, None);
    let mut groups: Vec<(Lang, Vec<Recipient>)> = Vec::new();
    for g in guardians {
        let t = i18n::choose(g.language.as_deref(), school, None);
        let recipient = Recipient {
            kind: RecipientType::Guardian,
            label: match g.relationship {
                Some(r) => school_t
                    .message("alert-recipient")
                    .arg("name", g.full_name.as_str())
                    .arg("relationship", school_t.choice("guardian_relationship", &r))
                    .to_string(),
                None => g.full_name,
            },
            user_id: g.user_id,
            email: g.email,
        };
        match groups.iter_mut().find(|(l, _)| *l == t) {
            Some((_, group)) => group.push(recipient),
            None => groups.push((t, vec![recipient])),
        }
    }
    groups
}

/// The alert's subject and plain-text body in the guardian's language `t`.
pub fn alert_text(t: Lang, student: &str, date: NaiveDate, school: &str) -> (String, String) {
    let subject = t
        .message("alert-absent-subject")
        .arg("student", student)
        .arg("date", t.weekday_date(date))
        .to_string();
    let absent = t
        .message("alert-absent-body")
        .arg("student", student)
        .arg("date", t.long_date(date))
        .arg("school", school)
        .to_string();
    let at_school = t
        .message("alert-absent-at-school")
        .arg("student", student)
        .to_string();
    (subject, format!("{absent}\n\n{at_school}"))
}

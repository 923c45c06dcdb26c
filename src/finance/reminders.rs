//! Payment reminders: the guardians who receive a student's invoices hear about
//! an invoice still owed after its due date, at most once per invoice every N
//! days (N the school's `reminder_every_days`, 14 unless set).

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable, Numeric, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::{Actor, StudentId};
use crate::families::recipients::{Purpose, guardians_of};
use crate::i18n::{self, Lang};
use crate::mail::{Email, Mailer};
use crate::web::format::Currency;

/// Invoices reminded about per run; the rest wait for the next.
const BATCH: i64 = 200;

#[derive(QueryableByName)]
struct Owed {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    organization_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    student_id: Uuid,
    #[diesel(sql_type = Text)]
    student: String,
    #[diesel(sql_type = Text)]
    number: String,
    #[diesel(sql_type = Date)]
    due_date: NaiveDate,
    #[diesel(sql_type = Numeric)]
    balance: BigDecimal,
    #[diesel(sql_type = Text)]
    school: String,
    #[diesel(sql_type = Nullable<Text>)]
    school_language: Option<String>,
    #[diesel(sql_type = Text)]
    currency: String,
}

/// Sends the reminders due at `now`, a batch per transaction until none is left;
/// returns how many invoices were reminded about. Takes a bare connection: the
/// task serves every school, entering each invoice's own to find its guardians.
pub fn send_due_reminders(
    conn: &mut PgConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let mut reminded = 0;
    loop {
        let batch = remind_batch(conn, mailer, now)?;
        reminded += batch;
        if batch < BATCH as usize {
            return Ok(reminded);
        }
    }
}

fn remind_batch(
    conn: &mut PgConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let owed: Vec<Owed> = diesel::sql_query(
            "SELECT i.id, i.organization_id, i.student_id, \
                    s.first_name || ' ' || s.last_name AS student, i.invoice_number AS number, \
                    i.due_date, i.balance_due AS balance, o.name AS school, \
                    o.language AS school_language, o.currency \
             FROM invoices i JOIN organizations o ON o.id = i.organization_id \
             JOIN students s ON s.id = i.student_id \
             LEFT JOIN finance_settings fs ON fs.organization_id = i.organization_id \
             WHERE i.deleted_at IS NULL AND i.balance_due > 0 \
               AND i.status IN ('issued', 'partially_paid', 'overdue') \
               AND i.due_date < ($1 AT TIME ZONE o.time_zone)::date \
               AND (i.last_reminded_at IS NULL OR i.last_reminded_at \
                    <= $1 - make_interval(days => coalesce(fs.reminder_every_days, 14))) \
             ORDER BY i.due_date, i.id LIMIT $2 FOR UPDATE OF i SKIP LOCKED",
        )
        .bind::<Timestamptz, _>(now)
        .bind::<diesel::sql_types::BigInt, _>(BATCH)
        .load(conn)?;
        // Each school's guardians of the batch's students in one lookup, however
        // many of its invoices the batch holds.
        let mut schools: Vec<Uuid> = owed.iter().map(|i| i.organization_id).collect();
        schools.sort_unstable();
        schools.dedup();
        for school in schools {
            let invoices: Vec<&Owed> = owed
                .iter()
                .filter(|i| i.organization_id == school)
                .collect();
            let tenant = &mut crate::db::enter(conn, &Actor::system(school))?;
            let mut students: Vec<StudentId> = invoices
                .iter()
                .map(|i| StudentId::new(i.student_id))
                .collect();
            students.sort_unstable_by_key(|s| s.uuid());
            students.dedup();
            let guardians = guardians_of(tenant, &students, Purpose::Invoices)?;
            for invoice in &invoices {
                let theirs = guardians
                    .iter()
                    .filter(|g| g.students.contains(&invoice.student_id));
                for guardian in theirs {
                    let Some(to) = guardian.email.as_deref().filter(|e| !e.trim().is_empty())
                    else {
                        continue;
                    };
                    let t = i18n::choose(
                        guardian.language.as_deref(),
                        invoice.school_language.as_deref(),
                        None,
                    );
                    let (subject, body) = reminder_text(t, invoice);
                    let email = Email {
                        organization_id: Some(invoice.organization_id),
                        to: to.to_owned(),
                        subject,
                        body,
                        sent_by: None,
                    };
                    mailer.send(tenant.conn(), &email)?;
                }
            }
            let ids: Vec<Uuid> = invoices.iter().map(|i| i.id).collect();
            diesel::sql_query("UPDATE invoices SET last_reminded_at = $2 WHERE id = ANY($1)")
                .bind::<diesel::sql_types::Array<SqlUuid>, _>(&ids)
                .bind::<Timestamptz, _>(now)
                .execute(tenant.conn())?;
        }
        Ok(owed.len())
    })
}

/// The reminder's subject and body in the guardian's language.
fn reminder_text(t: Lang, invoice: &Owed) -> (String, String) {
    let balance = match Currency::parse(&invoice.currency) {
        Some(currency) => t.money(&invoice.balance, currency),
        None => t.decimal(&invoice.balance, 2),
    };
    let subject = t
        .message("fin-reminder-subject")
        .arg("number", invoice.number.as_str())
        .arg("student", invoice.student.as_str())
        .to_string();
    let body = t
        .message("fin-reminder-body")
        .arg("number", invoice.number.as_str())
        .arg("student", invoice.student.as_str())
        .arg("due", t.long_date(invoice.due_date))
        .arg("balance", balance)
        .arg("school", invoice.school.as_str())
        .to_string();
    (subject, body)
}

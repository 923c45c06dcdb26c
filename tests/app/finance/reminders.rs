//! Payment reminders go to the guardians who receive invoices, once per invoice
//! every N days.

use chrono::Duration;
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamptz, Uuid as SqlUuid};
use homeroom::config::Settings;
use homeroom::finance::reminders::send_due_reminders;
use homeroom::mail::Mailer;

use super::{assert_balances_hold, count_of, ids, northwind};
use crate::common::spawn_app;

#[actix_web::test]
async fn an_overdue_invoice_is_reminded_about_once_per_period() {
    let app = spawn_app().await;
    let org = northwind(&app);
    let now = homeroom::clock::now();
    // Everything else was reminded about just now.
    diesel::sql_query("UPDATE invoices SET last_reminded_at = $1")
        .bind::<Timestamptz, _>(now)
        .execute(&mut app.conn())
        .expect("quiet the others");
    let student = ids(
        &app,
        "SELECT g.student_id AS id FROM guardians g \
         LEFT JOIN guardian_people p ON p.id = g.person_id \
         JOIN students s ON s.id = g.student_id AND s.status = 'active' \
         WHERE g.organization_id = $1 AND g.deleted_at IS NULL AND g.receives_invoices \
           AND coalesce(p.email, g.email) IS NOT NULL ORDER BY g.student_id LIMIT 1",
        org,
    )[0];
    diesel::sql_query(
        "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, \
             issue_date, due_date, subtotal, total_amount, balance_due, status) \
         SELECT $1, s.campus_id, s.id, 'LATE-1', $3::date - 40, $3::date - 10, 120, 120, 120, \
                'overdue' FROM students s WHERE s.id = $2",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<SqlUuid, _>(student)
    .bind::<Text, _>(now.date_naive().to_string())
    .execute(&mut app.conn())
    .expect("an overdue invoice");
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let sent = || {
        count_of(
            &app,
            "SELECT count(*) AS n FROM email_outbox WHERE subject LIKE '%LATE-1%'",
        )
    };
    let remind = |at| send_due_reminders(&mut app.conn(), &mailer, at).expect("reminders");

    assert_eq!(
        remind(now),
        1,
        "the one invoice owed and not reminded about"
    );
    let first = sent();
    assert!(first >= 1, "its guardians hear");
    assert_eq!(remind(now + Duration::hours(1)), 0);
    assert_eq!(remind(now + Duration::days(13)), 0);
    assert_eq!(sent(), first, "not again within the period");
    // Fourteen days on (the default), everything owed is reminded about again.
    assert!(remind(now + Duration::days(14)) >= 1);
    assert_eq!(sent(), first * 2, "once more after the period");
    let body = count_of(
        &app,
        "SELECT count(*) AS n FROM email_outbox WHERE subject LIKE '%LATE-1%' \
         AND body_text LIKE '%120.00%'",
    );
    assert_eq!(body, first * 2, "the balance in the school's currency");
    assert_balances_hold(&app);
}

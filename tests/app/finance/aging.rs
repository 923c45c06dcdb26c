//! The aging report against a hand count of seeded invoices.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Text, Uuid as SqlUuid};

use super::{assert_balances_hold, ids, northwind};
use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::set_user_language;

/// Northwind's invoices replaced by one per bucket, and a paid and a void one
/// that owe nothing.
fn seed(app: &TestApp) {
    let org = northwind(app);
    diesel::sql_query("UPDATE invoices SET deleted_at = now() WHERE organization_id = $1")
        .bind::<SqlUuid, _>(org)
        .execute(&mut app.conn())
        .expect("the demo's invoices put aside");
    let student = ids(
        app,
        "SELECT id FROM students WHERE organization_id = $1 AND status = 'active' \
         ORDER BY id LIMIT 1",
        org,
    )[0];
    let today: NaiveDate = homeroom::clock::now().date_naive();
    // (days past due, amount, balance, status)
    let rows: [(i64, &str, &str, &str); 7] = [
        (-5, "100.00", "100.00", "issued"),
        (0, "200.00", "200.00", "issued"),
        (31, "350.00", "300.00", "partially_paid"),
        (75, "400.00", "400.00", "overdue"),
        (91, "500.00", "500.00", "overdue"),
        (120, "900.00", "0.00", "paid"),
        (45, "700.00", "700.00", "void"),
    ];
    for (n, (late, total, balance, status)) in rows.into_iter().enumerate() {
        let due = today - chrono::Duration::days(late);
        diesel::sql_query(
            "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, \
                 issue_date, due_date, subtotal, total_amount, balance_due, status) \
             SELECT $1, s.campus_id, s.id, $3, $4 - 30, $4, $5, $5, $6, $7::invoice_status \
             FROM students s WHERE s.id = $2",
        )
        .bind::<SqlUuid, _>(org)
        .bind::<SqlUuid, _>(student)
        .bind::<Text, _>(format!("AGE-{n}"))
        .bind::<Date, _>(due)
        .bind::<Numeric, _>(total.parse::<bigdecimal::BigDecimal>().expect("an amount"))
        .bind::<Numeric, _>(
            balance
                .parse::<bigdecimal::BigDecimal>()
                .expect("an amount"),
        )
        .bind::<Text, _>(status)
        .execute(&mut app.conn())
        .expect("a seeded invoice");
    }
    // What is paid on the partly paid and the paid ones.
    diesel::sql_query(
        "INSERT INTO payments (organization_id, invoice_id, receipt_number, paid_at, amount, method) \
         SELECT i.organization_id, i.id, v.receipt, now(), v.amount, 'cash' \
         FROM (VALUES ('AGE-2', 'AGE-R1', 50), ('AGE-5', 'AGE-R2', 900)) v(invoice, receipt, amount) \
         JOIN invoices i ON i.invoice_number = v.invoice",
    )
    .execute(&mut app.conn())
    .expect("the payments");
}

#[actix_web::test]
async fn the_aging_buckets_match_a_hand_count() {
    let app = spawn_app().await;
    seed(&app);
    let client = app.signed_in(DemoUser::Accountant).await;
    let csv = app.page(&client, "/finance/aging.csv").await;
    let last = csv.lines().last().expect("a total row");
    // Not yet due 100, 0–30 days 200, 31–60 days 300, 61–90 days 400, over 90 days
    // 500: the paid and the void invoices owe nothing.
    assert_eq!(
        last, "All campuses,,100.00,200.00,300.00,400.00,500.00,1500.00",
        "{csv}"
    );
    assert!(
        csv.starts_with(
            "Campus,Grade,Not yet due,0–30 days,31–60 days,61–90 days,Over 90 days,Total"
        ),
        "{csv}"
    );
    let html = app.page(&client, "/finance/aging").await;
    assert!(html.contains("Over 90 days"), "{html}");
    assert!(html.contains("$1,500.00"), "{html}");

    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/aging").await;
    assert!(
        html.contains("Antigüedad de los saldos pendientes"),
        "{html}"
    );
    assert!(html.contains("Más de 90 días"), "{html}");
    assert_balances_hold(&app);
}

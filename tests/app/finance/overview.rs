//! The finance overview: billed and collected by month for the last twelve months,
//! the collection rate, and what is still owed by grade.

use diesel::prelude::*;
use diesel::sql_types::{Date, Uuid as SqlUuid};

use super::billing::today;
use super::{assert_balances_hold, northwind};
use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::set_user_language;

/// Moves the school's invoices and payments five years back, out of the chart,
/// then bills 300 this month (100 of it paid this month) and 200 two months ago
/// (paid in full last month).
fn a_known_year(app: &TestApp) {
    let org = northwind(app);
    for sql in [
        "UPDATE invoices SET issue_date = issue_date - interval '5 years', \
             due_date = due_date - interval '5 years' WHERE organization_id = $1",
        "UPDATE payments SET paid_at = paid_at - interval '5 years' WHERE organization_id = $1",
        "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, issue_date, \
             due_date, subtotal, total_amount, balance_due, status) \
         SELECT $1, s.campus_id, s.id, v.number, v.issued, v.issued + 30, v.total, v.total, \
                v.total - v.paid, v.status::invoice_status \
         FROM (SELECT id, campus_id FROM students WHERE organization_id = $1 AND status = 'active' \
               ORDER BY id LIMIT 1) s, \
              (VALUES ('OV-1', date_trunc('month', $2::date)::date + 1, 300, 100, 'partially_paid'), \
                      ('OV-2', (date_trunc('month', $2::date) - interval '2 months')::date + 3, 200, 200, 'paid')) \
                AS v(number, issued, total, paid, status)",
        "INSERT INTO payments (organization_id, invoice_id, receipt_number, paid_at, amount, method) \
         SELECT $1, i.id, 'R-' || i.invoice_number, v.at, v.amount, 'cash' \
         FROM invoices i JOIN (VALUES \
             ('OV-1', date_trunc('month', $2::date) + interval '1 day 10 hours', 100), \
             ('OV-2', date_trunc('month', $2::date) - interval '1 month' + interval '4 days 10 hours', 200)) \
           AS v(number, at, amount) ON v.number = i.invoice_number \
         WHERE i.organization_id = $1",
    ] {
        diesel::sql_query(sql)
            .bind::<SqlUuid, _>(org)
            .bind::<Date, _>(today())
            .execute(&mut app.conn())
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

fn cells(billed: &str, collected: &str) -> String {
    format!("<td class=\"num\">{billed}</td><td class=\"num\">{collected}</td></tr>")
}

#[actix_web::test]
async fn the_overview_shows_billed_and_collected_by_month_as_counted_by_hand() {
    let app = spawn_app().await;
    a_known_year(&app);
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/overview").await;

    // Twelve months in the table; this month, last month and the one before.
    assert!(
        html.matches("<tr><th scope=\"row\">").count() >= 12,
        "{html}"
    );
    assert!(
        html.contains("<tfoot><tr><th scope=\"row\">Total</th>"),
        "{html}"
    );
    assert!(
        html.contains(&cells("$300.00", "$100.00")),
        "this month: {html}"
    );
    assert!(
        html.contains(&cells("$0.00", "$200.00")),
        "last month: {html}"
    );
    assert!(
        html.contains(&cells("$200.00", "$0.00")),
        "two months ago: {html}"
    );
    assert_eq!(
        html.matches(&cells("$0.00", "$0.00")).count(),
        9,
        "nine empty months"
    );
    assert!(
        html.contains(&cells("$500.00", "$300.00")),
        "the totals: {html}"
    );
    let rate = html.split("Collection rate").nth(1).unwrap_or_default();
    assert!(
        rate[..80.min(rate.len())].contains("60.0"),
        "collected 300 of 500: {rate}"
    );
    // The chart: an accessible image with a bar per month and amount.
    assert!(html.contains("role=\"img\""), "{html}");
    assert!(html.contains("<title id=\"chart-title\">"), "{html}");
    assert_eq!(html.matches("<rect class=\"fview-billed\"").count(), 12);
    assert_eq!(html.matches("<rect class=\"fview-collected\"").count(), 12);
    // What is still owed: the 200 left of OV-1 among the rest.
    assert!(html.contains("Still owed, by grade"), "{html}");
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn the_overview_speaks_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/overview").await;
    assert!(html.contains("Resumen de finanzas"), "{html}");
    assert!(html.contains("Facturado y cobrado por mes"), "{html}");
    assert!(html.contains("Pendiente de cobro, por curso"), "{html}");
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn the_overview_fits_a_phone_a_tablet_and_a_desktop() {
    use crate::browser::{
        assert_no_sideways_scrolling, open, resize, screenshot, signed_in_browser,
    };
    let app = spawn_app().await;
    a_known_year(&app);
    let email = DemoUser::Accountant.email();
    let (_driver, client) = signed_in_browser(&app, (1440, 1000), email, "main").await;
    for (width, name) in [(1440, "desktop"), (820, "tablet"), (390, "phone")] {
        resize(&client, (width, 1000)).await;
        open(&client, &app.url("/finance/overview"), "svg.fview-chart").await;
        assert_no_sideways_scrolling(&client, "/finance/overview").await;
        screenshot(&client, &format!("finance-overview-{name}")).await;
    }
    set_user_language(&app, email, Some("es"));
    open(&client, &app.url("/finance/overview"), "svg.fview-chart").await;
    assert_no_sideways_scrolling(&client, "/finance/overview (es)").await;
    screenshot(&client, "finance-overview-phone-es").await;
    client.close().await.expect("close the window");
    assert_balances_hold(&app);
}

/// On top of [`a_known_year`]: OV-3, 500 billed this month, paid, refunded and
/// voided this month; OV-4, 60 billed and paid last month, refunded this month.
fn a_refund_and_a_void(app: &TestApp) {
    let org = northwind(app);
    for sql in [
        "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, issue_date, \
             due_date, subtotal, total_amount, balance_due, status) \
         SELECT $1, s.campus_id, s.id, v.number, v.issued, v.issued + 30, v.total, v.total, \
                v.total, 'overdue' \
         FROM (SELECT id, campus_id FROM students WHERE organization_id = $1 AND status = 'active' \
               ORDER BY id LIMIT 1) s, \
              (VALUES ('OV-3', date_trunc('month', $2::date)::date, 500), \
                      ('OV-4', (date_trunc('month', $2::date) - interval '1 month')::date + 2, 60)) \
                AS v(number, issued, total)",
        "INSERT INTO payments (organization_id, invoice_id, receipt_number, paid_at, amount, method) \
         SELECT $1, i.id, 'R-' || i.invoice_number, v.at, v.amount, 'cash' \
         FROM invoices i JOIN (VALUES \
             ('OV-3', date_trunc('month', $2::date) + interval '10 hours', 500), \
             ('OV-4', date_trunc('month', $2::date) - interval '1 month' + interval '3 days 10 hours', 60)) \
           AS v(number, at, amount) ON v.number = i.invoice_number \
         WHERE i.organization_id = $1",
        "INSERT INTO payments (organization_id, invoice_id, receipt_number, paid_at, amount, method, \
                               refund_of, refund_reason) \
         SELECT $1, p.invoice_id, 'RFD-' || p.receipt_number, \
                date_trunc('month', $2::date) + interval '12 hours', -p.amount, 'cash', p.id, 'Paid twice' \
         FROM payments p WHERE p.organization_id = $1 AND p.receipt_number IN ('R-OV-3', 'R-OV-4')",
        "UPDATE invoices SET status = 'void', voided_at = date_trunc('month', $2::date) + interval '13 hours', \
             void_reason = 'Billed by mistake' \
         WHERE organization_id = $1 AND invoice_number = 'OV-3'",
    ] {
        diesel::sql_query(sql)
            .bind::<SqlUuid, _>(org)
            .bind::<Date, _>(today())
            .execute(&mut app.conn())
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

#[actix_web::test]
async fn the_overview_leaves_out_a_voided_invoice_and_takes_refunds_off_what_was_collected() {
    let app = spawn_app().await;
    a_known_year(&app);
    a_refund_and_a_void(&app);
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/overview").await;
    // By hand. This month: billed OV-1 300 (OV-3 is void); collected OV-1 100,
    // OV-3 500 and its refund −500, OV-4's refund −60: 40.
    assert!(
        html.contains(&cells("$300.00", "$40.00")),
        "this month: {html}"
    );
    // Last month: billed OV-4 60; collected OV-2 200 and OV-4 60.
    assert!(
        html.contains(&cells("$60.00", "$260.00")),
        "last month: {html}"
    );
    // Two months ago: billed OV-2 200.
    assert!(
        html.contains(&cells("$200.00", "$0.00")),
        "two months ago: {html}"
    );
    assert!(
        html.contains(&cells("$560.00", "$300.00")),
        "the totals: {html}"
    );
    let rate = html.split("Collection rate").nth(1).unwrap_or_default();
    assert!(
        rate[..80.min(rate.len())].contains("53.6"),
        "collected 300 of 560: {rate}"
    );
    assert_balances_hold(&app);
}

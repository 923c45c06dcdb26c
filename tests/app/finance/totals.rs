//! The finance overview's months, the budgets' plans and the aging report are read
//! from running totals the database keeps as invoices and payments are written.
//! After each kind of write (bulk invoicing, a payment over three invoices, a
//! refund, a void, soft deletes and restores, a budget edit, a new time zone) each
//! page shows exactly what summing the invoices and payments directly gives.

use bigdecimal::BigDecimal;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Uuid as SqlUuid};
use homeroom::i18n::Lang;
use homeroom::web::format::Currency;
use uuid::Uuid;

use super::billing::invoice_the_term;
use super::budgets::{save_budgets, year_of};
use super::desk::{household, invoice, location, post};
use super::{assert_balances_hold, ids, northwind};
use crate::common::{DemoUser, TestApp, spawn_app};

/// Which page a sequence checks after each step.
#[derive(Clone, Copy)]
enum Checked {
    Overview,
    Budgets,
    Aging,
}

fn money(amount: &BigDecimal) -> String {
    Lang::default().money(amount, Currency::DEFAULT)
}

/// The school's date now, in its time zone.
fn school_today(app: &TestApp) -> NaiveDate {
    #[derive(QueryableByName)]
    struct Zone {
        #[diesel(sql_type = diesel::sql_types::Text)]
        time_zone: String,
    }
    let zone: Zone = diesel::sql_query("SELECT time_zone FROM organizations WHERE id = $1")
        .bind::<SqlUuid, _>(northwind(app))
        .get_result(&mut app.conn())
        .expect("the school's time zone");
    homeroom::clock::today(homeroom::clock::zone(&zone.time_zone))
}

/// The `<td class="num">` cells of `html` between `from` and `to`, in order.
fn amounts_between(html: &str, from: &str, to: &str) -> Vec<String> {
    let part = html
        .split(from)
        .nth(1)
        .and_then(|rest| rest.split(to).next())
        .unwrap_or_else(|| panic!("{from} … {to} in {html}"));
    part.split("<td class=\"num\">")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap_or_default().to_owned())
        .collect()
}

/// The twelve months up to today summed from the invoices and payments themselves:
/// billed and collected of each, oldest first, formatted as the page does.
fn months_summed(app: &TestApp) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Month {
        #[diesel(sql_type = Numeric)]
        billed: BigDecimal,
        #[diesel(sql_type = Numeric)]
        collected: BigDecimal,
    }
    let months: Vec<Month> = diesel::sql_query(
        "SELECT coalesce((SELECT sum(i.total_amount) FROM invoices i \
                 WHERE i.organization_id = o.id AND i.deleted_at IS NULL \
                   AND i.status NOT IN ('draft', 'void') \
                   AND date_trunc('month', i.issue_date)::date = m.month), 0) AS billed, \
                coalesce((SELECT sum(p.amount) FROM payments p \
                 WHERE p.organization_id = o.id AND p.deleted_at IS NULL \
                   AND date_trunc('month', (p.paid_at AT TIME ZONE o.time_zone)::date)::date \
                       = m.month), 0) AS collected \
         FROM organizations o, \
              generate_series(date_trunc('month', $2::date) - interval '11 months', \
                              date_trunc('month', $2::date), interval '1 month') AS m(month) \
         WHERE o.id = $1 ORDER BY m.month",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Date, _>(school_today(app))
    .load(&mut app.conn())
    .expect("the months summed");
    months
        .iter()
        .flat_map(|m| [money(&m.billed), money(&m.collected)])
        .collect()
}

/// A plan of the year shown, summed from its invoices and payments themselves.
#[derive(QueryableByName)]
struct PlanSummed {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Numeric)]
    billed: BigDecimal,
    #[diesel(sql_type = Numeric)]
    collected: BigDecimal,
}

fn plans_summed(app: &TestApp, year: &str) -> Vec<PlanSummed> {
    let year: Uuid = year.parse().expect("the year's id");
    diesel::sql_query(
        "SELECT f.id, \
                coalesce((SELECT sum(i.total_amount) FROM invoices i \
                 WHERE i.fee_plan_id = f.id AND i.deleted_at IS NULL \
                   AND i.status NOT IN ('draft', 'void')), 0) AS billed, \
                coalesce((SELECT sum(p.amount) FROM payments p \
                 JOIN invoices i ON i.id = p.invoice_id \
                 WHERE i.fee_plan_id = f.id AND i.deleted_at IS NULL \
                   AND p.deleted_at IS NULL), 0) AS collected \
         FROM fee_plans f \
         WHERE f.organization_id = $1 AND f.academic_year_id = $2 AND f.deleted_at IS NULL \
           AND (f.active OR EXISTS (SELECT 1 FROM finance_budgets b \
                                    WHERE b.fee_plan_id = f.id AND b.academic_year_id = $2))",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<SqlUuid, _>(year)
    .load(&mut app.conn())
    .expect("the plans summed")
}

/// The aging report's lines (campus, grade, the buckets and the total) summed from
/// the open invoices themselves, as the CSV writes them.
fn aging_summed(app: &TestApp) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text)]
        line: String,
    }
    let lines: Vec<Line> = diesel::sql_query(
        "WITH open AS ( \
             SELECT i.campus_id, coalesce(f.grade_id, ( \
                        SELECT c.grade_id FROM class_enrollments e JOIN classes c ON c.id = e.class_id \
                        WHERE e.student_id = i.student_id AND e.status = 'active' \
                          AND e.deleted_at IS NULL \
                        ORDER BY e.enrolled_on DESC NULLS LAST LIMIT 1)) AS grade_id, \
                    $2 - i.due_date AS late, i.balance_due AS owed \
             FROM invoices i LEFT JOIN fee_plans f ON f.id = i.fee_plan_id \
             WHERE i.organization_id = $1 AND i.deleted_at IS NULL \
               AND i.status NOT IN ('draft', 'void') AND i.balance_due > 0) \
         SELECT concat_ws(',', coalesce(ca.name, ''), coalesce(g.name, ''), \
                    coalesce(sum(owed) FILTER (WHERE late < 0), 0)::numeric(14, 2), \
                    coalesce(sum(owed) FILTER (WHERE late BETWEEN 0 AND 30), 0)::numeric(14, 2), \
                    coalesce(sum(owed) FILTER (WHERE late BETWEEN 31 AND 60), 0)::numeric(14, 2), \
                    coalesce(sum(owed) FILTER (WHERE late BETWEEN 61 AND 90), 0)::numeric(14, 2), \
                    coalesce(sum(owed) FILTER (WHERE late > 90), 0)::numeric(14, 2), \
                    sum(owed)::numeric(14, 2)) AS line \
         FROM open \
         LEFT JOIN campuses ca ON ca.id = open.campus_id \
         LEFT JOIN grades g ON g.id = open.grade_id \
         GROUP BY ca.name, g.name, g.sort_order \
         ORDER BY ca.name NULLS LAST, g.sort_order NULLS LAST, g.name NULLS LAST",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Date, _>(school_today(app))
    .load(&mut app.conn())
    .expect("the aging summed");
    lines.into_iter().map(|l| l.line).collect()
}

/// A CSV line's fields, its amounts as numbers (`0` and `0.00` alike).
fn fields(line: &str) -> Vec<String> {
    line.split(',')
        .map(|field| match field.parse::<BigDecimal>() {
            Ok(amount) => amount.normalized().to_string(),
            Err(_) => field.to_owned(),
        })
        .collect()
}

/// The page shows what summing the rows gives, and so do the totals kept.
async fn check(app: &TestApp, client: &reqwest::Client, page: Checked, step: &str) {
    match page {
        Checked::Overview => {
            let html = app.page(client, "/finance/overview").await;
            let shown = amounts_between(&html, "id=\"months-caption\"", "</tbody>");
            assert_eq!(shown, months_summed(app), "the months after {step}");
        }
        Checked::Budgets => {
            let html = app.page(client, "/finance/budgets").await;
            let plans = plans_summed(app, &year_of(&html));
            assert!(!plans.is_empty(), "the year has fee plans");
            assert_eq!(
                html.matches("<label for=\"budget-").count(),
                plans.len(),
                "the plans listed after {step}"
            );
            for plan in plans {
                // The budget's own cell first, then billed and collected.
                let row = amounts_between(&html, &format!("for=\"budget-{}\"", plan.id), "</tr>");
                assert_eq!(
                    row[1..],
                    [money(&plan.billed), money(&plan.collected)],
                    "plan {} after {step}",
                    plan.id
                );
            }
        }
        Checked::Aging => {
            let csv = app.page(client, "/finance/aging.csv").await;
            let lines: Vec<String> = csv.lines().map(str::to_owned).collect();
            assert!(lines.len() >= 2, "a header and a total: {csv}");
            let shown: Vec<Vec<String>> = lines[1..lines.len() - 1]
                .iter()
                .map(|l| fields(l))
                .collect();
            let summed: Vec<Vec<String>> = aging_summed(app).iter().map(|l| fields(l)).collect();
            assert_eq!(shown, summed, "the aging after {step}");
        }
    }
    super::assert_totals_hold(app);
}

/// A termly plan of the year, by name.
fn a_plan(app: &TestApp) -> Uuid {
    ids(
        app,
        "SELECT f.id FROM fee_plans f JOIN academic_years y ON y.id = f.academic_year_id \
         WHERE f.organization_id = $1 AND f.active AND f.deleted_at IS NULL AND y.current \
         ORDER BY f.name, f.id LIMIT 1",
        northwind(app),
    )[0]
}

fn run(app: &TestApp, sql: &str, ids: &[Uuid]) {
    diesel::sql_query(sql)
        .bind::<diesel::sql_types::Array<SqlUuid>, _>(ids)
        .execute(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Every kind of write to invoices and payments, `page` checked after each.
async fn every_kind_of_write(page: Checked) {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Accountant).await;
    check(&app, &client, page, "the demo").await;

    // The family's own invoices set aside (a soft delete), then the term invoiced.
    let home = household(&app);
    check(&app, &client, page, "setting invoices aside").await;
    invoice_the_term(&app, &client).await;
    check(&app, &client, page, "bulk invoicing").await;

    // Three open invoices, two of them moved to a fee plan.
    let a = invoice(&app, home.first, "TOT-A", "100.00", 60);
    let b = invoice(&app, home.first, "TOT-B", "50.00", 30);
    let c = invoice(&app, home.first, "TOT-C", "80.00", 10);
    let plan = a_plan(&app);
    diesel::sql_query("UPDATE invoices SET fee_plan_id = $1 WHERE id = ANY($2)")
        .bind::<SqlUuid, _>(plan)
        .bind::<diesel::sql_types::Array<SqlUuid>, _>(&[a, b][..])
        .execute(&mut app.conn())
        .expect("the invoices moved to a plan");
    check(&app, &client, page, "new invoices").await;

    // One payment over the three.
    let desk = format!("/finance/desk/students/{}", home.first);
    let day = school_today(&app).to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "170.00"),
            ("method", "card"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let receipt = location(&response);
    check(&app, &client, page, "a payment over three invoices").await;

    // A refund of it.
    let (response, _) = post(
        &app,
        &client,
        &receipt,
        &format!("{receipt}/refund"),
        &[("reason", "Paid by bank too")],
    )
    .await;
    assert_eq!(response.status(), 303);
    check(&app, &client, page, "a refund").await;

    // A void of an invoice of the plan.
    let d = invoice(&app, home.second, "TOT-D", "40.00", 5);
    run(
        &app,
        &format!("UPDATE invoices SET fee_plan_id = '{plan}' WHERE id = ANY($1)"),
        &[d],
    );
    let void = format!("/finance/invoices/{d}");
    let response = app
        .submit(
            &client,
            &void,
            &format!("{void}/void"),
            &[("reason", "Billed twice")],
        )
        .await;
    assert_eq!(response.status(), 303);
    check(&app, &client, page, "a void").await;

    // A paid invoice deleted and restored, then one of its payments.
    let balance = "UPDATE invoices i SET balance_due = i.total_amount - coalesce(( \
                       SELECT sum(p.amount) FROM payments p \
                       WHERE p.invoice_id = i.id AND p.deleted_at IS NULL), 0) \
                   WHERE i.id = ANY($1)";
    let steps = [
        (
            "UPDATE invoices SET deleted_at = now() WHERE id = ANY($1)",
            "an invoice deleted",
        ),
        (
            "UPDATE invoices SET deleted_at = NULL WHERE id = ANY($1)",
            "an invoice restored",
        ),
        (
            "UPDATE payments SET deleted_at = now() WHERE invoice_id = ANY($1)",
            "its payments deleted",
        ),
        (
            "UPDATE payments SET deleted_at = NULL WHERE invoice_id = ANY($1)",
            "its payments restored",
        ),
    ];
    for (sql, step) in steps {
        run(&app, sql, &[b]);
        run(&app, balance, &[b]);
        check(&app, &client, page, step).await;
    }

    // A budget set for the plan.
    let html = app.page(&client, "/finance/budgets").await;
    let cell = format!("budget-{plan}");
    let saved = save_budgets(&app, &client, &html, &[(cell.as_str(), "900")]).await;
    assert_eq!(saved.status(), 303);
    check(&app, &client, page, "a budget edit").await;

    // Payments taken late in the evening fall in another month far east.
    run(
        &app,
        "UPDATE payments SET paid_at = date_trunc('month', paid_at) - interval '2 hours' \
         WHERE invoice_id = ANY($1)",
        &[a, b, c],
    );
    diesel::sql_query("UPDATE organizations SET time_zone = 'Pacific/Kiritimati' WHERE id = $1")
        .bind::<SqlUuid, _>(northwind(&app))
        .execute(&mut app.conn())
        .expect("a new time zone");
    check(&app, &client, page, "a new time zone").await;
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn the_overview_matches_the_invoices_and_payments_after_every_kind_of_write() {
    every_kind_of_write(Checked::Overview).await;
}

#[actix_web::test]
async fn the_budgets_match_the_invoices_and_payments_after_every_kind_of_write() {
    every_kind_of_write(Checked::Budgets).await;
}

#[actix_web::test]
async fn the_aging_matches_the_open_invoices_after_every_kind_of_write() {
    every_kind_of_write(Checked::Aging).await;
}

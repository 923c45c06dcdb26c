//! Budgets per fee plan and academic year, edited as one table on
//! /finance/budgets and set against what each plan billed and collected on the
//! finance overview.

use bigdecimal::{BigDecimal, ToPrimitive};
use diesel::prelude::*;
use diesel::sql_types::{Numeric, Text, Uuid as SqlUuid};
use homeroom::i18n::Lang;
use homeroom::web::format::Currency;
use uuid::Uuid;

use super::{assert_balances_hold, count_of, northwind};
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app};
use crate::languages::set_user_language;

/// The first two fee plans of the current year as the page lists them: id and name.
fn two_plans(app: &TestApp) -> Vec<(Uuid, String)> {
    #[derive(QueryableByName)]
    struct Plan {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
        #[diesel(sql_type = Text)]
        name: String,
    }
    diesel::sql_query(
        "SELECT f.id, f.name FROM fee_plans f JOIN academic_years y ON y.id = f.academic_year_id \
         LEFT JOIN grades g ON g.id = f.grade_id \
         WHERE f.organization_id = $1 AND f.active AND f.deleted_at IS NULL \
           AND $2 BETWEEN y.start_date AND y.end_date \
         ORDER BY g.sort_order NULLS LAST, f.name, f.id LIMIT 2",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<diesel::sql_types::Date, _>(super::billing::today())
    .load::<Plan>(&mut app.conn())
    .expect("plans")
    .into_iter()
    .map(|p| (p.id, p.name))
    .collect()
}

/// What a plan's invoices billed (neither draft nor void) and what was paid on
/// them less refunds.
fn actual(app: &TestApp, plan: Uuid) -> (BigDecimal, BigDecimal) {
    #[derive(QueryableByName)]
    struct Actual {
        #[diesel(sql_type = Numeric)]
        billed: BigDecimal,
        #[diesel(sql_type = Numeric)]
        collected: BigDecimal,
    }
    let a: Actual = diesel::sql_query(
        "SELECT (SELECT coalesce(sum(total_amount), 0) FROM invoices WHERE fee_plan_id = $1 \
                   AND status NOT IN ('draft', 'void')) AS billed, \
                (SELECT coalesce(sum(p.amount), 0) FROM payments p \
                   JOIN invoices i ON i.id = p.invoice_id WHERE i.fee_plan_id = $1) AS collected",
    )
    .bind::<SqlUuid, _>(plan)
    .get_result(&mut app.conn())
    .expect("the plan's actual");
    (a.billed, a.collected)
}

fn budgets(app: &TestApp) -> i64 {
    count_of(app, "SELECT count(*) AS n FROM finance_budgets")
}

/// The page's year, from its hidden field.
pub(super) fn year_of(html: &str) -> String {
    html.split("name=\"year\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form's year")
        .to_owned()
}

/// Saves the budgets form of the page `html` (its token and year) with `cells`
/// (`budget-{plan}` and what is typed); returns the answer.
pub(super) async fn save_budgets(
    app: &TestApp,
    client: &reqwest::Client,
    html: &str,
    cells: &[(&str, &str)],
) -> reqwest::Response {
    let token = csrf_token(html).expect("the form's token");
    let year = year_of(html);
    let mut fields = vec![("csrf_token", token.as_str()), ("year", year.as_str())];
    fields.extend_from_slice(cells);
    app.post_form(client, "/finance/budgets", &fields).await
}

#[actix_web::test]
async fn a_refused_cell_keeps_what_was_typed_and_saves_nothing_then_the_overview_sets_budget_against_actual()
 {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Accountant).await;
    let plans = two_plans(&app);
    assert_eq!(plans.len(), 2, "the demo year has fee plans");
    let html = app.page(&client, "/finance/budgets").await;
    assert!(html.contains("Budgets for "), "{html}");
    for (_, name) in &plans {
        assert!(html.contains(name.as_str()), "{name} in {html}");
    }
    let form = html.clone();
    let year = year_of(&html);
    let first = format!("budget-{}", plans[0].0);
    let second = format!("budget-{}", plans[1].0);

    // One cell right, one not an amount: nothing is saved, both keep what was typed.
    let refused = save_budgets(
        &app,
        &client,
        &form,
        &[(first.as_str(), "12000.50"), (second.as_str(), "twelve")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the page again");
    assert!(html.contains("Nothing was saved"), "{html}");
    assert!(html.contains("value=\"12000.50\""), "{html}");
    assert!(html.contains("value=\"twelve\""), "{html}");
    assert!(
        html.contains("Enter an amount such as 10 or 12.50."),
        "{html}"
    );
    assert_eq!(budgets(&app), 0);

    // Less than nothing is refused too.
    let refused = save_budgets(&app, &client, &form, &[(first.as_str(), "-5")]).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(budgets(&app), 0);

    let saved = save_budgets(
        &app,
        &client,
        &form,
        &[(first.as_str(), "12000.50"), (second.as_str(), "8000")],
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(budgets(&app), 2);
    let html = app
        .page(&client, &format!("/finance/budgets?year={year}&saved"))
        .await;
    assert!(html.contains("The budgets are saved."), "{html}");
    assert!(html.contains("value=\"12000.50\""), "{html}");

    // The overview sets each plan's budget against what its invoices billed and
    // collected (the demo's first term), counted here from the rows themselves.
    let (billed, collected) = actual(&app, plans[0].0);
    let html = app.page(&client, "/finance/overview").await;
    assert!(
        html.contains("against what was billed and collected"),
        "{html}"
    );
    let row = html
        .split(&format!("<tr><th scope=\"row\">{}</th>", plans[0].1))
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_default();
    let money = |amount: &BigDecimal| Lang::default().money(amount, Currency::DEFAULT);
    let reached = collected.to_f64().unwrap_or(0.0) * 100.0 / 12000.5;
    for shown in [
        money(&"12000.50".parse().expect("an amount")),
        money(&billed),
        money(&collected),
        format!("{reached:.1}%"),
    ] {
        assert!(row.contains(&shown), "{shown} in {row}");
    }
    assert!(html.contains("$8,000.00"), "{html}");

    // Emptied, a cell has no budget.
    let emptied = save_budgets(
        &app,
        &client,
        &form,
        &[(first.as_str(), "12000.50"), (second.as_str(), "")],
    )
    .await;
    assert_eq!(emptied.status(), 303);
    assert_eq!(budgets(&app), 1);
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn budgets_speak_spanish_and_a_teacher_may_not_set_them() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/budgets").await;
    assert!(html.contains("Presupuestos de "), "{html}");
    assert!(html.contains("Guardar los presupuestos"), "{html}");
    let html = app.page(&client, "/finance/overview").await;
    assert!(html.contains("Solo ingresos"), "{html}");
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher, "/finance/budgets").await.status(), 403);
}

#[actix_web::test]
async fn the_budgets_page_fits_a_phone_a_tablet_and_a_desktop() {
    use crate::browser::{
        assert_no_sideways_scrolling, open, resize, screenshot, signed_in_browser,
    };
    let app = spawn_app().await;
    let email = DemoUser::Accountant.email();
    let (_driver, client) = signed_in_browser(&app, (1440, 1000), email, "main").await;
    for (width, name) in [(1440, "desktop"), (820, "tablet"), (390, "phone")] {
        resize(&client, (width, 1000)).await;
        open(&client, &app.url("/finance/budgets"), "table.fview-budgets").await;
        assert_no_sideways_scrolling(&client, "/finance/budgets").await;
        screenshot(&client, &format!("finance-budgets-{name}")).await;
    }
    // With budgets set, the overview sets them against what was billed and collected.
    diesel::sql_query(
        "INSERT INTO finance_budgets (organization_id, academic_year_id, fee_plan_id, amount) \
         SELECT f.organization_id, f.academic_year_id, f.id, f.total_amount * 60 \
         FROM fee_plans f WHERE f.organization_id = $1 AND f.active AND f.academic_year_id IS NOT NULL",
    )
    .bind::<SqlUuid, _>(northwind(&app))
    .execute(&mut app.conn())
    .expect("budgets");
    for (width, name) in [(1440, "desktop"), (820, "tablet"), (390, "phone")] {
        resize(&client, (width, 1000)).await;
        open(
            &client,
            &app.url("/finance/overview#budgets-heading"),
            "table.fview-budgets",
        )
        .await;
        assert_no_sideways_scrolling(&client, "/finance/overview").await;
        screenshot(&client, &format!("finance-overview-budgets-{name}")).await;
    }
    set_user_language(&app, email, Some("es"));
    open(&client, &app.url("/finance/budgets"), "table.fview-budgets").await;
    assert_no_sideways_scrolling(&client, "/finance/budgets (es)").await;
    screenshot(&client, "finance-budgets-phone-es").await;
    client.close().await.expect("close the window");
}

//! Bulk invoicing of the demo school's fee plans for the current term.

use std::time::Duration;

use bigdecimal::{BigDecimal, Zero};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable, Numeric, Text, Uuid as SqlUuid};
use homeroom::db::{Actor, OrganizationId, UserId, enter};
use homeroom::finance::billing::{self, BATCH, Request};
use uuid::Uuid;

use super::{assert_balances_hold, count_of, ids, northwind};
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app, user_id};
use crate::languages::set_user_language;

const TERMLY_PLANS: &str = "SELECT id FROM fee_plans WHERE organization_id = $1 \
     AND active AND deleted_at IS NULL AND billing_cycle = 'termly' ORDER BY name";

pub(crate) fn today() -> NaiveDate {
    homeroom::clock::now().date_naive()
}

/// The term holding today: its first and last days.
pub(crate) fn this_term(app: &TestApp) -> (NaiveDate, NaiveDate) {
    #[derive(QueryableByName)]
    struct Term {
        #[diesel(sql_type = Date)]
        starts_on: NaiveDate,
        #[diesel(sql_type = Date)]
        ends_on: NaiveDate,
    }
    let term: Term = diesel::sql_query(
        "SELECT starts_on, ends_on FROM academic_terms \
         WHERE organization_id = $1 AND $2 BETWEEN starts_on AND ends_on",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Date, _>(today())
    .get_result(&mut app.conn())
    .expect("a term holding today");
    (term.starts_on, term.ends_on)
}

/// The students the termly plans charge this term, counted by hand: active,
/// enrolled in a class of the plan's grade and year, joined before the term ends.
pub(crate) fn eligible(app: &TestApp) -> i64 {
    let (_, end) = this_term(app);
    diesel::sql_query(
        "SELECT count(*) AS n FROM fee_plans f CROSS JOIN LATERAL ( \
             SELECT DISTINCT s.id FROM students s \
             JOIN class_enrollments e ON e.student_id = s.id AND e.status = 'active' \
                  AND e.deleted_at IS NULL \
             JOIN classes c ON c.id = e.class_id AND c.deleted_at IS NULL \
                  AND c.grade_id = f.grade_id AND c.academic_year_id = f.academic_year_id \
             WHERE s.status = 'active' AND s.deleted_at IS NULL \
               AND (s.enrollment_date IS NULL OR s.enrollment_date <= $2)) x \
         WHERE f.organization_id = $1 AND f.active AND f.deleted_at IS NULL \
           AND f.billing_cycle = 'termly'",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Date, _>(end)
    .get_result::<super::N>(&mut app.conn())
    .expect("eligible students")
    .n
}

pub(crate) fn invoices_this_term(app: &TestApp) -> i64 {
    let (start, _) = this_term(app);
    count_of(
        app,
        &format!(
            "SELECT count(*) AS n FROM invoices WHERE billing_period_start = '{start}' \
             AND organization_id = '{}'",
            northwind(app)
        ),
    )
}

/// The form's fields for every termly plan, this term, due in two weeks.
fn fields(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let mut all = vec![("csrf_token".to_owned(), token.to_owned())];
    for plan in ids(app, TERMLY_PLANS, northwind(app)) {
        all.push(("plan".to_owned(), plan.to_string()));
    }
    let due = today() + chrono::Days::new(14);
    all.push(("on".to_owned(), today().to_string()));
    all.push(("issue".to_owned(), today().to_string()));
    all.push(("due".to_owned(), due.to_string()));
    all.push(("campus".to_owned(), String::new()));
    all
}

/// Previews, then runs the invoicing and waits for it; the finished run's page.
pub(crate) async fn invoice_the_term(app: &TestApp, client: &reqwest::Client) -> (String, String) {
    let html = app.page(client, "/finance/billing").await;
    let token = csrf_token(&html).expect("the form's token");
    let form = fields(app, &token);
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let preview = app
        .post_form(client, "/finance/billing/preview", &pairs)
        .await;
    assert_eq!(preview.status(), 200);
    let preview = preview.text().await.expect("the preview");
    let started = app.post_form(client, "/finance/billing", &pairs).await;
    assert_eq!(started.status(), 303);
    let run = started
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("the run's page")
        .to_owned();
    assert!(run.starts_with("/finance/billing/runs/"), "{run}");
    for _ in 0..240 {
        let page = app.page(client, &run).await;
        if !page.contains("<progress") {
            return (preview, page);
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the invoicing run did not finish");
}

#[actix_web::test]
async fn accountant_invoices_the_term_once_per_eligible_student() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Accountant).await;
    let expected = eligible(&app);
    assert!(expected > 0, "the demo school has students to invoice");
    assert_eq!(invoices_this_term(&app), 0);

    let (preview, done) = invoice_the_term(&app, &client).await;
    assert!(
        preview.contains(&format!("{expected} invoices, ")),
        "the preview counts {expected} invoices"
    );
    assert!(
        done.contains(&format!("Invoicing finished: {expected} invoices created.")),
        "{done}"
    );
    assert_eq!(invoices_this_term(&app), expected);
    // Each invoice charges its plan's fee on its first line, for the term.
    let (start, end) = this_term(&app);
    let unlike_plan = count_of(
        &app,
        &format!(
            "SELECT count(*) AS n FROM invoices i JOIN fee_plans f ON f.id = i.fee_plan_id \
             JOIN students s ON s.id = i.student_id \
             LEFT JOIN invoice_lines l ON l.invoice_id = i.id AND l.position = 1 \
             WHERE i.billing_period_start = '{start}' AND (i.billing_period_end <> '{end}' \
                OR l.fee_plan_id IS DISTINCT FROM f.id OR l.description <> f.name \
                OR (coalesce(s.enrollment_date, '{start}') <= '{start}' \
                    AND l.unit_amount <> f.total_amount))"
        ),
    );
    assert_eq!(unlike_plan, 0, "every invoice charges its plan's fee");

    // A second run finds every student invoiced and writes nothing.
    let (again, done) = invoice_the_term(&app, &client).await;
    assert!(again.contains("There is nothing to invoice"), "{again}");
    assert!(
        done.contains("Invoicing finished: 0 invoices created."),
        "{done}"
    );
    assert_eq!(invoices_this_term(&app), expected);
    assert_balances_hold(&app);
}

pub(crate) fn request(app: &TestApp) -> Request {
    Request {
        plans: ids(app, TERMLY_PLANS, northwind(app)),
        on: today(),
        issue: today(),
        due: today() + chrono::Days::new(14),
        campus: None,
    }
}

/// Invoices the term through the library, stopping after `batches` when given.
pub(crate) fn run(app: &TestApp, batches: Option<usize>) -> billing::Done {
    let org = northwind(app);
    let by = UserId::new(user_id(&mut app.conn(), DemoUser::Accountant.email()));
    let order = app
        .conn()
        .transaction::<_, diesel::result::Error, _>(|conn| {
            let tenant = &mut enter(conn, &Actor::system(org))?;
            billing::prepare(tenant, &request(app))
        })
        .expect("the invoices to write");
    billing::write(
        &app.pool,
        OrganizationId::new(org),
        by,
        &order,
        batches,
        &|_| {},
    )
    .expect("the run")
}

#[actix_web::test]
async fn a_run_cut_short_between_batches_then_run_again_invoices_each_student_once() {
    let app = spawn_app().await;
    let expected = eligible(&app);
    assert!(expected > BATCH as i64, "more than one batch to write");
    // Two batches are written, then the run stops as if its server died.
    let cut = run(&app, Some(2));
    assert!(
        cut.created > 0 && (cut.created as i64) < expected,
        "{cut:?}"
    );
    assert_eq!(invoices_this_term(&app), cut.created as i64);

    let rest = run(&app, None);
    assert_eq!(rest.created as i64, expected - cut.created as i64);
    assert_eq!(invoices_this_term(&app), expected);
    let twice = count_of(
        &app,
        "SELECT count(*) AS n FROM (SELECT 1 FROM invoices WHERE billing_period_start IS NOT NULL \
         GROUP BY student_id, fee_plan_id, billing_period_start HAVING count(*) > 1) x",
    );
    assert_eq!(twice, 0, "no student invoiced twice for a plan and period");
    // Invoice numbers of the year run without a gap.
    let year = today().format("%Y");
    let gaps = count_of(
        &app,
        &format!(
            "SELECT max(substring(invoice_number FROM 10)::bigint) - count(*) AS n \
             FROM invoices WHERE invoice_number LIKE 'INV-{year}-%' AND organization_id = '{}'",
            northwind(&app)
        ),
    );
    assert_eq!(gaps, 0, "numbers are gap-free");
    assert_balances_hold(&app);
}

#[derive(QueryableByName, Debug)]
struct Line {
    #[diesel(sql_type = Numeric)]
    unit_amount: BigDecimal,
    #[diesel(sql_type = Numeric)]
    discount: BigDecimal,
    #[diesel(sql_type = Nullable<Text>)]
    reason: Option<String>,
    #[diesel(sql_type = Numeric)]
    fee: BigDecimal,
}

/// The lines of `student`'s invoice this term, with their plan's fee.
fn lines_of(app: &TestApp, student: Uuid) -> Vec<Line> {
    let (start, _) = this_term(app);
    diesel::sql_query(
        "SELECT l.unit_amount, l.discount, l.reason, f.total_amount AS fee \
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id \
         JOIN fee_plans f ON f.id = i.fee_plan_id \
         WHERE i.student_id = $1 AND i.billing_period_start = $2 ORDER BY l.position",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<Date, _>(start)
    .load(&mut app.conn())
    .expect("lines")
}

#[actix_web::test]
async fn the_sibling_discount_applies_to_the_second_child_only() {
    let app = spawn_app().await;
    let org = northwind(&app);
    diesel::sql_query(
        "INSERT INTO discount_rules (organization_id, name, kind, amount, applies_to) \
         VALUES ($1, 'Sibling discount', 'percentage', 10, 'siblings')",
    )
    .bind::<SqlUuid, _>(org)
    .execute(&mut app.conn())
    .expect("a sibling discount");
    // A family of two children at the school, eldest first.
    let children = ids(
        &app,
        "WITH two AS (SELECT gp.family_id FROM guardian_people gp \
             JOIN guardians g ON g.person_id = gp.id AND g.deleted_at IS NULL \
             JOIN students s ON s.id = g.student_id AND s.status = 'active' \
                  AND s.deleted_at IS NULL \
             WHERE gp.organization_id = $1 AND gp.family_id IS NOT NULL \
             GROUP BY gp.family_id HAVING count(DISTINCT s.id) = 2 \
             ORDER BY gp.family_id LIMIT 1) \
         SELECT DISTINCT s.id, s.date_of_birth, s.created_at FROM students s \
         JOIN guardians g ON g.student_id = s.id AND g.deleted_at IS NULL \
         JOIN guardian_people gp ON gp.id = g.person_id \
         WHERE gp.family_id = (SELECT family_id FROM two) \
           AND s.status = 'active' AND s.deleted_at IS NULL \
         ORDER BY s.date_of_birth NULLS LAST, s.created_at, s.id",
        org,
    );
    assert_eq!(children.len(), 2, "a family of two");
    run(&app, None);

    let elder = lines_of(&app, children[0]);
    assert!(elder.iter().all(|l| l.discount.is_zero()), "{elder:?}");
    let younger = lines_of(&app, children[1]);
    assert_eq!(younger.len(), 2, "{younger:?}");
    let tenth = (&younger[0].fee / BigDecimal::from(10)).with_scale(2);
    assert_eq!(younger[1].discount, tenth);
    assert_eq!(younger[1].unit_amount, BigDecimal::from(0));
    assert_eq!(younger[1].reason.as_deref(), Some("siblings"));

    // The younger child's invoice shows the discount as a line with its reason,
    // in the reader's language.
    let (start, _) = this_term(&app);
    let invoice = ids(
        &app,
        &format!(
            "SELECT id FROM invoices WHERE student_id = $1 AND billing_period_start = '{start}'"
        ),
        children[1],
    )[0];
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app
        .page(&client, &format!("/finance/invoices/{invoice}"))
        .await;
    assert!(html.contains("Sibling discount"), "{html}");
    assert!(html.contains("Second or later child of a family"), "{html}");
    assert!(html.contains("Balance due"), "{html}");
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app
        .page(&client, &format!("/finance/invoices/{invoice}"))
        .await;
    assert!(
        html.contains("Segundo hijo o siguiente de la familia"),
        "{html}"
    );
    assert!(html.contains("Saldo pendiente"), "{html}");
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn a_student_who_joined_during_the_term_is_charged_the_months_left() {
    let app = spawn_app().await;
    let (start, end) = this_term(&app);
    // Joins in the term's third month: two of its months are left to pay.
    let joined = start + chrono::Months::new(2);
    let student = ids(
        &app,
        "SELECT s.id FROM students s JOIN class_enrollments e ON e.student_id = s.id \
         AND e.status = 'active' WHERE s.organization_id = $1 AND s.status = 'active' \
         ORDER BY s.id LIMIT 1",
        northwind(&app),
    )[0];
    diesel::sql_query("UPDATE students SET enrollment_date = $2 WHERE id = $1")
        .bind::<SqlUuid, _>(student)
        .bind::<Date, _>(joined)
        .execute(&mut app.conn())
        .expect("a late start");
    run(&app, None);
    let lines = lines_of(&app, student);
    let months = |from: NaiveDate, to: NaiveDate| {
        use chrono::Datelike;
        (to.year() * 12 + to.month0() as i32) - (from.year() * 12 + from.month0() as i32) + 1
    };
    let share = (&lines[0].fee * BigDecimal::from(months(joined, end))
        / BigDecimal::from(months(start, end)))
    .with_scale_round(2, bigdecimal::RoundingMode::HalfUp);
    assert_eq!(lines[0].unit_amount, share);
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn the_invoicing_page_and_its_preview_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let html = app.page(&client, "/finance/billing").await;
    assert!(html.contains("Facturar planes de cuotas"), "{html}");
    let token = csrf_token(&html).expect("the form's token");
    let form = fields(&app, &token);
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let preview = app
        .post_form(&client, "/finance/billing/preview", &pairs)
        .await;
    let preview = preview.text().await.expect("the preview");
    assert!(preview.contains("facturas, "), "{preview}");
    assert!(preview.contains("Periodo facturado"), "{preview}");
    // A form without a plan says so in Spanish, keeping what was typed.
    let bare = [("csrf_token", token.as_str()), ("on", "2026-12-02")];
    let refused = app
        .post_form(&client, "/finance/billing/preview", &bare)
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.expect("the form again");
    assert!(refused.contains("Elija al menos un plan de cuotas."));
    assert_balances_hold(&app);
}

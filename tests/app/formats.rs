//! Dates and money as each reader's language writes them, and the school's week:
//! a French or Spanish director reads the fees outstanding and an invoice's date the
//! way their language does, an English one as always; a school whose week starts on
//! Sunday sees its calendars start on Sunday, and its settings refuse a day that is
//! not one.

use diesel::prelude::*;
use diesel::sql_types::{Date, SmallInt, Text};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, expect_page, spawn_app};
use crate::languages::set_user_language;

/// The demo school's rows.
const NORTHWIND: &str = "(SELECT id FROM organizations WHERE name LIKE 'Northwind%')";

fn set_school(app: &TestApp, column: &str, value: &str) {
    diesel::sql_query(format!(
        "UPDATE organizations SET {column} = $1 WHERE id = {NORTHWIND}"
    ))
    .bind::<Text, _>(value)
    .execute(&mut app.conn())
    .expect("set the school's setting");
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    text: String,
}

fn one_text(app: &TestApp, sql: &str) -> String {
    diesel::sql_query(sql)
        .get_result::<Row>(&mut app.conn())
        .expect("a row")
        .text
}

/// The balance due of the demo school's open invoices, as stored: "12345.50".
fn fees_outstanding(app: &TestApp) -> String {
    one_text(
        app,
        &format!(
            "SELECT coalesce(sum(balance_due), 0)::numeric(14,2)::text AS text FROM invoices \
             WHERE organization_id = {NORTHWIND} AND deleted_at IS NULL \
             AND status IN ('issued', 'partially_paid', 'overdue')"
        ),
    )
}

/// An invoice of the demo school, issued on `day`.
fn invoice_issued_on(app: &TestApp, day: chrono::NaiveDate) -> Uuid {
    let id = one_text(
        app,
        &format!(
            "SELECT id::text AS text FROM invoices WHERE organization_id = {NORTHWIND} \
             AND deleted_at IS NULL ORDER BY invoice_number LIMIT 1"
        ),
    );
    diesel::sql_query("UPDATE invoices SET issue_date = $1, due_date = greatest(due_date, $1) WHERE id = $2::uuid")
        .bind::<Date, _>(day)
        .bind::<Text, _>(&id)
        .execute(&mut app.conn())
        .expect("date the invoice");
    id.parse().expect("an id")
}

/// Whole units grouped by `separator` from `min_digits` digits on, then the decimal
/// mark and the cents: how English ("1,234.50"), French ("1 234,50") and Spanish
/// ("1234,50", "12.345,50") write an amount.
fn written(stored: &str, separator: char, mark: char, min_digits: usize) -> String {
    let (units, cents) = stored.split_once('.').expect("two decimals");
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if units.len() >= min_digits && i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    format!("{grouped}{mark}{cents}")
}

/// The figure shown on the dashboard card labelled `label`.
fn dashboard_figure(html: &str, label: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let cards = scraper::Selector::parse(".card.stat").expect("selector");
    let value = scraper::Selector::parse(".value").expect("selector");
    doc.select(&cards)
        .find(|card| card.text().collect::<String>().contains(label))
        .and_then(|card| card.select(&value).next())
        .map(|v| v.text().collect::<String>().trim().to_owned())
        .unwrap_or_else(|| panic!("a card labelled {label}"))
}

fn sunday_6_december() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date")
}

#[actix_web::test]
async fn a_french_director_reads_fees_in_euros_and_an_invoice_date_in_french() {
    let app = spawn_app().await;
    set_school(&app, "currency", "EUR");
    set_user_language(&app, DemoUser::Director.email(), Some("fr"));
    let invoice = invoice_issued_on(&app, sunday_6_december());
    let director = app.signed_in(DemoUser::Director).await;

    let html = app.page(&director, "/").await;
    let fees = dashboard_figure(&html, "Frais impayés");
    let expected = format!(
        "{}\u{a0}€",
        written(&fees_outstanding(&app), '\u{202f}', ',', 4)
    );
    assert_eq!(fees, expected, "French groups with a narrow space");

    let html = expect_page(
        app.get(&director, &format!("/invoices/{invoice}")).await,
        200,
        "",
    )
    .await;
    assert!(html.contains("6 déc. 2026"), "the issue date in French");
    assert!(!html.contains("6 Dec 2026"));
}

#[actix_web::test]
async fn a_spanish_director_reads_fees_and_an_invoice_date_in_spanish() {
    let app = spawn_app().await;
    set_school(&app, "currency", "EUR");
    set_user_language(&app, DemoUser::Director.email(), Some("es"));
    let invoice = invoice_issued_on(&app, sunday_6_december());
    let director = app.signed_in(DemoUser::Director).await;

    let html = app.page(&director, "/").await;
    let fees = dashboard_figure(&html, "Cuotas pendientes");
    let expected = format!("{}\u{a0}€", written(&fees_outstanding(&app), '.', ',', 5));
    assert_eq!(fees, expected, "Spanish groups from five digits on");

    let html = app.page(&director, &format!("/invoices/{invoice}")).await;
    assert!(html.contains("6 dic 2026"), "the issue date in Spanish");
    assert!(!html.contains("6 Dec 2026"));
}

#[actix_web::test]
async fn an_english_director_reads_dollars_and_dates_as_always() {
    let app = spawn_app().await;
    let invoice = invoice_issued_on(&app, sunday_6_december());
    let director = app.signed_in(DemoUser::Director).await;

    let html = app.page(&director, "/").await;
    let fees = dashboard_figure(&html, "Fees outstanding");
    let expected = format!("${}", written(&fees_outstanding(&app), ',', '.', 4));
    assert_eq!(fees, expected);

    let html = app.page(&director, &format!("/invoices/{invoice}")).await;
    assert!(html.contains("6 Dec 2026"));
}

/// A student of the demo school with marks.
fn a_student(app: &TestApp) -> String {
    one_text(
        app,
        &format!(
            "SELECT student_id::text AS text FROM attendance_records \
             WHERE organization_id = {NORTHWIND} LIMIT 1"
        ),
    )
}

/// The weekday headings of a calendar: (short, written out).
fn weekday_heads(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let heads = scraper::Selector::parse("#calendar thead th").expect("selector");
    doc.select(&heads)
        .map(|th| {
            (
                th.text().collect::<String>(),
                th.value().attr("abbr").unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The dates of the calendar's first row.
fn first_week(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let row = scraper::Selector::parse("#calendar tbody tr").expect("selector");
    let cell = scraper::Selector::parse("td").expect("selector");
    doc.select(&row)
        .next()
        .map(|r| {
            r.select(&cell)
                .map(|c| {
                    c.text()
                        .collect::<String>()
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn a_school_whose_week_starts_on_sunday_sees_its_calendar_start_on_sunday() {
    let app = spawn_app().await;
    let student = a_student(&app);
    let path = format!("/attendance/students/{student}?month=2026-12");
    let director = app.signed_in(DemoUser::Director).await;

    // Weeks start on Monday unless the school says otherwise.
    let html = app.page(&director, &path).await;
    let heads = weekday_heads(&html);
    assert_eq!(heads.len(), 7);
    assert_eq!(heads[0], ("Mon".to_owned(), "Monday".to_owned()));
    assert_eq!(heads[6], ("Sun".to_owned(), "Sunday".to_owned()));

    diesel::sql_query(format!(
        "UPDATE organizations SET week_start = $1 WHERE id = {NORTHWIND}"
    ))
    .bind::<SmallInt, _>(7)
    .execute(&mut app.conn())
    .expect("start the week on Sunday");
    let html = app.page(&director, &path).await;
    let heads = weekday_heads(&html);
    assert_eq!(heads[0], ("Sun".to_owned(), "Sunday".to_owned()));
    assert_eq!(heads[6], ("Sat".to_owned(), "Saturday".to_owned()));
    // 1 December 2026 is a Tuesday: the first row holds Sunday 29 November (not
    // shown), Monday 30 (not shown), then 1 to 5 December.
    assert_eq!(first_week(&html), ["", "", "1", "2", "3", "4", "5"]);

    // A Spanish reader sees the same week with Spanish names.
    set_user_language(&app, DemoUser::Director.email(), Some("es"));
    let html = app.page(&director, &path).await;
    assert_eq!(
        weekday_heads(&html)[0],
        ("dom".to_owned(), "domingo".to_owned())
    );
}

fn stored_week_start(app: &TestApp) -> String {
    one_text(
        app,
        &format!("SELECT week_start::text AS text FROM organizations WHERE id = {NORTHWIND}"),
    )
}

#[actix_web::test]
async fn the_school_settings_set_the_first_day_of_the_week_and_refuse_a_ninth_day() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let settings = "/settings";

    let html = app.page(&admin, settings).await;
    assert!(html.contains("First day of the week"));
    let sent = app
        .submit(
            &admin,
            settings,
            "/settings/week-start",
            &[("week_start", "7")],
        )
        .await;
    assert_eq!(sent.status(), 303);
    assert_eq!(stored_week_start(&app), "7");
    let html = app.page(&admin, settings).await;
    assert!(html.contains(r#"<option value="7" selected>Sunday</option>"#));

    let refused = app
        .submit(
            &admin,
            settings,
            "/settings/week-start",
            &[("week_start", "9")],
        )
        .await;
    let html = expect_page(refused, 422, "Choose a day of the week from the list.").await;
    assert!(html.contains(r#"aria-invalid="true""#));
    assert_eq!(stored_week_start(&app), "7", "the old day is kept");

    // In Spanish, the page and its refusal are Spanish.
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let html = app.page(&admin, settings).await;
    assert!(html.contains("Primer día de la semana"));
    assert!(html.contains(r#"<option value="7" selected>domingo</option>"#));
    assert!(!html.contains("First day of the week"));
    assert!(!html.contains("Calendar week"));
    let refused = app
        .submit(
            &admin,
            settings,
            "/settings/week-start",
            &[("week_start", "nueve")],
        )
        .await;
    expect_page(refused, 422, "Elige un día de la semana de la lista.").await;
    assert_eq!(stored_week_start(&app), "7");
}

#[actix_web::test]
async fn the_organization_chooser_speaks_french() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Root.email(), Some("fr"));
    let root = app.signed_in(DemoUser::Root).await;
    let html = app.page(&root, "/organization").await;
    assert!(html.contains("Choisir une organisation"));
    assert!(!html.contains("Choose an organization"));
    assert!(!html.contains("Your account may act"));
}

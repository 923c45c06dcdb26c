//! The bursar's desk: a payment spread over the oldest invoices first (or the
//! ticked ones), received by whoever is signed in, once however often the form is
//! sent; overpayment refused; voids and refunds that keep the numbers gap-free;
//! receipts and statements on the page, as PDF and by e-mail.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::{assert_balances_hold, count_of, ids, northwind};
use crate::common::{DemoUser, TestApp, TestDatabase, spawn_app, spawn_app_configured, user_id};
use crate::languages::set_user_language;
use crate::messages::smtp::SmtpServer;

/// A family with two active children: the first child, the second, and the family.
pub(super) struct Household {
    pub first: Uuid,
    pub second: Uuid,
    pub family: Uuid,
}

/// Two children of one Northwind family, their demo invoices put aside, and the
/// first child's guardians' e-mail addresses that receive invoices.
pub(super) fn household(app: &TestApp) -> Household {
    let org = northwind(app);
    let family = ids(
        app,
        "SELECT p.family_id AS id FROM guardian_people p \
         JOIN guardians g ON g.person_id = p.id AND g.deleted_at IS NULL \
         JOIN students s ON s.id = g.student_id AND s.status = 'active' AND s.deleted_at IS NULL \
         WHERE p.organization_id = $1 AND p.family_id IS NOT NULL AND p.deleted_at IS NULL \
           AND g.receives_invoices AND p.email IS NOT NULL \
         GROUP BY p.family_id HAVING count(DISTINCT s.id) >= 2 ORDER BY p.family_id LIMIT 1",
        org,
    )[0];
    let children: Vec<Uuid> = diesel::sql_query(
        "SELECT DISTINCT s.id, s.last_name, s.first_name FROM guardian_people p \
         JOIN guardians g ON g.person_id = p.id AND g.deleted_at IS NULL \
         JOIN students s ON s.id = g.student_id AND s.deleted_at IS NULL \
         WHERE p.family_id = $1 AND p.deleted_at IS NULL ORDER BY s.last_name, s.first_name, s.id",
    )
    .bind::<SqlUuid, _>(family)
    .load::<Id>(&mut app.conn())
    .expect("the family's children")
    .into_iter()
    .map(|r| r.id)
    .collect();
    diesel::sql_query(
        "UPDATE invoices SET deleted_at = now() WHERE student_id = ANY($1) AND deleted_at IS NULL",
    )
    .bind::<diesel::sql_types::Array<SqlUuid>, _>(&children)
    .execute(&mut app.conn())
    .expect("the children's demo invoices put aside");
    Household {
        first: children[0],
        second: children[1],
        family,
    }
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

fn today() -> NaiveDate {
    homeroom::clock::now().date_naive()
}

/// An issued invoice of `student` for `total`, due `late` days ago and issued 30
/// days before that.
pub(super) fn invoice(app: &TestApp, student: Uuid, number: &str, total: &str, late: i64) -> Uuid {
    let due = today() - Duration::days(late);
    diesel::sql_query(
        "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, \
             issue_date, due_date, subtotal, total_amount, balance_due, status) \
         SELECT s.organization_id, s.campus_id, s.id, $2, $3 - 30, $3, $4, $4, $4, 'issued' \
         FROM students s WHERE s.id = $1 RETURNING id",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<Text, _>(number)
    .bind::<Date, _>(due)
    .bind::<Numeric, _>(total.parse::<bigdecimal::BigDecimal>().expect("an amount"))
    .get_result::<Id>(&mut app.conn())
    .expect("an invoice")
    .id
}

/// An invoice's balance and status, as text.
fn state_of(app: &TestApp, invoice: Uuid) -> String {
    #[derive(QueryableByName)]
    struct S {
        #[diesel(sql_type = Text)]
        s: String,
    }
    diesel::sql_query(
        "SELECT balance_due::text || ' ' || status::text AS s FROM invoices WHERE id = $1",
    )
    .bind::<SqlUuid, _>(invoice)
    .get_result::<S>(&mut app.conn())
    .expect("the invoice")
    .s
}

fn payments(app: &TestApp) -> i64 {
    count_of(app, "SELECT count(*) AS n FROM payments")
}

/// The value of the hidden field `name` in the form posting to `action`.
fn hidden(html: &str, action: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let form = scraper::Selector::parse(&format!("form[action^=\"{action}\"]")).expect("selector");
    let input = scraper::Selector::parse(&format!("input[name=\"{name}\"]")).expect("selector");
    doc.select(&form)
        .next()
        .and_then(|f| f.select(&input).next())
        .and_then(|i| i.value().attr("value"))
        .unwrap_or_else(|| panic!("{action} has {name}: {html}"))
        .to_owned()
}

/// Posts the form of `page` that posts to `action`, with its CSRF and one-time
/// tokens and `fields`.
pub(super) async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (reqwest::Response, String) {
    let html = app.page(client, page).await;
    let token = hidden(&html, action, "form_token");
    let response = send(app, client, &html, action, &token, fields).await;
    (response, token)
}

/// Sends `fields` to `action` with the CSRF token of `html` and `token`.
async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    html: &str,
    action: &str,
    token: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = crate::common::csrf_token(html).expect("a CSRF token");
    let mut all = vec![("csrf_token", csrf.as_str()), ("form_token", token)];
    all.extend_from_slice(fields);
    app.post_form(client, action, &all).await
}

pub(super) fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The receipt numbers of `invoice`'s payments, by number.
fn receipts_of(app: &TestApp, invoice: Uuid) -> Vec<String> {
    #[derive(QueryableByName)]
    struct R {
        #[diesel(sql_type = Text)]
        receipt_number: String,
    }
    diesel::sql_query(
        "SELECT receipt_number FROM payments WHERE invoice_id = $1 ORDER BY receipt_number",
    )
    .bind::<SqlUuid, _>(invoice)
    .load::<R>(&mut app.conn())
    .expect("receipts")
    .into_iter()
    .map(|r| r.receipt_number)
    .collect()
}

/// The number at the end of `RCT-2026-00012`.
fn serial(number: &str) -> i64 {
    number
        .rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a numbered receipt: {number}"))
}

#[actix_web::test]
async fn one_payment_over_three_invoices_pays_the_oldest_first_once() {
    let app = spawn_app().await;
    let home = household(&app);
    let a = invoice(&app, home.first, "DESK-A", "100.00", 60);
    let b = invoice(&app, home.first, "DESK-B", "50.00", 30);
    let c = invoice(&app, home.first, "DESK-C", "80.00", 10);
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/students/{}", home.first);
    let html = app.page(&client, &desk).await;
    for number in ["DESK-A", "DESK-B", "DESK-C", "$230.00"] {
        assert!(html.contains(number), "{number}: {html}");
    }
    let before = payments(&app);
    let day = today().to_string();
    let fields = [
        ("amount", "170.00"),
        ("method", "card"),
        ("reference", "SLIP-77"),
        ("paid_on", day.as_str()),
    ];
    let (response, token) = post(&app, &client, &desk, &desk, &fields).await;
    assert_eq!(response.status(), 303);
    let receipt = location(&response);
    assert!(receipt.starts_with("/finance/payments/"), "{receipt}");
    assert_eq!(state_of(&app, a), "0.00 paid");
    assert_eq!(state_of(&app, b), "0.00 paid");
    assert_eq!(state_of(&app, c), "60.00 overdue");
    assert_eq!(payments(&app), before + 3);

    // The same form sent again (a double click, the back button) takes nothing more.
    let html = app.page(&client, &desk).await;
    let again = send(&app, &client, &html, &desk, &token, &fields).await;
    assert_eq!(again.status(), 303);
    assert_eq!(location(&again), receipt);
    assert_eq!(payments(&app), before + 3);

    // Received by the signed-in accountant (their staff record), never a typed name,
    // and numbered one after another.
    let accountant = user_id(&mut app.conn(), DemoUser::Accountant.email());
    let by_them = count_of(
        &app,
        &format!(
            "SELECT count(*) AS n FROM payments p JOIN staff s ON s.id = p.received_by_id \
             WHERE s.user_id = '{accountant}' AND p.created_by_id = '{accountant}' \
               AND p.reference_code = 'SLIP-77' AND p.method = 'card'"
        ),
    );
    assert_eq!(by_them, 3);
    let numbers: Vec<String> = [a, b, c]
        .iter()
        .flat_map(|i| receipts_of(&app, *i))
        .collect();
    let serials: Vec<i64> = numbers.iter().map(|n| serial(n)).collect();
    assert_eq!(
        serials,
        [serials[0], serials[0] + 1, serials[0] + 2],
        "{numbers:?}"
    );

    // One receipt shows all three, what is left on each and altogether.
    let html = app.page(&client, &receipt).await;
    for text in [
        numbers[0].as_str(),
        numbers[2].as_str(),
        "DESK-A",
        "DESK-C",
        "$170.00",
        "Still owed on all open invoices: $60.00",
        "Received by",
        "SLIP-77",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn a_payment_on_ticked_invoices_pays_only_those() {
    let app = spawn_app().await;
    let home = household(&app);
    let a = invoice(&app, home.first, "DESK-A", "100.00", 60);
    let c = invoice(&app, home.first, "DESK-C", "80.00", 10);
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/students/{}", home.first);
    let day = today().to_string();
    let chosen = c.to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("invoice", chosen.as_str()),
            ("amount", "30"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(state_of(&app, a), "100.00 issued");
    assert_eq!(state_of(&app, c), "50.00 overdue");
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn more_than_is_owed_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let home = household(&app);
    let a = invoice(&app, home.first, "DESK-A", "100.00", 60);
    let b = invoice(&app, home.first, "DESK-B", "50.00", 30);
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/students/{}", home.first);
    let before = payments(&app);
    let day = today().to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "150.01"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(
        html.contains("That is more than is owed: $150.00"),
        "{html}"
    );
    assert!(
        html.contains("value=\"150.01\""),
        "the amount stays typed: {html}"
    );
    // Nor nonsense, nor a day to come.
    let tomorrow = (today() + Duration::days(1)).to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "ten"),
            ("method", "gold"),
            ("paid_on", tomorrow.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(html.contains("Choose how it was paid."), "{html}");
    assert!(html.contains("later day than today"), "{html}");
    assert_eq!(payments(&app), before);
    assert_eq!(state_of(&app, a), "100.00 issued");
    assert_eq!(state_of(&app, b), "50.00 issued");
    assert_balances_hold(&app);
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = Numeric)]
    total: bigdecimal::BigDecimal,
}

/// What the aging report's CSV says is owed altogether.
async fn aging_total(app: &TestApp, client: &reqwest::Client) -> String {
    let csv = app.page(client, "/finance/aging.csv").await;
    csv.lines()
        .last()
        .and_then(|l| l.rsplit(',').next())
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn a_void_keeps_its_number_and_leaves_the_aging() {
    let app = spawn_app().await;
    let home = household(&app);
    let a = invoice(&app, home.first, "DESK-A", "100.00", 60);
    let b = invoice(&app, home.first, "DESK-B", "50.00", 30);
    let client = app.signed_in(DemoUser::Accountant).await;
    let numbers_before = count_of(&app, "SELECT count(*) AS n FROM invoices");
    let owed_before: bigdecimal::BigDecimal =
        aging_total(&app, &client).await.parse().expect("a total");

    // Without a reason nothing happens.
    let page = format!("/finance/invoices/{b}");
    let action = format!("{page}/void");
    let response = app
        .submit(&client, &page, &action, &[("reason", "  ")])
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(state_of(&app, b), "50.00 issued");

    let response = app
        .submit(&client, &page, &action, &[("reason", "Billed twice")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(state_of(&app, b), "50.00 void");
    // The row and its number stay: nothing is deleted, no number is freed.
    assert_eq!(
        count_of(&app, "SELECT count(*) AS n FROM invoices"),
        numbers_before
    );
    assert_eq!(
        count_of(
            &app,
            &format!(
                "SELECT count(*) AS n FROM invoices WHERE invoice_number = 'DESK-B' \
                 AND deleted_at IS NULL AND void_reason = 'Billed twice' AND id = '{b}'"
            )
        ),
        1
    );
    let html = app.page(&client, &page).await;
    assert!(html.contains("VOID on"), "{html}");
    assert!(html.contains("Billed twice"), "{html}");
    let owed_after: bigdecimal::BigDecimal =
        aging_total(&app, &client).await.parse().expect("a total");
    assert_eq!(
        owed_before - owed_after,
        "50.00".parse::<bigdecimal::BigDecimal>().expect("fifty")
    );

    // An invoice with money paid on it is refunded first.
    let desk = format!("/finance/desk/students/{}", home.first);
    let day = today().to_string();
    post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "10"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    let page = format!("/finance/invoices/{a}");
    let response = app
        .submit(
            &client,
            &page,
            &format!("{page}/void"),
            &[("reason", "Wrong family")],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(state_of(&app, a), "90.00 overdue");
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn a_refund_reopens_the_balance_once() {
    let app = spawn_app().await;
    let home = household(&app);
    let a = invoice(&app, home.first, "DESK-A", "100.00", 60);
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/students/{}", home.first);
    let day = today().to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "100"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    let receipt = location(&response);
    assert_eq!(state_of(&app, a), "0.00 paid");
    let action = format!("{receipt}/refund");
    // A reason is required.
    let (response, _) = post(&app, &client, &receipt, &action, &[("reason", "")]).await;
    assert_eq!(response.status(), 422);
    assert_eq!(state_of(&app, a), "0.00 paid");

    let (response, token) = post(
        &app,
        &client,
        &receipt,
        &action,
        &[("reason", "Paid by bank too")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let refund = location(&response);
    assert_eq!(state_of(&app, a), "100.00 overdue");
    let numbers = receipts_of(&app, a);
    assert_eq!(numbers.len(), 2, "{numbers:?}");
    assert!(numbers[1].starts_with("RFD-"), "{numbers:?}");
    let html = app.page(&client, &refund).await;
    assert!(html.contains("Gives back receipt"), "{html}");
    assert!(html.contains("Paid by bank too"), "{html}");
    // Sent again, or refunded a second time: nothing more is given back.
    let page = app.page(&client, &receipt).await;
    let again = send(
        &app,
        &client,
        &page,
        &action,
        &token,
        &[("reason", "Paid by bank too")],
    )
    .await;
    assert_eq!(again.status(), 303);
    let twice = send(
        &app,
        &client,
        &page,
        &action,
        "another-token",
        &[("reason", "again")],
    )
    .await;
    assert_eq!(twice.status(), 400);
    assert_eq!(receipts_of(&app, a).len(), 2);
    assert_eq!(state_of(&app, a), "100.00 overdue");
    assert_balances_hold(&app);
}

/// The balance column of a statement page, as plain amounts, opening to closing.
fn balances(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse(".fdesk-statement tr").expect("selector");
    let cell = scraper::Selector::parse("td.num").expect("selector");
    doc.select(&rows)
        .filter_map(|row| row.select(&cell).last())
        .map(|c| {
            c.text()
                .collect::<String>()
                .chars()
                .filter(|ch| ch.is_ascii_digit() || *ch == '.' || *ch == '-')
                .collect()
        })
        .collect()
}

#[actix_web::test]
async fn statements_run_the_balance_as_counted_by_hand() {
    let app = spawn_app().await;
    let home = household(&app);
    // Issued 90, 60, 40 and 35 days ago; the second child's 20 days ago.
    let a = invoice(&app, home.first, "DESK-A", "100.00", 60);
    let b = invoice(&app, home.first, "DESK-B", "50.00", 30);
    invoice(&app, home.first, "DESK-C", "80.00", 10);
    let d = invoice(&app, home.first, "DESK-D", "40.00", 5);
    invoice(&app, home.second, "DESK-E", "60.00", -10);
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/students/{}", home.first);
    let day = today().to_string();
    // 170 over A, B and C (100, 50, 20); B's 50 given back; D voided.
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "170"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let on_b = ids(&app, "SELECT id FROM payments WHERE invoice_id = $1", b)[0];
    let receipt = format!("/finance/payments/{on_b}");
    post(
        &app,
        &client,
        &receipt,
        &format!("{receipt}/refund"),
        &[("reason", "Cheque bounced")],
    )
    .await;
    let page = format!("/finance/invoices/{d}");
    let voided = app
        .submit(
            &client,
            &page,
            &format!("{page}/void"),
            &[("reason", "Trip cancelled")],
        )
        .await;
    assert_eq!(
        voided.status(),
        303,
        "{}",
        voided.text().await.unwrap_or_default()
    );
    let _ = a;

    let from = (today() - Duration::days(50)).to_string();
    let range = format!("from={from}&to={day}");
    // By hand: A and B were issued before the range (150); then C +80 = 230, D +40
    // = 270; today the payments 100, 50, 20 (170, 120, 100), B's refund +50 (150),
    // D's void −40 (110).
    let html = app
        .page(
            &client,
            &format!("/finance/statements/students/{}?{range}", home.first),
        )
        .await;
    assert_eq!(
        balances(&html),
        [
            "150.00", "230.00", "270.00", "170.00", "120.00", "100.00", "150.00", "110.00",
            "110.00"
        ],
        "{html}"
    );
    for text in [
        "Opening balance",
        "Payment on DESK-A",
        "Refund on DESK-B",
        "DESK-D voided",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    // The family adds the second child's E, +60 twenty days ago.
    let html = app
        .page(
            &client,
            &format!("/finance/statements/families/{}?{range}", home.family),
        )
        .await;
    assert_eq!(
        balances(&html),
        [
            "150.00", "230.00", "270.00", "330.00", "230.00", "180.00", "160.00", "210.00",
            "170.00", "170.00"
        ],
        "{html}"
    );
    let owed: Total = diesel::sql_query(
        "SELECT sum(balance_due) AS total FROM invoices WHERE student_id = ANY($1) \
         AND deleted_at IS NULL AND status <> 'void'",
    )
    .bind::<diesel::sql_types::Array<SqlUuid>, _>(vec![home.first, home.second])
    .get_result(&mut app.conn())
    .expect("what is owed");
    assert_eq!(owed.total.to_string(), "170.00");
    // A start after the end is the reader's to fix.
    let response = app
        .get(
            &client,
            &format!(
                "/finance/statements/students/{}?from={day}&to={from}",
                home.first
            ),
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn receipts_and_statements_come_as_pdf_and_reach_the_guardians_once() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_configured(TestDatabase::new(), |s| s.smtp_url = Some(url));
    let home = household(&app);
    invoice(&app, home.first, "DESK-A", "100.00", 60);
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/students/{}", home.first);
    let day = today().to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "40"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    let receipt = location(&response);
    let statement = format!("/finance/statements/students/{}", home.first);
    for pdf in [
        format!("{receipt}/pdf?paper=a4"),
        format!("{statement}/pdf?paper=letter"),
        format!("{statement}/pdf"),
    ] {
        let response = app.get(&client, &pdf).await;
        assert_eq!(response.status(), 200, "{pdf}");
        let bytes = response.bytes().await.expect("a PDF");
        assert!(bytes.starts_with(b"%PDF"), "{pdf}");
    }
    let response = app
        .get(&client, &format!("{receipt}/pdf?paper=napkin"))
        .await;
    assert_eq!(response.status(), 400);

    #[derive(QueryableByName)]
    struct Address {
        #[diesel(sql_type = Text)]
        email: String,
    }
    let guardians: Vec<String> = diesel::sql_query(
        "SELECT DISTINCT coalesce(p.email, g.email) AS email FROM guardians g \
         LEFT JOIN guardian_people p ON p.id = g.person_id \
         WHERE g.student_id = $1 AND g.deleted_at IS NULL AND g.receives_invoices \
           AND coalesce(p.email, g.email) IS NOT NULL",
    )
    .bind::<SqlUuid, _>(home.first)
    .load::<Address>(&mut app.conn())
    .expect("guardians")
    .into_iter()
    .map(|a| a.email)
    .collect();
    assert!(!guardians.is_empty());
    let action = format!("{receipt}/email");
    let (response, token) = post(&app, &client, &receipt, &action, &[]).await;
    assert_eq!(response.status(), 303);
    let html = app.page(&client, &receipt).await;
    let again = send(&app, &client, &html, &action, &token, &[]).await;
    assert_eq!(again.status(), 303);
    for address in &guardians {
        let arrived = smtp.to(address);
        assert_eq!(arrived.len(), 1, "{address}: once");
        let data = &arrived[0].data;
        assert!(data.contains("application/pdf"), "{data}");
        assert!(data.contains("filename=\"receipt-rct-"), "{data}");
        assert!(
            arrived[0]
                .header("Subject")
                .unwrap_or_default()
                .contains("RCT-")
        );
    }
    let action = format!("{statement}/email");
    let (response, _) = post(&app, &client, &statement, &action, &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(smtp.to(&guardians[0]).len(), 2);
    assert_balances_hold(&app);
}

#[actix_web::test]
async fn the_desk_receipt_and_statement_speak_spanish() {
    let app = spawn_app().await;
    let home = household(&app);
    invoice(&app, home.first, "DESK-A", "100.00", 60);
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let client = app.signed_in(DemoUser::Accountant).await;
    let desk = format!("/finance/desk/families/{}", home.family);
    let html = app.page(&client, &desk).await;
    assert!(html.contains("Cobrar un pago"), "{html}");
    assert!(html.contains("Facturas pendientes"), "{html}");
    let day = today().to_string();
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "500"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(html.contains("Es más de lo adeudado"), "{html}");
    let (response, _) = post(
        &app,
        &client,
        &desk,
        &desk,
        &[
            ("amount", "25,50"),
            ("method", "cash"),
            ("paid_on", day.as_str()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let html = app.page(&client, &location(&response)).await;
    assert!(html.contains("Recibo RCT-"), "{html}");
    assert!(html.contains("Enviar a los tutores"), "{html}");
    let html = app
        .page(
            &client,
            &format!("/finance/statements/families/{}", home.family),
        )
        .await;
    assert!(html.contains("Estado de cuenta"), "{html}");
    assert!(html.contains("Saldo inicial"), "{html}");
    assert_balances_hold(&app);
}

//! Rules that reach beyond one row: payments within an invoice's balance and the
//! invoice following its payments, marks that keep the campus figures current,
//! and the derived daily summaries that nobody edits by hand.

use super::csv::{commit_to, finished, upload_to};
use super::{created_id, form_fields, id_of, northwind_id, value_of};
use crate::common::fixtures::{SessionBuilder, first_class};
use crate::common::{DemoUser, TestApp, count, csrf_token, expect_page, spawn_app};

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

/// An invoice's balance and status, as stored.
fn invoice_state(app: &TestApp, id: &str) -> String {
    value_of(
        &mut app.conn(),
        &format!("SELECT balance_due::text || ' ' || status::text AS value FROM invoices WHERE id = '{id}'"),
    )
    .expect("an invoice")
}

async fn pay(
    app: &TestApp,
    client: &reqwest::Client,
    invoice: &str,
    amount: &str,
) -> reqwest::Response {
    app.submit(
        client,
        "/payments/new",
        "/payments",
        &[
            ("invoice_id", invoice),
            ("paid_at", "2031-01-20T09:30"),
            ("amount", amount),
            ("method", "bank_transfer"),
        ],
    )
    .await
}

/// Posts the form found on `page` that posts to `action`, as the browser would.
async fn post_page_form(app: &TestApp, client: &reqwest::Client, page: &str, action: &str) -> u16 {
    let fields = form_fields(app, client, page, action).await;
    client
        .post(app.url(action))
        .form(&fields)
        .send()
        .await
        .expect("POST")
        .status()
        .as_u16()
}

#[actix_web::test]
async fn accountant_cannot_take_more_than_an_invoice_still_owes() {
    let app = spawn_app().await;
    let accountant = app.signed_in(DemoUser::Accountant).await;
    let invoice = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM invoices WHERE organization_id = {NW} AND deleted_at IS NULL \
             AND status IN ('issued', 'partially_paid') AND balance_due > 0 ORDER BY id LIMIT 1"
        ),
    );
    let before = invoice_state(&app, &invoice);
    let payments = count(&mut app.conn(), "payments");
    let balance = before.split(' ').next().expect("a balance").to_owned();
    let (whole, cents) = balance.split_once('.').expect("two decimals");
    let cents: i64 =
        whole.parse::<i64>().expect("a number") * 100 + cents.parse::<i64>().expect("cents");
    let too_much = format!("{}.{:02}", (cents + 1) / 100, (cents + 1) % 100);

    let response = pay(&app, &accountant, &invoice, &too_much).await;
    let html = expect_page(response, 422, "A payment cannot be more than that.").await;
    assert!(
        html.contains(&format!(
            "balance is {balance}. A payment cannot be more than that."
        )),
        "the form names the balance {balance}"
    );
    assert!(html.contains(&too_much), "the amount typed is kept");
    assert_eq!(
        count(&mut app.conn(), "payments"),
        payments,
        "nothing was stored"
    );
    assert_eq!(
        invoice_state(&app, &invoice),
        before,
        "the invoice is unchanged"
    );
}

#[actix_web::test]
async fn payments_move_the_invoice_balance_and_status_and_deleting_one_moves_them_back() {
    let app = spawn_app().await;
    let accountant = app.signed_in(DemoUser::Accountant).await;
    let student = id_of(
        &mut app.conn(),
        &format!("SELECT id FROM students WHERE organization_id = {NW} ORDER BY id LIMIT 1"),
    );
    let response = app
        .submit(
            &accountant,
            "/invoices/new",
            "/invoices",
            &[
                ("student_id", &student),
                ("issue_date", "2031-01-10"),
                ("due_date", "2031-03-10"),
                ("subtotal", "280.00"),
                ("tax_amount", "20.00"),
                ("status", "issued"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the invoice is added");
    let invoice = created_id(&response, "/invoices").to_string();
    assert_eq!(invoice_state(&app, &invoice), "300.00 issued");
    let number = value_of(
        &mut app.conn(),
        &format!("SELECT invoice_number AS value FROM invoices WHERE id = '{invoice}'"),
    );
    assert_eq!(
        number.as_deref(),
        Some("INV-2031-00001"),
        "the next number of 2031"
    );

    let first = pay(&app, &accountant, &invoice, "100.00").await;
    assert_eq!(first.status(), 303, "a part payment is taken");
    assert_eq!(invoice_state(&app, &invoice), "200.00 partially_paid");

    let rest = pay(&app, &accountant, &invoice, "200.00").await;
    assert_eq!(rest.status(), 303, "the rest is taken");
    let last = created_id(&rest, "/payments");
    assert_eq!(invoice_state(&app, &invoice), "0.00 paid");

    let payment = format!("/payments/{last}");
    let deleted = post_page_form(
        &app,
        &accountant,
        &format!("{payment}/delete"),
        &format!("{payment}/delete"),
    )
    .await;
    assert_eq!(deleted, 303, "the payment is deleted");
    assert_eq!(invoice_state(&app, &invoice), "200.00 partially_paid");

    let restored = post_page_form(
        &app,
        &accountant,
        "/payments/trash",
        &format!("{payment}/restore"),
    )
    .await;
    assert_eq!(restored, 303, "the payment is restored");
    assert_eq!(invoice_state(&app, &invoice), "0.00 paid");

    // Lowering the total below what was paid is refused, and the invoice stays paid.
    let edit = form_fields(
        &app,
        &accountant,
        &format!("/invoices/{invoice}/edit"),
        &format!("/invoices/{invoice}"),
    )
    .await;
    let lowered = super::with(edit, "subtotal", "100.00");
    let response = accountant
        .post(app.url(&format!("/invoices/{invoice}")))
        .form(&lowered)
        .send()
        .await
        .expect("POST");
    expect_page(response, 422, "more than its new total of 120.00").await;
    assert_eq!(invoice_state(&app, &invoice), "0.00 paid");
}

#[actix_web::test]
async fn minutes_late_on_a_present_mark_are_refused() {
    // The teacher marks a roll of their own class: others' rolls are not theirs to read.
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let (session, student) = {
        let mut conn = app.conn();
        let session = id_of(
            &mut conn,
            &format!(
                "SELECT s.id FROM attendance_sessions s JOIN classes c ON c.id = s.class_id \
                 JOIN staff t ON t.id = c.homeroom_teacher_id \
                 JOIN users u ON u.id = t.user_id AND u.email = 'teacher@northwind.test' \
                 WHERE s.organization_id = {NW} \
                 AND s.deleted_at IS NULL ORDER BY s.session_date DESC, s.id LIMIT 1"
            ),
        );
        let student = id_of(
            &mut conn,
            &format!(
                "SELECT st.id FROM students st WHERE st.organization_id = {NW} AND NOT EXISTS \
                 (SELECT 1 FROM attendance_records r WHERE r.student_id = st.id \
                  AND r.attendance_session_id = '{session}') ORDER BY st.id LIMIT 1"
            ),
        );
        (session, student)
    };
    let marks = count(&mut app.conn(), "attendance_records");
    let response = app
        .submit(
            &teacher,
            "/attendance-records/new",
            "/attendance-records",
            &[
                ("attendance_session_id", &session),
                ("student_id", &student),
                ("status", "present"),
                ("minutes_late", "5"),
            ],
        )
        .await;
    expect_page(
        response,
        422,
        "Minutes late can only be given with a late mark.",
    )
    .await;
    assert_eq!(
        count(&mut app.conn(), "attendance_records"),
        marks,
        "nothing was stored"
    );
}

#[actix_web::test]
async fn a_mark_on_a_daily_roll_updates_the_campus_figures_and_a_second_mark_is_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (session, campus, students) = {
        let mut conn = app.conn();
        let northwind = northwind_id(&mut conn);
        let class = first_class(&mut conn, northwind);
        let session = SessionBuilder::daily(northwind, class)
            .on(chrono::NaiveDate::from_ymd_opt(2031, 6, 2).expect("a date"))
            .insert(&mut conn)
            .to_string();
        let campus = id_of(
            &mut conn,
            &format!("SELECT campus_id AS id FROM attendance_sessions WHERE id = '{session}'"),
        );
        let students: Vec<String> = (0..2)
            .map(|n| {
                id_of(
                    &mut conn,
                    &format!(
                        "SELECT id FROM students WHERE organization_id = {NW} ORDER BY id LIMIT 1 OFFSET {n}"
                    ),
                )
            })
            .collect();
        (session, campus, students)
    };
    let figures = || {
        value_of(
            &mut app.conn(),
            &format!(
                "SELECT concat_ws(' ', total_present, total_tardy, attendance_percentage) AS value \
                 FROM campus_attendance_summaries WHERE campus_id = '{campus}' \
                 AND attendance_date = '2031-06-02' AND deleted_at IS NULL"
            ),
        )
    };
    let mark = |student: String, status: &'static str, late: &'static str| {
        let (app, admin, session) = (&app, &admin, session.clone());
        async move {
            app.submit(
                admin,
                "/attendance-records/new",
                "/attendance-records",
                &[
                    ("attendance_session_id", &session),
                    ("student_id", &student),
                    ("status", status),
                    ("minutes_late", late),
                ],
            )
            .await
        }
    };
    let response = mark(students[0].clone(), "present", "").await;
    assert_eq!(response.status(), 303);
    assert_eq!(figures().as_deref(), Some("1 0 100.00"));
    let response = mark(students[1].clone(), "late", "7").await;
    assert_eq!(response.status(), 303);
    let late = created_id(&response, "/attendance-records");
    assert_eq!(figures().as_deref(), Some("1 1 100.00"));

    let response = mark(students[1].clone(), "absent", "").await;
    expect_page(
        response,
        422,
        "This student already has a mark in this session.",
    )
    .await;

    let record = format!("/attendance-records/{late}");
    let deleted = post_page_form(
        &app,
        &admin,
        &format!("{record}/delete"),
        &format!("{record}/delete"),
    )
    .await;
    assert_eq!(deleted, 303);
    assert_eq!(
        figures().as_deref(),
        Some("1 0 100.00"),
        "the deleted mark no longer counts"
    );
}

#[actix_web::test]
async fn campus_attendance_summaries_can_be_read_but_not_changed() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM campus_attendance_summaries WHERE organization_id = {NW} \
             AND deleted_at IS NULL ORDER BY attendance_date DESC, id LIMIT 1"
        ),
    );
    let path = "/campus-attendance-summaries";
    let list = app.page(&admin, path).await;
    assert!(
        list.contains(&format!("{path}/{id}")),
        "the list shows the summaries"
    );
    for link in [
        format!("{path}/new"),
        format!("{path}/import"),
        format!("{path}/trash"),
    ] {
        assert!(!list.contains(&link), "the list offers no {link}");
    }
    let detail = app.page(&admin, &format!("{path}/{id}")).await;
    assert!(
        detail.contains("Attendance %"),
        "the detail shows the figures"
    );
    for link in [format!("{path}/{id}/edit"), format!("{path}/{id}/delete")] {
        assert!(!detail.contains(&link), "the detail offers no {link}");
    }
    for page in [
        format!("{path}/new"),
        format!("{path}/{id}/edit"),
        format!("{path}/{id}/delete"),
    ] {
        assert_eq!(app.get(&admin, &page).await.status(), 404, "{page}");
    }

    let token = csrf_token(&list).expect("token");
    let rows = count(&mut app.conn(), "campus_attendance_summaries");
    let stored = |app: &TestApp| {
        value_of(
            &mut app.conn(),
            &format!(
                "SELECT concat_ws(' ', total_present, notes, deleted_at) AS value \
                 FROM campus_attendance_summaries WHERE id = '{id}'"
            ),
        )
    };
    let before = stored(&app);
    for action in [
        path.to_owned(),
        format!("{path}/{id}"),
        format!("{path}/{id}/delete"),
    ] {
        let response = admin
            .post(app.url(&action))
            .form(&[
                ("csrf_token", token.as_str()),
                ("total_present", "9999"),
                ("notes", "typed in"),
            ])
            .send()
            .await
            .expect("POST");
        assert!(
            !response.status().is_success() && !response.status().is_redirection(),
            "POST {action} is refused, got {}",
            response.status()
        );
    }
    assert_eq!(count(&mut app.conn(), "campus_attendance_summaries"), rows);
    assert_eq!(stored(&app), before, "the summary is unchanged");
}

#[actix_web::test]
async fn imported_payments_move_the_invoice_balance_once_and_too_much_is_shown_before_import() {
    let app = spawn_app().await;
    let accountant = app.signed_in(DemoUser::Accountant).await;
    let invoice = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM invoices WHERE organization_id = {NW} AND deleted_at IS NULL \
             AND status = 'issued' AND balance_due > 10 ORDER BY id LIMIT 1"
        ),
    );
    let number = value_of(
        &mut app.conn(),
        &format!("SELECT invoice_number AS value FROM invoices WHERE id = '{invoice}'"),
    )
    .expect("a number");
    let before = invoice_state(&app, &invoice);
    let balance = before.split(' ').next().expect("a balance").to_owned();
    let (whole, cents) = balance.split_once('.').expect("two decimals");
    let whole: i64 = whole.parse().expect("a number");
    let cents: i64 = cents.parse().expect("cents");
    let header = "receipt_number,invoice_id,paid_at,amount,method";

    // More than the balance is shown on its line, and nothing is imported.
    let (_, preview) = upload_to(
        &app,
        &accountant,
        "/payments",
        &format!(
            "{header}\r\nRCT-2031-00901,{number},2031-01-20 09:30,{}.00,cash\r\n",
            whole + 1
        ),
    )
    .await;
    assert!(preview.contains("<strong>Line 2</strong>"), "{preview}");
    assert!(preview.contains("A payment cannot be more than that."));

    let csv = format!("{header}\r\nRCT-2031-00902,{number},2031-01-20 09:30,10.00,card\r\n");
    for (round, added) in [(1, "1 added"), (2, "0 added, 0 updated")] {
        let (status, preview) = upload_to(&app, &accountant, "/payments", &csv).await;
        assert_eq!(status, 200, "round {round}");
        let started = commit_to(&app, &accountant, "/payments", &preview, false).await;
        let done = finished(&app, &accountant, started).await;
        assert!(done.contains(added), "round {round}: {done}");
    }
    let left = whole * 100 + cents - 1000;
    assert_eq!(
        invoice_state(&app, &invoice),
        format!("{}.{:02} partially_paid", left / 100, left % 100),
        "the invoice counts the imported payment once"
    );
}

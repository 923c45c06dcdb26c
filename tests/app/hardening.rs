//! Guessing passwords does not pay: an account locks after consecutive failures
//! (and only its owner learns of it, by e-mail), and one address may only fail so
//! often for one e-mail address, or for many different ones; a school's staff
//! behind one address never block each other.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::db::schema::{email_outbox, login_history, organizations, users};

use crate::common::fixtures::{LoginHistoryBuilder, UserBuilder};
use crate::common::{
    DEMO_PASSWORD, DemoUser, TestApp, count, csrf_token, expect_page, spawn_app, wait_for_emails,
};

async fn wrong_password(app: &TestApp, client: &reqwest::Client, email: &str) -> String {
    let response = app.sign_in(client, email, "not the password").await;
    assert_eq!(response.status(), 401);
    response.text().await.expect("page")
}

fn failure_reasons(app: &TestApp) -> Vec<Option<String>> {
    login_history::table
        .order(login_history::created_at.asc())
        .select(login_history::failure_reason)
        .load(&mut app.conn())
        .expect("history")
}

/// The outbox rows to `to`: (subject, body).
pub(crate) fn emails_to(app: &TestApp, to: &str) -> Vec<(String, String)> {
    email_outbox::table
        .filter(email_outbox::to_address.eq(to))
        .order(email_outbox::created_at.asc())
        .select((email_outbox::subject, email_outbox::body_text))
        .load(&mut app.conn())
        .expect("outbox")
}

#[actix_web::test]
async fn a_locked_account_answers_like_a_wrong_password_and_its_owner_is_told_by_email() {
    let app = spawn_app().await;
    diesel::update(organizations::table.filter(organizations::name.eq("Northwind Academy")))
        .set(organizations::time_zone.eq("Pacific/Auckland"))
        .execute(&mut app.conn())
        .expect("the school's time zone");
    let client = app.client();
    let email = DemoUser::Teacher.email();
    for _ in 0..5 {
        let html = wrong_password(&app, &client, email).await;
        assert!(html.contains("That email and password do not match an account."));
        assert!(!html.contains("locked"), "the page never tells of a lock");
    }

    let right = app.sign_in(&client, email, DEMO_PASSWORD).await;
    assert_eq!(right.status(), 401, "even the right password waits");
    let html = right.text().await.expect("page");
    assert!(html.contains("That email and password do not match an account."));
    assert!(!html.contains("locked"));
    assert_eq!(
        failure_reasons(&app).last(),
        Some(&Some("locked".to_owned())),
        "the login history still says why"
    );

    let locked_until: Option<chrono::DateTime<Utc>> = users::table
        .filter(users::email.eq(email))
        .select(users::locked_until)
        .first(&mut app.conn())
        .expect("user");
    let locked_until = locked_until.expect("the fifth failure locks");
    assert!(
        (locked_until - (Utc::now() + Duration::minutes(15)))
            .num_seconds()
            .abs()
            < 60
    );

    // The owner is told once, with the time it opens again in the school's time zone.
    assert_eq!(wait_for_emails(&app, email, 1).await, 1);
    wrong_password(&app, &client, email).await;
    let emails = emails_to(&app, email);
    assert_eq!(
        emails.len(),
        1,
        "one e-mail when the lock starts: {emails:?}"
    );
    let (subject, body) = &emails[0];
    assert_eq!(subject, "Your Homeroom account is locked for now");
    let opens = locked_until.with_timezone(&homeroom::clock::zone("Pacific/Auckland"));
    let t = homeroom::i18n::Lang::default();
    let opens = format!(
        "{} {}",
        t.day_month(opens.date_naive()),
        t.time(opens.time())
    );
    assert!(body.contains(&format!("locked until {opens}")), "{body}");

    // A quarter of an hour later:
    diesel::update(users::table.filter(users::email.eq(email)))
        .set(users::locked_until.eq(Utc::now() - Duration::seconds(1)))
        .execute(&mut app.conn())
        .expect("time passes");
    assert_eq!(
        app.sign_in(&client, email, DEMO_PASSWORD).await.status(),
        303
    );
    let (failures, locked): (i32, Option<chrono::DateTime<Utc>>) = users::table
        .filter(users::email.eq(email))
        .select((users::failed_login_count, users::locked_until))
        .first(&mut app.conn())
        .expect("user");
    assert_eq!((failures, locked), (0, None));
}

/// The page with what differs by nature taken out: the form's CSRF token and the
/// e-mail address typed, which the form keeps.
fn comparable(html: &str, email: &str) -> String {
    let token = csrf_token(html).expect("a form token");
    html.replace(&token, "TOKEN").replace(email, "EMAIL")
}

#[actix_web::test]
async fn a_locked_account_and_an_unknown_email_get_the_same_page() {
    let app = spawn_app().await;
    let locked = DemoUser::Teacher.email();
    diesel::update(users::table.filter(users::email.eq(locked)))
        .set(users::locked_until.eq(Utc::now() + Duration::minutes(10)))
        .execute(&mut app.conn())
        .expect("lock");
    let unknown = "nobody@northwind.test";
    let wrong = DemoUser::Director.email();

    let mut pages = Vec::new();
    for (email, password) in [
        (locked, DEMO_PASSWORD),
        (locked, "not the password"),
        (unknown, DEMO_PASSWORD),
        (wrong, "not the password"),
    ] {
        let response = app.sign_in(&app.client(), email, password).await;
        let status = response.status();
        let html = response.text().await.expect("page");
        pages.push((status, comparable(&html, email)));
    }
    for (status, page) in &pages[1..] {
        assert_eq!(*status, pages[0].0);
        assert_eq!(page, &pages[0].1, "byte for byte the same page");
    }
    assert_eq!(pages[0].0, 401);
}

#[actix_web::test]
async fn a_wrong_current_password_on_the_profile_never_locks_the_account() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let email = DemoUser::Teacher.email();
    for _ in 0..5 {
        let response = app
            .submit(
                &teacher,
                "/profile",
                "/profile/password",
                &[
                    ("current_password", "not the password"),
                    ("new_password", "violet tractor harbour 42"),
                    ("new_password_again", "violet tractor harbour 42"),
                ],
            )
            .await;
        expect_page(response, 422, "That is not your current password.").await;
    }
    let (failures, locked): (i32, Option<chrono::DateTime<Utc>>) = users::table
        .filter(users::email.eq(email))
        .select((users::failed_login_count, users::locked_until))
        .first(&mut app.conn())
        .expect("user");
    assert_eq!((failures, locked), (0, None), "not counted toward the lock");
    assert_eq!(
        app.sign_in(&app.client(), email, DEMO_PASSWORD)
            .await
            .status(),
        303,
        "the teacher still signs in elsewhere"
    );
    assert!(emails_to(&app, email).is_empty(), "no lock notice");
}

#[actix_web::test]
async fn a_successful_sign_in_resets_the_count_of_failures() {
    let app = spawn_app().await;
    let client = app.client();
    let email = DemoUser::Director.email();
    for _ in 0..4 {
        wrong_password(&app, &client, email).await;
    }
    assert_eq!(
        app.sign_in(&app.client(), email, DEMO_PASSWORD)
            .await
            .status(),
        303
    );
    for _ in 0..4 {
        wrong_password(&app, &client, email).await;
    }
    let locked: Option<chrono::DateTime<Utc>> = users::table
        .filter(users::email.eq(email))
        .select(users::locked_until)
        .first(&mut app.conn())
        .expect("user");
    assert_eq!(locked, None, "four failures after a success do not lock");
    assert_eq!(
        app.sign_in(&client, email, DEMO_PASSWORD).await.status(),
        303
    );
}

#[actix_web::test]
async fn a_long_run_of_wrong_current_passwords_pauses_the_form_without_locking() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let email = DemoUser::Teacher.email();
    let user = crate::common::user_id(&mut app.conn(), email);
    let slipped = Utc::now() - Duration::minutes(5);
    for _ in 0..10 {
        LoginHistoryBuilder::new(email)
            .of_user(user)
            .failed("wrong_current_password")
            .by_address("127.0.0.1")
            .at(slipped)
            .insert(&mut app.conn());
    }
    let response = app
        .submit(
            &teacher,
            "/profile",
            "/profile/password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "violet tractor harbour 42"),
                ("new_password_again", "violet tractor harbour 42"),
            ],
        )
        .await;
    expect_page(response, 422, "Wait a quarter of an hour and try again.").await;
    assert_eq!(
        app.sign_in(&app.client(), email, DEMO_PASSWORD)
            .await
            .status(),
        303,
        "the password is unchanged and the account open"
    );
}

/// Failed sign-ins from 127.0.0.1 `minutes_ago`, one for each address.
fn failures_from_here(app: &TestApp, emails: &[String], minutes_ago: i64) {
    let at = Utc::now() - Duration::minutes(minutes_ago);
    let mut conn = app.conn();
    for email in emails {
        LoginHistoryBuilder::new(email)
            .failed("unknown_email")
            .by_address("127.0.0.1")
            .at(at)
            .insert(&mut conn);
    }
}

#[actix_web::test]
async fn thirty_teachers_behind_one_address_who_mistype_are_not_blocked() {
    let app = spawn_app().await;
    let staff = thirty_teachers(&app);
    let client = app.client();
    for email in &staff {
        for _ in 0..3 {
            wrong_password(&app, &client, email).await;
        }
    }
    for email in &staff {
        assert_eq!(
            app.sign_in(&app.client(), email, DEMO_PASSWORD)
                .await
                .status(),
            303,
            "{email} signs in after three typos, like everyone at the school"
        );
    }
}

/// Thirty teachers of Northwind, with the demo password.
fn thirty_teachers(app: &TestApp) -> Vec<String> {
    let mut conn = app.conn();
    let (organization_id, role, hash): (Option<uuid::Uuid>, Option<uuid::Uuid>, Option<String>) =
        users::table
            .filter(users::email.eq(DemoUser::Teacher.email()))
            .select((users::organization_id, users::app_role_id, users::password))
            .first(&mut conn)
            .expect("the demo teacher");
    let emails: Vec<String> = (1..=30)
        .map(|i| format!("teacher{i}@northwind.test"))
        .collect();
    for email in &emails {
        UserBuilder::new(email)
            .in_organization(organization_id.expect("the demo teacher's organization"))
            .with_role(role.expect("the demo teacher's role"))
            .password_hash(hash.as_deref().expect("the demo teacher's password"))
            .insert(&mut conn);
    }
    emails
}

#[actix_web::test]
async fn an_address_failing_for_many_accounts_is_answered_429_and_not_recorded() {
    let app = spawn_app().await;
    let client = app.client();
    // 49 addresses tried from here in this window, and older ones that no longer count.
    let sprayed: Vec<String> = (0..49).map(|i| format!("guess{i}@example.test")).collect();
    failures_from_here(&app, &sprayed, 4);
    let old: Vec<String> = (0..30).map(|i| format!("old{i}@example.test")).collect();
    failures_from_here(&app, &old, 6);
    // Failing again for the same addresses adds nothing: they are still 49.
    failures_from_here(&app, &sprayed[..10], 1);
    assert_eq!(
        app.sign_in(&app.client(), DemoUser::Teacher.email(), DEMO_PASSWORD)
            .await
            .status(),
        303,
        "49 addresses are not yet a spray"
    );

    // The fiftieth address reaches the limit.
    wrong_password(&app, &client, "someone@example.test").await;
    let before = count(&mut app.conn(), "login_history");
    let limited = app
        .sign_in(&app.client(), DemoUser::Director.email(), DEMO_PASSWORD)
        .await;
    assert_eq!(limited.status(), 429);
    let retry_after: i64 = limited.headers()["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(
        (1..=60).contains(&retry_after),
        "the oldest counted address leaves in about a minute: {retry_after}"
    );
    let html = limited.text().await.expect("page");
    assert!(html.contains("too many sign-in attempts from your network"));
    assert_eq!(
        count(&mut app.conn(), "login_history"),
        before,
        "nothing recorded"
    );

    // Another address is not affected.
    diesel::update(login_history::table)
        .set(login_history::ip_address.eq("192.0.2.7"))
        .execute(&mut app.conn())
        .expect("move them");
    assert_eq!(
        app.sign_in(&app.client(), DemoUser::Director.email(), DEMO_PASSWORD)
            .await
            .status(),
        303
    );
}

#[actix_web::test]
async fn one_address_failing_again_and_again_for_one_email_is_refused_for_that_email_only() {
    let app = spawn_app().await;
    let client = app.client();
    let guessed = "nobody@northwind.test".to_owned();
    failures_from_here(&app, &vec![guessed.clone(); 19], 2);
    wrong_password(&app, &client, &guessed).await;
    let limited = app.sign_in(&client, &guessed, "another guess").await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        app.sign_in(&client, DemoUser::Teacher.email(), DEMO_PASSWORD)
            .await
            .status(),
        303,
        "the rest of the school signs in"
    );
}

/// A form to post: the page it is on, where it posts, and its fields.
type FormPost<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// The median time of each kind of request, sent in turn so drift hits all alike.
async fn median_times(
    app: &TestApp,
    rounds: usize,
    kinds: &[FormPost<'_>],
) -> Vec<std::time::Duration> {
    let client = app.client();
    let mut pages = Vec::new();
    for (page, _, _) in kinds {
        let html = app.page(&client, page).await;
        pages.push(csrf_token(&html).expect("a form token"));
    }
    let mut times = vec![Vec::new(); kinds.len()];
    for _ in 0..rounds {
        for (i, (_, action, fields)) in kinds.iter().enumerate() {
            let mut all = vec![("csrf_token", pages[i].as_str())];
            all.extend_from_slice(fields);
            let started = std::time::Instant::now();
            let response = app.post_form(&client, action, &all).await;
            response.bytes().await.expect("body");
            times[i].push(started.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect()
}

/// Measures how long refusals take for known, locked and unknown e-mail addresses.
/// Run: `cargo test --release --test app -- --ignored --nocapture refusals_take`.
#[actix_web::test]
#[ignore = "a measurement; run it on a quiet machine"]
async fn refusals_take_the_same_time_whether_or_not_the_account_exists() {
    let app = crate::common::spawn_app_configured(crate::common::TestDatabase::new(), |s| {
        s.lockout_attempts = 100_000;
        s.login_failures_per_account = 0;
        s.login_spray_accounts = 0;
    });
    diesel::update(users::table.filter(users::email.eq(DemoUser::Director.email())))
        .set(users::locked_until.eq(Utc::now() + Duration::hours(1)))
        .execute(&mut app.conn())
        .expect("lock");
    let wrong = "not the password";
    let sign_in = median_times(
        &app,
        60,
        &[
            (
                "/login",
                "/login",
                &[("email", DemoUser::Teacher.email()), ("password", wrong)],
            ),
            (
                "/login",
                "/login",
                &[("email", DemoUser::Director.email()), ("password", wrong)],
            ),
            (
                "/login",
                "/login",
                &[("email", "nobody@northwind.test"), ("password", wrong)],
            ),
        ],
    )
    .await;
    let reset = median_times(
        &app,
        60,
        &[
            (
                "/password/forgot",
                "/password/forgot",
                &[("email", DemoUser::Office.email())],
            ),
            (
                "/password/forgot",
                "/password/forgot",
                &[("email", "nobody@northwind.test")],
            ),
        ],
    )
    .await;
    println!(
        "sign-in refused, median of 60: wrong password {:?}, locked {:?}, unknown e-mail {:?}",
        sign_in[0], sign_in[1], sign_in[2]
    );
    println!(
        "password reset asked, median of 60: known {:?}, unknown {:?}",
        reset[0], reset[1]
    );
}

//! Guessing passwords does not pay: an account locks after consecutive failures,
//! and one address may only fail so often.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::db::schema::{login_history, users};

use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, count, spawn_app};

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

#[actix_web::test]
async fn locked_account_shows_when_it_opens_again() {
    let app = spawn_app().await;
    let client = app.client();
    let email = DemoUser::Teacher.email();
    for _ in 0..4 {
        let html = wrong_password(&app, &client, email).await;
        assert!(html.contains("That email and password do not match an account."));
    }
    let fifth = wrong_password(&app, &client, email).await;
    assert!(
        fifth.contains(
            "This account is locked for 15 minutes after too many failed sign-in attempts."
        ),
        "the fifth failure locks"
    );

    let right = app.sign_in(&client, email, DEMO_PASSWORD).await;
    assert_eq!(right.status(), 401, "even the right password waits");
    let html = right.text().await.expect("page");
    assert!(html.contains("This account is locked for 15 minutes"));
    assert_eq!(
        failure_reasons(&app).last(),
        Some(&Some("locked".to_owned()))
    );

    let locked_until: Option<chrono::DateTime<Utc>> = users::table
        .filter(users::email.eq(email))
        .select(users::locked_until)
        .first(&mut app.conn())
        .expect("user");
    let locked_until = locked_until.expect("locked");
    assert!(
        (locked_until - (Utc::now() + Duration::minutes(15)))
            .num_seconds()
            .abs()
            < 60
    );

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
        let html = wrong_password(&app, &client, email).await;
        assert!(
            !html.contains("locked"),
            "four failures after a success do not lock"
        );
    }
}

#[actix_web::test]
async fn too_many_failures_from_one_address_are_answered_429_and_not_recorded() {
    let app = spawn_app().await;
    let client = app.client();
    // 19 failures from elsewhere in this window, and old ones that no longer count.
    let recent = Utc::now() - Duration::minutes(4);
    let old = Utc::now() - Duration::minutes(6);
    let rows: Vec<_> = (0..19)
        .map(|i| {
            (
                login_history::email.eq(format!("guess{i}@example.test")),
                login_history::success.eq(false),
                login_history::failure_reason.eq("unknown_email"),
                login_history::ip_address.eq("127.0.0.1"),
                login_history::created_at.eq(if i < 10 { recent } else { old }),
            )
        })
        .collect();
    diesel::insert_into(login_history::table)
        .values(rows)
        .execute(&mut app.conn())
        .expect("history");

    // 10 count; ten more failures reach the limit of 20.
    for _ in 0..10 {
        wrong_password(&app, &client, "someone@example.test").await;
    }
    let before = count(&mut app.conn(), "login_history");
    let limited = app
        .sign_in(&client, DemoUser::Teacher.email(), DEMO_PASSWORD)
        .await;
    assert_eq!(limited.status(), 429);
    let retry_after: i64 = limited.headers()["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(
        (1..=60).contains(&retry_after),
        "the oldest counted failure leaves in about a minute: {retry_after}"
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
        app.sign_in(&client, DemoUser::Teacher.email(), DEMO_PASSWORD)
            .await
            .status(),
        303
    );
}

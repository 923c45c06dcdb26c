//! Two-step sign-in: setting it up on the profile, signing in with a code or a
//! recovery code, wrong codes locking the account, and roles that require it.

use diesel::prelude::*;
use homeroom::db::schema::{auth_refresh_tokens, roles, users};
use totp_rs::{Builder, Secret};

use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, expect_page, spawn_app};

/// The code the user's app shows `ahead` steps of 30 seconds from now.
fn app_code(app: &TestApp, email: &str, ahead: u64) -> String {
    let secret: Option<String> = users::table
        .filter(users::email.eq(email))
        .select(users::mfa_totp_secret)
        .first(&mut app.conn())
        .expect("user");
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret.expect("a secret")).expect("base32"))
        .build()
        .expect("totp");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    totp.generate(now + 30 * ahead).to_string()
}

/// Sets up two-step sign-in for a signed-in client; returns the recovery codes.
async fn enrol(app: &TestApp, client: &reqwest::Client, email: &str) -> Vec<String> {
    let page = app.get(client, "/profile/mfa").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("page");
    assert!(
        html.contains(r#"src="data:image/png;base64,"#),
        "a QR code drawn on the server"
    );
    let code = app_code(app, email, 0);
    let response = app
        .submit(
            client,
            "/profile/mfa",
            "/profile/mfa/confirm",
            &[("code", &code)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("codes page");
    assert!(html.contains("they are shown only this once"));
    html.split("<li><code>")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_owned)
        .collect()
}

async fn sign_in_to_code_page(app: &TestApp, email: &str) -> reqwest::Client {
    let client = app.client();
    let response = app.sign_in(&client, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login/mfa");
    client
}

async fn give_code(app: &TestApp, client: &reqwest::Client, code: &str) -> reqwest::Response {
    app.submit(client, "/login/mfa", "/login/mfa", &[("code", code)])
        .await
}

#[actix_web::test]
async fn teacher_sets_up_two_step_sign_in_and_signs_in_with_a_code() {
    let app = spawn_app().await;
    let email = DemoUser::Teacher.email();
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let codes = enrol(&app, &teacher, email).await;
    assert_eq!(codes.len(), 10);
    let (enabled, stored): (bool, serde_json::Value) = users::table
        .filter(users::email.eq(email))
        .select((users::mfa_enabled, users::mfa_recovery_codes))
        .first(&mut app.conn())
        .expect("user");
    assert!(enabled);
    let stored = stored.as_array().expect("array").clone();
    assert_eq!(stored.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| !stored.contains(&serde_json::json!(c))),
        "only hashes are kept"
    );
    assert_eq!(
        app.get(&teacher, "/").await.status(),
        200,
        "the rotated session works"
    );

    let client = sign_in_to_code_page(&app, email).await;
    assert_eq!(
        app.get(&client, "/").await.status(),
        303,
        "a half-signed-in session opens nothing"
    );
    assert_eq!(app.get(&client, "/profile").await.status(), 303);
    let wrong = give_code(&app, &client, "000000").await;
    expect_page(wrong, 401, "That code did not work.").await;

    // The enrolment used this step's code; the app's next one is accepted.
    let done = give_code(&app, &client, &app_code(&app, email, 1)).await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/");
    assert_eq!(app.get(&client, "/").await.status(), 200);

    let replay = sign_in_to_code_page(&app, email).await;
    let again = give_code(&app, &replay, &app_code(&app, email, 1)).await;
    assert_eq!(again.status(), 401, "a code is accepted once");
    let pending: i64 = auth_refresh_tokens::table
        .filter(auth_refresh_tokens::mfa_pending.eq(true))
        .filter(auth_refresh_tokens::revoked_at.is_not_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(
        pending, 1,
        "the completed sign-in's pending session was rotated away"
    );
}

#[actix_web::test]
async fn a_recovery_code_signs_in_once() {
    let app = spawn_app().await;
    let email = DemoUser::Director.email();
    let director = app.signed_in(DemoUser::Director).await;
    let codes = enrol(&app, &director, email).await;

    let client = sign_in_to_code_page(&app, email).await;
    let done = give_code(&app, &client, &codes[3].to_uppercase()).await;
    assert_eq!(done.status(), 303);
    assert_eq!(app.get(&client, "/").await.status(), 200);
    let profile = app.page(&client, "/profile").await;
    assert!(profile.contains("You have 9 recovery codes left."));

    let again = sign_in_to_code_page(&app, email).await;
    assert_eq!(give_code(&app, &again, &codes[3]).await.status(), 401);
}

#[actix_web::test]
async fn wrong_codes_lock_the_account_like_wrong_passwords() {
    let app = spawn_app().await;
    let email = DemoUser::Accountant.email();
    let accountant = app.signed_in(DemoUser::Accountant).await;
    enrol(&app, &accountant, email).await;

    let client = sign_in_to_code_page(&app, email).await;
    for _ in 0..4 {
        assert_eq!(give_code(&app, &client, "123456").await.status(), 401);
    }
    let locked = give_code(&app, &client, "123456").await;
    assert_eq!(locked.status(), 303);
    assert_eq!(locked.headers()["location"], "/login");
    let login = app.page(&client, "/login").await;
    assert!(login.contains("This account is locked for 15 minutes"));
    let response = app.sign_in(&app.client(), email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 401, "locked even with the password");
}

#[actix_web::test]
async fn turning_two_step_sign_in_off_needs_a_code_or_the_password() {
    let app = spawn_app().await;
    let email = DemoUser::Office.email();
    let office = app.signed_in(DemoUser::Office).await;
    enrol(&app, &office, email).await;

    let refused = app
        .submit(
            &office,
            "/profile/mfa",
            "/profile/mfa/disable",
            &[("code", ""), ("password", "wrong")],
        )
        .await;
    expect_page(
        refused,
        422,
        "Enter a current code from your app, or your password",
    )
    .await;
    let done = app
        .submit(
            &office,
            "/profile/mfa",
            "/profile/mfa/disable",
            &[("code", ""), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(done.status(), 303);
    let (enabled, secret): (bool, Option<String>) = users::table
        .filter(users::email.eq(email))
        .select((users::mfa_enabled, users::mfa_totp_secret))
        .first(&mut app.conn())
        .expect("user");
    assert!(!enabled && secret.is_none());
    assert_eq!(
        app.sign_in(&app.client(), email, DEMO_PASSWORD)
            .await
            .headers()["location"],
        "/"
    );
}

#[actix_web::test]
async fn a_role_that_requires_two_step_sign_in_sends_its_users_to_set_it_up() {
    let app = spawn_app().await;
    diesel::update(roles::table.filter(roles::name.eq("Teacher")))
        .set(roles::require_mfa.eq(true))
        .execute(&mut app.conn())
        .expect("require");
    let email = DemoUser::Teacher.email();
    let teacher = app.signed_in(DemoUser::Teacher).await;
    for path in ["/", "/profile"] {
        let response = app.get(&teacher, path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/profile/mfa");
    }
    let page = app.page(&teacher, "/profile/mfa").await;
    assert!(page.contains("Your role requires two-step sign-in. Set it up to continue."));

    enrol(&app, &teacher, email).await;
    assert_eq!(app.get(&teacher, "/").await.status(), 200);
    let page = app.page(&teacher, "/profile/mfa").await;
    assert!(page.contains("Your role requires two-step sign-in, so it cannot be turned off."));

    // Other roles are untouched.
    let director = app.signed_in(DemoUser::Director).await;
    assert_eq!(app.get(&director, "/").await.status(), 200);
}

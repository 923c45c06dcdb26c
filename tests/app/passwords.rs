//! Passwords: the rules for a new one, changing it on the profile, and choosing one
//! from an e-mailed link (a reset or an invitation).

use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::auth::tokens::{self, PasswordToken};
use homeroom::db::schema::{email_outbox, users};

use crate::common::fixtures::UserBuilder;
use crate::common::{
    DEMO_PASSWORD, DemoUser, TestApp, TestDatabase, expect_page, spawn_app, spawn_app_configured,
    wait_for_emails,
};

const NEW_PASSWORD: &str = "violet tractor harbour 42";

/// The path of the last link e-mailed to `to`.
fn last_link(app: &TestApp, to: &str) -> Option<String> {
    let body: String = email_outbox::table
        .filter(email_outbox::to_address.eq(to))
        .order(email_outbox::created_at.desc())
        .select(email_outbox::body_text)
        .first(&mut app.conn())
        .ok()?;
    let at = body.find(&app.address)? + app.address.len();
    Some(body[at..].split_whitespace().next()?.to_owned())
}

async fn ask_for_reset(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    app.submit(
        client,
        "/password/forgot",
        "/password/forgot",
        &[("email", email)],
    )
    .await
}

/// Posts the "Choose your password" form of `link`, taking its token from `page`.
async fn choose_password(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    link: &str,
    password: &str,
    again: &str,
) -> reqwest::Response {
    app.submit(
        client,
        page,
        link,
        &[("password", password), ("password_again", again)],
    )
    .await
}

async fn change_password(
    app: &TestApp,
    client: &reqwest::Client,
    current: &str,
    new: &str,
    again: &str,
) -> reqwest::Response {
    let fields = [
        ("current_password", current),
        ("new_password", new),
        ("new_password_again", again),
    ];
    app.submit(client, "/profile", "/profile/password", &fields)
        .await
}

#[actix_web::test]
async fn forgot_password_answers_the_same_whether_or_not_the_account_exists() {
    let app = spawn_app().await;
    let client = app.client();
    let login = app.page(&client, "/login").await;
    assert!(login.contains(r#"<a href="/password/forgot">Forgot your password?</a>"#));

    let known = ask_for_reset(&app, &client, DemoUser::Teacher.email()).await;
    assert_eq!(known.status(), 200);
    let known = known.text().await.expect("page");
    let unknown = ask_for_reset(&app, &client, "nobody@northwind.test").await;
    assert_eq!(unknown.status(), 200);
    let unknown = unknown.text().await.expect("page");
    let sent = "we have sent it a link to choose a new password";
    assert!(known.contains(sent) && unknown.contains(sent));
    assert_eq!(wait_for_emails(&app, DemoUser::Teacher.email(), 1).await, 1);
    assert!(last_link(&app, DemoUser::Teacher.email()).is_some());
    assert!(
        last_link(&app, "nobody@northwind.test").is_none(),
        "no e-mail to a stranger"
    );

    let bad = ask_for_reset(&app, &client, "not an address").await;
    assert_eq!(bad.status(), 422);
    let bad = bad.text().await.expect("page");
    assert!(bad.contains("Enter the email address you sign in with"));
    assert!(bad.contains(r#"value="not an address""#), "the input stays");
}

#[actix_web::test]
async fn reset_link_works_once_and_expires() {
    let app = spawn_app().await;
    let client = app.client();
    let email = DemoUser::Teacher.email();
    ask_for_reset(&app, &client, email).await;
    wait_for_emails(&app, email, 1).await;
    let link = last_link(&app, email).expect("a link in the e-mail");
    assert!(link.starts_with("/password/set/"));

    let form = app.get(&client, &link).await;
    expect_page(form, 200, "Choose your password").await;

    let weak = choose_password(&app, &client, &link, &link, "password123", "password123").await;
    expect_page(weak, 422, "This password is too easy to guess.").await;
    let short = choose_password(&app, &client, &link, &link, "short", "short").await;
    expect_page(short, 422, "Use at least 10 characters.").await;
    let different = choose_password(
        &app,
        &client,
        &link,
        &link,
        NEW_PASSWORD,
        "violet tractor harbour 43",
    )
    .await;
    expect_page(different, 422, "The two passwords are not the same.").await;

    let done = choose_password(&app, &client, &link, &link, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/login");
    let login = app.page(&client, "/login").await;
    assert!(login.contains("Your password is set."));
    assert_eq!(
        app.sign_in(&app.client(), email, DEMO_PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.sign_in(&app.client(), email, NEW_PASSWORD)
            .await
            .status(),
        303
    );

    let again = app.get(&client, &link).await;
    assert_eq!(again.status(), 410, "a link works once");
    assert!(
        again
            .text()
            .await
            .expect("page")
            .contains("This link has expired or has already been used.")
    );

    // A new link, an hour and a bit later.
    ask_for_reset(&app, &client, email).await;
    wait_for_emails(&app, email, 2).await;
    let late = last_link(&app, email).expect("another link");
    assert_ne!(late, link);
    diesel::update(users::table.filter(users::email.eq(email)))
        .set(users::password_reset_token_expires_at.eq(Utc::now() - Duration::minutes(1)))
        .execute(&mut app.conn())
        .expect("expire");
    assert_eq!(app.get(&client, &late).await.status(), 410);
    let refused = app
        .submit(
            &app.client(),
            "/login",
            &late,
            &[
                ("password", "another fine password 9"),
                ("password_again", "another fine password 9"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 410);
    assert_eq!(
        app.sign_in(&app.client(), email, NEW_PASSWORD)
            .await
            .status(),
        303,
        "unchanged"
    );
}

#[actix_web::test]
async fn a_reset_signs_out_every_session_of_the_account() {
    let app = spawn_app().await;
    let signed_in = app.signed_in(DemoUser::Teacher).await;
    let client = app.client();
    ask_for_reset(&app, &client, DemoUser::Teacher.email()).await;
    wait_for_emails(&app, DemoUser::Teacher.email(), 1).await;
    let link = last_link(&app, DemoUser::Teacher.email()).expect("link");
    choose_password(&app, &client, &link, &link, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(app.get(&signed_in, "/").await.status(), 303);
}

#[actix_web::test]
async fn an_invitation_sets_the_first_password_and_confirms_the_email() {
    let app = spawn_app().await;
    let email = "new.teacher@northwind.test";
    let organization_id: uuid::Uuid = users::table
        .filter(users::email.eq(DemoUser::Teacher.email()))
        .select(users::organization_id.assume_not_null())
        .first(&mut app.conn())
        .expect("organization");
    let user_id = UserBuilder::new(email)
        .in_organization(organization_id)
        .invited()
        .insert(&mut app.conn());
    let token = tokens::issue_password_token(&mut app.conn(), user_id, PasswordToken::Invitation)
        .expect("token");
    let link = format!("/password/set/{token}");
    let client = app.client();
    let page = app.page(&client, &link).await;
    assert!(page.contains("Choose your password") && page.contains(email));
    let done = choose_password(&app, &client, &link, &link, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status(), 303);
    let verified: bool = users::table
        .find(user_id)
        .select(users::email_verified)
        .first(&mut app.conn())
        .expect("user");
    assert!(verified);
    assert_eq!(
        app.sign_in(&client, email, NEW_PASSWORD).await.status(),
        303
    );
}

#[actix_web::test]
async fn reset_requests_share_the_addresss_rate_limit() {
    // Asking for links to many different addresses is a spray, like failed sign-ins.
    let app = spawn_app_configured(TestDatabase::new(), |settings| {
        settings.login_spray_accounts = 20;
    });
    let client = app.client();
    for i in 0..20 {
        let response = ask_for_reset(&app, &client, &format!("someone{i}@example.test")).await;
        assert_eq!(response.status(), 200);
    }
    let limited = ask_for_reset(&app, &client, DemoUser::Teacher.email()).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert!(last_link(&app, DemoUser::Teacher.email()).is_none());
}

#[actix_web::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_other_devices() {
    let app = spawn_app().await;
    let laptop = app.signed_in(DemoUser::Office).await;
    let tablet = app.signed_in(DemoUser::Office).await;

    let wrong = change_password(&app, &laptop, "not it", NEW_PASSWORD, NEW_PASSWORD).await;
    expect_page(wrong, 422, "That is not your current password.").await;
    let weak = change_password(&app, &laptop, DEMO_PASSWORD, "qwertyuiop", "qwertyuiop").await;
    expect_page(weak, 422, "This password is too easy to guess.").await;

    let done = change_password(&app, &laptop, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status(), 303);
    assert!(
        crate::common::set_cookie(&done, "homeroom_session").is_some(),
        "the session rotates"
    );
    let profile = app.get(&laptop, "/profile").await;
    assert_eq!(profile.status(), 200, "this device stays signed in");
    assert!(
        profile
            .text()
            .await
            .expect("page")
            .contains("Your password is changed.")
    );
    assert_eq!(
        app.get(&tablet, "/").await.status(),
        303,
        "the other device is out"
    );
    assert_eq!(
        app.sign_in(&app.client(), DemoUser::Office.email(), NEW_PASSWORD)
            .await
            .status(),
        303
    );
}

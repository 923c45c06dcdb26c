use diesel::prelude::*;
use homeroom::db::schema::{auth_refresh_tokens, login_history, users};

use crate::common::{DEMO_PASSWORD, DemoUser, csrf_token, set_cookie, spawn_app};

#[actix_web::test]
async fn every_demo_account_signs_in_and_sees_its_dashboard() {
    let app = spawn_app().await;
    for who in DemoUser::ALL {
        let client = app.signed_in(who).await;
        let response = app.get(&client, "/").await;
        assert_eq!(response.status(), 200, "{}", who.email());
        let html = response.text().await.expect("dashboard");
        assert!(html.contains("Hello,"), "{} sees the greeting", who.email());
        assert!(
            html.contains(who.role()),
            "{} sees the role {}",
            who.email(),
            who.role()
        );
    }
}

#[actix_web::test]
async fn teacher_sees_their_classes_today() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Teacher).await;
    let html = app.get(&client, "/").await.text().await.expect("dashboard");
    assert!(html.contains("Your classes today"));
    assert!(
        !html.contains("No classes on your timetable today"),
        "the demo teacher has classes every day"
    );
}

#[actix_web::test]
async fn wrong_password_and_unknown_email_get_the_same_message_and_keep_the_email() {
    let app = spawn_app().await;
    let client = app.client();
    let wrong = app
        .sign_in(&client, "teacher@northwind.test", "not the password")
        .await;
    assert_eq!(wrong.status(), 401);
    let wrong_html = wrong.text().await.expect("page");
    let unknown = app
        .sign_in(&client, "nobody@northwind.test", "not the password")
        .await;
    assert_eq!(unknown.status(), 401);
    let unknown_html = unknown.text().await.expect("page");

    let message = "That email and password do not match an account.";
    assert!(wrong_html.contains(message));
    assert!(unknown_html.contains(message));
    assert!(
        wrong_html.contains(r#"value="teacher@northwind.test""#),
        "the email stays in the form"
    );

    let mut conn = app.conn();
    let failures: Vec<(String, bool, Option<String>)> = login_history::table
        .order(login_history::created_at.asc())
        .select((
            login_history::email,
            login_history::success,
            login_history::failure_reason,
        ))
        .load(&mut conn)
        .expect("login history");
    assert_eq!(
        failures,
        vec![
            (
                "teacher@northwind.test".to_owned(),
                false,
                Some("wrong_password".to_owned())
            ),
            (
                "nobody@northwind.test".to_owned(),
                false,
                Some("unknown_email".to_owned())
            ),
        ]
    );
}

#[actix_web::test]
async fn email_is_matched_without_regard_to_case() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app
        .sign_in(&client, "  Teacher@Northwind.TEST ", DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), 303);
}

#[actix_web::test]
async fn signed_out_visitor_is_sent_to_sign_in_and_back_afterwards() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app.get(&client, "/?from=bookmark").await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/login?next=/%3Ffrom%3Dbookmark"
    );

    let form = app
        .get(&client, "/login?next=/%3Ffrom%3Dbookmark")
        .await
        .text()
        .await
        .expect("form");
    assert!(form.contains(r#"name="next" value="/?from=bookmark""#));
    let signed_in = app
        .submit(
            &client,
            "/login?next=/%3Ffrom%3Dbookmark",
            "/login",
            &[
                ("email", "teacher@northwind.test"),
                ("password", DEMO_PASSWORD),
                ("next", "/?from=bookmark"),
            ],
        )
        .await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/?from=bookmark");
}

#[actix_web::test]
async fn sign_in_never_redirects_to_another_site() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app
        .submit(
            &client,
            "/login",
            "/login",
            &[
                ("email", "teacher@northwind.test"),
                ("password", DEMO_PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(
        response.headers()["location"],
        "/today",
        "the teacher's own landing page, not the other site"
    );
}

#[actix_web::test]
async fn sign_in_without_the_form_token_is_refused() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app
        .post_form(
            &client,
            "/login",
            &[
                ("email", "teacher@northwind.test"),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("This form has expired")
    );
    assert_eq!(
        crate::common::count(&mut app.conn(), "auth_refresh_tokens"),
        0
    );
}

#[actix_web::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Director).await;
    let dashboard = app.get(&client, "/").await.text().await.expect("dashboard");
    let token = csrf_token(&dashboard).expect("the sign-out form carries the token");

    let without_token = app.post_form(&client, "/logout", &[]).await;
    assert_eq!(without_token.status(), 403, "sign-out needs the CSRF token");

    let out = app
        .post_form(&client, "/logout", &[("csrf_token", &token)])
        .await;
    assert_eq!(out.status(), 303);
    assert_eq!(out.headers()["location"], "/login");
    let page = app
        .get(&client, "/login")
        .await
        .text()
        .await
        .expect("sign-in page");
    assert!(page.contains("You have signed out."));

    let revoked: i64 = auth_refresh_tokens::table
        .filter(auth_refresh_tokens::revoked_at.is_not_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(revoked, 1);
    assert_eq!(app.get(&client, "/").await.status(), 303);
}

#[actix_web::test]
async fn a_copied_session_cookie_stops_working_after_sign_out() {
    let app = spawn_app().await;
    let client = app.client();
    let signed_in = app
        .sign_in(&client, "office@northwind.test", DEMO_PASSWORD)
        .await;
    let key = set_cookie(&signed_in, "homeroom_session").expect("a session cookie");

    let copied = |path: &str| {
        app.client()
            .get(app.url(path))
            .header("Cookie", format!("homeroom_session={key}"))
            .send()
    };
    assert_eq!(copied("/").await.expect("request").status(), 200);

    let dashboard = app.get(&client, "/").await.text().await.expect("dashboard");
    let token = csrf_token(&dashboard).expect("token");
    app.post_form(&client, "/logout", &[("csrf_token", &token)])
        .await;

    assert_eq!(
        copied("/").await.expect("request").status(),
        303,
        "a revoked key no longer opens pages"
    );
}

#[actix_web::test]
async fn disabled_user_cannot_sign_in() {
    let app = spawn_app().await;
    diesel::update(users::table.filter(users::email.eq("accounts@northwind.test")))
        .set(users::disabled.eq(true))
        .execute(&mut app.conn())
        .expect("disable");
    let response = app
        .sign_in(&app.client(), "accounts@northwind.test", DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), 401);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("This account is disabled")
    );
}

#[actix_web::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app
        .sign_in(&client, "teacher@northwind.test", DEMO_PASSWORD)
        .await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("homeroom_session="))
        .expect("session cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    let key = set_cookie(&response, "homeroom_session").expect("value");
    let stored: Vec<String> = auth_refresh_tokens::table
        .select(auth_refresh_tokens::token_hash)
        .load(&mut app.conn())
        .expect("sessions");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], key, "only a hash of the key is stored");
}

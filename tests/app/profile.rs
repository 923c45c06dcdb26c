//! The profile page: your own details, kept as typed when something is wrong.

use diesel::prelude::*;
use homeroom::db::schema::users;

use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn everyone_finds_their_profile_in_the_menu_and_saves_their_details() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let dashboard = app.page(&teacher, "/").await;
    assert!(dashboard.contains(r#"<a href="/profile">Your profile</a>"#));

    let saved = app
        .submit(
            &teacher,
            "/profile",
            "/profile",
            &[
                ("first_name", " Ada "),
                ("last_name", "Lovelace"),
                ("phone", "+44 20 7946 0958"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let page = app.page(&teacher, "/profile").await;
    assert!(page.contains("Your details are saved."));
    assert!(page.contains(r#"value="Ada""#));
    let stored: (Option<String>, Option<String>, Option<String>) = users::table
        .filter(users::email.eq(DemoUser::Teacher.email()))
        .select((users::first_name, users::last_name, users::phone_number))
        .first(&mut app.conn())
        .expect("user");
    assert_eq!(
        stored,
        (
            Some("Ada".to_owned()),
            Some("Lovelace".to_owned()),
            Some("+44 20 7946 0958".to_owned())
        )
    );
}

#[actix_web::test]
async fn a_wrong_phone_number_comes_back_with_a_message_and_nothing_lost() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let before: Option<String> = users::table
        .filter(users::email.eq(DemoUser::Office.email()))
        .select(users::phone_number)
        .first(&mut app.conn())
        .expect("user");
    let response = app
        .submit(
            &office,
            "/profile",
            "/profile",
            &[
                ("first_name", "Grace"),
                ("last_name", "Hopper"),
                ("phone", "call <b>me</b>"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("page");
    assert!(html.contains("Use digits, spaces and + - ( ) only"));
    assert!(html.contains(r#"value="Grace""#) && html.contains(r#"value="Hopper""#));
    assert!(
        html.contains("call &#60;b&#62;me&#60;/b&#62;")
            || html.contains("call &lt;b&gt;me&lt;/b&gt;")
    );
    let after: Option<String> = users::table
        .filter(users::email.eq(DemoUser::Office.email()))
        .select(users::phone_number)
        .first(&mut app.conn())
        .expect("user");
    assert_eq!(before, after);
}

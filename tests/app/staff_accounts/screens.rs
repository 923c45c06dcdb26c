//! The pages of staff accounts in Chromium at a phone's, a tablet's and a desktop's size,
//! in English and in Spanish (longer): nothing scrolls sideways; screenshots to look at.

use super::new_teacher;
use crate::admin::user_id;
use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, read_text, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, spawn_app};
use fantoccini::Locator;

#[actix_web::test]
async fn the_staff_account_pages_fit_a_phone_a_tablet_and_a_desktop_in_both_languages() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = new_teacher(
        &app,
        &admin,
        ("Maximiliana", "Etxeberria-Villalobos"),
        Some("m.etxeberria@northwind.test"),
    )
    .await;
    let teacher = user_id(&app, DemoUser::Teacher.email());
    let pages = [
        ("staff-account", format!("/staff/{id}/account")),
        ("staff-invitations", "/staff/invitations".to_owned()),
        ("user-staff-notes", format!("/admin/users/{teacher}")),
    ];
    for language in ["en", "es"] {
        crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some(language));
        let (_driver, client) =
            signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), "h1").await;
        for (size, width) in [(PHONE, 390), (TABLET, 820), (DESKTOP, 1440)] {
            resize(&client, size).await;
            for (name, path) in &pages {
                open(&client, &app.url(path), "h1").await;
                assert_no_sideways_scrolling(&client, path).await;
                screenshot(
                    &client,
                    &format!("staff-accounts/{name}-{language}-{width}"),
                )
                .await;
            }
        }
        client.close().await.expect("close the browser");
    }
}

#[actix_web::test]
async fn invitations_go_out_in_the_browser_batch_after_batch_until_all_are_sent() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    for i in 0..26 {
        let last = format!("Browser{i:02}");
        let email = format!("kim.browser{i:02}@northwind.test");
        new_teacher(&app, &admin, ("Kim", &last), Some(&email)).await;
    }
    let (_driver, client) = signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), "h1").await;
    open(&client, &app.url("/staff/invitations"), "#invite-progress").await;
    client
        .find(Locator::Css("#invite-progress button[type=submit]"))
        .await
        .expect("the send button")
        .click()
        .await
        .expect("send");
    client
        .wait()
        .for_element(Locator::Css("#invite-progress .flash-success"))
        .await
        .expect("every batch is sent");
    let said = read_text(
        &client,
        "return document.querySelector('#invite-progress').innerText",
    )
    .await;
    assert!(said.contains("26 invitations were sent."), "{said}");
    let url = client.current_url().await.expect("the address");
    assert_eq!(url.path(), "/staff/invitations", "the page stayed put");
    screenshot(&client, "staff-accounts/invitations-sent-en-1440").await;
    client.close().await.expect("close the browser");
}

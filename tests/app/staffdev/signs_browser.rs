//! On a phone (390×844) a teacher opens the signs and practises one: every word to
//! choose is a large button and nothing scrolls sideways, in English and Spanish;
//! the pages are photographed on a tablet and a desktop too.

use fantoccini::{Client, Locator};

use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, measure, open, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, TestApp, spawn_app};

/// Gives the demo signs their drawn pictures, as a served demo does.
fn draw_pictures(app: &TestApp) {
    let settings = homeroom::config::Settings::for_tests(app.data_dir.clone());
    let files = homeroom::files::FileStore::new(&settings);
    let drawn = homeroom::demo::draw_sign_pictures(&mut app.conn(), &files).expect("drawn");
    assert_eq!(drawn, 20, "every demo sign gets a picture");
}

async fn practise_one(client: &Client, app: &TestApp, shots: &str) {
    open(
        client,
        &app.url("/staff-development/signs"),
        ".sd-sign-grid",
    )
    .await;
    assert_no_sideways_scrolling(client, "the signs").await;
    screenshot(client, &format!("{shots}-signs")).await;
    open(
        client,
        &app.url("/staff-development/signs/practice"),
        ".sd-practice-choices",
    )
    .await;
    assert_no_sideways_scrolling(client, "the self-test").await;
    let buttons = measure(
        client,
        "return document.querySelectorAll('.sd-practice-choices button').length",
    )
    .await;
    assert_eq!(buttons, 4.0, "four words to choose from");
    let smallest = measure(
        client,
        "return Math.min(...[...document.querySelectorAll('.sd-practice-choices button')]\
         .map(b => Math.min(b.getBoundingClientRect().height, b.getBoundingClientRect().width)))",
    )
    .await;
    assert!(
        smallest >= 44.0,
        "every word is a large target ({smallest}px)"
    );
    let picture = measure(
        client,
        "const img = document.querySelector('.sd-practice img'); \
         return img && img.complete ? img.naturalWidth : 0",
    )
    .await;
    assert!(picture > 0.0, "the sign's picture shows");
    screenshot(client, &format!("{shots}-practice")).await;
    client
        .find(Locator::Css(".sd-practice-choices button"))
        .await
        .expect("a word")
        .click()
        .await
        .expect("choose a word");
    client
        .wait()
        .for_element(Locator::Css(".flash"))
        .await
        .expect("the answer is told");
    assert_no_sideways_scrolling(client, "the self-test after an answer").await;
}

#[actix_web::test]
async fn a_teacher_practises_a_sign_on_a_phone() {
    let app = spawn_app().await;
    draw_pictures(&app);
    let (_driver, client) = signed_in_browser(&app, PHONE, DemoUser::Teacher.email(), "main").await;
    practise_one(&client, &app, "staffdev-signs-phone").await;
    for (size, name) in [(TABLET, "tablet"), (DESKTOP, "desktop")] {
        resize(&client, size).await;
        open(
            &client,
            &app.url("/staff-development/signs"),
            ".sd-sign-grid",
        )
        .await;
        screenshot(&client, &format!("staffdev-signs-{name}")).await;
        open(
            &client,
            &app.url("/staff-development/signs/practice"),
            ".sd-practice-choices",
        )
        .await;
        screenshot(&client, &format!("staffdev-signs-practice-{name}")).await;
    }
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn the_signs_fit_a_phone_in_spanish() {
    let app = spawn_app().await;
    draw_pictures(&app);
    crate::languages::set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let (_driver, client) = signed_in_browser(&app, PHONE, DemoUser::Teacher.email(), "main").await;
    practise_one(&client, &app, "staffdev-signs-phone-es").await;
    client.close().await.expect("close the browser");
}

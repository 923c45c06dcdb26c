//! On a phone (390×844): a teacher reads this week's frame and checks in a zone
//! with one tap on a large button, and nothing scrolls sideways.

use fantoccini::Locator;

use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, measure, open, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, TestApp, spawn_app};

/// Publishes a whole-school frame for this week, each section a long paragraph.
pub(crate) fn publish_this_weeks_frame(app: &TestApp) {
    use chrono::{Datelike, Duration};
    use diesel::prelude::*;
    let today = homeroom::clock::today(homeroom::clock::zone("UTC"));
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let text = "Greet every student at the door by name, and notice the ones who arrive late or quiet: a word at the door changes a morning.";
    diesel::sql_query(
        "INSERT INTO frame_entries (organization_id, week_of, posted_date, formal, recognition, \
         application, management, emotional, author, published_at) \
         SELECT id, $1, $1, $2, $2, $2, $2, $2, 'Marisol Quintero', now() \
         FROM organizations WHERE name = 'Northwind Academy'",
    )
    .bind::<diesel::sql_types::Text, _>(monday.to_string())
    .bind::<diesel::sql_types::Text, _>(text)
    .execute(&mut app.conn())
    .expect("a published frame");
}

#[actix_web::test]
async fn a_teacher_reads_the_frame_and_checks_in_a_zone_on_a_phone() {
    let app = spawn_app().await;
    publish_this_weeks_frame(&app);
    let (_driver, client) = signed_in_browser(&app, PHONE, DemoUser::Teacher.email(), "main").await;

    open(&client, &app.url("/staff-development/frame"), "h1").await;
    assert_no_sideways_scrolling(&client, "the weekly frame").await;
    screenshot(&client, "staffdev-frame-phone").await;
    let first = measure(
        &client,
        "const card = document.querySelector('.sd-frame'); \
         return card ? card.getBoundingClientRect().top : -1",
    )
    .await;
    assert!(first > 0.0, "this week's frame is on the page");

    open(&client, &app.url("/"), "#zone-check-in").await;
    assert_no_sideways_scrolling(&client, "the dashboard with the check-in").await;
    let smallest = measure(
        &client,
        "return Math.min(...[...document.querySelectorAll('.sd-zone-button')]\
         .map(b => Math.min(b.getBoundingClientRect().height, b.getBoundingClientRect().width)))",
    )
    .await;
    assert!(
        smallest >= 44.0,
        "every zone button is a large target ({smallest}px)"
    );
    screenshot(&client, "staffdev-zone-card-phone").await;
    client
        .find(Locator::Css(".sd-zone-button.sd-zone-yellow"))
        .await
        .expect("the yellow zone")
        .click()
        .await
        .expect("tap yellow");
    let flash = client
        .wait()
        .for_element(Locator::Css(".flash"))
        .await
        .expect("a message after the check-in");
    assert!(flash.text().await.expect("text").contains("Yellow"));

    open(
        &client,
        &app.url("/staff-development/zones"),
        ".sd-zone-week",
    )
    .await;
    assert_no_sideways_scrolling(&client, "the week of check-ins").await;
    screenshot(&client, "staffdev-zones-phone").await;
    for (size, name) in [(TABLET, "tablet"), (DESKTOP, "desktop")] {
        resize(&client, size).await;
        open(&client, &app.url("/staff-development/frame"), "h1").await;
        screenshot(&client, &format!("staffdev-frame-{name}")).await;
    }
}

#[actix_web::test]
async fn the_frame_in_spanish_fits_a_phone() {
    let app = spawn_app().await;
    publish_this_weeks_frame(&app);
    crate::languages::set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let (_driver, client) = signed_in_browser(&app, PHONE, DemoUser::Teacher.email(), "main").await;
    open(&client, &app.url("/staff-development/frame"), "h1").await;
    assert_no_sideways_scrolling(&client, "the weekly frame in Spanish").await;
    screenshot(&client, "staffdev-frame-phone-es").await;
    open(&client, &app.url("/"), "#zone-check-in").await;
    assert_no_sideways_scrolling(&client, "the dashboard in Spanish").await;
    screenshot(&client, "staffdev-zone-card-phone-es").await;
}

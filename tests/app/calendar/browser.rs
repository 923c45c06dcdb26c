//! In the browser: the month at a desktop's and a phone's width, in English and in
//! Spanish, never scrolling sideways; the screenshots land in
//! `target/screenshots/calendar/`.

use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn the_month_fits_a_desktop_a_tablet_and_a_phone_in_both_languages() {
    let app = spawn_app().await;
    let day = super::event_date(&app, "Winter concert");
    let (_driver, admin) = signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), "h1").await;
    let month = app.url(&format!("/calendar?date={day}"));
    open(&admin, &month, ".ecal-days").await;
    screenshot(&admin, "calendar/month-1440").await;
    assert_no_sideways_scrolling(&admin, "the month at 1440 px").await;
    resize(&admin, TABLET).await;
    screenshot(&admin, "calendar/month-820").await;
    assert_no_sideways_scrolling(&admin, "the month at 820 px").await;
    resize(&admin, PHONE).await;
    open(&admin, &month, ".ecal-days").await;
    screenshot(&admin, "calendar/month-390").await;
    assert_no_sideways_scrolling(&admin, "the month at 390 px").await;
    open(
        &admin,
        &app.url(&format!("/calendar/new?date={day}")),
        "#title",
    )
    .await;
    screenshot(&admin, "calendar/new-390").await;
    assert_no_sideways_scrolling(&admin, "the event form at 390 px").await;

    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    open(&admin, &month, ".ecal-days").await;
    screenshot(&admin, "calendar/month-390-es").await;
    assert_no_sideways_scrolling(&admin, "the month in Spanish at 390 px").await;
}

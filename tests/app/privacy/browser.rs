//! The access log's pages in a real browser, in Spanish (the longer language), on a
//! phone, a tablet and a desktop: nothing scrolls sideways.

use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, spawn_app, user_id};

#[actix_web::test]
async fn the_staff_page_and_the_tab_fit_a_phone_in_spanish() {
    let app = spawn_app().await;
    let (student, _) = super::a_student(&app);
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let (_driver, client) =
        signed_in_browser(&app, PHONE, DemoUser::Admin.email(), "main h1").await;
    let profile = app.url(&format!("/students/{student}/profile"));
    open(&client, &profile, "main h1").await;
    super::wait_for_view(&app, |r| r.student_id == Some(student)).await;
    let admin = user_id(&mut app.conn(), DemoUser::Admin.email());
    let today = super::northwind_today(&app);
    let pages = [
        ("privacy-tab", format!("{profile}?tab=seen#tab")),
        (
            "privacy-by-staff",
            app.url(&format!(
                "/privacy/access?user={admin}&from={today}&to={today}"
            )),
        ),
    ];
    for (name, url) in pages {
        for (size, label) in [(PHONE, "390"), (TABLET, "820"), (DESKTOP, "1440")] {
            resize(&client, size).await;
            open(&client, &url, "main h1").await;
            assert_no_sideways_scrolling(&client, &format!("{name} at {label}")).await;
            screenshot(&client, &format!("privacy/{name}-es-{label}")).await;
        }
    }
    client.close().await.expect("close the browser");
}

//! The student profile in a browser: photo, guardians and tabs fit a desktop and a
//! phone without sideways scrolling.

use crate::browser::{
    DESKTOP, PHONE, assert_no_sideways_scrolling, open, screenshot, signed_in_browser,
};
use crate::common::{DemoUser, spawn_app};
use crate::files::{png, upload};

use super::{enrolled_student, give_a_parent_of_two};

#[actix_web::test]
async fn the_profile_with_photo_guardians_and_tabs_fits_a_desktop_and_a_phone() {
    let app = spawn_app().await;
    let (student, _) = enrolled_student(&app);
    give_a_parent_of_two(&app, student);
    let office = app.signed_in(DemoUser::Office).await;
    let response = upload(
        &app,
        &office,
        "students",
        student,
        "portrait.png",
        &png(400, 400),
    )
    .await;
    assert!(response.status().is_redirection() || response.status().is_success());
    for (size, name) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        let (_driver, client) =
            signed_in_browser(&app, size, DemoUser::Office.email(), "main").await;
        let path = app.url(&format!("/students/{student}/profile"));
        open(&client, &path, "img.stu-photo").await;
        for css in [
            ".stu-guardian",
            "nav.tabs a[aria-current=\"page\"]",
            "#medical",
        ] {
            client
                .find(fantoccini::Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("{name}: {css}: {e}"));
        }
        screenshot(&client, &format!("students/profile-{name}")).await;
        assert_no_sideways_scrolling(&client, &format!("profile at {name} size")).await;
        open(&client, &format!("{path}?tab=history"), ".stu-panel").await;
        assert_no_sideways_scrolling(&client, &format!("history tab at {name} size")).await;
        screenshot(&client, &format!("students/profile-history-{name}")).await;
    }
}

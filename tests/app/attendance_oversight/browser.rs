//! The oversight pages in Chromium at tablet and phone size, with screenshots.

use chrono::Datelike;
use diesel::prelude::*;
use fantoccini::Locator;
use homeroom::db::schema::{attendance_records, attendance_sessions, staff};
use uuid::Uuid;

use crate::attendance::{northwind, staff_id_of};
use crate::browser::{
    PHONE, TABLET, assert_no_sideways_scrolling, browser, measure, open, screenshot, sign_in,
    start_driver,
};
use crate::common::spawn_app;

#[actix_web::test]
async fn a_director_sees_the_trend_and_a_students_calendar_on_a_tablet() {
    let app = spawn_app().await;
    let (org, _) = northwind(&app);
    let (student, latest): (Uuid, chrono::NaiveDate) = attendance_records::table
        .inner_join(attendance_sessions::table)
        .filter(attendance_sessions::organization_id.eq(org))
        .order((
            attendance_sessions::session_date.desc(),
            attendance_records::student_id.asc(),
        ))
        .select((
            attendance_records::student_id,
            attendance_sessions::session_date,
        ))
        .first(&mut app.conn())
        .expect("a marked student");
    let teacher = staff_id_of(&app, "teacher@northwind.test");
    let campus: Uuid = staff::table
        .find(teacher)
        .select(staff::campus_id.assume_not_null())
        .first(&mut app.conn())
        .expect("campus");

    let driver = start_driver();
    let client = browser(&driver, TABLET).await;
    sign_in(&client, &app.url("/login"), "director@northwind.test", "h1").await;

    open(&client, &app.url("/attendance/overview"), "svg.trend-chart").await;
    let chart_width = measure(
        &client,
        "return document.querySelector('svg.trend-chart').getBoundingClientRect().width",
    )
    .await;
    assert!(
        chart_width > 600.0,
        "the chart fills the card: {chart_width}"
    );
    screenshot(&client, "attendance-overview-tablet").await;

    let month = latest.with_day(1).expect("month");
    open(
        &client,
        &app.url(&format!(
            "/attendance/students/{student}?month={}",
            month.format("%Y-%m")
        )),
        "#calendar",
    )
    .await;
    let marked = client
        .find_all(Locator::Css("#calendar td.st-present, #calendar td.st-absent, #calendar td.st-late, #calendar td.st-excused"))
        .await
        .expect("days");
    assert!(!marked.is_empty(), "marked days are coloured");
    screenshot(&client, "student-calendar-tablet").await;

    client
        .set_window_size(PHONE.0, PHONE.1)
        .await
        .expect("phone size");
    for (path, ready, name) in [
        (
            format!(
                "/attendance/students/{student}?month={}",
                month.format("%Y-%m")
            ),
            "#calendar",
            "student-calendar-phone",
        ),
        (
            "/attendance/overview".to_owned(),
            "svg.trend-chart",
            "attendance-overview-phone",
        ),
        (
            format!("/attendance/campuses/{campus}/staff"),
            ".staff-sheet",
            "staff-attendance-phone",
        ),
    ] {
        client.goto(&app.url(&path)).await.expect("open");
        client
            .wait()
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, &path).await;
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

//! The timetable builder in Chromium at 1440 and 820 px: a timetabler builds two
//! lessons from the grid's cells, sees a third refused for the room's clash, and
//! prints the class's week.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types;
use fantoccini::wd::PrintConfiguration;
use fantoccini::{Client, Locator};

use super::{Subject, admin, make_draft, subjects_of};
use crate::browser::{
    DESKTOP, TABLET, assert_no_sideways_scrolling, open, read_text, resize, screenshot,
    signed_in_browser,
};
use crate::common::{DemoUser, TestApp, spawn_app};

/// Clears the draft's Mondays, so every class, teacher and room is free then.
fn clear_monday(app: &TestApp, draft: uuid::Uuid) {
    diesel::sql_query(
        "UPDATE timetable_periods SET deleted_at = now() \
         WHERE timetable_id = $1 AND day_of_week = 'monday'",
    )
    .bind::<sql_types::Uuid, _>(draft)
    .execute(&mut app.conn())
    .expect("clear Monday");
}

/// Waits until `n` live lessons are in `room`, then until the grid shows the class's.
async fn until_stored(
    app: &TestApp,
    client: &Client,
    (draft, class): (uuid::Uuid, uuid::Uuid),
    room: &str,
    n: i64,
) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while lessons_in(app, room) != n {
        assert!(Instant::now() < deadline, "{n} lessons in {room}");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    until_count(client, ".tt-lesson", lessons_after(app, draft, class)).await;
}

/// Clicks the empty Monday cell of the `nth` period (0 first) and adds `subject`
/// in `room` from the side panel.
async fn add_from_cell(client: &Client, nth: usize, subject: &Subject, room: &str) {
    let cells = client
        .find_all(Locator::Css("a.tt-add[aria-label*=\"Monday\"]"))
        .await
        .expect("Monday's empty cells");
    assert!(cells.len() > nth, "Monday has {} empty cells", cells.len());
    cells[nth]
        .clone()
        .click()
        .await
        .expect("open the add panel");
    let select = client
        .wait()
        .for_element(Locator::Css("#tt-cs"))
        .await
        .expect("the add form");
    select
        .select_by_value(&subject.id.to_string())
        .await
        .expect("choose the class subject");
    let room_field = client
        .find(Locator::Css("#tt-room-in"))
        .await
        .expect("the room field");
    room_field.send_keys(room).await.expect("type the room");
    client
        .find(Locator::Css("#tt-panel button[type=submit]"))
        .await
        .expect("the add button")
        .click()
        .await
        .expect("add the lesson");
}

/// Waits until the page shows `count` of `css`.
async fn until_count(client: &Client, css: &str, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let found = client.find_all(Locator::Css(css)).await.map(|v| v.len());
        if found.as_ref().is_ok_and(|n| *n == count) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{css}: {found:?}, expected {count}"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

fn lessons_in(app: &TestApp, room: &str) -> i64 {
    use homeroom::db::schema::timetable_periods as p;
    p::table
        .filter(p::room.eq(room))
        .filter(p::deleted_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

#[actix_web::test]
async fn a_timetabler_builds_two_lessons_in_the_grid_sees_a_clash_refused_and_prints() {
    let app = spawn_app().await;
    let http = admin(&app).await;
    let draft = make_draft(&app, &http).await;
    let subjects = subjects_of(&app, draft);
    let first = subjects[0].clone();
    let other = subjects
        .iter()
        .find(|s| s.class_id != first.class_id && s.teacher_id != first.teacher_id)
        .expect("a subject of another class and teacher")
        .clone();
    clear_monday(&app, draft);

    let (_driver, client) = signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), "main").await;
    let grid = app.url(&format!("/timetable/{draft}?class={}", first.class_id));
    open(&client, &grid, "table.tt-grid").await;

    let at = (draft, first.class_id);
    add_from_cell(&client, 0, &first, "Lab-7").await;
    until_stored(&app, &client, at, "Lab-7", 1).await;
    add_from_cell(&client, 0, &first, "Lab-7").await;
    until_stored(&app, &client, at, "Lab-7", 2).await;
    assert_eq!(
        lessons_in(&app, "Lab-7"),
        2,
        "two lessons built in the grid"
    );
    assert_no_sideways_scrolling(&client, "the class's grid at 1440 px").await;
    screenshot(&client, "timetable/two-lessons-1440").await;

    // Another class in Lab-7 at the first lesson's time: refused, naming it.
    let other_grid = app.url(&format!("/timetable/{draft}?class={}", other.class_id));
    open(&client, &other_grid, "table.tt-grid").await;
    add_from_cell(&client, 0, &other, "Lab-7").await;
    client
        .wait()
        .for_element(Locator::Css("#tt-panel .field-error"))
        .await
        .expect("the clash's message");
    let message = read_text(
        &client,
        "return document.querySelector('#tt-panel .field-error').textContent",
    )
    .await;
    assert!(message.contains("Lab-7 is already booked for"), "{message}");
    assert!(message.contains(&first.class_name), "{message}");
    assert_eq!(
        lessons_in(&app, "Lab-7"),
        2,
        "the refused lesson is not stored"
    );
    assert_no_sideways_scrolling(&client, "a refused clash at 1440 px").await;
    screenshot(&client, "timetable/clash-refused-1440").await;

    resize(&client, TABLET).await;
    assert_no_sideways_scrolling(&client, "a refused clash at 820 px").await;
    screenshot(&client, "timetable/clash-refused-820").await;

    // The print view, then the browser's own print (print media) to PDF.
    open(&client, &format!("{grid}&print=1"), ".tt-print").await;
    assert_no_sideways_scrolling(&client, "the print view at 820 px").await;
    screenshot(&client, "timetable/print-820").await;
    resize(&client, DESKTOP).await;
    assert_no_sideways_scrolling(&client, "the print view at 1440 px").await;
    screenshot(&client, "timetable/print-1440").await;
    let config = PrintConfiguration::builder()
        .build()
        .expect("a print configuration");
    let pdf = client.print(config).await.expect("print the week");
    assert!(pdf.starts_with(b"%PDF"), "Chromium printed a PDF");
    std::fs::write(
        crate::browser::screenshot_dir().join("timetable/print.pdf"),
        &pdf,
    )
    .expect("keep the printed PDF");
}

/// How many lesson boxes the class's grid shows: its live lessons.
fn lessons_after(app: &TestApp, draft: uuid::Uuid, class: uuid::Uuid) -> usize {
    use homeroom::db::schema::timetable_periods as p;
    let n: i64 = p::table
        .filter(p::timetable_id.eq(draft))
        .filter(p::class_id.eq(class))
        .filter(p::deleted_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    n as usize
}

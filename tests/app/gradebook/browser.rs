//! The gradebook on a tablet in Chromium: a teacher types a column with the keyboard
//! (Enter goes down, each cell saves on its own), reloads and sees the scores.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use super::{assessment, teachers_book};
use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, measure, open, resize, screenshot,
    signed_in_browser,
};
use crate::common::fixtures::enrolled_students;
use crate::common::{DemoUser, spawn_app};

const ENTER: &str = "\u{E007}";

/// Waits until no cell is still being saved and `n` results are stored.
async fn until_saved(app: &crate::common::TestApp, client: &Client, quiz: uuid::Uuid, n: i64) {
    use diesel::prelude::*;
    use homeroom::db::schema::assessment_results as r;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let saving = measure(
            client,
            "return document.querySelectorAll('.grade-cell.saving').length",
        )
        .await;
        let stored: i64 = r::table
            .filter(r::assessment_id.eq(quiz))
            .filter(r::score.is_not_null())
            .count()
            .get_result(&mut app.conn())
            .expect("count");
        if saving == 0.0 && stored == n {
            return;
        }
        assert!(Instant::now() < deadline, "{stored} of {n} scores stored");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn a_teacher_fills_a_column_with_the_keyboard_and_finds_it_after_a_reload() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let students = enrolled_students(&mut app.conn(), book.class);
    let quiz = assessment(&app, &book, ("quiz", 20, "published"));
    let (_driver, client) =
        signed_in_browser(&app, TABLET, DemoUser::Teacher.email(), "main").await;
    let grid = app.url(&format!("/gradebook/{}", book.id));
    open(&client, &grid, "#gradebook.js").await;

    let first = format!("#cell-{quiz}-{}", students[0]);
    client
        .find(Locator::Css(&first))
        .await
        .expect("the column's first cell")
        .click()
        .await
        .expect("click into it");
    let scores = ["18", "12,5", "20", "7", "15"];
    for score in scores {
        let cell = client.active_element().await.expect("the cell in focus");
        cell.send_keys(&format!("{score}{ENTER}"))
            .await
            .expect("type a score");
    }
    // Leaving the last cell saves it too.
    until_saved(&app, &client, quiz, scores.len() as i64).await;
    let height = measure(
        &client,
        &format!("return document.querySelector('{first}').getBoundingClientRect().height"),
    )
    .await;
    assert!(height >= 44.0, "a cell is a tap tall at 820 px: {height}");
    assert_no_sideways_scrolling(&client, "the gradebook on a tablet").await;
    screenshot(&client, "gradebook/column-typed-820").await;

    client.refresh().await.expect("reload");
    open(&client, &grid, "#gradebook.js").await;
    for (student, score) in students.iter().zip(scores) {
        let value = client
            .find(Locator::Css(&format!("#cell-{quiz}-{student}")))
            .await
            .expect("a cell")
            .prop("value")
            .await
            .expect("its value")
            .unwrap_or_default();
        assert_eq!(
            value,
            score.replace(',', "."),
            "the stored score shows after a reload"
        );
    }
    let letter = client
        .find(Locator::Css(&format!(
            "#cell-{quiz}-{} ~ .cell-letter",
            students[0]
        )))
        .await
        .expect("a letter")
        .text()
        .await
        .expect("its text");
    assert_eq!(letter, "A-", "18 of 20 is 90 %, an A- on the usual scale");
    screenshot(&client, "gradebook/reloaded-820").await;

    resize(&client, PHONE).await;
    assert_no_sideways_scrolling(&client, "the gradebook on a phone").await;
    screenshot(&client, "gradebook/phone-390").await;
    resize(&client, DESKTOP).await;
    screenshot(&client, "gradebook/desktop-1440").await;

    // Spanish runs longer: the phone still scrolls only the grid, not the page.
    crate::languages::set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    resize(&client, PHONE).await;
    client.refresh().await.expect("reload");
    open(&client, &grid, "#gradebook.js").await;
    assert_no_sideways_scrolling(&client, "the gradebook on a phone, in Spanish").await;
    screenshot(&client, "gradebook/phone-390-es").await;
}

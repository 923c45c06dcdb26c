//! The roll on a tablet in Chromium: mark all present, a late and an absent student,
//! then two taps with the connection cut, and every mark stored exactly once.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use super::{records, teachers_roll};
use crate::browser::{
    PHONE, TABLET, assert_no_sideways_scrolling, browser, screenshot, sign_in, start_driver,
};
use crate::common::{count, spawn_app};

/// Waits until the page's script has nothing left to send.
pub(crate) async fn until_saved(client: &Client) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let waiting = client
            .execute(
                "return JSON.parse(localStorage.getItem('homeroom.roll.queue') || '[]').length \
                 + document.querySelectorAll('.row-state.pending').length",
                vec![],
            )
            .await
            .expect("ask the page")
            .as_i64()
            .expect("a number");
        if waiting == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "{waiting} marks still not saved");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn tap(client: &Client, row: usize, what: &str) {
    client
        .find(Locator::Css(&format!(".roll-row:nth-child({row}) {what}")))
        .await
        .unwrap_or_else(|e| panic!("row {row} {what}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("tap row {row} {what}: {e}"));
}

pub(crate) async fn banner(client: &Client) -> String {
    client
        .execute(
            "var b = document.querySelector('[data-roll-banner]'); return b.hidden ? '' : b.textContent",
            vec![],
        )
        .await
        .expect("banner")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn a_teacher_takes_the_roll_on_a_tablet_online_and_offline() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let driver = start_driver();
    let client = browser(&driver, TABLET).await;
    sign_in(
        &client,
        &app.url("/login"),
        "teacher@northwind.test",
        ".roll-cards, .empty",
    )
    .await;
    screenshot(&client, "roll-today-tablet").await;
    match client.find(Locator::Css(".roll-card")).await {
        Ok(first) => first.click().await.expect("open today's first roll"),
        // A weekend has no timetable: open the class's daily roll directly.
        Err(_) => client
            .goto(&app.url(&roll.path))
            .await
            .expect("open the daily roll"),
    }
    client
        .wait()
        .for_element(Locator::Css(".roll-row"))
        .await
        .expect("the roll");
    assert_eq!(
        client.current_url().await.expect("url").path(),
        roll.path,
        "the first roll of the day is the daily roll"
    );
    screenshot(&client, "roll-open-tablet").await;

    client
        .find(Locator::Css("[data-mark-all]"))
        .await
        .expect("mark all present")
        .click()
        .await
        .expect("tap it");
    until_saved(&client).await;
    tap(&client, 1, ".mark-late span").await;
    tap(&client, 1, ".pick:nth-of-type(2) span").await;
    tap(&client, 2, ".mark-absent span").await;
    until_saved(&client).await;
    screenshot(&client, "roll-marked-tablet").await;

    let n = roll.students.len();
    let stored = records(&app, &roll);
    assert_eq!(stored.len(), n, "everyone is marked once");
    let of = |stored: &[super::StoredRecord], i: usize| {
        stored
            .iter()
            .find(|r| r.student_id == roll.students[i])
            .map(|r| (r.status.clone(), r.minutes_late))
            .expect("a mark")
    };
    assert_eq!(of(&stored, 0), ("late".to_owned(), Some(10)));
    assert_eq!(of(&stored, 1), ("absent".to_owned(), None));
    assert_eq!(of(&stored, 2), ("present".to_owned(), None));

    // The connection drops: two taps wait in the browser.
    client
        .execute(
            "window.realFetch = window.fetch; \
             window.fetch = function () { return Promise.reject(new TypeError('Failed to fetch')); };",
            vec![],
        )
        .await
        .expect("cut the connection");
    tap(&client, 3, ".mark-absent span").await;
    tap(&client, 4, ".mark-excused span").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while banner(&client).await != "2 marks not yet saved" {
        assert!(
            Instant::now() < deadline,
            "banner says {:?}",
            banner(&client).await
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&client, "roll-offline-tablet").await;
    assert_eq!(of(&records(&app, &roll), 2), ("present".to_owned(), None));

    // Back online: the queue goes, and every mark is stored exactly once.
    client
        .execute(
            "window.fetch = window.realFetch; window.dispatchEvent(new Event('online'));",
            vec![],
        )
        .await
        .expect("restore the connection");
    until_saved(&client).await;
    assert_eq!(banner(&client).await, "");
    let stored = records(&app, &roll);
    assert_eq!(stored.len(), n, "no mark doubled");
    assert_eq!(of(&stored, 2), ("absent".to_owned(), None));
    assert_eq!(of(&stored, 3), ("excused".to_owned(), None));
    assert_eq!(of(&stored, 0), ("late".to_owned(), Some(10)));
    let sessions: i64 = {
        use diesel::prelude::*;
        use homeroom::db::schema::attendance_sessions as s;
        s::table
            .filter(s::class_id.eq(roll.class_id))
            .filter(s::session_date.eq(roll.date))
            .count()
            .get_result(&mut app.conn())
            .expect("sessions")
    };
    assert_eq!(sessions, 1, "one session for the roll");
    assert!(count(&mut app.conn(), "absence_alerts") >= 2);

    // Reopening shows the saved marks.
    client.refresh().await.expect("reload");
    client
        .wait()
        .for_element(Locator::Css(".roll-row"))
        .await
        .expect("the roll");
    let checked = client
        .execute(
            "return document.querySelectorAll('.marks input:checked').length",
            vec![],
        )
        .await
        .expect("count")
        .as_u64()
        .expect("a number");
    assert_eq!(checked as usize, n);
    assert_no_sideways_scrolling(&client, "the roll").await;
    screenshot(&client, "roll-reopened-tablet").await;

    client
        .set_window_size(PHONE.0, PHONE.1)
        .await
        .expect("phone size");
    client.refresh().await.expect("reload");
    client
        .wait()
        .for_element(Locator::Css(".roll-row"))
        .await
        .expect("the roll");
    assert_no_sideways_scrolling(&client, "the roll on a phone").await;
    screenshot(&client, "roll-phone").await;
    client.close().await.expect("close the browser");
}

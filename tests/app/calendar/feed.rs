//! Each user's `.ics` feed: it parses, holds exactly the events its owner may see,
//! and a reset link stops the old address at once.

use std::collections::BTreeSet;

use icalendar::{Calendar, Component};

use super::{feed_path, guardian_client};
use crate::common::{DemoUser, csrf_token, spawn_app};

/// Every line of an iCalendar document ends in CRLF and is at most 75 octets.
fn assert_strict_lines(ics: &str) {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "a line ends in CRLF: {line:?}");
        assert!(line.len() <= 77, "a line folds at 75 octets: {line:?}");
    }
}

fn summaries(ics: &str) -> BTreeSet<String> {
    let calendar: Calendar = ics.parse().expect("the feed parses as iCalendar");
    calendar
        .events()
        .map(|e| e.get_summary().expect("a summary").to_owned())
        .collect()
}

#[actix_web::test]
async fn the_feed_parses_and_holds_exactly_the_events_its_owner_may_see() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let path = feed_path(&app.page(&admin, "/calendar").await);
    let anonymous = app.client();
    let response = app.get(&anonymous, &path).await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/calendar"))
    );
    let ics = response.text().await.expect("the feed");
    assert_strict_lines(&ics);
    let all: BTreeSet<String> = [
        "Fire drill",
        "Parent–teacher evening",
        "Science fair",
        "Term 2 fee deadline",
        "Winter concert",
        "Staff development day",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(summaries(&ics), all);
    let calendar: Calendar = ics.parse().expect("parses");
    for event in calendar.events() {
        let start = event.get_start().expect("a start");
        match event.get_summary() {
            Some("Term 2 fee deadline") => assert!(
                matches!(start, icalendar::DatePerhapsTime::Date(_)),
                "an all-day event starts on a date"
            ),
            Some("Fire drill") => assert!(
                matches!(start, icalendar::DatePerhapsTime::DateTime(_)),
                "a timed event starts at a time"
            ),
            _ => {}
        }
    }

    let (guardian, _) = guardian_client(&app).await;
    let path = feed_path(&app.page(&guardian, "/calendar").await);
    let ics = app.get(&anonymous, &path).await.text().await.expect("feed");
    let seen = summaries(&ics);
    assert!(seen.contains("Term 2 fee deadline"), "{seen:?}");
    assert!(!seen.contains("Staff development day"), "{seen:?}");
    assert!(
        !seen.contains("Fire drill"),
        "staff and students only: {seen:?}"
    );
}

#[actix_web::test]
async fn a_reset_link_answers_not_found_at_once_and_the_new_one_works() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, "/calendar").await;
    let old = feed_path(&page);
    let anonymous = app.client();
    assert_eq!(app.get(&anonymous, &old).await.status(), 200);
    assert_eq!(
        feed_path(&app.page(&teacher, "/calendar").await),
        old,
        "the link stays the same until it is reset"
    );
    let token = csrf_token(&page).expect("a token");
    let reset = app
        .post_form(
            &teacher,
            "/feeds/calendar/reset",
            &[("csrf_token", token.as_str()), ("back", "/calendar")],
        )
        .await;
    assert_eq!(reset.status(), 303);
    assert_eq!(app.get(&anonymous, &old).await.status(), 404);
    let page = app.page(&teacher, "/calendar").await;
    assert!(page.contains("Your feed link was reset."));
    let new = feed_path(&page);
    assert_ne!(new, old);
    assert_eq!(app.get(&anonymous, &new).await.status(), 200);
    assert_eq!(
        app.get(&anonymous, "/calendar/feed/not-a-token.ics")
            .await
            .status(),
        404
    );
}

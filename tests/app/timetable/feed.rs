//! A teacher's lessons as an iCalendar feed behind their secret link: it parses,
//! holds their lessons only, and a reset link stops the old one.

use diesel::prelude::*;
use diesel::sql_types;
use icalendar::{Calendar, CalendarComponent, Component};

use crate::attendance::{northwind, staff_id_of};
use crate::common::{DemoUser, TestApp, csrf_token, pin_clock, spawn_app};

/// The feed's path in the subscribe box of the teacher's week.
fn feed_path(week: &str) -> String {
    let at = week
        .find("/timetable/feed/")
        .expect("the week shows the feed link");
    let rest = &week[at..];
    rest[..rest.find('"').expect("the link ends")].to_owned()
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = sql_types::Text)]
    name: String,
}

/// "Class Subject" of each lesson the demo teacher has in the timetables in effect
/// today, any day of the week.
fn lesson_names(app: &TestApp, teacher: bool) -> Vec<String> {
    let staff = staff_id_of(app, "teacher@northwind.test");
    let today = homeroom::clock::today(homeroom::clock::zone(&northwind(app).1));
    let rows: Vec<Name> = diesel::sql_query(
        "SELECT c.name || ' ' || s.name AS name FROM timetable_periods p \
         JOIN timetables t ON t.id = p.timetable_id AND t.status = 'published' \
              AND t.deleted_at IS NULL \
              AND (t.effective_from IS NULL OR t.effective_from <= $2) \
              AND (t.effective_to IS NULL OR t.effective_to >= $2) \
         JOIN class_subjects cs ON cs.id = p.class_subject_id \
         JOIN classes c ON c.id = cs.class_id JOIN subjects s ON s.id = cs.subject_id \
         WHERE p.deleted_at IS NULL AND (cs.teacher_id = $1) = $3",
    )
    .bind::<sql_types::Uuid, _>(staff)
    .bind::<sql_types::Date, _>(today)
    .bind::<sql_types::Bool, _>(teacher)
    .load(&mut app.conn())
    .expect("lesson names");
    rows.into_iter().map(|r| r.name).collect()
}

#[actix_web::test]
async fn a_teachers_lessons_feed_parses_and_holds_their_lessons_only() {
    pin_clock();
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let week = app.page(&teacher, "/timetable/my-week").await;
    let path = feed_path(&week);

    // No session: the link alone opens it.
    let response = app.get(&app.client(), &path).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("a type")
            .starts_with("text/calendar")
    );
    let body = response.text().await.expect("the feed");
    let calendar: Calendar = body.parse().expect("the feed is valid iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let mine = lesson_names(&app, true);
    assert!(!mine.is_empty(), "the demo teacher teaches");
    // Seventeen weeks: four back, this one, twelve ahead.
    assert_eq!(events.len(), mine.len() * 17, "each lesson on each week");
    let theirs: Vec<String> = lesson_names(&app, false)
        .into_iter()
        .filter(|n| !mine.contains(n))
        .collect();
    for event in &events {
        let summary = event.get_summary().expect("a summary");
        assert!(
            mine.iter().any(|m| m == summary),
            "{summary} is the teacher's"
        );
        assert!(!theirs.iter().any(|t| t == summary), "{summary}");
        assert!(event.get_start().is_some() && event.get_end().is_some());
    }
    let mut uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "every lesson of every day once");
}

#[actix_web::test]
async fn resetting_the_lessons_link_stops_the_old_one() {
    pin_clock();
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let week = app.page(&teacher, "/timetable/my-week").await;
    let old = feed_path(&week);
    assert_eq!(app.get(&app.client(), &old).await.status(), 200);

    let token = csrf_token(&week).expect("a CSRF token");
    let reset = app
        .post_form(
            &teacher,
            "/feeds/lessons/reset",
            &[
                ("csrf_token", token.as_str()),
                ("back", "/timetable/my-week"),
            ],
        )
        .await;
    assert_eq!(reset.status(), 303);
    assert_eq!(
        app.get(&app.client(), &old).await.status(),
        404,
        "the old link stops at once"
    );
    let week = app.page(&teacher, "/timetable/my-week").await;
    let new = feed_path(&week);
    assert_ne!(new, old);
    assert_eq!(app.get(&app.client(), &new).await.status(), 200);

    let made_up = format!("/timetable/feed/{}.ics", "ab".repeat(32));
    assert_eq!(app.get(&app.client(), &made_up).await.status(), 404);
}

//! A teacher's own week from the timetable in effect, and the walkthrough's rooms
//! and suggestion read by the same rule: a draft, or a timetable that only starts
//! next week, never shows today.

use chrono::{Datelike, Duration};
use diesel::prelude::*;
use diesel::sql_types;

use super::{admin, make_draft, subjects_of};
use crate::attendance::{northwind, staff_id_of};
use crate::common::{DemoUser, TestApp, pin_clock, spawn_app};

#[derive(QueryableByName, Debug)]
struct Taught {
    #[diesel(sql_type = sql_types::Text)]
    class_name: String,
    #[diesel(sql_type = sql_types::Text)]
    subject_name: String,
}

/// The demo teacher's weekday lessons in the timetables in effect today.
fn taught_today(app: &TestApp) -> Vec<Taught> {
    let staff = staff_id_of(app, "teacher@northwind.test");
    let today = homeroom::clock::today(homeroom::clock::zone(&northwind(app).1));
    diesel::sql_query(
        "SELECT c.name AS class_name, s.name AS subject_name FROM timetable_periods p \
         JOIN timetables t ON t.id = p.timetable_id AND t.status = 'published' \
              AND t.deleted_at IS NULL \
              AND (t.effective_from IS NULL OR t.effective_from <= $2) \
              AND (t.effective_to IS NULL OR t.effective_to >= $2) \
         JOIN class_subjects cs ON cs.id = p.class_subject_id \
         JOIN classes c ON c.id = cs.class_id JOIN subjects s ON s.id = cs.subject_id \
         WHERE cs.teacher_id = $1 AND p.deleted_at IS NULL \
           AND p.day_of_week NOT IN ('saturday', 'sunday')",
    )
    .bind::<sql_types::Uuid, _>(staff)
    .bind::<sql_types::Date, _>(today)
    .load(&mut app.conn())
    .expect("the teacher's lessons")
}

/// A draft lesson of the demo teacher in a room no timetable has, on Monday at 07:00.
async fn lesson_in_new_room(app: &TestApp, room: &str) -> uuid::Uuid {
    let admin = admin(app).await;
    let draft = make_draft(app, &admin).await;
    let staff = staff_id_of(app, "teacher@northwind.test");
    let subject = subjects_of(app, draft)
        .into_iter()
        .find(|s| s.teacher_id == staff)
        .expect("a subject the demo teacher teaches");
    let added = super::add_lesson(
        app,
        &admin,
        draft,
        &subject,
        ("monday", "07:00", "07:40"),
        room,
    )
    .await;
    assert_eq!(added.status(), 303, "the early lesson is added");
    draft
}

/// The walkthrough form's suggestion for a room on the last Monday at 07:10.
async fn suggestion_for(app: &TestApp, director: &reqwest::Client, room: &str) -> String {
    let today = homeroom::clock::now().date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()) + 7);
    let query = serde_urlencoded::to_string([
        ("classroom", room),
        ("teacher", ""),
        ("check_in_date", &monday.to_string()),
        ("check_in_time", "07:10"),
    ])
    .expect("query");
    app.page(director, &format!("/walkthroughs/new/teacher?{query}"))
        .await
}

#[actix_web::test]
async fn teacher_sees_their_own_lessons_of_the_week_from_the_timetable_in_effect() {
    pin_clock();
    let app = spawn_app().await;
    let taught = taught_today(&app);
    assert!(!taught.is_empty(), "the demo teacher teaches this week");
    let teacher = app.signed_in(DemoUser::Teacher).await;

    let today = app.page(&teacher, "/today").await;
    assert!(
        today.contains("href=\"/timetable/my-week\""),
        "/today links to the week"
    );
    let week = super::unescaped(&app.page(&teacher, "/timetable/my-week").await);
    assert!(week.contains("My lessons this week"), "{week}");
    assert_eq!(
        week.matches("class=\"tt-lesson\"").count(),
        taught.len(),
        "each weekday lesson once: {taught:?}"
    );
    for lesson in &taught {
        assert!(week.contains(&lesson.class_name), "{lesson:?}");
        assert!(week.contains(&lesson.subject_name), "{lesson:?}");
    }

    // A lesson added to a draft is not the teacher's yet.
    lesson_in_new_room(&app, "Z-42").await;
    let week = app.page(&teacher, "/timetable/my-week").await;
    assert!(
        !week.contains("Z-42"),
        "a draft's lesson is not on the week"
    );
    assert_eq!(week.matches("class=\"tt-lesson\"").count(), taught.len());
}

#[actix_web::test]
async fn a_draft_timetables_lesson_never_shows_in_the_walkthrough_suggestion() {
    pin_clock();
    let app = spawn_app().await;
    lesson_in_new_room(&app, "Z-42").await;
    let director = app.signed_in(DemoUser::Director).await;

    let form = app.page(&director, "/walkthroughs/new").await;
    assert!(
        !form.contains("<option value=\"Z-42\">"),
        "a draft's room is not offered"
    );
    let suggestion = suggestion_for(&app, &director, "Z-42").await;
    assert!(
        !suggestion.contains("Timetable:"),
        "no teacher is suggested from a draft: {suggestion}"
    );
}

#[actix_web::test]
async fn a_room_of_next_weeks_timetable_is_not_offered_for_a_walkthrough_this_week() {
    pin_clock();
    let app = spawn_app().await;
    let draft = lesson_in_new_room(&app, "Z-43").await;
    let admin = admin(&app).await;
    let today = homeroom::clock::now().date_naive();
    let next_monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    let published = app
        .submit(
            &admin,
            &format!("/timetable/{draft}"),
            &format!("/timetable/{draft}/publish"),
            &[("from", next_monday.to_string().as_str())],
        )
        .await;
    assert_eq!(
        published.status(),
        303,
        "the draft is published from Monday"
    );

    let director = app.signed_in(DemoUser::Director).await;
    let form = app.page(&director, "/walkthroughs/new").await;
    assert!(
        !form.contains("<option value=\"Z-43\">"),
        "the room only starts next week"
    );
    let suggestion = suggestion_for(&app, &director, "Z-43").await;
    assert!(!suggestion.contains("Timetable:"), "{suggestion}");
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let week = app.page(&teacher, "/timetable/my-week").await;
    assert!(
        !week.contains("Z-43"),
        "this week keeps this week's timetable"
    );
}

#[actix_web::test]
async fn teachers_week_speaks_spanish() {
    pin_clock();
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, "teacher@northwind.test", Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let week = app.page(&teacher, "/timetable/my-week").await;
    assert!(week.contains("Mis clases de esta semana"), "{week}");
    assert!(week.contains("Mi semana"));
}

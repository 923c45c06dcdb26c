//! Clashes: a room or a teacher booked twice is refused, naming the lesson already
//! there, and nothing is stored; a clash that arises later is on the clash report.

use diesel::prelude::*;
use diesel::sql_types;

use super::{Subject, add_lesson, admin, lesson_count, make_draft, subjects_of};
use crate::common::{pin_clock, spawn_app};

/// Three class subjects: the first two in different classes with different
/// teachers, the third another class of the first one's teacher.
fn three_subjects(subjects: &[Subject]) -> (Subject, Subject, Subject) {
    for a in subjects {
        let same_teacher = subjects
            .iter()
            .find(|c| c.teacher_id == a.teacher_id && c.class_id != a.class_id);
        let other = subjects
            .iter()
            .find(|b| b.teacher_id != a.teacher_id && b.class_id != a.class_id);
        if let (Some(c), Some(b)) = (same_teacher, other) {
            return (a.clone(), b.clone(), c.clone());
        }
    }
    panic!("the demo campus has a teacher of two classes and another teacher");
}

const MONDAY_AFTER_SCHOOL: (&str, &str, &str) = ("monday", "16:00", "16:45");

#[actix_web::test]
async fn timetabler_booking_a_taken_room_is_told_which_lesson_has_it_and_nothing_is_stored() {
    pin_clock();
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let draft = make_draft(&app, &admin).await;
    let (first, second, _) = three_subjects(&subjects_of(&app, draft));

    let placed = add_lesson(&app, &admin, draft, &first, MONDAY_AFTER_SCHOOL, "N-12").await;
    assert_eq!(placed.status(), 303, "the first lesson in N-12 is stored");
    let before = lesson_count(&app, draft);

    let refused = add_lesson(&app, &admin, draft, &second, MONDAY_AFTER_SCHOOL, " n-12 ").await;
    assert_eq!(refused.status(), 422);
    let page = super::unescaped(&refused.text().await.expect("the grid with its message"));
    let expected = format!(
        "N-12 is already booked for {} {} with {} on Monday 16:00–16:45.",
        first.class_name, first.subject_name, first.teacher_name
    );
    assert!(
        page.contains(&expected),
        "the refusal names the other lesson: {expected}"
    );
    assert_eq!(
        lesson_count(&app, draft),
        before,
        "nothing is stored on a clash"
    );
}

#[actix_web::test]
async fn timetabler_giving_a_teacher_two_lessons_at_once_is_told_which_lesson_they_teach_and_nothing_is_stored()
 {
    pin_clock();
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let draft = make_draft(&app, &admin).await;
    let (first, _, same_teacher) = three_subjects(&subjects_of(&app, draft));

    let placed = add_lesson(&app, &admin, draft, &first, MONDAY_AFTER_SCHOOL, "N-12").await;
    assert_eq!(placed.status(), 303);
    let before = lesson_count(&app, draft);

    let refused = add_lesson(
        &app,
        &admin,
        draft,
        &same_teacher,
        MONDAY_AFTER_SCHOOL,
        "N-99",
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = super::unescaped(&refused.text().await.expect("the grid with its message"));
    let expected = format!(
        "{} already teaches {} {} in N-12 on Monday 16:00–16:45.",
        first.teacher_name, first.class_name, first.subject_name
    );
    assert!(
        page.contains(&expected),
        "the refusal names the other lesson: {expected}"
    );
    assert_eq!(
        lesson_count(&app, draft),
        before,
        "nothing is stored on a clash"
    );
}

#[actix_web::test]
async fn clash_report_lists_a_teacher_given_two_classes_at_once_and_publishing_waits_for_it() {
    pin_clock();
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let draft = make_draft(&app, &admin).await;
    let (first, second, _) = three_subjects(&subjects_of(&app, draft));
    let clean = app
        .page(&admin, &format!("/timetable/{draft}/clashes"))
        .await;
    assert!(
        clean.contains("No clashes"),
        "the copied timetable has no clash"
    );

    for (subject, room) in [(&first, "N-12"), (&second, "N-13")] {
        let placed = add_lesson(&app, &admin, draft, subject, MONDAY_AFTER_SCHOOL, room).await;
        assert_eq!(placed.status(), 303);
    }
    // The second class's subject is handed to the first teacher, who now has two
    // lessons at once: the rules cannot see it when it happens, the report does.
    diesel::sql_query("UPDATE class_subjects SET teacher_id = $1 WHERE id = $2")
        .bind::<sql_types::Uuid, _>(first.teacher_id)
        .bind::<sql_types::Uuid, _>(second.id)
        .execute(&mut app.conn())
        .expect("hand the subject to another teacher");

    let report = super::unescaped(
        &app.page(&admin, &format!("/timetable/{draft}/clashes"))
            .await,
    );
    let expected = format!(
        "{} teaches {} {} and {} {} at the same time on Monday 16:00–16:45.",
        first.teacher_name,
        first.class_name,
        first.subject_name,
        second.class_name,
        second.subject_name
    );
    let (a, b) = (
        format!("{} {}", first.class_name, first.subject_name),
        format!("{} {}", second.class_name, second.subject_name),
    );
    assert!(
        report.contains(&expected)
            || report.contains(
                &expected
                    .replace(&a, "\u{0}")
                    .replace(&b, &a)
                    .replace('\u{0}', &b)
            ),
        "the report names the teacher and both lessons: {expected}"
    );

    let published = app
        .submit(
            &admin,
            &format!("/timetable/{draft}"),
            &format!("/timetable/{draft}/publish"),
            &[("from", "2026-12-07")],
        )
        .await;
    assert_eq!(published.status(), 303);
    let status: String = homeroom::db::schema::timetables::table
        .filter(homeroom::db::schema::timetables::id.eq(draft))
        .select(diesel::dsl::sql::<sql_types::Text>("status::text"))
        .first(&mut app.conn())
        .expect("the draft's status");
    assert_eq!(status, "draft", "a draft with a clash is not published");
}

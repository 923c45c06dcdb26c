//! The day's rolls from the published timetable, with their state.

use homeroom::attendance::schedule::{RollState, Scope};
use homeroom::db::enums::{AttendanceSessionType, AttendanceStatus};

use super::{northwind, scheduled_rolls, school_day, staff_id_of};
use crate::common::fixtures::{SessionBuilder, enrolled_students};
use crate::common::spawn_app;

#[actix_web::test]
async fn a_teachers_day_lists_their_daily_roll_and_periods_not_yet_taken() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let teacher = staff_id_of(&app, "teacher@northwind.test");
    let day = school_day(&tz);

    let rolls = scheduled_rolls(&mut app.conn(), org, day, Scope::Teacher(teacher))
        .expect("the teacher's rolls");

    assert!(
        rolls
            .iter()
            .any(|r| r.session_type == AttendanceSessionType::Daily),
        "the homeroom teacher has a daily roll"
    );
    let periods: Vec<_> = rolls
        .iter()
        .filter(|r| r.session_type == AttendanceSessionType::Period)
        .collect();
    assert!(
        !periods.is_empty(),
        "the demo teacher teaches every weekday"
    );
    assert!(periods.iter().all(|r| r.period_starts_at.is_some()
        && r.subject_name.is_some()
        && r.teacher_staff_id == Some(teacher)));
    assert!(
        rolls.iter().all(|r| r.state == RollState::NotTaken),
        "today's rolls are not taken yet"
    );

    let campus = rolls[0].campus_id;
    let campus_rolls = scheduled_rolls(&mut app.conn(), org, day, Scope::Campus(campus))
        .expect("the campus's rolls");
    assert!(campus_rolls.len() > rolls.len());
    assert!(campus_rolls.iter().all(|r| r.campus_id == campus));
    let all = scheduled_rolls(&mut app.conn(), org, day, Scope::Organization)
        .expect("the organization's rolls");
    assert!(all.len() >= campus_rolls.len());
}

#[actix_web::test]
async fn a_roll_with_marks_for_everyone_counts_as_taken_and_some_as_partly_taken() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let teacher = staff_id_of(&app, "teacher@northwind.test");
    let day = school_day(&tz);
    let mut conn = app.conn();
    let rolls = scheduled_rolls(&mut conn, org, day, Scope::Teacher(teacher)).expect("rolls");
    let daily = rolls
        .iter()
        .find(|r| r.session_type == AttendanceSessionType::Daily)
        .expect("a daily roll");
    let periods = rolls
        .iter()
        .filter(|r| r.class_subject_id.is_some())
        .count();

    // Everyone present on the daily roll; two students on the first period.
    let everyone = enrolled_students(&mut conn, daily.class_id);
    SessionBuilder::daily(org, daily.class_id)
        .on_campus(daily.campus_id)
        .on(day)
        .marking_all(&everyone, AttendanceStatus::Present)
        .insert(&mut conn);
    let first = rolls
        .iter()
        .find(|r| r.class_subject_id.is_some())
        .expect("a period");
    let two: Vec<_> = enrolled_students(&mut conn, first.class_id)
        .into_iter()
        .take(2)
        .collect();
    assert_eq!(two.len(), 2, "the class has two students to mark");
    SessionBuilder::period(
        org,
        first.class_id,
        first.class_subject_id.expect("a class subject"),
    )
    .on_campus(first.campus_id)
    .on(day)
    .marking_all(&two, AttendanceStatus::Absent)
    .insert(&mut conn);

    let after = scheduled_rolls(&mut conn, org, day, Scope::Teacher(teacher)).expect("rolls");
    let daily_after = after
        .iter()
        .find(|r| r.session_type == AttendanceSessionType::Daily && r.class_id == daily.class_id)
        .expect("the daily roll");
    assert!(matches!(daily_after.state, RollState::Taken { .. }));
    let first_after = after
        .iter()
        .find(|r| r.class_subject_id == first.class_subject_id)
        .expect("the first period");
    assert!(matches!(
        first_after.state,
        RollState::Partial { marked: 2, enrolled } if enrolled > 2
    ));
    assert_eq!(
        after
            .iter()
            .filter(|r| r.class_subject_id.is_some())
            .count(),
        periods
    );
}

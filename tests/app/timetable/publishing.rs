//! Publishing a draft from a date: days before it keep the timetable they had.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types;
use homeroom::attendance::schedule::Scope;
use uuid::Uuid;

use super::{admin, make_draft};
use crate::attendance::{northwind, scheduled_rolls, staff_id_of};
use crate::common::{DemoUser, pin_clock, spawn_app};

/// The demo teacher's lessons of a day: (class subject, start), as the rolls read them.
fn lessons_on(app: &crate::common::TestApp, day: NaiveDate) -> Vec<(Option<Uuid>, String)> {
    let (org, _) = northwind(app);
    let teacher = staff_id_of(app, "teacher@northwind.test");
    scheduled_rolls(&mut app.conn(), org, day, Scope::Teacher(teacher))
        .expect("the teacher's rolls")
        .into_iter()
        .map(|r| (r.class_subject_id, format!("{:?}", r.period_starts_at)))
        .collect()
}

#[derive(QueryableByName)]
struct LessonRow {
    #[diesel(sql_type = sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = sql_types::Uuid)]
    class_subject_id: Uuid,
}

#[actix_web::test]
async fn a_timetable_published_from_next_monday_leaves_this_weeks_today_and_last_weeks_rolls_alone()
{
    pin_clock();
    let app = spawn_app().await;
    let (_, zone) = northwind(&app);
    let today = homeroom::access::local_today(homeroom::clock::zone(&zone));
    let weekday = today.weekday();
    let last_week = today - Duration::days(7);
    let next_week = today + Duration::days(7);
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let today_before = app.page(&teacher, "/today").await;
    let (this_week, before_last_week) = (lessons_on(&app, today), lessons_on(&app, last_week));
    assert!(!this_week.is_empty(), "the demo teacher teaches today");

    // The new timetable drops the teacher's first lesson on today's weekday.
    let admin = admin(&app).await;
    let draft = make_draft(&app, &admin).await;
    let staff = staff_id_of(&app, "teacher@northwind.test");
    let dropped: LessonRow = diesel::sql_query(
        "SELECT p.id, p.class_subject_id FROM timetable_periods p \
         JOIN class_subjects cs ON cs.id = p.class_subject_id \
         WHERE p.timetable_id = $1 AND cs.teacher_id = $2 AND p.deleted_at IS NULL \
           AND p.day_of_week = lower(trim(to_char($3::date, 'Day')))::day_of_week \
         ORDER BY p.starts_at LIMIT 1",
    )
    .bind::<sql_types::Uuid, _>(draft)
    .bind::<sql_types::Uuid, _>(staff)
    .bind::<sql_types::Date, _>(today)
    .get_result(&mut app.conn())
    .expect("a lesson of the teacher on today's weekday in the draft");
    let removed = app
        .submit(
            &admin,
            &format!("/timetable/{draft}"),
            &format!("/timetable/{draft}/lessons/{}/delete", dropped.id),
            &[],
        )
        .await;
    assert_eq!(removed.status(), 303);

    let next_monday = today + Duration::days(7 - i64::from(weekday.num_days_from_monday()));
    let from = next_monday.to_string();
    let published = app
        .submit(
            &admin,
            &format!("/timetable/{draft}"),
            &format!("/timetable/{draft}/publish"),
            &[("from", from.as_str())],
        )
        .await;
    assert_eq!(published.status(), 303);
    let after = app.page(&admin, &format!("/timetable/{draft}")).await;
    assert!(
        after.contains("Published: this timetable applies from"),
        "the flash says so"
    );

    assert_eq!(
        lessons_on(&app, today),
        this_week,
        "this week keeps its lessons"
    );
    assert_eq!(
        lessons_on(&app, last_week),
        before_last_week,
        "last week's rolls are unchanged"
    );
    let next = lessons_on(&app, next_week);
    assert_eq!(
        next.len() + 1,
        this_week.len(),
        "from next Monday the new timetable applies"
    );
    assert!(next.len() < this_week.len() && dropped.class_subject_id != Uuid::nil());
    let today_after = app.page(&teacher, "/today").await;
    let cards = |html: &str| html.matches("href=\"/roll/").count();
    assert_eq!(
        cards(&today_after),
        cards(&today_before),
        "/today shows the same rolls"
    );
}

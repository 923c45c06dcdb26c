//! The published weekly timetable of each campus.

use anyhow::Context;
use chrono::{NaiveDate, NaiveTime, Weekday};
use diesel::prelude::*;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::people::People;
use super::plan::{PERIODS, Plan};
use super::support::{insert_all, new_id, stream, time};
use crate::db::enums::{DayOfWeek, TimetableStatus};
use crate::db::schema::{timetable_periods, timetables};

/// A weekly lesson, as later parts need it.
pub struct Lesson {
    pub class: usize,
    pub teacher: usize,
    pub weekday: Weekday,
    pub starts_at: NaiveTime,
    pub room: String,
}

#[derive(Insertable)]
#[diesel(table_name = timetables)]
struct NewTimetable {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Uuid,
    academic_year_id: Uuid,
    name: String,
    effective_from: NaiveDate,
    effective_to: NaiveDate,
    status: TimetableStatus,
    import_hash: String,
}

#[derive(Insertable)]
#[diesel(table_name = timetable_periods)]
struct NewPeriod {
    id: Uuid,
    organization_id: Uuid,
    timetable_id: Uuid,
    class_subject_id: Uuid,
    day_of_week: DayOfWeek,
    starts_at: NaiveTime,
    ends_at: NaiveTime,
    room: String,
}

const WEEKDAYS: [(Weekday, DayOfWeek); 7] = [
    (Weekday::Mon, DayOfWeek::Monday),
    (Weekday::Tue, DayOfWeek::Tuesday),
    (Weekday::Wed, DayOfWeek::Wednesday),
    (Weekday::Thu, DayOfWeek::Thursday),
    (Weekday::Fri, DayOfWeek::Friday),
    (Weekday::Sat, DayOfWeek::Saturday),
    (Weekday::Sun, DayOfWeek::Sunday),
];

/// The room of the demo teacher's weekend periods.
pub const WEEKEND_ROOM: &str = "Weekend study hall";

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    people: &People,
    academics: &Academics,
) -> anyhow::Result<Vec<Lesson>> {
    let school = ctx.school;
    let mut rng = stream(school.key, "timetable");

    let timetable_rows: Vec<NewTimetable> = school
        .campuses
        .iter()
        .enumerate()
        .map(|(c, campus)| NewTimetable {
            id: new_id(&mut rng),
            organization_id: org.id,
            campus_id: org.campuses[c].id,
            academic_year_id: academics.year_id,
            name: format!("{} weekly timetable {}", campus.name, academics.year_name),
            effective_from: ctx.year_start,
            effective_to: ctx.year_end,
            status: TimetableStatus::Published,
            import_hash: format!(
                "demo:{}:timetable:{}:{}",
                school.key, campus.key, academics.year_name
            ),
        })
        .collect();
    insert_all!(conn, timetables::table, timetable_rows, "timetables");

    let mut lessons = Vec::new();
    let mut period_rows = Vec::new();
    let mut add =
        |cs: usize, day: usize, starts_at: NaiveTime, ends_at: NaiveTime, room: String| {
            let planned = &plan.class_subjects[cs];
            let class = &plan.classes[planned.class];
            let (weekday, day_of_week) = WEEKDAYS[day];
            period_rows.push(NewPeriod {
                id: new_id(&mut rng),
                organization_id: org.id,
                timetable_id: timetable_rows[class.campus].id,
                class_subject_id: academics.class_subject_ids[cs],
                day_of_week,
                starts_at,
                ends_at,
                room: room.clone(),
            });
            lessons.push(Lesson {
                class: planned.class,
                teacher: people.teachers[planned.teacher],
                weekday,
                starts_at,
                room,
            });
        };

    for &(cs, day, period) in &plan.timetable {
        let (sh, sm, eh, em) = PERIODS[period];
        let room = plan.teachers[plan.class_subjects[cs].teacher].room.clone();
        add(cs, day, time(sh, sm)?, time(eh, em)?, room);
    }

    // The demo teacher has a class today whatever day the demo is opened: their
    // homeroom class meets for a weekend study hall in the teacher's own subject.
    if school.demo_teacher.is_some() {
        let class = plan
            .demo_class(school)
            .context("the demo teacher's class is not in the plan")?;
        let teacher = plan.classes[class].homeroom_teacher;
        let cs = plan
            .class_subjects
            .iter()
            .position(|cs| cs.class == class && cs.teacher == teacher && cs.subject == "ENG")
            .or_else(|| {
                plan.class_subjects
                    .iter()
                    .position(|cs| cs.class == class && cs.teacher == teacher)
            })
            .context("the demo teacher teaches nothing to their class")?;
        for day in [5, 6] {
            add(
                cs,
                day,
                time(10, 0)?,
                time(11, 30)?,
                WEEKEND_ROOM.to_owned(),
            );
        }
    }

    insert_all!(
        conn,
        timetable_periods::table,
        period_rows,
        "timetable periods"
    );
    Ok(lessons)
}

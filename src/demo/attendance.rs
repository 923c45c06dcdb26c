//! Daily registers of the last weeks and the campus summaries derived from them.

use anyhow::Context;
use chrono::{NaiveDate, TimeDelta};
use diesel::prelude::*;
use rand::Rng;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::people::People;
use super::plan::Plan;
use super::support::{ROWS_PER_COPY, copy_all, new_id, pick, school_days, stream, weighted};
use crate::db::enums::{AttendanceSessionType, AttendanceStatus};
use crate::db::schema::{attendance_records, attendance_sessions};

pub struct AttendanceCounts {
    pub days: usize,
    pub records: usize,
}

#[derive(Insertable)]
#[diesel(table_name = attendance_sessions)]
#[diesel(treat_none_as_default_value = false)]
struct NewSession {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Uuid,
    class_id: Uuid,
    taken_by_id: Uuid,
    session_date: NaiveDate,
    session_type: AttendanceSessionType,
}

#[derive(Insertable)]
#[diesel(table_name = attendance_records)]
#[diesel(treat_none_as_default_value = false)]
struct NewRecord {
    id: Uuid,
    organization_id: Uuid,
    attendance_session_id: Uuid,
    student_id: Uuid,
    status: AttendanceStatus,
    minutes_late: Option<i32>,
    remarks: Option<&'static str>,
}

/// How often a student is absent, late or excused, in percent.
#[derive(Clone, Copy)]
struct Habit {
    absent: u32,
    late: u32,
    excused: u32,
}

const USUAL: Habit = Habit {
    absent: 3,
    late: 3,
    excused: 1,
};
const CHRONICALLY_ABSENT: Habit = Habit {
    absent: 18,
    late: 6,
    excused: 3,
};

const LATE_REMARKS: &[&str] = &[
    "Bus was late",
    "Doctor's appointment",
    "Overslept",
    "Traffic",
];
const EXCUSED_REMARKS: &[&str] = &[
    "Medical appointment",
    "Family event, note received",
    "Sick, parent called",
];

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    people: &People,
    academics: &Academics,
) -> anyhow::Result<AttendanceCounts> {
    let school = ctx.school;
    let first = (ctx.today - TimeDelta::days(school.attendance_days)).max(ctx.year_start);
    let days = school_days(first, ctx.today - TimeDelta::days(1));

    // Habits are drawn apart from the days, so a student's profile does not depend on the date.
    let mut habits_rng = stream(school.key, "attendance-habits");
    let habits: Vec<Habit> = people
        .students
        .iter()
        .map(|_| {
            if habits_rng.random_range(0..100) < 3 {
                CHRONICALLY_ABSENT
            } else {
                USUAL
            }
        })
        .collect();

    let rosters = people.rosters(plan.classes.len());

    let mut rng = stream(school.key, "attendance");
    let mut sessions = Vec::new();
    let mut records = Vec::new();
    let mut written = 0;
    for &day in &days {
        for (class_index, class) in plan.classes.iter().enumerate() {
            let session = NewSession {
                id: new_id(&mut rng),
                organization_id: org.id,
                campus_id: org.campuses[class.campus].id,
                class_id: academics.class_ids[class_index],
                taken_by_id: people.staff[people.teachers[class.homeroom_teacher]].id,
                session_date: day,
                session_type: AttendanceSessionType::Daily,
            };
            for &student in &rosters[class_index] {
                let habit = habits[student];
                let status = weighted(
                    &mut rng,
                    &[
                        (
                            AttendanceStatus::Present,
                            100 - habit.absent - habit.late - habit.excused,
                        ),
                        (AttendanceStatus::Absent, habit.absent),
                        (AttendanceStatus::Late, habit.late),
                        (AttendanceStatus::Excused, habit.excused),
                    ],
                );
                let (minutes_late, remarks) = match status {
                    AttendanceStatus::Late => (
                        Some(rng.random_range(2..=25)),
                        rng.random_bool(0.4).then(|| *pick(&mut rng, LATE_REMARKS)),
                    ),
                    AttendanceStatus::Excused => (None, Some(*pick(&mut rng, EXCUSED_REMARKS))),
                    _ => (None, None),
                };
                records.push(NewRecord {
                    id: new_id(&mut rng),
                    organization_id: org.id,
                    attendance_session_id: session.id,
                    student_id: people.students[student].id,
                    status,
                    minutes_late,
                    remarks,
                });
            }
            sessions.push(session);
        }
        // Written as they are drawn, so a district's year never sits in memory whole.
        if records.len() >= ROWS_PER_COPY {
            written += write(conn, &mut sessions, &mut records)?;
            ctx.progress.say(format_args!(
                "{}: attendance up to {day}, {written} marks",
                school.name
            ));
        }
    }
    written += write(conn, &mut sessions, &mut records)?;

    if let (Some(&from), Some(&to)) = (days.first(), days.last()) {
        crate::attendance::summary::refresh_summaries(conn, org.id, None, from, to)
            .context("campus attendance summaries")?;
    }
    Ok(AttendanceCounts {
        days: days.len(),
        records: written,
    })
}

/// Copies the sessions and records drawn so far, sessions first for the foreign
/// key, and empties both lists. Returns how many records were written.
fn write(
    conn: &mut PgConnection,
    sessions: &mut Vec<NewSession>,
    records: &mut Vec<NewRecord>,
) -> anyhow::Result<usize> {
    copy_all!(
        conn,
        attendance_sessions::table,
        sessions,
        "attendance sessions"
    );
    copy_all!(
        conn,
        attendance_records::table,
        records,
        "attendance records"
    );
    let written = records.len();
    sessions.clear();
    records.clear();
    Ok(written)
}

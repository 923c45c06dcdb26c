//! Daily registers of the last weeks and the campus summaries derived from them.

use std::collections::BTreeMap;

use anyhow::Context;
use bigdecimal::BigDecimal;
use chrono::{NaiveDate, TimeDelta};
use diesel::prelude::*;
use rand::Rng;
use uuid::Uuid;

use super::Ctx;
use super::academics::Academics;
use super::organization::Org;
use super::people::People;
use super::plan::Plan;
use super::support::{
    ROWS_PER_COPY, copy_all, insert_all, new_id, pick, school_days, stream, weighted,
};
use crate::db::enums::{AttendanceSessionType, AttendanceStatus};
use crate::db::schema::{attendance_records, attendance_sessions, campus_attendance_summaries};

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

#[derive(Insertable)]
#[diesel(table_name = campus_attendance_summaries)]
struct NewSummary {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Uuid,
    campus_key: &'static str,
    attendance_date: NaiveDate,
    total_enrolled: i32,
    total_present: i32,
    total_absent: i32,
    total_tardy: i32,
    attendance_percentage: BigDecimal,
}

#[derive(Default)]
struct DayTally {
    enrolled: i32,
    present: i32,
    late: i32,
    absent: i32,
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
    let mut tallies: BTreeMap<(usize, NaiveDate), DayTally> = BTreeMap::new();
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
            let tally = tallies.entry((class.campus, day)).or_default();
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
                tally.enrolled += 1;
                match status {
                    AttendanceStatus::Present => tally.present += 1,
                    AttendanceStatus::Late => tally.late += 1,
                    AttendanceStatus::Absent | AttendanceStatus::Excused => tally.absent += 1,
                }
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

    let summaries: Vec<NewSummary> = tallies
        .iter()
        .map(|(&(campus, day), t)| NewSummary {
            id: new_id(&mut rng),
            organization_id: org.id,
            campus_id: org.campuses[campus].id,
            campus_key: org.campuses[campus].code,
            attendance_date: day,
            total_enrolled: t.enrolled,
            total_present: t.present,
            total_absent: t.absent,
            total_tardy: t.late,
            attendance_percentage: percentage(t.present + t.late, t.enrolled),
        })
        .collect();

    insert_all!(
        conn,
        campus_attendance_summaries::table,
        summaries,
        "campus attendance summaries"
    );
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

/// `part` of `whole` in percent, rounded half up to 2 decimals.
fn percentage(part: i32, whole: i32) -> BigDecimal {
    if whole <= 0 {
        return BigDecimal::from(0);
    }
    let hundredths = (i64::from(part) * 20_000 + i64::from(whole)) / (2 * i64::from(whole));
    super::support::money(hundredths)
}

#[cfg(test)]
mod tests {
    use super::percentage;

    #[test]
    fn percentages_round_half_up_to_two_decimals() {
        assert_eq!(percentage(2, 3).to_string(), "66.67");
        assert_eq!(percentage(1, 8).to_string(), "12.50");
        assert_eq!(percentage(7, 7).to_string(), "100.00");
        assert_eq!(percentage(0, 0).to_string(), "0");
    }
}

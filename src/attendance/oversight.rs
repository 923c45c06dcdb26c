//! For directors and the office: today's attendance by campus and grade with its
//! 30-day trend (`/attendance/overview`), and the rolls not taken in time
//! (`/attendance/missing`).

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, NaiveTime, TimeDelta};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::figures::{self, DayAttendance};
use super::filters::{self, CampusTimes, Choice, Tally};
use super::queries::oversight as queries;
use super::schedule::{RollState, ScheduledRoll, Scope, scheduled_rolls};
use super::trend::{TrendChart, TrendDay};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// Seeing the whole school's attendance is for those who read the campus summaries.
pub const OVERSEE: Gate = Gate::Requires(Permission::new(
    Action::Read,
    Entity::CampusAttendanceSummaries,
));

/// How many school days the trend shows.
pub const TREND_DAYS: i64 = 30;

pub fn routes(r: &mut Routes) {
    r.get("/attendance/overview", OVERSEE, overview)
        .get("/attendance/missing", OVERSEE, missing);
    r.menu(MenuEntry {
        group: MenuGroup::Attendance,
        order: 40,
        label: "nav-attendance-today",
        href: "/attendance/overview",
        gate: OVERSEE,
    });
    r.menu(MenuEntry {
        group: MenuGroup::Attendance,
        order: 41,
        label: "nav-missing-rolls",
        href: "/attendance/missing",
        gate: OVERSEE,
    });
}

#[derive(Deserialize)]
pub struct CampusFilter {
    pub campus: Option<String>,
}

/// Marks of one group (a campus, or a grade on it) against who is enrolled.
pub struct GroupRow {
    pub id: Uuid,
    pub name: String,
    pub enrolled: i64,
    pub tally: Tally,
    /// Daily rolls fully taken, and daily rolls due (classes with students enrolled).
    pub rolls: (i64, i64),
}

impl GroupRow {
    /// Present and late over enrolled, as every page counts it ([`figures`]).
    pub fn percentage(&self, t: Lang) -> String {
        figures::label(t, figures::rate_of(self.tally, self.enrolled))
    }

    pub fn not_marked(&self) -> i64 {
        (self.enrolled - self.tally.marked()).max(0)
    }
}

pub struct CampusToday {
    pub campus: GroupRow,
    pub grades: Vec<GroupRow>,
}

#[derive(Template)]
#[template(path = "attendance/overview.html")]
struct OverviewPage {
    layout: Layout,
    today: NaiveDate,
    campuses: Vec<Choice>,
    campus: String,
    total: DayAttendance,
    rows: Vec<CampusToday>,
    trend: TrendChart,
    /// Said instead of an empty table when the school has no class at all.
    no_classes: Option<crate::setup::Notice>,
}

async fn overview(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<CampusFilter>,
) -> Result<HttpResponse, AppError> {
    let today = page.access.today();
    let wanted = query.into_inner().campus;
    let refusal = page.t.text("attendance-choose-campus");
    let (campuses, campus, rows, trend, no_classes) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let campuses = filters::campuses(tenant)?;
            let campus = filters::parse_choice(refusal, wanted.as_deref(), &campuses)?;
            let rows = today_by_campus_and_grade(tenant, today, campus)?;
            let trend = trend(tenant, today, campus)?;
            let no_classes = rows.is_empty() && !crate::setup::queries::any_class(tenant)?;
            Ok((campuses, campus, rows, trend, no_classes))
        })
        .await?;
    render(&OverviewPage {
        layout: page.layout(page.t.text("attendance-today-title")),
        today,
        campuses,
        campus: campus.map(|c| c.to_string()).unwrap_or_default(),
        total: DayAttendance::of(today, &rows),
        rows,
        trend: TrendChart::new(page.t, trend),
        no_classes: no_classes.then(|| crate::setup::NO_CLASSES.notice(page.t, &page.access)),
    })
}

/// A day's daily-roll marks by campus and grade, beside the students enrolled in
/// that grade's classes today. Two grouped scans: enrolments and the day's marks.
pub fn today_by_campus_and_grade(
    tenant: &mut Tenant<'_>,
    date: NaiveDate,
    campus: Option<Uuid>,
) -> QueryResult<Vec<CampusToday>> {
    let counts = queries::campus_grade_counts(tenant, date, campus)?;
    let mut out: Vec<CampusToday> = Vec::new();
    for c in counts {
        let tally = Tally {
            present: c.present,
            absent: c.absent,
            late: c.late,
            excused: c.excused,
        };
        let rolls = (c.rolls_taken, c.rolls_due);
        let grade = GroupRow {
            id: c.grade_id,
            name: c.grade_name,
            enrolled: c.enrolled,
            tally,
            rolls,
        };
        match out.last_mut() {
            Some(last) if last.campus.id == c.campus_id => {
                last.campus.enrolled += grade.enrolled;
                last.campus.tally = last.campus.tally.plus(tally);
                last.campus.rolls = (last.campus.rolls.0 + rolls.0, last.campus.rolls.1 + rolls.1);
                last.grades.push(grade);
            }
            _ => out.push(CampusToday {
                campus: GroupRow {
                    id: c.campus_id,
                    name: c.campus_name,
                    enrolled: grade.enrolled,
                    tally,
                    rolls,
                },
                grades: vec![grade],
            }),
        }
    }
    Ok(out)
}

/// The last school days (up to today) from the campus summaries, oldest first.
pub fn trend(
    tenant: &mut Tenant<'_>,
    today: NaiveDate,
    campus: Option<Uuid>,
) -> QueryResult<Vec<TrendDay>> {
    let mut days = queries::summary_days(tenant, today, campus, TREND_DAYS)?;
    days.reverse();
    Ok(days
        .into_iter()
        .map(|d| TrendDay {
            date: d.day,
            enrolled: d.enrolled,
            marked: d.marked,
            attended: d.attended,
        })
        .collect())
}

// ---------------------------------------------------------------- missing rolls

/// When a roll should have been taken: a period's some minutes after it starts, a
/// daily roll at the campus's deadline.
pub fn deadline(roll: &ScheduledRoll, times: &CampusTimes) -> NaiveTime {
    match roll.period_starts_at {
        Some(start) => {
            let (at, wrapped) = start
                .overflowing_add_signed(TimeDelta::minutes(times.period_roll_grace_minutes.into()));
            // A grace that runs past midnight still ends the same day.
            if wrapped == 0 {
                at
            } else {
                NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(start)
            }
        }
        None => times.daily_roll_deadline,
    }
}

pub struct MissingRoll {
    pub roll: ScheduledRoll,
    pub deadline: NaiveTime,
    pub overdue_minutes: i64,
}

impl MissingRoll {
    pub fn what(&self, t: Lang) -> String {
        match &self.roll.subject_name {
            Some(subject) => format!("{} · {subject}", self.roll.class_name),
            None => t
                .message("roll-daily-title")
                .arg("class", self.roll.class_name.as_str())
                .to_string(),
        }
    }

    pub fn progress(&self, t: Lang) -> String {
        match self.roll.state {
            RollState::Partial { marked, enrolled } => t
                .message("attrep-missing-progress")
                .arg("marked", marked)
                .arg("enrolled", enrolled)
                .to_string(),
            _ => t.text("roll-state-not-taken"),
        }
    }

    pub fn overdue(&self, t: Lang) -> String {
        match self.overdue_minutes {
            m if m < 60 => t
                .message("attrep-overdue-minutes")
                .arg("minutes", m)
                .to_string(),
            m => t
                .message("attrep-overdue-hours")
                .arg("hours", m / 60)
                .arg("minutes", format!("{:02}", m % 60))
                .to_string(),
        }
    }
}

pub struct RollCounts {
    pub taken: usize,
    pub missing: usize,
    pub not_due: usize,
}

/// Splits the day's rolls at `now`: those past their deadline and not fully taken,
/// most overdue first, and how many are taken or not yet due.
pub fn missing_rolls(
    rolls: Vec<ScheduledRoll>,
    times: &std::collections::HashMap<Uuid, CampusTimes>,
    now: NaiveTime,
) -> (Vec<MissingRoll>, RollCounts) {
    let mut counts = RollCounts {
        taken: 0,
        missing: 0,
        not_due: 0,
    };
    let mut missing = Vec::new();
    for roll in rolls {
        if matches!(roll.state, RollState::Taken { .. }) {
            counts.taken += 1;
            continue;
        }
        let t = times.get(&roll.campus_id).copied().unwrap_or_default();
        let due = deadline(&roll, &t);
        if now < due {
            counts.not_due += 1;
            continue;
        }
        counts.missing += 1;
        missing.push(MissingRoll {
            overdue_minutes: (now - due).num_minutes(),
            deadline: due,
            roll,
        });
    }
    missing.sort_by(|a, b| {
        (a.deadline, &a.roll.campus_name, &a.roll.class_name).cmp(&(
            b.deadline,
            &b.roll.campus_name,
            &b.roll.class_name,
        ))
    });
    (missing, counts)
}

#[derive(Template)]
#[template(path = "attendance/missing.html")]
struct MissingPage {
    layout: Layout,
    today: NaiveDate,
    now: NaiveTime,
    campuses: Vec<Choice>,
    campus: String,
    missing: Vec<MissingRoll>,
    counts: RollCounts,
    /// Which of the missing rolls this page shows ("101–200 of 2,345"), when there
    /// is more than one page.
    shown: Option<String>,
    previous: Option<String>,
    next: Option<String>,
}

/// Missing rolls on one page, earliest deadline first: a district misses thousands
/// of period rolls on a bad morning, too many to send in one page.
const MISSING_PAGE: usize = 100;

#[derive(Deserialize)]
struct MissingQuery {
    campus: Option<String>,
    page: Option<String>,
}

async fn missing(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<MissingQuery>,
) -> Result<HttpResponse, AppError> {
    let today = page.access.today();
    let now = crate::clock::local_now(page.access.time_zone).time();
    let query = query.into_inner();
    let page_no = query
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000);
    let wanted = query.campus;
    let refusal = page.t.text("attendance-choose-campus");
    let (campuses, campus, rolls, times) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let campuses = filters::campuses(tenant)?;
            let campus = filters::parse_choice(refusal, wanted.as_deref(), &campuses)?;
            let scope = campus.map_or(Scope::Organization, Scope::Campus);
            let rolls = scheduled_rolls(tenant, today, scope)?;
            let times = filters::campus_times(tenant)?;
            Ok((campuses, campus, rolls, times))
        })
        .await?;
    let (mut missing, counts) = missing_rolls(rolls, &times, now);
    let total = missing.len();
    let pages = total.div_ceil(MISSING_PAGE).max(1);
    let page_no = page_no.min(pages);
    let first = (page_no - 1) * MISSING_PAGE;
    missing.truncate(first + MISSING_PAGE);
    missing.drain(..first);
    let campus = campus.map(|c| c.to_string()).unwrap_or_default();
    let address = |n: usize| {
        let mut href = format!("/attendance/missing?page={n}");
        if !campus.is_empty() {
            href.push_str(&format!("&campus={campus}"));
        }
        href
    };
    let t = page.t;
    render(&MissingPage {
        layout: page.layout(t.text("attrep-missing-title")),
        today,
        now,
        campuses,
        shown: (pages > 1).then(|| {
            t.message("attrep-missing-shown")
                .arg("from", t.number(first as i64 + 1))
                .arg("to", t.number((first + missing.len()) as i64))
                .arg("total", t.number(total as i64))
                .to_string()
        }),
        previous: (page_no > 1).then(|| address(page_no - 1)),
        next: (page_no < pages).then(|| address(page_no + 1)),
        campus,
        missing,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::enums::AttendanceSessionType;
    use std::collections::HashMap;

    fn roll(starts: Option<(u32, u32)>, state: RollState) -> ScheduledRoll {
        ScheduledRoll {
            class_id: Uuid::new_v4(),
            class_name: "7A".to_owned(),
            class_subject_id: starts.map(|_| Uuid::new_v4()),
            subject_name: starts.map(|_| "Maths".to_owned()),
            campus_id: Uuid::nil(),
            campus_name: "North".to_owned(),
            period_starts_at: starts.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
            period_ends_at: None,
            room: None,
            teacher_staff_id: None,
            teacher_name: Some("Ada Lovelace".to_owned()),
            session_type: if starts.is_some() {
                AttendanceSessionType::Period
            } else {
                AttendanceSessionType::Daily
            },
            state,
        }
    }

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    #[test]
    fn rolls_are_missing_only_after_their_deadline_and_until_taken() {
        let taken = RollState::Taken {
            at: chrono::Utc::now(),
        };
        let rolls = vec![
            roll(None, RollState::NotTaken),
            roll(Some((9, 0)), RollState::NotTaken),
            roll(Some((9, 0)), taken),
            roll(
                Some((10, 0)),
                RollState::Partial {
                    marked: 3,
                    enrolled: 30,
                },
            ),
        ];
        let times = HashMap::new();
        let (missing, counts) = missing_rolls(rolls.clone(), &times, at(9, 29));
        assert!(missing.is_empty());
        assert_eq!((counts.taken, counts.not_due), (1, 3));

        let (missing, counts) = missing_rolls(rolls, &times, at(10, 45));
        assert_eq!(counts.missing, 3);
        assert_eq!(missing[0].deadline, at(9, 30));
        let en = Lang::default();
        assert_eq!(missing[2].progress(en), "3 of 30 marked");
        assert_eq!(missing[2].overdue(en), "15 min late");
        assert_eq!(missing[0].overdue(en), "1 h 15 min late");
    }

    #[test]
    fn a_grace_past_midnight_ends_the_same_day() {
        let times = CampusTimes {
            period_roll_grace_minutes: 120,
            ..CampusTimes::default()
        };
        assert_eq!(
            deadline(&roll(Some((23, 0)), RollState::NotTaken), &times),
            at(23, 59) + TimeDelta::seconds(59)
        );
    }
}

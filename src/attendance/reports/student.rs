//! A student's month of attendance as a calendar, with the month's and the
//! academic year's totals (`/attendance/students/{id}`).

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Datelike, Days, Months, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::{Legend, legend};
use crate::attendance::filters::{
    self, Tally, day_status, status_class, status_code, status_message,
};
use crate::attendance::queries::reports as queries;
use crate::db::Tenant;
use crate::db::enums::AttendanceStatus;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

#[derive(Deserialize)]
pub struct MonthQuery {
    pub month: Option<String>,
}

pub struct CalendarDay {
    pub date: NaiveDate,
    pub in_month: bool,
    pub status: Option<AttendanceStatus>,
    pub detail: String,
}

impl CalendarDay {
    pub fn class(&self) -> &'static str {
        match (self.in_month, self.status) {
            (false, _) => "cal-out",
            (true, Some(s)) => status_class(s),
            (true, None) => "cal-none",
        }
    }

    pub fn label(&self, t: Lang) -> String {
        self.status
            .map_or_else(String::new, |s| t.text(status_message(s)))
    }

    pub fn code(&self, t: Lang) -> String {
        self.status.map_or_else(String::new, |s| status_code(t, s))
    }
}

#[derive(Template)]
#[template(path = "attendance/student.html")]
struct StudentPage {
    layout: Layout,
    student_name: String,
    student_number: Option<String>,
    campus_name: String,
    month: NaiveDate,
    previous: NaiveDate,
    next: NaiveDate,
    weeks: Vec<Vec<CalendarDay>>,
    month_totals: Tally,
    year: Option<(String, Tally)>,
    legend: Vec<Legend>,
}

impl StudentPage {
    /// A month as the address writes it: `2026-11`.
    fn month_param(&self, month: &NaiveDate) -> String {
        format!("{:04}-{:02}", month.year(), month.month())
    }
}

struct StudentMark {
    date: NaiveDate,
    status: AttendanceStatus,
    /// The mark as the reader reads it: "Late 10 min (Maths)".
    described: String,
}

/// What the calendar shows: the student, the month's marks, and the year so far.
struct Calendar {
    student: (String, String, Option<String>, String),
    marks: Vec<StudentMark>,
    year: Option<(String, Tally)>,
}

fn calendar(
    tenant: &mut Tenant<'_>,
    t: Lang,
    student_id: Uuid,
    month: NaiveDate,
    today: NaiveDate,
) -> QueryResult<Calendar> {
    let student = queries::student(tenant, student_id)?;
    let next_month = month + Months::new(1);
    let marks = student_marks(tenant, t, student_id, month, next_month - Days::new(1))?;
    let year = match filters::academic_year_on(tenant, month.min(today))? {
        Some(y) => {
            let through = y.end_date.min(today);
            let mut tally = Tally::default();
            for m in student_marks(tenant, t, student_id, y.start_date, through)? {
                tally.add(m.status, 1);
            }
            let label = t
                .message("attrep-year-through")
                .arg("year", y.name.as_str())
                .arg("date", t.day_month(through));
            Some((label.to_string(), tally))
        }
        None => None,
    };
    Ok(Calendar {
        student,
        marks,
        year,
    })
}

/// The month asked for (`2026-11`), or this month.
fn month_of(t: Lang, query: &MonthQuery, today: NaiveDate) -> Result<NaiveDate, AppError> {
    match query
        .month
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(m) => filters::parse_month(t, m),
        None => Ok(today.with_day(1).unwrap_or(today)),
    }
}

pub(super) async fn student_calendar(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<MonthQuery>,
) -> Result<HttpResponse, AppError> {
    let student_id = path.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
    let today = page.access.today();
    let t = page.t;
    let month = month_of(t, &query, today)?;
    let found = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(calendar(tenant, t, student_id, month, today)?)
    })
    .await?;
    let mut month_totals = Tally::default();
    for m in &found.marks {
        month_totals.add(m.status, 1);
    }
    let (first, last, number, campus_name) = found.student;
    render(&StudentPage {
        layout: page.layout(
            t.message("attrep-attendance-of")
                .arg("name", format!("{first} {last}"))
                .to_string(),
        ),
        student_name: format!("{first} {last}"),
        student_number: number,
        campus_name,
        month,
        previous: month - Months::new(1),
        next: month + Months::new(1),
        weeks: weeks_of(month, &found.marks, &page.locale()),
        month_totals,
        year: found.year,
        legend: legend(t),
    })
}

/// The month's weeks, from the school's first weekday, each day with its marks.
fn weeks_of(month: NaiveDate, marks: &[StudentMark], locale: &Locale) -> Vec<Vec<CalendarDay>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&StudentMark>> = BTreeMap::new();
    for m in marks {
        by_day.entry(m.date).or_default().push(m);
    }
    let next_month = month + Months::new(1);
    let first_cell = locale.week_of(month);
    let mut weeks = Vec::new();
    let mut day = first_cell;
    while day < next_month {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let day_marks = by_day.get(&day).map(Vec::as_slice).unwrap_or_default();
            let statuses: Vec<AttendanceStatus> = day_marks.iter().map(|m| m.status).collect();
            week.push(CalendarDay {
                date: day,
                in_month: day.month() == month.month(),
                status: day_status(&statuses),
                detail: describe_marks(day_marks),
            });
            day = day + Days::new(1);
        }
        weeks.push(week);
    }
    weeks
}

/// "Late 10 min (Maths)": each mark of a day, for the cell's title and the screen reader.
fn describe_marks(marks: &[&StudentMark]) -> String {
    marks
        .iter()
        .map(|m| m.described.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One mark as the reader reads it: its name, the minutes late, the subject.
fn describe_mark(
    t: Lang,
    status: AttendanceStatus,
    minutes_late: Option<i32>,
    subject: Option<&str>,
) -> String {
    let name = t.text(status_message(status));
    let mark = match minutes_late {
        Some(minutes) => t
            .message("attrep-mark-minutes")
            .arg("mark", name)
            .arg("minutes", minutes)
            .to_string(),
        None => name,
    };
    match subject {
        Some(subject) => t
            .message("attrep-mark-subject")
            .arg("mark", mark)
            .arg("subject", subject)
            .to_string(),
        None => mark,
    }
}

fn student_marks(
    tenant: &mut Tenant<'_>,
    t: Lang,
    student_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<StudentMark>> {
    Ok(queries::student_marks(tenant, student_id, from, to)?
        .into_iter()
        .map(|(date, status, minutes_late, subject)| StudentMark {
            date,
            status,
            described: describe_mark(t, status, minutes_late, subject.as_deref()),
        })
        .collect())
}

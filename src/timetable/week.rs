//! A teacher's own week: their lessons Monday to Friday from the timetable in
//! effect on each day, laid out by the week grid, and the same lessons by date for
//! their calendar feed.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use diesel::QueryResult;
use uuid::Uuid;

use super::grid::{Column, Grid};
use super::queries::{self, Lesson};
use super::words;
use crate::db::Tenant;
use crate::db::enums::DayOfWeek;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// The teacher's lessons on each of `dates`, each from the timetable in effect on
/// that date (`school::queries::timetable_in_effect`), by date and time. The lessons
/// of every timetable in effect on any of the dates are read in one statement.
pub fn lessons_on(
    tenant: &mut Tenant<'_>,
    staff: &[Uuid],
    dates: &[NaiveDate],
) -> QueryResult<Vec<(NaiveDate, Lesson)>> {
    let mut effective = Vec::with_capacity(dates.len());
    for date in dates {
        effective.push((*date, queries::in_effect(tenant, *date)?));
    }
    let mut timetables: Vec<Uuid> = effective
        .iter()
        .flat_map(|(_, in_effect)| in_effect.iter().map(|(timetable, _)| *timetable))
        .collect();
    timetables.sort_unstable();
    timetables.dedup();
    let held = if staff.is_empty() || timetables.is_empty() {
        Vec::new()
    } else {
        queries::lessons_of_teachers(tenant, &timetables, staff)?
    };
    let mut out = Vec::new();
    for (date, in_effect) in &effective {
        let day = DayOfWeek::from(date.weekday());
        for (timetable, _) in in_effect {
            out.extend(
                held.iter()
                    .filter(|l| l.timetable_id == *timetable && l.day == day)
                    .map(|l| (*date, l.clone())),
            );
        }
    }
    out.sort_by_key(|(d, l)| (*d, l.starts_at));
    Ok(out)
}

/// The Monday of the week holding `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// A teacher's week laid out as a grid, its columns Monday to Friday.
pub struct Week {
    pub monday: NaiveDate,
    pub grid: Grid,
    pub teaches: bool,
}

/// The week holding `date` for the signed-in user's staff records.
pub fn teacher_week(tenant: &mut Tenant<'_>, staff: &[Uuid], date: NaiveDate) -> QueryResult<Week> {
    let monday = monday_of(date);
    let dates: Vec<NaiveDate> = (0..5).map(|i| monday + Days::new(i)).collect();
    let lessons: Vec<Lesson> = lessons_on(tenant, staff, &dates)?
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let mut campuses = queries::in_effect(tenant, date)?;
    let taught: Vec<Uuid> = lessons.iter().map(|l| l.timetable_id).collect();
    campuses.retain(|(t, _)| taught.contains(t));
    let bells = match campuses.first() {
        Some((_, campus)) => queries::bell_times(tenant, *campus)?,
        None => Vec::new(),
    };
    let columns = super::grid::weekdays()[..5]
        .iter()
        .map(|d| Column::Day(*d))
        .collect();
    let grid = if lessons.is_empty() {
        Grid {
            columns,
            rows: Vec::new(),
        }
    } else {
        Grid::build(&bells, &lessons, columns)
    };
    Ok(Week {
        monday,
        grid,
        teaches: !staff.is_empty(),
    })
}

#[derive(Template)]
#[template(path = "timetable/week.html")]
struct WeekPage {
    layout: Layout,
    week: Week,
    /// The teacher's secret calendar link, for a reader who teaches.
    feed: Option<crate::feeds::Subscribe>,
}

impl WeekPage {
    fn column_name(&self, column: &Column) -> String {
        match column {
            Column::Day(d) => {
                let offset = super::grid::weekdays()
                    .iter()
                    .position(|w| w == d)
                    .unwrap_or(0);
                let date = self.week.monday + Days::new(offset as u64);
                self.layout
                    .t
                    .message("tt-week-day")
                    .arg("day", words::day(self.layout.t, *d))
                    .arg("date", self.layout.t.day_month(date))
                    .to_string()
            }
            Column::Room(r) => r.clone(),
        }
    }

    fn time(&self, at: &NaiveTime) -> String {
        self.layout.t.time(*at)
    }
}

/// `/timetable/my-week`: the signed-in teacher's lessons this week.
pub(super) async fn my_week(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let today = page.access.today();
    let key = crate::feeds::FeedKey::of(&state.settings)?;
    let public_url = state.public_url.clone();
    let (week, feed) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let staff = crate::attendance::queries::today::my_staff_ids(tenant)?;
        let week = teacher_week(tenant, &staff, today)?;
        let feed = if week.teaches {
            Some(super::feed::subscribe(tenant, &key, &public_url)?)
        } else {
            None
        };
        Ok((week, feed))
    })
    .await?;
    let t = page.t;
    render(&WeekPage {
        layout: page.layout(t.text("tt-week-title")),
        week,
        feed,
    })
}

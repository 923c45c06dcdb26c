//! A class over a range of days: each student's mark per day with their totals
//! (`/attendance/classes/{id}`), also as CSV.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::csv::csv_response;
use super::{DEFAULT_RANGE_DAYS, Legend, MAX_RANGE_DAYS, legend};
use crate::attendance::filters::{
    DateField, Tally, day_status, parse_date, status_class, status_code, status_message,
};
use crate::attendance::queries::reports as queries;
use crate::db::Tenant;
use crate::db::enums::AttendanceStatus;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// The order of the totals columns: present, late, absent, excused.
const TOTALS_ORDER: [AttendanceStatus; 4] = [
    AttendanceStatus::Present,
    AttendanceStatus::Late,
    AttendanceStatus::Absent,
    AttendanceStatus::Excused,
];

#[derive(Deserialize)]
pub struct RangeQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Range {
    /// The dates asked for, or the last two weeks; refuses a backwards or overlong range.
    pub fn parse(t: Lang, query: &RangeQuery, today: NaiveDate) -> Result<Range, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let to = match given(&query.to) {
            Some(v) => parse_date(t, DateField::End, &v)?,
            None => today,
        };
        let from = match given(&query.from) {
            Some(v) => parse_date(t, DateField::Start, &v)?,
            None => to - Days::new(DEFAULT_RANGE_DAYS),
        };
        if from > to {
            return Err(AppError::BadRequest(t.text("attrep-range-backwards")));
        }
        if (to - from).num_days() >= MAX_RANGE_DAYS {
            let message = t
                .message("attrep-range-too-long")
                .arg("days", MAX_RANGE_DAYS);
            return Err(AppError::BadRequest(message.to_string()));
        }
        Ok(Range { from, to })
    }

    pub fn query(&self) -> String {
        format!("from={}&to={}", self.from, self.to)
    }
}

pub struct GridRow {
    pub student_id: Uuid,
    pub name: String,
    pub student_number: Option<String>,
    pub cells: Vec<Option<AttendanceStatus>>,
    pub tally: Tally,
}

pub struct ClassGrid {
    pub class_name: String,
    pub campus_name: String,
    pub dates: Vec<NaiveDate>,
    pub rows: Vec<GridRow>,
}

#[derive(Template)]
#[template(path = "attendance/class.html")]
struct ClassPage {
    layout: Layout,
    t: Lang,
    class_id: Uuid,
    range: Range,
    grid: ClassGrid,
    legend: Vec<Legend>,
}

impl ClassPage {
    fn code(&self, status: &Option<AttendanceStatus>) -> String {
        status.map_or_else(String::new, |s| status_code(self.t, s))
    }

    fn cell_class(&self, status: &Option<AttendanceStatus>) -> &'static str {
        status.map_or("cal-none", status_class)
    }

    fn label(&self, status: &Option<AttendanceStatus>) -> String {
        self.t
            .text(status.map_or(msg("attrep-no-mark"), status_message))
    }
}

async fn load_class_grid(
    page: &Page,
    state: &AppState,
    id: &str,
    query: &RangeQuery,
) -> Result<(Uuid, Range, ClassGrid), AppError> {
    let class_id = id.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
    let range = Range::parse(page.t, query, page.access.today())?;
    let (from, to) = (range.from, range.to);
    let grid = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(class_grid_data(tenant, class_id, from, to)?)
    })
    .await?;
    Ok((class_id, range, grid))
}

pub(super) async fn class_grid(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    let (class_id, range, grid) = load_class_grid(&page, &state, &path, &query).await?;
    render(&ClassPage {
        layout: page.layout(
            page.t
                .message("attrep-attendance-of")
                .arg("name", grid.class_name.as_str())
                .to_string(),
        ),
        t: page.t,
        class_id,
        range,
        grid,
        legend: legend(page.t),
    })
}

pub(super) async fn class_csv(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: input::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    let (_, range, grid) = load_class_grid(&page, &state, &path, &query).await?;
    let t = page.t;
    let mut header = vec![
        t.text("attrep-csv-student-number"),
        t.text("attrep-csv-name"),
    ];
    header.extend(grid.dates.iter().map(|d| d.to_string()));
    header.extend(TOTALS_ORDER.map(|s| t.text(status_message(s))));
    let rows = grid.rows.iter().map(|r| {
        let mut row = vec![r.student_number.clone().unwrap_or_default(), r.name.clone()];
        row.extend(
            r.cells
                .iter()
                .map(|c| c.map(|s| t.text(status_message(s))).unwrap_or_default()),
        );
        row.extend(
            [
                r.tally.present,
                r.tally.late,
                r.tally.absent,
                r.tally.excused,
            ]
            .map(|n| n.to_string()),
        );
        row
    });
    let (from, to) = (range.from.to_string(), range.to.to_string());
    let name =
        crate::web::format::file_name(&["attendance", &grid.class_name, &from, "to", &to], "csv");
    csv_response(&name, header, rows)
}

/// The class's students (enrolled at some point in the range, or marked in it) and
/// every day in the range on which one of its rolls was taken.
fn class_grid_data(
    tenant: &mut Tenant<'_>,
    class_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<ClassGrid> {
    let (class_name, campus_name) = queries::class(tenant, class_id)?;
    let marks = queries::class_marks(tenant, class_id, from, to)?;
    let mut ids = queries::enrolled_between(tenant, class_id, from, to)?;
    ids.extend(marks.iter().map(|m| m.0));
    ids.sort_unstable();
    ids.dedup();
    let people = queries::students_by_name(tenant, &ids)?;

    let mut dates: Vec<NaiveDate> = marks.iter().map(|m| m.1).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut by_cell: BTreeMap<(Uuid, NaiveDate), Vec<AttendanceStatus>> = BTreeMap::new();
    for (student, date, status) in &marks {
        by_cell.entry((*student, *date)).or_default().push(*status);
    }
    let rows = people
        .into_iter()
        .map(|student| {
            let id = student.id;
            let mut tally = Tally::default();
            let cells = dates
                .iter()
                .map(|d| {
                    let day = by_cell
                        .get(&(id, *d))
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    for s in day {
                        tally.add(*s, 1);
                    }
                    day_status(day)
                })
                .collect();
            GridRow {
                student_id: id,
                name: format!("{}, {}", student.last_name, student.first_name),
                student_number: student.student_number,
                cells,
                tally,
            }
        })
        .collect();
    Ok(ClassGrid {
        class_name,
        campus_name,
        dates,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: Option<&str>, to: Option<&str>) -> Result<Range, AppError> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        Range::parse(
            Lang::default(),
            &RangeQuery {
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
            },
            today,
        )
    }

    #[test]
    fn the_class_range_defaults_to_two_weeks_and_refuses_nonsense() {
        let r = range(None, None).expect("default");
        assert_eq!(r.query(), "from=2026-11-07&to=2026-11-20");
        assert!(range(Some("2026-11-21"), Some("2026-11-20")).is_err());
        assert!(range(Some("2026-01-01"), Some("2026-11-20")).is_err());
        assert!(range(Some("yesterday"), None).is_err());
        assert!(range(Some(""), Some("")).is_ok());
    }
}

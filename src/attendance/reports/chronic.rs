//! Students absent (excused or not) from a share of their sessions this academic
//! year (`/attendance/chronic`), also as CSV.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::CHRONIC_PERCENT;
use super::csv::csv_response;
use crate::attendance::filters::{self, Choice};
use crate::attendance::queries::reports as queries;
pub use crate::attendance::queries::reports::ChronicRow;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

#[derive(Deserialize)]
pub struct ChronicQuery {
    pub campus: Option<String>,
    pub grade: Option<String>,
}

impl ChronicRow {
    pub fn missed(&self) -> i64 {
        self.absent + self.excused
    }

    pub fn rate(&self, t: Lang) -> String {
        filters::percent(t, self.missed(), self.sessions)
    }
}

pub struct ChronicReport {
    pub year: Option<filters::AcademicYear>,
    pub through: NaiveDate,
    pub campuses: Vec<Choice>,
    pub grades: Vec<Choice>,
    pub campus: Option<Uuid>,
    pub grade: Option<Uuid>,
    pub rows: Vec<ChronicRow>,
}

#[derive(Template)]
#[template(path = "attendance/chronic.html")]
struct ChronicPage {
    layout: Layout,
    report: ChronicReport,
    campus: String,
    grade: String,
    query: String,
    threshold: String,
}

async fn load_chronic(
    page: &Page,
    state: &AppState,
    query: ChronicQuery,
) -> Result<ChronicReport, AppError> {
    let today = page.access.today();
    let t = page.t;
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let campuses = filters::campuses(tenant)?;
        let grades = filters::grades(tenant)?;
        let refusal = t.text("attendance-choose-campus");
        let campus = filters::parse_choice(refusal, query.campus.as_deref(), &campuses)?;
        let refusal = t.text("attrep-choose-grade");
        let grade = filters::parse_choice(refusal, query.grade.as_deref(), &grades)?;
        let year = filters::academic_year_on(tenant, today)?;
        let rows = match &year {
            Some(y) => queries::chronic(
                tenant,
                &queries::ChronicFilter {
                    year_id: y.id,
                    from: y.start_date,
                    through: today.min(y.end_date),
                    campus,
                    grade,
                    percent: CHRONIC_PERCENT,
                },
            )?,
            None => Vec::new(),
        };
        Ok(ChronicReport {
            year,
            through: today,
            campuses,
            grades,
            campus,
            grade,
            rows,
        })
    })
    .await
}

pub(super) async fn chronic(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ChronicQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load_chronic(&page, &state, query.into_inner()).await?;
    let campus = report.campus.map(|c| c.to_string()).unwrap_or_default();
    let grade = report.grade.map(|g| g.to_string()).unwrap_or_default();
    let query =
        serde_urlencoded::to_string([("campus", &campus), ("grade", &grade)]).unwrap_or_default();
    render(&ChronicPage {
        layout: page.layout(page.t.text("attrep-chronic-title")),
        report,
        campus,
        grade,
        query,
        threshold: page.t.percent(CHRONIC_PERCENT as f64, 0),
    })
}

pub(super) async fn chronic_csv(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ChronicQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load_chronic(&page, &state, query.into_inner()).await?;
    let t = page.t;
    let header = [
        msg("attrep-csv-student-number"),
        msg("attrep-csv-last-name"),
        msg("attrep-csv-first-name"),
        msg("attrep-campus"),
        msg("attrep-grade"),
        msg("attrep-sessions"),
        msg("mark-absent"),
        msg("mark-excused"),
        msg("attrep-csv-absence-rate"),
    ]
    .map(|id| t.text(id))
    .to_vec();
    let rows = report.rows.iter().map(|r| {
        vec![
            r.student_number.clone().unwrap_or_default(),
            r.last_name.clone(),
            r.first_name.clone(),
            r.campus_name.clone(),
            r.grade_name.clone().unwrap_or_default(),
            r.sessions.to_string(),
            r.absent.to_string(),
            r.excused.to_string(),
            r.rate(t),
        ]
    });
    csv_response(
        &format!("chronic-absence-{}.csv", report.through),
        header,
        rows,
    )
}

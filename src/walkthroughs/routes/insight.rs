//! The insight pages: a teacher's walkthroughs over time, and a campus's terms and
//! coverage.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use crate::state::AppState;
use crate::walkthroughs::insight::campus::{
    self, CampusReport, TermColumn, TermRow, Unvisited, coverage_days,
};
use crate::walkthroughs::insight::teacher::{self, Chart, Comment, Period, TeacherTrend};
use crate::walkthroughs::models::{AreaNames, DIMENSIONS, Walkthrough};
use crate::walkthroughs::queries::CampusRow;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::render;

#[derive(Template)]
#[template(path = "walkthroughs/teacher.html")]
struct TeacherPage {
    layout: Layout,
    name: String,
    visits: Vec<Walkthrough>,
    overall: Option<Vec<String>>,
    labels: Vec<&'static str>,
    areas: AreaNames,
    periods: Vec<Period>,
    /// Whether the periods are weeks (else months).
    weekly: bool,
    chart: Chart,
    comments: Vec<Comment>,
    observer: bool,
}

pub(super) async fn teacher_trend(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let staff_id = path.into_inner();
    let access = page.access.clone();
    let t = page.t;
    let trend = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        teacher::teacher_trend(tenant, &access, staff_id, t)
    })
    .await?;
    let TeacherTrend {
        name,
        visits,
        overall,
        periods,
        chart,
        comments,
        observer,
        areas,
    } = trend;
    render(&TeacherPage {
        layout: page.layout(
            page.t
                .message("walk-trend-title")
                .arg("name", &name)
                .to_string(),
        ),
        name,
        visits,
        overall,
        labels: DIMENSIONS.iter().map(|d| d.label).collect(),
        areas,
        weekly: periods.first().is_some_and(Period::is_week),
        periods,
        chart,
        comments,
        observer,
    })
}

#[derive(Deserialize, Default)]
pub(super) struct CampusQuery {
    days: Option<String>,
}

#[derive(Template)]
#[template(path = "walkthroughs/campus.html")]
struct CampusPage {
    layout: Layout,
    campus: CampusRow,
    this_term: Option<TermColumn>,
    last_term: Option<TermColumn>,
    rows: Vec<TermRow>,
    days: i64,
    days_error: Option<String>,
    unvisited: Vec<Unvisited>,
    teacher_count: usize,
    areas: AreaNames,
}

pub(super) async fn campus_insight(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<CampusQuery>,
) -> Result<HttpResponse, AppError> {
    let campus_id = path.into_inner();
    let t = page.t;
    let (days, days_error) = coverage_days(query.days.as_deref(), &t);
    let access = page.access.clone();
    let (report, areas) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let report = campus::campus_report(tenant, &access, campus_id, days, t)?;
        Ok((report, AreaNames::load(tenant)?))
    })
    .await?;
    let CampusReport {
        campus,
        this_term,
        last_term,
        rows,
        unvisited,
        teacher_count,
    } = report;
    render(&CampusPage {
        layout: page.layout(
            page.t
                .message("walk-campus-title")
                .arg("campus", &campus.name)
                .to_string(),
        ),
        campus,
        this_term,
        last_term,
        rows,
        days,
        days_error,
        unvisited,
        teacher_count,
        areas,
    })
}

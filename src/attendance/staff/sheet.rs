//! A campus's staff sheet: each working staff member with today's record, marked
//! one tap at a time (the row comes back as a fragment with htmx).

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::{MyCheckIn, day_of, filters, local_time, my_check_in, queries, status_badge};
use crate::access::display_name;
use crate::db::Tenant;
use crate::db::enums::StaffAttendanceStatus;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, see_other};

pub struct StaffRow {
    pub staff_id: Uuid,
    pub name: String,
    pub role: String,
    pub status: Option<StaffAttendanceStatus>,
    pub checked_in_at: Option<NaiveTime>,
}

impl StaffRow {
    pub fn badge(&self) -> &'static str {
        self.status.map_or("", status_badge)
    }

    pub fn is(&self, status: &StaffAttendanceStatus) -> bool {
        self.status == Some(*status)
    }
}

#[derive(Template)]
#[template(path = "attendance/staff_sheet.html")]
struct SheetPage {
    layout: Layout,
    campus_id: Uuid,
    campus_name: String,
    today: NaiveDate,
    starts_at: NaiveTime,
    rows: Vec<StaffRow>,
    statuses: &'static [StaffAttendanceStatus],
    check_in: Option<MyCheckIn>,
}

#[derive(Template)]
#[template(path = "attendance/staff_row.html")]
struct RowFragment {
    t: Lang,
    campus_id: Uuid,
    row: StaffRow,
    statuses: &'static [StaffAttendanceStatus],
    csrf_token: String,
}

/// A campus of this organization, or not found.
fn find_campus(tenant: &mut Tenant<'_>, id: &str) -> Result<(Uuid, String), AppError> {
    let id = id.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
    queries::campus(tenant, id)?.ok_or(AppError::NotFound)
}

/// The sheet's rows of `date` (or the one row of `only`).
fn sheet_rows(
    tenant: &mut Tenant<'_>,
    t: Lang,
    campus: Uuid,
    date: NaiveDate,
    only: Option<Uuid>,
) -> QueryResult<Vec<StaffRow>> {
    let time_zone = tenant.time_zone();
    Ok(queries::sheet(tenant, campus, date, only)?
        .into_iter()
        .map(|r| StaffRow {
            staff_id: r.id,
            name: display_name(
                r.first_name.as_deref(),
                r.last_name.as_deref(),
                &t.text("attrep-unnamed-staff"),
            ),
            role: r
                .job_title
                .unwrap_or_else(|| t.choice("staff_type", r.staff_type.as_str())),
            status: r.status,
            checked_in_at: r.checked_in_at.map(|at| local_time(time_zone, at)),
        })
        .collect())
}

pub(super) async fn campus_sheet(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let today = access.today();
    let t = page.t;
    let id = path.into_inner();
    let back = format!("/attendance/campuses/{id}/staff");
    let (campus, times, rows, check_in) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let campus = find_campus(tenant, &id)?;
            let times = filters::times_of(tenant, Some(campus.0))?;
            let rows = sheet_rows(tenant, t, campus.0, today, None)?;
            let check_in = my_check_in(tenant, &access, &back)?;
            Ok((campus, times, rows, check_in))
        })
        .await?;
    render(&SheetPage {
        layout: page.layout(
            t.message("attrep-staff-sheet-title")
                .arg("campus", campus.1.as_str())
                .to_string(),
        ),
        campus_id: campus.0,
        campus_name: campus.1,
        today,
        starts_at: times.school_starts_at,
        rows,
        statuses: StaffAttendanceStatus::ALL,
        check_in,
    })
}

#[derive(Deserialize)]
pub(super) struct MarkForm {
    staff_id: Option<String>,
    status: Option<String>,
}

/// Marks today's record of a staff member of the campus `id`; returns the campus
/// and the staff member's row as it now stands.
fn mark_today(
    tenant: &mut Tenant<'_>,
    t: Lang,
    id: &str,
    form: &MarkForm,
) -> Result<(Uuid, StaffRow), AppError> {
    let (campus_id, _) = find_campus(tenant, id)?;
    // A staff member of another campus or organization is not on this sheet.
    let staff_id = form
        .staff_id
        .as_deref()
        .and_then(|s| s.trim().parse::<Uuid>().ok())
        .ok_or(AppError::NotFound)?;
    let who = queries::on_campus(tenant, campus_id, staff_id)?.ok_or(AppError::NotFound)?;
    let status: StaffAttendanceStatus = form
        .status
        .as_deref()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| AppError::BadRequest(t.text("attrep-staff-choose-status")))?;
    let today = tenant.today();
    queries::mark(tenant, campus_id, day_of(&who, today, status, None))?;
    let row = sheet_rows(tenant, t, campus_id, today, Some(staff_id))?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok((campus_id, row))
}

pub(super) async fn mark(
    req: HttpRequest,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: input::Form<MarkForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let form = form.into_inner();
    let t = page.t;
    let (campus_id, row) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            mark_today(tenant, t, &id, &form)
        })
        .await?;
    if htmx::wants_fragment(&req) {
        return render(&RowFragment {
            t,
            campus_id,
            row,
            statuses: StaffAttendanceStatus::ALL,
            csrf_token: page.access.csrf_token.clone(),
        });
    }
    if let Some(status) = row.status {
        let marked = t
            .message("attrep-staff-marked")
            .arg("name", row.name.as_str())
            .arg("status", status.as_str());
        flash::push(&session, Level::Success, marked.to_string());
    }
    Ok(see_other(&format!(
        "/attendance/campuses/{campus_id}/staff#staff-{}",
        row.staff_id
    )))
}

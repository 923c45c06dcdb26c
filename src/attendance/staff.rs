//! Staff attendance: the office or a director marks each staff member of a campus
//! present, late or absent for the day (`/attendance/campuses/{id}/staff`), and a
//! staff member checks in themselves (`POST /attendance/check-in`). A check-in
//! after the campus's start time (campus_attendance_config.school_starts_at, 08:30
//! unless set) counts as late. One record per staff member per day; marking again
//! changes it.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::filters::{self, CampusTimes};
use crate::access::{
    Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes, display_name,
};
use crate::db::enums::{StaffAttendanceStatus, StaffStatus};
use crate::db::schema::{campuses, staff, staff_attendance_records};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, see_other};

const CHECK_IN: Permission = Permission::new(Action::Create, Entity::StaffAttendanceRecords);
const MARK: Permission = Permission::new(Action::Update, Entity::StaffAttendanceRecords);

pub fn routes(r: &mut Routes) {
    r.get("/attendance/staff", Gate::Requires(CHECK_IN), overview)
        .post("/attendance/check-in", Gate::Requires(CHECK_IN), check_in)
        .get(
            "/attendance/campuses/{id}/staff",
            Gate::Requires(MARK),
            campus_sheet,
        )
        .post(
            "/attendance/campuses/{id}/staff",
            Gate::Requires(MARK),
            mark,
        );
    r.menu(MenuEntry {
        group: MenuGroup::Staff,
        order: 50,
        label: "Staff attendance",
        href: "/attendance/staff",
        gate: Gate::Requires(CHECK_IN),
    });
}

// ---------------------------------------------------------------- self check-in

/// The signed-in staff member's day: whether and when they checked in.
pub struct MyCheckIn {
    pub campus_name: String,
    pub starts_at: NaiveTime,
    pub status: Option<StaffAttendanceStatus>,
    pub checked_in_at: Option<NaiveTime>,
    /// Where the form sends the user back to without JavaScript.
    pub back: String,
}

impl MyCheckIn {
    pub fn badge(&self) -> &'static str {
        self.status.map_or("", status_badge)
    }
}

pub fn status_badge(status: StaffAttendanceStatus) -> &'static str {
    match status {
        StaffAttendanceStatus::Present => "ok",
        StaffAttendanceStatus::Late => "warn",
        StaffAttendanceStatus::Absent => "bad",
    }
}

#[derive(Queryable)]
struct MyStaff {
    id: Uuid,
    user_id: Option<Uuid>,
    campus_id: Option<Uuid>,
    campus_name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    job_title: Option<String>,
    staff_type: crate::db::enums::StaffType,
}

/// The staff record of the signed-in user that check-ins go to: a working one, the
/// one with a campus first.
fn my_staff(conn: &mut PgConnection, access: &Access) -> QueryResult<Option<MyStaff>> {
    staff::table
        .left_join(campuses::table)
        .filter(staff::organization_id.eq(access.organization_id))
        .filter(staff::user_id.eq(access.user_id))
        .filter(staff::deleted_at.is_null())
        .filter(staff::status.ne(StaffStatus::Inactive))
        .order((staff::campus_id.is_null().asc(), staff::created_at.asc()))
        .select((
            staff::id,
            staff::user_id,
            staff::campus_id,
            campuses::name.nullable(),
            staff::first_name,
            staff::last_name,
            staff::job_title,
            staff::staff_type,
        ))
        .first::<MyStaff>(conn)
        .optional()
}

fn times_of(conn: &mut PgConnection, org: Uuid, campus: Option<Uuid>) -> QueryResult<CampusTimes> {
    let all = filters::campus_times(conn, org)?;
    Ok(campus
        .and_then(|c| all.get(&c).copied())
        .unwrap_or_default())
}

/// The check-in card's state for the dashboard and the staff attendance page;
/// `None` for users who cannot check in or are not on the staff.
pub fn my_check_in(
    conn: &mut PgConnection,
    access: &Access,
    back: &str,
) -> QueryResult<Option<MyCheckIn>> {
    if !access.can(CHECK_IN) {
        return Ok(None);
    }
    let Some(me) = my_staff(conn, access)? else {
        return Ok(None);
    };
    let times = times_of(conn, access.organization_id, me.campus_id)?;
    let record: Option<(StaffAttendanceStatus, Option<DateTime<Utc>>)> =
        staff_attendance_records::table
            .filter(staff_attendance_records::organization_id.eq(access.organization_id))
            .filter(staff_attendance_records::staff_id.eq(me.id))
            .filter(staff_attendance_records::attendance_date.eq(access.today()))
            .filter(staff_attendance_records::deleted_at.is_null())
            .select((
                staff_attendance_records::status,
                staff_attendance_records::checked_in_at,
            ))
            .first(conn)
            .optional()?;
    let tz = access.time_zone;
    Ok(Some(MyCheckIn {
        campus_name: me.campus_name.unwrap_or_default(),
        starts_at: times.school_starts_at,
        status: record.map(|r| r.0),
        checked_in_at: record.and_then(|r| r.1).map(|at| local_time(tz, at)),
        back: back.to_owned(),
    }))
}

fn local_time(time_zone: chrono_tz::Tz, at: DateTime<Utc>) -> NaiveTime {
    at.with_timezone(&time_zone).time()
}

#[derive(Deserialize)]
struct CheckInForm {
    back: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance/check_in.html")]
struct CheckInFragment {
    check_in: MyCheckIn,
    csrf_token: String,
}

enum CheckInOutcome {
    NotStaff,
    Recorded,
    Already,
}

async fn check_in(
    req: HttpRequest,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    form: input::Form<CheckInForm>,
) -> Result<HttpResponse, AppError> {
    // Only our own pages: an address from elsewhere goes to the dashboard.
    let back = form
        .back
        .as_deref()
        .and_then(crate::web::redirect::local_target)
        .unwrap_or_else(|| "/".to_owned());
    let access = page.access.clone();
    let org = access.organization_id;
    let back_for_card = back.clone();
    let (outcome, card) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let Some(me) = my_staff(conn, &access)? else {
            return Ok((CheckInOutcome::NotStaff, None));
        };
        let times = times_of(conn, org, me.campus_id)?;
        let now = crate::clock::now();
        let local = local_time(access.time_zone, now);
        let status = if local > times.school_starts_at {
            StaffAttendanceStatus::Late
        } else {
            StaffAttendanceStatus::Present
        };
        // The first check-in of the day stands; a second tap changes nothing.
        let inserted = diesel::insert_into(staff_attendance_records::table)
            .values(new_record(&me, &access, access.today(), status, Some(now)))
            .on_conflict((
                staff_attendance_records::staff_id,
                staff_attendance_records::attendance_date,
            ))
            .filter_target(staff_attendance_records::deleted_at.is_null())
            .do_nothing()
            .execute(conn)?;
        let card = my_check_in(conn, &access, &back_for_card)?;
        let outcome = if inserted == 1 {
            CheckInOutcome::Recorded
        } else {
            CheckInOutcome::Already
        };
        Ok((outcome, card))
    })
    .await?;

    if htmx::wants_fragment(&req)
        && let Some(check_in) = card
    {
        return render(&CheckInFragment {
            check_in,
            csrf_token: page.access.csrf_token.clone(),
        });
    }
    match outcome {
        CheckInOutcome::NotStaff => flash::push(
            &session,
            Level::Error,
            "Your account is not linked to a staff record, so there is nothing to check in. Ask the office.",
        ),
        CheckInOutcome::Recorded => flash::push(&session, Level::Success, "You are checked in."),
        CheckInOutcome::Already => {
            flash::push(&session, Level::Info, "You had already checked in today.")
        }
    }
    Ok(see_other(&back))
}

#[derive(Insertable)]
#[diesel(table_name = staff_attendance_records)]
struct NewStaffRecord {
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    staff_id: Option<Uuid>,
    user_id: Option<Uuid>,
    attendance_date: NaiveDate,
    status: StaffAttendanceStatus,
    user_name: String,
    user_role: Option<String>,
    checked_in_at: Option<DateTime<Utc>>,
    created_by_id: Option<Uuid>,
    updated_by_id: Option<Uuid>,
}

fn new_record(
    who: &MyStaff,
    access: &Access,
    date: NaiveDate,
    status: StaffAttendanceStatus,
    checked_in_at: Option<DateTime<Utc>>,
) -> NewStaffRecord {
    NewStaffRecord {
        organization_id: access.organization_id,
        campus_id: who.campus_id,
        staff_id: Some(who.id),
        user_id: who.user_id,
        attendance_date: date,
        status,
        user_name: staff_name(who.first_name.as_deref(), who.last_name.as_deref()),
        user_role: Some(
            who.job_title
                .clone()
                .unwrap_or_else(|| who.staff_type.label().to_owned()),
        ),
        checked_in_at,
        created_by_id: Some(access.user_id),
        updated_by_id: Some(access.user_id),
    }
}

fn staff_name(first: Option<&str>, last: Option<&str>) -> String {
    display_name(first, last, "Unnamed staff member")
}

// ---------------------------------------------------------------- overview

pub struct CampusLine {
    pub id: Uuid,
    pub name: String,
    pub staff: i64,
    pub marked: i64,
}

#[derive(Template)]
#[template(path = "attendance/staff_overview.html")]
struct OverviewPage {
    layout: Layout,
    today: NaiveDate,
    check_in: Option<MyCheckIn>,
    campuses: Option<Vec<CampusLine>>,
}

async fn overview(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let org = access.organization_id;
    let today = access.today();
    let may_mark = access.can(MARK);
    let (check_in, campuses) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let check_in = my_check_in(conn, &access, "/attendance/staff")?;
        let campuses = if may_mark {
            Some(campus_lines(conn, org, today)?)
        } else {
            None
        };
        Ok((check_in, campuses))
    })
    .await?;
    render(&OverviewPage {
        layout: page.layout("Staff attendance"),
        today,
        check_in,
        campuses,
    })
}

fn campus_lines(
    conn: &mut PgConnection,
    org: Uuid,
    today: NaiveDate,
) -> QueryResult<Vec<CampusLine>> {
    let campuses = filters::campuses(conn, org)?;
    let counts: Vec<(Option<Uuid>, i64)> = staff::table
        .filter(staff::organization_id.eq(org))
        .filter(staff::deleted_at.is_null())
        .filter(staff::status.ne(StaffStatus::Inactive))
        .group_by(staff::campus_id)
        .select((staff::campus_id, diesel::dsl::count_star()))
        .load(conn)?;
    let marked: Vec<(Option<Uuid>, i64)> = staff_attendance_records::table
        .filter(staff_attendance_records::organization_id.eq(org))
        .filter(staff_attendance_records::attendance_date.eq(today))
        .filter(staff_attendance_records::deleted_at.is_null())
        .group_by(staff_attendance_records::campus_id)
        .select((
            staff_attendance_records::campus_id,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let of = |rows: &[(Option<Uuid>, i64)], id: Uuid| {
        rows.iter()
            .find(|(c, _)| *c == Some(id))
            .map_or(0, |(_, n)| *n)
    };
    Ok(campuses
        .into_iter()
        .map(|c| CampusLine {
            staff: of(&counts, c.id),
            marked: of(&marked, c.id),
            id: c.id,
            name: c.name,
        })
        .collect())
}

// ---------------------------------------------------------------- campus sheet

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
    campus_id: Uuid,
    row: StaffRow,
    statuses: &'static [StaffAttendanceStatus],
    csrf_token: String,
}

/// A campus of this organization, or not found.
fn find_campus(conn: &mut PgConnection, org: Uuid, id: &str) -> Result<(Uuid, String), AppError> {
    let id = id.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
    Ok(campuses::table
        .filter(campuses::id.eq(id))
        .filter(campuses::organization_id.eq(org))
        .filter(campuses::deleted_at.is_null())
        .select((campuses::id, campuses::name))
        .first(conn)?)
}

#[derive(Queryable)]
struct SheetRecord {
    id: Uuid,
    first_name: Option<String>,
    last_name: Option<String>,
    job_title: Option<String>,
    staff_type: crate::db::enums::StaffType,
    status: Option<StaffAttendanceStatus>,
    checked_in_at: Option<DateTime<Utc>>,
}

fn sheet_rows(
    conn: &mut PgConnection,
    org: Uuid,
    campus: Uuid,
    date: NaiveDate,
    time_zone: chrono_tz::Tz,
    only: Option<Uuid>,
) -> QueryResult<Vec<StaffRow>> {
    let mut query = staff::table
        .left_join(
            staff_attendance_records::table.on(staff_attendance_records::staff_id
                .eq(staff::id.nullable())
                .and(staff_attendance_records::attendance_date.eq(date))
                .and(staff_attendance_records::deleted_at.is_null())),
        )
        .filter(staff::organization_id.eq(org))
        .filter(staff::campus_id.eq(campus))
        .filter(staff::deleted_at.is_null())
        .filter(staff::status.ne(StaffStatus::Inactive))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(staff::id.eq(id));
    }
    let rows: Vec<SheetRecord> = query
        .order((staff::last_name.asc(), staff::first_name.asc()))
        .select((
            staff::id,
            staff::first_name,
            staff::last_name,
            staff::job_title,
            staff::staff_type,
            staff_attendance_records::status.nullable(),
            staff_attendance_records::checked_in_at.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| StaffRow {
            staff_id: r.id,
            name: staff_name(r.first_name.as_deref(), r.last_name.as_deref()),
            role: r
                .job_title
                .unwrap_or_else(|| r.staff_type.label().to_owned()),
            status: r.status,
            checked_in_at: r.checked_in_at.map(|at| local_time(time_zone, at)),
        })
        .collect())
}

async fn campus_sheet(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let org = access.organization_id;
    let today = access.today();
    let id = path.into_inner();
    let back = format!("/attendance/campuses/{id}/staff");
    let (campus, times, rows, check_in) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let conn = tenant.conn();
            let campus = find_campus(conn, org, &id)?;
            let times = times_of(conn, org, Some(campus.0))?;
            let rows = sheet_rows(conn, org, campus.0, today, access.time_zone, None)?;
            let check_in = my_check_in(conn, &access, &back)?;
            Ok((campus, times, rows, check_in))
        })
        .await?;
    render(&SheetPage {
        layout: page.layout(format!("Staff attendance · {}", campus.1)),
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
struct MarkForm {
    staff_id: Option<String>,
    status: Option<String>,
}

async fn mark(
    req: HttpRequest,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: input::Form<MarkForm>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let org = access.organization_id;
    let today = access.today();
    let id = path.into_inner();
    let form = form.into_inner();
    let (campus_id, row) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let (campus_id, _) = find_campus(conn, org, &id)?;
        // A staff member of another campus or organization is not on this sheet.
        let staff_id = form
            .staff_id
            .as_deref()
            .and_then(|s| s.trim().parse::<Uuid>().ok())
            .ok_or(AppError::NotFound)?;
        let who = staff_on_campus(conn, org, campus_id, staff_id)?;
        let status: StaffAttendanceStatus = form
            .status
            .as_deref()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| AppError::BadRequest("Choose present, late or absent.".to_owned()))?;
        diesel::insert_into(staff_attendance_records::table)
            .values(new_record(&who, &access, today, status, None))
            .on_conflict((
                staff_attendance_records::staff_id,
                staff_attendance_records::attendance_date,
            ))
            .filter_target(staff_attendance_records::deleted_at.is_null())
            .do_update()
            .set((
                staff_attendance_records::status.eq(status),
                staff_attendance_records::campus_id.eq(campus_id),
                staff_attendance_records::updated_by_id.eq(access.user_id),
            ))
            .execute(conn)?;
        let row = sheet_rows(
            conn,
            org,
            campus_id,
            today,
            access.time_zone,
            Some(staff_id),
        )?
        .pop()
        .ok_or(AppError::NotFound)?;
        Ok((campus_id, row))
    })
    .await?;

    if htmx::wants_fragment(&req) {
        return render(&RowFragment {
            campus_id,
            row,
            statuses: StaffAttendanceStatus::ALL,
            csrf_token: page.access.csrf_token.clone(),
        });
    }
    if let Some(status) = row.status {
        flash::push(
            &session,
            Level::Success,
            format!("{} is marked {}.", row.name, status.label().to_lowercase()),
        );
    }
    Ok(see_other(&format!(
        "/attendance/campuses/{campus_id}/staff#staff-{}",
        row.staff_id
    )))
}

fn staff_on_campus(
    conn: &mut PgConnection,
    org: Uuid,
    campus: Uuid,
    staff_id: Uuid,
) -> Result<MyStaff, AppError> {
    let (id, user_id, first_name, last_name, job_title, staff_type) = staff::table
        .filter(staff::id.eq(staff_id))
        .filter(staff::organization_id.eq(org))
        .filter(staff::campus_id.eq(campus))
        .filter(staff::deleted_at.is_null())
        .filter(staff::status.ne(StaffStatus::Inactive))
        .select((
            staff::id,
            staff::user_id,
            staff::first_name,
            staff::last_name,
            staff::job_title,
            staff::staff_type,
        ))
        .first::<(
            Uuid,
            Option<Uuid>,
            Option<String>,
            Option<String>,
            Option<String>,
            crate::db::enums::StaffType,
        )>(conn)?;
    Ok(MyStaff {
        id,
        user_id,
        campus_id: Some(campus),
        campus_name: None,
        first_name,
        last_name,
        job_title,
        staff_type,
    })
}

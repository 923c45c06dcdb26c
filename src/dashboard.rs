//! The dashboard at `/`: what matters today for the signed-in user, limited to
//! what their permissions let them read, all within their organization.

use actix_web::HttpResponse;
use actix_web::web;
use askama::Template;
use bigdecimal::BigDecimal;
use chrono::{Datelike, NaiveDate, NaiveTime};
use diesel::dsl::{count_star, sum};
use diesel::prelude::*;
use uuid::Uuid;

use crate::access::{Access, Action, Entity, Gate, MenuEntry, Permission, Routes};
use crate::db::enums::{
    AttendanceSessionType, AttendanceStatus, ClassStatus, DayOfWeek, InvoiceStatus, StaffStatus,
    StudentStatus, TimetableStatus,
};
use crate::db::schema::{
    academic_years, attendance_records, attendance_sessions, class_subjects, classes,
    communication_events, invoices, staff, students, subjects, timetable_periods, timetables,
    walkthrough_checkins,
};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    r.get("/", Gate::SignedIn, dashboard);
    r.menu(MenuEntry {
        order: 10,
        label: "Dashboard",
        href: "/",
        gate: Gate::SignedIn,
    });
}

pub struct Stat {
    pub label: &'static str,
    pub value: String,
    pub detail: String,
}

pub struct PeriodToday {
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub class_name: String,
    pub subject: String,
    pub room: Option<String>,
}

pub struct EventRow {
    pub date: NaiveDate,
    pub title: String,
    pub kind: String,
}

pub struct AttendanceDay {
    pub date: NaiveDate,
    pub present: i64,
    pub late: i64,
    pub absent: i64,
    pub excused: i64,
}

impl AttendanceDay {
    pub fn marked(&self) -> i64 {
        self.present + self.late + self.absent + self.excused
    }

    /// Present or late, over everyone marked, as a percentage with one decimal.
    pub fn percentage(&self) -> String {
        match self.marked() {
            0 => "—".to_owned(),
            n => format!(
                "{:.1}%",
                (self.present + self.late) as f64 * 100.0 / n as f64
            ),
        }
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    first_name: String,
    today: NaiveDate,
    stats: Vec<Stat>,
    periods: Option<Vec<PeriodToday>>,
    attendance: Option<Option<AttendanceDay>>,
    events: Option<Vec<EventRow>>,
    check_in: Option<crate::attendance::staff::MyCheckIn>,
}

async fn dashboard(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let data = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        Ok(load(tenant, &access)?)
    })
    .await?;
    let first_name = page
        .access
        .display_name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    render(&DashboardPage {
        layout: page.layout("Dashboard"),
        first_name,
        today: data.today,
        stats: data.stats,
        periods: data.periods,
        attendance: data.attendance,
        events: data.events,
        check_in: data.check_in,
    })
}

struct DashboardData {
    today: NaiveDate,
    stats: Vec<Stat>,
    periods: Option<Vec<PeriodToday>>,
    attendance: Option<Option<AttendanceDay>>,
    events: Option<Vec<EventRow>>,
    check_in: Option<crate::attendance::staff::MyCheckIn>,
}

fn load(tenant: &mut crate::db::Tenant<'_>, access: &Access) -> QueryResult<DashboardData> {
    let conn = tenant.conn();
    let org = access.organization_id;
    let today = access.today();
    let mut stats = Vec::new();

    if access.can_read(Entity::Students) {
        let active: i64 = students::table
            .filter(students::organization_id.eq(org))
            .filter(students::deleted_at.is_null())
            .filter(students::status.eq(StudentStatus::Active))
            .count()
            .get_result(conn)?;
        stats.push(Stat {
            label: "Students",
            value: active.to_string(),
            detail: "active".to_owned(),
        });
    }
    if access.can_read(Entity::Staff) {
        let active: i64 = staff::table
            .filter(staff::organization_id.eq(org))
            .filter(staff::deleted_at.is_null())
            .filter(staff::status.eq(StaffStatus::Active))
            .count()
            .get_result(conn)?;
        stats.push(Stat {
            label: "Staff",
            value: active.to_string(),
            detail: "active".to_owned(),
        });
    }
    if access.can_read(Entity::Classes) {
        let current: i64 = classes::table
            .inner_join(academic_years::table)
            .filter(classes::organization_id.eq(org))
            .filter(classes::deleted_at.is_null())
            .filter(classes::status.eq(ClassStatus::Active))
            .filter(academic_years::current.eq(true))
            .filter(academic_years::deleted_at.is_null())
            .count()
            .get_result(conn)?;
        stats.push(Stat {
            label: "Classes",
            value: current.to_string(),
            detail: "this academic year".to_owned(),
        });
    }
    if access.can_read(Entity::Invoices) {
        let open = [
            InvoiceStatus::Issued,
            InvoiceStatus::PartiallyPaid,
            InvoiceStatus::Overdue,
        ];
        let (outstanding, overdue): (Option<BigDecimal>, i64) = invoices::table
            .filter(invoices::organization_id.eq(org))
            .filter(invoices::deleted_at.is_null())
            .filter(invoices::status.eq_any(open))
            .select((
                sum(invoices::balance_due),
                diesel::dsl::sql::<diesel::sql_types::BigInt>("count(*) FILTER (WHERE due_date < ")
                    .bind::<diesel::sql_types::Date, _>(today)
                    .sql(")"),
            ))
            .get_result(conn)?;
        stats.push(Stat {
            label: "Fees outstanding",
            value: format_money(&outstanding.unwrap_or_default()),
            detail: format!("{overdue} invoices past due"),
        });
    }
    // Those who record walkthroughs see the school's total; teachers see theirs elsewhere.
    if access.can(Permission::new(Action::Create, Entity::WalkthroughCheckins)) {
        let recent: i64 = walkthrough_checkins::table
            .filter(walkthrough_checkins::organization_id.eq(org))
            .filter(walkthrough_checkins::deleted_at.is_null())
            .filter(walkthrough_checkins::check_in_date.gt(today - chrono::Days::new(30)))
            .count()
            .get_result(conn)?;
        stats.push(Stat {
            label: "Walkthroughs",
            value: recent.to_string(),
            detail: "in the last 30 days".to_owned(),
        });
    }

    let attendance = if access.can_read(Entity::AttendanceRecords) {
        Some(latest_attendance(conn, org, today)?)
    } else {
        None
    };
    let periods = if access.can_read(Entity::TimetablePeriods) {
        let ids = my_staff_ids(conn, access)?;
        let mine = my_periods_on(conn, access, &ids, today)?;
        // Only staff who teach see the section; an office account has no periods.
        (!mine.is_empty() || teaches(conn, access, &ids)?).then_some(mine)
    } else {
        None
    };
    let events = if access.can_read(Entity::CommunicationEvents) {
        Some(
            communication_events::table
                .filter(communication_events::organization_id.eq(org))
                .filter(communication_events::deleted_at.is_null())
                .filter(communication_events::event_date.ge(today))
                .order((
                    communication_events::event_date.asc(),
                    communication_events::title.asc(),
                ))
                .limit(5)
                .select((
                    communication_events::event_date,
                    communication_events::title,
                    communication_events::event_type,
                ))
                .load::<(NaiveDate, String, String)>(conn)?
                .into_iter()
                .map(|(date, title, kind)| EventRow { date, title, kind })
                .collect(),
        )
    } else {
        None
    };

    let check_in = crate::attendance::staff::my_check_in(tenant, access, "/")?;

    Ok(DashboardData {
        today,
        stats,
        periods,
        attendance,
        events,
        check_in,
    })
}

/// The most recent day (up to today) with daily rolls, and its marks by status.
fn latest_attendance(
    conn: &mut PgConnection,
    org: Uuid,
    today: NaiveDate,
) -> QueryResult<Option<AttendanceDay>> {
    let latest: Option<NaiveDate> = attendance_sessions::table
        .filter(attendance_sessions::organization_id.eq(org))
        .filter(attendance_sessions::deleted_at.is_null())
        .filter(attendance_sessions::session_type.eq(AttendanceSessionType::Daily))
        .filter(attendance_sessions::session_date.le(today))
        .select(diesel::dsl::max(attendance_sessions::session_date))
        .first(conn)?;
    let Some(date) = latest else { return Ok(None) };
    let counts: Vec<(AttendanceStatus, i64)> = attendance_records::table
        .inner_join(attendance_sessions::table)
        .filter(attendance_sessions::organization_id.eq(org))
        .filter(attendance_sessions::session_date.eq(date))
        .filter(attendance_sessions::session_type.eq(AttendanceSessionType::Daily))
        .filter(attendance_sessions::deleted_at.is_null())
        .filter(attendance_records::deleted_at.is_null())
        .group_by(attendance_records::status)
        .select((attendance_records::status, count_star()))
        .load(conn)?;
    let of = |s: AttendanceStatus| {
        counts
            .iter()
            .find(|(st, _)| *st == s)
            .map_or(0, |(_, n)| *n)
    };
    Ok(Some(AttendanceDay {
        date,
        present: of(AttendanceStatus::Present),
        late: of(AttendanceStatus::Late),
        absent: of(AttendanceStatus::Absent),
        excused: of(AttendanceStatus::Excused),
    }))
}

/// The signed-in user's staff records in their organization.
fn my_staff_ids(conn: &mut PgConnection, access: &Access) -> QueryResult<Vec<Uuid>> {
    staff::table
        .filter(staff::organization_id.eq(access.organization_id))
        .filter(staff::user_id.eq(access.user_id))
        .filter(staff::deleted_at.is_null())
        .select(staff::id)
        .load(conn)
}

fn teaches(conn: &mut PgConnection, access: &Access, ids: &[Uuid]) -> QueryResult<bool> {
    if ids.is_empty() {
        return Ok(false);
    }
    let n: i64 = class_subjects::table
        .filter(class_subjects::organization_id.eq(access.organization_id))
        .filter(class_subjects::teacher_id.eq_any(ids))
        .filter(class_subjects::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The signed-in teacher's periods on a date, from the published timetable in force.
fn my_periods_on(
    conn: &mut PgConnection,
    access: &Access,
    ids: &[Uuid],
    date: NaiveDate,
) -> QueryResult<Vec<PeriodToday>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = timetable_periods::table
        .inner_join(timetables::table)
        .inner_join(
            class_subjects::table
                .inner_join(classes::table)
                .inner_join(subjects::table),
        )
        .filter(timetable_periods::organization_id.eq(access.organization_id))
        .filter(timetable_periods::deleted_at.is_null())
        .filter(timetable_periods::day_of_week.eq(DayOfWeek::from(date.weekday())))
        .filter(timetables::status.eq(TimetableStatus::Published))
        .filter(timetables::deleted_at.is_null())
        .filter(
            timetables::effective_from
                .is_null()
                .or(timetables::effective_from.le(date)),
        )
        .filter(
            timetables::effective_to
                .is_null()
                .or(timetables::effective_to.ge(date)),
        )
        .filter(class_subjects::teacher_id.eq_any(ids))
        .filter(class_subjects::deleted_at.is_null())
        .order(timetable_periods::starts_at.asc())
        .select((
            timetable_periods::starts_at,
            timetable_periods::ends_at,
            classes::name,
            subjects::name,
            timetable_periods::room,
        ))
        .load::<(NaiveTime, NaiveTime, String, String, Option<String>)>(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(starts_at, ends_at, class_name, subject, room)| PeriodToday {
                starts_at,
                ends_at,
                class_name,
                subject,
                room,
            },
        )
        .collect())
}

/// `12,345.50` — money with thousands separators and two decimals.
pub fn format_money(amount: &BigDecimal) -> String {
    let fixed = amount
        .with_scale_round(2, bigdecimal::RoundingMode::HalfEven)
        .to_string();
    let (sign, digits) = fixed
        .strip_prefix('-')
        .map_or(("", fixed.as_str()), |d| ("-", d));
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{cents}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_is_grouped_with_two_decimals() {
        let m = |s: &str| format_money(&BigDecimal::from_str(s).expect("decimal"));
        assert_eq!(m("0"), "0.00");
        assert_eq!(m("1234567.5"), "1,234,567.50");
        assert_eq!(m("999.999"), "1,000.00");
        assert_eq!(m("-1200"), "-1,200.00");
    }

    #[test]
    fn attendance_percentage_counts_late_as_present() {
        let day = AttendanceDay {
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            present: 90,
            late: 4,
            absent: 5,
            excused: 1,
        };
        assert_eq!(day.percentage(), "94.0%");
    }
}

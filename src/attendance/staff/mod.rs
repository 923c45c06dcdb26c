//! Staff attendance: the office or a director marks each staff member of a campus
//! present, late or absent for the day (`/attendance/campuses/{id}/staff`), and a
//! staff member checks in themselves (`POST /attendance/check-in`). A check-in
//! after the campus's start time (campus_attendance_config.school_starts_at, 08:30
//! unless set) counts as late. One record per staff member per day; marking again
//! changes it.

mod check_in;
mod overview;
mod sheet;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;

use super::filters;
use super::queries::staff as queries;
use crate::access::{
    Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes, display_name,
};
use crate::db::Tenant;
use crate::db::enums::StaffAttendanceStatus;

const CHECK_IN: Permission = Permission::new(Action::Create, Entity::StaffAttendanceRecords);
const MARK: Permission = Permission::new(Action::Update, Entity::StaffAttendanceRecords);

pub fn routes(r: &mut Routes) {
    r.get(
        "/attendance/staff",
        Gate::Requires(CHECK_IN),
        overview::overview,
    )
    .post(
        "/attendance/check-in",
        Gate::Requires(CHECK_IN),
        check_in::check_in,
    )
    .get(
        "/attendance/campuses/{id}/staff",
        Gate::Requires(MARK),
        sheet::campus_sheet,
    )
    .post(
        "/attendance/campuses/{id}/staff",
        Gate::Requires(MARK),
        sheet::mark,
    );
    r.menu(MenuEntry {
        group: MenuGroup::Staff,
        order: 50,
        label: "nav-staff-attendance",
        href: "/attendance/staff",
        gate: Gate::Requires(CHECK_IN),
    });
}

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

    /// The message id of the status shown on the card.
    pub fn status_message(&self) -> &'static str {
        status_message(self.status.unwrap_or(StaffAttendanceStatus::Present))
    }
}

/// The message id of a staff mark's name: "Present", "Late", "Absent".
pub fn status_message(status: StaffAttendanceStatus) -> &'static str {
    match status {
        StaffAttendanceStatus::Present => crate::i18n::msg("mark-present"),
        StaffAttendanceStatus::Late => crate::i18n::msg("mark-late"),
        StaffAttendanceStatus::Absent => crate::i18n::msg("mark-absent"),
    }
}

pub fn status_badge(status: StaffAttendanceStatus) -> &'static str {
    match status {
        StaffAttendanceStatus::Present => "ok",
        StaffAttendanceStatus::Late => "warn",
        StaffAttendanceStatus::Absent => "bad",
    }
}

/// The check-in card's state for the dashboard and the staff attendance page;
/// `None` for users who cannot check in or are not on the staff.
pub fn my_check_in(
    tenant: &mut Tenant<'_>,
    access: &Access,
    back: &str,
) -> QueryResult<Option<MyCheckIn>> {
    if !access.can(CHECK_IN) {
        return Ok(None);
    }
    let Some(me) = queries::my_staff(tenant)? else {
        return Ok(None);
    };
    let times = filters::times_of(tenant, me.campus_id)?;
    let today = tenant.today();
    let record = queries::day_of(tenant, me.id, today)?;
    let tz = tenant.time_zone();
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

fn staff_name(first: Option<&str>, last: Option<&str>) -> String {
    display_name(first, last, "Unnamed staff member")
}

/// A staff member's record of `date` as a check-in or a mark writes it.
fn day_of(
    who: &queries::StaffMember,
    date: NaiveDate,
    status: StaffAttendanceStatus,
    checked_in_at: Option<DateTime<Utc>>,
) -> queries::StaffDay<'_> {
    queries::StaffDay {
        who,
        name: staff_name(who.first_name.as_deref(), who.last_name.as_deref()),
        date,
        status,
        checked_in_at,
    }
}

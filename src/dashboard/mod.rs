//! The dashboard at `/`: what matters today for the signed-in user, limited to
//! what their permissions let them read, all within their organization.

mod queries;

use actix_web::HttpResponse;
use actix_web::web;
use askama::Template;
use bigdecimal::BigDecimal;
use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;

use crate::access::{Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::attendance::figures::DayAttendance;
use crate::communication::queries::{Event, upcoming_events};
use crate::db::Tenant;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    r.get("/", Gate::SignedIn, dashboard);
    r.menu(MenuEntry {
        group: MenuGroup::Today,
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

impl Stat {
    fn count(label: &'static str, value: i64, detail: &str) -> Stat {
        Stat {
            label,
            value: value.to_string(),
            detail: detail.to_owned(),
        }
    }
}

pub struct PeriodToday {
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub class_name: String,
    pub subject: String,
    pub room: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    first_name: String,
    today: NaiveDate,
    stats: Vec<Stat>,
    periods: Option<Vec<PeriodToday>>,
    attendance: Option<Option<DayAttendance>>,
    events: Option<Vec<Event>>,
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
    attendance: Option<Option<DayAttendance>>,
    events: Option<Vec<Event>>,
    check_in: Option<crate::attendance::staff::MyCheckIn>,
}

/// What the user may read of the school today: one query per section they may see.
fn load(tenant: &mut Tenant<'_>, access: &Access) -> QueryResult<DashboardData> {
    let today = tenant.today();
    let mut stats = Vec::new();
    if access.can_read(Entity::Students) {
        stats.push(Stat::count(
            "Students",
            queries::active_students(tenant)?,
            "active",
        ));
    }
    if access.can_read(Entity::Staff) {
        stats.push(Stat::count(
            "Staff",
            queries::active_staff(tenant)?,
            "active",
        ));
    }
    if access.can_read(Entity::Classes) {
        let current = queries::current_classes(tenant)?;
        stats.push(Stat::count("Classes", current, "this academic year"));
    }
    if access.can_read(Entity::Invoices) {
        let (outstanding, overdue) = queries::fees_outstanding(tenant, today)?;
        stats.push(Stat {
            label: "Fees outstanding",
            value: format_money(&outstanding.unwrap_or_default()),
            detail: format!("{overdue} invoices past due"),
        });
    }
    // Those who record walkthroughs see the school's total; teachers see theirs elsewhere.
    if access.can(Permission::new(Action::Create, Entity::WalkthroughCheckins)) {
        let since = today - chrono::Days::new(30);
        let recent = crate::walkthroughs::count_after(tenant, since)?;
        stats.push(Stat::count("Walkthroughs", recent, "in the last 30 days"));
    }
    let attendance = if access.can_read(Entity::AttendanceRecords) {
        Some(crate::attendance::figures::latest_day(tenant, today)?)
    } else {
        None
    };
    let periods = if access.can_read(Entity::TimetablePeriods) {
        let ids = queries::my_staff_ids(tenant)?;
        let mine = queries::periods_on(tenant, &ids, today)?;
        // Only staff who teach see the section; an office account has no periods.
        (!mine.is_empty() || queries::teaches(tenant, &ids)?).then_some(mine)
    } else {
        None
    };
    let events = if access.can_read(Entity::CommunicationEvents) {
        Some(upcoming_events(tenant, today, 5)?)
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
}

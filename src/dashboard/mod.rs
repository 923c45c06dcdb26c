//! The dashboard at `/`: what matters today for the signed-in user, limited to
//! what their permissions let them read, all within their organization.

mod queries;

use actix_web::HttpResponse;
use actix_web::web;
use askama::Template;
use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;

use crate::access::{Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::attendance::figures::DayAttendance;
use crate::communication::queries::{Event, upcoming_events};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    r.get("/", Gate::SignedIn, dashboard);
    r.menu(MenuEntry {
        group: MenuGroup::Today,
        order: 10,
        label: "nav-dashboard",
        href: "/",
        gate: Gate::SignedIn,
    });
}

pub struct Stat {
    pub label: String,
    pub value: String,
    pub detail: String,
}

impl Stat {
    fn count(label: String, value: i64, detail: String) -> Stat {
        Stat {
            label,
            value: value.to_string(),
            detail,
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
    setup: Option<crate::setup::Checklist>,
    zone_card: Option<crate::staffdev::zones::ZoneCard>,
}

/// The kinds of event Homeroom names in every language, with their message ids.
const EVENT_KINDS: [(&str, &str); 8] = [
    ("event", msg("dashboard-event-event")),
    ("meeting", msg("dashboard-event-meeting")),
    ("deadline", msg("dashboard-event-deadline")),
    ("drill", msg("dashboard-event-drill")),
    ("holiday", msg("dashboard-event-holiday")),
    ("exam", msg("dashboard-event-exam")),
    ("trip", msg("dashboard-event-trip")),
    ("sports", msg("dashboard-event-sports")),
];

/// An event's kind in the reader's language when it is one Homeroom knows; a kind
/// the school typed otherwise stays as typed.
fn event_kind(t: &Lang, kind: &str) -> String {
    let known = kind.trim();
    EVENT_KINDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(known))
        .map_or_else(|| kind.to_owned(), |(_, id)| t.text(id))
}

async fn dashboard(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let t = page.t;
    let data = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        Ok(load(tenant, &access, t)?)
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
        layout: page.layout(page.t.text("nav-dashboard")),
        first_name,
        today: data.today,
        stats: data.stats,
        periods: data.periods,
        attendance: data.attendance,
        events: data.events,
        check_in: data.check_in,
        setup: data.setup,
        zone_card: data.zone_card,
    })
}

struct DashboardData {
    today: NaiveDate,
    stats: Vec<Stat>,
    periods: Option<Vec<PeriodToday>>,
    attendance: Option<Option<DayAttendance>>,
    events: Option<Vec<Event>>,
    check_in: Option<crate::attendance::staff::MyCheckIn>,
    setup: Option<crate::setup::Checklist>,
    zone_card: Option<crate::staffdev::zones::ZoneCard>,
}

/// What the user may read of the school today: one query per section they may see.
fn load(tenant: &mut Tenant<'_>, access: &Access, t: Lang) -> QueryResult<DashboardData> {
    let today = tenant.today();
    let mut stats = Vec::new();
    if access.can_read(Entity::Students) {
        stats.push(Stat::count(
            t.text("dashboard-students"),
            queries::active_students(tenant)?,
            t.text("dashboard-active"),
        ));
    }
    if access.can_read(Entity::Staff) {
        stats.push(Stat::count(
            t.text("dashboard-staff"),
            queries::active_staff(tenant)?,
            t.text("dashboard-active"),
        ));
    }
    if access.can_read(Entity::Classes) {
        let current = queries::current_classes(tenant, today)?;
        let detail = t.text("dashboard-this-academic-year");
        stats.push(Stat::count(t.text("dashboard-classes"), current, detail));
    }
    if access.can_read(Entity::Invoices) {
        let (outstanding, overdue) = queries::fees_outstanding(tenant, today)?;
        stats.push(Stat {
            label: t.text("dashboard-fees-outstanding"),
            value: access.locale(t).money(&outstanding.unwrap_or_default()),
            detail: t
                .message("dashboard-past-due")
                .arg("count", overdue)
                .to_string(),
        });
    }
    // Those who record walkthroughs see the school's total; teachers see theirs elsewhere.
    if access.can(Permission::new(Action::Create, Entity::WalkthroughCheckins)) {
        const DAYS: u64 = 30;
        let since = today - chrono::Days::new(DAYS);
        let recent = crate::walkthroughs::count_after(tenant, since)?;
        let detail = t.message("dashboard-in-the-last-days").arg("days", DAYS);
        stats.push(Stat::count(
            t.text("nav-walkthroughs"),
            recent,
            detail.to_string(),
        ));
    }
    let attendance = if access.can_read(Entity::AttendanceRecords) {
        use crate::attendance::figures::{Sight, latest_day};
        let sight = if access.can_read(Entity::CampusAttendanceSummaries) {
            Sight::School
        } else {
            Sight::Readable
        };
        Some(latest_day(tenant, today, sight)?)
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
    let setup = crate::setup::checklist(tenant, access, t)?;
    let zone_card = crate::staffdev::zones::card(tenant, access)?;
    Ok(DashboardData {
        today,
        stats,
        periods,
        attendance,
        events,
        check_in,
        setup,
        zone_card,
    })
}

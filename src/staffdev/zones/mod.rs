//! Zone check-ins: in one tap from the dashboard a staff member says which zone of
//! regulation they are in (blue, green, yellow, red), with a note only they read, at
//! most [`DAILY_LIMIT`] times a day, and sees their own week. Directors see only
//! how each campus's day went, and only where at least [`MIN_PEOPLE`] people
//! checked in, so no one is singled out.
//!
//! Checking in needs CREATE on progress; the campus figures need CREATE on frame
//! posts (those who lead staff development). The rows are private to their author
//! on every path (record engine, export, search): see `queries`.

mod editor;
pub mod guide;
mod pages;
mod queries;

pub(crate) use queries::campus_of;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::access::{Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::msg;

/// How many times a day one person may check in.
pub const DAILY_LIMIT: usize = 3;
/// The fewest people a campus's day needs before its figures are shown.
pub const MIN_PEOPLE: i64 = 5;
/// The longest private note.
pub const NOTE_MAX: usize = 500;

/// The four zones: the key stored, and the message id of its word.
pub const ZONES: [(&str, &str); 4] = [
    ("blue", msg("sd-zone-blue")),
    ("green", msg("sd-zone-green")),
    ("yellow", msg("sd-zone-yellow")),
    ("red", msg("sd-zone-red")),
];

const CHECK_IN: Gate = Gate::Requires(Permission::new(Action::Create, Entity::UserProgress));
const OVERSEE: Gate = Gate::Requires(Permission::new(Action::Create, Entity::FrameEntries));
const EDIT_GUIDE: Gate = Gate::Requires(crate::staffdev::quiz::editor::EDIT_CONTENT);

pub fn routes(r: &mut Routes) {
    r.get("/staff-development/zones", CHECK_IN, pages::my_week)
        .post(
            "/staff-development/zones/check-in",
            CHECK_IN,
            pages::check_in,
        )
        .get(
            "/staff-development/zones/campuses",
            OVERSEE,
            pages::campuses,
        )
        .get("/staff-development/zones/guide", EDIT_GUIDE, editor::edit)
        .post("/staff-development/zones/guide", EDIT_GUIDE, editor::save);
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 63,
            label: "sd-nav-zones",
            href: "/staff-development/zones",
            gate: CHECK_IN,
        },
        crate::staffdev::Module::Zones.key(),
    );
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 64,
            label: "sd-nav-zone-campuses",
            href: "/staff-development/zones/campuses",
            gate: OVERSEE,
        },
        crate::staffdev::Module::Zones.key(),
    );
}

/// The word of a zone key, or none for a key that is not a zone.
pub fn zone_word(key: &str) -> Option<&'static str> {
    ZONES.iter().find(|(k, _)| *k == key).map(|(_, word)| *word)
}

/// The moment a school day starts.
fn start_of(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The dashboard's check-in card: how many check-ins today, and the latest zone.
pub struct ZoneCard {
    pub today: usize,
    pub latest: Option<&'static str>,
}

impl ZoneCard {
    pub fn limit(&self) -> usize {
        DAILY_LIMIT
    }

    pub fn zones(&self) -> &'static [(&'static str, &'static str); 4] {
        &ZONES
    }
}

/// The card for a user who may check in; none for anyone else.
pub fn card(tenant: &mut Tenant<'_>, access: &Access) -> diesel::QueryResult<Option<ZoneCard>> {
    if !access.can(Permission::new(Action::Create, Entity::UserProgress))
        || access
            .modules_off
            .contains(&crate::staffdev::Module::Zones.key())
    {
        return Ok(None);
    }
    let since = start_of(tenant.today(), tenant.time_zone());
    let today = queries::mine_since(tenant, access.user_id, since)?;
    Ok(Some(ZoneCard {
        today: today.len(),
        latest: today.last().and_then(|c| zone_word(&c.zone)),
    }))
}

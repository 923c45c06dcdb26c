//! The zone pages: checking in, the user's own week, and the campus figures.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Duration;
use serde::Deserialize;

use super::queries::{self, CampusDay};
use super::{DAILY_LIMIT, MIN_PEOPLE, NOTE_MAX, ZoneCard, start_of, zone_word};
use crate::staffdev::text::Problem;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::redirect::local_target;
use crate::web::{render, see_other};

/// How many days the campus figures cover.
const CAMPUS_DAYS: i64 = 14;

#[derive(Deserialize)]
pub(super) struct CheckInForm {
    #[serde(default)]
    zone: String,
    #[serde(default)]
    note: String,
    back: Option<String>,
}

/// What became of a check-in.
enum Outcome {
    Kept,
    LimitReached,
}

/// The note as kept (none when blank), or the message saying why it cannot be.
fn private_note(value: &str, t: &crate::i18n::Lang) -> Result<Option<String>, String> {
    crate::staffdev::text::written(value, NOTE_MAX).map_err(|problem| match problem {
        Problem::TooLong => {
            let max = t.number(NOTE_MAX as i64);
            t.message("sd-zone-note-long").arg("max", max).to_string()
        }
        Problem::Unstorable => t.text("sd-zone-note-unstorable"),
    })
}

pub(super) async fn check_in(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<CheckInForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let t = page.t;
    let back = form
        .back
        .as_deref()
        .and_then(local_target)
        .unwrap_or_else(|| "/staff-development/zones".to_owned());
    let Some(word) = zone_word(form.zone.trim()) else {
        return Err(AppError::BadRequest(t.text("sd-zone-unknown")));
    };
    let note = match private_note(&form.note, &t) {
        Ok(note) => note,
        Err(message) => {
            flash::push(&session, Level::Error, message);
            return Ok(see_other(&back));
        }
    };
    let user = page.access.user_id;
    let zone = form.zone.trim().to_owned();
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let since = start_of(tenant.today(), tenant.time_zone());
        let entry = (zone.as_str(), note.as_deref());
        let kept = queries::check_in(tenant, user, entry, since, DAILY_LIMIT)?;
        Ok(if kept {
            Outcome::Kept
        } else {
            Outcome::LimitReached
        })
    })
    .await?;
    let (level, message) = match outcome {
        Outcome::Kept => (
            Level::Success,
            t.message("sd-zone-checked-in")
                .arg("zone", t.text(word))
                .to_string(),
        ),
        Outcome::LimitReached => (
            Level::Info,
            t.message("sd-zone-limit")
                .arg("count", DAILY_LIMIT as i64)
                .to_string(),
        ),
    };
    flash::push(&session, level, message);
    Ok(see_other(&back))
}

/// One of the user's check-ins as their week shows it.
pub struct MyCheckIn {
    pub day: String,
    pub time: String,
    pub zone: &'static str,
    pub word: String,
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "staffdev/zones.html")]
struct WeekPage {
    layout: Layout,
    zone_card: ZoneCard,
    back: String,
    week: Vec<MyCheckIn>,
    helps: Option<Helps>,
}

/// What the guide says of the zone of the user's latest check-in.
pub struct Helps {
    pub heading: String,
    pub description: String,
    pub strategies: Vec<String>,
}

/// The guide's text for `zone`, headed in `t`; none when the guide lacks it.
fn helps(guide: &super::guide::ZoneGuide, zone: &str, t: crate::i18n::Lang) -> Option<Helps> {
    let text = guide.zone(zone)?;
    let word = t.text(zone_word(zone)?);
    Some(Helps {
        heading: t
            .message("sd-zone-what-helps")
            .arg("zone", word)
            .to_string(),
        description: text.description.clone(),
        strategies: text.strategies.clone(),
    })
}

pub(super) async fn my_week(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let t = page.t;
        let zone = tenant.time_zone();
        let monday = crate::staffdev::frame::monday_of(tenant.today());
        let rows = queries::mine_since(tenant, page.access.user_id, start_of(monday, zone))?;
        let zone_card = super::card(tenant, &page.access)?.ok_or(AppError::Forbidden)?;
        let week = rows
            .into_iter()
            .filter_map(|row| {
                let key = super::ZONES.iter().find(|(k, _)| *k == row.zone)?;
                let local = row.at.with_timezone(&zone);
                Some(MyCheckIn {
                    day: t.weekday_date(local.date_naive()),
                    time: t.time(local.time()),
                    zone: key.0,
                    word: t.text(key.1),
                    note: row.note,
                })
            })
            .collect::<Vec<MyCheckIn>>();
        let guide: super::guide::ZoneGuide = crate::staffdev::content::load(tenant.conn())?;
        let helps = week.last().and_then(|c| helps(&guide, c.zone, t));
        Ok(WeekPage {
            layout: page.layout(t.text("sd-zones-title")),
            zone_card,
            back: "/staff-development/zones".to_owned(),
            week,
            helps,
        })
    })
    .await?;
    render(&view)
}

/// A campus's day as a director reads it: the figures only with enough people.
pub struct CampusDayView {
    pub campus: String,
    pub day: String,
    /// Check-ins per zone (word, zone key, count), or none when too few people.
    pub zones: Option<Vec<(String, &'static str, i64)>>,
}

impl CampusDayView {
    fn of(row: CampusDay, t: &crate::i18n::Lang) -> CampusDayView {
        let counts = [row.blue, row.green, row.yellow, row.red];
        CampusDayView {
            campus: row.campus.unwrap_or_else(|| t.text("sd-zones-no-campus")),
            day: t.weekday_date(row.day),
            zones: (row.people >= MIN_PEOPLE).then(|| {
                super::ZONES
                    .iter()
                    .zip(counts)
                    .map(|((key, word), n)| (t.text(word), *key, n))
                    .collect()
            }),
        }
    }
}

#[derive(Template)]
#[template(path = "staffdev/zone_campuses.html")]
struct CampusPage {
    layout: Layout,
    days: Vec<CampusDayView>,
    min_people: i64,
}

pub(super) async fn campuses(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let since = tenant.today() - Duration::days(CAMPUS_DAYS - 1);
        let rows = queries::campus_days(tenant, start_of(since, tenant.time_zone()))?;
        let t = page.t;
        Ok(CampusPage {
            layout: page.layout(t.text("sd-zone-campuses-title")),
            days: rows.into_iter().map(|r| CampusDayView::of(r, &t)).collect(),
            min_people: MIN_PEOPLE,
        })
    })
    .await?;
    render(&view)
}

//! `/today`: where a teacher lands after signing in — the day's rolls, each with
//! how far it has been taken, as big targets that open the roll.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use diesel::prelude::*;

use super::queries::today as queries;
use super::roll::RollKey;
use super::schedule::{RollState, ScheduledRoll, Scope, scheduled_rolls};
use crate::access::{Action, Entity, Gate, Landing, MenuEntry, MenuGroup, Permission, Routes};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    let take_rolls = Gate::Requires(Permission::new(Action::Create, Entity::AttendanceRecords));
    r.get("/today", take_rolls, today);
    r.landing(Landing {
        path: "/today",
        applies: lands_on_today,
    });
    r.menu(MenuEntry {
        group: MenuGroup::Today,
        order: 30,
        label: "nav-today",
        href: "/today",
        gate: take_rolls,
    });
}

pub struct RollCard {
    pub href: String,
    pub when: String,
    pub title: String,
    pub room: Option<String>,
    pub state: String,
    /// `taken`, `partial` or `not-taken`, for the card's colour.
    pub state_class: &'static str,
}

#[derive(Template)]
#[template(path = "attendance/today.html")]
struct TodayPage {
    layout: Layout,
    date: NaiveDate,
    cards: Vec<RollCard>,
    /// Why there is no roll, when set-up data is missing.
    notice: Option<crate::setup::Notice>,
    /// The reader is a staff member, who keeps gradebooks.
    teaches: bool,
}

/// "Taken at 08:14" in the school's time zone.
pub fn state_text(t: Lang, state: RollState, time_zone: chrono_tz::Tz) -> (String, &'static str) {
    match state {
        RollState::NotTaken => (t.text("roll-state-not-taken"), "not-taken"),
        RollState::Partial { marked, enrolled } => {
            let text = t.message("roll-state-partial");
            let text = text.arg("marked", marked).arg("enrolled", enrolled);
            (text.to_string(), "partial")
        }
        RollState::Taken { at } => {
            let time = t.time(at.with_timezone(&time_zone).time());
            let text = t.message("roll-state-taken").arg("time", time);
            (text.to_string(), "taken")
        }
    }
}

fn card(t: Lang, roll: &ScheduledRoll, date: NaiveDate, time_zone: chrono_tz::Tz) -> RollCard {
    let key = match roll.class_subject_id {
        Some(id) => RollKey::ClassSubject(id),
        None => RollKey::Class(roll.class_id),
    };
    let when = match (roll.period_starts_at, roll.period_ends_at) {
        (Some(from), Some(to)) => format!("{}–{}", t.time(from), t.time(to)),
        _ => t.text("today-daily-roll"),
    };
    let title = match &roll.subject_name {
        Some(subject) => format!("{} · {subject}", roll.class_name),
        None => roll.class_name.clone(),
    };
    let (state, state_class) = state_text(t, roll.state, time_zone);
    RollCard {
        href: format!("{}?date={date}", key.path()),
        when,
        title,
        room: roll.room.clone(),
        state,
        state_class,
    }
}

async fn today(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let date = page.access.today();
    let (rolls, gap, teaches) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let mine = queries::my_staff_ids(tenant)?;
            let mut rolls = Vec::new();
            for staff_id in &mine {
                rolls.extend(scheduled_rolls(tenant, date, Scope::Teacher(*staff_id))?);
            }
            let gap = if rolls.is_empty() {
                crate::setup::missing_for_the_day(tenant, &mine, date)?
            } else {
                None
            };
            Ok((rolls, gap, !mine.is_empty()))
        })
        .await?;
    let tz = page.access.time_zone;
    render(&TodayPage {
        layout: page.layout(page.t.text("today-heading")),
        date,
        cards: rolls.iter().map(|r| card(page.t, r, date, tz)).collect(),
        notice: gap.map(|gap| gap.notice(page.t, &page.access)),
        teaches,
    })
}

/// Whether an account signing in should land on `/today`: it teaches (homeroom or a
/// subject) and its role or own permissions let it take rolls. Asked at sign-in,
/// before there is a tenant, so it reads with the bare connection.
pub fn lands_on_today(conn: &mut PgConnection, email: &str) -> QueryResult<bool> {
    queries::teaches_and_takes_rolls(conn, email)
}

//! `/today`: where a teacher lands after signing in — the day's rolls, each with
//! how far it has been taken, as big targets that open the roll.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;

use super::roll::RollKey;
use super::schedule::{RollState, ScheduledRoll, Scope, scheduled_rolls};
use crate::access::{Action, Entity, Gate, Landing, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::schema::staff;
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
        label: "Today",
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
    teaches: bool,
}

/// "Taken at 08:14" in the school's time zone.
pub fn state_text(state: RollState, time_zone: chrono_tz::Tz) -> (String, &'static str) {
    match state {
        RollState::NotTaken => ("Not taken".to_owned(), "not-taken"),
        RollState::Partial { marked, enrolled } => {
            (format!("Partly taken ({marked} of {enrolled})"), "partial")
        }
        RollState::Taken { at } => (format!("Taken at {}", local_time(at, time_zone)), "taken"),
    }
}

fn local_time(at: DateTime<Utc>, time_zone: chrono_tz::Tz) -> String {
    at.with_timezone(&time_zone).format("%H:%M").to_string()
}

fn card(roll: &ScheduledRoll, date: NaiveDate, time_zone: chrono_tz::Tz) -> RollCard {
    let key = match roll.class_subject_id {
        Some(id) => RollKey::ClassSubject(id),
        None => RollKey::Class(roll.class_id),
    };
    let when = match (roll.period_starts_at, roll.period_ends_at) {
        (Some(from), Some(to)) => format!("{}–{}", from.format("%H:%M"), to.format("%H:%M")),
        _ => "Daily roll".to_owned(),
    };
    let title = match &roll.subject_name {
        Some(subject) => format!("{} · {subject}", roll.class_name),
        None => roll.class_name.clone(),
    };
    let (state, state_class) = state_text(roll.state, time_zone);
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
    let access = page.access.clone();
    let date = access.today();
    let (rolls, teaches) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let mine: Vec<Uuid> = staff::table
            .filter(staff::organization_id.eq(access.organization_id))
            .filter(staff::user_id.eq(access.user_id))
            .filter(staff::deleted_at.is_null())
            .select(staff::id)
            .load(conn)?;
        let mut rolls = Vec::new();
        for staff_id in &mine {
            rolls.extend(scheduled_rolls(
                conn,
                access.organization_id,
                date,
                Scope::Teacher(*staff_id),
            )?);
        }
        Ok((rolls, !mine.is_empty()))
    })
    .await?;
    let tz = page.access.time_zone;
    render(&TodayPage {
        layout: page.layout("Today"),
        date,
        cards: rolls.iter().map(|r| card(r, date, tz)).collect(),
        teaches,
    })
}

#[derive(QueryableByName)]
struct Lands {
    #[diesel(sql_type = Bool)]
    today: bool,
}

/// Whether an account signing in should land on `/today`: it teaches (homeroom or a
/// subject) and its role or own permissions let it take rolls.
pub fn lands_on_today(conn: &mut PgConnection, email: &str) -> QueryResult<bool> {
    diesel::sql_query(
        "SELECT EXISTS (
           SELECT 1 FROM users u
           JOIN staff s ON s.user_id = u.id AND s.organization_id = u.organization_id
                AND s.deleted_at IS NULL
           WHERE lower(u.email) = lower($1) AND u.deleted_at IS NULL
             AND (EXISTS (SELECT 1 FROM classes c WHERE c.homeroom_teacher_id = s.id
                          AND c.deleted_at IS NULL AND c.status = 'active')
                  OR EXISTS (SELECT 1 FROM class_subjects cs WHERE cs.teacher_id = s.id
                             AND cs.deleted_at IS NULL AND cs.status = 'active'))
             AND EXISTS (
               SELECT 1 FROM permissions p
               WHERE p.name = 'CREATE_ATTENDANCE_RECORDS' AND p.deleted_at IS NULL
                 AND (p.id IN (SELECT rp.permission_id FROM roles_permissions rp
                               WHERE rp.role_id = u.app_role_id AND rp.deleted_at IS NULL)
                      OR p.id IN (SELECT cp.permission_id FROM users_custom_permissions cp
                                  WHERE cp.user_id = u.id AND cp.deleted_at IS NULL)))
         ) AS today",
    )
    .bind::<Text, _>(email)
    .get_result::<Lands>(conn)
    .map(|l| l.today)
}

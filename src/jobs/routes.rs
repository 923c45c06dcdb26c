//! `/admin/jobs`: the scheduled tasks with their last runs; enable, disable, run now.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{JobContext, RunResult, Task};
use crate::access::{Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::{SyncStatus, TaskStatus};
use crate::db::schema::{scheduled_tasks, sync_logs};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::layout::{Layout, Page};
use crate::web::{render, see_other};

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::ScheduledTasks));
    let update = Gate::Requires(Permission::new(Action::Update, Entity::ScheduledTasks));
    r.get("/admin/jobs", read, jobs)
        .post("/admin/jobs/{id}/enable", update, enable)
        .post("/admin/jobs/{id}/disable", update, disable)
        .post("/admin/jobs/{id}/run", update, run_now);
    r.menu(MenuEntry {
        group: MenuGroup::Administration,
        order: 82,
        label: "Jobs",
        href: "/admin/jobs",
        gate: read,
    });
}

pub struct TaskRow {
    pub id: Uuid,
    pub task_type: String,
    pub description: String,
    pub enabled: bool,
    pub interval: String,
    pub last_run: Option<String>,
    pub next_run: String,
    pub status: TaskStatus,
}

pub struct LogRow {
    pub sync_type: String,
    pub status: SyncStatus,
    pub started: String,
    pub took: String,
    pub processed: i32,
    pub created: i32,
    pub updated: i32,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/jobs.html")]
struct JobsPage {
    layout: Layout,
    tasks: Vec<TaskRow>,
    logs: Vec<LogRow>,
    can_change: bool,
}

type TaskColumns = (
    Uuid,
    String,
    Option<String>,
    bool,
    i32,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
    TaskStatus,
);

type LogColumns = (
    String,
    SyncStatus,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i32,
    i32,
    i32,
    Option<String>,
);

async fn jobs(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (org, global) = (page.access.organization_id, page.access.global_access);
    let (tasks, logs) = crate::web::db::run(&state.pool, move |conn| {
        super::ensure_tasks(conn)?;
        // Install-wide tasks and their logs are for global administrators only.
        let mut tasks = scheduled_tasks::table
            .filter(scheduled_tasks::deleted_at.is_null())
            .into_boxed();
        let mut logs = sync_logs::table
            .filter(sync_logs::deleted_at.is_null())
            .into_boxed();
        if global {
            tasks = tasks.filter(
                scheduled_tasks::organization_id
                    .eq(org)
                    .or(scheduled_tasks::organization_id.is_null()),
            );
            logs = logs.filter(
                sync_logs::organization_id
                    .eq(org)
                    .or(sync_logs::organization_id.is_null()),
            );
        } else {
            tasks = tasks.filter(scheduled_tasks::organization_id.eq(org));
            logs = logs.filter(sync_logs::organization_id.eq(org));
        }
        let tasks = tasks
            .order(scheduled_tasks::task_type)
            .select((
                scheduled_tasks::id,
                scheduled_tasks::task_type,
                scheduled_tasks::description,
                scheduled_tasks::enabled,
                scheduled_tasks::interval_minutes,
                scheduled_tasks::last_run_at,
                scheduled_tasks::next_run_at,
                scheduled_tasks::status,
            ))
            .load::<TaskColumns>(conn)?;
        let logs = logs
            .order(sync_logs::started_at.desc())
            .limit(50)
            .select((
                sync_logs::sync_type,
                sync_logs::status,
                sync_logs::started_at,
                sync_logs::completed_at,
                sync_logs::records_processed,
                sync_logs::records_created,
                sync_logs::records_updated,
                sync_logs::error_message,
            ))
            .load::<LogColumns>(conn)?;
        Ok((tasks, logs))
    })
    .await?;
    let tz = page.access.time_zone;
    let when = |at: DateTime<Utc>| crate::web::local_time(tz, at);
    let tasks = tasks
        .into_iter()
        .map(
            |(id, task_type, description, enabled, minutes, last, next, status)| TaskRow {
                id,
                description: description
                    .or_else(|| Task::from_type(&task_type).map(|t| t.description().to_owned()))
                    .unwrap_or_default(),
                task_type,
                enabled,
                interval: every(minutes),
                last_run: last.map(when),
                next_run: when(next),
                status,
            },
        )
        .collect();
    let logs = logs
        .into_iter()
        .map(
            |(sync_type, status, started, completed, processed, created, updated, error)| LogRow {
                sync_type,
                status,
                started: when(started),
                took: completed
                    .map(|c| format!("{} ms", (c - started).num_milliseconds().max(0)))
                    .unwrap_or_else(|| "running".to_owned()),
                processed,
                created,
                updated,
                error,
            },
        )
        .collect();
    render(&JobsPage {
        can_change: page.can(Action::Update, Entity::ScheduledTasks),
        layout: page.layout("Jobs"),
        tasks,
        logs,
    })
}

/// "every 60 minutes", "every 24 hours".
fn every(minutes: i32) -> String {
    match minutes {
        m if m % (24 * 60) == 0 && m > 24 * 60 => format!("every {} days", m / (24 * 60)),
        m if m == 24 * 60 => "daily".to_owned(),
        m if m % 60 == 0 => format!("every {} h", m / 60),
        m => format!("every {m} min"),
    }
}

/// The task's type when the signed-in user may manage it, else not found.
fn visible_task(conn: &mut PgConnection, access: &Access, id: Uuid) -> Result<String, AppError> {
    let (owner, task_type) = scheduled_tasks::table
        .find(id)
        .filter(scheduled_tasks::deleted_at.is_null())
        .select((scheduled_tasks::organization_id, scheduled_tasks::task_type))
        .first::<(Option<Uuid>, String)>(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    match owner {
        Some(org) if org == access.organization_id => Ok(task_type),
        None if access.global_access => Ok(task_type),
        _ => Err(AppError::NotFound),
    }
}

async fn set_enabled(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: Uuid,
    enabled: bool,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let task_type = crate::web::db::run(&state.pool, move |conn| {
        let task_type = visible_task(conn, &access, id)?;
        diesel::update(scheduled_tasks::table.find(id))
            .set((
                scheduled_tasks::enabled.eq(enabled),
                scheduled_tasks::updated_by_id.eq(access.user_id),
            ))
            .execute(conn)?;
        Ok(task_type)
    })
    .await?;
    let message = if enabled {
        format!("{task_type} is enabled and runs on its schedule again.")
    } else {
        format!("{task_type} is disabled: it runs only when you press Run now.")
    };
    flash::push(&session, Level::Success, message);
    Ok(see_other("/admin/jobs"))
}

async fn enable(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    set_enabled(page, state, session, *id, true).await
}

async fn disable(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    set_enabled(page, state, session, *id, false).await
}

async fn run_now(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (access, id) = (page.access.clone(), *id);
    let mailer = state.mailer.clone();
    let data_dir = state.settings.data_dir.clone();
    let (task_type, result) = crate::web::db::run(&state.pool, move |conn| {
        let task_type = visible_task(conn, &access, id)?;
        let ctx = JobContext {
            mailer: &mailer,
            now: Utc::now(),
            data_dir: &data_dir,
        };
        let result = super::run_now(conn, &ctx, &super::worker_name(), id, access.user_id)?;
        Ok((task_type, result))
    })
    .await?;
    let (level, message) = match result {
        RunResult::Ran(o) => (
            Level::Success,
            format!(
                "{task_type} ran: {} processed, {} created, {} updated.",
                o.processed, o.created, o.updated
            ),
        ),
        RunResult::Failed(error) => (Level::Error, format!("{task_type} failed: {error}")),
        RunResult::Busy(holder) => (
            Level::Error,
            format!(
                "{task_type} is running right now{}; try again when it has finished.",
                holder.map(|h| format!(" on {h}")).unwrap_or_default()
            ),
        ),
    };
    flash::push(&session, level, message);
    Ok(see_other("/admin/jobs"))
}

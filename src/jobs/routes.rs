//! `/admin/jobs`: the scheduled tasks with their last runs; enable, disable, run now.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::queries::{self, LogColumns, TaskColumns, TaskScope};
use super::{JobContext, RunResult, Task};
use crate::access::{Access, Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::{SyncStatus, TaskStatus};
use crate::db::{OrganizationId, UserId};
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
        label: "nav-jobs",
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
    /// How many scheduled runs found nothing to do, which the log does not list.
    pub quiet: Option<String>,
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

/// The tasks and logs an administrator may see: their organization's, and with global
/// access the install's own.
fn scope(access: &Access) -> TaskScope {
    TaskScope {
        organization: OrganizationId::new(access.organization_id),
        install_wide: access.global_access,
    }
}

impl TaskRow {
    fn of(task: TaskColumns, tz: chrono_tz::Tz) -> TaskRow {
        let when = |at: DateTime<Utc>| crate::web::local_time(tz, at);
        let quiet = super::quiet_runs(task.quiet_runs, task.quiet_since, task.last_quiet_at, tz);
        TaskRow {
            id: task.id,
            description: task
                .description
                .or_else(|| Task::from_type(&task.task_type).map(|t| t.description().to_owned()))
                .unwrap_or_default(),
            task_type: task.task_type,
            enabled: task.enabled,
            interval: every(task.interval_minutes),
            last_run: task.last_run_at.map(when),
            next_run: when(task.next_run_at),
            status: task.status,
            quiet,
        }
    }
}

impl LogRow {
    fn of(log: LogColumns, tz: chrono_tz::Tz) -> LogRow {
        LogRow {
            sync_type: log.sync_type,
            status: log.status,
            started: crate::web::local_time(tz, log.started_at),
            took: log
                .completed_at
                .map(|c| format!("{} ms", (c - log.started_at).num_milliseconds().max(0)))
                .unwrap_or_else(|| "running".to_owned()),
            processed: log.processed,
            created: log.created,
            updated: log.updated,
            error: log.error,
        }
    }
}

async fn jobs(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let scope = scope(&page.access);
    // Tasks span the install (some belong to no organization) and have no row-level security.
    let (tasks, logs) = crate::web::db::run(&state.pool, move |conn| {
        super::ensure_tasks(conn)?;
        Ok((
            queries::tasks(conn, scope)?,
            queries::logs(conn, scope, 50)?,
        ))
    })
    .await?;
    let tz = page.access.time_zone;
    render(&JobsPage {
        can_change: page.can(Action::Update, Entity::ScheduledTasks),
        layout: page.layout("Jobs"),
        tasks: tasks.into_iter().map(|t| TaskRow::of(t, tz)).collect(),
        logs: logs.into_iter().map(|l| LogRow::of(l, tz)).collect(),
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
    queries::task_in_scope(conn, scope(access), id)?.ok_or(AppError::NotFound)
}

async fn set_enabled(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: Uuid,
    enabled: bool,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    // A task may be the install's own, and tasks have no row-level security.
    let task_type = crate::web::db::run(&state.pool, move |conn| {
        let task_type = visible_task(conn, &access, id)?;
        queries::set_enabled(conn, id, enabled, UserId::new(access.user_id))?;
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
    // The runner acts for the task's own organization (or the install) itself.
    let (task_type, result) = crate::web::db::run(&state.pool, move |conn| {
        let ctx = JobContext {
            mailer: &mailer,
            now: Utc::now(),
            data_dir: &data_dir,
        };
        run_visible(conn, &access, &ctx, id)
    })
    .await?;
    let (level, message) = run_report(&task_type, result);
    flash::push(&session, level, message);
    Ok(see_other("/admin/jobs"))
}

/// Runs the task now when the signed-in user may manage it: its type and what became of the run.
fn run_visible(
    conn: &mut PgConnection,
    access: &Access,
    ctx: &JobContext,
    id: Uuid,
) -> Result<(String, RunResult), AppError> {
    let task_type = visible_task(conn, access, id)?;
    let result = super::run_now(conn, ctx, &super::worker_name(), id, access.user_id)?;
    Ok((task_type, result))
}

/// What the jobs page says of a "Run now", and whether it went well.
fn run_report(task_type: &str, result: RunResult) -> (Level, String) {
    match result {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::Outcome;

    #[test]
    fn a_run_now_reports_its_counts_its_error_or_who_holds_the_task() {
        let ran = RunResult::Ran(Outcome {
            processed: 3,
            created: 1,
            updated: 2,
        });
        assert_eq!(
            run_report("outbox", ran),
            (
                Level::Success,
                "outbox ran: 3 processed, 1 created, 2 updated.".to_owned()
            )
        );
        assert_eq!(
            run_report("outbox", RunResult::Failed("no mail server".to_owned())),
            (Level::Error, "outbox failed: no mail server".to_owned())
        );
        assert_eq!(
            run_report("outbox", RunResult::Busy(Some("web-2:41".to_owned()))),
            (
                Level::Error,
                "outbox is running right now on web-2:41; try again when it has finished."
                    .to_owned()
            )
        );
        assert_eq!(
            run_report("outbox", RunResult::Busy(None)).1,
            "outbox is running right now; try again when it has finished."
        );
    }
}

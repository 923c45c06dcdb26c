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
use crate::i18n::{Lang, msg};
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
    fn of(task: TaskColumns, tz: chrono_tz::Tz, t: Lang) -> TaskRow {
        let when = |at: DateTime<Utc>| super::when(t, tz, at);
        let quiet = super::quiet_runs(t, task.quiet_runs, task.quiet_since, task.last_quiet_at, tz);
        // Homeroom's own tasks are described in the reader's language; others as stored.
        let description = match Task::from_type(&task.task_type) {
            Some(known) => t.text(known.description_id()),
            None => task.description.unwrap_or_default(),
        };
        TaskRow {
            id: task.id,
            description,
            task_type: task.task_type,
            enabled: task.enabled,
            interval: every(t, task.interval_minutes),
            last_run: task.last_run_at.map(when),
            next_run: when(task.next_run_at),
            status: task.status,
            quiet,
        }
    }
}

impl LogRow {
    fn of(log: LogColumns, tz: chrono_tz::Tz, t: Lang) -> LogRow {
        let took = |c: DateTime<Utc>| (c - log.started_at).num_milliseconds().max(0);
        LogRow {
            sync_type: log.sync_type,
            status: log.status,
            started: super::when(t, tz, log.started_at),
            took: log.completed_at.map_or_else(
                || t.text("jobs-state-running"),
                |c| {
                    t.message("jobs-took-ms")
                        .arg("ms", t.number(took(c)))
                        .to_string()
                },
            ),
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
    let (tz, t) = (page.access.time_zone, page.t);
    render(&JobsPage {
        can_change: page.can(Action::Update, Entity::ScheduledTasks),
        layout: page.layout(t.text("jobs-title")),
        tasks: tasks
            .into_iter()
            .map(|task| TaskRow::of(task, tz, t))
            .collect(),
        logs: logs.into_iter().map(|l| LogRow::of(l, tz, t)).collect(),
    })
}

/// "every 5 min", "every 2 h", "daily", "every 7 days".
fn every(t: Lang, minutes: i32) -> String {
    let (id, count) = match minutes {
        m if m % (24 * 60) == 0 && m > 24 * 60 => (msg("jobs-every-days"), m / (24 * 60)),
        m if m == 24 * 60 => (msg("jobs-daily"), 1),
        m if m % 60 == 0 => (msg("jobs-every-hours"), m / 60),
        m => (msg("jobs-every-minutes"), m),
    };
    t.message(id).arg("count", count).to_string()
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
    let (access, t) = (page.access.clone(), page.t);
    // A task may be the install's own, and tasks have no row-level security.
    let task_type = crate::web::db::run(&state.pool, move |conn| {
        let task_type = visible_task(conn, &access, id)?;
        queries::set_enabled(conn, id, enabled, UserId::new(access.user_id))?;
        Ok(task_type)
    })
    .await?;
    let id = match enabled {
        true => msg("jobs-enabled"),
        false => msg("jobs-disabled"),
    };
    let message = t.message(id).arg("task", &task_type).to_string();
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
    let (access, id, t) = (page.access.clone(), *id, page.t);
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
    let (level, message) = run_report(t, &task_type, result);
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
fn run_report(t: Lang, task_type: &str, result: RunResult) -> (Level, String) {
    let said = |m: crate::i18n::Message| m.arg("task", task_type).to_string();
    match result {
        RunResult::Ran(o) => (
            Level::Success,
            said(
                t.message(msg("jobs-ran"))
                    .arg("processed", i64::from(o.processed))
                    .arg("created", i64::from(o.created))
                    .arg("updated", i64::from(o.updated)),
            ),
        ),
        RunResult::Failed(error) => (
            Level::Error,
            said(t.message(msg("jobs-failed")).arg("error", error.as_str())),
        ),
        RunResult::Busy(Some(holder)) => (
            Level::Error,
            said(
                t.message(msg("jobs-busy-on"))
                    .arg("holder", holder.as_str()),
            ),
        ),
        RunResult::Busy(None) => (Level::Error, said(t.message(msg("jobs-busy")))),
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
            run_report(Lang::default(), "outbox", ran),
            (
                Level::Success,
                "outbox ran: 3 processed, 1 created, 2 updated.".to_owned()
            )
        );
        assert_eq!(
            run_report(
                Lang::default(),
                "outbox",
                RunResult::Failed("no mail server".to_owned())
            ),
            (Level::Error, "outbox failed: no mail server".to_owned())
        );
        assert_eq!(
            run_report(
                Lang::default(),
                "outbox",
                RunResult::Busy(Some("web-2:41".to_owned()))
            ),
            (
                Level::Error,
                "outbox is running right now on web-2:41; try again when it has finished."
                    .to_owned()
            )
        );
        assert_eq!(
            run_report(Lang::default(), "outbox", RunResult::Busy(None)).1,
            "outbox is running right now; try again when it has finished."
        );
    }
}

//! A billing run in the background: its log in sync_logs counts the invoices
//! looked at and written as each batch commits, and its page polls the log for a
//! progress bar. The log names the process writing it and keeps what was asked:
//! a run whose process is gone (the server was stopped or killed halfway) shows
//! as interrupted, and "Run again" runs the same request, which, writing only
//! what is missing, completes it.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use actix_web::HttpResponse;
use askama::Template;
use diesel::QueryResult;
use uuid::Uuid;

use super::billing::{self, BATCH, Done, Order, Request};
use super::queries::{self, RunRow};
use crate::db::enums::SyncStatus;
use crate::db::{Actor, DbError, OrganizationId, PgPool, Tenant, UserId};
use crate::resources::queries::imports;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::{render, see_other};

/// How a billing run's log is named.
pub const SYNC_TYPE: &str = "billing";

/// A run of another process that has written nothing to its log for this long
/// is taken as gone: a batch reports far more often than that.
const QUIET_SECONDS: i32 = 30;

/// This process, as the logs of the runs it writes name it.
static WORKER: LazyLock<Uuid> = LazyLock::new(Uuid::new_v4);

/// The runs this process is writing now.
static LIVE: LazyLock<Mutex<HashSet<Uuid>>> = LazyLock::new(|| Mutex::new(HashSet::new()));

/// Holds a run in [`LIVE`] while it writes, however the writing ends.
struct Writing(Uuid);

impl Writing {
    fn start(log: Uuid) -> Writing {
        LIVE.lock().unwrap_or_else(|p| p.into_inner()).insert(log);
        Writing(log)
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        LIVE.lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.0);
    }
}

fn writing_here(log: Uuid) -> bool {
    LIVE.lock()
        .unwrap_or_else(|p| p.into_inner())
        .contains(&log)
}

/// Works out the request's invoices and opens the run's log, naming this
/// process as its writer; the log's id and the invoices to write.
/// With `limit`, only the first that many invoices (a trial run).
pub fn open(
    tenant: &mut Tenant<'_>,
    by: UserId,
    request: &Request,
    limit: Option<usize>,
) -> QueryResult<(Uuid, Order)> {
    let mut order = billing::prepare(tenant, request)?;
    let mut left = limit.unwrap_or(usize::MAX);
    for run in &mut order.runs {
        run.drafts.truncate(left);
        left -= run.drafts.len();
    }
    let asked = serde_json::to_value(request).unwrap_or(serde_json::Value::Null);
    let log = queries::open_run(tenant, by, *WORKER, order.count(), asked)?;
    Ok((log, order))
}

/// Writes a run's invoices in batches of `size`, reporting to its log after each,
/// then closes the log with the outcome. The run counts as written here until
/// `writing` is dropped.
fn execute(
    writing: Writing,
    pool: &PgPool,
    org: OrganizationId,
    by: UserId,
    order: &Order,
    size: usize,
) -> Result<Done, DbError> {
    let log = writing.0;
    let report = |done: Done| {
        if let Ok(mut conn) = pool.get() {
            let _ = imports::report(&mut conn, log, counts(done));
        }
    };
    let outcome = billing::write_in(pool, org, by, order, size, None, &report);
    let (status, done, error) = match &outcome {
        Ok(done) => (SyncStatus::Success, *done, None),
        Err(e) => (SyncStatus::Failed, Done::default(), Some(e.to_string())),
    };
    if let Ok(mut conn) = pool.get() {
        let _ = imports::finish(&mut conn, log, status, counts(done), error);
    }
    outcome
}

/// Opens the run and writes it in the background; the log's id.
pub async fn start(
    state: &AppState,
    actor: Actor,
    org: OrganizationId,
    by: UserId,
    request: Request,
) -> Result<Uuid, AppError> {
    let (log, order) = run_in(&state.pool, actor, move |tenant| {
        Ok::<_, AppError>(open(tenant, by, &request, None)?)
    })
    .await?;
    let pool = state.pool.clone();
    let writing = Writing::start(log);
    actix_web::rt::spawn(async move {
        let written =
            actix_web::web::block(move || execute(writing, &pool, org, by, &order, BATCH)).await;
        if let Err(e) = written {
            tracing::error!("billing run {log} could not run: {e}");
        }
    });
    Ok(log)
}

fn counts(done: Done) -> imports::Counts {
    imports::Counts {
        processed: done.processed,
        created: done.created,
        updated: 0,
    }
}

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Running,
    /// Marked running, but the process writing it is gone.
    Interrupted,
    Failed,
    Finished,
}

fn stage_of(row: &RunRow, log: Uuid) -> Stage {
    match row.status.as_str() {
        "running" if writing_here(log) => Stage::Running,
        "running" if row.worker == Some(*WORKER) || row.quiet => Stage::Interrupted,
        "running" => Stage::Running,
        "failed" => Stage::Failed,
        _ => Stage::Finished,
    }
}

pub struct Progress {
    pub href: String,
    pub stage: Stage,
    pub processed: i32,
    pub total: i32,
    pub created: i32,
    /// Where "Run again" posts, when the run kept what it was asked.
    pub again: Option<String>,
    pub csrf_token: String,
}

impl Progress {
    pub fn running(&self) -> bool {
        self.stage == Stage::Running
    }

    pub fn stopped(&self) -> bool {
        matches!(self.stage, Stage::Interrupted | Stage::Failed)
    }

    pub fn interrupted(&self) -> bool {
        self.stage == Stage::Interrupted
    }
}

#[derive(Template)]
#[template(path = "finance/billing_run.html")]
struct RunPage {
    layout: Layout,
    t: crate::i18n::Lang,
    progress: Progress,
}

#[derive(Template)]
#[template(path = "finance/billing_run.html", block = "progress")]
struct RunFragment {
    t: crate::i18n::Lang,
    progress: Progress,
}

async fn read_run(page: &Page, state: &AppState, log: Uuid) -> Result<RunRow, AppError> {
    run_in(&state.pool, page.access.actor(), move |tenant| {
        queries::run_log(tenant, log, QUIET_SECONDS)?.ok_or(AppError::NotFound)
    })
    .await
}

/// The run's page, or (for the poll) its progress alone.
pub async fn progress(
    page: &Page,
    state: &AppState,
    log: Uuid,
    of: Option<i32>,
    fragment: bool,
) -> Result<HttpResponse, AppError> {
    let row = read_run(page, state, log).await?;
    let total = row.total.or(of).unwrap_or(row.processed).max(row.processed);
    let layout = page.layout(page.t.text("fin-run-title"));
    let progress = Progress {
        href: format!("/finance/billing/runs/{log}?of={total}"),
        stage: stage_of(&row, log),
        processed: row.processed,
        total,
        created: row.created,
        again: row
            .request
            .is_some()
            .then(|| format!("/finance/billing/runs/{log}/again")),
        csrf_token: layout.csrf_token.clone(),
    };
    let t = page.t;
    if fragment {
        return render(&RunFragment { t, progress });
    }
    render(&RunPage {
        layout,
        t,
        progress,
    })
}

/// Runs a stopped run again as it was asked, closing the old one as interrupted;
/// a run still being written is shown rather than started twice.
pub async fn again(page: &Page, state: &AppState, log: Uuid) -> Result<HttpResponse, AppError> {
    let row = read_run(page, state, log).await?;
    let asked = row
        .request
        .clone()
        .and_then(|v| serde_json::from_value::<Request>(v).ok());
    let (stage, Some(request)) = (stage_of(&row, log), asked) else {
        return Ok(see_other("/finance/billing"));
    };
    if matches!(stage, Stage::Running | Stage::Finished) {
        return Ok(see_other(&format!("/finance/billing/runs/{log}")));
    }
    let why = page.t.text("fview-run-interrupted-log");
    run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok::<_, AppError>(queries::close_interrupted(tenant, log, &why)?)
    })
    .await?;
    let org = OrganizationId::new(page.access.organization_id);
    let by = UserId::new(page.access.user_id);
    let run = start(state, page.access.actor(), org, by, request).await?;
    Ok(see_other(&format!("/finance/billing/runs/{run}")))
}

/// What `homeroom bill` did.
pub struct Billed {
    pub log: Uuid,
    pub done: Done,
    pub skipped: usize,
}

/// What `homeroom bill` is asked: the fee plans named (every active one when none
/// is) of the organization named, for the period holding `on`, as the user `by`,
/// in batches of `size`, only the first `limit` invoices when given.
#[derive(Clone, Copy)]
pub struct Asked<'a> {
    pub organization: &'a str,
    pub by: &'a str,
    pub on: chrono::NaiveDate,
    pub due: Option<chrono::NaiveDate>,
    pub plans: &'a [String],
    pub size: usize,
    pub limit: Option<usize>,
}

/// `homeroom bill`: the same run as the invoicing page's, logged the same way.
pub fn from_command_line(pool: &PgPool, asked: &Asked<'_>) -> anyhow::Result<Billed> {
    let Asked {
        organization,
        by,
        on,
        due,
        plans,
        size,
        limit,
    } = *asked;
    let mut conn = pool.get()?;
    let (org, user) =
        queries::organization_and_user(&mut conn, organization, by)?.ok_or_else(|| {
            anyhow::anyhow!("no user {by:?} in an organization named {organization:?}")
        })?;
    let (log, order) = diesel::Connection::transaction(&mut *conn, |conn| {
        let tenant = &mut crate::db::enter(conn, &Actor::system(org))?;
        let chosen: Vec<Uuid> = queries::active_plans(tenant, None)?
            .into_iter()
            .filter(|p| plans.is_empty() || plans.contains(&p.name))
            .map(|p| p.id)
            .collect();
        let request = Request {
            plans: chosen,
            on,
            issue: on,
            due: due.unwrap_or(on + chrono::Days::new(30)),
            campus: None,
        };
        open(tenant, user, &request, limit)
    })?;
    drop(conn);
    let done = execute(
        Writing::start(log),
        pool,
        OrganizationId::new(org),
        user,
        &order,
        size,
    )?;
    Ok(Billed {
        log,
        done,
        skipped: order.skipped.len(),
    })
}

//! A billing run in the background: its log in sync_logs counts the invoices
//! looked at and written as each batch commits, and its page polls the log for a
//! progress bar.

use actix_web::HttpResponse;
use askama::Template;
use uuid::Uuid;

use super::billing::{self, Done, Request};
use super::queries;
use crate::db::enums::SyncStatus;
use crate::db::{Actor, OrganizationId, UserId};
use crate::resources::queries::imports;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// How a billing run's log is named.
pub const SYNC_TYPE: &str = "billing";

/// Works out the request's invoices, opens the run's log and writes them in the
/// background; the log's id and how many invoices the run writes.
pub async fn start(
    state: &AppState,
    actor: Actor,
    org: OrganizationId,
    by: UserId,
    request: Request,
) -> Result<(Uuid, usize), AppError> {
    let (order, log) = run_in(&state.pool, actor, move |tenant| {
        let order = billing::prepare(tenant, &request)?;
        let log = queries::open_run(tenant, by)?;
        Ok((order, log))
    })
    .await?;
    let total = order.count();
    let pool = state.pool.clone();
    actix_web::rt::spawn(async move {
        let written = actix_web::web::block(move || {
            let report = |done: Done| {
                if let Ok(mut conn) = pool.get() {
                    let _ = imports::report(&mut conn, log, counts(done));
                }
            };
            let outcome = billing::write(&pool, org, by, &order, None, &report);
            let (status, done, error) = match outcome {
                Ok(done) => (SyncStatus::Success, done, None),
                Err(e) => (SyncStatus::Failed, Done::default(), Some(e.to_string())),
            };
            if let Ok(mut conn) = pool.get() {
                let _ = imports::finish(&mut conn, log, status, counts(done), error);
            }
        })
        .await;
        if let Err(e) = written {
            tracing::error!("billing run {log} could not run: {e}");
        }
    });
    Ok((log, total))
}

fn counts(done: Done) -> imports::Counts {
    imports::Counts {
        processed: done.processed,
        created: done.created,
        updated: 0,
    }
}

pub struct Progress {
    pub href: String,
    pub running: bool,
    pub failed: bool,
    pub processed: i32,
    pub total: i32,
    pub created: i32,
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

/// The run's page, or (for the poll) its progress alone.
pub async fn progress(
    page: &Page,
    state: &AppState,
    log: Uuid,
    of: Option<i32>,
    fragment: bool,
) -> Result<HttpResponse, AppError> {
    let row = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(imports::read(tenant, log, SYNC_TYPE)?)
    })
    .await?;
    let total = of.unwrap_or(row.processed).max(row.processed);
    let progress = Progress {
        href: format!("/finance/billing/runs/{log}?of={total}"),
        running: row.status == SyncStatus::Running,
        failed: row.status == SyncStatus::Failed,
        processed: row.processed,
        total,
        created: row.created,
    };
    let t = page.t;
    if fragment {
        return render(&RunFragment { t, progress });
    }
    render(&RunPage {
        layout: page.layout(t.text("fin-run-title")),
        t,
        progress,
    })
}

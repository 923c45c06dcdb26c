//! A whole school's report cards (or a campus's, or a grade's) made in the
//! background: one PDF per class, kept with the run for download. The run's log in
//! sync_logs counts the classes done, and its page polls it for a progress bar, as
//! a billing run's does. The worker holds a lock on its own connection for as long
//! as it runs; a run still marked running whose lock nobody holds lost its server,
//! shows as interrupted, and "Run again" writes only the classes still missing.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use uuid::Uuid;

use super::queries::runs::{self as queries, FileRow, Request, RunRow};
use crate::db::enums::SyncStatus;
use crate::db::{Actor, PgConn, PgPool};
use crate::files::FileStore;
use crate::gradebook::routes::grid::uuid_of;
use crate::i18n::Lang;
use crate::pdf::PageSize;
use crate::resources::queries::imports;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, input, render, see_other};

/// Lock space of a running run (the two-key form): its id hashed.
const RUN_LOCK: i32 = 0x5243_5255;

/// Lock space of a school's opening of a run (its organization id hashed), held
/// for the opening transaction only.
const SCHOOL_LOCK: i32 = 0x5243_5253;

/// The worker's own connection, holding the run's lock until it is dropped.
struct Held {
    conn: PgConn,
    run: Uuid,
}

impl Held {
    fn take(pool: &PgPool, run: Uuid) -> Result<Held, AppError> {
        let mut conn = pool
            .get()
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        diesel::sql_query("SELECT pg_advisory_lock($1, hashtext($2::text))")
            .bind::<diesel::sql_types::Integer, _>(RUN_LOCK)
            .bind::<diesel::sql_types::Uuid, _>(run)
            .execute(&mut *conn)?;
        Ok(Held { conn, run })
    }

    /// Tenant work on the worker's connection, in one transaction.
    fn tenant<T>(
        &mut self,
        actor: &Actor,
        work: impl FnOnce(&mut crate::db::Tenant<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.conn.transaction(|conn| {
            let tenant = &mut crate::db::enter(conn, actor)?;
            work(tenant)
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let unlocked = diesel::sql_query("SELECT pg_advisory_unlock($1, hashtext($2::text))")
            .bind::<diesel::sql_types::Integer, _>(RUN_LOCK)
            .bind::<diesel::sql_types::Uuid, _>(self.run)
            .execute(&mut *self.conn);
        if let Err(error) = unlocked {
            tracing::warn!(run = %self.run, %error, "a report card run's lock could not be let go");
        }
    }
}

/// Starts a run: checks the term, takes the run's lock, opens its log and sets
/// the worker going. The run's id.
pub async fn start(
    state: &AppState,
    actor: Actor,
    t: Lang,
    request: Request,
) -> Result<Uuid, AppError> {
    let running = run_in(&state.pool, actor.clone(), |tenant| {
        Ok::<_, AppError>(queries::running(tenant)?)
    })
    .await?;
    if let Some(run) = running {
        return Ok(run);
    }
    let pool = state.pool.clone();
    let run = Uuid::new_v4();
    let opener = actor.clone();
    let opened = web::block(move || -> Result<Result<Held, Uuid>, AppError> {
        let mut held = Held::take(&pool, run)?;
        let going = held.tenant(&opener, |tenant| {
            // Two starts at the same moment both passed the check above: the school's
            // lock lets one open its run while the other waits, then finds it.
            diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext($2::text))")
                .bind::<diesel::sql_types::Integer, _>(SCHOOL_LOCK)
                .bind::<diesel::sql_types::Uuid, _>(tenant.organization())
                .execute(tenant.conn())?;
            if let Some(going) = queries::running(tenant)? {
                return Ok(Some(going));
            }
            let year =
                super::queries::year_of_term(tenant, request.term)?.ok_or(AppError::NotFound)?;
            let classes = queries::classes_in_scope(tenant, year, &request)?;
            queries::open(tenant, run, &request, classes.len())?;
            Ok(None)
        })?;
        Ok(match going {
            Some(going) => Err(going),
            None => Ok(held),
        })
    })
    .await
    .map_err(blocked)??;
    match opened {
        Ok(held) => {
            spawn(state, held, actor, t);
            Ok(run)
        }
        Err(going) => Ok(going),
    }
}

/// "Run again": a failed (interrupted) run's log running again under a new lock,
/// and the worker going on with the classes still missing.
pub async fn again(state: &AppState, actor: Actor, t: Lang, run: Uuid) -> Result<(), AppError> {
    let pool = state.pool.clone();
    let opener = actor.clone();
    let held = web::block(move || -> Result<Option<Held>, AppError> {
        let mut held = Held::take(&pool, run)?;
        let reopened = held.tenant(&opener, |tenant| {
            queries::run(tenant, run)?;
            Ok(queries::reopen(tenant, run)?)
        })?;
        Ok(reopened.then_some(held))
    })
    .await
    .map_err(blocked)??;
    if let Some(held) = held {
        spawn(state, held, actor, t);
    }
    Ok(())
}

fn blocked(e: actix_web::error::BlockingError) -> AppError {
    AppError::Internal(anyhow::anyhow!("report card run: {e}"))
}

fn spawn(state: &AppState, held: Held, actor: Actor, t: Lang) {
    let pool = state.pool.clone();
    let files = FileStore::new(&state.settings);
    actix_web::rt::spawn(async move {
        let done = web::block(move || work(&pool, held, &actor, t, &files)).await;
        if let Err(e) = done {
            tracing::error!("report card run could not run: {e}");
        }
    });
}

/// The worker: each class of the run not yet kept, its cards made and kept as one
/// PDF, the log counting classes as they are done. The lock goes with `held`.
fn work(pool: &PgPool, mut held: Held, actor: &Actor, t: Lang, files: &FileStore) {
    let run = held.run;
    let outcome = make_files(pool, &mut held, actor, t, files);
    let (status, counts, error) = match outcome {
        Ok(counts) => (SyncStatus::Success, counts, None),
        Err((counts, e)) => {
            tracing::warn!(%run, "report card run failed: {e}");
            (SyncStatus::Failed, counts, Some(e.to_string()))
        }
    };
    if let Err(e) = imports::finish(&mut held.conn, run, status, counts, error) {
        tracing::error!(%run, "report card run's log could not be closed: {e}");
    }
}

type Failed = (imports::Counts, AppError);

fn make_files(
    pool: &PgPool,
    held: &mut Held,
    actor: &Actor,
    t: Lang,
    files: &FileStore,
) -> Result<imports::Counts, Failed> {
    let run = held.run;
    let mut counts = imports::Counts::default();
    let fail = |counts: imports::Counts| move |e: AppError| (counts, e);
    let (row, classes, done, logo) = held
        .tenant(actor, |tenant| {
            let row = queries::run(tenant, run)?;
            let year = super::queries::year_of_term(tenant, row.term)?.ok_or(AppError::NotFound)?;
            let request = Request {
                term: row.term,
                campus: row.campus,
                grade: row.grade,
                paper: row.paper.clone(),
            };
            let classes = queries::classes_in_scope(tenant, year, &request)?;
            let done = queries::done_classes(tenant, run)?;
            let (_, logo_id) = super::queries::school(tenant)?;
            let logo = logo_id
                .and_then(|id| crate::files::routes::logo_image(tenant, files, id).ok())
                .map(|(_, bytes)| bytes);
            Ok((row, classes, done, logo))
        })
        .map_err(fail(counts))?;
    let size = PageSize::parse(&row.paper).unwrap_or(PageSize::A4);
    for class in classes {
        counts.processed += 1;
        if done.contains(&class) {
            continue;
        }
        let mut conn = pool
            .get()
            .map_err(|e| (counts, AppError::Unavailable(e.to_string())))?;
        let cards = conn
            .transaction(|conn| {
                let tenant = &mut crate::db::enter(conn, actor)?;
                super::class_cards(tenant, class, Some(row.term))
            })
            .map_err(fail(counts))?;
        let name =
            super::routes::file_name(&["report-cards", &cards.title, &cards.term.name], "pdf");
        let bytes = super::class_pdf(t, &cards, logo.clone(), size)
            .map_err(|e| (counts, AppError::Internal(e.into())))?;
        let students = cards.cards.len();
        let kept = conn
            .transaction(|conn| {
                let tenant = &mut crate::db::enter(conn, actor)?;
                queries::keep_file(tenant, (run, class), (&name, students, &bytes))
            })
            .map_err(|e| (counts, AppError::from(e)))?;
        counts.created += kept;
        if let Err(e) = imports::report(&mut held.conn, run, counts) {
            tracing::warn!(%run, "report card run's progress not saved: {e}");
        }
    }
    Ok(counts)
}

/// The run as its page shows it, an interrupted run first marked as such.
pub struct RunView {
    pub row: RunRow,
    pub files: Vec<FileRow>,
}

impl RunView {
    pub fn running(&self) -> bool {
        self.row.status == SyncStatus::Running
    }

    pub fn interrupted(&self) -> bool {
        self.row.status == SyncStatus::Failed
    }

    /// Whole percent of the classes done.
    pub fn percent(&self) -> i32 {
        if self.row.classes <= 0 {
            return 100;
        }
        (self.row.processed.min(self.row.classes) * 100) / self.row.classes
    }
}

pub fn view(tenant: &mut crate::db::Tenant<'_>, run: Uuid) -> Result<RunView, AppError> {
    let mut row = queries::run(tenant, run)?;
    if row.status == SyncStatus::Running && queries::mark_interrupted(tenant, run, RUN_LOCK)? {
        row.status = SyncStatus::Failed;
    }
    let files = if row.status == SyncStatus::Running {
        Vec::new()
    } else {
        queries::files(tenant, run)?
    };
    Ok(RunView { row, files })
}

#[derive(serde::Deserialize)]
pub struct StartForm {
    term: Option<String>,
    campus: Option<String>,
    grade: Option<String>,
    paper: Option<String>,
}

/// `POST /report-cards/runs`: starts a run for the chosen term and scope.
pub async fn create(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<StartForm>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let term = uuid_of(form.term.as_deref())
        .ok_or_else(|| AppError::BadRequest(t.text("rc-run-term-needed")))?;
    let paper = match form.paper.as_deref().map(str::trim) {
        None | Some("") => PageSize::A4,
        Some(text) => {
            PageSize::parse(text).ok_or_else(|| AppError::BadRequest(t.text("rc-paper-unknown")))?
        }
    };
    let request = Request {
        term,
        campus: uuid_of(form.campus.as_deref()),
        grade: uuid_of(form.grade.as_deref()),
        paper: if paper == PageSize::Letter {
            "letter"
        } else {
            "a4"
        }
        .to_owned(),
    };
    let run = start(&state, page.access.actor(), t, request).await?;
    Ok(see_other(&format!("/report-cards/runs/{run}")))
}

/// `POST /report-cards/runs/{run}/again`: an interrupted run goes on.
pub async fn run_again(
    page: Page,
    state: web::Data<AppState>,
    run: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let run = run.into_inner();
    again(&state, page.access.actor(), page.t, run).await?;
    Ok(see_other(&format!("/report-cards/runs/{run}")))
}

#[derive(Template)]
#[template(path = "report_cards/run.html")]
struct RunPage {
    layout: Layout,
    t: Lang,
    run: RunView,
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "report_cards/run.html", block = "progress")]
struct RunFragment {
    t: Lang,
    run: RunView,
    csrf_token: String,
}

/// `/report-cards/runs/{run}`: the run's progress, then its files.
pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    run: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let run = run.into_inner();
    let view = run_in(&state.pool, page.access.actor(), move |tenant| {
        view(tenant, run)
    })
    .await?;
    let t = page.t;
    let layout = page.layout(t.text("rc-run-title"));
    let csrf_token = layout.csrf_token.clone();
    if htmx::wants_fragment(&req) {
        return render(&RunFragment {
            t,
            run: view,
            csrf_token,
        });
    }
    render(&RunPage {
        layout,
        t,
        run: view,
        csrf_token,
    })
}

/// `/report-cards/runs/{run}/files/{file}`: one class's kept PDF.
pub async fn download(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (run, file) = path.into_inner();
    let (name, bytes, students) = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(queries::file(tenant, run, file)?)
    })
    .await?;
    let students = usize::try_from(students).unwrap_or(0);
    Ok(super::routes::pdf_download(&name, bytes, students))
}

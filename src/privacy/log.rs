//! The access log's recording: which pages show a student, noted after the answer
//! has been made, and a background writer that stores the notes in batches.
//!
//! Pages never write to the database for this. The middleware [`record_views`]
//! looks at each successful `GET` once it has its answer: a route whose pattern
//! holds `students/{id}` shows that student; any other answer may carry a
//! [`Subject`] the handler attached with [`mark`] (a student's file, an export of
//! many). The note goes into a bounded in-memory channel; one thread per server
//! takes it from there and writes up to [`BATCH_ROWS`] rows at a time, at least
//! every [`BATCH_WINDOW`], in one multi-row `INSERT`. [`AccessLog::flush`] writes
//! what is waiting (the server calls it when it stops).

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use uuid::Uuid;

use super::queries::View;
use crate::access::Access;
use crate::db::PgPool;

/// The most rows one `INSERT` writes.
pub const BATCH_ROWS: usize = 500;
/// The longest a view waits in memory before it is written.
pub const BATCH_WINDOW: Duration = Duration::from_secs(1);
/// Views held in memory at most while the database is slow; beyond, they are
/// counted in the log and dropped rather than slowing the pages down.
const QUEUE: usize = 20_000;

/// What a page showed: one student, a few named students (a family's statement),
/// or an export's students, counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Student(Uuid),
    Each(Vec<Uuid>),
    Students(usize),
}

impl Subject {
    /// The students a document is about: one, each of a few, or none.
    pub fn of(students: &[Uuid]) -> Option<Subject> {
        match students {
            [] => None,
            [one] => Some(Subject::Student(*one)),
            many => Some(Subject::Each(many.to_vec())),
        }
    }
}

enum Note {
    View(View),
    /// Write what is waiting, then say so.
    Flush(mpsc::Sender<()>),
}

/// The server's end of the access log: cheap to clone, never blocks.
#[derive(Clone)]
pub struct AccessLog {
    notes: SyncSender<Note>,
}

impl AccessLog {
    /// Starts the writer thread for `pool`'s database.
    pub fn start(pool: PgPool) -> AccessLog {
        let (notes, queue) = mpsc::sync_channel(QUEUE);
        let spawned = std::thread::Builder::new()
            .name("access-log".to_owned())
            .spawn(move || write_until_closed(&pool, &queue));
        if let Err(e) = spawned {
            tracing::error!("the access log's writer did not start: {e}");
        }
        AccessLog { notes }
    }

    fn push(&self, view: View) {
        match self.notes.try_send(Note::View(view)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                tracing::warn!("access log queue full: one view not recorded");
            }
            Err(TrySendError::Disconnected(_)) => {
                tracing::warn!("access log writer stopped: one view not recorded");
            }
        }
    }

    /// Writes every view noted so far; waits at most `wait`. True when written.
    pub fn flush(&self, wait: Duration) -> bool {
        let (done, written) = mpsc::channel();
        if self.notes.send(Note::Flush(done)).is_err() {
            return false;
        }
        written.recv_timeout(wait).is_ok()
    }
}

/// Attaches what an answer showed, for pages whose address does not name the
/// student (a file's download, an export): the access log records it.
pub fn mark(mut response: HttpResponse, subject: Subject) -> HttpResponse {
    response.extensions_mut().insert(subject);
    response
}

/// Marks `response` as showing the `students` a document is about (none: unmarked).
pub fn mark_students(response: HttpResponse, students: &[Uuid]) -> HttpResponse {
    match Subject::of(students) {
        Some(subject) => mark(response, subject),
        None => response,
    }
}

/// The student an address names: the `{id}` after `students/` in its pattern.
fn student_in_path(pattern: &str, req: &HttpRequest) -> Option<Uuid> {
    if !pattern.contains("/students/{id}") {
        return None;
    }
    req.match_info().get("id")?.parse().ok()
}

/// Middleware: notes every successful `GET` that showed a student to a signed-in user.
pub async fn record_views(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let res = next.call(req).await?;
    if res.status().is_success() && res.request().method() == Method::GET {
        note(
            res.request(),
            res.response().extensions().get::<Subject>().cloned(),
        );
    }
    Ok(res)
}

fn note(req: &HttpRequest, marked: Option<Subject>) {
    let Some(route) = req.match_pattern() else {
        return;
    };
    let Some(subject) = marked.or_else(|| student_in_path(&route, req).map(Subject::Student))
    else {
        return;
    };
    let (Some(log), Some(access)) = (
        req.app_data::<web::Data<AccessLog>>(),
        req.extensions().get::<Access>().cloned(),
    ) else {
        return;
    };
    let views: Vec<(Option<Uuid>, i32)> = match subject {
        Subject::Student(id) => vec![(Some(id), 1)],
        Subject::Each(ids) => ids.into_iter().map(|id| (Some(id), 1)).collect(),
        Subject::Students(n) => vec![(None, i32::try_from(n).unwrap_or(i32::MAX))],
    };
    let at = crate::clock::now();
    for (student_id, count) in views {
        log.push(View {
            organization_id: access.organization_id,
            user_id: Some(access.user_id),
            student_id,
            students_count: count,
            route: route.clone(),
            created_at: at,
        });
    }
}

/// The writer: gathers views until the batch is full, the window has passed or a
/// flush is asked for, writes them, and goes on until every sender is gone.
fn write_until_closed(pool: &PgPool, queue: &Receiver<Note>) {
    let mut open = true;
    while open {
        let Ok(first) = queue.recv() else { break };
        let mut batch = Vec::new();
        let mut waiting = Vec::new();
        take(first, &mut batch, &mut waiting);
        let until = Instant::now() + BATCH_WINDOW;
        while batch.len() < BATCH_ROWS && waiting.is_empty() {
            match queue.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(next) => take(next, &mut batch, &mut waiting),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        write(pool, batch);
        for done in waiting {
            let _ = done.send(());
        }
    }
}

fn take(note: Note, batch: &mut Vec<View>, waiting: &mut Vec<mpsc::Sender<()>>) {
    match note {
        Note::View(view) => batch.push(view),
        Note::Flush(done) => waiting.push(done),
    }
}

/// Writes a batch, each school's rows as that school (row-level security checks
/// them); tries once more after a moment when the database refuses.
fn write(pool: &PgPool, batch: Vec<View>) {
    if batch.is_empty() {
        return;
    }
    let mut by_school: BTreeMap<Uuid, Vec<View>> = BTreeMap::new();
    for view in batch {
        by_school
            .entry(view.organization_id)
            .or_default()
            .push(view);
    }
    for (school, views) in by_school {
        let mut outcome = insert(pool, school, &views);
        if outcome.is_err() {
            std::thread::sleep(BATCH_WINDOW);
            outcome = insert(pool, school, &views);
        }
        if let Err(e) = outcome {
            tracing::warn!(views = views.len(), "access log rows not written: {e}");
        }
    }
}

fn insert(pool: &PgPool, school: Uuid, views: &[View]) -> Result<(), String> {
    let mut conn = pool.checkout()?;
    conn.transaction(|conn| {
        let mut tenant = crate::db::enter(conn, &crate::db::Actor::system(school))?;
        super::queries::insert_views(&mut tenant, views).map(|_| ())
    })
    .map_err(|e: diesel::result::Error| e.to_string())
}

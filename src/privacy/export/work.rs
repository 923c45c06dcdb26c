//! Making an export in the background. The request that starts it checks the
//! student as the profile does and opens its log; a blocking task then reads
//! everything in one read-only snapshot, as Homeroom within the school (the
//! export is everything the school holds, whatever the asker's own reach), writes
//! the archive to the file store, and records the archive and the access in one
//! transaction as the asker. Its log counts the steps for the progress bar. Nothing
//! about the student goes to the server's log: a failure is logged by export id.

use chrono::Duration;
use diesel::prelude::*;
use uuid::Uuid;

use super::archive::{self, Attached, Heading, TableRows};
use super::{EXPORT_ROUTE, KEPT_HOURS, gather, queries};
use crate::db::enums::SyncStatus;
use crate::db::{Actor, PgConn, PgPool};
use crate::files::FileStore;
use crate::privacy::queries::{View, insert_views};
use crate::resources::queries::imports::{self, Counts};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;

/// What the worker needs to make one export.
struct Job {
    export: Uuid,
    student: Uuid,
    /// The asker, who is recorded as having seen the student.
    asker: Actor,
    /// The school's name, language, time zone and currency: the summary is in them.
    school: String,
    locale: Locale,
}

/// Starts an export of `student` for `asker`, or joins one of the student still
/// running. Not found for a student the asker's profile lookup does not find.
pub async fn start(
    state: &AppState,
    asker: Actor,
    (school, locale): (String, Locale),
    student: Uuid,
) -> Result<Uuid, AppError> {
    let export = Uuid::new_v4();
    let going = run_in(&state.pool, asker.clone(), move |tenant| {
        crate::students::find(tenant, student)?.ok_or(AppError::NotFound)?;
        if let Some(going) = queries::running_for(tenant, student)? {
            return Ok::<_, AppError>(Some(going));
        }
        queries::open(tenant, export, student)?;
        Ok(None)
    })
    .await?;
    if let Some(going) = going {
        return Ok(going);
    }
    let job = Job {
        export,
        student,
        asker,
        school,
        locale,
    };
    let pool = state.pool.clone();
    let files = FileStore::new(&state.settings);
    actix_web::rt::spawn(async move {
        let done = actix_web::web::block(move || work(&pool, &files, &job)).await;
        if let Err(e) = done {
            tracing::error!(%export, "a student export could not run: {e}");
        }
    });
    Ok(export)
}

fn checkout(pool: &PgPool) -> Result<PgConn, AppError> {
    pool.checkout().map_err(AppError::Unavailable)
}

/// The worker: makes the archive and closes the log with the outcome.
fn work(pool: &PgPool, files: &FileStore, job: &Job) {
    let export = job.export;
    let mut progress = match checkout(pool) {
        Ok(conn) => conn,
        Err(e) => {
            tracing::error!(%export, "a student export found no connection: {e}");
            return;
        }
    };
    let mut counts = Counts::default();
    let (status, error) = match make(pool, &mut progress, files, job, &mut counts) {
        Ok(()) => (SyncStatus::Success, None),
        Err(e) => {
            tracing::warn!(%export, "a student export failed: {e}");
            (SyncStatus::Failed, Some(e.to_string()))
        }
    };
    if let Err(e) = imports::finish(&mut progress, export, status, counts, error) {
        tracing::error!(%export, "a student export's log could not be closed: {e}");
    }
}

/// One step more on the progress bar; a lost update only slows the bar.
fn step(progress: &mut PgConn, export: Uuid, counts: &mut Counts) {
    counts.processed += 1;
    if let Err(e) = imports::report(progress, export, *counts) {
        tracing::warn!(%export, "a student export's progress was not saved: {e}");
    }
}

fn make(
    pool: &PgPool,
    progress: &mut PgConn,
    files: &FileStore,
    job: &Job,
    counts: &mut Counts,
) -> Result<(), AppError> {
    let export = job.export;
    let school = Actor::system(job.asker.organization().uuid());
    let mut conn = checkout(pool)?;
    let gathered = conn
        .build_transaction()
        .repeatable_read()
        .read_only()
        .run(|conn| {
            let tenant = &mut crate::db::enter(conn, &school)?;
            let plan = gather::plan(&gather::references(tenant)?);
            // Finding the rows, each table's rows, the files, the archive.
            if let Err(e) = queries::set_total(progress, export, plan.len() + 3) {
                tracing::warn!(%export, "a student export's size was not saved: {e}");
            }
            let found = gather::find(tenant, job.student, &plan)?;
            step(progress, export, counts);
            let none = Default::default();
            let mut tables = Vec::with_capacity(plan.len());
            for (table, _) in &plan {
                let ids = found.by_table.get(table).unwrap_or(&none);
                let rows = gather::rows(tenant, table, ids)?;
                counts.created += rows.len();
                tables.push(TableRows {
                    table: table.clone(),
                    rows,
                });
                step(progress, export, counts);
            }
            Ok::<_, AppError>(tables)
        })?;
    drop(conn);
    let attached = read_files(files, &gathered);
    step(progress, export, counts);
    let bytes = write_archive(job, &gathered, &attached)?;
    step(progress, export, counts);
    keep(pool, files, job, &bytes)
}

/// The student's files as the file table lists them, read from the store.
fn read_files(files: &FileStore, tables: &[TableRows]) -> Vec<Attached> {
    let Some(table) = tables.iter().find(|t| t.table == "file") else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let key = row.get("storage_key")?.as_str()?;
            let id = row.get("id")?.as_str()?;
            let name = row.get("name").and_then(|n| n.as_str()).unwrap_or("file");
            Some(Attached {
                name: format!("{id}-{}", crate::files::display_name(name)),
                bytes: files.read(key).ok(),
            })
        })
        .collect()
}

fn write_archive(job: &Job, tables: &[TableRows], files: &[Attached]) -> Result<Vec<u8>, AppError> {
    let text = |column: &str| -> Option<String> {
        let students = tables.iter().find(|t| t.table == gather::STUDENTS)?;
        let value = students.rows.first()?.get(column)?.as_str()?;
        Some(value.to_owned())
    };
    let heading = Heading {
        school: job.school.clone(),
        student: [text("first_name"), text("last_name")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        number: text("student_number"),
        made: job.locale.instant(crate::clock::now()),
    };
    let fault = |e: String| AppError::Internal(anyhow::anyhow!(e));
    let summary = archive::summary(&heading, tables, files, job.locale.t)
        .map_err(|e| fault(e.to_string()))?;
    archive::zip(&summary, tables, files).map_err(|e| fault(e.to_string()))
}

/// Stores the archive and records it with the access, as the asker; nothing stays
/// in the store when the records are not written.
fn keep(pool: &PgPool, files: &FileStore, job: &Job, bytes: &[u8]) -> Result<(), AppError> {
    let org = job.asker.organization().uuid();
    let key = files.new_key(org);
    files
        .write(&key, bytes)
        .map_err(|e| crate::files::FileError::from(e).into_app_error(job.locale.t))?;
    let now = crate::clock::now();
    let mut conn = checkout(pool)?;
    let recorded = conn.transaction(|conn| {
        let tenant = &mut crate::db::enter(conn, &job.asker)?;
        queries::keep(
            tenant,
            job.export,
            (&key, bytes.len()),
            now + Duration::hours(KEPT_HOURS),
        )?;
        insert_views(
            tenant,
            &[View {
                organization_id: org,
                user_id: job.asker.user().map(|u| u.uuid()),
                student_id: Some(job.student),
                students_count: 1,
                route: EXPORT_ROUTE.to_owned(),
                created_at: now,
            }],
        )
    });
    if recorded.is_err() {
        files.remove(&key);
    }
    recorded.map(|_| ()).map_err(AppError::from)
}

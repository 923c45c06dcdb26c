//! An import's run: its log in sync_logs, the lock that tells a live run from one
//! whose server died, and the writing of its rows in one transaction.

use diesel::prelude::*;
use uuid::Uuid;

use super::analysis::{Analysis, Checked};
use crate::db::enums::SyncStatus;
use crate::db::{Actor, OrganizationId, PgConn, PgPool, UserId};
use crate::i18n::Lang;
use crate::resources::queries::imports;
use crate::resources::store::{self, Write};
use crate::resources::{Resource, engine};
use crate::web::error::AppError;
use crate::web::form::FieldErrors;

/// How often a running import reports its progress.
const PROGRESS_EVERY: usize = 100;

/// Whose run a commit is.
pub enum Start {
    /// This connection holds the run's lock and is to write its rows.
    Ours(Uuid),
    /// The upload's run is going, or finished, elsewhere.
    Theirs(Uuid),
}

/// Lock spaces (the two-key form) of a running import: its log's id hashed.
const RUN_LOCK: i32 = 0x494d_5052;

/// An upload's run as its log names it: `import:{upload}` for `import:{table}`.
pub struct RunName {
    pub organization: OrganizationId,
    pub by: UserId,
    pub sync_type: String,
    pub hash: String,
}

/// Starts the upload's run: a new log, or the failed one again, its lock taken on
/// `conn` before the log shows `running` to anyone else.
pub fn start(conn: &mut PgConnection, run: &RunName) -> QueryResult<Start> {
    // A run whose server died is failed first, so committing again reruns it.
    if let Some(earlier) = imports::log_of(conn, run.organization, &run.hash)? {
        mark_interrupted(conn, Some(earlier))?;
    }
    conn.transaction(|conn| {
        let ours = match imports::open_log(conn, run)? {
            Some(id) => Some(id),
            None => imports::reopen_failed_log(conn, run)?,
        };
        match ours {
            Some(id) => {
                // Session-level: it outlives this transaction and goes with the connection.
                diesel::sql_query("SELECT pg_advisory_lock($1, hashtext($2::text))")
                    .bind::<diesel::sql_types::Integer, _>(RUN_LOCK)
                    .bind::<diesel::sql_types::Uuid, _>(id)
                    .execute(conn)?;
                Ok(Start::Ours(id))
            }
            None => Ok(Start::Theirs(
                imports::log_of(conn, run.organization, &run.hash)?
                    .ok_or(diesel::result::Error::NotFound)?,
            )),
        }
    })
}

/// A connection of its own for the upload's run, and whose run it is.
pub fn claim(pool: &PgPool, run: &RunName) -> Result<(PgConn, Start), AppError> {
    let mut conn = pool
        .get()
        .map_err(|e| AppError::Unavailable(e.to_string()))?;
    let start = start(&mut conn, run)?;
    Ok((conn, start))
}

/// A running import's connection with its lock; dropping it (also when the run
/// panics) lets the lock go before the connection returns to the pool.
pub struct RunLock {
    pub conn: PgConn,
    pub log: Uuid,
}

impl Drop for RunLock {
    fn drop(&mut self) {
        let unlocked = diesel::sql_query("SELECT pg_advisory_unlock($1, hashtext($2::text))")
            .bind::<diesel::sql_types::Integer, _>(RUN_LOCK)
            .bind::<diesel::sql_types::Uuid, _>(self.log)
            .execute(&mut *self.conn);
        if let Err(error) = unlocked {
            tracing::warn!(log = %self.log, %error, "an import's lock could not be let go");
        }
    }
}

/// Marks failed, as interrupted, the running imports (or the one given) whose lock
/// no connection holds: their server stopped while they ran, and their one
/// transaction went with it. Returns how many.
pub fn mark_interrupted(conn: &mut PgConnection, only: Option<Uuid>) -> QueryResult<usize> {
    diesel::sql_query(format!(
        "UPDATE sync_logs SET status = 'failed', completed_at = now(), \
             records_processed = 0, records_created = 0, records_updated = 0, \
             error_message = format('{INTERRUPTED_AFTER}%s{INTERRUPTED_ROWS}', records_processed) \
         WHERE status = 'running' AND sync_type LIKE 'import:%' \
           AND ($1::uuid IS NULL OR id = $1) \
           AND pg_try_advisory_xact_lock($2, hashtext(id::text))"
    ))
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(only)
    .bind::<diesel::sql_types::Integer, _>(RUN_LOCK)
    .execute(conn)
}

/// How an interrupted run's log says so (the log is the install's, in English),
/// around the count of rows it had reached.
const INTERRUPTED_AFTER: &str = "it was interrupted after ";
const INTERRUPTED_ROWS: &str = " rows, when the server running it stopped.";

/// The rows an interrupted run had reached, when `error` is how its log says so.
pub fn interrupted_after(error: &str) -> Option<i64> {
    error
        .strip_prefix(INTERRUPTED_AFTER)?
        .strip_suffix(INTERRUPTED_ROWS)?
        .parse()
        .ok()
}

/// The good rows of a preview, to write as one run.
pub struct Batch {
    pub res: &'static Resource,
    pub organization: OrganizationId,
    pub by: UserId,
    pub rows: Vec<Checked>,
    /// Which fields the file has a column for.
    pub mapped: Vec<bool>,
    /// The language of whoever runs it, in which its log says why it stopped.
    pub t: Lang,
}

impl Batch {
    /// The rows of `analysis` without problems, written by `by`.
    pub fn good_rows(
        res: &'static Resource,
        organization: OrganizationId,
        by: UserId,
        analysis: Analysis,
        t: Lang,
    ) -> Batch {
        Batch {
            res,
            organization,
            by,
            rows: analysis
                .rows
                .into_iter()
                .filter(|r| r.errors.is_empty())
                .collect(),
            mapped: analysis.mapped,
            t,
        }
    }

    /// Writes the rows in one transaction on the run's connection, reporting progress
    /// on another from `pool`, and records the outcome in the run's log.
    pub fn write(&self, run: &mut RunLock, pool: &PgPool) -> SyncStatus {
        let log = run.log;
        let report = |counts: imports::Counts| {
            if let Ok(mut other) = pool.get() {
                let _ = imports::report(&mut other, log, counts);
            }
        };
        let outcome = run
            .conn
            .transaction::<_, diesel::result::Error, _>(|conn| self.write_all(conn, &report));
        let (status, counts, error) = match outcome {
            Ok((created, updated)) => {
                let counts = imports::Counts {
                    processed: self.rows.len(),
                    created,
                    updated,
                };
                (SyncStatus::Success, counts, None)
            }
            Err(e) => (
                SyncStatus::Failed,
                imports::Counts::default(),
                Some(self.why_stopped(e)),
            ),
        };
        let _ = imports::finish(&mut run.conn, log, status, counts, error);
        status
    }

    /// Why the run stopped, as its importer reads it: a row's problem, a write the
    /// database refused, or (a fault) what the database said.
    fn why_stopped(&self, e: diesel::result::Error) -> String {
        if let diesel::result::Error::QueryBuilderError(problem) = &e {
            return problem.to_string();
        }
        let mut errors = FieldErrors::default();
        match engine::refused_write(self.res, e, self.t, &mut errors) {
            Ok(()) => errors
                .first()
                .map(|(_, message)| message.to_owned())
                .unwrap_or_default(),
            Err(fault) => fault.to_string(),
        }
    }

    fn write_all(
        &self,
        conn: &mut PgConnection,
        report: &dyn Fn(imports::Counts),
    ) -> QueryResult<(usize, usize)> {
        let (res, by) = (self.res, self.by);
        let tenant = &mut crate::db::enter(conn, &Actor::system(self.organization.uuid()))?;
        store::act_as(tenant, by)?;
        let (mut created, mut updated) = (0, 0);
        // Derived columns are written whenever a row is, whatever the file holds.
        let columns: Vec<bool> = res
            .fields
            .iter()
            .zip(&self.mapped)
            .map(|(f, m)| *m || res.is_derived(f.column))
            .collect();
        for (n, row) in self.rows.iter().enumerate() {
            let found = store::find_by_key(tenant, res, &row.hash, &row.values)?;
            let mut values = row.values.clone();
            engine::fill(tenant, res, found, &mut values)?;
            let mut errors = FieldErrors::default();
            engine::check(tenant, res, found, &values, self.t, &mut errors)?;
            if let Some((column, message)) = errors.first() {
                let problem = self
                    .t
                    .message("engine-import-line-problem")
                    .arg("line", row.line)
                    .arg(
                        "field",
                        res.field(column)
                            .map_or(String::new(), |f| f.label_in(self.t)),
                    )
                    .arg("problem", message);
                return Err(diesel::result::Error::QueryBuilderError(
                    problem.to_string().into(),
                ));
            }
            match found {
                Some(id) => {
                    let before = match res.hooks.after_write {
                        Some(_) => Some(store::find(tenant, res, id)?.raw),
                        None => None,
                    };
                    let write = Write::Changed { columns: &columns };
                    if store::update(tenant, res, by, id, &values, write)? {
                        engine::after_write(tenant, res, id, before.as_deref())?;
                        updated += 1;
                    }
                    store::set_import_hash(tenant, res, id, &row.hash)?;
                }
                None => {
                    store::release_import_hash(tenant, res, &row.hash)?;
                    let id = store::insert(tenant, res, by, &values, Some(row.hash.clone()))?;
                    engine::after_write(tenant, res, id, None)?;
                    created += 1;
                }
            }
            if (n + 1) % PROGRESS_EVERY == 0 {
                report(imports::Counts {
                    processed: n + 1,
                    created,
                    updated,
                });
            }
        }
        Ok((created, updated))
    }
}

//! Background jobs. Each kind of [`Task`] has one row in `scheduled_tasks`; every
//! server runs a scheduler thread that claims due rows with `FOR UPDATE SKIP
//! LOCKED`, so several servers never run the same task at once. A run that did
//! something, failed, or was started by someone leaves one `sync_logs` row with its
//! counts or its error; a scheduled run that found nothing to do is only counted on
//! its task (`quiet_runs`), so the absence alerts' run every minute does not bury
//! the runs that matter.

mod queries;
pub mod routes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use uuid::Uuid;

use crate::db::PgPool;
use crate::db::enums::{SyncStatus, TaskStatus};
use crate::i18n::{Lang, msg};

use crate::db::schema::{scheduled_tasks, sync_logs};
use crate::mail::Mailer;

pub use routes::routes;

/// The kinds of work Homeroom does on a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    SessionCleanup,
    OverdueInvoices,
    AbsenceAlerts,
    InterruptedImports,
    UploadCleanup,
    MessageDelivery,
    PaymentReminders,
    EventReminders,
    RecordRetention,
}

/// What a run did, for its `sync_logs` row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub processed: i32,
    pub created: i32,
    pub updated: i32,
}

/// Everything a task may need besides the database.
pub struct JobContext<'a> {
    pub mailer: &'a Mailer,
    pub now: DateTime<Utc>,
    /// Where uploads wait (`HOMEROOM_DATA_DIR`).
    pub data_dir: &'a Path,
}

/// A run still marked running after this long is taken to have died with its server,
/// whatever its lock says.
const STALE_AFTER_MINUTES: i32 = 30;

/// Lock space (the two-key form) of a running task, its id hashed: the server that
/// claims a task holds it on its connection while the task runs, so a task whose
/// server died (the lock went with its connection) is claimed again at once.
const TASK_LOCK: i32 = 0x5441_534b;

/// An upload nobody committed within a day is taken to be abandoned.
const UPLOADS_KEPT_HOURS: i64 = 24;

impl Task {
    pub const ALL: &'static [Task] = &[
        Task::SessionCleanup,
        Task::OverdueInvoices,
        Task::AbsenceAlerts,
        Task::InterruptedImports,
        Task::UploadCleanup,
        Task::MessageDelivery,
        Task::PaymentReminders,
        Task::EventReminders,
        Task::RecordRetention,
    ];

    pub fn task_type(self) -> &'static str {
        match self {
            Task::SessionCleanup => "session_cleanup",
            Task::OverdueInvoices => "overdue_invoices",
            Task::AbsenceAlerts => "absence_alerts",
            Task::InterruptedImports => "interrupted_imports",
            Task::UploadCleanup => "upload_cleanup",
            Task::MessageDelivery => "message_delivery",
            Task::PaymentReminders => "payment_reminders",
            Task::EventReminders => "event_reminders",
            Task::RecordRetention => "record_retention",
        }
    }

    /// What the task does, as the jobs page tells it (a message id).
    pub fn description_id(self) -> &'static str {
        match self {
            Task::SessionCleanup => msg("jobs-task-session-cleanup"),
            Task::OverdueInvoices => msg("jobs-task-overdue-invoices"),
            Task::AbsenceAlerts => msg("jobs-task-absence-alerts"),
            Task::InterruptedImports => msg("jobs-task-interrupted-imports"),
            Task::UploadCleanup => msg("jobs-task-upload-cleanup"),
            Task::MessageDelivery => msg("messages-task-delivery"),
            Task::PaymentReminders => msg("fin-task-reminders"),
            Task::EventReminders => msg("cal-task-reminders"),
            Task::RecordRetention => msg("priv-retention-task"),
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Task::SessionCleanup => {
                "Removes sign-in sessions that expired or were revoked over 30 days ago."
            }
            Task::OverdueInvoices => {
                "Marks issued invoices overdue once their due date has passed with a balance left."
            }
            Task::AbsenceAlerts => {
                "Tells guardians the same day when a roll marks their child absent and the mark still stands after the grace period."
            }
            Task::InterruptedImports => {
                "Marks imports whose server stopped while they ran as interrupted, so they can be run again."
            }
            Task::UploadCleanup => {
                "Removes import uploads a day after their preview when nobody imported them, those of failed imports, and student data exports a day after they were made."
            }
            Task::MessageDelivery => {
                "Sends scheduled messages at their time and e-mails each recipient, trying a refused address again before marking it failed."
            }
            Task::PaymentReminders => {
                "Reminds the guardians who receive a student's invoices of an invoice still owed after its due date, at most once every N days."
            }
            Task::EventReminders => {
                "Sends each calendar event's reminder to the people it is for, the chosen number of days before it, once."
            }
            Task::RecordRetention => {
                "Lists the students who left longer ago than their school keeps records, for an administrator to erase, and erases the students deleted longer ago than the school's purge window."
            }
        }
    }

    fn interval_minutes(self) -> i32 {
        match self {
            Task::SessionCleanup => 24 * 60,
            Task::OverdueInvoices => 60,
            Task::AbsenceAlerts => 1,
            Task::InterruptedImports => 5,
            Task::UploadCleanup => 60,
            Task::MessageDelivery => 1,
            Task::PaymentReminders => 60,
            Task::EventReminders => 60,
            Task::RecordRetention => 24 * 60,
        }
    }

    pub fn from_type(task_type: &str) -> Option<Task> {
        Task::ALL
            .iter()
            .copied()
            .find(|t| t.task_type() == task_type)
    }

    fn run(self, conn: &mut PgConnection, ctx: &JobContext) -> QueryResult<Outcome> {
        match self {
            Task::SessionCleanup => {
                let removed = diesel::sql_query(
                    "DELETE FROM auth_refresh_tokens
                     WHERE coalesce(revoked_at, expires_at) < now() - interval '30 days'",
                )
                .execute(conn)?;
                Ok(Outcome {
                    processed: count(removed),
                    ..Outcome::default()
                })
            }
            Task::OverdueInvoices => {
                // "Past due" is judged by each school's own calendar.
                let marked = diesel::sql_query(format!(
                    "UPDATE invoices i SET status = 'overdue'
                     FROM organizations o
                     WHERE o.id = i.organization_id
                       AND i.deleted_at IS NULL
                       AND i.status IN ('issued', 'partially_paid')
                       AND i.balance_due > 0
                       AND i.due_date < ({} AT TIME ZONE o.time_zone)::date",
                    crate::clock::sql_now()
                ))
                .execute(conn)?;
                Ok(Outcome {
                    processed: count(marked),
                    updated: count(marked),
                    ..Outcome::default()
                })
            }
            Task::AbsenceAlerts => {
                let run = crate::attendance::alerts::send_due_alerts(conn, ctx.mailer, ctx.now)?;
                Ok(Outcome {
                    processed: count(run.sent + run.withdrawn),
                    created: count(run.sent),
                    updated: count(run.withdrawn),
                })
            }
            Task::InterruptedImports => {
                let failed = crate::resources::mark_interrupted_imports(conn, None)?;
                Ok(Outcome {
                    processed: count(failed),
                    updated: count(failed),
                    ..Outcome::default()
                })
            }
            Task::MessageDelivery => {
                let run = crate::communication::outgoing::deliver_due(
                    conn,
                    ctx.mailer,
                    &crate::files::FileStore::reading(ctx.data_dir),
                    ctx.now,
                )?;
                Ok(Outcome {
                    processed: count(run.released + run.sent + run.refused),
                    created: count(run.released),
                    updated: count(run.sent + run.given_up),
                })
            }
            Task::PaymentReminders => {
                let reminded =
                    crate::finance::reminders::send_due_reminders(conn, ctx.mailer, ctx.now)?;
                Ok(Outcome {
                    processed: count(reminded),
                    updated: count(reminded),
                    ..Outcome::default()
                })
            }
            Task::EventReminders => {
                let reminded = crate::calendar::reminders::send_due_reminders(conn, ctx.now)?;
                Ok(Outcome {
                    processed: count(reminded),
                    created: count(reminded),
                    ..Outcome::default()
                })
            }
            Task::RecordRetention => {
                let store = crate::files::FileStore::reading(ctx.data_dir);
                let review = crate::privacy::erasure::review_schools(conn, &store, ctx.now)?;
                Ok(Outcome {
                    processed: count(review.past_retention + review.purged),
                    updated: count(review.purged),
                    ..Outcome::default()
                })
            }
            Task::UploadCleanup => {
                let cutoff = ctx.now - chrono::Duration::hours(UPLOADS_KEPT_HOURS);
                let removed = crate::resources::remove_old_uploads(ctx.data_dir, cutoff.into());
                let exports = crate::privacy::export::remove_expired(conn, ctx.data_dir, ctx.now)?;
                Ok(Outcome {
                    processed: count(removed + exports),
                    ..Outcome::default()
                })
            }
        }
    }
}

fn count(rows: usize) -> i32 {
    i32::try_from(rows).unwrap_or(i32::MAX)
}

/// Makes sure every kind of task has its row; existing rows keep their settings.
pub fn ensure_tasks(conn: &mut PgConnection) -> QueryResult<()> {
    for task in Task::ALL {
        diesel::sql_query(
            "INSERT INTO scheduled_tasks (task_type, description, interval_minutes)
             VALUES ($1, $2, $3)
             ON CONFLICT (task_type) WHERE deleted_at IS NULL DO NOTHING",
        )
        .bind::<Text, _>(task.task_type())
        .bind::<Text, _>(task.description())
        .bind::<Integer, _>(task.interval_minutes())
        .execute(conn)?;
    }
    Ok(())
}

/// What became of a "Run now".
#[derive(Debug, PartialEq, Eq)]
pub enum RunResult {
    Ran(Outcome),
    /// The task ran and failed with this error (also in its `sync_logs` row).
    Failed(String),
    /// Another server (named) is running it right now.
    Busy(Option<String>),
}

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    organization_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    task_type: String,
    #[diesel(sql_type = Integer)]
    interval_minutes: i32,
}

/// Claims one task: the given one (run now), or else the most overdue due one. A
/// row another server is claiming is skipped, not waited for; a task marked running
/// is claimed again when no live server holds its lock. The lock is taken before
/// the claim commits, so no other server sees the task running without it.
fn claim(
    conn: &mut PgConnection,
    worker: &str,
    only: Option<Uuid>,
) -> QueryResult<Option<Claimed>> {
    conn.transaction(|conn| {
        let claimed = diesel::sql_query(
            "UPDATE scheduled_tasks SET status = 'running', locked_by = $1, locked_at = now()
             WHERE id = (
                 SELECT t.id FROM scheduled_tasks t
                 WHERE t.deleted_at IS NULL
                   AND (t.status <> 'running'
                        OR t.locked_at < now() - make_interval(mins => $2)
                        OR NOT EXISTS (
                            SELECT 1 FROM pg_locks l
                            WHERE l.locktype = 'advisory' AND l.granted
                              AND l.classid = $4::oid
                              AND l.objid = hashtext(t.id::text)::oid
                              AND l.objsubid = 2))
                   AND (CASE WHEN $3::uuid IS NULL THEN t.enabled AND t.next_run_at <= now()
                             ELSE t.id = $3 END)
                 ORDER BY t.next_run_at
                 LIMIT 1
                 FOR UPDATE SKIP LOCKED)
             RETURNING id, organization_id, task_type, interval_minutes",
        )
        .bind::<Text, _>(worker)
        .bind::<Integer, _>(STALE_AFTER_MINUTES)
        .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(only)
        .bind::<Integer, _>(TASK_LOCK)
        .get_result::<Claimed>(conn)
        .optional()?;
        if let Some(task) = &claimed {
            task_lock(conn, "pg_advisory_lock", task.id)?;
        }
        Ok(claimed)
    })
}

/// Takes or lets go of a task's lock (session-level: it outlives the transaction).
fn task_lock(conn: &mut PgConnection, function: &str, task: Uuid) -> QueryResult<()> {
    diesel::sql_query(format!("SELECT {function}($1, hashtext($2::text))"))
        .bind::<Integer, _>(TASK_LOCK)
        .bind::<diesel::sql_types::Uuid, _>(task)
        .execute(conn)
        .map(|_| ())
}

/// Runs a claimed task in its own transaction and records the result.
fn run_claimed(
    conn: &mut PgConnection,
    claimed: Claimed,
    ctx: &JobContext,
    started_by: Option<Uuid>,
) -> QueryResult<Result<Outcome, String>> {
    let outcome = run_locked(conn, &claimed, ctx, started_by);
    // The lock goes whatever became of the run; the connection goes back to the pool.
    let unlocked = task_lock(conn, "pg_advisory_unlock", claimed.id);
    let outcome = outcome?;
    unlocked?;
    Ok(outcome)
}

/// Runs a claimed task whose lock this connection holds, and records the result.
fn run_locked(
    conn: &mut PgConnection,
    claimed: &Claimed,
    ctx: &JobContext,
    started_by: Option<Uuid>,
) -> QueryResult<Result<Outcome, String>> {
    let started = Utc::now();
    let result = match Task::from_type(&claimed.task_type) {
        Some(task) => conn
            .transaction(|conn| task.run(conn, ctx))
            .map_err(|e| e.to_string()),
        None => Err(format!(
            "This version of Homeroom has no task called {:?}.",
            claimed.task_type
        )),
    };
    if let Err(error) = &result {
        tracing::warn!(task = %claimed.task_type, %error, "scheduled task failed");
    }
    let outcome = result.as_ref().copied().unwrap_or_default();
    let quiet = started_by.is_none() && result == Ok(Outcome::default());
    conn.transaction(|conn| {
        diesel::update(scheduled_tasks::table.find(claimed.id))
            .set((
                scheduled_tasks::status.eq(if result.is_ok() {
                    TaskStatus::Idle
                } else {
                    TaskStatus::Failed
                }),
                scheduled_tasks::last_run_at.eq(started),
                scheduled_tasks::next_run_at
                    .eq(started + chrono::Duration::minutes(i64::from(claimed.interval_minutes))),
                scheduled_tasks::locked_by.eq(None::<String>),
                scheduled_tasks::locked_at.eq(None::<DateTime<Utc>>),
            ))
            .execute(conn)?;
        if quiet {
            return queries::count_quiet_run(conn, claimed.id, started);
        }
        diesel::insert_into(sync_logs::table)
            .values((
                sync_logs::organization_id.eq(claimed.organization_id),
                sync_logs::scheduled_task_id.eq(claimed.id),
                sync_logs::sync_type.eq(&claimed.task_type),
                sync_logs::status.eq(if result.is_ok() {
                    SyncStatus::Success
                } else {
                    SyncStatus::Failed
                }),
                sync_logs::records_processed.eq(outcome.processed),
                sync_logs::records_created.eq(outcome.created),
                sync_logs::records_updated.eq(outcome.updated),
                sync_logs::started_at.eq(started),
                sync_logs::completed_at.eq(Utc::now()),
                sync_logs::error_message.eq(result.as_ref().err()),
                sync_logs::created_by_id.eq(started_by),
            ))
            .execute(conn)?;
        QueryResult::Ok(())
    })?;
    Ok(result)
}

/// "1,440 runs found nothing to do since 5 Dec 10:31, the last at 6 Dec 10:30", in
/// the reader's language `t` and the school's time zone; none before the first such run.
pub fn quiet_runs(
    t: Lang,
    runs: i32,
    since: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    time_zone: chrono_tz::Tz,
) -> Option<String> {
    let (since, last) = (since?, last?);
    if runs <= 0 {
        return None;
    }
    let (since, last) = (when(t, time_zone, since), when(t, time_zone, last));
    Some(
        t.message(msg("jobs-quiet-runs"))
            .arg("count", runs)
            .arg("runs", t.number(i64::from(runs)))
            .arg("since", &since)
            .arg("last", &last)
            .to_string(),
    )
}

/// An instant of a task as the school reads it, day and time: "2 Dec 09:00".
pub fn when(t: Lang, time_zone: chrono_tz::Tz, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&time_zone);
    t.message(msg("jobs-when"))
        .arg("day", t.day_month(local.date_naive()))
        .arg("time", t.time(local.time()))
        .to_string()
}

/// Runs one task at once, whether due or not (the "Run now" button).
pub fn run_now(
    conn: &mut PgConnection,
    ctx: &JobContext,
    worker: &str,
    task_id: Uuid,
    user: Uuid,
) -> QueryResult<RunResult> {
    match claim(conn, worker, Some(task_id))? {
        Some(claimed) => Ok(match run_claimed(conn, claimed, ctx, Some(user))? {
            Ok(outcome) => RunResult::Ran(outcome),
            Err(error) => RunResult::Failed(error),
        }),
        None => {
            let holder = scheduled_tasks::table
                .find(task_id)
                .select(scheduled_tasks::locked_by)
                .first::<Option<String>>(conn)?;
            Ok(RunResult::Busy(holder))
        }
    }
}

/// Runs every task that is due, one after another; returns how many ran.
pub fn run_due(conn: &mut PgConnection, ctx: &JobContext, worker: &str) -> QueryResult<usize> {
    let mut ran = 0;
    while let Some(claimed) = claim(conn, worker, None)? {
        // A failed run is logged and kept in sync_logs; the other due tasks still run.
        let _ = run_claimed(conn, claimed, ctx, None)?;
        ran += 1;
    }
    Ok(ran)
}

/// A name for this server in `locked_by`: host and process id.
pub fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "homeroom".to_owned());
    format!("{host}:{}", std::process::id())
}

/// Starts the scheduler thread of a server: every `every`, it runs what is due.
pub fn start_scheduler(pool: PgPool, mailer: Mailer, data_dir: PathBuf, every: Duration) {
    let worker = worker_name();
    let spawned = std::thread::Builder::new()
        .name("scheduler".to_owned())
        .spawn(move || {
            loop {
                match pool.get() {
                    Ok(mut conn) => {
                        let ctx = JobContext {
                            mailer: &mailer,
                            now: Utc::now(),
                            data_dir: &data_dir,
                        };
                        if let Err(error) =
                            ensure_tasks(&mut conn).and_then(|()| run_due(&mut conn, &ctx, &worker))
                        {
                            tracing::warn!(%error, "the scheduler could not run its tasks");
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "the scheduler has no database connection")
                    }
                }
                std::thread::sleep(every);
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "the scheduler thread could not start");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn quiet_runs_are_told_as_a_count_since_the_first() {
        let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 2, h, m, 0).single();
        assert_eq!(
            quiet_runs(Lang::default(), 0, None, None, chrono_tz::UTC),
            None
        );
        assert_eq!(
            quiet_runs(Lang::default(), 1, at(9, 0), at(9, 0), chrono_tz::UTC).as_deref(),
            Some("1 run found nothing to do, at 2 Dec 09:00")
        );
        assert_eq!(
            quiet_runs(Lang::default(), 1440, at(9, 0), at(10, 30), chrono_tz::UTC).as_deref(),
            Some("1,440 runs found nothing to do since 2 Dec 09:00, the last at 2 Dec 10:30")
        );
    }
}

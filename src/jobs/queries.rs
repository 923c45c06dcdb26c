//! What the jobs page reads and changes of the scheduled tasks and their logs. Tasks
//! belong to one organization or (with none) to the whole install; neither table has
//! row-level security, so each query names the organization it shows.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::enums::{SyncStatus, TaskStatus};
use crate::db::schema::{scheduled_tasks, sync_logs};
use crate::db::{OrganizationId, UserId};

/// Whose tasks a page shows: one organization's, and with `install_wide` also those
/// that belong to none.
#[derive(Clone, Copy)]
pub struct TaskScope {
    pub organization: OrganizationId,
    pub install_wide: bool,
}

#[derive(Queryable)]
pub struct TaskColumns {
    pub id: Uuid,
    pub task_type: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub interval_minutes: i32,
    pub last_run_at: Option<DateTime<Utc>>,
    pub next_run_at: DateTime<Utc>,
    pub status: TaskStatus,
    pub quiet_runs: i32,
    pub quiet_since: Option<DateTime<Utc>>,
    pub last_quiet_at: Option<DateTime<Utc>>,
}

#[derive(Queryable)]
pub struct LogColumns {
    pub sync_type: String,
    pub status: SyncStatus,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub processed: i32,
    pub created: i32,
    pub updated: i32,
    pub error: Option<String>,
}

/// The live tasks in scope, by type.
pub fn tasks(conn: &mut PgConnection, scope: TaskScope) -> QueryResult<Vec<TaskColumns>> {
    use scheduled_tasks as t;
    let mut query = t::table.filter(t::deleted_at.is_null()).into_boxed();
    query = if scope.install_wide {
        query.filter(
            t::organization_id
                .eq(scope.organization)
                .or(t::organization_id.is_null()),
        )
    } else {
        query.filter(t::organization_id.eq(scope.organization))
    };
    query
        .order(t::task_type)
        .select((
            t::id,
            t::task_type,
            t::description,
            t::enabled,
            t::interval_minutes,
            t::last_run_at,
            t::next_run_at,
            t::status,
            t::quiet_runs,
            t::quiet_since,
            t::last_quiet_at,
        ))
        .load(conn)
}

/// The latest `limit` runs of the tasks in scope, newest first.
pub fn logs(conn: &mut PgConnection, scope: TaskScope, limit: i64) -> QueryResult<Vec<LogColumns>> {
    use sync_logs as l;
    let mut query = l::table.filter(l::deleted_at.is_null()).into_boxed();
    query = if scope.install_wide {
        query.filter(
            l::organization_id
                .eq(scope.organization)
                .or(l::organization_id.is_null()),
        )
    } else {
        query.filter(l::organization_id.eq(scope.organization))
    };
    query
        .order(l::started_at.desc())
        .limit(limit)
        .select((
            l::sync_type,
            l::status,
            l::started_at,
            l::completed_at,
            l::records_processed,
            l::records_created,
            l::records_updated,
            l::error_message,
        ))
        .load(conn)
}

/// A live task's type, if it is in scope.
pub fn task_in_scope(
    conn: &mut PgConnection,
    scope: TaskScope,
    id: Uuid,
) -> QueryResult<Option<String>> {
    let found = scheduled_tasks::table
        .find(id)
        .filter(scheduled_tasks::deleted_at.is_null())
        .select((scheduled_tasks::organization_id, scheduled_tasks::task_type))
        .first::<(Option<OrganizationId>, String)>(conn)
        .optional()?;
    Ok(match found {
        Some((Some(owner), task_type)) if owner == scope.organization => Some(task_type),
        Some((None, task_type)) if scope.install_wide => Some(task_type),
        _ => None,
    })
}

pub fn set_enabled(
    conn: &mut PgConnection,
    id: Uuid,
    enabled: bool,
    by: UserId,
) -> QueryResult<()> {
    diesel::update(scheduled_tasks::table.find(id))
        .set((
            scheduled_tasks::enabled.eq(enabled),
            scheduled_tasks::updated_by_id.eq(by),
        ))
        .execute(conn)?;
    Ok(())
}

/// Counts a scheduled run that found nothing to do on its task, instead of a log row.
pub fn count_quiet_run(
    conn: &mut PgConnection,
    task: Uuid,
    started: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE scheduled_tasks
         SET quiet_runs = quiet_runs + 1, quiet_since = coalesce(quiet_since, $2),
             last_quiet_at = $2
         WHERE id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(task)
    .bind::<diesel::sql_types::Timestamptz, _>(started)
    .execute(conn)?;
    Ok(())
}

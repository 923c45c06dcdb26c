//! The exports' rows: `student_exports` and the `sync_logs` row that counts each
//! one's steps for its progress bar. Only this module names the table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::SyncStatus;
use crate::db::schema::{student_exports, students, sync_logs};

/// How an export's log is named.
pub const SYNC_TYPE: &str = "student_export";

/// Opens an export of `student` asked by the signed-in user: its log (running)
/// and its row, under one new id.
pub fn open(tenant: &mut Tenant<'_>, id: Uuid, student: Uuid) -> QueryResult<()> {
    crate::resources::queries::imports::open_run(tenant, id, SYNC_TYPE)?;
    diesel::insert_into(student_exports::table)
        .values((
            student_exports::id.eq(id),
            student_exports::organization_id.eq(tenant.organization()),
            student_exports::student_id.eq(student),
            student_exports::requested_by_id.eq(tenant.user().map(|u| u.uuid())),
        ))
        .execute(tenant.conn())?;
    Ok(())
}

/// The export of `student` still running, if any: a second request joins it.
pub fn running_for(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Option<Uuid>> {
    student_exports::table
        .inner_join(sync_logs::table)
        .filter(student_exports::organization_id.eq(tenant.organization()))
        .filter(student_exports::student_id.eq(student))
        .filter(sync_logs::status.eq(SyncStatus::Running))
        .select(student_exports::id)
        .first(tenant.conn())
        .optional()
}

/// An export as its page shows it.
#[derive(Queryable, Clone, Debug)]
pub struct ExportRow {
    pub id: Uuid,
    pub student_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub student_number: Option<String>,
    pub storage_key: Option<String>,
    pub size_in_bytes: Option<i64>,
    pub expires_at: Option<DateTime<Utc>>,
    pub status: SyncStatus,
    pub processed: i32,
    pub total: Option<i32>,
}

/// One export of the school; not found for another school's.
pub fn export(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<ExportRow> {
    student_exports::table
        .inner_join(sync_logs::table)
        .inner_join(students::table)
        .filter(student_exports::id.eq(id))
        .filter(student_exports::organization_id.eq(tenant.organization()))
        .select((
            student_exports::id,
            student_exports::student_id,
            students::first_name,
            students::last_name,
            students::student_number,
            student_exports::storage_key,
            student_exports::size_in_bytes,
            student_exports::expires_at,
            sync_logs::status,
            sync_logs::records_processed,
            sync_logs::records_total,
        ))
        .first(tenant.conn())
}

/// Marks the export failed when it shows running but started over `minutes` ago
/// (by the database's clock, which started it): the server making it stopped.
/// True when it did.
pub fn mark_interrupted(tenant: &mut Tenant<'_>, id: Uuid, minutes: i32) -> QueryResult<bool> {
    let n = diesel::sql_query(
        "UPDATE sync_logs SET status = 'failed', completed_at = now(), \
             error_message = 'interrupted: the server making it stopped' \
         WHERE id = $1 AND organization_id = $2 AND status = 'running' \
           AND started_at < now() - make_interval(mins => $3)",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<diesel::sql_types::Uuid, _>(tenant.organization())
    .bind::<diesel::sql_types::Integer, _>(minutes)
    .execute(tenant.conn())?;
    Ok(n > 0)
}

/// How many steps the export has: set once its tables are known.
pub fn set_total(conn: &mut PgConnection, id: Uuid, total: usize) -> QueryResult<usize> {
    diesel::update(sync_logs::table.find(id))
        .set(sync_logs::records_total.eq(i32::try_from(total).unwrap_or(i32::MAX)))
        .execute(conn)
}

/// Records where the finished archive lies, how large it is and until when.
pub fn keep(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    (storage_key, size): (&str, usize),
    expires_at: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(
        student_exports::table
            .filter(student_exports::id.eq(id))
            .filter(student_exports::organization_id.eq(tenant.organization())),
    )
    .set((
        student_exports::storage_key.eq(storage_key),
        student_exports::size_in_bytes.eq(i64::try_from(size).unwrap_or(i64::MAX)),
        student_exports::expires_at.eq(expires_at),
    ))
    .execute(tenant.conn())
}

/// Archives past their time, of every school: id and storage key.
pub fn expired(conn: &mut PgConnection, now: DateTime<Utc>) -> QueryResult<Vec<(Uuid, String)>> {
    student_exports::table
        .filter(student_exports::expires_at.le(now))
        .filter(student_exports::storage_key.is_not_null())
        .select((
            student_exports::id,
            student_exports::storage_key.assume_not_null(),
        ))
        .load(conn)
}

/// The export's archive is gone: its row stays, without a key.
pub fn forget_archive(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::update(student_exports::table.find(id))
        .set(student_exports::storage_key.eq(None::<String>))
        .execute(conn)
}

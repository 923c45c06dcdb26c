//! "Download everything held on this student": a subject access export. From the
//! student's profile, a holder of [`EXPORT_STUDENT_DATA`] starts one; it runs in
//! the background ([`work`]) while its page shows a progress bar, gathers every row
//! that references the student ([`gather`]) and writes one ZIP ([`archive`]) to the
//! file store. The archive is served to holders of the same permission in the
//! school for [`KEPT_HOURS`] hours, then the upload clean-up task deletes it
//! ([`remove_expired`]). Making it and each download are recorded in the access log.

mod archive;
mod gather;
mod pages;
mod queries;
mod work;

use std::path::Path;

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use diesel::prelude::QueryResult;

use crate::access::{Action, Entity, Gate, Permission, Routes};
use crate::files::FileStore;

/// The dedicated permission: exporting everything held on a student.
pub const EXPORT_STUDENT_DATA: Permission = Permission::new(Action::Create, Entity::StudentExports);

/// How long a finished archive is kept.
pub const KEPT_HOURS: i64 = 24;

/// The access log's name for the making of an export (the route that starts it).
pub const EXPORT_ROUTE: &str = "/students/{id}/export";

pub fn routes(r: &mut Routes) {
    let gate = Gate::Requires(EXPORT_STUDENT_DATA);
    r.post(EXPORT_ROUTE, gate, pages::create)
        .get("/privacy/exports/{export}", gate, pages::show)
        .get("/privacy/exports/{export}/download", gate, pages::download);
}

/// Deletes the archives past their time, of every school; their rows stay, so the
/// page says when the archive went. How many were deleted.
pub fn remove_expired(
    conn: &mut PgConnection,
    data_dir: &Path,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let store = FileStore::reading(data_dir);
    let expired = queries::expired(conn, now)?;
    for (id, key) in &expired {
        store.remove(key);
        queries::forget_archive(conn, *id)?;
    }
    Ok(expired.len())
}

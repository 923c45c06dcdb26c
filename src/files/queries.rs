//! Reads and writes of the `file` table, on the tenant's live files.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;
use uuid::Uuid;

use super::{EntityKind, Owner, Purpose, StoredFile, Upload, display_name};
use crate::db::Tenant;
use crate::db::schema;

crate::live_rows!(file);

use schema::file as f;
/// One live file of the organization, or `None` (another organization's id included).
pub fn find(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<StoredFile>> {
    file::live(tenant)
        .filter(f::id.eq(id))
        .select(StoredFile::as_select())
        .first(tenant.conn())
        .optional()
}

/// A live file of any organization the connection sees that belongs to the row
/// `record` of `owner`.
pub fn find_owned_by(
    conn: &mut PgConnection,
    id: Uuid,
    owner: &str,
    record: Uuid,
) -> QueryResult<Option<StoredFile>> {
    f::table
        .filter(f::id.eq(id))
        .filter(f::belongs_to.eq(owner))
        .filter(f::belongs_to_id.eq(record))
        .filter(f::deleted_at.is_null())
        .select(StoredFile::as_select())
        .first(conn)
        .optional()
}

/// A record's live files, newest first.
pub fn files_of(
    tenant: &mut Tenant<'_>,
    kind: EntityKind,
    id: Uuid,
) -> QueryResult<Vec<StoredFile>> {
    file::live(tenant)
        .filter(f::belongs_to.eq(kind.table()))
        .filter(f::belongs_to_id.eq(id))
        .order(f::created_at.desc())
        .select(StoredFile::as_select())
        .load(tenant.conn())
}

/// A record's live files, oldest first, on any connection (no tenant entered).
pub fn attached(
    conn: &mut PgConnection,
    kind: EntityKind,
    id: Uuid,
) -> QueryResult<Vec<StoredFile>> {
    f::table
        .filter(f::belongs_to.eq(kind.table()))
        .filter(f::belongs_to_id.eq(id))
        .filter(f::deleted_at.is_null())
        .order((f::created_at.asc(), f::id.asc()))
        .select(StoredFile::as_select())
        .load(conn)
}

/// The thumbnail URL of each record's photo, for lists and the roll call.
pub fn photo_thumbnails(
    tenant: &mut Tenant<'_>,
    kind: EntityKind,
    ids: &[Uuid],
) -> QueryResult<HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<Uuid>, Uuid)> = file::live(tenant)
        .filter(f::belongs_to.eq(kind.table()))
        .filter(f::belongs_to_column.eq(Purpose::Photo.as_str()))
        .filter(f::belongs_to_id.eq_any(ids))
        .order(f::created_at.asc())
        .select((f::belongs_to_id, f::id))
        .load(tenant.conn())?;
    // Oldest first, so the newest photo of a record wins.
    Ok(rows
        .into_iter()
        .filter_map(|(owner, id)| Some((owner?, format!("/files/{id}/thumbnail"))))
        .collect())
}

/// The thumbnail URL of one record's photo.
pub fn photo_url(
    tenant: &mut Tenant<'_>,
    kind: EntityKind,
    id: Uuid,
) -> QueryResult<Option<String>> {
    Ok(photo_thumbnails(tenant, kind, &[id])?.remove(&id))
}

/// The record's name on screen, or `None` when it is not a live record of the organization.
pub fn record_label(
    tenant: &mut Tenant<'_>,
    kind: EntityKind,
    id: Uuid,
) -> QueryResult<Option<String>> {
    #[derive(QueryableByName)]
    struct Label {
        #[diesel(sql_type = diesel::sql_types::Text)]
        label: String,
    }
    // Roles are the install's, every school's own file of them kept by the file row.
    let owned = match kind {
        EntityKind::Role => "$2::uuid IS NOT NULL",
        _ => "organization_id = $2",
    };
    // Table and expression come from the closed list above, never from the request.
    diesel::sql_query(format!(
        "SELECT ({}) AS label FROM {} WHERE id = $1 AND {owned} AND deleted_at IS NULL",
        kind.label_sql(),
        kind.table()
    ))
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<diesel::sql_types::Uuid, _>(tenant.organization())
    .get_result::<Label>(tenant.conn())
    .optional()
    .map(|row| row.map(|r| r.label))
}

/// Whether the acting user holds `role`: its guide is theirs to read.
pub fn holds_role(tenant: &mut Tenant<'_>, role: Uuid) -> QueryResult<bool> {
    Ok(acting_role(tenant)? == Some(role))
}

fn acting_role(tenant: &mut Tenant<'_>) -> QueryResult<Option<Uuid>> {
    let Some(user) = tenant.user() else {
        return Ok(None);
    };
    Ok(schema::users::table
        .find(user.uuid())
        .select(schema::users::app_role_id)
        .first::<Option<Uuid>>(tenant.conn())
        .optional()?
        .flatten())
}

/// The guide files of the acting user's role in their school.
pub fn role_guides(tenant: &mut Tenant<'_>) -> QueryResult<Vec<StoredFile>> {
    match acting_role(tenant)? {
        Some(role) => files_of(tenant, EntityKind::Role, role),
        None => Ok(Vec::new()),
    }
}

/// A file written to storage, to record.
pub(super) struct Stored<'a> {
    pub upload: &'a Upload,
    pub uploaded_by: Uuid,
    pub key: &'a str,
    pub thumbnail_key: Option<&'a str>,
    pub mime: &'a str,
}

pub(super) fn record(
    tenant: &mut Tenant<'_>,
    owner: &Owner,
    stored: &Stored,
) -> QueryResult<StoredFile> {
    let by = stored.uploaded_by;
    if owner.replaces_previous {
        diesel::update(
            file::live(tenant)
                .filter(f::belongs_to.eq(owner.table))
                .filter(f::belongs_to_id.eq(owner.id))
                .filter(f::belongs_to_column.eq(owner.column)),
        )
        .set((f::deleted_at.eq(Utc::now()), f::updated_by_id.eq(by)))
        .execute(tenant.conn())?;
    }
    let id = Uuid::new_v4();
    diesel::insert_into(f::table)
        .values((
            f::id.eq(id),
            f::organization_id.eq(tenant.organization()),
            f::belongs_to.eq(owner.table),
            f::belongs_to_id.eq(owner.id),
            f::belongs_to_column.eq(owner.column),
            f::name.eq(display_name(&stored.upload.name)),
            f::content_type.eq(stored.mime),
            f::size_in_bytes.eq(i32::try_from(stored.upload.bytes.len()).unwrap_or(i32::MAX)),
            f::storage_key.eq(stored.key),
            f::thumbnail_key.eq(stored.thumbnail_key),
            f::public_url.eq(format!("/files/{id}")),
            f::created_by_id.eq(by),
            f::updated_by_id.eq(by),
        ))
        .returning(StoredFile::as_returning())
        .get_result(tenant.conn())
}

/// Soft-deletes one live file of the organization; returns it, or `None`.
pub fn remove(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    removed_by: Uuid,
) -> QueryResult<Option<StoredFile>> {
    diesel::update(file::live(tenant).filter(f::id.eq(id)))
        .set((
            f::deleted_at.eq(Utc::now()),
            f::updated_by_id.eq(removed_by),
        ))
        .returning(StoredFile::as_returning())
        .get_result(tenant.conn())
        .optional()
}

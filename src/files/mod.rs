//! Files attached to records: student and staff photos, invoice and assessment
//! attachments, proof of payment, and the file of a document. Stored under the data
//! directory with random names; read back only through `/files/{id}`, which checks
//! that the reader may see the record the file belongs to.
//!
//! Other modules attach uploads with [`read_form`] (a multipart form) and [`store`],
//! list them with [`files_of`] and show photos with [`photo_thumbnails`].

pub mod content;
mod queries;
pub mod routes;
mod storage;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use futures_util::StreamExt;
use uuid::Uuid;

use crate::access::Entity;
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::web::error::AppError;
use crate::web::input;

pub use queries::{
    files_of, find, holds_role, photo_thumbnails, photo_url, record_label, remove, role_guides,
};
pub use routes::routes;
pub use storage::FileStore;

/// The records a file can belong to (`file.belongs_to` holds the table name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Student,
    Staff,
    Invoice,
    Payment,
    Assessment,
    Document,
    /// A role's guide: what someone with the role does (one per school and role).
    Role,
    /// A file sent with a message staff wrote; its recipients read it too.
    Message,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Student,
        EntityKind::Staff,
        EntityKind::Invoice,
        EntityKind::Payment,
        EntityKind::Assessment,
        EntityKind::Document,
        EntityKind::Role,
        EntityKind::Message,
    ];

    pub fn table(self) -> &'static str {
        self.entity().table()
    }

    pub fn from_table(table: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.table() == table)
    }

    /// Whose permissions guard the file: reading it needs READ, attaching UPDATE.
    pub fn entity(self) -> Entity {
        match self {
            EntityKind::Student => Entity::Students,
            EntityKind::Staff => Entity::Staff,
            EntityKind::Invoice => Entity::Invoices,
            EntityKind::Payment => Entity::Payments,
            EntityKind::Assessment => Entity::Assessments,
            EntityKind::Document => Entity::Documents,
            EntityKind::Role => Entity::Roles,
            EntityKind::Message => Entity::Messages,
        }
    }

    /// The one kind of file each record holds.
    pub fn purpose(self) -> Purpose {
        match self {
            EntityKind::Student | EntityKind::Staff => Purpose::Photo,
            EntityKind::Invoice | EntityKind::Assessment | EntityKind::Message => {
                Purpose::Attachment
            }
            EntityKind::Payment => Purpose::Proof,
            EntityKind::Document | EntityKind::Role => Purpose::File,
        }
    }

    /// The record's own page (architecture.md's URL scheme).
    pub fn record_path(self, id: Uuid) -> String {
        if self == EntityKind::Role {
            return format!("/admin/roles/{id}");
        }
        if self == EntityKind::Message {
            return format!("/messages/{id}/delivery");
        }
        format!("/{}/{id}", self.table().replace('_', "-"))
    }

    /// How the record is named on screen, as SQL over its own columns.
    fn label_sql(self) -> &'static str {
        match self {
            EntityKind::Student => "first_name || ' ' || last_name",
            EntityKind::Staff => {
                "coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email, 'Staff member')"
            }
            EntityKind::Invoice => "'Invoice ' || invoice_number",
            EntityKind::Payment => "'Payment ' || receipt_number",
            EntityKind::Assessment | EntityKind::Document | EntityKind::Role => "name",
            EntityKind::Message => "subject",
        }
    }
}

/// What a file is for on its record (`file.belongs_to_column`, as in the seed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Photo,
    Attachment,
    Proof,
    File,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Photo,
        Purpose::Attachment,
        Purpose::Proof,
        Purpose::File,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Photo => "photo",
            Purpose::Attachment => "attachments",
            Purpose::Proof => "proof",
            Purpose::File => "file",
        }
    }

    pub fn parse(value: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == value)
    }

    /// "Photo", "Proof of payment", … in the reader's language.
    pub fn label(self, t: &Lang) -> String {
        t.text(match self {
            Purpose::Photo => msg("files-purpose-photo"),
            Purpose::Attachment => msg("files-purpose-attachment"),
            Purpose::Proof => msg("files-purpose-proof"),
            Purpose::File => msg("files-purpose-file"),
        })
    }

    pub fn images_only(self) -> bool {
        self == Purpose::Photo
    }

    /// A record has one photo and one document file; a new upload replaces the old.
    pub fn replaces_previous(self) -> bool {
        matches!(self, Purpose::Photo | Purpose::File)
    }

    pub fn accept(self) -> &'static str {
        if self.images_only() {
            content::ACCEPT_IMAGES
        } else {
            content::ACCEPT_ANY
        }
    }
}

/// A file someone sent: the name their computer gave it and its bytes.
#[derive(Clone, Debug)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why an upload was not kept; every message but the last two is for the user.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("Choose a file to upload.")]
    Empty,
    #[error(
        "The file is larger than {}, the most one upload may hold.",
        size_label(*.max_bytes, Lang::default())
    )]
    TooLarge { max_bytes: usize },
    /// Holds the message id saying what the file is ("a web page").
    #[error(
        "This file is {}. Homeroom accepts {summary}.",
        Lang::default().text(.0),
        summary = content::ACCEPTED_SUMMARY
    )]
    Refused(String),
    #[error("A photo must be {summary}.", summary = content::IMAGE_SUMMARY)]
    NotAnImage,
    #[error("A sign is shown with {summary}.", summary = content::SIGN_MEDIA_SUMMARY)]
    NotSignMedia,
    #[error("The upload could not be read: {0}")]
    Unreadable(String),
    #[error(
        "The file name has characters that change the direction of text, so it may not read as what it is. Rename the file and upload it again."
    )]
    MisleadingName,
    #[error("record not found")]
    RecordNotFound,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The disk holding files is full (or a quota is reached).
    #[error(
        "The file was not saved: there is not enough storage space on the server for it. Nothing else was lost; ask an administrator to free some space, then try again."
    )]
    StorageFull(#[source] std::io::Error),
    /// The files folder cannot be written: read-only, not allowed, or not a folder.
    #[error(
        "The file was not saved: the server cannot store files right now. Nothing else was lost; please try again later, and tell an administrator if it goes on."
    )]
    StorageUnwritable(#[source] std::io::Error),
    #[error("storing the file: {0}")]
    Storage(#[source] std::io::Error),
}

impl From<std::io::Error> for FileError {
    /// What the disk said, sorted into what the user is told.
    fn from(e: std::io::Error) -> FileError {
        match e.raw_os_error() {
            Some(libc::ENOSPC | libc::EDQUOT | libc::EFBIG) => FileError::StorageFull(e),
            Some(libc::EROFS | libc::EACCES | libc::EPERM | libc::ENOTDIR) => {
                FileError::StorageUnwritable(e)
            }
            _ => FileError::Storage(e),
        }
    }
}

impl FileError {
    /// The user sent something to correct (as opposed to a missing record or a fault).
    /// The status of a storage fault the user is told about (the file was not kept):
    /// 507 for a full disk, 503 for one that cannot be written.
    pub fn storage_status(&self) -> Option<actix_web::http::StatusCode> {
        use actix_web::http::StatusCode;
        match self {
            FileError::StorageFull(_) => Some(StatusCode::INSUFFICIENT_STORAGE),
            FileError::StorageUnwritable(_) => Some(StatusCode::SERVICE_UNAVAILABLE),
            _ => None,
        }
    }

    /// Tells the administrator, in the log, what the disk said.
    pub fn log_storage_fault(&self) {
        if let FileError::StorageFull(cause) | FileError::StorageUnwritable(cause) = self {
            tracing::warn!(error = %cause, "an upload could not be stored");
        }
    }

    /// What the user is told, in their language; a fault's message stays as
    /// [`Display`](std::fmt::Display) gives it.
    pub fn message(&self, t: Lang) -> String {
        match self {
            FileError::Empty => t.text("files-error-empty"),
            FileError::TooLarge { max_bytes } => t
                .message("files-error-too-large")
                .arg("limit", size_label(*max_bytes, t))
                .to_string(),
            FileError::Refused(what) => t
                .message("files-error-refused")
                .arg("what", t.text(what))
                .to_string(),
            FileError::NotAnImage => t.text("files-error-not-an-image"),
            FileError::NotSignMedia => t.text("sd-sign-error-media"),
            FileError::Unreadable(why) => t
                .message("files-error-unreadable")
                .arg("why", why.as_str())
                .to_string(),
            FileError::MisleadingName => t.text("files-error-misleading-name"),
            FileError::StorageFull(_) => t.text("files-error-storage-full"),
            FileError::StorageUnwritable(_) => t.text("files-error-storage-unwritable"),
            other => other.to_string(),
        }
    }

    /// The error as a handler's answer, its message in the reader's language.
    pub fn into_app_error(self, t: Lang) -> AppError {
        match self {
            FileError::StorageFull(_) | FileError::StorageUnwritable(_) => {
                let message = self.message(t);
                match AppError::from(self) {
                    AppError::InsufficientStorage(_) => AppError::InsufficientStorage(message),
                    AppError::StorageUnavailable(_) => AppError::StorageUnavailable(message),
                    other => other,
                }
            }
            e if e.is_for_user() => AppError::BadRequest(e.message(t)),
            e => e.into(),
        }
    }

    pub fn is_for_user(&self) -> bool {
        matches!(
            self,
            FileError::Empty
                | FileError::TooLarge { .. }
                | FileError::Refused(_)
                | FileError::NotAnImage
                | FileError::NotSignMedia
                | FileError::Unreadable(_)
                | FileError::MisleadingName
        )
    }
}

impl From<FileError> for AppError {
    fn from(e: FileError) -> AppError {
        match e {
            FileError::RecordNotFound => AppError::NotFound,
            FileError::Database(e) => e.into(),
            full @ FileError::StorageFull(_) => {
                full.log_storage_fault();
                AppError::InsufficientStorage(full.to_string())
            }
            unwritable @ FileError::StorageUnwritable(_) => {
                unwritable.log_storage_fault();
                AppError::StorageUnavailable(unwritable.to_string())
            }
            FileError::Storage(e) => AppError::Internal(e.into()),
            user => AppError::BadRequest(user.to_string()),
        }
    }
}

/// A stored file, as listed on its record.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = crate::db::schema::file)]
pub struct StoredFile {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub belongs_to: Option<String>,
    pub belongs_to_id: Option<Uuid>,
    pub belongs_to_column: Option<String>,
    pub name: String,
    pub content_type: Option<String>,
    pub size_in_bytes: Option<i32>,
    pub storage_key: Option<String>,
    pub thumbnail_key: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl StoredFile {
    pub fn url(&self) -> String {
        format!("/files/{}", self.id)
    }

    pub fn thumbnail_url(&self) -> String {
        format!("/files/{}/thumbnail", self.id)
    }

    pub fn is_image(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("image/"))
    }

    /// A short word for the kind of file, shown where there is no thumbnail.
    pub fn type_label(&self, lang: &Lang) -> String {
        lang.text(match self.content_type.as_deref().unwrap_or_default() {
            "application/pdf" => msg("files-type-pdf"),
            "text/csv" => msg("files-type-csv"),
            "text/plain" => msg("files-type-text"),
            t if t.starts_with("image/") => msg("files-type-image"),
            t if t.contains("word") || t.contains("opendocument.text") || t.contains("rtf") => {
                msg("files-type-document")
            }
            t if t.contains("excel") || t.contains("sheet") => msg("files-type-spreadsheet"),
            t if t.contains("powerpoint") || t.contains("presentation") => msg("files-type-slides"),
            _ => msg("files-type-file"),
        })
    }

    pub fn owner(&self) -> Option<(EntityKind, Uuid)> {
        Some((
            EntityKind::from_table(self.belongs_to.as_deref()?)?,
            self.belongs_to_id?,
        ))
    }

    /// "240 KB", "3.1 MB".
    pub fn size_label(&self, t: &Lang) -> String {
        size_label(
            usize::try_from(self.size_in_bytes.unwrap_or(0)).unwrap_or(0),
            *t,
        )
    }
}

/// A size as people read it, in their language: "10 MB", "3.1 MB", or "240 KB"
/// below a megabyte.
pub fn size_label(bytes: usize, t: Lang) -> String {
    const MB: usize = 1024 * 1024;
    if bytes < MB {
        let kb = i64::try_from(bytes.div_ceil(1024)).unwrap_or(i64::MAX);
        return t
            .message("files-size-kb")
            .arg("size", t.number(kb))
            .to_string();
    }
    let size = if bytes.is_multiple_of(MB) {
        t.number(i64::try_from(bytes / MB).unwrap_or(i64::MAX))
    } else {
        let tenths = i64::try_from((bytes * 10).div_ceil(MB)).unwrap_or(i64::MAX);
        t.decimal(&bigdecimal::BigDecimal::new(tenths.into(), 1), 1)
    };
    t.message("files-size-mb").arg("size", size).to_string()
}

/// An upload to keep for one record.
pub struct NewFile<'a> {
    pub kind: EntityKind,
    pub record_id: Uuid,
    pub purpose: Purpose,
    pub uploaded_by: Uuid,
    pub upload: &'a Upload,
}

/// Checks the upload's content, writes it (and an image's thumbnail) under a random
/// name, and records the file row; a photo or document file replaces the previous one.
/// Call inside the request's transaction; the record must be a live one of the organization.
pub fn store(
    tenant: &mut Tenant<'_>,
    files: &FileStore,
    new: &NewFile,
) -> Result<StoredFile, FileError> {
    let upload = new.upload;
    let accepted = check(files, upload, new.purpose)?;
    if record_label(tenant, new.kind, new.record_id)?.is_none() {
        return Err(FileError::RecordNotFound);
    }
    let owner = Owner {
        table: new.kind.table(),
        id: new.record_id,
        column: new.purpose.as_str(),
        replaces_previous: new.purpose.replaces_previous(),
    };
    keep(tenant, files, &owner, upload, new.uploaded_by, accepted)
}

/// Whether the store takes the upload for `purpose`: its size and its content,
/// as [`store`] checks them (for forms that check files before their record exists).
pub fn check(
    files: &FileStore,
    upload: &Upload,
    purpose: Purpose,
) -> Result<content::Accepted, FileError> {
    if upload.bytes.len() > files.max_bytes {
        return Err(FileError::TooLarge {
            max_bytes: files.max_bytes,
        });
    }
    content::recognise(&upload.name, &upload.bytes, purpose.images_only())
}

/// What a stored file belongs to: a row of `table` and the file's purpose on it.
struct Owner<'a> {
    table: &'a str,
    id: Uuid,
    column: &'a str,
    replaces_previous: bool,
}

/// The most a school's logo may weigh: it is shown on every page.
pub const LOGO_MAX_BYTES: usize = 1024 * 1024;

/// Keeps an image as the school's logo (JPEG, PNG, WebP or GIF; never SVG, which
/// can carry script), replacing the previous one. The organization's row names
/// the new file; reading it back is the settings module's.
pub fn store_logo(
    tenant: &mut Tenant<'_>,
    files: &FileStore,
    upload: &Upload,
    uploaded_by: Uuid,
) -> Result<StoredFile, FileError> {
    let max_bytes = files.max_bytes.min(LOGO_MAX_BYTES);
    if upload.bytes.len() > max_bytes {
        return Err(FileError::TooLarge { max_bytes });
    }
    let accepted = content::recognise(&upload.name, &upload.bytes, true)?;
    let owner = Owner {
        table: "organizations",
        id: tenant.organization().uuid(),
        column: "logo",
        replaces_previous: true,
    };
    keep(tenant, files, &owner, upload, uploaded_by, accepted)
}

/// Keeps a picture or video showing a sign of the install's vocabulary, replacing
/// the sign's previous one. The file is kept by the school of the super
/// administrator who uploaded it and served to every school by [`sign_media`].
pub fn store_sign_media(
    tenant: &mut Tenant<'_>,
    files: &FileStore,
    upload: &Upload,
    sign: Uuid,
    uploaded_by: Uuid,
) -> Result<StoredFile, FileError> {
    if upload.bytes.len() > files.max_bytes {
        return Err(FileError::TooLarge {
            max_bytes: files.max_bytes,
        });
    }
    let accepted = content::recognise_sign_media(&upload.name, &upload.bytes)?;
    let owner = Owner {
        table: SIGN_MEDIA_OWNER,
        id: sign,
        column: "media",
        replaces_previous: true,
    };
    keep(tenant, files, &owner, upload, uploaded_by, accepted)
}

/// What a sign's media file belongs to.
const SIGN_MEDIA_OWNER: &str = "sign_vocabulary";

/// The live file `id` kept for `sign` of the install's vocabulary, whichever school
/// keeps it when the connection reads without a tenant (the vocabulary is the
/// install's, so every school shows it); the caller checks that the sign is in the
/// vocabulary and the reader may read it.
pub fn sign_media(
    conn: &mut diesel::PgConnection,
    sign: Uuid,
    id: Uuid,
) -> diesel::QueryResult<Option<StoredFile>> {
    queries::find_owned_by(conn, id, SIGN_MEDIA_OWNER, sign)
}

/// Writes checked content (and an image's thumbnail) under a random name and
/// records the file row; nothing stays on disk when the row is not written.
fn keep(
    tenant: &mut Tenant<'_>,
    files: &FileStore,
    owner: &Owner,
    upload: &Upload,
    uploaded_by: Uuid,
    accepted: content::Accepted,
) -> Result<StoredFile, FileError> {
    let key = files.new_key(tenant.organization().uuid());
    files.write(&key, &upload.bytes)?;
    let thumbnail_key = if accepted.image {
        content::thumbnail(&upload.bytes).and_then(|small| {
            let thumb_key = format!("{key}.thumb");
            files.write(&thumb_key, &small).ok().map(|()| thumb_key)
        })
    } else {
        None
    };
    let written = [Some(key.clone()), thumbnail_key.clone()];
    let stored = queries::Stored {
        upload,
        uploaded_by,
        key: &key,
        thumbnail_key: thumbnail_key.as_deref(),
        mime: accepted.mime,
    };
    let saved = queries::record(tenant, owner, &stored);
    if saved.is_err() {
        written.iter().flatten().for_each(|k| files.remove(k));
    }
    Ok(saved?)
}

/// The name shown and offered on download: the last path part, without control
/// characters, at most 200 characters.
pub fn display_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() || clean == "." || clean == ".." {
        "file".to_owned()
    } else {
        clean.to_owned()
    }
}

/// A multipart form: its text fields and its files.
#[derive(Debug, Default)]
pub struct UploadForm {
    pub fields: Vec<(String, String)>,
    files: Vec<(String, Upload)>,
    /// File fields whose file was over the limit (read and dropped).
    oversized: Vec<String>,
    max_bytes: usize,
}

impl UploadForm {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find_map(|(k, v)| (k == name).then_some(v.as_str()))
    }

    /// The file sent in `name`; an empty file input or one over the limit is an error
    /// to show beside that input.
    pub fn file(&self, name: &str) -> Result<&Upload, FileError> {
        if self.oversized.iter().any(|n| n == name) {
            return Err(FileError::TooLarge {
                max_bytes: self.max_bytes,
            });
        }
        let upload = self
            .files
            .iter()
            .find_map(|(k, f)| (k == name).then_some(f))
            .ok_or(FileError::Empty)?;
        if input::changes_direction(&upload.name) {
            return Err(FileError::MisleadingName);
        }
        Ok(upload)
    }

    /// Every file sent in `name` (an input with `multiple`); none is no error.
    pub fn files(&self, name: &str) -> Result<Vec<&Upload>, FileError> {
        if self.oversized.iter().any(|n| n == name) {
            return Err(FileError::TooLarge {
                max_bytes: self.max_bytes,
            });
        }
        let sent: Vec<&Upload> = self
            .files
            .iter()
            .filter_map(|(k, f)| (k == name).then_some(f))
            .collect();
        if sent.iter().any(|f| input::changes_direction(&f.name)) {
            return Err(FileError::MisleadingName);
        }
        Ok(sent)
    }
}

/// A record's files as e-mail attachments, read from the store. Runs on any
/// connection that reads the file table (the delivery task's own); a file missing
/// from the store is an error to record against the e-mail, not to send without.
pub fn mail_attachments(
    conn: &mut PgConnection,
    files: &FileStore,
    kind: EntityKind,
    id: Uuid,
) -> QueryResult<Result<Vec<crate::mail::Attachment>, String>> {
    let stored = queries::attached(conn, kind, id)?;
    Ok(stored
        .into_iter()
        .map(|file| {
            let key = file.storage_key.unwrap_or_default();
            let bytes = files
                .read(&key)
                .map_err(|e| format!("attachment {:?}: {e}", file.name))?;
            Ok(crate::mail::Attachment {
                content_type: file
                    .content_type
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
                name: file.name,
                bytes,
            })
        })
        .collect())
}

/// Text fields beyond this are not a form Homeroom sent.
const MAX_FIELD_BYTES: usize = 64 * 1024;
const MAX_PARTS: usize = 50;

/// Reads a multipart form (`enctype="multipart/form-data"`), holding each file in
/// memory up to `files.max_bytes`. A file over the limit is read to the end and
/// dropped, so the browser gets the answer instead of a broken connection.
pub async fn read_form(
    mut form: actix_multipart::Multipart,
    files: &FileStore,
) -> Result<UploadForm, FileError> {
    let mut out = UploadForm {
        max_bytes: files.max_bytes,
        ..UploadForm::default()
    };
    let mut parts = 0;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(unreadable)?;
        parts += 1;
        if parts > MAX_PARTS {
            return Err(FileError::Unreadable("too many fields".to_owned()));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        let limit = if file_name.is_some() {
            files.max_bytes
        } else {
            MAX_FIELD_BYTES
        };
        let bytes = read_part(&mut field, limit).await?;
        out.add(name, file_name, bytes)?;
    }
    Ok(out)
}

fn unreadable(e: actix_multipart::MultipartError) -> FileError {
    FileError::Unreadable(e.to_string())
}

/// The bytes of one part, read to its end; `None` when they pass `limit`.
async fn read_part(
    field: &mut actix_multipart::Field,
    limit: usize,
) -> Result<Option<Vec<u8>>, FileError> {
    let mut bytes = Some(Vec::new());
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(unreadable)?;
        if let Some(kept) = bytes.as_mut() {
            if kept.len() + chunk.len() > limit {
                bytes = None;
            } else {
                kept.extend_from_slice(&chunk);
            }
        }
    }
    Ok(bytes)
}

impl UploadForm {
    /// Adds one part of the form: a file (`file_name` given) or a text field; `bytes`
    /// is `None` when the part was over its limit. A file over the limit is noted for
    /// the message beside its input; a text field over it, or not text, spoils the form.
    fn add(
        &mut self,
        name: String,
        file_name: Option<String>,
        bytes: Option<Vec<u8>>,
    ) -> Result<(), FileError> {
        match (file_name, bytes) {
            (Some(_), None) => self.oversized.push(name),
            // A file input left empty sends an unnamed, empty part.
            (Some(file_name), Some(bytes)) if file_name.is_empty() && bytes.is_empty() => {}
            (Some(file_name), Some(bytes)) => self.files.push((
                name,
                Upload {
                    name: input::normalize(&file_name).into_owned(),
                    bytes,
                },
            )),
            (None, None) => return Err(FileError::Unreadable(format!("{name} is too long"))),
            (None, Some(bytes)) => {
                let value = String::from_utf8(bytes)
                    .map_err(|_| FileError::Unreadable(format!("{name} is not text")))?;
                let value = input::normalize(&value).into_owned();
                if input::unstorable(&value, true).is_some() {
                    return Err(FileError::Unreadable(format!(
                        "{name} contains characters that cannot be stored"
                    )));
                }
                self.fields.push((name, value));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_part_of_a_sent_name_is_kept() {
        assert_eq!(display_name("C:\\Users\\ada\\photo.png"), "photo.png");
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("re\"port\n.pdf"), "report.pdf");
        assert_eq!(display_name(".."), "file");
        assert_eq!(display_name(""), "file");
    }

    #[test]
    fn a_form_keeps_its_fields_and_files_and_notes_files_over_the_limit() {
        let mut form = UploadForm::default();
        let part = |text: &str| Some(text.as_bytes().to_vec());
        form.add("entity_type".into(), None, part("students"))
            .expect("a text field");
        form.add("file".into(), Some("photo.png".into()), part("png bytes"))
            .expect("a file");
        form.add("other".into(), Some(String::new()), part(""))
            .expect("an empty file input");
        form.add("big".into(), Some("scan.pdf".into()), None)
            .expect("a file over the limit waits for its message");

        assert_eq!(form.field("entity_type"), Some("students"));
        let upload = form.file("file").expect("the file");
        assert_eq!(
            (upload.name.as_str(), upload.bytes.as_slice()),
            ("photo.png", &b"png bytes"[..])
        );
        assert!(matches!(form.file("other"), Err(FileError::Empty)));
        assert!(matches!(form.file("big"), Err(FileError::TooLarge { .. })));
    }

    #[test]
    fn a_text_field_too_long_or_not_text_spoils_the_form() {
        let mut form = UploadForm::default();
        let long = form.add("return_to".into(), None, None);
        assert!(matches!(long, Err(FileError::Unreadable(m)) if m == "return_to is too long"));
        let binary = form.add("purpose".into(), None, Some(vec![0xff, 0xfe]));
        assert!(matches!(binary, Err(FileError::Unreadable(m)) if m == "purpose is not text"));
        let hidden = form.add("purpose".into(), None, Some(b"photo\0".to_vec()));
        assert!(matches!(hidden, Err(FileError::Unreadable(m)) if m.contains("cannot be stored")));
        assert!(form.fields.is_empty());
    }

    #[test]
    fn each_record_kind_names_its_table_and_page() {
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::from_table(kind.table()), Some(kind));
        }
        let id = Uuid::nil();
        assert_eq!(
            EntityKind::Student.record_path(id),
            format!("/students/{id}")
        );
        assert_eq!(Purpose::parse("photo"), Some(Purpose::Photo));
        assert_eq!(Purpose::parse("avatar"), None);
    }
}

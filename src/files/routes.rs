//! `/files`: a record's files with the upload form, uploading, downloading (the file
//! or its thumbnail) and removing. Every file answers only to users who may read the
//! record it belongs to, in the organization that owns it. A file is sent through
//! actix-files' `NamedFile`, so a video seeks (range requests answer 206) and a
//! second view costs nothing (ETag and Last-Modified answer 304).

use std::path::PathBuf;

use actix_files::NamedFile;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
    HeaderValue,
};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{EntityKind, FileStore, NewFile, Purpose, StoredFile};
use crate::access::{Access, Action, Entity, Gate, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::redirect::local_target;
use crate::web::{render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    // Each file is guarded by the permission of the record it belongs to, checked inside.
    r.get("/files", Gate::SignedIn, record_files);
    r.post("/files", Gate::SignedIn, upload);
    r.get("/files/{id}", Gate::SignedIn, download);
    r.get("/files/{id}/thumbnail", Gate::SignedIn, thumbnail);
    r.post("/files/{id}/delete", Gate::SignedIn, delete);
}

/// The upload form for one record, to include in any page as
/// `{% include "files/upload_form.html" %}` with this value named `upload`.
pub struct UploadField {
    pub kind: EntityKind,
    pub record_id: Uuid,
    pub purpose: Purpose,
    /// Where to go after a successful upload (a local path).
    pub return_to: String,
    pub csrf_token: String,
    /// "10 MB": the most one upload may hold, in the reader's language.
    pub limit: String,
    pub error: Option<String>,
}

impl UploadField {
    pub fn new(
        access: &Access,
        settings: &crate::config::Settings,
        kind: EntityKind,
        record_id: Uuid,
        return_to: String,
        t: Lang,
    ) -> UploadField {
        UploadField {
            kind,
            record_id,
            purpose: kind.purpose(),
            return_to,
            csrf_token: access.csrf_token.clone(),
            limit: super::size_label(FileStore::new(settings).max_bytes, t),
            error: None,
        }
    }

    pub fn entity_type(&self) -> &'static str {
        self.kind.table()
    }
}

#[derive(Template)]
#[template(path = "files/record_files.html")]
struct RecordFilesPage {
    layout: Layout,
    kind: EntityKind,
    record_id: Uuid,
    label: String,
    files: Vec<StoredFile>,
    upload: Option<UploadField>,
    can_remove: bool,
    return_to: String,
}

impl RecordFilesPage {
    fn record_path(&self) -> String {
        self.kind.record_path(self.record_id)
    }
}

fn files_path(kind: EntityKind, id: Uuid) -> String {
    format!("/files?entity_type={}&entity_id={id}", kind.table())
}

fn parse_kind(value: Option<&str>, t: Lang) -> Result<EntityKind, AppError> {
    value
        .and_then(EntityKind::from_table)
        .ok_or_else(|| AppError::BadRequest(t.text("files-error-no-kind")))
}

fn parse_record_id(value: Option<&str>, t: Lang) -> Result<Uuid, AppError> {
    value
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
        .ok_or_else(|| AppError::BadRequest(t.text("files-error-no-record")))
}

#[derive(Deserialize)]
struct RecordQuery {
    entity_type: Option<String>,
    entity_id: Option<String>,
}

/// What the files page shows of a record, or `None` when the record is not the organization's.
fn load_page(
    tenant: &mut Tenant<'_>,
    page: &Page,
    settings: &crate::config::Settings,
    kind: EntityKind,
    record_id: Uuid,
) -> Result<RecordFilesPage, AppError> {
    let label = super::record_label(tenant, kind, record_id)?.ok_or(AppError::NotFound)?;
    let files = super::files_of(tenant, kind, record_id)?;
    let can_update = page.can(Action::Update, kind.entity());
    let here = files_path(kind, record_id);
    let title = page.t.message("files-title").arg("record", &label);
    Ok(RecordFilesPage {
        layout: page.layout(title.to_string()),
        kind,
        record_id,
        label,
        files,
        upload: can_update.then(|| {
            UploadField::new(
                &page.access,
                settings,
                kind,
                record_id,
                here.clone(),
                page.t,
            )
        }),
        can_remove: can_update,
        return_to: here,
    })
}

async fn record_files(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<RecordQuery>,
) -> Result<HttpResponse, AppError> {
    let kind = parse_kind(query.entity_type.as_deref(), page.t)?;
    let record_id = parse_record_id(query.entity_id.as_deref(), page.t)?;
    page.access
        .require(Permission::new(Action::Read, kind.entity()))?;
    let state2 = state.clone();
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        load_page(tenant, &page, &state2.settings, kind, record_id)
    })
    .await?;
    render(&view)
}

/// The purpose an upload names: the one its kind of record takes, or a bad request.
fn chosen_purpose(kind: EntityKind, value: Option<&str>, t: Lang) -> Result<Purpose, AppError> {
    match value.filter(|p| !p.is_empty()) {
        None => Ok(kind.purpose()),
        Some(p) if Purpose::parse(p) == Some(kind.purpose()) => Ok(kind.purpose()),
        Some(_) => {
            let records = kind.entity().label_in(t);
            let message = t
                .message("files-error-wrong-purpose")
                .arg(
                    "record",
                    records.to_lowercase().trim_end_matches('s').to_owned(),
                )
                .arg("records", records)
                .arg("purpose", kind.purpose().label(&t).to_lowercase());
            Err(AppError::BadRequest(message.to_string()))
        }
    }
}

/// Where an upload goes: which record, as what, and the page to show after it.
struct Target {
    kind: EntityKind,
    record_id: Uuid,
    purpose: Purpose,
    return_to: String,
}

/// Keeps the uploaded file for a live record of the organization; or the files page
/// again with what went wrong (something to correct, or a disk that would not keep
/// the file), nothing written.
fn keep(
    tenant: &mut Tenant<'_>,
    page: &Page,
    state: &AppState,
    (files, form): (&FileStore, &super::UploadForm),
    target: Target,
) -> Result<Result<StoredFile, (StatusCode, RecordFilesPage)>, AppError> {
    let (kind, record_id) = (target.kind, target.record_id);
    if super::record_label(tenant, kind, record_id)?.is_none() {
        return Err(AppError::NotFound);
    }
    let stored = form.file("file").and_then(|upload| {
        let new = NewFile {
            kind,
            record_id,
            purpose: target.purpose,
            uploaded_by: page.access.user_id,
            upload,
        };
        super::store(tenant, files, &new)
    });
    match stored {
        Ok(stored) => Ok(Ok(stored)),
        Err(e) if e.is_for_user() || e.storage_status().is_some() => {
            e.log_storage_fault();
            let status = e
                .storage_status()
                .unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let mut view = load_page(tenant, page, &state.settings, kind, record_id)?;
            if let Some(upload) = view.upload.as_mut() {
                upload.error = Some(e.message(page.t));
                upload.return_to = target.return_to;
            }
            Ok(Err((status, view)))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /files` (multipart): `entity_type`, `entity_id`, `purpose`, `return_to` and `file`.
async fn upload(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let files = FileStore::new(&state.settings);
    let multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let t = page.t;
    let form = super::read_form(multipart, &files)
        .await
        .map_err(|e| e.into_app_error(t))?;
    let kind = parse_kind(form.field("entity_type"), t)?;
    let record_id = parse_record_id(form.field("entity_id"), t)?;
    let purpose = chosen_purpose(kind, form.field("purpose"), t)?;
    page.access
        .require(Permission::new(Action::Update, kind.entity()))?;
    let return_to = form
        .field("return_to")
        .and_then(local_target)
        .unwrap_or_else(|| files_path(kind, record_id));
    let target = Target {
        kind,
        record_id,
        purpose,
        return_to: return_to.clone(),
    };
    let app = state.clone();
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        keep(tenant, &page, &app, (&files, &form), target)
    })
    .await?;
    match outcome {
        Ok(stored) => {
            let message = t
                .message("files-saved")
                .arg("purpose", purpose.label(&t))
                .arg("name", stored.name)
                .to_string();
            flash::push(&session, Level::Success, message);
            Ok(see_other(&return_to))
        }
        Err((status, view)) => render_as(&view, status),
    }
}

#[derive(Clone, Copy)]
enum Variant {
    Original,
    Thumbnail,
}

async fn download(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve(page, state, &req, &path, Variant::Original).await
}

async fn thumbnail(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve(page, state, &req, &path, Variant::Thumbnail).await
}

/// The permission a file needs: that of its record, or of the file table itself when
/// it belongs to no record Homeroom knows.
fn permission_for(stored: &StoredFile, action: Action) -> Permission {
    let entity = stored
        .owner()
        .map_or(Entity::File, |(kind, _)| kind.entity());
    Permission::new(action, entity)
}

/// A live file of the organization the user may act on; another organization's id is not found.
fn find_allowed(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: &str,
    action: Action,
) -> Result<StoredFile, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    let stored = super::find(tenant, id)?.ok_or(AppError::NotFound)?;
    // A role's guide is read by those who hold the role, as well as by role managers.
    let own_guide = match stored.owner() {
        Some((EntityKind::Role, role)) if action == Action::Read => {
            super::holds_role(tenant, role)?
        }
        // A message's attachment: its recipients read it, and whoever reads the
        // message itself (its reach decides which messages that is).
        Some((EntityKind::Message, message)) if action == Action::Read => {
            if crate::communication::queries::received(tenant, message)? {
                true
            } else if super::record_label(tenant, EntityKind::Message, message)?.is_none() {
                return Err(AppError::NotFound);
            } else {
                false
            }
        }
        _ => false,
    };
    if !own_guide {
        access.require(permission_for(&stored, action))?;
    }
    Ok(stored)
}

async fn serve(
    page: Page,
    state: web::Data<AppState>,
    req: &HttpRequest,
    id: &str,
    variant: Variant,
) -> Result<HttpResponse, AppError> {
    let files = FileStore::new(&state.settings);
    let id = id.to_owned();
    let (served, owner) = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let stored = find_allowed(tenant, &page.access, &id, Action::Read)?;
        let owner = stored.owner();
        Ok::<_, AppError>((Served::locate(&files, stored, variant)?, owner))
    })
    .await?;
    let response = served.response(req)?;
    // A student's document is part of their record: the access log notes its download.
    Ok(match (variant, owner) {
        (Variant::Original, Some((EntityKind::Student, student))) => {
            crate::privacy::mark(response, crate::privacy::Subject::Student(student))
        }
        _ => response,
    })
}

/// A file found and allowed elsewhere (a sign's picture or video) sent as downloads
/// are: through `NamedFile`, with ranges and revalidation, inline when an image.
pub fn send(
    req: &HttpRequest,
    files: &FileStore,
    stored: StoredFile,
) -> Result<HttpResponse, AppError> {
    Served::locate(files, stored, Variant::Original)?.response(req)
}

/// A school's logo as its pages show it (the thumbnail, or the image when it has
/// none): its type and bytes; a file that is not a logo is not found.
pub fn logo_image(
    tenant: &mut Tenant<'_>,
    files: &FileStore,
    id: Uuid,
) -> Result<(String, Vec<u8>), AppError> {
    let stored = super::find(tenant, id)?
        .filter(|f| f.belongs_to.as_deref() == Some("organizations") && f.is_image())
        .ok_or(AppError::NotFound)?;
    let served = Served::locate(files, stored, Variant::Thumbnail)?;
    let bytes = std::fs::read(&served.path).map_err(|e| unreadable(served.id, &e))?;
    Ok((served.content_type, bytes))
}

/// A stored file that cannot be read is not found (and the log says why, naming
/// the file by its id: its name may be a student's).
fn unreadable(id: Uuid, e: &std::io::Error) -> AppError {
    tracing::warn!(file = %id, "stored file unreadable: {e}");
    AppError::NotFound
}

/// A file as one answer sends it: the original or its thumbnail, on disk.
struct Served {
    id: Uuid,
    name: String,
    content_type: String,
    path: PathBuf,
}

impl Served {
    /// Finds the variant asked for; without a thumbnail (not an image, or it would
    /// not decode) the original stands in. A file missing on disk is not found.
    fn locate(files: &FileStore, stored: StoredFile, variant: Variant) -> Result<Served, AppError> {
        let thumbnail_key = match variant {
            Variant::Thumbnail => stored.thumbnail_key.as_deref(),
            Variant::Original => None,
        };
        let key = thumbnail_key
            .or(stored.storage_key.as_deref())
            .ok_or(AppError::NotFound)?;
        let path = files
            .local_path(key)
            .map_err(|e| unreadable(stored.id, &e))?;
        let content_type = if thumbnail_key.is_some() {
            let mut head = [0u8; 8];
            let read = std::fs::File::open(&path)
                .and_then(|mut file| std::io::Read::read(&mut file, &mut head))
                .map_err(|e| unreadable(stored.id, &e))?;
            super::content::thumbnail_type(&head[..read]).to_owned()
        } else {
            safe_content_type(stored.content_type.as_deref())
        };
        Ok(Served {
            id: stored.id,
            name: stored.name,
            content_type,
            path,
        })
    }

    /// The file through `NamedFile`: a range asked for answers 206 with those bytes, a
    /// repeat with the ETag or date it was given answers 304. Images show in the
    /// page and videos play in it; anything else downloads, and nothing in it may run.
    fn response(self, req: &HttpRequest) -> Result<HttpResponse, AppError> {
        let file = NamedFile::open(&self.path).map_err(|e| unreadable(self.id, &e))?;
        let inline = ["image/", "video/"]
            .iter()
            .any(|kind| self.content_type.starts_with(kind));
        let mime = self
            .content_type
            .parse()
            .unwrap_or(actix_web::mime::APPLICATION_OCTET_STREAM);
        let mut response = file
            .set_content_type(mime)
            .set_content_disposition(disposition(inline, &self.name))
            .use_etag(true)
            .use_last_modified(true)
            .into_response(req);
        let headers = response.headers_mut();
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=3600"),
        );
        // A file is never a page: nothing in it may run, even if opened directly.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        );
        Ok(response)
    }
}

/// The stored type when it is one Homeroom accepts; anything else downloads as bytes.
fn safe_content_type(stored: Option<&str>) -> String {
    match stored {
        Some(t @ ("text/plain" | "text/csv")) => format!("{t}; charset=utf-8"),
        Some(t) if super::content::is_accepted(t) => t.to_owned(),
        _ => "application/octet-stream".to_owned(),
    }
}

fn disposition(inline: bool, name: &str) -> ContentDisposition {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: if inline {
            DispositionType::Inline
        } else {
            DispositionType::Attachment
        },
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

#[derive(Deserialize)]
struct DeleteForm {
    return_to: Option<String>,
}

async fn delete(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: input::Form<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let user = page.access.user_id;
    let t = page.t;
    let removed = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let stored = find_allowed(tenant, &page.access, &id, Action::Update)?;
        super::remove(tenant, stored.id, user)?.ok_or(AppError::NotFound)
    })
    .await?;
    let message = t.message("files-removed").arg("name", &removed.name);
    flash::push(&session, Level::Success, message.to_string());
    let back = form
        .into_inner()
        .return_to
        .as_deref()
        .and_then(local_target)
        .or_else(|| removed.owner().map(|(kind, id)| files_path(kind, id)))
        .unwrap_or_else(|| "/".to_owned());
    Ok(see_other(&back))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_carry_the_name_and_only_known_types() {
        let header = disposition(false, "Relevé de notes.pdf").to_string();
        assert!(header.starts_with("attachment"));
        assert!(header.contains("filename=\"Relev_ de notes.pdf\""));
        assert!(header.contains("filename*=UTF-8''Relev%C3%A9%20de%20notes.pdf"));
        assert!(disposition(true, "a.png").to_string().starts_with("inline"));
        assert_eq!(
            safe_content_type(Some("text/html")),
            "application/octet-stream"
        );
        assert_eq!(
            safe_content_type(Some("text/csv")),
            "text/csv; charset=utf-8"
        );
        assert_eq!(safe_content_type(Some("image/png")), "image/png");
        assert_eq!(safe_content_type(None), "application/octet-stream");
    }

    #[test]
    fn an_image_shows_in_the_page_and_anything_else_downloads_sandboxed() {
        let folder = std::env::temp_dir().join(format!("served-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&folder).expect("a scratch folder");
        let path = folder.join("scan");
        std::fs::write(&path, b"bytes").expect("a scratch file");
        let req = actix_web::test::TestRequest::default().to_http_request();
        let served = |content_type: &str| {
            Served {
                id: Uuid::nil(),
                name: "scan".to_owned(),
                content_type: content_type.to_owned(),
                path: path.clone(),
            }
            .response(&req)
            .expect("the file is there")
        };
        let header_of = |response: &HttpResponse, name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let image = served("image/png");
        assert!(header_of(&image, header::CONTENT_DISPOSITION).starts_with("inline"));
        assert_eq!(header_of(&image, header::CONTENT_TYPE), "image/png");
        let pdf = served("application/pdf");
        assert!(header_of(&pdf, header::CONTENT_DISPOSITION).starts_with("attachment"));
        assert_eq!(header_of(&pdf, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(
            header_of(&pdf, header::CONTENT_SECURITY_POLICY),
            "default-src 'none'; sandbox"
        );
        let _ = std::fs::remove_dir_all(&folder);
    }
}

//! CSV import: upload, preview (columns mapped to fields, every bad row's
//! messages), then commit as a background run recorded in sync_logs, whose
//! progress the page polls. A row is the same record again when its natural key
//! (or its import hash, computed from that key) matches, so importing a file twice
//! creates nothing new and changed rows update.
//!
//! A run holds a session lock on its connection while it writes, so a run whose
//! server died (the lock went with its connection) is told from one still going and
//! marked interrupted: by its page and by the scheduled `interrupted_imports` task.
//! Its upload stays, so "Run again" commits the same preview once more.

mod analysis;
mod csv;
mod run;
mod uploads;
mod view;

pub use csv::parse_csv;
pub use run::{RunName, mark_interrupted};
pub use uploads::remove_old_uploads;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use uuid::Uuid;

use super::Resource;
use crate::db::enums::SyncStatus;
use crate::db::{OrganizationId, UserId};
use crate::files::FileError;
use crate::i18n::Lang;
use crate::resources::queries::imports;
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::Page;
use crate::web::{htmx, render, render_as, see_other};
use analysis::{Analysis, analyze};
use run::{Batch, RunLock, Start};
use view::{Progress, Rerun, import_page};

/// The upload form, or the preview of the upload the address names (where an
/// upload redirects, so the address bar never holds the form's CSRF token).
pub async fn upload_form(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let get = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(upload) = get("upload").and_then(|v| Uuid::parse_str(v).ok()) else {
        return render(&import_page(res, &page, None, None));
    };
    let analysis = match stored(res, &page, &state, upload).await? {
        Ok((_, analysis)) => analysis,
        Err(message) => return refused(res, &page, message),
    };
    let name = get("file_name").unwrap_or("").to_owned();
    render(&import_page(
        res,
        &page,
        Some((upload, name, analysis)),
        None,
    ))
}

/// The upload form again with `message`, nothing imported.
fn refused(
    res: &'static Resource,
    page: &Page,
    message: impl Into<String>,
) -> Result<HttpResponse, AppError> {
    let view = import_page(res, page, None, Some(message.into()));
    render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
}

/// A commit is a small url-encoded form; anything longer is not one Homeroom sent.
const COMMIT_FORM_LIMIT: usize = 64 * 1024;

async fn read_form_body(
    mut body: web::Payload,
    t: Lang,
) -> Result<Vec<(String, String)>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > COMMIT_FORM_LIMIT {
            return Err(AppError::BadRequest(t.text("engine-form-unreadable")));
        }
        bytes.extend_from_slice(&chunk);
    }
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|_| AppError::BadRequest(t.text("engine-form-unreadable")))?;
    input::refuse_controls(form)
}

/// An upload (multipart) shows its preview; a commit (a plain form naming the
/// upload) starts the import.
pub async fn receive(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    body: web::Payload,
) -> Result<HttpResponse, AppError> {
    let is_upload = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if !is_upload {
        let form = read_form_body(body, page.t).await?;
        return commit(res, &page, &state, &form).await;
    }
    let store = crate::files::FileStore::new(&state.settings);
    let multipart = actix_multipart::Multipart::new(req.headers(), body);
    let form = crate::files::read_form(multipart, &store).await;
    match &form {
        Ok(form) => match form.file("file") {
            Ok(upload) => preview(res, &page, &state, upload).await,
            Err(e) => upload_refused(res, &page, &e),
        },
        Err(e) => upload_refused(res, &page, e),
    }
}

/// An upload that could not be read: the form again when the user can do better.
fn upload_refused(
    res: &'static Resource,
    page: &Page,
    e: &FileError,
) -> Result<HttpResponse, AppError> {
    match e {
        _ if !e.is_for_user() => Err(AppError::Internal(anyhow::anyhow!(
            "reading an import: {e}"
        ))),
        FileError::Empty => refused(res, page, page.t.text("engine-import-choose-file")),
        e => refused(res, page, e.message(page.t)),
    }
}

/// The file read against the resource, or what keeps it from being read.
async fn analyze_file(
    res: &'static Resource,
    page: &Page,
    state: &AppState,
    text: String,
) -> Result<Result<Analysis, String>, AppError> {
    let t = page.t;
    let records = match parse_csv(&text) {
        Ok(r) => r,
        Err(open) => return Ok(Err(open.message(t))),
    };
    let t = page.t;
    let analysis = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(analyze(tenant, res, &records, t)?)
    })
    .await?;
    Ok(Ok(analysis))
}

async fn preview(
    res: &'static Resource,
    page: &Page,
    state: &AppState,
    file: &crate::files::Upload,
) -> Result<HttpResponse, AppError> {
    let Ok(text) = String::from_utf8(file.bytes.clone()) else {
        return refused(res, page, page.t.text("engine-import-not-utf8"));
    };
    // The preview reads it against the records; a file that is no CSV goes no further.
    if let Err(open) = parse_csv(&text) {
        return refused(res, page, open.message(page.t));
    }
    let id = Uuid::new_v4();
    let org = OrganizationId::new(page.access.organization_id);
    uploads::keep(&state.settings, res, org, id, &text)?;
    let name: String = file
        .name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let query = serde_urlencoded::to_string([("upload", id.to_string()), ("file_name", name)])
        .unwrap_or_default();
    Ok(see_other(&format!("{}/import?{query}", res.path())))
}

/// Why an analysed file is not imported as it is, if it is not.
fn not_importable(analysis: &Analysis, good_rows_only: bool, t: Lang) -> Option<String> {
    if !analysis.file_errors.is_empty() {
        return Some(t.text("engine-import-file-has-problems"));
    }
    (analysis.bad() > 0 && !good_rows_only).then(|| {
        t.message("engine-import-rows-have-problems")
            .arg("bad", analysis.bad())
            .arg("total", analysis.rows.len())
            .to_string()
    })
}

/// A kept upload of this organization, read against the resource again; or why not.
async fn stored(
    res: &'static Resource,
    page: &Page,
    state: &AppState,
    upload: Uuid,
) -> Result<Result<(std::path::PathBuf, Analysis), String>, AppError> {
    let org = OrganizationId::new(page.access.organization_id);
    let path = uploads::upload_path(&state.settings, res, org, upload);
    let Ok(text) = std::fs::read_to_string(&path) else {
        // Committed already, or cleared as old.
        return Ok(Err(page.t.text("engine-import-gone")));
    };
    Ok(analyze_file(res, page, state, text)
        .await?
        .map(|analysis| (path, analysis)))
}

async fn commit(
    res: &'static Resource,
    page: &Page,
    state: &AppState,
    form: &[(String, String)],
) -> Result<HttpResponse, AppError> {
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(upload) = get("upload").and_then(|v| Uuid::parse_str(v).ok()) else {
        return Err(AppError::NotFound);
    };
    let org = OrganizationId::new(page.access.organization_id);
    let (path, analysis) = match stored(res, page, state, upload).await? {
        Ok(found) => found,
        Err(message) => return refused(res, page, message),
    };
    if let Some(message) = not_importable(&analysis, get("good_rows") == Some("on"), page.t) {
        let name = get("file_name").unwrap_or("").to_owned();
        let view = import_page(res, page, Some((upload, name, analysis)), Some(message));
        return render_as(&view, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let by = UserId::new(page.access.user_id);
    let batch = Batch::good_rows(res, org, by, analysis, page.t);
    let total = batch.rows.len();
    let log = start(state, batch, upload, path).await?;
    let invite =
        get("invite") == Some("on") && crate::resources::pages::invites_staff(res, &page.access);
    let watch = format!(
        "{}/import/{log}?rows={total}{}",
        res.path(),
        if invite { "&invite=1" } else { "" }
    );
    Ok(see_other(&watch))
}

/// Starts the upload's run, writing its rows in the background unless the upload
/// already has a run going (a double click: the first run is the one to watch).
async fn start(
    state: &AppState,
    batch: Batch,
    upload: Uuid,
    path: std::path::PathBuf,
) -> Result<Uuid, AppError> {
    let run = RunName {
        organization: batch.organization,
        by: batch.by,
        sync_type: format!("import:{}", batch.res.table()),
        hash: format!("import:{upload}"),
    };
    let pool = state.pool.clone();
    // Not tenant work: the run keeps this connection, and its session lock, past any transaction.
    let (conn, start) = actix_web::web::block(move || run::claim(&pool, &run))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))??;
    let log = match start {
        Start::Theirs(log) => return Ok(log),
        Start::Ours(log) => log,
    };
    let pool = state.pool.clone();
    actix_web::rt::spawn(async move {
        let mut run = RunLock { conn, log };
        match actix_web::web::block(move || batch.write(&mut run, &pool)).await {
            // The upload stays after a failure, for "Run again".
            Ok(SyncStatus::Success) => {
                let _ = std::fs::remove_file(&path);
            }
            Ok(_) => {}
            Err(e) => tracing::error!("import {log} could not run: {e}"),
        }
    });
    Ok(log)
}

pub async fn progress(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    job: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let log = Uuid::parse_str(&job).map_err(|_| AppError::NotFound)?;
    let sync_type = format!("import:{}", res.table());
    let row = run_in(&state.pool, page.access.actor(), move |tenant| {
        mark_interrupted(tenant.conn(), Some(log))?;
        Ok(imports::read(tenant, log, &sync_type)?)
    })
    .await?;
    let query = input::query_pairs(req.query_string());
    let total = query
        .iter()
        .find(|(k, _)| k == "rows")
        .and_then(|(_, v)| v.parse().ok());
    let invite = query.iter().any(|(k, v)| k == "invite" && v == "1")
        && crate::resources::pages::invites_staff(res, &page.access);
    let org = OrganizationId::new(page.access.organization_id);
    let rerun = row
        .hash
        .as_deref()
        .and_then(|h| h.strip_prefix("import:"))
        .and_then(|u| Uuid::parse_str(u).ok())
        .filter(|u| {
            row.status == SyncStatus::Failed
                && uploads::upload_path(&state.settings, res, org, *u).is_file()
        })
        .map(|u| Rerun {
            upload: u.to_string(),
            csrf_token: page.access.csrf_token.clone(),
        });
    let mut progress = Progress::new(res, log, row, total, rerun);
    if invite {
        progress.invite_after(log, &page.access.csrf_token);
    }
    progress.page(res, &page, htmx::wants_fragment(&req))
}

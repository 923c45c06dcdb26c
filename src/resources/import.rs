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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::pages::{self, ResView, parse_fields};
use super::store::{self, Write};
use super::values::{self, Errors};
use super::{Kind, Resource};
use crate::db::enums::SyncStatus;
use crate::db::schema::sync_logs;
use crate::db::{PgConn, PgPool};
use crate::state::AppState;
use crate::web::db::{run, run_in};
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, render_as, see_other};

/// The largest file accepted.
/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 10;
/// Bad rows listed at most (the count says how many there are).
const LISTED_ERRORS: usize = 200;
/// How often a running import reports its progress.
const PROGRESS_EVERY: usize = 100;

/// Reads CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks).
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err("The file ends inside a quoted cell; a closing quote is missing.".to_owned());
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    records.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    // Cells are composed like form fields; control characters are refused per field.
    for cell in records.iter_mut().flatten() {
        if let std::borrow::Cow::Owned(composed) = input::normalize(cell) {
            *cell = composed;
        }
    }
    Ok(records)
}

/// A cell as the export wrote it, without the quote that kept it from being a formula.
fn uncell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => value,
    }
}

/// One data row checked against the description.
pub struct Checked {
    /// The line of the file (the header is line 1).
    pub line: usize,
    pub inputs: Vec<String>,
    pub values: Vec<Option<String>>,
    pub errors: Vec<String>,
    pub hash: String,
}

/// A file read against a resource.
pub struct Analysis {
    /// Each header and the field it fills ("not imported" when none).
    pub headers: Vec<(String, String)>,
    /// Which fields the file has a column for.
    pub mapped: Vec<bool>,
    pub file_errors: Vec<String>,
    pub rows: Vec<Checked>,
}

impl Analysis {
    pub fn bad(&self) -> usize {
        self.rows.iter().filter(|r| !r.errors.is_empty()).count()
    }
}

/// The import hash of a row: its organization, table and natural key.
fn import_hash(res: &Resource, org: Uuid, values: &[Option<String>]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(org.as_bytes());
    hasher.update(res.table().as_bytes());
    for column in res.natural_key {
        let i = res.fields.iter().position(|f| f.column == *column);
        let value = i.and_then(|i| values.get(i).cloned().flatten());
        hasher.update([0x1f]);
        hasher.update(value.unwrap_or_default().to_lowercase().as_bytes());
    }
    hex::encode(hasher.finalize())
}

pub fn analyze(
    conn: &mut PgConnection,
    res: &'static Resource,
    org: Uuid,
    tz: chrono_tz::Tz,
    records: &[Vec<String>],
) -> QueryResult<Analysis> {
    let Some((header, data)) = records.split_first() else {
        return Ok(Analysis {
            headers: Vec::new(),
            mapped: vec![false; res.fields.len()],
            file_errors: vec![
                "The file is empty. Export a list to see the columns it needs.".to_owned(),
            ],
            rows: Vec::new(),
        });
    };
    let targets: Vec<Option<usize>> = header
        .iter()
        .map(|h| {
            let h = h.trim();
            res.fields
                .iter()
                .position(|f| f.column.eq_ignore_ascii_case(h) || f.label.eq_ignore_ascii_case(h))
        })
        .collect();
    let headers = header
        .iter()
        .zip(&targets)
        .map(|(h, t)| {
            let to = t.map_or("not imported", |i| res.fields[i].label);
            (h.trim().to_owned(), to.to_owned())
        })
        .collect();
    let mapped: Vec<bool> = (0..res.fields.len())
        .map(|i| targets.contains(&Some(i)))
        .collect();
    let mut file_errors: Vec<String> = res
        .fields
        .iter()
        .zip(&mapped)
        .filter(|(f, m)| f.required && !**m)
        .map(|(f, _)| format!("The file has no column for {} ({}).", f.label, f.column))
        .collect();
    for column in res.natural_key {
        if let Some(i) = res.fields.iter().position(|f| f.column == *column)
            && !mapped[i]
        {
            file_errors.push(format!(
                "The file has no column for {}, which tells rows apart.",
                res.fields[i].label
            ));
        }
    }
    file_errors.dedup();

    let mut resolved: HashMap<(usize, String), Result<Uuid, String>> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(data.len());
    for (n, record) in data.iter().enumerate() {
        let line = n + 2;
        let given: Vec<(String, String)> = targets
            .iter()
            .zip(record)
            .filter_map(|(t, v)| t.map(|i| (res.fields[i].column.to_owned(), uncell(v).to_owned())))
            .collect();
        let mut errors = Errors::default();
        let mut values = parse_fields(res, &given, tz, &mut errors);
        for (i, field) in res.fields.iter().enumerate() {
            let (Kind::Relation(target), Some(name)) = (&field.kind, values[i].clone()) else {
                continue;
            };
            let key = (i, name.clone());
            if !resolved.contains_key(&key) {
                let found = store::resolve(conn, target, org, &name)?;
                resolved.insert(key.clone(), found);
            }
            match &resolved[&key] {
                Ok(id) => values[i] = Some(id.to_string()),
                Err(message) => errors.add(field.column, message.clone()),
            }
        }
        values::check_rules(res, &values, &mut errors);
        for column in res.natural_key {
            if let Some(i) = res.fields.iter().position(|f| f.column == *column)
                && values[i].is_none()
                && mapped[i]
            {
                let label = res.fields[i].label;
                errors.add(
                    res.fields[i].column,
                    format!("{label} is needed to match this row on a later import."),
                );
            }
        }
        let hash = import_hash(res, org, &values);
        if errors.is_empty()
            && let Some(first) = seen.insert(hash.clone(), line)
        {
            errors.add("", format!("Line {first} is the same record."));
        }
        if errors.is_empty() && res.hooks.check.is_some() {
            let found = store::find_by_key(conn, res, org, &hash, &values)?;
            pages::check(conn, res, org, found, &values, &mut errors)?;
        }
        let messages = errors
            .0
            .iter()
            .map(|(column, message)| match res.field(column) {
                Some(f) => format!("{}: {message}", f.label),
                None => message.clone(),
            })
            .collect();
        rows.push(Checked {
            line,
            inputs: res
                .fields
                .iter()
                .map(|f| {
                    given
                        .iter()
                        .find(|(c, _)| c == f.column)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect(),
            values,
            errors: messages,
            hash,
        });
    }
    Ok(Analysis {
        headers,
        mapped,
        file_errors,
        rows,
    })
}

pub struct BadRow {
    pub line: usize,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "resources/import.html")]
struct ImportPage {
    layout: Layout,
    res: ResView,
    upload: String,
    file_name: String,
    message: Option<String>,
    headers: Vec<(String, String)>,
    columns: Vec<&'static str>,
    preview: Vec<Vec<String>>,
    file_errors: Vec<String>,
    bad: Vec<BadRow>,
    bad_count: usize,
    total: usize,
    required: Vec<&'static str>,
}

fn import_page(
    res: &'static Resource,
    page: &Page,
    upload: Option<(Uuid, String, Analysis)>,
    message: Option<String>,
) -> ImportPage {
    let mut view = ImportPage {
        layout: page.layout(format!("Import {}", res.label().to_lowercase())),
        res: ResView::new(res, &page.access),
        upload: String::new(),
        file_name: String::new(),
        message,
        headers: Vec::new(),
        columns: Vec::new(),
        preview: Vec::new(),
        file_errors: Vec::new(),
        bad: Vec::new(),
        bad_count: 0,
        total: 0,
        required: res
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.column)
            .collect(),
    };
    if let Some((id, name, analysis)) = upload {
        let shown: Vec<usize> = (0..res.fields.len())
            .filter(|i| analysis.mapped[*i])
            .collect();
        view.upload = id.to_string();
        view.file_name = name;
        view.columns = shown.iter().map(|i| res.fields[*i].label).collect();
        view.preview = analysis
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| shown.iter().map(|i| r.inputs[*i].clone()).collect())
            .collect();
        view.bad_count = analysis.bad();
        view.total = analysis.rows.len();
        view.bad = analysis
            .rows
            .iter()
            .filter(|r| !r.errors.is_empty())
            .take(LISTED_ERRORS)
            .map(|r| BadRow {
                line: r.line,
                errors: r.errors.clone(),
            })
            .collect();
        view.headers = analysis.headers;
        view.file_errors = analysis.file_errors;
    }
    view
}

pub async fn upload_form(res: &'static Resource, page: Page) -> Result<HttpResponse, AppError> {
    render(&import_page(res, &page, None, None))
}

/// The folder under the data directory where uploads wait between preview and commit.
const UPLOADS: &str = "imports";

/// Where an upload waits between its preview and its commit.
fn upload_path(state: &AppState, res: &Resource, org: Uuid, id: Uuid) -> PathBuf {
    state
        .settings
        .data_dir
        .join(UPLOADS)
        .join(org.to_string())
        .join(format!("{}-{id}.csv", res.table()))
}

/// Removes the uploads last written before `cutoff` (previews nobody committed, and
/// the files of runs that failed); returns how many went.
pub fn remove_old_uploads(data_dir: &Path, cutoff: SystemTime) -> usize {
    let Ok(organizations) = std::fs::read_dir(data_dir.join(UPLOADS)) else {
        return 0;
    };
    let mut removed = 0;
    for folder in organizations.flatten() {
        let Ok(files) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for file in files.flatten() {
            let old = file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|written| written < cutoff);
            if !old || !file.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            match std::fs::remove_file(file.path()) {
                Ok(()) => removed += 1,
                Err(error) => {
                    tracing::warn!(file = %file.path().display(), %error, "an old upload could not be removed")
                }
            }
        }
    }
    removed
}

/// A commit is a small url-encoded form; anything longer is not one Homeroom sent.
const COMMIT_FORM_LIMIT: usize = 64 * 1024;

async fn read_form_body(mut body: web::Payload) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > COMMIT_FORM_LIMIT {
            return Err(AppError::BadRequest(
                "The form could not be read.".to_owned(),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
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
    if is_upload {
        let store = crate::files::FileStore::new(&state.settings);
        let form =
            crate::files::read_form(actix_multipart::Multipart::new(req.headers(), body), &store)
                .await;
        let refused = |e: crate::files::FileError| {
            if e.is_for_user() {
                let message = match e {
                    crate::files::FileError::Empty => "Choose a CSV file to import.".to_owned(),
                    e => e.to_string(),
                };
                render_as(
                    &import_page(res, &page, None, Some(message)),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            } else {
                Err(AppError::Internal(anyhow::anyhow!(
                    "reading an import: {e}"
                )))
            }
        };
        let form = match form {
            Ok(form) => form,
            Err(e) => return refused(e),
        };
        return match form.file("file") {
            Ok(upload) => preview(res, &page, &state, upload).await,
            Err(e) => refused(e),
        };
    }
    let bytes = read_form_body(body).await?;
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|_| AppError::BadRequest("The form could not be read.".to_owned()))?;
    let form = input::refuse_controls(form)?;
    commit(res, &page, &state, &form).await
}

async fn analyze_file(
    res: &'static Resource,
    page: &Page,
    state: &AppState,
    text: String,
) -> Result<Result<Analysis, String>, AppError> {
    let records = match parse_csv(&text) {
        Ok(r) => r,
        Err(message) => return Ok(Err(message)),
    };
    let org = page.access.organization_id;
    let tz = page.access.time_zone;
    let analysis = run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        Ok(analyze(conn, res, org, tz, &records)?)
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
        let view = import_page(
            res,
            page,
            None,
            Some("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.".to_owned()),
        );
        return render_as(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let analysis = match analyze_file(res, page, state, text.clone()).await? {
        Ok(a) => a,
        Err(message) => {
            return render_as(
                &import_page(res, page, None, Some(message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let id = Uuid::new_v4();
    let path = upload_path(state, res, page.access.organization_id, id);
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(&path, text))
        .map_err(|e| {
            // A full or read-only disk is told as such, and leaves no half upload.
            let _ = std::fs::remove_file(&path);
            AppError::from(crate::files::FileError::from(e))
        })?;
    let name: String = file
        .name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    render(&import_page(res, page, Some((id, name, analysis)), None))
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
    let good_rows_only = get("good_rows") == Some("on");
    let name = get("file_name").unwrap_or("").to_owned();
    let org = page.access.organization_id;
    let path = upload_path(state, res, org, upload);
    let Ok(text) = std::fs::read_to_string(&path) else {
        let view = import_page(
            res,
            page,
            None,
            Some("That upload is no longer here. Choose the file again.".to_owned()),
        );
        return render_as(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let analysis = match analyze_file(res, page, state, text).await? {
        Ok(a) => a,
        Err(message) => {
            return render_as(
                &import_page(res, page, None, Some(message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    if !analysis.file_errors.is_empty() || (analysis.bad() > 0 && !good_rows_only) {
        let message = if analysis.file_errors.is_empty() {
            format!(
                "Nothing was imported: {} of {} rows have problems. Fix them and upload the file again, or choose to import only the good rows.",
                analysis.bad(),
                analysis.rows.len()
            )
        } else {
            "Nothing was imported: the file itself has problems.".to_owned()
        };
        let view = import_page(res, page, Some((upload, name, analysis)), Some(message));
        return render_as(&view, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let total = analysis.rows.iter().filter(|r| r.errors.is_empty()).count();
    let user = page.access.user_id;
    let hash = format!("import:{upload}");
    let sync_type = format!("import:{}", res.table());
    let pool = state.pool.clone();
    let (conn, start) = actix_web::web::block(move || {
        let mut conn = pool
            .get()
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        let start = start_run(&mut conn, org, user, &sync_type, &hash)?;
        Ok::<_, AppError>((conn, start))
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))??;
    let log = match start {
        Start::Ours(log) => {
            let run = RunLock { conn, log };
            let pool = state.pool.clone();
            let rows: Vec<Checked> = analysis
                .rows
                .into_iter()
                .filter(|r| r.errors.is_empty())
                .collect();
            let mapped = analysis.mapped;
            actix_web::rt::spawn(async move {
                let outcome = actix_web::web::block(move || {
                    let mut run = run;
                    write_rows(run.conn(), &pool, res, org, user, log, &rows, &mapped)
                })
                .await;
                match outcome {
                    // The upload stays after a failure, for "Run again".
                    Ok(SyncStatus::Success) => {
                        let _ = std::fs::remove_file(&path);
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!("import {log} could not run: {e}"),
                }
            });
            log
        }
        // Sent twice (a double click): the first run is the one to watch.
        Start::Theirs(log) => log,
    };
    Ok(see_other(&format!(
        "{}/import/{log}?rows={total}",
        res.path()
    )))
}

/// Whose run a commit is.
enum Start {
    /// This connection holds the run's lock and is to write its rows.
    Ours(Uuid),
    /// The upload's run is going, or finished, elsewhere.
    Theirs(Uuid),
}

/// Lock spaces (the two-key form) of a running import: its log's id hashed.
const RUN_LOCK: i32 = 0x494d_5052;

/// Starts the upload's run: a new log, or the failed one again, its lock taken on
/// `conn` before the log shows `running` to anyone else.
fn start_run(
    conn: &mut PgConnection,
    org: Uuid,
    user: Uuid,
    sync_type: &str,
    hash: &str,
) -> QueryResult<Start> {
    // A run whose server died is failed first, so committing again reruns it.
    let earlier = sync_logs::table
        .filter(sync_logs::import_hash.eq(hash))
        .filter(sync_logs::organization_id.eq(org))
        .select(sync_logs::id)
        .first::<Uuid>(conn)
        .optional()?;
    if let Some(earlier) = earlier {
        mark_interrupted(conn, Some(earlier))?;
    }
    conn.transaction(|conn| {
        let inserted = diesel::insert_into(sync_logs::table)
            .values((
                sync_logs::organization_id.eq(org),
                sync_logs::sync_type.eq(sync_type),
                sync_logs::status.eq(SyncStatus::Running),
                sync_logs::import_hash.eq(hash),
                sync_logs::created_by_id.eq(user),
            ))
            .on_conflict_do_nothing()
            .returning(sync_logs::id)
            .get_result::<Uuid>(conn)
            .optional()?;
        let ours = match inserted {
            Some(id) => Some(id),
            None => diesel::update(
                sync_logs::table
                    .filter(sync_logs::import_hash.eq(hash))
                    .filter(sync_logs::organization_id.eq(org))
                    .filter(sync_logs::status.eq(SyncStatus::Failed)),
            )
            .set((
                sync_logs::status.eq(SyncStatus::Running),
                sync_logs::records_processed.eq(0),
                sync_logs::records_created.eq(0),
                sync_logs::records_updated.eq(0),
                sync_logs::started_at.eq(diesel::dsl::now),
                sync_logs::completed_at.eq(None::<chrono::DateTime<chrono::Utc>>),
                sync_logs::error_message.eq(None::<String>),
                sync_logs::created_by_id.eq(user),
            ))
            .returning(sync_logs::id)
            .get_result::<Uuid>(conn)
            .optional()?,
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
                sync_logs::table
                    .filter(sync_logs::import_hash.eq(hash))
                    .filter(sync_logs::organization_id.eq(org))
                    .select(sync_logs::id)
                    .first::<Uuid>(conn)?,
            )),
        }
    })
}

/// A running import's connection with its lock; dropping it (also when the run
/// panics) lets the lock go before the connection returns to the pool.
struct RunLock {
    conn: PgConn,
    log: Uuid,
}

impl RunLock {
    fn conn(&mut self) -> &mut PgConnection {
        &mut self.conn
    }
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
    diesel::sql_query(
        "UPDATE sync_logs SET status = 'failed', completed_at = now(), \
             records_processed = 0, records_created = 0, records_updated = 0, \
             error_message = format('it was interrupted after %s rows, when the server running \
                 it stopped.', records_processed) \
         WHERE status = 'running' AND sync_type LIKE 'import:%' \
           AND ($1::uuid IS NULL OR id = $1) \
           AND pg_try_advisory_xact_lock($2, hashtext(id::text))",
    )
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(only)
    .bind::<diesel::sql_types::Integer, _>(RUN_LOCK)
    .execute(conn)
}

/// Writes the good rows in one transaction, reporting progress on another
/// connection, and records the outcome in the sync log.
#[allow(clippy::too_many_arguments)]
fn write_rows(
    conn: &mut PgConnection,
    pool: &PgPool,
    res: &'static Resource,
    org: Uuid,
    user: Uuid,
    log: Uuid,
    rows: &[Checked],
    mapped: &[bool],
) -> SyncStatus {
    let report = |processed: usize, created: usize, updated: usize| {
        if let Ok(mut other) = pool.get() {
            let _ = diesel::update(sync_logs::table.find(log))
                .set((
                    sync_logs::records_processed.eq(processed as i32),
                    sync_logs::records_created.eq(created as i32),
                    sync_logs::records_updated.eq(updated as i32),
                ))
                .execute(&mut other);
        }
    };
    let outcome = conn.transaction::<_, diesel::result::Error, _>(|conn| {
        crate::db::enter(conn, &crate::db::Actor::system(org))?;
        store::act_as(conn, user)?;
        let (mut created, mut updated) = (0, 0);
        // Derived columns are written whenever a row is, whatever the file holds.
        let columns: Vec<bool> = res
            .fields
            .iter()
            .zip(mapped)
            .map(|(f, m)| *m || res.is_derived(f.column))
            .collect();
        for (n, row) in rows.iter().enumerate() {
            let found = store::find_by_key(conn, res, org, &row.hash, &row.values)?;
            let mut values = row.values.clone();
            pages::fill(conn, res, org, found, &mut values)?;
            let mut errors = Errors::default();
            pages::check(conn, res, org, found, &values, &mut errors)?;
            if let Some((column, message)) = errors.0.first() {
                let label = res.field(column).map_or("", |f| f.label);
                return Err(diesel::result::Error::QueryBuilderError(
                    format!("Line {}: {label} {message}", row.line).into(),
                ));
            }
            match found {
                Some(id) => {
                    let before = match res.hooks.after_write {
                        Some(_) => Some(store::find(conn, res, org, id)?.raw),
                        None => None,
                    };
                    let write = Write::Changed { columns: &columns };
                    if store::update(conn, res, org, user, id, &values, write)? {
                        pages::after_write(conn, res, org, id, before.as_deref())?;
                        updated += 1;
                    }
                    store::set_import_hash(conn, res, id, &row.hash)?;
                }
                None => {
                    store::release_import_hash(conn, res, &row.hash)?;
                    let id = store::insert(conn, res, org, user, &values, Some(row.hash.clone()))?;
                    pages::after_write(conn, res, org, id, None)?;
                    created += 1;
                }
            }
            if (n + 1) % PROGRESS_EVERY == 0 {
                report(n + 1, created, updated);
            }
        }
        Ok((created, updated))
    });
    let (status, created, updated, error) = match outcome {
        Ok((c, u)) => (SyncStatus::Success, c, u, None),
        Err(e) => (SyncStatus::Failed, 0, 0, Some(e.to_string())),
    };
    let processed = if error.is_none() { rows.len() } else { 0 };
    let _ = diesel::update(sync_logs::table.find(log))
        .set((
            sync_logs::status.eq(status),
            sync_logs::records_processed.eq(processed as i32),
            sync_logs::records_created.eq(created as i32),
            sync_logs::records_updated.eq(updated as i32),
            sync_logs::completed_at.eq(diesel::dsl::now),
            sync_logs::error_message.eq(error),
        ))
        .execute(conn);
    status
}

#[derive(Queryable)]
struct LogRow {
    status: SyncStatus,
    processed: i32,
    created: i32,
    updated: i32,
    error: Option<String>,
    hash: Option<String>,
}

#[derive(Template)]
#[template(path = "resources/import_progress.html")]
struct ProgressPage {
    layout: Layout,
    res: ResView,
    progress: Progress,
}

#[derive(Template)]
#[template(path = "resources/import_progress.html", block = "progress")]
struct ProgressFragment {
    res: ResView,
    progress: Progress,
}

struct Progress {
    href: String,
    running: bool,
    failed: bool,
    processed: i32,
    total: i32,
    created: i32,
    updated: i32,
    error: Option<String>,
    /// A failed run whose upload is still here can be committed again.
    rerun: Option<Rerun>,
}

/// The "Run again" form: the upload to commit again, with the page's CSRF token.
struct Rerun {
    upload: String,
    csrf_token: String,
}

pub async fn progress(
    res: &'static Resource,
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    job: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let log = Uuid::parse_str(&job).map_err(|_| AppError::NotFound)?;
    let org = page.access.organization_id;
    let sync_type = format!("import:{}", res.table());
    let row = run(&state.pool, move |conn| {
        mark_interrupted(conn, Some(log))?;
        Ok(sync_logs::table
            .filter(sync_logs::id.eq(log))
            .filter(sync_logs::organization_id.eq(org))
            .filter(sync_logs::sync_type.eq(sync_type))
            .select((
                sync_logs::status,
                sync_logs::records_processed,
                sync_logs::records_created,
                sync_logs::records_updated,
                sync_logs::error_message,
                sync_logs::import_hash,
            ))
            .first::<LogRow>(conn)?)
    })
    .await?;
    let total = input::query_pairs(req.query_string())
        .iter()
        .find(|(k, _)| k == "rows")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(row.processed)
        .max(row.processed);
    let rerun = row
        .hash
        .as_deref()
        .and_then(|h| h.strip_prefix("import:"))
        .and_then(|u| Uuid::parse_str(u).ok())
        .filter(|u| row.status == SyncStatus::Failed && upload_path(&state, res, org, *u).is_file())
        .map(|u| Rerun {
            upload: u.to_string(),
            csrf_token: page.access.csrf_token.clone(),
        });
    let progress = Progress {
        href: format!("{}/import/{log}?rows={total}", res.path()),
        running: row.status == SyncStatus::Running,
        failed: row.status == SyncStatus::Failed,
        processed: row.processed,
        total,
        created: row.created,
        updated: row.updated,
        error: row.error,
        rerun,
    };
    let view = ResView::new(res, &page.access);
    if htmx::wants_fragment(&req) {
        return render(&ProgressFragment {
            res: view,
            progress,
        });
    }
    render(&ProgressPage {
        layout: page.layout(format!("Importing {}", res.label().to_lowercase())),
        res: view,
        progress,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_commas_quotes_and_line_breaks() {
        let rows = parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3")
            .expect("parses");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], vec!["x, y", "say \"hi\"", "two\nlines"]);
        assert_eq!(rows[2], vec!["1", "", "3"]);
        assert!(parse_csv("a\n\"open").is_err());
    }

    #[test]
    fn exported_cells_read_back_the_same() {
        let cell = super::super::export::cell("=1+1");
        assert_eq!(uncell(&parse_csv(&cell).expect("parses")[0][0]), "=1+1");
    }
}

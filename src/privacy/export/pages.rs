//! The export's pages: starting one from the profile, its progress (polled by
//! htmx while it runs), and the download of the finished archive.

use actix_files::NamedFile;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::queries::{self, ExportRow};
use super::work;
use crate::db::enums::SyncStatus;
use crate::files::FileStore;
use crate::i18n::Lang;
use crate::privacy::{Subject, mark};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, see_other};

/// An export still running after this long lost its server.
const RUNS_AT_MOST_MINUTES: i32 = 30;

/// `POST /students/{id}/export`: starts an export of the student and shows it.
pub async fn create(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let student: Uuid = path.trim().parse().map_err(|_| AppError::NotFound)?;
    let access = &page.access;
    let school_t = crate::i18n::choose(None, access.school_language.as_deref(), None);
    let school = (access.organization_name.clone(), access.locale(school_t));
    let export = work::start(&state, access.actor(), school, student).await?;
    Ok(see_other(&address(export)))
}

fn address(export: Uuid) -> String {
    format!("/privacy/exports/{export}")
}

/// An export as its page shows it.
pub struct ExportView {
    pub row: ExportRow,
    pub name: String,
    pub profile: String,
    pub download: String,
    /// When the archive is (or was) deleted, as the reader reads it.
    pub until: Option<String>,
    pub size: String,
    now: DateTime<Utc>,
}

impl ExportView {
    fn new(row: ExportRow, locale: &Locale) -> ExportView {
        let t = locale.t;
        ExportView {
            name: format!("{} {}", row.first_name, row.last_name),
            profile: crate::students::profile_path(row.student_id),
            download: format!("{}/download", address(row.id)),
            until: row.expires_at.map(|at| locale.instant(at)),
            size: crate::files::size_label(
                usize::try_from(row.size_in_bytes.unwrap_or(0)).unwrap_or(0),
                t,
            ),
            now: crate::clock::now(),
            row,
        }
    }

    pub fn running(&self) -> bool {
        self.row.status == SyncStatus::Running
    }

    pub fn failed(&self) -> bool {
        self.row.status == SyncStatus::Failed
    }

    /// Finished and still kept: it may be downloaded.
    pub fn ready(&self) -> bool {
        self.row.status == SyncStatus::Success
            && self.row.storage_key.is_some()
            && self.row.expires_at.is_some_and(|until| until > self.now)
    }

    pub fn total(&self) -> i32 {
        self.row.total.unwrap_or(0).max(self.row.processed)
    }

    /// Whole percent of the steps done.
    pub fn percent(&self) -> i32 {
        match self.total() {
            0 => 0,
            total => self.row.processed * 100 / total,
        }
    }
}

/// The export of the school, one still running past its time first marked
/// interrupted; not found for another school's.
async fn load(page: &Page, state: &AppState, id: Uuid) -> Result<ExportView, AppError> {
    let row = run_in(&state.pool, page.access.actor(), move |tenant| {
        let mut row = queries::export(tenant, id)?;
        if row.status == SyncStatus::Running
            && queries::mark_interrupted(tenant, id, RUNS_AT_MOST_MINUTES)?
        {
            row.status = SyncStatus::Failed;
        }
        Ok(row)
    })
    .await?;
    Ok(ExportView::new(row, &page.locale()))
}

#[derive(Template)]
#[template(path = "privacy/export.html")]
struct ExportPage {
    layout: Layout,
    t: Lang,
    export: ExportView,
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "privacy/export.html", block = "progress")]
struct ExportFragment {
    t: Lang,
    export: ExportView,
    csrf_token: String,
}

/// `GET /privacy/exports/{export}`: the export's progress, then its download.
pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    export: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let export = load(&page, &state, export.into_inner()).await?;
    let t = page.t;
    let layout = page.layout(
        t.message("priv-export-title")
            .arg("student", export.name.as_str())
            .to_string(),
    );
    let csrf_token = layout.csrf_token.clone();
    if htmx::wants_fragment(&req) {
        return render(&ExportFragment {
            t,
            export,
            csrf_token,
        });
    }
    render(&ExportPage {
        layout,
        t,
        export,
        csrf_token,
    })
}

/// `GET /privacy/exports/{export}/download`: the finished archive, while it is
/// kept; the access log records the student.
pub async fn download(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    export: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let export = load(&page, &state, export.into_inner()).await?;
    let student = export.row.student_id;
    let key = match &export.row.storage_key {
        Some(key) if export.ready() => key,
        _ => return Err(AppError::NotFound),
    };
    let path = FileStore::new(&state.settings)
        .local_path(key)
        .map_err(|_| AppError::NotFound)?;
    // Removed a moment ago (its time ran out, or the record was erased): gone.
    let file = NamedFile::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AppError::NotFound,
        _ => AppError::Internal(e.into()),
    })?;
    let name = file_name(&export.row);
    let mut response = file
        .set_content_type(
            "application/zip"
                .parse()
                .unwrap_or(actix_web::mime::APPLICATION_OCTET_STREAM),
        )
        .set_content_disposition(header::ContentDisposition {
            disposition: header::DispositionType::Attachment,
            parameters: vec![header::DispositionParam::Filename(name)],
        })
        .into_response(&req);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(mark(response, Subject::Student(student)))
}

/// `student-export-<number or id>.zip`, in letters, digits and dashes only.
fn file_name(row: &ExportRow) -> String {
    let who = row
        .student_number
        .clone()
        .unwrap_or_else(|| row.student_id.to_string());
    let safe: String = who
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("student-export-{safe}.zip")
}

//! The import pages: the upload form with its preview and messages, and a run's
//! progress.

use actix_web::HttpResponse;
use askama::Template;
use uuid::Uuid;

use super::analysis::Analysis;
use crate::db::enums::SyncStatus;
use crate::i18n::Lang;
use crate::resources::Resource;
use crate::resources::pages::ResView;
use crate::resources::queries::imports::LogRow;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 10;
/// Bad rows listed at most (the count says how many there are).
const LISTED_ERRORS: usize = 200;

pub struct BadRow {
    pub line: usize,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "resources/import.html")]
pub struct ImportPage {
    layout: Layout,
    t: Lang,
    res: ResView,
    upload: String,
    file_name: String,
    message: Option<String>,
    headers: Vec<(String, String)>,
    columns: Vec<String>,
    preview: Vec<Vec<String>>,
    file_errors: Vec<String>,
    bad: Vec<BadRow>,
    /// Rows written all the same, with what to look at.
    warned: Vec<BadRow>,
    bad_count: usize,
    total: usize,
    required: Vec<&'static str>,
}

pub fn import_page(
    res: &'static Resource,
    page: &Page,
    upload: Option<(Uuid, String, Analysis)>,
    message: Option<String>,
) -> ImportPage {
    let t = page.t;
    let res_view = ResView::new(res, &page.access, t);
    let title = t
        .message("engine-import-title")
        .arg("records", res_view.label.to_lowercase());
    let mut view = ImportPage {
        layout: page.layout(title.to_string()),
        t,
        res: res_view,
        upload: String::new(),
        file_name: String::new(),
        message,
        headers: Vec::new(),
        columns: Vec::new(),
        preview: Vec::new(),
        file_errors: Vec::new(),
        bad: Vec::new(),
        warned: Vec::new(),
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
        view.columns = shown.iter().map(|i| res.fields[*i].label_in(t)).collect();
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
        view.warned = analysis
            .rows
            .iter()
            .filter(|r| r.errors.is_empty() && !r.warnings.is_empty())
            .take(LISTED_ERRORS)
            .map(|r| BadRow {
                line: r.line,
                errors: r.warnings.clone(),
            })
            .collect();
        view.headers = analysis.headers;
        view.file_errors = analysis.file_errors;
    }
    view
}

impl ImportPage {
    /// "10 rows, 1 with problems".
    fn summary(&self) -> String {
        self.t
            .message("engine-import-summary")
            .arg("total", self.total)
            .arg("bad", self.bad_count)
            .to_string()
    }

    /// "Import the 1 good row and leave out the rest".
    fn import_good(&self) -> String {
        let good = self.total.saturating_sub(self.bad_count);
        self.t
            .message("engine-import-good-only")
            .arg("good", good)
            .to_string()
    }
}

#[derive(Template)]
#[template(path = "resources/import_progress.html")]
pub struct ProgressPage {
    pub layout: Layout,
    pub t: Lang,
    pub res: ResView,
    pub progress: Progress,
}

#[derive(Template)]
#[template(path = "resources/import_progress.html", block = "progress")]
pub struct ProgressFragment {
    pub t: Lang,
    pub res: ResView,
    pub progress: Progress,
}

pub struct Progress {
    pub href: String,
    pub running: bool,
    pub failed: bool,
    pub processed: i32,
    pub total: i32,
    pub created: i32,
    pub updated: i32,
    pub error: Option<String>,
    /// A failed run whose upload is still here can be committed again.
    pub rerun: Option<Rerun>,
    /// A staff import asked to invite who it added or changed: the run's log and the
    /// page's CSRF token, for the invitations that start once it has finished.
    pub invite: Option<(Uuid, String)>,
}

/// The "Run again" form: the upload to commit again, with the page's CSRF token.
pub struct Rerun {
    pub upload: String,
    pub csrf_token: String,
}

impl Progress {
    /// "Imported 3 of 10 rows…".
    fn so_far(&self, t: &Lang) -> String {
        t.message("engine-import-so-far")
            .arg("done", self.processed)
            .arg("total", self.total)
            .to_string()
    }

    /// Why a failed run stopped, in the reader's language.
    fn reason(&self, t: &Lang) -> String {
        let error = self.error.as_deref().unwrap_or_default();
        match super::run::interrupted_after(error) {
            Some(rows) => t
                .message("engine-import-interrupted")
                .arg("rows", rows)
                .to_string(),
            None => error.to_owned(),
        }
    }

    /// "Import finished: 1 row read, 1 added, 0 updated."
    fn finished(&self, t: &Lang) -> String {
        t.message("engine-import-finished")
            .arg("read", self.processed)
            .arg("added", self.created)
            .arg("updated", self.updated)
            .to_string()
    }

    /// A run's progress from its log; `total` is the count of good rows its page was
    /// sent with, and `rerun` the upload still here after a failure.
    pub fn new(
        res: &'static Resource,
        log: Uuid,
        row: LogRow,
        total: Option<i32>,
        rerun: Option<Rerun>,
    ) -> Progress {
        let total = total.unwrap_or(row.processed).max(row.processed);
        Progress {
            href: format!("{}/import/{log}?rows={total}", res.path()),
            running: row.status == SyncStatus::Running,
            failed: row.status == SyncStatus::Failed,
            processed: row.processed,
            total,
            created: row.created,
            updated: row.updated,
            error: row.error,
            rerun,
            invite: None,
        }
    }

    /// Once the run has succeeded, the page goes on to invite the staff it wrote.
    pub fn invite_after(&mut self, log: Uuid, csrf_token: &str) {
        self.href.push_str("&invite=1");
        if !self.running && !self.failed {
            self.invite = Some((log, csrf_token.to_owned()));
        }
    }

    pub fn page(
        self,
        res: &'static Resource,
        page: &Page,
        fragment: bool,
    ) -> Result<HttpResponse, AppError> {
        let t = page.t;
        let view = ResView::new(res, &page.access, t);
        if fragment {
            return render(&ProgressFragment {
                t,
                res: view,
                progress: self,
            });
        }
        let title = t
            .message("engine-importing-title")
            .arg("records", view.label.to_lowercase());
        render(&ProgressPage {
            layout: page.layout(title.to_string()),
            t,
            res: view,
            progress: self,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(error: &str) -> Progress {
        Progress {
            href: String::new(),
            running: false,
            failed: true,
            processed: 0,
            total: 12,
            created: 0,
            updated: 0,
            error: Some(error.to_owned()),
            rerun: None,
            invite: None,
        }
    }

    #[test]
    fn an_interrupted_run_is_explained_in_the_readers_language() {
        let logged =
            failed("it was interrupted after 1000 rows, when the server running it stopped.");
        let spanish = crate::i18n::choose(Some("es"), None, None);
        assert_eq!(
            logged.reason(&spanish),
            "se interrumpió tras 1000 filas, cuando se detuvo el servidor que la ejecutaba."
        );
        assert_eq!(
            failed("it was interrupted after 1 rows, when the server running it stopped.")
                .reason(&Lang::default()),
            "it was interrupted after 1 row, when the server running it stopped."
        );
        // Any other reason is shown as the run wrote it.
        let other = failed("Línea 3, Importe: El saldo de la factura es 5,00 €.");
        assert_eq!(
            other.reason(&spanish),
            "Línea 3, Importe: El saldo de la factura es 5,00 €."
        );
    }
}

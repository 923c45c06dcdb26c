//! `/privacy/retention`: how long the school keeps the records of students who left
//! and of deleted students, and the records past retention, each erased by typing
//! the student's name.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{Erasure, Refusal, Retention, retention};
use crate::db::Tenant;
use crate::files::FileStore;
use crate::i18n::{self, Lang};
use crate::settings::queries::{self as school, SchoolChanges};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render_as, see_other};

const PAGE: &str = "/privacy/retention";

/// One record past retention, as the page lists it.
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub left_on: String,
    pub years: String,
    /// What was typed into its confirmation, when it was refused.
    pub typed: String,
    pub refused: Option<String>,
}

#[derive(Template)]
#[template(path = "privacy/retention.html")]
struct RetentionPage {
    layout: Layout,
    years: String,
    purge_days: String,
    errors: FieldErrors,
    candidates: Vec<Candidate>,
    /// A refused erasure of a student the list does not show (not past retention).
    refused: Option<String>,
}

/// What the page shows besides what is stored: a refused form's values and messages.
#[derive(Default)]
struct Shown {
    /// The retention form as typed, with its messages.
    typed: Option<(String, String)>,
    errors: FieldErrors,
    /// A refused erasure: the student, what was typed, why.
    erase: Option<(Uuid, String, String)>,
}

fn load(tenant: &mut Tenant<'_>, page: &Page, shown: Shown) -> Result<RetentionPage, AppError> {
    let t = page.t;
    let kept = Retention::of_school(&school::school(tenant)?.settings);
    let today = tenant.today();
    let listed = super::past_retention(tenant, kept, today)?;
    let mut refused = shown.erase.as_ref().map(|(_, _, why)| why.clone());
    let candidates = listed
        .into_iter()
        .map(|s| {
            let mine = shown.erase.as_ref().filter(|(id, _, _)| *id == s.id);
            if mine.is_some() {
                refused = None;
            }
            Candidate {
                id: s.id.to_string(),
                name: s.name(),
                left_on: t.date(s.left_on),
                years: t.number(i64::from(retention::years_since(s.left_on, today))),
                typed: mine.map(|(_, typed, _)| typed.clone()).unwrap_or_default(),
                refused: mine.map(|(_, _, why)| why.clone()),
            }
        })
        .collect();
    let (years, purge_days) = shown
        .typed
        .unwrap_or_else(|| (kept.years.to_string(), kept.purge_days.to_string()));
    Ok(RetentionPage {
        layout: page.layout(t.text("priv-retention-title")),
        years,
        purge_days,
        errors: shown.errors,
        candidates,
        refused,
    })
}

/// The page, answering 422 when it carries a refusal.
async fn show_with(
    page: Page,
    state: web::Data<AppState>,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let status = if shown.errors.is_empty() && shown.erase.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = run_in(&state.pool, page.access.actor(), move |tenant| {
        load(tenant, &page, shown)
    })
    .await?;
    render_as(&view, status)
}

/// `GET /privacy/retention`.
pub async fn show(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    show_with(page, state, Shown::default()).await
}

#[derive(Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    years: String,
    #[serde(default)]
    purge_days: String,
}

/// `POST /privacy/retention/settings`: the school's retention, or the page with why not.
pub async fn save_retention(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<RetentionForm>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let chosen = match Retention::read(&form.years, &form.purge_days, page.t) {
        Ok(chosen) => chosen,
        Err(messages) => {
            let mut errors = FieldErrors::default();
            for (field, message) in messages {
                errors.add(field, message);
            }
            let typed = Some((form.years, form.purge_days));
            let shown = Shown {
                typed,
                errors,
                erase: None,
            };
            return show_with(page, state, shown).await;
        }
    };
    run_in(&state.pool, page.access.actor(), move |tenant| {
        tenant.transaction(|tenant| {
            let settings = chosen.into_settings(school::school(tenant)?.settings);
            let changes = SchoolChanges {
                settings: Some(settings),
                ..SchoolChanges::default()
            };
            Ok::<_, AppError>(school::change_school(tenant, changes)?)
        })
    })
    .await?;
    flash::push(
        &flashes,
        Level::Success,
        page.t.text("priv-retention-saved"),
    );
    Ok(see_other(PAGE))
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

/// What became of an erasure asked for.
enum Asked {
    Erased(Erasure),
    AlreadyErased,
    Refused(Refusal),
}

/// `POST /privacy/retention/{id}/erase` (`confirm`: the student's name): erases the
/// record for good. Asked again, it says the record is erased already.
pub async fn erase(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: input::Form<EraseForm>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let student = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let typed = form.into_inner().confirm;
    let confirmation = typed.clone();
    let school_language = i18n::choose(None, page.access.school_language.as_deref(), None);
    let asked = run_in(&state.pool, page.access.actor(), move |tenant| {
        let standing = super::standing(tenant, student)?.ok_or(AppError::NotFound)?;
        if standing.erased {
            return Ok(Asked::AlreadyErased);
        }
        if standing.deleted {
            // A deleted student is erased by the scheduled purge, never from this page.
            return Err(AppError::NotFound);
        }
        let kept = Retention::of_school(&school::school(tenant)?.settings);
        if let Err(refusal) = standing.erasable(kept, tenant.today()) {
            return Ok(Asked::Refused(refusal));
        }
        if !standing.confirmed_by(&confirmation) {
            return Ok(Asked::Refused(Refusal::NameMismatch));
        }
        Ok::<_, AppError>(
            match super::erase_student(tenant, student, school_language)? {
                Some(erasure) => Asked::Erased(erasure),
                None => Asked::AlreadyErased,
            },
        )
    })
    .await?;
    let t: Lang = page.t;
    match asked {
        Asked::Erased(erasure) => {
            super::remove_files(&FileStore::new(&state.settings), &erasure);
            flash::push(&flashes, Level::Success, t.text("priv-erase-done"));
            Ok(see_other(PAGE))
        }
        Asked::AlreadyErased => {
            flash::push(&flashes, Level::Info, t.text("priv-erase-already"));
            Ok(see_other(PAGE))
        }
        Asked::Refused(refusal) => {
            let shown = Shown {
                erase: Some((student, typed, refusal.message(t))),
                ..Shown::default()
            };
            show_with(page, state, shown).await
        }
    }
}

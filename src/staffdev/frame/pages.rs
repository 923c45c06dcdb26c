//! The frame's pages: this week's frame with the earlier weeks, one frame, and the
//! form that writes, changes and publishes a draft.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::form::{self, FrameValues, SECTIONS};
use super::publishing::{self, Published};
use super::queries::{self, Frame, Reader};
use crate::access::{Action, Entity};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// How many frames the page lists.
const LISTED: i64 = 60;

/// A frame as a reader sees it.
pub struct FrameView {
    pub id: Uuid,
    pub week: String,
    pub audience: String,
    pub author: String,
    pub draft: bool,
    /// Each section's heading and text.
    pub sections: Vec<(String, String)>,
}

impl FrameView {
    fn of(frame: Frame, campuses: &[(Uuid, String)], t: &Lang) -> FrameView {
        let audience = frame
            .campus_id
            .and_then(|c| campuses.iter().find(|(id, _)| *id == c))
            .map_or_else(|| t.text("sd-frame-whole-school"), |(_, name)| name.clone());
        let texts = [
            &frame.formal,
            &frame.recognition,
            &frame.application,
            &frame.management,
            &frame.emotional,
        ];
        FrameView {
            id: frame.id,
            week: frame
                .monday()
                .map_or_else(|| frame.week_of.clone(), |d| t.date(d)),
            audience,
            author: frame.author.clone(),
            draft: frame.published_at.is_none(),
            sections: SECTIONS
                .iter()
                .zip(texts)
                .map(|((_, heading), text)| (t.text(heading), text.clone()))
                .collect(),
        }
    }
}

fn reader(page: &Page) -> Reader {
    Reader {
        user_id: page.access.user_id,
        writer: page.can(Action::Create, Entity::FrameEntries),
    }
}

#[derive(Template)]
#[template(path = "staffdev/frame.html")]
struct WeekPage {
    layout: Layout,
    writer: bool,
    current: Vec<FrameView>,
    drafts: Vec<FrameView>,
    earlier: Vec<FrameView>,
}

/// Splits the frames into this week's published ones, drafts, and the other weeks.
fn week_page(tenant: &mut Tenant<'_>, page: &Page) -> Result<WeekPage, AppError> {
    let reader = reader(page);
    let this_monday = form::monday_of(tenant.today());
    let campuses = queries::campus_names(tenant)?;
    let frames = queries::frames(tenant, &reader, LISTED)?;
    let (mut current, mut drafts, mut earlier) = (Vec::new(), Vec::new(), Vec::new());
    for frame in frames {
        let this_week = frame.monday() == Some(this_monday);
        let view = FrameView::of(frame, &campuses, &page.t);
        match (view.draft, this_week) {
            (true, _) => drafts.push(view),
            (false, true) => current.push(view),
            (false, false) => earlier.push(view),
        }
    }
    Ok(WeekPage {
        layout: page.layout(page.t.text("sd-frame-title")),
        writer: reader.writer,
        current,
        drafts,
        earlier,
    })
}

pub(super) async fn this_week(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        week_page(tenant, &page)
    })
    .await?;
    render(&view)
}

#[derive(Template)]
#[template(path = "staffdev/frame_one.html")]
struct OnePage {
    layout: Layout,
    frame: FrameView,
    writer: bool,
}

pub(super) async fn show(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let reader = reader(&page);
        let frame = queries::find(tenant, &reader, id)?.ok_or(AppError::NotFound)?;
        let campuses = queries::campus_names(tenant)?;
        let frame = FrameView::of(frame, &campuses, &page.t);
        let title = page
            .t
            .message("sd-frame-week-title")
            .arg("week", &frame.week);
        Ok(OnePage {
            layout: page.layout(title.to_string()),
            frame,
            writer: reader.writer,
        })
    })
    .await?;
    render(&view)
}

#[derive(Template)]
#[template(path = "staffdev/frame_form.html")]
struct FormPage {
    layout: Layout,
    values: FrameValues,
    errors: FieldErrors,
    campuses: Vec<(Uuid, String)>,
    /// The draft being changed, or none for a new frame.
    editing: Option<Uuid>,
}

impl FormPage {
    fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/staff-development/frame/{id}"),
            None => "/staff-development/frame".to_owned(),
        }
    }

    fn sections(&self) -> Vec<(&'static str, String, &str, Option<&str>)> {
        let t = self.layout.t;
        SECTIONS
            .iter()
            .map(|(column, heading)| {
                let value = self.values.section(column);
                (*column, t.text(heading), value, self.errors.get(column))
            })
            .collect()
    }
}

fn form_page(
    page: &Page,
    values: FrameValues,
    errors: FieldErrors,
    campuses: Vec<(Uuid, String)>,
    editing: Option<Uuid>,
) -> FormPage {
    let title = match editing {
        Some(_) => page.t.text("sd-frame-edit-title"),
        None => page.t.text("sd-frame-new-title"),
    };
    FormPage {
        layout: page.layout(title),
        values,
        errors,
        campuses,
        editing,
    }
}

pub(super) async fn new_form(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let values = FrameValues::new_for(form::monday_of(tenant.today()));
        let campuses = queries::campus_names(tenant)?;
        Ok(form_page(
            &page,
            values,
            FieldErrors::default(),
            campuses,
            None,
        ))
    })
    .await?;
    render(&view)
}

pub(super) async fn edit_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let frame = queries::find(tenant, &reader(&page), id)?
            .filter(|f| f.published_at.is_none())
            .ok_or(AppError::NotFound)?;
        let campuses = queries::campus_names(tenant)?;
        let values = FrameValues::of(&frame);
        Ok(form_page(
            &page,
            values,
            FieldErrors::default(),
            campuses,
            Some(id),
        ))
    })
    .await?;
    render(&view)
}

/// What a save came to: the frame's id (and whether it was published now), or the
/// form again with its messages.
enum Saved {
    Kept(Uuid, Option<Published>),
    Refused(Box<FormPage>),
}

/// Checks and keeps the form as a new draft or over the draft `editing`, and
/// publishes it when asked, all in one transaction.
fn keep(
    tenant: &mut Tenant<'_>,
    page: &Page,
    state: &AppState,
    values: FrameValues,
    editing: Option<Uuid>,
) -> Result<Saved, AppError> {
    let campuses = queries::campus_names(tenant)?;
    let text = match form::check(&values, &campuses, &page.t) {
        Ok(text) => text,
        Err(errors) => {
            let view = form_page(page, values, errors, campuses, editing);
            return Ok(Saved::Refused(Box::new(view)));
        }
    };
    let user = page.access.user_id;
    let id = match editing {
        Some(id) if queries::update_draft(tenant, id, user, &text)? => id,
        Some(_) => return Err(AppError::NotFound),
        None => queries::insert_draft(tenant, (user, page.access.display_name.as_str()), &text)?,
    };
    let published = if values.publishes() {
        let school = page.access.school_language.as_deref();
        Some(publishing::publish(
            tenant,
            &state.mailer,
            school,
            id,
            user,
        )?)
    } else {
        None
    };
    Ok(Saved::Kept(id, published))
}

async fn save_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    values: FrameValues,
    editing: Option<Uuid>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let app = state.clone();
    let saved = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        keep(tenant, &page, &app, values, editing)
    })
    .await?;
    match saved {
        Saved::Refused(view) => render_as(view.as_ref(), StatusCode::UNPROCESSABLE_ENTITY),
        Saved::Kept(id, published) => {
            let message = match published {
                Some(outcome) => published_message(&outcome, &t),
                None => t.text("sd-frame-draft-saved"),
            };
            flash::push(&session, Level::Success, message);
            Ok(see_other(&format!("/staff-development/frame/{id}")))
        }
    }
}

fn published_message(outcome: &Published, t: &Lang) -> String {
    match outcome {
        Published::Now(told) => t
            .message("sd-frame-published")
            .arg("count", *told as i64)
            .to_string(),
        Published::Already => t.text("sd-frame-already-published"),
    }
}

pub(super) async fn create(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<FrameValues>,
) -> Result<HttpResponse, AppError> {
    save_form(page, state, session, form.into_inner(), None).await
}

pub(super) async fn save(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
    form: input::Form<FrameValues>,
) -> Result<HttpResponse, AppError> {
    save_form(
        page,
        state,
        session,
        form.into_inner(),
        Some(path.into_inner()),
    )
    .await
}

pub(super) async fn publish(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let t = page.t;
    let app = state.clone();
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let school = page.access.school_language.as_deref();
        publishing::publish(tenant, &app.mailer, school, id, page.access.user_id)
    })
    .await?;
    let level = match outcome {
        Published::Now(_) => Level::Success,
        Published::Already => Level::Info,
    };
    flash::push(&session, level, published_message(&outcome, &t));
    Ok(see_other(&format!("/staff-development/frame/{id}")))
}

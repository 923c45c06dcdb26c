//! The walkthrough form: a new visit, a change to one, and the teacher field htmx
//! refreshes when the classroom or the time changes.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{draft_key, script_url};
use crate::forms::once::{self, Once, Owner};
use crate::forms::{Guard, RestoreQuery, kept};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::walkthroughs::forms::WalkthroughValues;
use crate::walkthroughs::models::DIMENSIONS;
use crate::walkthroughs::queries::{RoomOption, TeacherOption};
use crate::walkthroughs::recording::{self, FormData, Saved, Suggestion};
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

struct AreaField {
    /// The id of the area's name.
    label: &'static str,
    key: &'static str,
    rating_field: &'static str,
    comment_field: &'static str,
    value: String,
    comment: String,
    error: Option<String>,
    comment_error: Option<String>,
}

impl AreaField {
    fn is(&self, score: &str) -> bool {
        self.value == score
    }
}

fn area_fields(values: &WalkthroughValues, errors: &FieldErrors) -> Vec<AreaField> {
    DIMENSIONS
        .iter()
        .enumerate()
        .map(|(i, d)| AreaField {
            label: d.label,
            key: d.key,
            rating_field: d.rating_field,
            comment_field: d.comment_field,
            value: values.ratings[i].trim().to_owned(),
            comment: values.comments[i].clone(),
            error: errors.get(d.rating_field).map(str::to_owned),
            comment_error: errors.get(d.comment_field).map(str::to_owned),
        })
        .collect()
}

const SCORES: [&str; 5] = ["1", "2", "3", "4", "5"];

#[derive(Template)]
#[template(path = "walkthroughs/form.html")]
struct FormPage {
    layout: Layout,
    /// The reader's language, also for the teacher field htmx refreshes alone.
    t: Lang,
    heading: &'static str,
    action: String,
    cancel: String,
    submit_label: &'static str,
    values: WalkthroughValues,
    errors: FieldErrors,
    areas: Vec<AreaField>,
    /// The school's names of the areas.
    area_names: crate::walkthroughs::AreaNames,
    scores: [&'static str; 5],
    rooms: Vec<RoomOption>,
    teachers: Vec<TeacherOption>,
    /// Said when there is nobody to visit, with the link to add the staff.
    no_teachers: Option<crate::setup::Notice>,
    suggestion: Suggestion,
    draft_key: String,
    restore_draft: bool,
    script: String,
    guard: Guard,
}

/// The teacher field alone, for htmx when the classroom or the time changes.
#[derive(Template)]
#[template(path = "walkthroughs/form.html", block = "teacher_field")]
struct TeacherField {
    t: Lang,
    values: WalkthroughValues,
    errors: FieldErrors,
    teachers: Vec<TeacherOption>,
    suggestion: Suggestion,
}

/// Which form: its heading and button are message ids.
struct FormMode {
    heading: &'static str,
    action: String,
    cancel: String,
    submit_label: &'static str,
    walkthrough: Option<Uuid>,
    guard: Guard,
}

impl FormMode {
    /// A new visit's form; `given` is what it was sent or restored with (its token goes on).
    fn new(given: &[(String, String)]) -> FormMode {
        FormMode {
            heading: msg("walk-new-title"),
            action: "/walkthroughs".to_owned(),
            cancel: "/walkthroughs".to_owned(),
            submit_label: msg("walk-save"),
            walkthrough: None,
            guard: Guard::new_record("/walkthroughs/new", given),
        }
    }

    fn edit(id: Uuid) -> FormMode {
        FormMode {
            heading: msg("walk-edit-title"),
            action: format!("/walkthroughs/{id}"),
            cancel: format!("/walkthroughs/{id}"),
            submit_label: msg("walk-save-changes"),
            walkthrough: Some(id),
            guard: Guard::edit(format!("/walkthroughs/{id}/edit")),
        }
    }
}

fn form_page(
    page: &Page,
    mode: FormMode,
    values: WalkthroughValues,
    errors: FieldErrors,
    data: FormData,
) -> FormPage {
    let restore_draft = errors.is_empty();
    FormPage {
        layout: page.layout(page.t.text(mode.heading)),
        t: page.t,
        heading: mode.heading,
        action: mode.action,
        cancel: mode.cancel,
        submit_label: mode.submit_label,
        areas: area_fields(&values, &errors),
        area_names: data.areas,
        scores: SCORES,
        values,
        errors,
        rooms: data.rooms,
        no_teachers: (data.teachers.is_empty())
            .then(|| crate::setup::NO_TEACHERS.notice(page.t, &page.access)),
        teachers: data.teachers,
        suggestion: data.suggestion,
        draft_key: draft_key(data.viewer.user_id, mode.walkthrough),
        restore_draft,
        script: script_url(),
        guard: mode.guard,
    }
}

/// After a save: to the visit with a flash, or the form back with its errors.
fn saved(
    page: &Page,
    session: &Session,
    saved: Saved,
    mode: FormMode,
    done: &str,
) -> Result<HttpResponse, AppError> {
    match saved {
        Saved::Done(id) => {
            flash::push(session, Level::Success, page.t.text(done));
            let which = if mode.walkthrough.is_some() {
                "edit"
            } else {
                "new"
            };
            Ok(see_other(&format!("/walkthroughs/{id}?saved={which}")))
        }
        Saved::Refused(refused) => {
            let (values, errors, data) = *refused;
            render_as(
                &form_page(page, mode, values, errors, data),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

pub(super) async fn new_form(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<RestoreQuery>,
) -> Result<HttpResponse, AppError> {
    let (access, t) = (page.access.clone(), page.t);
    let restore = query.into_inner().restore;
    let (given, notice, values, data) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let restored = kept::restore(tenant, "/walkthroughs/new", restore.as_deref())?;
            let (given, notice) = restored.or(Vec::new(), t);
            let mut values = if given.is_empty() {
                WalkthroughValues::now(access.time_zone)
            } else {
                WalkthroughValues::from_fields(&given)
            };
            let data = recording::form_data(tenant, &access, &mut values, false)?;
            Ok((given, notice, values, data))
        })
        .await?;
    let errors = FieldErrors::default();
    let mut form = form_page(&page, FormMode::new(&given), values, errors, data);
    form.layout.flashes.extend(notice);
    render(&form)
}

#[derive(Deserialize)]
pub(super) struct SuggestQuery {
    #[serde(default)]
    classroom: String,
    #[serde(default)]
    teacher: String,
    #[serde(default)]
    check_in_date: String,
    #[serde(default)]
    check_in_time: String,
    /// The teacher suggested before; a teacher the director chose instead stays.
    #[serde(default)]
    suggested: String,
}

pub(super) async fn suggest_teacher(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<SuggestQuery>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let query = query.into_inner();
    let replace = query.teacher.trim().is_empty() || query.teacher.trim() == query.suggested.trim();
    let mut values = WalkthroughValues {
        classroom: query.classroom,
        teacher: query.teacher,
        check_in_date: query.check_in_date,
        check_in_time: query.check_in_time,
        ..WalkthroughValues::default()
    };
    let (values, data) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let data = recording::form_data(tenant, &access, &mut values, replace)?;
        Ok((values, data))
    })
    .await?;
    render(&TeacherField {
        t: page.t,
        values,
        errors: FieldErrors::default(),
        teachers: data.teachers,
        suggestion: data.suggestion,
    })
}

pub(super) async fn create_walkthrough(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let values = WalkthroughValues::from_fields(&form);
    let token = once::token_in(&form).map(str::to_owned);
    let state_for_work = state.clone();
    let t = page.t;
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        once::create_once(
            tenant,
            Owner::of(tenant),
            token.as_deref(),
            |tenant| recording::create(tenant, &access, &state_for_work, values, &t),
            |saved| match saved {
                Saved::Done(id) => Some(format!("/walkthroughs/{id}")),
                Saved::Refused(_) => None,
            },
        )
    })
    .await?;
    let outcome = match outcome {
        Once::Created(outcome) => outcome,
        Once::AlreadySaved(visit) => return Ok(once::already_saved(&session, &visit, page.t)),
    };
    let done = msg("walk-saved");
    saved(&page, &session, outcome, FormMode::new(&form), done)
}

pub(super) async fn edit_form(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<RestoreQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (access, t) = (page.access.clone(), page.t);
    let hours = state.settings.walkthrough_edit_hours;
    let restore = query.into_inner().restore;
    let (notice, values, data) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let (stored, data) = recording::edit_form(tenant, &access, id, hours)?;
            let form_page = format!("/walkthroughs/{id}/edit");
            let restored = kept::restore(tenant, &form_page, restore.as_deref())?;
            let values = restored
                .fields()
                .map_or(stored, WalkthroughValues::from_fields);
            Ok((restored.notice(t), values, data))
        })
        .await?;
    let errors = FieldErrors::default();
    let mut form = form_page(&page, FormMode::edit(id), values, errors, data);
    form.layout.flashes.extend(notice);
    render(&form)
}

pub(super) async fn save_edit(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let access = page.access.clone();
    let hours = state.settings.walkthrough_edit_hours;
    let values = WalkthroughValues::from_fields(&form);
    let t = page.t;
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        recording::save_edit(tenant, &access, id, hours, values, &t)
    })
    .await?;
    let done = msg("walk-changes-saved");
    saved(&page, &session, outcome, FormMode::edit(id), done)
}

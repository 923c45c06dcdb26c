//! Writing a message (`/messages/new`, a draft's `/messages/{id}/edit`): subject,
//! text, audience and channels; a preview counts who it reaches; it is kept as a
//! draft, scheduled, or sent. Its delivery report is `/messages/{id}/delivery`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use uuid::Uuid;

use super::outgoing::{self, Draft, Preview};
use super::queries::{self, AudienceChoices};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::{MessageAudience, MessageStatus};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// Writing messages at all: to the classes one teaches.
const WRITE: Permission = Permission::new(Action::Create, Entity::Messages);
/// Writing to any audience.
const WRITE_ANYONE: Permission = Permission::new(Action::Create, Entity::MessageRecipients);

pub fn routes(r: &mut Routes) {
    let write = Gate::Requires(WRITE);
    let read = Gate::Requires(Permission::new(Action::Read, Entity::Messages));
    r.get("/messages/new", write, new_form)
        .post("/messages/new", write, submit_new)
        .get("/messages/{id}/edit", write, edit_form)
        .post("/messages/{id}/edit", write, submit_edit)
        .get("/messages/{id}/delivery", read, super::report::show)
        .post("/messages/{id}/retry", write, super::report::retry);
    r.menu(MenuEntry {
        group: MenuGroup::Communication,
        order: 10,
        label: "messages-nav-new",
        href: "/messages/new",
        gate: write,
    });
}

/// The audiences in the order the form offers them.
const AUDIENCES: [MessageAudience; 8] = [
    MessageAudience::Everyone,
    MessageAudience::Staff,
    MessageAudience::Guardians,
    MessageAudience::Students,
    MessageAudience::Campus,
    MessageAudience::Grade,
    MessageAudience::Class,
    MessageAudience::Custom,
];

/// The field of the form that names an audience's campuses, grades, classes or people.
fn ids_field(audience: MessageAudience) -> Option<&'static str> {
    match audience {
        MessageAudience::Campus => Some("campus"),
        MessageAudience::Grade => Some("grade"),
        MessageAudience::Class => Some("class"),
        MessageAudience::Custom => Some("person"),
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "communication/compose.html")]
struct ComposePage {
    layout: Layout,
    action: String,
    draft: Draft,
    /// What the time field shows: the scheduled time in the school's zone.
    send_at: String,
    audiences: Vec<MessageAudience>,
    choices: AudienceChoices,
    errors: FieldErrors,
    preview: Option<Preview>,
}

impl ComposePage {
    fn chosen(&self, id: &Uuid) -> bool {
        self.draft.ids.contains(id)
    }

    fn audience_label(&self, audience: &MessageAudience) -> &'static str {
        match audience {
            MessageAudience::Everyone => msg("messages-audience-everyone"),
            MessageAudience::Staff => msg("messages-audience-staff"),
            MessageAudience::Guardians => msg("messages-audience-guardians"),
            MessageAudience::Students => msg("messages-audience-students"),
            MessageAudience::Campus => msg("messages-audience-campus"),
            MessageAudience::Grade => msg("messages-audience-grade"),
            MessageAudience::Class => msg("messages-audience-class"),
            MessageAudience::Custom => msg("messages-audience-custom"),
        }
    }

    fn is_audience(&self, audience: &MessageAudience) -> bool {
        self.draft.audience == Some(*audience)
    }
}

/// What the sender asked for with the button they pressed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Intent {
    Preview,
    Keep,
    Schedule,
    Send,
}

/// The form as sent: the draft, the button, and what is wrong with it.
fn read_form(
    t: Lang,
    zone: chrono_tz::Tz,
    pairs: Vec<(String, String)>,
) -> (Draft, Intent, FieldErrors) {
    let mut draft = Draft::default();
    let mut intent = Intent::Preview;
    let mut errors = FieldErrors::default();
    let mut ids: Vec<(String, Uuid)> = Vec::new();
    let mut send_at = String::new();
    for (name, value) in pairs {
        match name.as_str() {
            "subject" => draft.subject = input::normalize(&value).trim().to_owned(),
            "body" => draft.body = input::normalize(&value).trim_end().to_owned(),
            "audience" => draft.audience = value.parse().ok(),
            "campus" | "grade" | "class" | "person" => {
                if let Ok(id) = value.parse() {
                    ids.push((name, id));
                }
            }
            "guardians" => draft.guardians = true,
            "students" => draft.students = true,
            "staff" => draft.staff = true,
            "in_app" => draft.in_app = true,
            "email" => draft.email = true,
            "send_at" => send_at = value.trim().to_owned(),
            "intent" => {
                intent = match value.as_str() {
                    "keep" => Intent::Keep,
                    "schedule" => Intent::Schedule,
                    "send" => Intent::Send,
                    _ => Intent::Preview,
                }
            }
            _ => {}
        }
    }
    let field = draft.audience.and_then(ids_field);
    draft.ids = ids
        .into_iter()
        .filter(|(name, _)| Some(name.as_str()) == field)
        .map(|(_, id)| id)
        .collect();
    draft.send_at = NaiveDateTime::parse_from_str(&send_at, "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|local| zone.from_local_datetime(&local).earliest())
        .map(|at| at.with_timezone(&Utc));
    if !send_at.is_empty() && draft.send_at.is_none() {
        errors.add("send_at", t.text("messages-error-when"));
    }
    draft = draft.normalized();
    if draft.subject.is_empty() {
        errors.add("subject", t.text("messages-error-subject"));
    } else if draft.subject.chars().count() > 200 {
        errors.add("subject", t.text("messages-error-subject-long"));
    }
    if draft.body.trim().is_empty() && intent != Intent::Keep {
        errors.add("body", t.text("messages-error-body"));
    }
    match draft.audience {
        None => errors.add("audience", t.text("messages-error-audience")),
        Some(a) if ids_field(a).is_some() && draft.ids.is_empty() => {
            errors.add("audience", t.text("messages-error-audience-which"))
        }
        Some(_)
            if !(draft.guardians || draft.students || draft.staff)
                && draft.audience != Some(MessageAudience::Custom) =>
        {
            errors.add("audience", t.text("messages-error-nobody"))
        }
        Some(_) => {}
    }
    if !draft.in_app && !draft.email {
        errors.add("channels", t.text("messages-error-channel"));
    }
    if intent == Intent::Schedule && draft.send_at.is_none_or(|at| at <= crate::clock::now()) {
        errors.add("send_at", t.text("messages-error-later"));
    }
    (draft, intent, errors)
}

/// A new message's starting point: in-app, to the guardians.
fn fresh() -> Draft {
    Draft {
        guardians: true,
        in_app: true,
        email: true,
        ..Draft::default()
    }
}

/// What happened to a submitted form.
enum Outcome {
    Form(
        Box<(Draft, FieldErrors, Option<Preview>, AudienceChoices)>,
        StatusCode,
    ),
    Done(Uuid, Intent),
    Gone,
}

/// Checks who may write to the audience, then previews, keeps, schedules or sends.
fn handle(
    tenant: &mut crate::db::Tenant<'_>,
    t: Lang,
    wide: bool,
    id: Option<Uuid>,
    (draft, intent, mut errors): (Draft, Intent, FieldErrors),
) -> diesel::QueryResult<Outcome> {
    // Only a draft or queued message the writer can see is changed.
    if let Some(id) = id
        && !matches!(
            outgoing::load(tenant, id)?,
            Some((_, MessageStatus::Draft | MessageStatus::Queued))
        )
    {
        return Ok(Outcome::Gone);
    }
    let taught = (!wide)
        .then(|| outgoing::taught_classes(tenant))
        .transpose()?;
    if let Some(taught) = &taught
        && draft.audience.is_some()
        && !outgoing::within_own_classes(&draft, taught)
    {
        errors.add("audience", t.text("messages-error-own-classes"));
    }
    let refused = if errors.get("audience").is_some() && taught.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    if intent == Intent::Preview || !errors.is_empty() {
        let preview = (errors.is_empty())
            .then(|| outgoing::preview(tenant, &draft))
            .transpose()?;
        let choices = queries::audience_choices(tenant, taught.as_deref())?;
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            refused
        };
        return Ok(Outcome::Form(
            Box::new((draft, errors, preview, choices)),
            status,
        ));
    }
    let status = match intent {
        Intent::Keep => MessageStatus::Draft,
        _ => MessageStatus::Queued,
    };
    let mut draft = draft;
    if intent != Intent::Schedule {
        draft.send_at = None;
    }
    let Some(saved) = outgoing::save(tenant, id, &draft, status)? else {
        return Ok(Outcome::Gone);
    };
    if intent == Intent::Send {
        let sender = tenant.user().map(|u| u.uuid());
        outgoing::send_now(tenant, saved, &draft, sender, crate::clock::now())?;
    }
    Ok(Outcome::Done(saved, intent))
}

fn compose_page(
    page: &Page,
    action: String,
    parts: (Draft, FieldErrors, Option<Preview>, AudienceChoices),
) -> ComposePage {
    let (draft, errors, preview, choices) = parts;
    let zone = page.access.time_zone;
    let send_at = draft
        .send_at
        .map(|at: DateTime<Utc>| {
            at.with_timezone(&zone)
                .naive_local()
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let audiences = if page.access.can(WRITE_ANYONE) {
        AUDIENCES.to_vec()
    } else {
        vec![MessageAudience::Class]
    };
    ComposePage {
        layout: page.layout(page.t.text("messages-compose-title")),
        action,
        draft,
        send_at,
        audiences,
        choices,
        errors,
        preview,
    }
}

async fn new_form(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let wide = page.access.can(WRITE_ANYONE);
    let choices = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let taught = (!wide)
            .then(|| outgoing::taught_classes(tenant))
            .transpose()?;
        Ok(queries::audience_choices(tenant, taught.as_deref())?)
    })
    .await?;
    let mut draft = fresh();
    if !wide {
        draft.audience = Some(MessageAudience::Class);
    }
    render(&compose_page(
        &page,
        "/messages/new".to_owned(),
        (draft, FieldErrors::default(), None, choices),
    ))
}

async fn edit_form(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (id, wide) = (*id, page.access.can(WRITE_ANYONE));
    let (draft, choices) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let found = outgoing::load(tenant, id)?;
            let taught = (!wide)
                .then(|| outgoing::taught_classes(tenant))
                .transpose()?;
            Ok::<_, AppError>((found, queries::audience_choices(tenant, taught.as_deref())?))
        })
        .await?;
    let Some((draft, MessageStatus::Draft | MessageStatus::Queued)) = draft else {
        return Err(AppError::NotFound);
    };
    let action = format!("/messages/{id}/edit");
    render(&compose_page(
        &page,
        action,
        (draft, FieldErrors::default(), None, choices),
    ))
}

async fn submit_new(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    submit(page, session, state, None, form.into_inner()).await
}

async fn submit_edit(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    submit(page, session, state, Some(*id), form.into_inner()).await
}

async fn submit(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: Option<Uuid>,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (t, wide) = (page.t, page.access.can(WRITE_ANYONE));
    let read = read_form(t, page.access.time_zone, pairs);
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok::<_, AppError>(handle(tenant, t, wide, id, read)?)
    })
    .await?;
    match outcome {
        Outcome::Form(parts, status) => {
            let action = id.map_or_else(
                || "/messages/new".to_owned(),
                |id| format!("/messages/{id}/edit"),
            );
            render_as(&compose_page(&page, action, *parts), status)
        }
        Outcome::Done(saved, intent) => {
            let said = match intent {
                Intent::Keep => msg("messages-kept"),
                Intent::Schedule => msg("messages-scheduled"),
                _ => msg("messages-sent"),
            };
            flash::push(&session, Level::Success, t.text(said));
            Ok(see_other(&format!("/messages/{saved}/delivery")))
        }
        Outcome::Gone => Err(AppError::NotFound),
    }
}

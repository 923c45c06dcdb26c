//! Writing a message (`/messages/new`, a draft's `/messages/{id}/edit`): subject,
//! text, audience and channels; a preview counts who it reaches; it is kept as a
//! draft, scheduled, or sent. Its delivery report is `/messages/{id}/delivery`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use uuid::Uuid;

use super::outgoing::{self, Draft, Preview};
use super::queries::{self, AudienceChoices, Choice};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::{MessageAudience, MessageStatus};
use crate::files::{EntityKind, FileStore, NewFile, StoredFile, Upload};
use crate::i18n::{Lang, msg};
use crate::search::PersonKind;
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
        .get("/messages/people", Gate::Requires(WRITE_ANYONE), people)
        .get("/messages/people/pick", Gate::Requires(WRITE_ANYONE), pick)
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
    /// The people picked by hand, named.
    picked: Vec<Choice>,
    /// What the chooser's search found (the form sent without JavaScript).
    found: Option<Found>,
    /// The files kept with the draft.
    attachments: Vec<StoredFile>,
    /// "10 MB": the most one file may hold.
    upload_limit: String,
    /// The types the file input offers.
    accept: &'static str,
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
    /// Search for people to pick (the chooser without JavaScript).
    Find,
    Keep,
    Schedule,
    Send,
}

/// The form as sent: the draft, the button, and what is wrong with it.
fn read_form(
    t: Lang,
    zone: chrono_tz::Tz,
    pairs: Vec<(String, String)>,
) -> (Draft, Intent, FieldErrors, Asked) {
    let mut draft = Draft::default();
    let mut intent = Intent::Preview;
    let mut errors = FieldErrors::default();
    let mut ids: Vec<(String, Uuid)> = Vec::new();
    let mut send_at = String::new();
    let mut asked = Asked::default();
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
            "person_q" => asked.query = search_text(&value),
            "drop_file" => asked.dropped.extend(value.parse::<Uuid>().ok()),
            "intent" => {
                intent = match value.as_str() {
                    "keep" => Intent::Keep,
                    "schedule" => Intent::Schedule,
                    "send" => Intent::Send,
                    "find" => Intent::Find,
                    _ => Intent::Preview,
                }
            }
            _ => {}
        }
    }
    // Looking for someone is choosing people by hand.
    if intent == Intent::Find && !asked.query.is_empty() {
        draft.audience = Some(MessageAudience::Custom);
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
    (draft, intent, errors, asked)
}

/// What the form asked besides the message: a search for people, files to drop.
#[derive(Default)]
struct Asked {
    query: String,
    dropped: Vec<Uuid>,
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
    Form(Box<Shown>, StatusCode),
    Done(Uuid, Intent),
    Gone,
}

/// The form as it comes back: the draft (kept as `saved` when it has files), what
/// is wrong, the preview, and what the audience and chooser offer.
struct Shown {
    draft: Draft,
    errors: FieldErrors,
    preview: Option<Preview>,
    choices: AudienceChoices,
    saved: Option<Uuid>,
    picked: Vec<Choice>,
    found: Option<Found>,
    attachments: Vec<StoredFile>,
}

/// Who is writing and what they may look through.
struct Writer {
    t: Lang,
    wide: bool,
    user: Uuid,
    /// The kinds of people the writer may read, for the chooser.
    kinds: Vec<PersonKind>,
}

/// A submitted form: the message, the button, its problems, and its files.
struct Submitted {
    draft: Draft,
    intent: Intent,
    errors: FieldErrors,
    asked: Asked,
    uploads: Vec<Upload>,
}

/// The people the chooser found, by kind.
pub struct Found {
    pub query: String,
    pub groups: Vec<(String, Vec<Choice>)>,
    /// Too few letters to look.
    pub too_short: bool,
}

impl Found {
    fn is_empty(&self) -> bool {
        self.groups.iter().all(|(_, people)| people.is_empty())
    }
}

/// What the chooser looks for: the text typed, trimmed, at most 100 characters.
fn search_text(typed: &str) -> String {
    typed.trim().chars().take(100).collect()
}

/// How many of each kind the chooser lists.
const FOUND_LIMIT: usize = 8;

/// People of the kinds the writer may read whose name (number, e-mail, phone)
/// holds every word of `query`: the header's search, for choosing.
fn find_people(
    tenant: &mut crate::db::Tenant<'_>,
    t: Lang,
    kinds: &[PersonKind],
    query: &str,
) -> diesel::QueryResult<Found> {
    let too_short = query.chars().filter(|c| !c.is_whitespace()).count() < 2;
    let mut groups = Vec::new();
    if !too_short {
        let (terms, whole) = (
            crate::search::terms(query),
            crate::db::text::Whole::new(query),
        );
        for kind in kinds {
            let group =
                crate::search::find_people(tenant, *kind, &terms, whole.as_ref(), FOUND_LIMIT)?;
            let people = group
                .people
                .into_iter()
                .map(|p| Choice {
                    id: p.id,
                    name: p.name,
                })
                .collect();
            groups.push((kind.entity().label_in(t), people));
        }
    }
    Ok(Found {
        query: query.to_owned(),
        groups,
        too_short,
    })
}

/// Checks who may write to the audience and the files, then previews, finds
/// people, keeps, schedules or sends. A form with files that is otherwise sound is
/// kept as a draft at once, so the files stay with it.
fn handle(
    tenant: &mut crate::db::Tenant<'_>,
    writer: &Writer,
    files: &FileStore,
    id: Option<Uuid>,
    sent: Submitted,
) -> Result<Outcome, AppError> {
    let Submitted {
        mut draft,
        intent,
        mut errors,
        asked,
        uploads,
    } = sent;
    let t = writer.t;
    // People picked by hand are only those of the kinds the writer may read.
    if draft.audience == Some(MessageAudience::Custom) && !draft.ids.is_empty() {
        let kept: Vec<Uuid> = queries::picked_people(tenant, &writer.kinds, &draft.ids)?
            .into_iter()
            .map(|p| p.id)
            .collect();
        draft.ids.retain(|id| kept.contains(id));
        if draft.ids.is_empty() && errors.get("audience").is_none() {
            errors.add("audience", t.text("messages-error-audience-which"));
        }
    }
    // Only a draft or queued message the writer can see is changed.
    if let Some(id) = id
        && !matches!(
            outgoing::load(tenant, id)?,
            Some((_, MessageStatus::Draft | MessageStatus::Queued))
        )
    {
        return Ok(Outcome::Gone);
    }
    let taught = (!writer.wide)
        .then(|| outgoing::taught_classes(tenant))
        .transpose()?;
    if let Some(taught) = &taught
        && draft.audience.is_some()
        && !outgoing::within_own_classes(&draft, taught)
    {
        errors.add("audience", t.text("messages-error-own-classes"));
    }
    for upload in &uploads {
        if let Err(e) = crate::files::check(files, upload, crate::files::Purpose::Attachment) {
            errors.add("attachments", e.message(t));
        }
    }
    let refused = if errors.get("audience").is_some() && taught.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let finding = intent == Intent::Find;
    let changes_files = !uploads.is_empty() || !asked.dropped.is_empty();
    if intent == Intent::Preview || finding || !errors.is_empty() {
        let sound = errors.is_empty();
        // Looking for people is not finishing the message: its gaps wait, but a
        // refused file or audience does not.
        if finding {
            let mut kept = FieldErrors::default();
            for field in ["attachments", "audience"] {
                if let Some(message) = errors.get(field)
                    && (field == "attachments" || taught.is_some())
                {
                    kept.add(field, message.to_owned());
                }
            }
            errors = kept;
        }
        let saved = if sound && changes_files {
            save_with_files(tenant, writer, files, id, &draft, &uploads, &asked)?
        } else {
            if !uploads.is_empty() && errors.get("attachments").is_none() {
                errors.add("attachments", t.text("messages-attach-again"));
            }
            id
        };
        let preview = (sound && !finding)
            .then(|| outgoing::preview(tenant, &draft))
            .transpose()?;
        let found = (finding && !asked.query.is_empty())
            .then(|| find_people(tenant, t, &writer.kinds, &asked.query))
            .transpose()?;
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            refused
        };
        let shown = shown(tenant, taught.as_deref(), draft, errors, saved)?;
        return Ok(Outcome::Form(
            Box::new(Shown {
                preview,
                found,
                ..shown
            }),
            status,
        ));
    }
    let status = match intent {
        Intent::Keep => MessageStatus::Draft,
        _ => MessageStatus::Queued,
    };
    if intent != Intent::Schedule {
        draft.send_at = None;
    }
    let Some(saved) = outgoing::save(tenant, id, &draft, status)? else {
        return Ok(Outcome::Gone);
    };
    attach(tenant, writer, files, saved, &uploads, &asked)?;
    if intent == Intent::Send {
        let sender = tenant.user().map(|u| u.uuid());
        outgoing::send_now(tenant, saved, &draft, sender, crate::clock::now())?;
    }
    Ok(Outcome::Done(saved, intent))
}

/// Keeps the draft (as a draft) with its files; returns its id.
fn save_with_files(
    tenant: &mut crate::db::Tenant<'_>,
    writer: &Writer,
    files: &FileStore,
    id: Option<Uuid>,
    draft: &Draft,
    uploads: &[Upload],
    asked: &Asked,
) -> Result<Option<Uuid>, AppError> {
    let Some(saved) = outgoing::save(tenant, id, draft, MessageStatus::Draft)? else {
        return Err(AppError::NotFound);
    };
    attach(tenant, writer, files, saved, uploads, asked)?;
    Ok(Some(saved))
}

/// Stores the uploads on the message and drops the files the writer took off.
fn attach(
    tenant: &mut crate::db::Tenant<'_>,
    writer: &Writer,
    files: &FileStore,
    message: Uuid,
    uploads: &[Upload],
    asked: &Asked,
) -> Result<(), AppError> {
    let kept = crate::files::files_of(tenant, EntityKind::Message, message)?;
    for file in kept.iter().filter(|f| asked.dropped.contains(&f.id)) {
        crate::files::remove(tenant, file.id, writer.user)?;
    }
    for upload in uploads {
        let new = NewFile {
            kind: EntityKind::Message,
            record_id: message,
            purpose: crate::files::Purpose::Attachment,
            uploaded_by: writer.user,
            upload,
        };
        crate::files::store(tenant, files, &new).map_err(|e| e.into_app_error(writer.t))?;
    }
    Ok(())
}

/// What the form shows around a draft: the audience's choices, the people picked
/// and the files kept.
fn shown(
    tenant: &mut crate::db::Tenant<'_>,
    taught: Option<&[Uuid]>,
    draft: Draft,
    errors: FieldErrors,
    saved: Option<Uuid>,
) -> Result<Shown, AppError> {
    let choices = queries::audience_choices(tenant, taught)?;
    // The ids of a custom audience were kept to those the writer may pick (`handle`).
    let picked = if draft.audience == Some(MessageAudience::Custom) {
        queries::picked_people(tenant, &PersonKind::ALL, &draft.ids)?
    } else {
        Vec::new()
    };
    let attachments = match saved {
        Some(id) => crate::files::files_of(tenant, EntityKind::Message, id)?,
        None => Vec::new(),
    };
    Ok(Shown {
        draft,
        errors,
        preview: None,
        choices,
        saved,
        picked,
        found: None,
        attachments,
    })
}

fn compose_page(page: &Page, state: &AppState, shown: Shown) -> ComposePage {
    let Shown {
        draft,
        errors,
        preview,
        choices,
        saved,
        picked,
        found,
        attachments,
    } = shown;
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
    let action = saved.map_or_else(
        || "/messages/new".to_owned(),
        |id| format!("/messages/{id}/edit"),
    );
    ComposePage {
        layout: page.layout(page.t.text("messages-compose-title")),
        action,
        draft,
        send_at,
        audiences,
        choices,
        errors,
        preview,
        picked,
        found,
        attachments,
        upload_limit: crate::files::size_label(FileStore::new(&state.settings).max_bytes, page.t),
        accept: crate::files::content::ACCEPT_ANY,
    }
}

/// Who writes, as the handlers pass it to the database work.
fn writer(page: &Page) -> Writer {
    let access = &page.access;
    Writer {
        t: page.t,
        wide: access.can(WRITE_ANYONE),
        user: access.user_id,
        kinds: PersonKind::ALL
            .into_iter()
            .filter(|k| access.can_read(k.entity()))
            .collect(),
    }
}

async fn new_form(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let wide = page.access.can(WRITE_ANYONE);
    let mut draft = fresh();
    if !wide {
        draft.audience = Some(MessageAudience::Class);
    }
    let shown = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let taught = (!wide)
            .then(|| outgoing::taught_classes(tenant))
            .transpose()?;
        shown(
            tenant,
            taught.as_deref(),
            draft,
            FieldErrors::default(),
            None,
        )
    })
    .await?;
    render(&compose_page(&page, &state, shown))
}

async fn edit_form(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (id, wide) = (*id, page.access.can(WRITE_ANYONE));
    let shown = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let Some((draft, MessageStatus::Draft | MessageStatus::Queued)) =
            outgoing::load(tenant, id)?
        else {
            return Err(AppError::NotFound);
        };
        let taught = (!wide)
            .then(|| outgoing::taught_classes(tenant))
            .transpose()?;
        shown(
            tenant,
            taught.as_deref(),
            draft,
            FieldErrors::default(),
            Some(id),
        )
    })
    .await?;
    render(&compose_page(&page, &state, shown))
}

async fn submit_new(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let sent = read_body(&page, &state, &req, payload).await?;
    submit(page, session, state, None, sent).await
}

async fn submit_edit(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let sent = read_body(&page, &state, &req, payload).await?;
    submit(page, session, state, Some(*id), sent).await
}

/// The form as sent: url-encoded, or multipart when it carries files.
async fn read_body(
    page: &Page,
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Submitted, AppError> {
    let t = page.t;
    let multipart = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let (pairs, uploads, upload_error) = if multipart {
        let files = FileStore::new(&state.settings);
        let form = actix_multipart::Multipart::new(req.headers(), payload);
        let form = crate::files::read_form(form, &files)
            .await
            .map_err(|e| e.into_app_error(t))?;
        let (uploads, error) = match form.files("attachment") {
            Ok(sent) => (sent.into_iter().cloned().collect(), None),
            Err(e) => (Vec::new(), Some(e.message(t))),
        };
        (input::refuse_controls(form.fields)?, uploads, error)
    } else {
        let pairs = input::Fields::from_request(req, &mut payload.into_inner())
            .await
            .map_err(|e| input::unreadable_form(&e))?
            .into_inner();
        (pairs, Vec::new(), None)
    };
    let (draft, intent, mut errors, asked) = read_form(t, page.access.time_zone, pairs);
    if let Some(message) = upload_error {
        errors.add("attachments", message);
    }
    Ok(Submitted {
        draft,
        intent,
        errors,
        asked,
        uploads,
    })
}

async fn submit(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: Option<Uuid>,
    sent: Submitted,
) -> Result<HttpResponse, AppError> {
    let (t, writer) = (page.t, writer(&page));
    let files = FileStore::new(&state.settings);
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        handle(tenant, &writer, &files, id, sent)
    })
    .await?;
    match outcome {
        Outcome::Form(shown, status) => render_as(&compose_page(&page, &state, *shown), status),
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

#[derive(serde::Deserialize)]
struct PeopleQuery {
    #[serde(default)]
    person_q: String,
}

#[derive(Template)]
#[template(path = "communication/people_found.html")]
struct FoundFragment {
    t: Lang,
    found: Found,
    /// Each person found is a button that adds them (htmx).
    live: bool,
}

/// `GET /messages/people?person_q=`: the chooser's list as the writer types (htmx).
async fn people(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<PeopleQuery>,
) -> Result<HttpResponse, AppError> {
    let writer = writer(&page);
    let asked = search_text(&query.into_inner().person_q);
    let found = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(find_people(tenant, writer.t, &writer.kinds, &asked)?)
    })
    .await?;
    render(&FoundFragment {
        t: page.t,
        found,
        live: true,
    })
}

#[derive(serde::Deserialize)]
struct PickQuery {
    id: Uuid,
}

#[derive(Template)]
#[template(path = "communication/person_chip.html")]
struct ChipFragment {
    t: Lang,
    person: Choice,
}

/// `GET /messages/people/pick?id=`: one person's chip for the form (htmx).
async fn pick(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<PickQuery>,
) -> Result<HttpResponse, AppError> {
    let id = query.into_inner().id;
    let writer = writer(&page);
    let person = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(queries::picked_people(tenant, &writer.kinds, &[id])?)
    })
    .await?
    .into_iter()
    .next()
    .ok_or(AppError::NotFound)?;
    render(&ChipFragment { t: page.t, person })
}

//! The roll page and its plain form: everyone on the roll with their mark, and
//! saving the whole roll at once (JavaScript off, or "Mark all present").

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::queries;
use super::{
    Mark, RollHead, RollKey, RosterEntry, RowInput, SaveContext, StoredMark, may_take, parse_row,
    take_roll,
};
use crate::access::{Access, Action, Entity, Gate, Permission, Routes};
use crate::attendance::filters::status_message;
use crate::db::enums::AttendanceStatus;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render_as, see_other};

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::AttendanceRecords));
    let mark = Gate::Requires(Permission::new(Action::Create, Entity::AttendanceRecords));
    r.get("/roll/classes/{id}", read, class_roll);
    r.post("/roll/classes/{id}", mark, class_roll_form);
    r.post(
        "/roll/classes/{id}/marks",
        mark,
        super::marks::class_roll_marks,
    );
    r.get("/roll/class-subjects/{id}", read, subject_roll);
    r.post("/roll/class-subjects/{id}", mark, subject_roll_form);
    r.post(
        "/roll/class-subjects/{id}/marks",
        mark,
        super::marks::subject_roll_marks,
    );
}

/// One choice of a segmented control (status, or a quick pick of minutes late).
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

pub struct RollRow {
    pub id: Uuid,
    pub name: String,
    pub initials: String,
    /// A thumbnail of the student's photo, when the school has one.
    pub photo: Option<String>,
    pub statuses: Vec<Choice>,
    pub minute_picks: Vec<Choice>,
    pub minutes_other: String,
    pub remarks: String,
    pub marked: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance/roll.html")]
struct RollPage {
    layout: Layout,
    title: String,
    path: String,
    date: NaiveDate,
    may_take: bool,
    rows: Vec<RollRow>,
    marked: usize,
    error: Option<String>,
    roll_js: String,
    /// What the page says when nobody is enrolled, with the link to enrol them.
    no_students: Option<crate::setup::Notice>,
}

const QUICK_MINUTES: [&str; 3] = ["5", "10", "15"];

#[derive(serde::Deserialize)]
struct DateQuery {
    date: Option<String>,
}

/// The roll's date: today when none is given; never a day still to come.
pub(super) fn roll_date(
    t: Lang,
    access: &Access,
    text: Option<&str>,
) -> Result<NaiveDate, AppError> {
    let today = access.today();
    let date = match text.map(str::trim).filter(|d| !d.is_empty()) {
        None => today,
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| AppError::BadRequest(t.text("roll-bad-date")))?,
    };
    if date > today {
        return Err(AppError::BadRequest(t.text("roll-future-date")));
    }
    Ok(date)
}

fn initials(first: &str, last: &str) -> String {
    first
        .chars()
        .next()
        .into_iter()
        .chain(last.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The page's rows: the saved marks, or what the user just sent when it comes back
/// with messages.
fn rows_of(
    t: Lang,
    roster: &[RosterEntry],
    photos: &HashMap<Uuid, String>,
    sent: Option<&HashMap<Uuid, RowInput>>,
    errors: &HashMap<Uuid, String>,
) -> Vec<RollRow> {
    roster
        .iter()
        .map(|entry| {
            let saved = RowInput {
                status: entry.status.map(|s| s.as_str().to_owned()),
                minutes: None,
                minutes_other: entry
                    .minutes_late
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                remarks: entry.remarks.clone().unwrap_or_default(),
            };
            let input = sent
                .and_then(|s| s.get(&entry.student_id))
                .unwrap_or(&saved);
            // A saved 5, 10 or 15 shows as its quick pick.
            let (minutes, other) = match (&input.minutes, input.minutes_other.as_str()) {
                (None, m) if QUICK_MINUTES.contains(&m) => (Some(m.to_owned()), String::new()),
                (picked, other) => (picked.clone(), other.to_owned()),
            };
            RollRow {
                id: entry.student_id,
                name: format!("{}, {}", entry.last_name, entry.first_name),
                initials: initials(&entry.first_name, &entry.last_name),
                photo: photos.get(&entry.student_id).cloned(),
                statuses: AttendanceStatus::ALL
                    .iter()
                    .map(|s| Choice {
                        value: s.as_str(),
                        label: t.text(status_message(*s)),
                        checked: input.status.as_deref() == Some(s.as_str()),
                    })
                    .collect(),
                minute_picks: QUICK_MINUTES
                    .iter()
                    .map(|&m| Choice {
                        value: m,
                        label: m.to_owned(),
                        checked: minutes.as_deref() == Some(m),
                    })
                    .collect(),
                minutes_other: other,
                remarks: input.remarks.clone(),
                marked: entry.status.is_some(),
                error: errors.get(&entry.student_id).cloned(),
            }
        })
        .collect()
}

struct Loaded {
    head: RollHead,
    roster: Vec<RosterEntry>,
    /// Thumbnail addresses of the students who have a photo.
    photos: HashMap<Uuid, String>,
}

async fn load_roll(
    state: &AppState,
    access: &Access,
    key: RollKey,
    date: NaiveDate,
) -> Result<Loaded, AppError> {
    crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let head = queries::head(tenant, key)?.ok_or(AppError::NotFound)?;
        let roster = queries::roster(tenant, &head, date)?;
        let ids: Vec<Uuid> = roster.iter().map(|e| e.student_id).collect();
        let photos =
            crate::files::photo_thumbnails(tenant, crate::files::EntityKind::Student, &ids)?;
        Ok(Loaded {
            head,
            roster,
            photos,
        })
    })
    .await
}

struct Sent<'a> {
    rows: &'a HashMap<Uuid, RowInput>,
    errors: &'a HashMap<Uuid, String>,
    error: String,
}

impl<'a> Sent<'a> {
    fn of(
        rows: &'a HashMap<Uuid, RowInput>,
        errors: &'a HashMap<Uuid, String>,
        error: String,
    ) -> Sent<'a> {
        Sent {
            rows,
            errors,
            error,
        }
    }
}

fn roll_page(
    page: &Page,
    key: RollKey,
    date: NaiveDate,
    loaded: &Loaded,
    sent: Option<Sent>,
) -> Result<HttpResponse, AppError> {
    let no_errors = HashMap::new();
    let rows = rows_of(
        page.t,
        &loaded.roster,
        &loaded.photos,
        sent.as_ref().map(|s| s.rows),
        sent.as_ref().map_or(&no_errors, |s| s.errors),
    );
    let marked = loaded.roster.iter().filter(|e| e.status.is_some()).count();
    let title = loaded.head.title(page.t);
    let status = if sent.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_as(
        &RollPage {
            layout: page.layout(title.clone()),
            title,
            path: key.path(),
            date,
            may_take: may_take(&page.access, &loaded.head),
            rows,
            marked,
            error: sent.map(|s| s.error),
            roll_js: crate::web::assets::ASSETS.roll_js.clone(),
            no_students: loaded.roster.is_empty().then(|| {
                let href = format!("/class-enrollments/new?class_id={}", loaded.head.class_id);
                crate::setup::NO_STUDENTS_IN_CLASS.notice_at(page.t, &page.access, href)
            }),
        },
        status,
    )
}

async fn show_roll(
    page: Page,
    state: web::Data<AppState>,
    key: RollKey,
    query: DateQuery,
) -> Result<HttpResponse, AppError> {
    let date = roll_date(page.t, &page.access, query.date.as_deref())?;
    let loaded = load_roll(&state, &page.access, key, date).await?;
    roll_page(&page, key, date, &loaded, None)
}

async fn class_roll(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: input::Query<DateQuery>,
) -> Result<HttpResponse, AppError> {
    show_roll(page, state, RollKey::Class(*id), query.into_inner()).await
}

async fn subject_roll(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: input::Query<DateQuery>,
) -> Result<HttpResponse, AppError> {
    show_roll(page, state, RollKey::ClassSubject(*id), query.into_inner()).await
}

/// The plain form's fields gathered per student (`status-<id>`, `minutes-<id>`, …).
fn rows_from_form(fields: &[(String, String)]) -> HashMap<Uuid, RowInput> {
    let mut rows: HashMap<Uuid, RowInput> = HashMap::new();
    for (name, value) in fields {
        let Some((field, id)) = name.split_once('-') else {
            continue;
        };
        let Ok(id) = id.parse::<Uuid>() else { continue };
        let row = rows.entry(id).or_default();
        match field {
            "status" => row.status = Some(value.clone()),
            "minutes" => row.minutes = Some(value.clone()),
            "minutes_other" => row.minutes_other = value.clone(),
            "remarks" => row.remarks = value.clone(),
            _ => {}
        }
    }
    rows
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

pub(super) fn grace(state: &AppState) -> chrono::Duration {
    chrono::Duration::from_std(state.settings.absence_alert_grace)
        .unwrap_or(chrono::Duration::minutes(15))
}

async fn save_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    key: RollKey,
    fields: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let date = roll_date(page.t, &page.access, field(&fields, "date"))?;
    let loaded = load_roll(&state, &page.access, key, date).await?;
    if !may_take(&page.access, &loaded.head) {
        return Err(AppError::Forbidden);
    }
    let sent = sent_rows(&fields, &loaded.roster);
    let now = Utc::now();
    let (marks, errors) = parse_rows(page.t, &sent, now);
    // Nothing is saved while a row needs a second look; the form comes back as sent.
    let error = if errors.is_empty() {
        let count = marks.len();
        match save(&state, &page.access, &loaded.head, date, marks, now).await? {
            Ok(_) => {
                let saved = page.t.message("roll-saved");
                let saved = saved.arg("marked", count).arg("total", loaded.roster.len());
                flash::push(&session, Level::Success, saved.to_string());
                return Ok(see_other(&format!("{}?date={date}", key.path())));
            }
            Err(strangers) => not_on_roll_message(page.t, strangers.len()),
        }
    } else {
        page.t.text("roll-needs-second-look")
    };
    let sent = Sent::of(&sent, &errors, error);
    roll_page(&page, key, date, &loaded, Some(sent))
}

/// The form's rows; "Mark all present" fills every student neither the form nor
/// the roll has marked.
fn sent_rows(fields: &[(String, String)], roster: &[RosterEntry]) -> HashMap<Uuid, RowInput> {
    let mut sent = rows_from_form(fields);
    if field(fields, "intent") == Some("all_present") {
        for entry in roster.iter().filter(|e| e.status.is_none()) {
            let row = sent.entry(entry.student_id).or_default();
            if row.status.as_deref().is_none_or(str::is_empty) {
                row.status = Some(AttendanceStatus::Present.as_str().to_owned());
            }
        }
    }
    sent
}

/// The marks of the form's rows, and the message for each row that is not one.
fn parse_rows(
    t: Lang,
    sent: &HashMap<Uuid, RowInput>,
    now: DateTime<Utc>,
) -> (Vec<Mark>, HashMap<Uuid, String>) {
    let mut marks = Vec::new();
    let mut errors = HashMap::new();
    for (&id, row) in sent {
        match parse_row(id, row, now) {
            Ok(Some(mark)) => marks.push(mark),
            Ok(None) => {}
            Err(problem) => {
                errors.insert(id, problem.text(t));
            }
        }
    }
    (marks, errors)
}

pub(super) fn not_on_roll_message(t: Lang, n: usize) -> String {
    t.message("roll-not-on-roll").arg("count", n).to_string()
}

/// Saves in one transaction; `Err` lists students not on the roll (nothing stored).
async fn save(
    state: &AppState,
    access: &Access,
    head: &RollHead,
    date: NaiveDate,
    marks: Vec<Mark>,
    now: DateTime<Utc>,
) -> Result<Result<Vec<StoredMark>, Vec<Uuid>>, AppError> {
    let head = head.clone();
    let alert_grace = grace(state);
    crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let cx = SaveContext {
            head: &head,
            date,
            alert_grace,
            now,
        };
        Ok(take_roll(tenant, &cx, marks)?)
    })
    .await
}

async fn class_roll_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    save_form(page, state, session, RollKey::Class(*id), form.into_inner()).await
}

async fn subject_roll_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    save_form(
        page,
        state,
        session,
        RollKey::ClassSubject(*id),
        form.into_inner(),
    )
    .await
}

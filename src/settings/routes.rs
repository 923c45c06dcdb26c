//! The settings page and its forms, one per section, and the two files the
//! branding needs: the colour's stylesheet and the logo.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveTime;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, SchoolChanges, SchoolRow};
use super::rules::{self, Colour};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::Tenant;
use crate::files::FileStore;
use crate::i18n::{self, Lang, LanguageOption, msg};
use crate::state::AppState;
use crate::walkthroughs::DIMENSIONS;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::format::iso_weekday;
use crate::web::input;
use crate::web::layout::{LanguageForm, Layout, Page};
use crate::web::{render_as, see_other};

/// Who may change their school's settings.
pub const MANAGE_SCHOOL: Permission = Permission::new(Action::Update, Entity::Organizations);

pub fn routes(r: &mut Routes) {
    let manage = Gate::Requires(MANAGE_SCHOOL);
    r.get("/settings", manage, show)
        .post("/settings/name", manage, save::<NameForm>)
        .post("/settings/logo", manage, upload_logo)
        .post("/settings/logo/remove", manage, remove_logo)
        .post("/settings/colour", manage, save::<ColourForm>)
        .post("/settings/mail", manage, save::<MailForm>)
        .post("/settings/region", manage, save::<RegionForm>)
        .post("/settings/student-numbers", manage, save::<NumberForm>)
        .post("/settings/language", manage, save_language)
        .post("/settings/week-start", manage, save::<WeekStartForm>)
        .post("/settings/school-day", manage, save_school_day)
        .post("/settings/walkthrough-areas", manage, save_areas)
        // The page's old address and its forms: bookmarks and sent forms still arrive.
        .get("/organization/settings", manage, moved)
        .post("/organization/language", manage, moved)
        .post("/organization/week-start", manage, moved);
    // Files under /static/ are public: the sign-in page shows the logo too.
    r.get("/static/brand/{colour}.css", Gate::Public, brand_stylesheet)
        .get("/static/logo/{id}", Gate::Public, logo);
    r.menu(MenuEntry {
        group: MenuGroup::Administration,
        order: 84,
        label: "nav-school-settings",
        href: "/settings",
        gate: manage,
    });
}

/// The settings page: what is stored, or a section's values as typed beside its messages.
#[derive(Template)]
#[template(path = "settings/page.html")]
struct SettingsPage {
    layout: Layout,
    values: Values,
    errors: FieldErrors,
    logo: Option<String>,
    logo_limit: String,
    zones: Vec<&'static str>,
    languages: Vec<LanguageOption>,
    weekdays: Vec<WeekdayOption>,
    campuses: Vec<CampusField>,
    areas: Vec<AreaField>,
    /// The number the next new student gets under the stored pattern.
    next_number: String,
    /// The staff-development modules, each on or off.
    modules: Vec<crate::staffdev::Switch>,
}

/// The text of each field as the page shows it.
#[derive(Default)]
struct Values {
    name: String,
    colour: String,
    sender_name: String,
    reply_to: String,
    time_zone: String,
    currency: String,
    number_pattern: String,
}

impl Values {
    fn stored(row: &SchoolRow) -> Values {
        Values {
            name: row.name.clone(),
            colour: row
                .brand_color
                .as_deref()
                .and_then(Colour::parse)
                .map_or_else(|| "#1d4e89".to_owned(), Colour::css),
            sender_name: row.email_sender_name.clone().unwrap_or_default(),
            reply_to: row.email_sender.clone().unwrap_or_default(),
            time_zone: row.time_zone.clone(),
            currency: row.currency.clone(),
            number_pattern: row.student_number_pattern.clone(),
        }
    }
}

/// A day the school's week may start on, named in the reader's language.
struct WeekdayOption {
    /// ISO weekday: 1 Monday … 7 Sunday.
    number: u8,
    name: String,
    selected: bool,
}

struct CampusField {
    field: String,
    name: String,
    value: String,
}

struct AreaField {
    key: &'static str,
    /// Homeroom's name of the area, in the reader's language.
    default: String,
    value: String,
}

/// A section's values as typed, put back on the page that refuses them.
type Typed = Box<dyn FnOnce(&mut Values) + Send>;

fn keep_stored() -> Typed {
    Box::new(|_| ())
}

/// The page for `tenant`'s school, `typed` over what is stored.
fn load(
    tenant: &mut Tenant<'_>,
    page: &Page,
    settings: &crate::config::Settings,
    errors: FieldErrors,
    typed: Typed,
) -> Result<SettingsPage, AppError> {
    let t = page.t;
    let row = queries::school(tenant)?;
    let next_number = crate::families::numbers::next_under(tenant, &row.student_number_pattern)?;
    let mut values = Values::stored(&row);
    typed(&mut values);
    let names = super::area_names(&row.settings);
    let areas = DIMENSIONS
        .iter()
        .map(|d| AreaField {
            key: d.key,
            default: t.text(d.label),
            value: names
                .iter()
                .find_map(|(k, v)| (k == d.key).then(|| v.clone()))
                .unwrap_or_default(),
        })
        .collect();
    let campuses = queries::campus_starts(tenant)?
        .into_iter()
        .map(|c| CampusField {
            field: format!("start-{}", c.campus_id),
            name: c.name,
            value: c.starts_at.format("%H:%M").to_string(),
        })
        .collect();
    let limit = FileStore::new(settings)
        .max_bytes
        .min(crate::files::LOGO_MAX_BYTES);
    Ok(SettingsPage {
        layout: page.layout(t.text("nav-school-settings")),
        values,
        errors,
        logo: row.logo_file_id.map(super::logo_url),
        logo_limit: crate::files::size_label(limit, t),
        zones: rules::time_zone_names().collect(),
        languages: i18n::options(page.access.school_language.as_deref()),
        weekdays: weekday_options(page),
        campuses,
        areas,
        next_number,
        modules: crate::staffdev::switches(&row.settings, t),
    })
}

/// The seven days, Monday first, the school's own first day selected.
fn weekday_options(page: &Page) -> Vec<WeekdayOption> {
    (1..=7u8)
        .filter_map(|number| {
            let day = iso_weekday(number.into())?;
            let on = chrono::NaiveDate::from_isoywd_opt(2026, 1, day)?;
            Some(WeekdayOption {
                number,
                name: page.t.weekday(on),
                selected: day == page.access.week_start,
            })
        })
        .collect()
}

async fn show(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    refused(page, state, FieldErrors::default(), keep_stored()).await
}

/// The page again, answering 422 when it carries messages.
async fn refused(
    page: Page,
    state: web::Data<AppState>,
    errors: FieldErrors,
    typed: Typed,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let app = state.clone();
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        load(tenant, &page, &app.settings, errors, typed)
    })
    .await?;
    render_as(&view, status)
}

/// Does a section's `work` and goes back to the section with `saved` said.
async fn store(
    page: &Page,
    state: &AppState,
    flashes: &Session,
    work: impl FnOnce(&mut Tenant<'_>) -> diesel::QueryResult<()> + Send + 'static,
    (saved, section): (&str, &str),
) -> Result<HttpResponse, AppError> {
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(tenant.transaction(work)?)
    })
    .await?;
    flash::push(flashes, Level::Success, page.t.text(saved));
    Ok(see_other(&format!("/settings#{section}")))
}

/// Stores a change to the school, as [`store`] does.
async fn store_changes(
    page: &Page,
    state: &AppState,
    flashes: &Session,
    changes: SchoolChanges,
    saved: (&str, &str),
) -> Result<HttpResponse, AppError> {
    let work = move |tenant: &mut Tenant<'_>| queries::change_school(tenant, changes);
    store(page, state, flashes, work, saved).await
}

/// `/organization/settings` and its forms moved: 308 keeps a form's method and body.
async fn moved(req: HttpRequest) -> HttpResponse {
    let to = match req.path() {
        "/organization/language" => "/settings/language",
        "/organization/week-start" => "/settings/week-start",
        _ => "/settings",
    };
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, to))
        .finish()
}

/// A section of the page sent on its own: what it changes, or why it cannot.
trait Section: serde::de::DeserializeOwned + 'static {
    /// The message said once stored, and the section's anchor.
    const SAVED: (&'static str, &'static str);
    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal>;
}

/// Stores one section and shows it again; a refused one comes back with its messages.
async fn save<S: Section>(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<S>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    match form.into_inner().changes(page.t) {
        Ok(changes) => store_changes(&page, &state, &flashes, changes, S::SAVED).await,
        Err(refusal) => refused(page, state, refusal.errors, refusal.typed).await,
    }
}

/// Why a section's values were not stored: the messages, and the values as typed.
struct Refusal {
    errors: FieldErrors,
    typed: Typed,
}

impl Refusal {
    fn new(errors: FieldErrors, typed: impl FnOnce(&mut Values) + Send + 'static) -> Refusal {
        Refusal {
            errors,
            typed: Box::new(typed),
        }
    }
}

fn one_error(field: &'static str, message: String) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    errors
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    name: String,
}

impl Section for NameForm {
    const SAVED: (&'static str, &'static str) = (msg("settings-name-saved"), "name");

    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal> {
        match rules::school_name(&self.name, t) {
            Ok(name) => Ok(SchoolChanges {
                name: Some(name),
                ..SchoolChanges::default()
            }),
            Err(message) => Err(Refusal::new(one_error("name", message), move |v| {
                v.name = self.name;
            })),
        }
    }
}

#[derive(Deserialize)]
struct ColourForm {
    #[serde(default)]
    brand_color: String,
    /// Present when the school goes back to Homeroom's colour.
    #[serde(default)]
    reset: Option<String>,
}

impl Section for ColourForm {
    const SAVED: (&'static str, &'static str) = (msg("settings-colour-saved"), "colour");

    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal> {
        let chosen = if self.reset.is_some() {
            Ok(None)
        } else {
            rules::brand_colour(&self.brand_color, t).map(|c| Some(c.css()))
        };
        match chosen {
            Ok(colour) => Ok(SchoolChanges {
                brand_color: Some(colour),
                ..SchoolChanges::default()
            }),
            Err(message) => Err(Refusal::new(one_error("brand_color", message), move |v| {
                v.colour = self.brand_color;
            })),
        }
    }
}

#[derive(Deserialize)]
struct MailForm {
    #[serde(default)]
    sender_name: String,
    #[serde(default)]
    reply_to: String,
}

impl Section for MailForm {
    const SAVED: (&'static str, &'static str) = (msg("settings-mail-saved"), "mail");

    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal> {
        let mut errors = FieldErrors::default();
        let name = errors.check("sender_name", rules::sender_name(&self.sender_name, t));
        let reply_to = errors.check("reply_to", rules::reply_to(&self.reply_to, t));
        match (name, reply_to) {
            (Some(name), Some(reply_to)) => Ok(SchoolChanges {
                email_sender_name: Some(name),
                email_sender: Some(reply_to),
                ..SchoolChanges::default()
            }),
            _ => Err(Refusal::new(errors, move |v| {
                v.sender_name = self.sender_name;
                v.reply_to = self.reply_to;
            })),
        }
    }
}

#[derive(Deserialize)]
struct NumberForm {
    #[serde(default)]
    number_pattern: String,
}

impl Section for NumberForm {
    const SAVED: (&'static str, &'static str) = (msg("settings-numbers-saved"), "student-numbers");

    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal> {
        match rules::number_pattern(&self.number_pattern, t) {
            Ok(pattern) => Ok(SchoolChanges {
                student_number_pattern: Some(pattern),
                ..SchoolChanges::default()
            }),
            Err(message) => Err(Refusal::new(
                one_error("number_pattern", message),
                move |v| {
                    v.number_pattern = self.number_pattern;
                },
            )),
        }
    }
}

#[derive(Deserialize)]
struct RegionForm {
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    currency: String,
}

impl Section for RegionForm {
    const SAVED: (&'static str, &'static str) = (msg("settings-region-saved"), "region");

    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal> {
        let mut errors = FieldErrors::default();
        let zone = errors.check("time_zone", rules::time_zone(&self.time_zone, t));
        let currency = errors.check("currency", rules::currency(&self.currency, t));
        match (zone, currency) {
            (Some(zone), Some(currency)) => Ok(SchoolChanges {
                time_zone: Some(zone.name().to_owned()),
                currency: Some(currency.code().to_owned()),
                ..SchoolChanges::default()
            }),
            _ => Err(Refusal::new(errors, move |v| {
                v.time_zone = self.time_zone;
                v.currency = self.currency;
            })),
        }
    }
}

impl Section for WeekStartForm {
    const SAVED: (&'static str, &'static str) = (msg("settings-week-start-saved"), "week-start");

    fn changes(self, t: Lang) -> Result<SchoolChanges, Refusal> {
        match chosen_week_start(&self.week_start) {
            Some(number) => Ok(SchoolChanges {
                week_start: Some(number),
                ..SchoolChanges::default()
            }),
            None => Err(Refusal::new(
                one_error("week_start", t.text("settings-week-start-unknown")),
                |_| (),
            )),
        }
    }
}

/// Sets the language of the school, read by everyone who chose none.
async fn save_language(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<LanguageForm>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let tag = page.chosen_language(&form)?;
    let changes = SchoolChanges {
        language: Some(tag.map(str::to_owned)),
        ..SchoolChanges::default()
    };
    let saved = (msg("organization-language-saved"), "language");
    store_changes(&page, &state, &flashes, changes, saved).await
}

#[derive(Deserialize)]
struct WeekStartForm {
    #[serde(default)]
    week_start: String,
}

/// The ISO weekday (1 Monday … 7 Sunday) a form names, if it names one.
fn chosen_week_start(value: &str) -> Option<i16> {
    let number = value.trim().parse::<i16>().ok()?;
    iso_weekday(number).map(|_| number)
}

/// Each campus's start of day as the form sent it (`start-<campus id>=08:15`):
/// the times, or the message naming what could not be read.
fn campus_starts(fields: &[(String, String)], t: Lang) -> Result<Vec<(Uuid, NaiveTime)>, String> {
    fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("start-")?, v.trim())))
        .map(|(campus, time)| {
            let campus =
                Uuid::parse_str(campus).map_err(|_| t.text("settings-school-day-unknown"))?;
            NaiveTime::parse_from_str(time, "%H:%M")
                .map(|at| (campus, at))
                .map_err(|_| t.text("settings-school-day-unreadable"))
        })
        .collect()
}

/// Sets when each campus's day starts; one unreadable time keeps them all as stored.
async fn save_school_day(
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let starts = match campus_starts(&form.into_inner(), page.t) {
        Ok(starts) => starts,
        Err(message) => {
            let errors = one_error("school_day", message);
            return refused(page, state, errors, keep_stored()).await;
        }
    };
    let work = move |tenant: &mut Tenant<'_>| {
        starts
            .iter()
            .try_for_each(|(campus, at)| queries::set_campus_start(tenant, *campus, *at))
    };
    let saved = (msg("settings-school-day-saved"), "school-day");
    store(&page, &state, &flashes, work, saved).await
}

/// The school's names of the walkthrough areas, into `settings` (empty names drop out).
async fn save_areas(
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let fields = form.into_inner();
    let mut errors = FieldErrors::default();
    let mut names = serde_json::Map::new();
    for d in &DIMENSIONS {
        let typed = fields
            .iter()
            .find_map(|(k, v)| (k == d.key).then_some(v.as_str()))
            .unwrap_or_default();
        if let Some(Some(name)) = errors.check(d.key, rules::area_name(typed, page.t)) {
            names.insert(d.key.to_owned(), name.into());
        }
    }
    if !errors.is_empty() {
        return refused(page, state, errors, keep_stored()).await;
    }
    let work = move |tenant: &mut Tenant<'_>| queries::name_areas(tenant, names);
    let saved = (msg("settings-areas-saved"), "walkthrough-areas");
    store(&page, &state, &flashes, work, saved).await
}

/// `POST /settings/logo` (multipart, `logo`): the new logo, or the page with why not.
async fn upload_logo(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let files = FileStore::new(&state.settings);
    let multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let t = page.t;
    let form = crate::files::read_form(multipart, &files)
        .await
        .map_err(|e| e.into_app_error(t))?;
    let by = page.access.user_id;
    let kept = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        tenant.transaction(|tenant| {
            let stored = form
                .file("logo")
                .and_then(|upload| crate::files::store_logo(tenant, &files, upload, by));
            match stored {
                Ok(stored) => {
                    let changes = SchoolChanges {
                        logo_file_id: Some(Some(stored.id)),
                        ..SchoolChanges::default()
                    };
                    queries::change_school(tenant, changes)?;
                    Ok(Ok(()))
                }
                Err(e) if e.is_for_user() || e.storage_status().is_some() => {
                    e.log_storage_fault();
                    Ok(Err(e.message(t)))
                }
                Err(e) => Err(AppError::from(e)),
            }
        })
    })
    .await?;
    match kept {
        Ok(()) => {
            flash::push(&flashes, Level::Success, t.text("settings-logo-saved"));
            Ok(see_other("/settings#logo"))
        }
        Err(message) => refused(page, state, one_error("logo", message), keep_stored()).await,
    }
}

async fn remove_logo(
    page: Page,
    state: web::Data<AppState>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let changes = SchoolChanges {
        logo_file_id: Some(None),
        ..SchoolChanges::default()
    };
    let saved = (msg("settings-logo-removed"), "logo");
    store_changes(&page, &state, &flashes, changes, saved).await
}

/// `:root { --brand: … }` for the colour in the path: the header's colour without
/// an inline style. The colour is read, never echoed, so nothing else gets in.
async fn brand_stylesheet(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let colour = Colour::parse(&path).ok_or(AppError::NotFound)?;
    let css = format!(
        ":root {{ --brand: {}; --brand-soft: {}; }}\n",
        colour.css(),
        colour.soft().css()
    );
    Ok(HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(css))
}

/// A school's current logo, to anyone: a logo is what the school shows the world.
async fn logo(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let school = crate::web::db::run(&state.pool, move |conn| {
        Ok(queries::school_of_logo(conn, id)?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let files = FileStore::new(&state.settings);
    let actor = crate::db::Actor::system(school.uuid());
    let (content_type, bytes) = crate::web::db::run_in(&state.pool, actor, move |tenant| {
        crate::files::routes::logo_image(tenant, &files, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_starts_on_an_iso_weekday_and_nothing_else() {
        assert_eq!(chosen_week_start("1"), Some(1));
        assert_eq!(chosen_week_start(" 7 "), Some(7));
        for sent in ["", "0", "8", "9", "-1", "Sunday", "1.5"] {
            assert_eq!(chosen_week_start(sent), None, "{sent:?}");
        }
    }

    #[test]
    fn campus_start_times_are_read_by_campus() {
        let t = Lang::default();
        let id = Uuid::new_v4();
        let sent = |v: &str| {
            vec![
                (format!("start-{id}"), v.to_owned()),
                ("csrf_token".into(), "x".into()),
            ]
        };
        let read = campus_starts(&sent("08:15"), t);
        assert_eq!(
            read,
            Ok(vec![(
                id,
                NaiveTime::from_hms_opt(8, 15, 0).unwrap_or_default()
            )])
        );
        assert!(campus_starts(&sent("8 o'clock"), t).is_err());
        assert!(campus_starts(&[("start-x".into(), "08:00".into())], t).is_err());
    }
}

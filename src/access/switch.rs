//! `/organization`: users with global access choose which organization they act in;
//! `/organization/settings`: those who manage their organization set its language
//! and the first day of its week (global users see them under the choice too).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::PgConnection;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{organization_name, organization_names, set_school_language, set_week_start};
use super::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::auth::session;
use crate::db::OrganizationId;
use crate::i18n::{self, LanguageOption};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::format::iso_weekday;
use crate::web::input;
use crate::web::layout::{LanguageForm, Layout, Page};
use crate::web::{render_as, see_other};

pub fn routes(r: &mut Routes) {
    let manage = Gate::Requires(MANAGE_ORGANIZATION);
    r.get("/organization", Gate::SignedIn, choose)
        .post("/organization", Gate::SignedIn, switch)
        .get("/organization/settings", manage, settings)
        .post("/organization/language", manage, save_language)
        .post("/organization/week-start", manage, save_week_start);
    r.menu(MenuEntry {
        group: MenuGroup::Administration,
        order: 84,
        label: "nav-school-settings",
        href: "/organization/settings",
        gate: manage,
    });
}

/// Who may change their organization's settings.
const MANAGE_ORGANIZATION: Permission = Permission::new(Action::Update, Entity::Organizations);

pub struct OrganizationChoice {
    pub id: Uuid,
    pub name: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "access/organization.html")]
struct ChoosePage {
    layout: Layout,
    /// Only for users with global access.
    organizations: Vec<OrganizationChoice>,
    global: bool,
    /// The school's language picker, for those who manage the organization.
    languages: Option<Vec<LanguageOption>>,
    /// The first day of the week to choose from, for those who manage the organization.
    weekdays: Option<Vec<WeekdayOption>>,
    errors: FieldErrors,
    school_name: String,
}

/// A day the school's week may start on, named in the reader's language.
struct WeekdayOption {
    /// ISO weekday: 1 Monday … 7 Sunday.
    number: u8,
    name: String,
    selected: bool,
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

async fn choose(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !page.access.global_access {
        return Err(AppError::Forbidden);
    }
    let current = page.access.organization_id;
    // Choosing among every organization of the install: no single one's row-level security.
    let rows = crate::web::db::run(&state.pool, |conn| Ok(organization_names(conn)?)).await?;
    let choices = rows
        .into_iter()
        .map(|(id, name)| OrganizationChoice {
            current: id.uuid() == current,
            id: id.uuid(),
            name,
        })
        .collect();
    let title = page.t.text("settings-choose-title");
    organization_page(&page, title, choices, FieldErrors::default())
}

/// The school's settings alone, for those who manage it.
async fn settings(page: Page) -> Result<HttpResponse, AppError> {
    organization_page(
        &page,
        page.t.text("nav-school-settings"),
        Vec::new(),
        FieldErrors::default(),
    )
}

/// The organization page: the choice of organization when there are choices, and
/// the school's language and first weekday for those who may change them; with
/// `errors`, the settings sent back (422) with their messages.
fn organization_page(
    page: &Page,
    title: String,
    organizations: Vec<OrganizationChoice>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let manages = page.access.can(MANAGE_ORGANIZATION);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let choose = ChoosePage {
        layout: page.layout(title),
        global: !organizations.is_empty(),
        languages: manages.then(|| i18n::options(page.access.school_language.as_deref())),
        weekdays: manages.then(|| weekday_options(page)),
        errors,
        school_name: page.access.organization_name.clone(),
        organizations,
    };
    render_as(&choose, status)
}

#[derive(Deserialize)]
struct SwitchForm {
    organization_id: String,
}

/// The organization the form names, or what to tell someone who sent something else.
fn chosen_organization(value: &str, t: i18n::Lang) -> Result<OrganizationId, AppError> {
    value
        .trim()
        .parse::<Uuid>()
        .map(OrganizationId::new)
        .map_err(|_| AppError::BadRequest(t.text("settings-choose-unknown")))
}

/// Moves the session with this key into `target`: the organization's name and the
/// rotated session, `None` when there is no such organization. Acting somewhere else
/// is a change of privilege, so the session key rotates.
fn switch_to(
    conn: &mut PgConnection,
    key: &str,
    client: &session::Client,
    target: OrganizationId,
) -> Result<Option<(String, session::NewSession)>, AppError> {
    let Some(name) = organization_name(conn, target)? else {
        return Ok(None);
    };
    let rotated = session::rotate(conn, key, client, Some(target.uuid()))?
        .ok_or(AppError::SignedOut { next: None })?;
    Ok(Some((name, rotated)))
}

async fn switch(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<SwitchForm>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    if !page.access.global_access {
        return Err(AppError::Forbidden);
    }
    let target = chosen_organization(&form.organization_id, page.t)?;
    let key = session::key_from_request(&req).ok_or(AppError::SignedOut { next: None })?;
    let client = session::Client::of(&req);
    // The target is any organization of the install, so no single one's row-level security applies.
    let switched = crate::web::db::run(&state.pool, move |conn| {
        switch_to(conn, &key, &client, target)
    })
    .await?;
    let (name, rotated) = switched.ok_or(AppError::NotFound)?;
    flash::push(
        &flashes,
        Level::Success,
        page.t
            .message("settings-now-working-in")
            .arg("organization", &name)
            .to_string(),
    );
    let mut response = see_other("/");
    response
        .add_cookie(&session::cookie(&rotated, state.settings.secure_cookies))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// Sets the language of the user's school, read by everyone who chose none.
async fn save_language(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<LanguageForm>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let tag = page.chosen_language(&form)?;
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(set_school_language(tenant, tag)?)
    })
    .await?;
    flash::push(
        &flashes,
        Level::Success,
        page.t.text("organization-language-saved"),
    );
    Ok(see_other("/organization/settings"))
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

/// Sets the first day of the school's week; anything but a weekday is sent back
/// with a message and the stored day kept.
async fn save_week_start(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<WeekStartForm>,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let Some(number) = chosen_week_start(&form.week_start) else {
        let mut errors = FieldErrors::default();
        errors.add("week_start", page.t.text("settings-week-start-unknown"));
        let title = page.t.text("nav-school-settings");
        return organization_page(&page, title, Vec::new(), errors);
    };
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(set_week_start(tenant, number)?)
    })
    .await?;
    flash::push(
        &flashes,
        Level::Success,
        page.t.text("settings-week-start-saved"),
    );
    Ok(see_other("/organization/settings"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organization_is_chosen_by_its_id_and_anything_else_is_a_bad_request() {
        let id = Uuid::new_v4();
        let t = i18n::Lang::default();
        let chosen = chosen_organization(&format!(" {id} "), t).map(OrganizationId::uuid);
        assert!(matches!(chosen, Ok(got) if got == id));
        for sent in ["", "school", "not-a-uuid"] {
            match chosen_organization(sent, t) {
                Err(AppError::BadRequest(message)) => {
                    assert_eq!(message, "Choose one of the organizations in the list.");
                }
                other => panic!("{sent:?} gave {:?}", other.map(OrganizationId::uuid)),
            }
        }
    }

    #[test]
    fn a_week_starts_on_an_iso_weekday_and_nothing_else() {
        assert_eq!(chosen_week_start("1"), Some(1));
        assert_eq!(chosen_week_start(" 7 "), Some(7));
        for sent in ["", "0", "8", "9", "-1", "Sunday", "1.5"] {
            assert_eq!(chosen_week_start(sent), None, "{sent:?}");
        }
    }
}

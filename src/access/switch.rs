//! `/organization`: users with global access choose which organization they act in;
//! `/organization/settings`: those who manage their organization set its language
//! (global users see it under the choice too).

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::PgConnection;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{organization_name, organization_names, set_school_language};
use super::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::auth::session;
use crate::db::OrganizationId;
use crate::i18n::{self, LanguageOption};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{LanguageForm, Layout, Page};
use crate::web::{render, see_other};

pub fn routes(r: &mut Routes) {
    let manage = Gate::Requires(MANAGE_ORGANIZATION);
    r.get("/organization", Gate::SignedIn, choose)
        .post("/organization", Gate::SignedIn, switch)
        .get("/organization/settings", manage, settings)
        .post("/organization/language", manage, save_language);
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
    school_name: String,
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
    organization_page(&page, "Choose an organization".to_owned(), choices)
}

/// The school's settings alone, for those who manage it.
async fn settings(page: Page) -> Result<HttpResponse, AppError> {
    organization_page(&page, page.t.text("nav-school-settings"), Vec::new())
}

/// The organization page: the choice of organization when there are choices, and
/// the school's language for those who may change it.
fn organization_page(
    page: &Page,
    title: String,
    organizations: Vec<OrganizationChoice>,
) -> Result<HttpResponse, AppError> {
    let manages = page.access.can(MANAGE_ORGANIZATION);
    render(&ChoosePage {
        layout: page.layout(title),
        global: !organizations.is_empty(),
        languages: manages.then(|| i18n::options(page.access.school_language.as_deref())),
        school_name: page.access.organization_name.clone(),
        organizations,
    })
}

#[derive(Deserialize)]
struct SwitchForm {
    organization_id: String,
}

/// The organization the form names, or what to tell someone who sent something else.
fn chosen_organization(value: &str) -> Result<OrganizationId, AppError> {
    value
        .trim()
        .parse::<Uuid>()
        .map(OrganizationId::new)
        .map_err(|_| {
            AppError::BadRequest("Choose one of the organizations in the list.".to_owned())
        })
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
    let target = chosen_organization(&form.organization_id)?;
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
        format!("You are now working in {name}."),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organization_is_chosen_by_its_id_and_anything_else_is_a_bad_request() {
        let id = Uuid::new_v4();
        let chosen = chosen_organization(&format!(" {id} ")).map(OrganizationId::uuid);
        assert!(matches!(chosen, Ok(got) if got == id));
        for sent in ["", "school", "not-a-uuid"] {
            match chosen_organization(sent) {
                Err(AppError::BadRequest(message)) => {
                    assert_eq!(message, "Choose one of the organizations in the list.");
                }
                other => panic!("{sent:?} gave {:?}", other.map(OrganizationId::uuid)),
            }
        }
    }
}

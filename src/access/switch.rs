//! `/organization`: users with global access choose which organization they act in
//! (the school's own settings are at `/settings`, `crate::settings`).

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::PgConnection;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{organization_name, organization_names};
use super::{Gate, Routes};
use crate::auth::session;
use crate::db::OrganizationId;
use crate::i18n;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, see_other};

pub fn routes(r: &mut Routes) {
    r.get("/organization", Gate::SignedIn, choose)
        .post("/organization", Gate::SignedIn, switch);
}

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
    let choose = ChoosePage {
        layout: page.layout(page.t.text("settings-choose-title")),
        organizations: choices,
    };
    render(&choose)
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
}

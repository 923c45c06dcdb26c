//! `/organization`: users with global access choose which organization they act in.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{organization_name, organization_names};
use super::{Gate, Routes};
use crate::auth::session;
use crate::db::OrganizationId;
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
    organizations: Vec<OrganizationChoice>,
}

async fn choose(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !page.access.global_access {
        return Err(AppError::Forbidden);
    }
    let current = page.access.organization_id;
    // Choosing among every organization of the install: no single one's row-level security.
    let rows = crate::web::db::run(&state.pool, |conn| Ok(organization_names(conn)?)).await?;
    render(&ChoosePage {
        layout: page.layout("Choose an organization"),
        organizations: rows
            .into_iter()
            .map(|(id, name)| OrganizationChoice {
                current: id.uuid() == current,
                id: id.uuid(),
                name,
            })
            .collect(),
    })
}

#[derive(Deserialize)]
struct SwitchForm {
    organization_id: String,
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
    let target: OrganizationId = form
        .organization_id
        .trim()
        .parse::<Uuid>()
        .map(OrganizationId::new)
        .map_err(|_| {
            AppError::BadRequest("Choose one of the organizations in the list.".to_owned())
        })?;
    let key = session::key_from_request(&req).ok_or(AppError::SignedOut { next: None })?;
    let client = session::Client::of(&req);
    // Acting somewhere else is a change of privilege: the session key rotates. The target
    // is any organization of the install, so no single one's row-level security applies.
    let switched = crate::web::db::run(&state.pool, move |conn| {
        let Some(name) = organization_name(conn, target)? else {
            return Ok(None);
        };
        let rotated = session::rotate(conn, &key, &client, Some(target.uuid()))?
            .ok_or(AppError::SignedOut { next: None })?;
        Ok(Some((name, rotated)))
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

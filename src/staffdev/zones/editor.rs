//! `/staff-development/zones/guide`: the zones content type's editor, for super
//! administrators: each zone's colour, description and strategies in a form.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::ZONES;
use super::guide::{self, ZoneGuide};
use crate::staffdev::content;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// One zone's fields as the form shows them.
pub struct GuideRow {
    pub key: &'static str,
    pub word: String,
    pub colour: String,
    pub description: String,
    pub strategies: String,
    pub colour_error: Option<String>,
    pub description_error: Option<String>,
    pub strategies_error: Option<String>,
}

#[derive(Template)]
#[template(path = "staffdev/zone_guide.html")]
struct GuidePage {
    layout: Layout,
    rows: Vec<GuideRow>,
    error: Option<String>,
}

fn guide_page(page: &Page, payload: &ZoneGuide, errors: &FieldErrors) -> GuidePage {
    let t = page.t;
    let rows = ZONES
        .iter()
        .enumerate()
        .map(|(i, (key, word))| {
            let zone = payload.zone(key).cloned().unwrap_or_default();
            let at = content::path("zones", i);
            let error = |field: &str| errors.get(&format!("{at}.{field}")).map(str::to_owned);
            GuideRow {
                key,
                word: t.text(word),
                colour: zone.colour.clone(),
                description: zone.description.clone(),
                strategies: zone.strategies.join("\n"),
                colour_error: error("colour"),
                description_error: error("description"),
                strategies_error: error("strategies"),
            }
        })
        .collect();
    GuidePage {
        layout: page.layout(t.text("sd-guide-title")),
        rows,
        error: errors.get("zones").map(str::to_owned),
    }
}

pub(super) async fn edit(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let payload: ZoneGuide = content::load(tenant.conn())?;
        Ok(guide_page(&page, &payload, &FieldErrors::default()))
    })
    .await?;
    render(&view)
}

pub(super) async fn save(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let payload = guide::from_form(&form.into_inner());
    let t = page.t;
    let refused = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let by = page.access.user_id;
        Ok(match content::save(tenant.conn(), &payload, Some(by), t)? {
            Ok(()) => None,
            Err(errors) => Some(guide_page(&page, &payload, &errors)),
        })
    })
    .await?;
    match refused {
        Some(view) => render_as(&view, StatusCode::UNPROCESSABLE_ENTITY),
        None => {
            flash::push(&session, Level::Success, t.text("sd-guide-saved"));
            Ok(see_other("/staff-development/zones/guide"))
        }
    }
}

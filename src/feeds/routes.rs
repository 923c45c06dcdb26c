//! `POST /feeds/{kind}/reset`: a new secret link for one of the user's feeds.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{FeedKey, FeedKind};
use crate::access::{Gate, Routes};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input::Form;
use crate::web::layout::Page;
use crate::web::redirect::local_target;
use crate::web::see_other;

pub fn routes(r: &mut Routes) {
    r.post("/feeds/{kind}/reset", Gate::SignedIn, reset);
}

#[derive(Deserialize)]
struct ResetForm {
    /// The page the subscribe box was on, to go back to.
    #[serde(default)]
    back: String,
}

async fn reset(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: Form<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let kind = FeedKind::parse(&path.into_inner()).ok_or(AppError::NotFound)?;
    let key = FeedKey::of(&state.settings)?;
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(super::reset(tenant, &key, kind)?)
    })
    .await?;
    flash::push(&session, Level::Success, page.t.text("feed-reset-done"));
    let back = local_target(&form.into_inner().back).unwrap_or_else(|| "/".to_owned());
    Ok(see_other(&back))
}

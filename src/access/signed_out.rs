//! A request that needs a session and has none. A page asked for comes back after
//! signing in; a guarded form sent after its session ended is kept, and comes back
//! filled as it was left (see `crate::forms`).

use actix_session::SessionExt;
use actix_web::dev::ServiceRequest;
use actix_web::http::{Method, header};
use actix_web::web::Bytes;

use crate::auth::session;
use crate::forms::{self, kept};
use crate::i18n::msg;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::redirect::local_target;

const FORM_KEPT: &str = msg("error-session-ended-form-kept");

/// Where to send a visitor without a session: sign-in, then back to the page, or to
/// the form they were sending with what they typed.
pub async fn sign_in_first(
    req: &mut ServiceRequest,
    state: &AppState,
) -> Result<AppError, actix_web::Error> {
    if req.method() == Method::GET {
        let next = Some(req.uri().to_string());
        return Ok(AppError::SignedOut { next });
    }
    let Some(fields) = form_fields(req).await? else {
        return Ok(AppError::SignedOut { next: None });
    };
    let Some(page) = forms::field(&fields, forms::PAGE_FIELD).and_then(local_target) else {
        return Ok(AppError::SignedOut { next: None });
    };
    let key = session::key_from_request(req.request());
    // The ended session names the user, before any organization: no row-level security.
    let next = crate::web::db::run(&state.pool, move |conn| {
        let owner = match key {
            Some(key) => session::owner(conn, &key)?,
            None => None,
        };
        Ok(kept::keep(conn, owner, &page, &fields)?)
    })
    .await?;
    let said = crate::web::layout::lang_of(req.request()).text(FORM_KEPT);
    flash::push(&req.get_session(), Level::Info, said);
    Ok(AppError::SignedOut { next: Some(next) })
}

/// The fields of a url-encoded form, read as every form is (composed; refused when
/// one holds a control character); `None` for any other body.
async fn form_fields(
    req: &mut ServiceRequest,
) -> Result<Option<Vec<(String, String)>>, actix_web::Error> {
    let url_encoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !url_encoded {
        return Ok(None);
    }
    let body = req.extract::<Bytes>().await?;
    let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body).ok();
    Ok(pairs.map(input::refuse_controls).transpose()?)
}

//! What every page shares: layout and navigation, flash messages, static assets,
//! errors, streamed downloads, request logging and security headers.

pub mod assets;
pub mod brand;
pub mod db;
pub mod download;
pub mod error;
pub mod flash;
pub mod form;
pub mod format;
pub mod health;
pub mod htmx;
pub mod input;
pub mod layout;
pub mod limits;
pub mod redirect;
pub mod request_log;

use actix_web::HttpResponse;
use actix_web::http::header;
use askama::Template;

use error::AppError;

/// Renders a page as an HTML response that is never cached (it holds private data).
pub fn render<T: Template>(page: &T) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::VARY, "HX-Request"))
        .body(page.render()?))
}

/// Renders a page answering `status`: 422 for a form sent back with its messages, say.
pub fn render_as<T: Template>(
    page: &T,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut response = render(page)?;
    *response.status_mut() = status;
    Ok(response)
}

/// A redirect after a successful form post (303, so the browser GETs the target).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

//! One error type for handlers. Each kind answers with a friendly page (or a
//! redirect to sign in); the cause of a 500 goes to the log, never to the user.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::i18n::{Lang, msg};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// An unsafe request without the session's CSRF token (a stale or forged form).
    #[error("csrf token missing or wrong")]
    CsrfRejected,
    /// Not signed in (or the session ended); carries where to return afterwards.
    #[error("sign-in required")]
    SignedOut { next: Option<String> },
    #[error("{0}")]
    BadRequest(String),
    /// A bad request explained by a message, shown in the reader's language.
    #[error("{0}")]
    Refused(Refusal),
    /// The database cannot be reached; the request may be retried.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The disk is full: what the user sent was not kept (the message says so).
    #[error("{0}")]
    InsufficientStorage(String),
    /// The disk cannot be written (read-only, no permission): nothing was kept.
    #[error("{0}")]
    StorageUnavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound,
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => AppError::Unavailable(info.message().to_owned()),
            // The server went away mid-request (it was stopped, or it crashed).
            Error::DatabaseError(_, info) if server_went_away(info.message()) => {
                AppError::Unavailable(info.message().to_owned())
            }
            Error::BrokenTransactionManager => {
                AppError::Unavailable("the connection broke during a transaction".to_owned())
            }
            // A write that would leave a row its writer may not read (row-level security).
            Error::DatabaseError(_, info) if info.message().contains("row-level security") => {
                AppError::Forbidden
            }
            other => AppError::Internal(other.into()),
        }
    }
}

/// PostgreSQL's words when it ends a session because the server is going away.
fn server_went_away(message: &str) -> bool {
    [
        "terminating connection",
        "server closed the connection",
        "the database system is",
        "no connection to the server",
    ]
    .iter()
    .any(|words| message.contains(words))
}

/// How long a 503 asks the browser (or a load balancer) to wait before trying again.
pub const RETRY_AFTER_SECONDS: u32 = 5;

impl From<crate::db::DbError> for AppError {
    fn from(e: crate::db::DbError) -> Self {
        use crate::db::DbError;
        match e {
            DbError::Unavailable(cause) => AppError::Unavailable(cause),
            DbError::Query(e) => e.into(),
            DbError::Task(cause) => {
                AppError::Internal(anyhow::anyhow!("blocking task failed: {cause}"))
            }
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// Why a request is refused: a message id and its variables, worded where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    id: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Refusal {
    /// The refusal `id` (written `msg("error-…")`).
    pub fn new(id: &'static str) -> Refusal {
        Refusal {
            id,
            args: Vec::new(),
        }
    }

    /// Gives the message a variable.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Refusal {
        self.args.push((name, value.into()));
        self
    }

    /// The refusal in the reader's language.
    pub fn in_lang(&self, t: Lang) -> String {
        self.args
            .iter()
            .fold(t.message(self.id), |m, (name, value)| m.arg(name, value))
            .to_string()
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Lang::default()))
    }
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage<'a> {
    t: Lang,
    css: &'a str,
    status: u16,
    title: &'a str,
    message: &'a str,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::SignedOut { .. } => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) | AppError::Refused(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) | AppError::StorageUnavailable(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::InsufficientStorage(_) => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.response_in(Lang::default())
    }
}

impl AppError {
    /// The error's page in the reader's language (or the sign-in redirect).
    pub fn response_in(&self, t: Lang) -> HttpResponse {
        let (title, message) = match self {
            AppError::SignedOut { next } => return sign_in_redirect(next.as_deref()),
            AppError::NotFound => (
                t.text(msg("error-not-found-title")),
                t.text(msg("error-not-found")),
            ),
            AppError::Forbidden => (
                t.text(msg("error-forbidden-title")),
                t.text(msg("error-forbidden")),
            ),
            AppError::CsrfRejected => (t.text(msg("error-csrf-title")), t.text(msg("error-csrf"))),
            AppError::BadRequest(message) => {
                (t.text(msg("error-bad-request-title")), message.clone())
            }
            AppError::Refused(refusal) => {
                (t.text(msg("error-bad-request-title")), refusal.in_lang(t))
            }
            AppError::Unavailable(cause) => {
                // A restart is logged once by its supervisor, not by every request meanwhile.
                if cause.starts_with(crate::db::RESTARTING) {
                    tracing::debug!(%cause, "database unavailable");
                } else {
                    tracing::warn!(%cause, "database unavailable");
                }
                let mut response = error_page(
                    t,
                    self.status_code(),
                    &t.text(msg("error-unavailable-title")),
                    &t.text(msg("error-unavailable")),
                );
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    header::HeaderValue::from(RETRY_AFTER_SECONDS),
                );
                return response;
            }
            AppError::InsufficientStorage(message) => {
                (t.text(msg("error-storage-full-title")), message.clone())
            }
            AppError::StorageUnavailable(message) => (
                t.text(msg("error-storage-unavailable-title")),
                message.clone(),
            ),
            AppError::Internal(cause) => {
                tracing::error!(cause = ?cause, "internal error");
                (
                    t.text(msg("error-internal-title")),
                    t.text(msg("error-internal")),
                )
            }
        };
        error_page(t, self.status_code(), &title, &message)
    }
}

/// Shows an error's page in the language of whoever asked: the user's, the school's,
/// else the browser's (the error itself knows no request).
pub async fn speak_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let response = next.call(req).await?;
    let Some(error) = response
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
    else {
        return Ok(response.map_into_left_body());
    };
    let page = error.response_in(super::layout::lang_of(response.request()));
    Ok(response.into_response(page).map_into_right_body())
}

pub fn error_page(t: Lang, status: StatusCode, title: &str, message: &str) -> HttpResponse {
    let page = ErrorPage {
        t,
        css: &super::assets::ASSETS.css,
        status: status.as_u16(),
        title,
        message,
    };
    let body = page
        .render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), title));
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

fn sign_in_redirect(next: Option<&str>) -> HttpResponse {
    let location = match next {
        Some(path) => match super::redirect::local_target(path) {
            Some(path) if path != "/" => format!("/login?next={}", encode_query_value(&path)),
            _ => "/login".to_owned(),
        },
        None => "/login".to_owned(),
    };
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.clone()))
        // htmx follows this instead of swapping the sign-in page into a fragment.
        .insert_header(("HX-Redirect", location))
        .finish()
}

pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn an_internal_error_shows_a_friendly_page_without_its_cause() {
        let error = AppError::Internal(anyhow::anyhow!("secret connection string in a panic"));
        let response = error.error_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .expect("a rendered page");
        let html = String::from_utf8_lossy(&body);
        assert!(html.contains("Something went wrong"));
        assert!(!html.contains("secret connection string"));
    }

    #[test]
    fn database_layer_failures_keep_their_status() {
        use crate::db::DbError;
        let status = |e: DbError| AppError::from(e).status_code();
        assert_eq!(
            status(DbError::Unavailable(
                "the database is restarting".to_owned()
            )),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            status(DbError::Query(
                diesel::result::Error::BrokenTransactionManager
            )),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            status(DbError::Query(diesel::result::Error::NotFound)),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(DbError::Task("the worker stopped".to_owned())),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e");
    }
}

//! `/login` and `/logout`.

use actix_session::Session;
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::attempts::{self, Attempt, Failure};
use super::mfa::{self, CodeCheck};
use super::queries::{self, Candidate};
use super::{csrf, notices, password, session};
use crate::access::{Access, Gate, Landings, Routes};
use crate::i18n::msg;
use crate::state::AppState;
use crate::web::error::{AppError, encode_query_value};
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, lang_of};
use crate::web::redirect::local_target;
use crate::web::{render_as, see_other};

pub fn routes(r: &mut Routes) {
    r.get("/login", Gate::Public, login_form)
        .post("/login", Gate::Public, login)
        .get("/login/mfa", Gate::Public, code_form)
        .post("/login/mfa", Gate::Public, code)
        .post("/logout", Gate::SignedIn, logout);
    super::reset::routes(r);
    super::profile::routes(r);
}

/// A page for visitors who are not signed in, setting the form's CSRF cookie if new.
pub fn render_public<T: Template>(
    page: &T,
    status: StatusCode,
    cookie: Option<Cookie<'static>>,
) -> Result<HttpResponse, AppError> {
    let mut response = render_as(page, status)?;
    if let Some(cookie) = cookie {
        response
            .add_cookie(&cookie)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    next: String,
    keep_signed_in: bool,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: input::Query<NextQuery>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if let Some(key) = session::key_from_request(&req) {
        let idle = state.settings.session_idle;
        // Before sign-in there is no organization to act in: no row-level security.
        let signed_in =
            crate::web::db::run(&state.pool, move |conn| Ok(Access::load(conn, &key, idle)?))
                .await?;
        if signed_in.is_some() {
            return Ok(see_other("/"));
        }
    }
    let (token, cookie) = csrf::public_token(&req, state.settings.secure_cookies);
    let t = lang_of(&req);
    let mut layout = Layout::public(t, t.text("signin-title"), token, flash::take(&session));
    // A one-school install knows whose sign-in page this is.
    layout.brand = crate::web::db::run(&state.pool, |conn| {
        Ok(crate::settings::queries::only_school(conn)?)
    })
    .await?;
    let page = LoginPage {
        layout,
        email: String::new(),
        next: local_next(query.into_inner().next),
        keep_signed_in: false,
        error: None,
    };
    render_public(&page, StatusCode::OK, cookie)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    keep_signed_in: Option<String>,
    next: Option<String>,
}

const WRONG_CREDENTIALS: &str = msg("signin-wrong-credentials");

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: input::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let email = form.email.trim().to_lowercase();
    let keep_signed_in = form.keep_signed_in.is_some();
    let next = form.next.as_deref().and_then(local_target);
    let (client, settings) = (session::Client::of(&req), state.settings.clone());
    let attempt = (email.clone(), form.password);
    // Sign-in finds the account before any organization is known: no row-level security.
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        let (email, password) = attempt;
        sign_in(conn, &settings, &email, &password, keep_signed_in, &client)
    })
    .await?;

    match outcome {
        SignIn::Done(new_session) => {
            let landing = match next {
                Some(next) => next,
                None => landing_page(&req, &state, email).await?.to_owned(),
            };
            signed_in_at(&landing, &new_session, &state)
        }
        SignIn::SecondStep(pending) => signed_in_at(&code_page(next.as_deref()), &pending, &state),
        SignIn::RateLimited(retry_after) => {
            Ok(attempts::too_many_attempts(lang_of(&req), retry_after))
        }
        SignIn::Refused(refusal) => {
            let page = LoginPage::again(&req, &state, email, next, keep_signed_in);
            refused(&state, page, refusal)
        }
    }
}

impl LoginPage {
    /// The sign-in form again with what was typed, but the password.
    fn again(
        req: &HttpRequest,
        state: &AppState,
        email: String,
        next: Option<String>,
        keep_signed_in: bool,
    ) -> LoginPage {
        let (token, _) = csrf::public_token(req, state.settings.secure_cookies);
        let t = lang_of(req);
        LoginPage {
            layout: Layout::public(t, t.text("signin-title"), token, Vec::new()),
            email,
            next: next.unwrap_or_default(),
            keep_signed_in,
            error: None,
        }
    }
}

/// The second step of sign-in, passing on where to go after it.
fn code_page(next: Option<&str>) -> String {
    match next {
        Some(n) => format!("/login/mfa?next={}", encode_query_value(n)),
        None => "/login/mfa".to_owned(),
    }
}

/// The sign-in page again with the reason; the owner of an account that has just
/// locked is told by e-mail.
fn refused(state: &AppState, page: LoginPage, refusal: Refusal) -> Result<HttpResponse, AppError> {
    notices::after_lock(state, refusal.lock_started);
    let page = LoginPage {
        error: Some(page.layout.t.text(refusal.text)),
        ..page
    };
    render_as(&page, StatusCode::UNAUTHORIZED)
}

/// Where a sign-in without a `next` lands: the first landing rule the modules
/// registered that applies to the account (teachers on their day's rolls).
async fn landing_page(
    req: &HttpRequest,
    state: &AppState,
    email: String,
) -> Result<&'static str, AppError> {
    let landings = req
        .app_data::<web::Data<Landings>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("landing rules missing")))?;
    // The landing rules find the account by its address, as sign-in did: no row-level security.
    crate::web::db::run(&state.pool, move |conn| {
        Ok(landings.for_account(conn, &email)?)
    })
    .await
}

/// Redirects to `location` with the session's cookie set.
fn signed_in_at(
    location: &str,
    new_session: &session::NewSession,
    state: &AppState,
) -> Result<HttpResponse, AppError> {
    with_session(see_other(location), Some(new_session), state)
}

/// Adds the cookie of a new or rotated session to a response.
pub fn with_session(
    mut response: HttpResponse,
    new_session: Option<&session::NewSession>,
    state: &AppState,
) -> Result<HttpResponse, AppError> {
    if let Some(new_session) = new_session {
        response
            .add_cookie(&session::cookie(new_session, state.settings.secure_cookies))
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(response)
}

enum SignIn {
    Done(session::NewSession),
    /// The password was right; the code of the second step is still due.
    SecondStep(session::NewSession),
    Refused(Refusal),
    RateLimited(i64),
}

/// What the sign-in page says (a message id), and the account that has just locked,
/// whose owner is told.
struct Refusal {
    text: &'static str,
    lock_started: Option<(Uuid, DateTime<Utc>)>,
}

impl Refusal {
    fn saying(text: &'static str) -> SignIn {
        SignIn::Refused(Refusal {
            text,
            lock_started: None,
        })
    }
}

/// Checks the credentials, records the attempt, and starts a session (a pending
/// one when the user has two-step sign-in).
fn sign_in(
    conn: &mut PgConnection,
    settings: &crate::config::Settings,
    email: &str,
    password_given: &str,
    keep_signed_in: bool,
    client: &session::Client,
) -> Result<SignIn, AppError> {
    if let Some(retry_after) = attempts::rate_limited(conn, settings, client, Some(email))? {
        return Ok(SignIn::RateLimited(retry_after));
    }
    let candidate = queries::candidate(conn, email)?;

    // Always verify, against a dummy hash when there is no account: same time either way.
    let password_ok = password::verify(
        candidate.as_ref().and_then(|c| c.password.as_deref()),
        password_given,
    );
    let attempt = Attempt {
        email,
        user_id: candidate.as_ref().map(|c| c.id),
        organization_id: candidate.as_ref().and_then(|c| c.organization_id),
        client,
    };
    // An unknown e-mail, a locked account and a wrong password answer alike, in
    // words and in time; only the owner of a locked account is told, by e-mail.
    let refused = match &candidate {
        None => Some(Failure::UnknownEmail),
        Some(c) if attempts::locked(c.locked_until).is_some() => Some(Failure::Locked),
        Some(_) if !password_ok => Some(Failure::WrongPassword),
        Some(_) => None,
    };
    if let Some(failure) = refused {
        attempt.record(conn, Err(failure))?;
        let counted = candidate
            .as_ref()
            .filter(|_| failure == Failure::WrongPassword)
            .map(|c| c.id);
        let lock_started = attempts::count_failure(conn, settings, counted)?;
        return Ok(SignIn::Refused(Refusal {
            text: WRONG_CREDENTIALS,
            lock_started: counted.zip(lock_started),
        }));
    }
    let Some(candidate) = candidate else {
        return Ok(Refusal::saying(WRONG_CREDENTIALS));
    };
    if candidate.disabled {
        attempt.record(conn, Err(Failure::Disabled))?;
        return Ok(Refusal::saying(msg("signin-account-disabled")));
    }
    let Some((organization_id, end_of_day)) = acting_organization(conn, &candidate)? else {
        Attempt {
            organization_id: None,
            ..attempt
        }
        .record(conn, Err(Failure::NoOrganization))?;
        return Ok(Refusal::saying(msg("signin-no-organization")));
    };

    let pending = candidate.mfa_enabled;
    let new_session = conn.transaction(|conn| {
        // With two-step sign-in, the attempt is recorded once the code is given.
        if !pending {
            Attempt {
                organization_id: Some(organization_id),
                ..attempt
            }
            .record(conn, Ok(()))?;
            attempts::clear_failures(conn, candidate.id)?;
        }
        let start = session::SessionStart {
            user_id: candidate.id,
            organization_id,
            end_of_day,
            keep_signed_in,
            mfa_pending: pending,
        };
        session::create(conn, settings, &start, client)
    })?;
    Ok(if pending {
        SignIn::SecondStep(new_session)
    } else {
        SignIn::Done(new_session)
    })
}

#[derive(Template)]
#[template(path = "auth/mfa.html")]
struct CodePage {
    layout: Layout,
    next: String,
    error: Option<String>,
}

fn local_next(next: Option<String>) -> String {
    next.as_deref().and_then(local_target).unwrap_or_default()
}

/// The second step of sign-in: only a session that has just passed the password opens it.
async fn code_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: input::Query<NextQuery>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let key = session::key_from_request(&req);
    // A pending session acts in no organization yet: no row-level security.
    let pending = crate::web::db::run(&state.pool, move |conn| match key {
        Some(key) => Ok(session::load_pending(conn, &key)?),
        None => Ok(None),
    })
    .await?;
    if pending.is_none() {
        return Ok(see_other("/login"));
    }
    let (token, cookie) = csrf::public_token(&req, state.settings.secure_cookies);
    let t = lang_of(&req);
    let page = CodePage {
        layout: Layout::public(t, t.text("signin-code-title"), token, flash::take(&session)),
        next: local_next(query.into_inner().next),
        error: None,
    };
    render_public(&page, StatusCode::OK, cookie)
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    next: Option<String>,
}

enum SecondStep {
    Done(session::NewSession),
    Wrong,
    /// The pending session is gone (too slow, or never there): start again.
    Expired,
    /// The account is locked until then, and the account if it has just locked.
    Locked(DateTime<Utc>, Option<(Uuid, DateTime<Utc>)>),
    RateLimited(i64),
}

async fn code(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: input::Form<CodeForm>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = local_next(form.next);
    let key = session::key_from_request(&req);
    let client = session::Client::of(&req);
    let settings = state.settings.clone();
    // The second step of sign-in, like the first, comes before the organization: no row-level security.
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        second_step(conn, &settings, key.as_deref(), &form.code, &client)
    })
    .await?;
    match outcome {
        SecondStep::Done(new_session) => signed_in_at(
            if next.is_empty() { "/" } else { &next },
            &new_session,
            &state,
        ),
        SecondStep::RateLimited(retry_after) => {
            Ok(attempts::too_many_attempts(lang_of(&req), retry_after))
        }
        SecondStep::Expired => Ok(back_to_sign_in(
            &session,
            Level::Info,
            lang_of(&req).text(msg("signin-code-expired")),
        )),
        SecondStep::Locked(until, lock_started) => {
            notices::after_lock(&state, lock_started);
            // Whoever reaches the second step knows the password, so may learn of the lock.
            let message = attempts::locked_message(lang_of(&req), until);
            Ok(back_to_sign_in(&session, Level::Error, message))
        }
        SecondStep::Wrong => wrong_code(&req, &state, next),
    }
}

/// The sign-in page, with a message that says why the second step has to start over.
fn back_to_sign_in(session: &Session, level: Level, message: impl Into<String>) -> HttpResponse {
    flash::push(session, level, message);
    see_other("/login")
}

/// The code page again, saying the code did not work.
fn wrong_code(req: &HttpRequest, state: &AppState, next: String) -> Result<HttpResponse, AppError> {
    let (token, _) = csrf::public_token(req, state.settings.secure_cookies);
    let t = lang_of(req);
    let page = CodePage {
        layout: Layout::public(t, t.text("signin-code-title"), token, Vec::new()),
        next,
        error: Some(t.text("signin-code-wrong")),
    };
    render_as(&page, StatusCode::UNAUTHORIZED)
}

/// Checks the code of a pending session; a right one turns it into a full session,
/// a wrong one counts toward the lock-out like a wrong password.
fn second_step(
    conn: &mut PgConnection,
    settings: &crate::config::Settings,
    key: Option<&str>,
    code: &str,
    client: &session::Client,
) -> Result<SecondStep, AppError> {
    if let Some(retry_after) = attempts::rate_limited(conn, settings, client, None)? {
        return Ok(SecondStep::RateLimited(retry_after));
    }
    let Some(key) = key else {
        return Ok(SecondStep::Expired);
    };
    let Some(pending) = session::load_pending(conn, key)? else {
        return Ok(SecondStep::Expired);
    };
    let (email, locked_until) = queries::email_and_lock(conn, pending.user_id)?;
    let attempt = Attempt {
        email: &email,
        user_id: Some(pending.user_id),
        organization_id: pending.organization_id,
        client,
    };
    if let Some(until) = attempts::locked(locked_until) {
        attempt.record(conn, Err(Failure::Locked))?;
        session::revoke(conn, key)?;
        return Ok(SecondStep::Locked(until, None));
    }
    if mfa::check_code(conn, pending.user_id, code)? == CodeCheck::Wrong {
        attempt.record(conn, Err(Failure::WrongCode))?;
        if let Some(until) = attempts::count_failure(conn, settings, Some(pending.user_id))? {
            session::revoke(conn, key)?;
            return Ok(SecondStep::Locked(until, Some((pending.user_id, until))));
        }
        return Ok(SecondStep::Wrong);
    }
    let rotated = conn.transaction(|conn| {
        attempt.record(conn, Ok(()))?;
        attempts::clear_failures(conn, pending.user_id)?;
        session::rotate(conn, key, client, None)
    })?;
    Ok(rotated.map_or(SecondStep::Expired, SecondStep::Done))
}

/// The organization a session acts in, and the end of that school's day.
/// Users with global access and no organization of their own start in the first one.
fn acting_organization(
    conn: &mut PgConnection,
    candidate: &Candidate,
) -> QueryResult<Option<(Uuid, DateTime<Utc>)>> {
    let found = queries::acting_organization(
        conn,
        candidate.organization_id,
        candidate.global_access == Some(true),
    )?;
    Ok(found.map(|(id, tz)| (id.uuid(), end_of_local_day(crate::clock::zone(&tz)))))
}

fn end_of_local_day(time_zone: chrono_tz::Tz) -> DateTime<Utc> {
    let tz = time_zone;
    let tomorrow = Utc::now().with_timezone(&tz).date_naive() + chrono::Days::new(1);
    tomorrow
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(tz).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc::now() + chrono::Duration::hours(24))
}

async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if let Some(key) = session::key_from_request(&req) {
        // Sessions are the sign-in's own table, without row-level security.
        crate::web::db::run(&state.pool, move |conn| Ok(session::revoke(conn, &key)?)).await?;
    }
    let t = lang_of(&req);
    flash::push(&session, Level::Info, t.text("signin-signed-out"));
    let mut response = see_other("/login");
    response
        .add_cookie(&session::removal_cookie(state.settings.secure_cookies))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

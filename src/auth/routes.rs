//! `/login` and `/logout`.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::{csrf, password, session};
use crate::access::{Access, Gate, Routes};
use crate::db::enums::LoginMethod;
use crate::db::lower;
use crate::db::schema::{login_history, organizations, roles, users};
use crate::startup::AppState;
use crate::web::error::{AppError, is_local_path};
use crate::web::flash::{self, Level};
use crate::web::layout::Layout;
use crate::web::{render, see_other};

pub fn routes(r: &mut Routes) {
    r.get("/login", Gate::Public, login_form)
        .post("/login", Gate::Public, login)
        .post("/logout", Gate::SignedIn, logout);
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
    query: web::Query<NextQuery>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if let Some(key) = session::key_from_request(&req) {
        let idle = state.settings.session_idle;
        let signed_in =
            crate::db::run(&state.pool, move |conn| Ok(Access::load(conn, &key, idle)?)).await?;
        if signed_in.is_some() {
            return Ok(see_other("/"));
        }
    }
    let (token, cookie) = csrf::public_token(&req, state.settings.secure_cookies);
    let page = LoginPage {
        layout: Layout::public("Sign in", token, flash::take(&session)),
        email: String::new(),
        next: query
            .next
            .clone()
            .filter(|n| is_local_path(n))
            .unwrap_or_default(),
        keep_signed_in: false,
        error: None,
    };
    let mut response = render(&page)?;
    if let Some(cookie) = cookie {
        response
            .add_cookie(&cookie)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(response)
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

const WRONG_CREDENTIALS: &str =
    "That email and password do not match an account. Check both and try again.";

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let email = form.email.trim().to_lowercase();
    let keep_signed_in = form.keep_signed_in.is_some();
    let client = session::Client::of(&req);
    let settings = state.settings.clone();
    let attempt_email = email.clone();
    let outcome = crate::db::run(&state.pool, move |conn| {
        sign_in(
            conn,
            &settings,
            &attempt_email,
            &form.password,
            keep_signed_in,
            &client,
        )
    })
    .await?;

    match outcome {
        Ok(new_session) => {
            let next = form
                .next
                .filter(|n| is_local_path(n))
                .unwrap_or_else(|| "/".to_owned());
            let mut response = see_other(&next);
            response
                .add_cookie(&session::cookie(
                    &new_session,
                    state.settings.secure_cookies,
                ))
                .map_err(|e| AppError::Internal(e.into()))?;
            Ok(response)
        }
        Err(message) => {
            let (token, _) = csrf::public_token(&req, state.settings.secure_cookies);
            let page = LoginPage {
                layout: Layout::public("Sign in", token, Vec::new()),
                email,
                next: form.next.filter(|n| is_local_path(n)).unwrap_or_default(),
                keep_signed_in,
                error: Some(message),
            };
            let mut response = render(&page)?;
            *response.status_mut() = actix_web::http::StatusCode::UNAUTHORIZED;
            Ok(response)
        }
    }
}

#[derive(Queryable)]
struct Candidate {
    id: Uuid,
    password: Option<String>,
    disabled: bool,
    organization_id: Option<Uuid>,
    global_access: Option<bool>,
}

/// Checks the credentials, records the attempt, and starts a session.
/// The error is the message for the form.
fn sign_in(
    conn: &mut PgConnection,
    settings: &crate::config::Settings,
    email: &str,
    password_given: &str,
    keep_signed_in: bool,
    client: &session::Client,
) -> Result<Result<session::NewSession, String>, AppError> {
    let candidate: Option<Candidate> = users::table
        .left_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(lower(users::email).eq(email))
        .filter(users::deleted_at.is_null())
        .select((
            users::id,
            users::password,
            users::disabled,
            users::organization_id,
            roles::global_access.nullable(),
        ))
        .first(conn)
        .optional()?;

    // Always verify, against a dummy hash when there is no account: same time either way.
    let password_ok = password::verify(
        candidate.as_ref().and_then(|c| c.password.as_deref()),
        password_given,
    );
    let failure = match &candidate {
        None => Some("unknown_email"),
        Some(_) if !password_ok => Some("wrong_password"),
        Some(c) if c.disabled => Some("disabled"),
        Some(_) => None,
    };
    let organization = match (&candidate, failure) {
        (Some(c), None) => acting_organization(conn, c)?,
        _ => None,
    };
    let user_id = candidate.as_ref().map(|c| c.id);
    let record =
        |conn: &mut PgConnection, success: bool, reason: Option<&str>, org: Option<Uuid>| {
            diesel::insert_into(login_history::table)
                .values((
                    login_history::email.eq(email.chars().take(320).collect::<String>()),
                    login_history::user_id.eq(user_id),
                    login_history::organization_id.eq(org),
                    login_history::success.eq(success),
                    login_history::failure_reason.eq(reason),
                    login_history::ip_address.eq(client.ip_address.as_deref()),
                    login_history::user_agent.eq(client.user_agent.as_deref()),
                    login_history::login_method.eq(LoginMethod::Password),
                ))
                .execute(conn)
        };

    if let Some(reason) = failure {
        record(
            conn,
            false,
            Some(reason),
            candidate.as_ref().and_then(|c| c.organization_id),
        )?;
        let message = if reason == "disabled" {
            "This account is disabled. Ask an administrator to enable it."
        } else {
            WRONG_CREDENTIALS
        };
        return Ok(Err(message.to_owned()));
    }
    let (Some(candidate), Some((organization_id, end_of_day))) = (candidate, organization) else {
        record(conn, false, Some("no_organization"), None)?;
        return Ok(Err(
            "This account is not part of any organization yet. Ask an administrator to add it to one.".to_owned(),
        ));
    };

    let new_session = conn.transaction(|conn| {
        record(conn, true, None, Some(organization_id))?;
        diesel::update(users::table.find(candidate.id))
            .set(users::last_login_at.eq(Utc::now()))
            .execute(conn)?;
        session::create(
            conn,
            settings,
            candidate.id,
            organization_id,
            end_of_day,
            keep_signed_in,
            client,
        )
    })?;
    Ok(Ok(new_session))
}

/// The organization a session acts in, and the end of that school's day.
/// Users with global access and no organization of their own start in the first one.
fn acting_organization(
    conn: &mut PgConnection,
    candidate: &Candidate,
) -> QueryResult<Option<(Uuid, DateTime<Utc>)>> {
    let live = organizations::table.filter(organizations::deleted_at.is_null());
    let found: Option<(Uuid, String)> = match candidate.organization_id {
        Some(id) => live
            .filter(organizations::id.eq(id))
            .select((organizations::id, organizations::time_zone))
            .first(conn)
            .optional()?,
        None if candidate.global_access == Some(true) => live
            .order(organizations::name.asc())
            .select((organizations::id, organizations::time_zone))
            .first(conn)
            .optional()?,
        None => None,
    };
    Ok(found.map(|(id, tz)| (id, end_of_local_day(&tz))))
}

fn end_of_local_day(time_zone: &str) -> DateTime<Utc> {
    let tz: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
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
        crate::db::run(&state.pool, move |conn| Ok(session::revoke(conn, &key)?)).await?;
    }
    flash::push(&session, Level::Info, "You have signed out.");
    let mut response = see_other("/login");
    response
        .add_cookie(&session::removal_cookie(state.settings.secure_cookies))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

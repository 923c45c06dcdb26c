//! "Forgot your password?" and the page where a password token is used, for resets
//! and invitations alike: `/password/forgot`, `/password/set/{token}`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::accounts::looks_like_email;
use super::attempts::{self, Attempt, Failure};
use super::password::{NewPassword, NewPasswordErrors};
use super::queries::{self, Account};
use super::routes::render_public;
use super::tokens::{self, PasswordToken};
use super::{csrf, notices, session};
use crate::access::{Gate, Routes};
use crate::mail::{Email, Mailer};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, lang_of};
use crate::web::see_other;

pub fn routes(r: &mut Routes) {
    r.get("/password/forgot", Gate::Public, forgot_form)
        .post("/password/forgot", Gate::Public, forgot)
        .get("/password/set/{token}", Gate::Public, set_form)
        .post("/password/set/{token}", Gate::Public, set);
}

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    layout: Layout,
    email: String,
    error: Option<String>,
    sent: bool,
}

fn public_layout(
    req: &HttpRequest,
    state: &AppState,
    title: &str,
) -> (Layout, Option<actix_web::cookie::Cookie<'static>>) {
    let (token, cookie) = csrf::public_token(req, state.settings.secure_cookies);
    let t = lang_of(req);
    (Layout::public(t, t.text(title), token, Vec::new()), cookie)
}

async fn forgot_form(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (layout, cookie) = public_layout(&req, &state, "signin-forgot-password");
    let page = ForgotPage {
        layout,
        email: String::new(),
        error: None,
        sent: false,
    };
    render_public(&page, StatusCode::OK, cookie)
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// Always answers the same, so the page never tells whether an account exists.
async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: input::Form<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let email = form.into_inner().email.trim().to_lowercase();
    let (layout, cookie) = public_layout(&req, &state, "signin-forgot-password");
    if !looks_like_email(&email) {
        let error = layout.t.text("password-forgot-bad-email");
        let page = ForgotPage {
            layout,
            email,
            error: Some(error),
            sent: false,
        };
        return render_public(&page, StatusCode::UNPROCESSABLE_ENTITY, cookie);
    }
    let client = session::Client::of(&req);
    let settings = state.settings.clone();
    let asked_for = email.clone();
    // The account is found by its address, before any organization: no row-level security.
    let asked = crate::web::db::run(&state.pool, move |conn| {
        record_reset_request(conn, &settings, &asked_for, &client)
    })
    .await?;
    match asked {
        ResetRequest::RateLimited(retry_after) => {
            Ok(attempts::too_many_attempts(layout.t, retry_after))
        }
        ResetRequest::Recorded(account) => {
            send_reset_link_after_reply(&state, account);
            let page = ForgotPage {
                layout,
                email,
                error: None,
                sent: true,
            };
            render_public(&page, StatusCode::OK, cookie)
        }
    }
}

enum ResetRequest {
    RateLimited(i64),
    /// Recorded in the login history (it counts toward the address's limits), with
    /// the enabled account that has this address, if any.
    Recorded(Option<Account>),
}

fn record_reset_request(
    conn: &mut PgConnection,
    settings: &crate::config::Settings,
    email: &str,
    client: &session::Client,
) -> Result<ResetRequest, AppError> {
    if let Some(retry_after) = attempts::rate_limited(conn, settings, client, Some(email))? {
        return Ok(ResetRequest::RateLimited(retry_after));
    }
    let account = queries::enabled_account(conn, email)?;
    Attempt {
        email,
        user_id: account.as_ref().map(|a| a.0),
        organization_id: account.as_ref().and_then(|a| a.1),
        client,
    }
    .record(conn, Err(Failure::ResetRequested))?;
    Ok(ResetRequest::Recorded(account))
}

/// The link is made and e-mailed after the answer, so the answer takes the same
/// time whether or not an account has this address.
fn send_reset_link_after_reply(state: &AppState, account: Option<Account>) {
    if let Some(account) = account {
        let public_url = state.public_url.clone();
        notices::after_reply(state, "password reset link", move |conn, mailer| {
            send_reset_link(conn, mailer, &public_url, account)
        });
    }
}

/// E-mails a one-hour link to choose a new password.
fn send_reset_link(
    conn: &mut PgConnection,
    mailer: &Mailer,
    public_url: &str,
    (user_id, organization_id, address): Account,
) -> Result<(), AppError> {
    let token = tokens::issue_password_token(conn, user_id, PasswordToken::Reset)?;
    let link = tokens::password_link(public_url, &token);
    let t = queries::recipient_language(conn, user_id)?;
    mailer.send(
        conn,
        &Email {
            organization_id,
            to: address,
            subject: t.text("email-reset-subject"),
            body: t.message("email-reset-body").arg("link", &link).to_string(),
            sent_by: None,
        },
    )?;
    Ok(())
}

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    layout: Layout,
    /// `None` when the link is no longer valid.
    email: Option<String>,
    errors: NewPasswordErrors,
}

/// The form (answering `status`), or 410 with a way on when the link is no longer valid.
fn set_password_page(
    req: &HttpRequest,
    state: &AppState,
    email: Option<String>,
    errors: NewPasswordErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (layout, cookie) = public_layout(req, state, "password-set-title");
    let status = page_status(email.is_some(), status);
    render_public(
        &SetPasswordPage {
            layout,
            email,
            errors,
        },
        status,
        cookie,
    )
}

/// A link that is no longer valid answers 410 whatever was typed; a valid one `status`.
fn page_status(link_valid: bool, status: StatusCode) -> StatusCode {
    if link_valid { status } else { StatusCode::GONE }
}

fn token_email(conn: &mut PgConnection, token: &str) -> QueryResult<Option<String>> {
    let Some(user_id) = tokens::user_for_password_token(conn, token)? else {
        return Ok(None);
    };
    queries::email_of(conn, user_id)
}

async fn set_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    // A password link names an account, not an organization: no row-level security.
    let email =
        crate::web::db::run(&state.pool, move |conn| Ok(token_email(conn, &token)?)).await?;
    set_password_page(
        &req,
        &state,
        email,
        NewPasswordErrors::default(),
        StatusCode::OK,
    )
}

#[derive(Deserialize)]
struct SetPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// What using a password link came to.
enum LinkUse {
    /// The password is set, the link spent and every session of the account ended.
    PasswordSet,
    /// The form again for the account with this address (`None`: the link is no
    /// longer valid): the new password had messages, or the link was spent meanwhile.
    Form(Option<String>),
}

/// Sets the password of the link's account when the new one passed its checks
/// (`new_hash`), spending the link and ending the account's sessions together.
fn use_link(
    conn: &mut PgConnection,
    token: &str,
    new_hash: Option<String>,
) -> QueryResult<LinkUse> {
    let email = token_email(conn, token)?;
    let (Some(_), Some(new_hash)) = (&email, new_hash) else {
        return Ok(LinkUse::Form(email));
    };
    let set = conn.transaction(|conn| {
        let user_id = tokens::user_for_password_token(conn, token)?;
        let set = tokens::set_password_with_token(conn, token, &new_hash)?;
        if let (true, Some(user_id)) = (set, user_id) {
            session::revoke_all_for_user(conn, user_id)?;
        }
        QueryResult::Ok(set)
    })?;
    Ok(if set {
        LinkUse::PasswordSet
    } else {
        LinkUse::Form(email)
    })
}

/// Sets the password and spends the token. Success ends every session of the account
/// and sends the user to sign in: the link proves the e-mail address, not the
/// second factor, so signing in goes through two-step sign-in and the lock-out.
async fn set(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: input::Form<SetPasswordForm>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let form = form.into_inner();
    let new = NewPassword::typed_twice(lang_of(&req), &form.password, &form.password_again)?;
    // A password link names an account, not an organization: no row-level security.
    let used = crate::web::db::run(&state.pool, move |conn| {
        Ok(use_link(conn, &token, new.hash)?)
    })
    .await?;
    match used {
        LinkUse::PasswordSet => {
            let said = lang_of(&req).text("password-set-done");
            flash::push(&session, Level::Success, said);
            Ok(see_other("/login"))
        }
        LinkUse::Form(email) => set_password_page(
            &req,
            &state,
            email,
            new.errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_no_longer_valid_answers_gone_whatever_was_typed() {
        assert_eq!(page_status(false, StatusCode::OK), StatusCode::GONE);
        assert_eq!(
            page_status(false, StatusCode::UNPROCESSABLE_ENTITY),
            StatusCode::GONE
        );
        assert_eq!(
            page_status(true, StatusCode::UNPROCESSABLE_ENTITY),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(page_status(true, StatusCode::OK), StatusCode::OK);
    }
}

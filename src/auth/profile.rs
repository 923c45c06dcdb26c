//! `/profile`: your own name and phone, password, two-step sign-in and sessions.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::attempts::{self, Attempt, Failure};
use super::mfa;
use super::password::{self, NewPassword, NewPasswordErrors};
use super::queries::{self, Details};
use super::routes::with_session;
use super::session::{self, NewSession, SessionSummary};
use crate::access::{Access, Gate, MenuEntry, MenuGroup, Routes};
use crate::i18n::{Catalog, Lang, LanguageOption};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{LanguageForm, Layout, Page};
use crate::web::{render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    r.get("/profile", Gate::SignedIn, profile)
        .post("/profile", Gate::SignedIn, save_details)
        .post("/profile/password", Gate::SignedIn, change_password)
        .post("/profile/language", Gate::SignedIn, save_language)
        .post("/profile/sessions/others", Gate::SignedIn, sign_out_others)
        .post("/profile/sessions/all", Gate::SignedIn, sign_out_everywhere)
        .get("/profile/mfa", Gate::SignedIn, mfa_page)
        .post("/profile/mfa/confirm", Gate::SignedIn, confirm_mfa)
        .post("/profile/mfa/disable", Gate::SignedIn, disable_mfa);
    r.menu(MenuEntry {
        group: MenuGroup::Account,
        order: 90,
        label: "nav-profile",
        href: "/profile",
        gate: Gate::SignedIn,
    });
}

/// The profile fields as typed, and a message per field that is wrong.
#[derive(Default, Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Default)]
pub struct DetailsErrors {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
}

const NAME_MAX: usize = 100;

fn parse_name(t: Lang, raw: &str) -> Result<Option<String>, String> {
    let name = raw.trim();
    if name.chars().count() > NAME_MAX {
        return Err(t
            .message("profile-name-too-long")
            .arg("max", NAME_MAX)
            .to_string());
    }
    if name.chars().any(char::is_control) || input::changes_direction(name) {
        return Err(t.text("profile-name-characters"));
    }
    Ok((!name.is_empty()).then(|| name.to_owned()))
}

/// A phone number as people write it: digits with spaces, dashes, dots, brackets
/// and a leading +, 7 to 15 digits (the international maximum).
fn parse_phone(t: Lang, raw: &str) -> Result<Option<String>, String> {
    let phone = raw.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    let allowed = phone.char_indices().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    if !allowed {
        return Err(t.text("profile-phone-characters"));
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return Err(t.text("profile-phone-digits"));
    }
    Ok(Some(phone.split_whitespace().collect::<Vec<_>>().join(" ")))
}

impl DetailsForm {
    /// The details to store, or a message in `t` for each field that is wrong.
    fn check(&self, t: Lang) -> Result<Details, DetailsErrors> {
        match (
            parse_name(t, &self.first_name),
            parse_name(t, &self.last_name),
            parse_phone(t, &self.phone),
        ) {
            (Ok(first_name), Ok(last_name), Ok(phone)) => Ok(Details {
                first_name,
                last_name,
                phone,
            }),
            (first, last, phone) => Err(DetailsErrors {
                first_name: first.err(),
                last_name: last.err(),
                phone: phone.err(),
            }),
        }
    }
}

#[derive(Default)]
pub struct PasswordErrors {
    pub current: Option<String>,
    pub new: NewPasswordErrors,
}

#[derive(Template)]
#[template(path = "profile/profile.html")]
struct ProfilePage {
    layout: Layout,
    email: String,
    details: DetailsForm,
    details_errors: DetailsErrors,
    password_errors: PasswordErrors,
    mfa_enabled: bool,
    recovery_codes_left: usize,
    sessions: Vec<SessionView>,
    languages: Vec<LanguageOption>,
    /// The school's language, which an account without its own choice reads.
    school_language: Option<String>,
    /// The guide the school attached to the reader's role.
    guide: Vec<crate::files::StoredFile>,
}

/// A session as the profile lists it.
pub struct SessionView {
    pub device: String,
    pub ip_address: String,
    pub last_seen: String,
    pub signed_in: String,
    pub current: bool,
}

impl SessionView {
    /// A session as `t` reads it, its times in the school's zone.
    fn of(s: &SessionSummary, t: Lang, zone: Tz) -> SessionView {
        let when = |at: &DateTime<Utc>| t.date_time(&at.with_timezone(&zone));
        SessionView {
            device: device(t, s.user_agent.as_deref()),
            ip_address: s
                .ip_address
                .clone()
                .unwrap_or_else(|| t.text("profile-ip-unknown")),
            last_seen: when(&s.last_seen_at),
            signed_in: when(&s.created_at),
            current: s.current,
        }
    }
}

struct Stored {
    details: DetailsForm,
    mfa_enabled: bool,
    recovery_codes_left: usize,
    role_requires_mfa: bool,
    sessions: Vec<SessionSummary>,
}

fn load(conn: &mut PgConnection, access: &Access) -> QueryResult<Stored> {
    let row = queries::profile(conn, access.user_id)?;
    let mut sessions = session::list_for_user(conn, access.user_id)?;
    session::mark_current(&mut sessions, access.session_id);
    Ok(Stored {
        details: DetailsForm {
            first_name: row.first_name.unwrap_or_default(),
            last_name: row.last_name.unwrap_or_default(),
            phone: row.phone.unwrap_or_default(),
        },
        mfa_enabled: row.mfa_enabled,
        recovery_codes_left: mfa::recovery_codes_left(conn, access.user_id)?,
        role_requires_mfa: row.role_requires_mfa == Some(true),
        sessions,
    })
}

async fn load_stored(state: &AppState, access: &Access) -> Result<Stored, AppError> {
    let access = access.clone();
    // One's own account, which belongs to no organization's rows: no row-level security.
    crate::web::db::run(&state.pool, move |conn| Ok(load(conn, &access)?)).await
}

/// The profile page; a rejected form comes back with what was typed and its messages.
async fn profile_page(
    page: &Page,
    state: &AppState,
    typed: Option<(DetailsForm, DetailsErrors)>,
    password_errors: PasswordErrors,
) -> Result<HttpResponse, AppError> {
    let stored = load_stored(state, &page.access).await?;
    let guide = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        Ok::<_, AppError>(crate::files::role_guides(tenant)?)
    })
    .await?;
    let rejected =
        typed.is_some() || password_errors.current.is_some() || password_errors.new.any();
    let (details, details_errors) = typed.unwrap_or((stored.details, DetailsErrors::default()));
    render_as(
        &ProfilePage {
            layout: page.layout(page.t.text("profile-title")),
            email: page.access.email.clone(),
            details,
            details_errors,
            password_errors,
            mfa_enabled: stored.mfa_enabled,
            recovery_codes_left: stored.recovery_codes_left,
            sessions: stored
                .sessions
                .iter()
                .map(|s| SessionView::of(s, page.t, page.access.time_zone))
                .collect(),
            languages: crate::i18n::options(page.access.language.as_deref()),
            school_language: page
                .access
                .school_language
                .as_deref()
                .and_then(|tag| Catalog::shipped().find(tag))
                .map(|lang| lang.name()),
            guide,
        },
        status_for(rejected),
    )
}

async fn profile(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    profile_page(&page, &state, None, PasswordErrors::default()).await
}

async fn save_details(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<DetailsForm>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let details = match form.check(page.t) {
        Ok(details) => details,
        Err(errors) => {
            return profile_page(
                &page,
                &state,
                Some((form, errors)),
                PasswordErrors::default(),
            )
            .await;
        }
    };
    let user_id = page.access.user_id;
    // One's own account, which belongs to no organization's rows: no row-level security.
    crate::web::db::run(&state.pool, move |conn| {
        Ok(queries::save_details(conn, user_id, details)?)
    })
    .await?;
    flash::push(
        &session,
        Level::Success,
        page.t.text("profile-details-saved"),
    );
    Ok(see_other("/profile"))
}

/// Saves the language the user reads Homeroom in; none chosen follows the school.
async fn save_language(
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<LanguageForm>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let tag = page.chosen_language(&form)?;
    let user_id = page.access.user_id;
    // One's own account, which belongs to no organization's rows: no row-level security.
    crate::web::db::run(&state.pool, move |conn| {
        Ok(queries::save_language(conn, user_id, tag)?)
    })
    .await?;
    // Said in the language just chosen, as the next page will be.
    let t = tag
        .and_then(|tag| Catalog::shipped().find(tag))
        .unwrap_or(page.t);
    flash::push(&session, Level::Success, t.text("profile-language-saved"));
    Ok(see_other("/profile"))
}

/// A page sent back with messages is 422, so scripts and tests can tell it from a success.
fn status_for(rejected: bool) -> StatusCode {
    if rejected {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

fn password_matches(conn: &mut PgConnection, user_id: Uuid, given: &str) -> QueryResult<bool> {
    let stored = queries::password_hash(conn, user_id)?;
    Ok(password::verify(stored.as_deref(), given))
}

/// This request's session key and client, to rotate the session after a change of privilege.
struct ThisSession {
    key: Option<String>,
    client: session::Client,
}

impl ThisSession {
    fn of(req: &HttpRequest) -> ThisSession {
        ThisSession {
            key: session::key_from_request(req),
            client: session::Client::of(req),
        }
    }

    /// Ends this session and starts its successor.
    fn rotate(&self, conn: &mut PgConnection) -> QueryResult<Option<NewSession>> {
        match &self.key {
            Some(key) => session::rotate(conn, key, &self.client, None),
            None => Ok(None),
        }
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_again: String,
}

/// Stores the new password if the current one is right, ends the other sessions and
/// rotates this one; or the message for the current password (`None`: only the new
/// password was wrong).
fn new_password(
    t: Lang,
    conn: &mut PgConnection,
    access: &Access,
    this_session: &ThisSession,
    current_password: &str,
    new_hash: Option<String>,
) -> Result<Result<Option<NewSession>, Option<String>>, AppError> {
    // The person is signed in already: a wrong current password is a slip, not a
    // guess at someone's account, so it never locks it; a long run of them pauses the form.
    if attempts::profile_tries_used_up(conn, access.user_id)? {
        return Ok(Err(Some(t.text("profile-current-password-tries"))));
    }
    if !password_matches(conn, access.user_id, current_password)? {
        Attempt {
            email: &access.email,
            user_id: Some(access.user_id),
            organization_id: Some(access.organization_id),
            client: &this_session.client,
        }
        .record(conn, Err(Failure::WrongCurrentPassword))?;
        return Ok(Err(Some(t.text("profile-current-password-wrong"))));
    }
    let Some(new_hash) = new_hash else {
        return Ok(Err(None));
    };
    let rotated = conn.transaction(|conn| {
        queries::set_password(conn, access.user_id, &new_hash)?;
        session::revoke_others(conn, access.user_id, access.session_id)?;
        this_session.rotate(conn)
    })?;
    Ok(Ok(rotated))
}

/// Needs the current password; the new one ends every other session and rotates this one.
async fn change_password(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<PasswordForm>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let new = NewPassword::typed_twice(page.t, &form.new_password, &form.new_password_again)?;
    let access = page.access.clone();
    let this_session = ThisSession::of(&req);
    let t = page.t;
    // One's own account and sessions: no row-level security.
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        new_password(
            t,
            conn,
            &access,
            &this_session,
            &form.current_password,
            new.hash,
        )
    })
    .await?;
    match outcome {
        Ok(rotated) => {
            flash::push(
                &session,
                Level::Success,
                page.t.text("profile-password-changed"),
            );
            with_session(see_other("/profile"), rotated.as_ref(), &state)
        }
        Err(current) => {
            let errors = PasswordErrors {
                current,
                new: new.errors,
            };
            profile_page(&page, &state, None, errors).await
        }
    }
}

async fn sign_out_others(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    // One's own sessions, the sign-in's table without row-level security.
    let ended = crate::web::db::run(&state.pool, move |conn| {
        Ok(session::revoke_others(
            conn,
            access.user_id,
            access.session_id,
        )?)
    })
    .await?;
    let message = page
        .t
        .message("profile-signed-out-others")
        .arg("count", ended)
        .to_string();
    flash::push(&session, Level::Success, message);
    Ok(see_other("/profile"))
}

async fn sign_out_everywhere(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let user_id = page.access.user_id;
    // One's own sessions, the sign-in's table without row-level security.
    crate::web::db::run(&state.pool, move |conn| {
        Ok(session::revoke_all_for_user(conn, user_id)?)
    })
    .await?;
    flash::push(
        &session,
        Level::Info,
        page.t.text("profile-signed-out-everywhere"),
    );
    let mut response = see_other("/login");
    response
        .add_cookie(&session::removal_cookie(state.settings.secure_cookies))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

#[derive(Template)]
#[template(path = "profile/mfa.html")]
struct MfaPage {
    layout: Layout,
    enabled: bool,
    required: bool,
    recovery_codes_left: usize,
    /// While setting up: the QR code and the secret to type by hand.
    qr_code: Option<String>,
    secret: String,
    error: Option<String>,
}

async fn mfa_page_with(
    page: &Page,
    state: &AppState,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    // One's own account and its second factor: no row-level security.
    let (stored, secret) = crate::web::db::run(&state.pool, move |conn| {
        let stored = load(conn, &access)?;
        let secret = mfa::secret_for_enrolment(conn, access.user_id)?;
        Ok((stored, secret))
    })
    .await?;
    let rejected = error.is_some();
    render_as(
        &MfaPage {
            layout: page.layout(page.t.text("profile-mfa-heading")),
            enabled: stored.mfa_enabled,
            required: stored.role_requires_mfa,
            recovery_codes_left: stored.recovery_codes_left,
            qr_code: secret
                .as_deref()
                .and_then(|s| mfa::qr_data_uri(s, &page.access.email)),
            secret: secret
                .as_deref()
                .map(mfa::secret_for_typing)
                .unwrap_or_default(),
            error,
        },
        status_for(rejected),
    )
}

async fn mfa_page(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    mfa_page_with(&page, &state, None).await
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "profile/recovery_codes.html")]
struct RecoveryCodesPage {
    layout: Layout,
    codes: Vec<String>,
}

/// Turns two-step sign-in on with a code from the app, and shows the recovery codes
/// this once; the session rotates, as its privilege has changed.
async fn confirm_mfa(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let user_id = page.access.user_id;
    let this_session = ThisSession::of(&req);
    let code = form.into_inner().code;
    // One's own account and its second factor: no row-level security.
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        Ok(conn.transaction(|conn| {
            let Some(codes) = mfa::confirm_enrolment(conn, user_id, &code)? else {
                return QueryResult::Ok(None);
            };
            Ok(Some((codes, this_session.rotate(conn)?)))
        })?)
    })
    .await?;
    let Some((codes, rotated)) = outcome else {
        return mfa_page_with(&page, &state, Some(page.t.text("profile-mfa-code-wrong"))).await;
    };
    let mut layout = page.layout(page.t.text("profile-recovery-title"));
    if let Some(new_session) = &rotated {
        layout.csrf_token = new_session.csrf_token.clone();
    }
    with_session(
        render(&RecoveryCodesPage { layout, codes })?,
        rotated.as_ref(),
        &state,
    )
}

/// Turns two-step sign-in off once proven and rotates the session; or why not.
fn mfa_off(
    t: Lang,
    conn: &mut PgConnection,
    access: &Access,
    this_session: &ThisSession,
    form: &CodeForm,
) -> Result<Result<Option<NewSession>, String>, AppError> {
    let stored = load(conn, access)?;
    if stored.role_requires_mfa {
        return Ok(Err(t.text("profile-mfa-role-requires")));
    }
    let proven = if form.code.trim().is_empty() {
        password_matches(conn, access.user_id, &form.password)?
    } else {
        mfa::check_code(conn, access.user_id, &form.code)? != mfa::CodeCheck::Wrong
    };
    if !proven {
        return Ok(Err(t.text("profile-mfa-prove")));
    }
    let rotated = conn.transaction(|conn| {
        mfa::disable(conn, access.user_id)?;
        this_session.rotate(conn)
    })?;
    Ok(Ok(rotated))
}

/// Turns two-step sign-in off with a current code or the password, unless the role requires it.
async fn disable_mfa(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    form: input::Form<CodeForm>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let access = page.access.clone();
    let this_session = ThisSession::of(&req);
    let t = page.t;
    // One's own account and its second factor: no row-level security.
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        mfa_off(t, conn, &access, &this_session, &form)
    })
    .await?;
    match outcome {
        Ok(rotated) => {
            flash::push(&session, Level::Info, page.t.text("profile-mfa-turned-off"));
            with_session(see_other("/profile"), rotated.as_ref(), &state)
        }
        Err(message) => mfa_page_with(&page, &state, Some(message)).await,
    }
}

/// A short description of a browser from its user agent, for people to recognise.
fn device(t: Lang, user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|u| !u.trim().is_empty()) else {
        return t.text("profile-device-unknown");
    };
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| *name);
    let system = [
        ("iPad", "iPad"),
        ("iPhone", "iPhone"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "Mac"),
        ("CrOS", "Chromebook"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => t
            .message("profile-device-browser-on")
            .arg("browser", b)
            .arg("system", s)
            .to_string(),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => ua.chars().take(60).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(first: &str, last: &str, phone: &str) -> DetailsForm {
        DetailsForm {
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            phone: phone.to_owned(),
        }
    }

    #[test]
    fn details_are_trimmed_and_empty_fields_become_nothing() {
        assert_eq!(
            form("  Ada ", "", " +44 20  7946 0958 ")
                .check(Lang::default())
                .ok(),
            Some(Details {
                first_name: Some("Ada".to_owned()),
                last_name: None,
                phone: Some("+44 20 7946 0958".to_owned()),
            })
        );
    }

    #[test]
    fn bad_phone_numbers_and_long_names_get_a_message_each() {
        let errors = form(&"x".repeat(101), "Ok", "call me")
            .check(Lang::default())
            .expect_err("errors");
        assert_eq!(
            errors.first_name.as_deref(),
            Some("Use at most 100 characters.")
        );
        assert!(errors.last_name.is_none());
        assert!(errors.phone.is_some());
        let short = form("", "", "12-34")
            .check(Lang::default())
            .expect_err("errors");
        assert_eq!(
            short.phone.as_deref(),
            Some("A phone number has 7 to 15 digits.")
        );
        assert!(
            form("", "", "555 0100 +1").check(Lang::default()).is_err(),
            "+ only first"
        );
    }

    #[test]
    fn devices_are_named_from_the_user_agent() {
        assert_eq!(
            device(
                Lang::default(),
                Some(
                    "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1"
                )
            ),
            "Safari on iPad"
        );
        assert_eq!(device(Lang::default(), None), "Unknown device");
    }
}

//! Sign-in attempts: the login history, the limits per address read from it (per
//! e-mail address, and across many e-mail addresses), and the per-account lock-out
//! after consecutive failures.

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::session::Client;
use crate::config::Settings;
use crate::db::enums::LoginMethod;
use crate::db::lower;
use crate::db::schema::{login_history, users};
use crate::i18n::{Lang, msg};
use crate::web::error::error_page;

/// Why an attempt failed, as stored in `login_history.failure_reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    UnknownEmail,
    WrongPassword,
    WrongCode,
    Locked,
    Disabled,
    NoOrganization,
    /// Not a sign-in: a password reset was asked for; it shares the address's budget.
    ResetRequested,
    /// Not a sign-in: a signed-in user gave a wrong current password on their profile.
    /// It never locks the account nor counts toward the address's limits.
    WrongCurrentPassword,
}

const NOT_A_SIGN_IN: &str = Failure::WrongCurrentPassword.as_str();

impl Failure {
    pub const fn as_str(self) -> &'static str {
        match self {
            Failure::UnknownEmail => "unknown_email",
            Failure::WrongPassword => "wrong_password",
            Failure::WrongCode => "wrong_mfa_code",
            Failure::Locked => "locked",
            Failure::Disabled => "disabled",
            Failure::NoOrganization => "no_organization",
            Failure::ResetRequested => "reset_requested",
            Failure::WrongCurrentPassword => "wrong_current_password",
        }
    }
}

/// Who tried, from where.
pub struct Attempt<'a> {
    pub email: &'a str,
    pub user_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub client: &'a Client,
}

impl Attempt<'_> {
    /// Writes the attempt to the login history; `Ok` is a completed sign-in.
    pub fn record(&self, conn: &mut PgConnection, outcome: Result<(), Failure>) -> QueryResult<()> {
        diesel::insert_into(login_history::table)
            .values((
                login_history::email.eq(self.email.chars().take(320).collect::<String>()),
                login_history::user_id.eq(self.user_id),
                login_history::organization_id.eq(self.organization_id),
                login_history::success.eq(outcome.is_ok()),
                login_history::failure_reason.eq(outcome.err().map(Failure::as_str)),
                login_history::ip_address.eq(self.client.ip_address.as_deref()),
                login_history::user_agent.eq(self.client.user_agent.as_deref()),
                login_history::login_method.eq(LoginMethod::Password),
            ))
            .execute(conn)
            .map(|_| ())
    }
}

fn chrono_duration(d: std::time::Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::minutes(15))
}

/// Seconds until this address may try again, when it is refused: after too many
/// failures for one e-mail address (`email`, when the request names one), or after
/// failures for too many different e-mail addresses (a password spray). A school's
/// staff share one public address, so one person's typos, or thirty people's, never
/// refuse the others. Successes do not count. Counted in the database, so the limits
/// hold across app servers.
pub fn rate_limited(
    conn: &mut PgConnection,
    settings: &Settings,
    client: &Client,
    email: Option<&str>,
) -> QueryResult<Option<i64>> {
    let Some(ip) = client.ip_address.as_deref() else {
        return Ok(None);
    };
    let window = chrono_duration(settings.login_rate_window);
    let now = Utc::now();
    let since = now - window;
    let limit = settings.login_failures_per_account;
    if let (Some(email), true) = (email, limit >= 1) {
        // When the limit-th most recent failure leaves the window, one more attempt is allowed.
        let oldest_counted: Option<DateTime<Utc>> = login_history::table
            .filter(login_history::ip_address.eq(ip))
            .filter(login_history::success.eq(false))
            .filter(login_history::created_at.gt(since))
            .filter(login_history::failure_reason.is_distinct_from(NOT_A_SIGN_IN))
            .filter(lower(login_history::email).eq(email.to_lowercase()))
            .order(login_history::created_at.desc())
            .offset(limit - 1)
            .select(login_history::created_at)
            .first(conn)
            .optional()?;
        if let Some(at) = oldest_counted {
            return Ok(Some((at + window - now).num_seconds().max(1)));
        }
    }
    let accounts = settings.login_spray_accounts;
    if accounts < 1 {
        return Ok(None);
    }
    // Each address's latest failure; when the accounts-th latest leaves the window,
    // fewer addresses than the limit remain and the address may try again.
    let latest = diesel::dsl::max(login_history::created_at);
    let oldest_counted: Option<Option<DateTime<Utc>>> = login_history::table
        .filter(login_history::ip_address.eq(ip))
        .filter(login_history::success.eq(false))
        .filter(login_history::created_at.gt(since))
        .filter(login_history::failure_reason.is_distinct_from(NOT_A_SIGN_IN))
        .group_by(lower(login_history::email))
        .select(latest)
        .order(latest.desc())
        .offset(accounts - 1)
        .first(conn)
        .optional()?;
    Ok(oldest_counted
        .flatten()
        .map(|at| (at + window - now).num_seconds().max(1)))
}

/// The 429 answer: what happened, when to try again, and nothing recorded.
pub fn too_many_attempts(t: Lang, retry_after_seconds: i64) -> HttpResponse {
    let minutes = (retry_after_seconds + 59) / 60;
    let message = t
        .message(msg("error-too-many-attempts"))
        .arg("minutes", minutes)
        .to_string();
    let title = t.text(msg("error-too-many-attempts-title"));
    let mut response = error_page(t, StatusCode::TOO_MANY_REQUESTS, &title, &message);
    if let Ok(value) = header::HeaderValue::from_str(&retry_after_seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The message for a locked account, saying when it opens again.
pub fn locked_message(t: Lang, until: DateTime<Utc>) -> String {
    let minutes = ((until - Utc::now()).num_seconds() + 59).max(60) / 60;
    t.message(msg("signin-locked"))
        .arg("minutes", minutes)
        .to_string()
}

/// Whether an account is locked now; the time it opens again.
pub fn locked(locked_until: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    locked_until.filter(|until| *until > Utc::now())
}

/// Counts one more consecutive failure of `account`; at the limit the account locks
/// and the count starts again. Returns when the account opens again if it has just
/// locked. Without an account (an unknown e-mail, or one already locked) the same
/// statements run and touch no row, so every refusal costs the same time.
pub fn count_failure(
    conn: &mut PgConnection,
    settings: &Settings,
    account: Option<Uuid>,
) -> QueryResult<Option<DateTime<Utc>>> {
    let user_id = account.unwrap_or(Uuid::nil());
    conn.transaction(|conn| {
        let failures: Option<i32> = diesel::update(users::table.find(user_id))
            .set(users::failed_login_count.eq(users::failed_login_count + 1))
            .returning(users::failed_login_count)
            .get_result(conn)
            .optional()?;
        let Some(failures) = failures.filter(|f| *f >= settings.lockout_attempts.max(1)) else {
            return Ok(None);
        };
        let until = Utc::now() + chrono_duration(settings.lockout);
        diesel::update(users::table.find(user_id))
            .set((
                users::failed_login_count.eq(0),
                users::locked_until.eq(until),
            ))
            .execute(conn)?;
        tracing::info!(%user_id, failures, "account locked after failed sign-ins");
        Ok(Some(until))
    })
}

/// Wrong current passwords a signed-in user may give on their profile per quarter
/// hour before the form stops checking for a while (the account never locks for it).
pub const PROFILE_TRIES: i64 = 10;

/// Whether this user has given too many wrong current passwords lately.
pub fn profile_tries_used_up(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    let wrong: i64 = login_history::table
        .filter(login_history::user_id.eq(user_id))
        .filter(login_history::failure_reason.eq(NOT_A_SIGN_IN))
        .filter(login_history::created_at.gt(Utc::now() - chrono::Duration::minutes(15)))
        .count()
        .get_result(conn)?;
    Ok(wrong >= PROFILE_TRIES)
}

/// A successful sign-in ends the run of failures.
pub fn clear_failures(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::failed_login_count.eq(0),
            users::locked_until.eq(None::<DateTime<Utc>>),
            users::last_login_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

//! Server-side sessions: the cookie holds a random key, the database holds its
//! SHA-256 with the user, organization, expiry and revocation (auth_refresh_tokens).

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::config::Settings;
use crate::db::schema::auth_refresh_tokens;

pub const COOKIE: &str = "homeroom_session";

/// 256 random bits, hex encoded.
pub fn random_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

pub fn key_from_request(req: &HttpRequest) -> Option<String> {
    req.cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

pub struct NewSession {
    pub key: String,
    pub expires_at: DateTime<Utc>,
    pub keep_signed_in: bool,
    /// The new session's CSRF token, for a page rendered in the same response.
    pub csrf_token: String,
}

/// One live session of a user, as the profile and the administration screens show it.
#[derive(Clone, Debug)]
pub struct SessionSummary {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
    pub expires_at: DateTime<Utc>,
    /// Whether this is the session making the request; see [`mark_current`].
    pub current: bool,
}

/// What a second-factor page needs of a session that has passed the password only.
pub struct PendingSignIn {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub organization_id: Option<Uuid>,
}

/// A half-signed-in session must finish its second step within this time.
const PENDING_FOR_MINUTES: i64 = 10;

pub struct Client {
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
}

impl Client {
    pub fn of(req: &HttpRequest) -> Client {
        Client {
            user_agent: req
                .headers()
                .get(actix_web::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.chars().take(512).collect()),
            ip_address: client_address(req),
        }
    }
}

/// The client's address: the connection's, or behind trusted proxies the entry the
/// outermost of them added to `X-Forwarded-For`.
fn client_address(req: &HttpRequest) -> Option<String> {
    let peer = req.peer_addr().map(|a| a.ip().to_string());
    let proxies = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map_or(0, |state| state.settings.trusted_proxies);
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok());
    forwarded_client(forwarded, proxies).or(peer)
}

/// Each proxy appends the address it received from, so with `proxies` trusted ones the
/// client is that many entries from the right; anything further left the client wrote.
fn forwarded_client<'a>(headers: impl Iterator<Item = &'a str>, proxies: usize) -> Option<String> {
    if proxies == 0 {
        return None;
    }
    let entries: Vec<&str> = headers
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let at = entries.len().checked_sub(proxies)?;
    entries[at]
        .parse::<std::net::IpAddr>()
        .ok()
        .map(|ip| ip.to_string())
}

/// The facts a new session starts from.
pub struct SessionStart {
    pub user_id: Uuid,
    pub organization_id: Uuid,
    /// When the school's day ends: the session's end without "keep me signed in".
    pub end_of_day: DateTime<Utc>,
    pub keep_signed_in: bool,
    /// The user has two-step sign-in and has given the password only.
    pub mfa_pending: bool,
}

impl SessionStart {
    /// A kept session lasts `SESSION_MAX` from now; any other ends with the school's day.
    fn expires_at(&self, settings: &Settings, now: DateTime<Utc>) -> DateTime<Utc> {
        if self.keep_signed_in {
            now + chrono::Duration::from_std(settings.session_max)
                .unwrap_or(chrono::Duration::days(7))
        } else {
            self.end_of_day
        }
    }
}

/// Starts a session. Without "keep me signed in" it ends at the close of the
/// school's day, so a shared tablet is clean the next morning. A session of a user
/// with two-step sign-in starts `mfa_pending` and opens nothing until rotated.
pub fn create(
    conn: &mut PgConnection,
    settings: &Settings,
    start: &SessionStart,
    client: &Client,
) -> QueryResult<NewSession> {
    insert(
        conn,
        SessionRow {
            user_id: start.user_id,
            organization_id: Some(start.organization_id),
            family_id: Uuid::new_v4(),
            previous_token_id: None,
            keep_signed_in: start.keep_signed_in,
            expires_at: start.expires_at(settings, Utc::now()),
            mfa_pending: start.mfa_pending,
        },
        client,
    )
    .map(|(_, session)| session)
}

/// The lasting fields of a session, carried over when it rotates.
struct SessionRow {
    user_id: Uuid,
    organization_id: Option<Uuid>,
    family_id: Uuid,
    previous_token_id: Option<Uuid>,
    keep_signed_in: bool,
    expires_at: DateTime<Utc>,
    mfa_pending: bool,
}

fn insert(
    conn: &mut PgConnection,
    row: SessionRow,
    client: &Client,
) -> QueryResult<(Uuid, NewSession)> {
    let key = random_key();
    let csrf_token = random_key();
    let id = diesel::insert_into(auth_refresh_tokens::table)
        .values((
            auth_refresh_tokens::user_id.eq(row.user_id),
            auth_refresh_tokens::organization_id.eq(row.organization_id),
            auth_refresh_tokens::token_hash.eq(hash_key(&key)),
            auth_refresh_tokens::family_id.eq(row.family_id),
            auth_refresh_tokens::previous_token_id.eq(row.previous_token_id),
            auth_refresh_tokens::user_agent.eq(client.user_agent.as_deref()),
            auth_refresh_tokens::ip_address.eq(client.ip_address.as_deref()),
            auth_refresh_tokens::expires_at.eq(row.expires_at),
            auth_refresh_tokens::last_seen_at.eq(Utc::now()),
            auth_refresh_tokens::csrf_token.eq(&csrf_token),
            auth_refresh_tokens::keep_signed_in.eq(row.keep_signed_in),
            auth_refresh_tokens::mfa_pending.eq(row.mfa_pending),
        ))
        .returning(auth_refresh_tokens::id)
        .get_result(conn)?;
    Ok((
        id,
        NewSession {
            key,
            expires_at: row.expires_at,
            keep_signed_in: row.keep_signed_in,
            csrf_token,
        },
    ))
}

/// Replaces the session with this key by a new one in the same family, at any change
/// of privilege, so a key seen before the change is worth nothing after it. The new
/// session is complete (never `mfa_pending`), keeps the old expiry, and acts in
/// `organization_id` when given. `None` when the key is not a live session.
pub fn rotate(
    conn: &mut PgConnection,
    current_key: &str,
    client: &Client,
    organization_id: Option<Uuid>,
) -> QueryResult<Option<NewSession>> {
    conn.transaction(|conn| {
        let current = auth_refresh_tokens::table
            .filter(auth_refresh_tokens::token_hash.eq(hash_key(current_key)))
            .filter(auth_refresh_tokens::revoked_at.is_null())
            .filter(auth_refresh_tokens::expires_at.gt(Utc::now()))
            .select((
                auth_refresh_tokens::id,
                auth_refresh_tokens::user_id,
                auth_refresh_tokens::organization_id,
                auth_refresh_tokens::family_id,
                auth_refresh_tokens::keep_signed_in,
                auth_refresh_tokens::expires_at,
            ))
            .for_update()
            .first::<(Uuid, Uuid, Option<Uuid>, Uuid, bool, DateTime<Utc>)>(conn)
            .optional()?;
        let Some((old_id, user_id, old_org, family_id, keep_signed_in, expires_at)) = current
        else {
            return Ok(None);
        };
        let (new_id, session) = insert(
            conn,
            SessionRow {
                user_id,
                organization_id: organization_id.or(old_org),
                family_id,
                previous_token_id: Some(old_id),
                keep_signed_in,
                expires_at,
                mfa_pending: false,
            },
            client,
        )?;
        diesel::update(auth_refresh_tokens::table.find(old_id))
            .set((
                auth_refresh_tokens::revoked_at.eq(Utc::now()),
                auth_refresh_tokens::replaced_by_token_id.eq(new_id),
            ))
            .execute(conn)?;
        Ok(Some(session))
    })
}

/// The half-signed-in session of this key: password given, second step still due.
pub fn load_pending(conn: &mut PgConnection, key: &str) -> QueryResult<Option<PendingSignIn>> {
    let now = Utc::now();
    auth_refresh_tokens::table
        .filter(auth_refresh_tokens::token_hash.eq(hash_key(key)))
        .filter(auth_refresh_tokens::mfa_pending.eq(true))
        .filter(auth_refresh_tokens::revoked_at.is_null())
        .filter(auth_refresh_tokens::expires_at.gt(now))
        .filter(
            auth_refresh_tokens::created_at
                .gt(now - chrono::Duration::minutes(PENDING_FOR_MINUTES)),
        )
        .select((
            auth_refresh_tokens::id,
            auth_refresh_tokens::user_id,
            auth_refresh_tokens::organization_id,
        ))
        .first::<(Uuid, Uuid, Option<Uuid>)>(conn)
        .optional()
        .map(|row| {
            row.map(|(session_id, user_id, organization_id)| PendingSignIn {
                session_id,
                user_id,
                organization_id,
            })
        })
}

/// Whose session the key named, live or ended: the user and the organization it acted in.
pub fn owner(conn: &mut PgConnection, key: &str) -> QueryResult<Option<(Uuid, Option<Uuid>)>> {
    auth_refresh_tokens::table
        .filter(auth_refresh_tokens::token_hash.eq(hash_key(key)))
        .select((
            auth_refresh_tokens::user_id,
            auth_refresh_tokens::organization_id,
        ))
        .first(conn)
        .optional()
}

fn live_sessions_of(user_id: Uuid) -> auth_refresh_tokens::BoxedQuery<'static, diesel::pg::Pg> {
    auth_refresh_tokens::table
        .filter(auth_refresh_tokens::user_id.eq(user_id))
        .filter(auth_refresh_tokens::revoked_at.is_null())
        .filter(auth_refresh_tokens::expires_at.gt(Utc::now()))
        .into_boxed()
}

/// The user's sessions that still work, most recently used first.
pub fn list_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<SessionSummary>> {
    let rows = live_sessions_of(user_id)
        .filter(auth_refresh_tokens::mfa_pending.eq(false))
        .order(auth_refresh_tokens::last_seen_at.desc())
        .select((
            auth_refresh_tokens::id,
            auth_refresh_tokens::created_at,
            auth_refresh_tokens::last_seen_at,
            auth_refresh_tokens::user_agent,
            auth_refresh_tokens::ip_address,
            auth_refresh_tokens::expires_at,
        ))
        .load::<(
            Uuid,
            DateTime<Utc>,
            DateTime<Utc>,
            Option<String>,
            Option<String>,
            DateTime<Utc>,
        )>(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, created_at, last_seen_at, user_agent, ip_address, expires_at)| SessionSummary {
                id,
                created_at,
                last_seen_at,
                user_agent,
                ip_address,
                expires_at,
                current: false,
            },
        )
        .collect())
}

/// Marks the session making the request ("this device").
pub fn mark_current(sessions: &mut [SessionSummary], current_session_id: Uuid) {
    for s in sessions {
        s.current = s.id == current_session_id;
    }
}

fn revoke_where(
    conn: &mut PgConnection,
    user_id: Uuid,
    only: Option<Uuid>,
    except: Option<Uuid>,
) -> QueryResult<usize> {
    let mut ids = live_sessions_of(user_id).select(auth_refresh_tokens::id);
    if let Some(id) = only {
        ids = ids.filter(auth_refresh_tokens::id.eq(id));
    }
    if let Some(id) = except {
        ids = ids.filter(auth_refresh_tokens::id.ne(id));
    }
    diesel::update(auth_refresh_tokens::table.filter(auth_refresh_tokens::id.eq_any(ids)))
        .set(auth_refresh_tokens::revoked_at.eq(Utc::now()))
        .execute(conn)
}

/// Ends one session of the user; false when it was not theirs or had already ended.
pub fn revoke_by_id(conn: &mut PgConnection, user_id: Uuid, session_id: Uuid) -> QueryResult<bool> {
    revoke_where(conn, user_id, Some(session_id), None).map(|n| n == 1)
}

/// Ends every session of the user ("sign out everywhere", a disabled account).
pub fn revoke_all_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    revoke_where(conn, user_id, None, None)
}

/// Ends every session of the user but the one making the request.
pub fn revoke_others(conn: &mut PgConnection, user_id: Uuid, keep: Uuid) -> QueryResult<usize> {
    revoke_where(conn, user_id, None, Some(keep))
}

/// Ends the session with this key; it stops working on the next request.
pub fn revoke(conn: &mut PgConnection, key: &str) -> QueryResult<usize> {
    diesel::update(
        auth_refresh_tokens::table
            .filter(auth_refresh_tokens::token_hash.eq(hash_key(key)))
            .filter(auth_refresh_tokens::revoked_at.is_null()),
    )
    .set(auth_refresh_tokens::revoked_at.eq(Utc::now()))
    .execute(conn)
}

pub fn cookie(session: &NewSession, secure: bool) -> Cookie<'static> {
    let mut builder = Cookie::build(COOKIE, session.key.clone())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax);
    if session.keep_signed_in {
        let seconds = (session.expires_at - Utc::now()).num_seconds().max(0);
        builder = builder.max_age(CookieDuration::seconds(seconds));
    }
    builder.finish()
}

pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build(COOKIE, "")
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .finish();
    cookie.make_removal();
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_trusted_proxies_the_client_is_counted_from_the_right() {
        let one = |h: &'static str, n| forwarded_client([h].into_iter(), n);
        assert_eq!(one("203.0.113.9", 1).as_deref(), Some("203.0.113.9"));
        assert_eq!(
            one("6.6.6.6, 203.0.113.9", 1).as_deref(),
            Some("203.0.113.9"),
            "a written-in entry is ignored"
        );
        assert_eq!(
            one("203.0.113.9, 10.0.0.2", 2).as_deref(),
            Some("203.0.113.9")
        );
        assert_eq!(one("203.0.113.9", 0), None, "not trusted without proxies");
        assert_eq!(one("203.0.113.9", 2), None, "fewer entries than proxies");
        assert_eq!(one("not-an-ip", 1), None);
        let split = forwarded_client(["6.6.6.6", "203.0.113.9"].into_iter(), 1);
        assert_eq!(
            split.as_deref(),
            Some("203.0.113.9"),
            "several headers read as one list"
        );
    }

    #[test]
    fn a_kept_session_lasts_the_configured_days_and_another_ends_with_the_school_day() {
        let settings = Settings::for_tests(std::path::PathBuf::from("unused"));
        let now = Utc::now();
        let end_of_day = now + chrono::Duration::hours(5);
        let start = |keep_signed_in| SessionStart {
            user_id: Uuid::nil(),
            organization_id: Uuid::nil(),
            end_of_day,
            keep_signed_in,
            mfa_pending: false,
        };
        assert_eq!(
            start(true).expires_at(&settings, now),
            now + chrono::Duration::days(7)
        );
        assert_eq!(start(false).expires_at(&settings, now), end_of_day);
    }

    #[test]
    fn keys_are_random_and_stored_only_as_hashes() {
        let a = random_key();
        let b = random_key();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(hash_key(&a), a);
        assert_eq!(hash_key(&a), hash_key(&a));
    }
}

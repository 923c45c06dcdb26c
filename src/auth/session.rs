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
}

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
            ip_address: req.peer_addr().map(|a| a.ip().to_string()),
        }
    }
}

/// Starts a session. Without "keep me signed in" it ends at the close of the
/// school's day, so a shared tablet is clean the next morning.
pub fn create(
    conn: &mut PgConnection,
    settings: &Settings,
    user_id: Uuid,
    organization_id: Uuid,
    end_of_day: DateTime<Utc>,
    keep_signed_in: bool,
    client: &Client,
) -> QueryResult<NewSession> {
    let key = random_key();
    let now = Utc::now();
    let expires_at = if keep_signed_in {
        now + chrono::Duration::from_std(settings.session_max).unwrap_or(chrono::Duration::days(7))
    } else {
        end_of_day
    };
    diesel::insert_into(auth_refresh_tokens::table)
        .values((
            auth_refresh_tokens::user_id.eq(user_id),
            auth_refresh_tokens::organization_id.eq(organization_id),
            auth_refresh_tokens::token_hash.eq(hash_key(&key)),
            auth_refresh_tokens::family_id.eq(Uuid::new_v4()),
            auth_refresh_tokens::user_agent.eq(client.user_agent.as_deref()),
            auth_refresh_tokens::ip_address.eq(client.ip_address.as_deref()),
            auth_refresh_tokens::expires_at.eq(expires_at),
            auth_refresh_tokens::last_seen_at.eq(now),
            auth_refresh_tokens::csrf_token.eq(random_key()),
            auth_refresh_tokens::keep_signed_in.eq(keep_signed_in),
        ))
        .execute(conn)?;
    Ok(NewSession {
        key,
        expires_at,
        keep_signed_in,
    })
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
    fn keys_are_random_and_stored_only_as_hashes() {
        let a = random_key();
        let b = random_key();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(hash_key(&a), a);
        assert_eq!(hash_key(&a), hash_key(&a));
    }
}

//! Single-use tokens sent by e-mail: password resets, invitations (which set the
//! first password) and e-mail confirmation. Only a SHA-256 of each token is stored.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::session::{hash_key, random_key};
use crate::db::schema::users;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordToken {
    /// "Forgot your password": valid for one hour.
    Reset,
    /// A new account's invitation to choose a password: valid for seven days.
    Invitation,
}

impl PasswordToken {
    pub fn valid_for(self) -> Duration {
        match self {
            PasswordToken::Reset => Duration::hours(1),
            PasswordToken::Invitation => Duration::days(7),
        }
    }
}

/// The path of the page where a password token is used.
pub fn password_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/password/set/{token}")
}

/// Issues a password token for the user, replacing any earlier one; returns the
/// token to put in the e-mail.
pub fn issue_password_token(
    conn: &mut PgConnection,
    user_id: Uuid,
    kind: PasswordToken,
) -> QueryResult<String> {
    let token = random_key();
    diesel::update(users::table.find(user_id))
        .set((
            users::password_reset_token.eq(hash_key(&token)),
            users::password_reset_token_expires_at.eq(Utc::now() + kind.valid_for()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The live, enabled user a password token belongs to, if it is valid and unexpired.
pub fn user_for_password_token(conn: &mut PgConnection, token: &str) -> QueryResult<Option<Uuid>> {
    users::table
        .filter(users::password_reset_token.eq(hash_key(token)))
        .filter(users::password_reset_token_expires_at.gt(Utc::now()))
        .filter(users::deleted_at.is_null())
        .filter(users::disabled.eq(false))
        .select(users::id)
        .first(conn)
        .optional()
}

/// Sets the new password hash and spends the token in one update, so a token
/// works once. Returns false when the token was no longer valid.
pub fn set_password_with_token(
    conn: &mut PgConnection,
    token: &str,
    password_hash: &str,
) -> QueryResult<bool> {
    let updated = diesel::update(
        users::table
            .filter(users::password_reset_token.eq(hash_key(token)))
            .filter(users::password_reset_token_expires_at.gt(Utc::now()))
            .filter(users::deleted_at.is_null())
            .filter(users::disabled.eq(false)),
    )
    .set((
        users::password.eq(password_hash),
        users::password_reset_token.eq(None::<String>),
        users::password_reset_token_expires_at.eq(None::<chrono::DateTime<Utc>>),
        // Whoever holds a token sent to the address has shown they own it.
        users::email_verified.eq(true),
        users::failed_login_count.eq(0),
        users::locked_until.eq(None::<chrono::DateTime<Utc>>),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

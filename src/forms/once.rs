//! One-time tokens of new-record forms. The token is made when the form is shown
//! and costs nothing until the form is posted; the first post claims it and
//! remembers the page of the record it created, for a day.

use actix_session::Session;
use actix_web::HttpResponse;
use diesel::PgConnection;

use super::queries::{self, Claim};
use crate::access::Access;
use crate::db::{OrganizationId, Tenant, UserId};
use crate::i18n::Lang;
use crate::i18n::msg;
use crate::web::error::{AppError, Refusal};
use crate::web::flash::{self, Level};
use crate::web::see_other;

/// The longest token taken as one; anything longer was not made here.
const TOKEN_MAX: usize = 128;

/// A new token for a form being shown.
pub fn fresh_token() -> String {
    crate::auth::session::random_key()
}

/// The form's token among its fields; a post without one (or with one no form of
/// ours could hold) creates as any post would.
pub fn token_in(fields: &[(String, String)]) -> Option<&str> {
    super::field(fields, super::TOKEN_FIELD).and_then(usable)
}

/// A token as sent, when it could be one of ours (printable ASCII, not too long).
pub fn usable(sent: &str) -> Option<&str> {
    Some(sent.trim()).filter(|t| {
        !t.is_empty() && t.len() <= TOKEN_MAX && t.bytes().all(|b| b.is_ascii_graphic())
    })
}

/// Whose tokens: one user in one organization.
#[derive(Clone, Copy, Debug)]
pub struct Owner {
    pub organization: OrganizationId,
    pub user: UserId,
}

impl Owner {
    /// The signed-in user, in the organization they act in.
    pub fn signed_in(access: &Access) -> Owner {
        Owner {
            organization: OrganizationId::new(access.organization_id),
            user: UserId::new(access.user_id),
        }
    }

    /// The signed-in user a tenant works for; none for Homeroom's own work.
    pub fn of(tenant: &Tenant<'_>) -> Option<Owner> {
        tenant.user().map(|user| Owner {
            organization: tenant.organization(),
            user,
        })
    }
}

/// The connection a create runs on: a tenant's, or a bare one for install-wide records.
pub trait Connection {
    fn connection(&mut self) -> &mut PgConnection;
}

impl Connection for Tenant<'_> {
    fn connection(&mut self) -> &mut PgConnection {
        self.conn()
    }
}

impl Connection for PgConnection {
    fn connection(&mut self) -> &mut PgConnection {
        self
    }
}

/// What a create with a token came to.
pub enum Once<T> {
    /// This post was the first: what `create` returned.
    Created(T),
    /// An earlier post with the token created the record on this page; nothing was done.
    AlreadySaved(String),
}

/// Runs `create` unless an earlier post with `token` did; `record_page` names the
/// page of what it created, or `None` when it created nothing (the form comes back
/// with its messages and may be sent again with the same token). Call it inside the
/// request's transaction: a failure undoes the claim with the record.
pub fn create_once<C, T>(
    conn: &mut C,
    owner: Option<Owner>,
    token: Option<&str>,
    create: impl FnOnce(&mut C) -> Result<T, AppError>,
    record_page: impl FnOnce(&T) -> Option<String>,
) -> Result<Once<T>, AppError>
where
    C: Connection + ?Sized,
{
    let (Some(owner), Some(token)) = (owner, token) else {
        return create(conn).map(Once::Created);
    };
    match queries::claim(conn.connection(), owner, token)? {
        Claim::First => {}
        Claim::Taken(Some(page)) => return Ok(Once::AlreadySaved(page)),
        Claim::Taken(None) => {
            return Err(AppError::Refused(Refusal::new(msg("forms-being-saved"))));
        }
    }
    let created = create(conn)?;
    let page = record_page(&created);
    queries::settle(conn.connection(), owner, token, page.as_deref())?;
    Ok(Once::Created(created))
}

/// The answer to a resubmit: the record made the first time, and why nothing new
/// was, in the reader's language `t`.
pub fn already_saved(session: &Session, record_page: &str, t: Lang) -> HttpResponse {
    flash::push(session, Level::Info, t.text("forms-already-saved"));
    see_other(record_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_token_we_could_have_made_is_used() {
        let fresh = fresh_token();
        assert_eq!(usable(&fresh), Some(fresh.as_str()));
        assert_eq!(usable(" abc "), Some("abc"));
        for refused in ["", "  ", "a\0b", "tab\there", "ünï", &"x".repeat(129)] {
            assert_eq!(usable(refused), None, "{refused:?}");
        }
    }
}

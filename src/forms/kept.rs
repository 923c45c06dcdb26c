//! Input kept over a sign-in: a form sent after its session ended is stashed for an
//! hour and put back into the same form once its user has signed in again. It is
//! only ever shown, never acted on, so the stale form's CSRF token is not kept.

use diesel::PgConnection;
use uuid::Uuid;

use super::once::Owner;
use super::queries;
use crate::auth::csrf;
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::web::error::encode_query_value;
use crate::web::flash::{Flash, Level};

/// Stashes `fields` of the form on `page` for the user and organization of the ended
/// session (when the browser still named one); returns where to send them after
/// signing in: the form's page, asking for its input back.
pub fn keep(
    conn: &mut PgConnection,
    owner: Option<(Uuid, Option<Uuid>)>,
    page: &str,
    fields: &[(String, String)],
) -> diesel::QueryResult<String> {
    let kept: Vec<&(String, String)> = fields.iter().filter(|(k, _)| k != csrf::FIELD).collect();
    let encoded = serde_urlencoded::to_string(&kept).unwrap_or_default();
    let (user, organization) = owner.map_or((None, None), |(u, o)| (Some(u), o));
    let id = queries::stash(conn, organization, user, page, &encoded)?;
    let join = if page.contains('?') { '&' } else { '?' };
    Ok(format!(
        "{page}{join}restore={}",
        encode_query_value(&id.to_string())
    ))
}

/// What a form's page puts back when asked to restore.
pub enum Restored {
    /// No restore was asked for.
    NotAsked,
    /// The fields as they were typed.
    Fields(Vec<(String, String)>),
    /// Unknown, expired, another page's or another user's: the form opens empty.
    Gone,
}

impl Restored {
    pub fn fields(&self) -> Option<&[(String, String)]> {
        match self {
            Restored::Fields(fields) => Some(fields),
            _ => None,
        }
    }

    /// The fields to show: those restored, else `otherwise`; and what the page says,
    /// in the reader's language `t`.
    pub fn or(
        self,
        otherwise: Vec<(String, String)>,
        t: Lang,
    ) -> (Vec<(String, String)>, Option<Flash>) {
        let notice = self.notice(t);
        match self {
            Restored::Fields(fields) => (fields, notice),
            _ => (otherwise, notice),
        }
    }

    /// What the page says about it, in the reader's language.
    pub fn notice(&self, t: Lang) -> Option<Flash> {
        let message = match self {
            Restored::NotAsked => return None,
            Restored::Fields(_) => t.text("forms-restored"),
            Restored::Gone => t.text("forms-restore-gone"),
        };
        Some(Flash {
            level: Level::Info,
            message,
        })
    }
}

/// The input stashed under `id` for the form on `page`, taken for the signed-in user.
pub fn restore(
    tenant: &mut Tenant<'_>,
    page: &str,
    id: Option<&str>,
) -> diesel::QueryResult<Restored> {
    let Some(id) = id else {
        return Ok(Restored::NotAsked);
    };
    let (Ok(id), Some(owner)) = (Uuid::parse_str(id.trim()), Owner::of(tenant)) else {
        return Ok(Restored::Gone);
    };
    let fields = queries::unstash(tenant.conn(), owner, id, page)?;
    Ok(match fields {
        Some(text) => Restored::Fields(serde_urlencoded::from_str(&text).unwrap_or_default()),
        None => Restored::Gone,
    })
}

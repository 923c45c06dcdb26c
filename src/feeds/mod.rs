//! Secret feed links: a user's own address for a feed (the school calendar, their
//! lessons) that a calendar app reads without signing in.
//!
//! One link per user and kind. The token in the link is derived from the row's
//! random nonce with the install's secret key (HMAC-SHA256), so the page can show
//! the same link again while the database keeps only the token's SHA-256, which
//! is how a request finds the row. Resetting replaces the row: the old link stops
//! answering at once. A resolved link names the organization and the user, and
//! the feed then runs as that user ([`FeedReader::actor`]), so row-level security
//! and the user's permissions decide what the feed holds.

pub mod routes;

use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::access::{PermissionSet, load_permissions, reach};
use crate::auth::session::{hash_key, random_key};
use crate::config::Settings;
use crate::db::schema::{feed_links, organizations, roles, users};
use crate::db::{Actor, OrganizationId, Tenant, UserId};

pub use routes::routes;

/// Which feed a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedKind {
    /// The school calendar's events the user may see.
    Calendar,
    /// A teacher's own lessons.
    Lessons,
}

impl FeedKind {
    pub const ALL: [FeedKind; 2] = [FeedKind::Calendar, FeedKind::Lessons];

    /// The stored word, and the word in the reset form's address.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedKind::Calendar => "calendar",
            FeedKind::Lessons => "lessons",
        }
    }

    pub fn parse(word: &str) -> Option<FeedKind> {
        FeedKind::ALL.into_iter().find(|k| k.as_str() == word)
    }

    /// The feed's path for a token (the `{file}` of its route is `token.ics`).
    pub fn path(self, token: &str) -> String {
        match self {
            FeedKind::Calendar => format!("/calendar/feed/{token}.ics"),
            FeedKind::Lessons => format!("/timetable/feed/{token}.ics"),
        }
    }
}

/// The token of a feed route's last segment `token.ics`, when it has that shape.
pub fn token_of_file(file: &str) -> Option<&str> {
    file.strip_suffix(".ics")
        .filter(|t| t.len() == TOKEN_LEN && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Hexadecimal characters in a token (HMAC-SHA256).
const TOKEN_LEN: usize = 64;

/// The install's key that turns a link's nonce into its token.
#[derive(Clone)]
pub struct FeedKey(Hmac<Sha256>);

impl FeedKey {
    /// From `HOMEROOM_SECRET_KEY`, or the key generated into the data directory
    /// when the server first started.
    pub fn of(settings: &Settings) -> anyhow::Result<FeedKey> {
        let secret = match &settings.secret_key {
            Some(key) => key.trim().to_owned(),
            None => std::fs::read_to_string(settings.data_dir.join("secret.key"))?
                .trim()
                .to_owned(),
        };
        // A key of its own, so a feed token never doubles as any other secret.
        let mut derive = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
            .map_err(|e| anyhow::anyhow!("the feed key: {e}"))?;
        derive.update(b"homeroom feed links");
        let own = derive.finalize().into_bytes();
        let key = Hmac::<Sha256>::new_from_slice(&own)
            .map_err(|e| anyhow::anyhow!("the feed key: {e}"))?;
        Ok(FeedKey(key))
    }

    fn token(&self, kind: FeedKind, nonce: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(kind.as_str().as_bytes());
        mac.update(b":");
        mac.update(nonce.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The acting user's link token for `kind`, made now if they have none.
pub fn link(tenant: &mut Tenant<'_>, key: &FeedKey, kind: FeedKind) -> QueryResult<String> {
    let Some(user) = tenant.user() else {
        return Err(diesel::result::Error::NotFound);
    };
    let existing: Option<String> = feed_links::table
        .filter(feed_links::user_id.eq(user))
        .filter(feed_links::kind.eq(kind.as_str()))
        .select(feed_links::nonce)
        .first(tenant.conn())
        .optional()?;
    match existing {
        Some(nonce) => Ok(key.token(kind, &nonce)),
        None => create(tenant, key, kind, user),
    }
}

/// Replaces the acting user's link for `kind` with a new one and returns its token:
/// the old link stops answering at once.
pub fn reset(tenant: &mut Tenant<'_>, key: &FeedKey, kind: FeedKind) -> QueryResult<String> {
    let Some(user) = tenant.user() else {
        return Err(diesel::result::Error::NotFound);
    };
    diesel::delete(
        feed_links::table
            .filter(feed_links::user_id.eq(user))
            .filter(feed_links::kind.eq(kind.as_str())),
    )
    .execute(tenant.conn())?;
    create(tenant, key, kind, user)
}

fn create(
    tenant: &mut Tenant<'_>,
    key: &FeedKey,
    kind: FeedKind,
    user: UserId,
) -> QueryResult<String> {
    let nonce = random_key();
    let token = key.token(kind, &nonce);
    let organization = tenant.organization();
    // Two first visits at once: the second finds the first's row and uses it.
    let inserted = diesel::insert_into(feed_links::table)
        .values((
            feed_links::organization_id.eq(organization),
            feed_links::user_id.eq(user),
            feed_links::kind.eq(kind.as_str()),
            feed_links::nonce.eq(&nonce),
            feed_links::token_hash.eq(hash_key(&token)),
        ))
        .on_conflict_do_nothing()
        .execute(tenant.conn())?;
    if inserted == 1 {
        Ok(token)
    } else {
        let nonce: String = feed_links::table
            .filter(feed_links::user_id.eq(user))
            .filter(feed_links::kind.eq(kind.as_str()))
            .select(feed_links::nonce)
            .first(tenant.conn())?;
        Ok(key.token(kind, &nonce))
    }
}

/// Whom a feed link belongs to: the feed runs as this user, in this organization.
#[derive(Clone)]
pub struct FeedReader {
    pub organization: OrganizationId,
    pub user: UserId,
    pub permissions: PermissionSet,
    pub global_access: bool,
    pub time_zone: chrono_tz::Tz,
    /// The user's language and the school's, for `i18n::choose`.
    pub language: Option<String>,
    pub school_language: Option<String>,
}

impl FeedReader {
    /// The user's work in their organization, for [`crate::db::run_in`].
    pub fn actor(&self) -> Actor {
        Actor::signed_in(
            self.organization.uuid(),
            self.user.uuid(),
            reach::reach(&self.permissions, self.global_access),
            self.time_zone,
        )
    }

    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::choose(
            self.language.as_deref(),
            self.school_language.as_deref(),
            None,
        )
    }
}

#[derive(Queryable)]
struct ReaderRow {
    organization: Uuid,
    user: Uuid,
    role: Option<Uuid>,
    global_access: Option<bool>,
    time_zone: String,
    language: Option<String>,
    school_language: Option<String>,
}

/// The user a link of `kind` belongs to, when the token is that of a live link of
/// an enabled user in a live organization. Runs without a tenant (nothing names
/// the organization before the link is found), on the owner's connection.
pub fn resolve(
    conn: &mut PgConnection,
    kind: FeedKind,
    token: &str,
) -> QueryResult<Option<FeedReader>> {
    let row: Option<ReaderRow> = feed_links::table
        .inner_join(users::table.on(users::id.eq(feed_links::user_id)))
        .inner_join(organizations::table.on(organizations::id.eq(feed_links::organization_id)))
        .left_join(
            roles::table.on(roles::id
                .nullable()
                .eq(users::app_role_id)
                .and(roles::deleted_at.is_null())),
        )
        .filter(feed_links::token_hash.eq(hash_key(token)))
        .filter(feed_links::kind.eq(kind.as_str()))
        .filter(users::disabled.eq(false))
        .filter(users::deleted_at.is_null())
        .filter(organizations::deleted_at.is_null())
        .select((
            feed_links::organization_id,
            feed_links::user_id,
            users::app_role_id,
            roles::global_access.nullable(),
            organizations::time_zone,
            users::language,
            organizations::language,
        ))
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let permissions = load_permissions(conn, row.user, row.role)?;
    Ok(Some(FeedReader {
        organization: OrganizationId::new(row.organization),
        user: UserId::new(row.user),
        permissions,
        global_access: row.global_access.unwrap_or(false),
        time_zone: crate::clock::zone(&row.time_zone),
        language: row.language,
        school_language: row.school_language,
    }))
}

/// A feed's answer: an iCalendar document that no cache keeps.
pub fn ics_response(body: String) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "private, no-store"))
        .insert_header(("X-Robots-Tag", "noindex"))
        .body(body)
}

/// What the subscribe box (`templates/feeds/subscribe.html`) shows: the link, and
/// where its reset form posts and then returns.
pub struct Subscribe {
    pub url: String,
    pub reset_action: String,
    pub back: String,
}

impl Subscribe {
    pub fn new(public_url: &str, kind: FeedKind, token: &str, back: &str) -> Subscribe {
        Subscribe {
            url: format!("{public_url}{}", kind.path(token)),
            reset_action: format!("/feeds/{}/reset", kind.as_str()),
            back: back.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(secret: &str) -> FeedKey {
        let mut settings = Settings::for_tests(std::env::temp_dir());
        settings.secret_key = Some(secret.to_owned());
        FeedKey::of(&settings).unwrap()
    }

    #[test]
    fn a_token_depends_on_the_key_the_kind_and_the_nonce() {
        let a = key("aa").token(FeedKind::Calendar, "n1");
        assert_eq!(a, key("aa").token(FeedKind::Calendar, "n1"));
        assert_ne!(a, key("bb").token(FeedKind::Calendar, "n1"));
        assert_ne!(a, key("aa").token(FeedKind::Lessons, "n1"));
        assert_ne!(a, key("aa").token(FeedKind::Calendar, "n2"));
        assert_eq!(token_of_file(&format!("{a}.ics")), Some(a.as_str()));
    }

    #[test]
    fn only_a_token_shaped_file_names_a_token() {
        assert_eq!(token_of_file("abc.ics"), None);
        assert_eq!(token_of_file(&"z".repeat(64)), None);
        assert_eq!(token_of_file(&format!("{}.ics", "g".repeat(64))), None);
    }
}

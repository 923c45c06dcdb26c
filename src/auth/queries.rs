//! The account rows sign-in and the profile read and write. Signing in comes before
//! any organization is known, and an account is the person's own across schools, so
//! these run without row-level security (the `users` table has none): each names the
//! account by its e-mail address or its id.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{organizations, roles, users};
use crate::db::{OrganizationId, lower};
use crate::i18n::{self, Lang};

/// An account that may be signing in, found by its e-mail address.
#[derive(Queryable)]
pub struct Candidate {
    pub id: Uuid,
    pub password: Option<String>,
    pub disabled: bool,
    pub organization_id: Option<Uuid>,
    pub global_access: Option<bool>,
    pub locked_until: Option<DateTime<Utc>>,
    pub mfa_enabled: bool,
}

/// The live account with this (lower-case) e-mail address, if any.
pub fn candidate(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Candidate>> {
    users::table
        .left_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(lower(users::email).eq(email))
        .filter(users::deleted_at.is_null())
        .select((
            users::id,
            users::password,
            users::disabled,
            users::organization_id,
            roles::global_access.nullable(),
            users::locked_until,
            users::mfa_enabled,
        ))
        .first(conn)
        .optional()
}

/// An account's e-mail address and the end of its lock, if locked.
pub fn email_and_lock(
    conn: &mut PgConnection,
    user: Uuid,
) -> QueryResult<(String, Option<DateTime<Utc>>)> {
    users::table
        .find(user)
        .select((users::email, users::locked_until))
        .first(conn)
}

/// The language to write to an account's owner in: their own, else their school's.
pub fn recipient_language(conn: &mut PgConnection, user: Uuid) -> QueryResult<Lang> {
    let (own, school): (Option<String>, Option<String>) = users::table
        .left_join(organizations::table.on(organizations::id.nullable().eq(users::organization_id)))
        .filter(users::id.eq(user))
        .select((users::language, organizations::language.nullable()))
        .first(conn)?;
    Ok(i18n::choose(own.as_deref(), school.as_deref(), None))
}

/// An account's e-mail address, if the account is there.
pub fn email_of(conn: &mut PgConnection, user: Uuid) -> QueryResult<Option<String>> {
    users::table
        .find(user)
        .select(users::email)
        .first(conn)
        .optional()
}

/// An enabled account's id, organization and address as stored.
pub type Account = (Uuid, Option<Uuid>, String);

/// The live, enabled account with this (lower-case) e-mail address, if any.
pub fn enabled_account(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Account>> {
    users::table
        .filter(lower(users::email).eq(email))
        .filter(users::deleted_at.is_null())
        .filter(users::disabled.eq(false))
        .select((users::id, users::organization_id, users::email))
        .first(conn)
        .optional()
}

/// What the profile shows of an account.
#[derive(Queryable)]
pub struct ProfileRow {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub mfa_enabled: bool,
    pub role_requires_mfa: Option<bool>,
}

pub fn profile(conn: &mut PgConnection, user: Uuid) -> QueryResult<ProfileRow> {
    users::table
        .left_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(users::id.eq(user))
        .select((
            users::first_name,
            users::last_name,
            users::phone_number,
            users::mfa_enabled,
            roles::require_mfa.nullable(),
        ))
        .first(conn)
}

/// A person's own name and phone, as changed on their profile; empty fields are
/// stored as nothing.
#[derive(Debug, PartialEq, Eq)]
pub struct Details {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
}

pub fn save_details(conn: &mut PgConnection, user: Uuid, details: Details) -> QueryResult<()> {
    diesel::update(users::table.find(user))
        .set((
            users::first_name.eq(details.first_name),
            users::last_name.eq(details.last_name),
            users::phone_number.eq(details.phone),
            users::updated_by_id.eq(user),
        ))
        .execute(conn)?;
    Ok(())
}

/// The language a person reads Homeroom in; `None` follows their school.
pub fn save_language(
    conn: &mut PgConnection,
    user: Uuid,
    language: Option<&str>,
) -> QueryResult<()> {
    diesel::update(users::table.find(user))
        .set((users::language.eq(language), users::updated_by_id.eq(user)))
        .execute(conn)?;
    Ok(())
}

/// The stored password hash, if the account has chosen a password.
pub fn password_hash(conn: &mut PgConnection, user: Uuid) -> QueryResult<Option<String>> {
    users::table.find(user).select(users::password).first(conn)
}

/// Stores a new password hash, changed by the account's owner.
pub fn set_password(conn: &mut PgConnection, user: Uuid, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user))
        .set((users::password.eq(hash), users::updated_by_id.eq(user)))
        .execute(conn)?;
    Ok(())
}

/// The organization a session acts in, with its time zone's name: the account's own,
/// or for someone with global access and none of their own, the first by name.
pub fn acting_organization(
    conn: &mut PgConnection,
    own: Option<Uuid>,
    global_access: bool,
) -> QueryResult<Option<(OrganizationId, String)>> {
    use crate::access::queries::live_organizations;
    use crate::db::schema::organizations as o;
    match own {
        Some(id) => live_organizations()
            .filter(o::id.eq(id))
            .select((o::id, o::time_zone))
            .first(conn)
            .optional(),
        None if global_access => live_organizations()
            .order(o::name.asc())
            .select((o::id, o::time_zone))
            .first(conn)
            .optional(),
        None => Ok(None),
    }
}

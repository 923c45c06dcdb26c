//! The tables administration reads and writes. `users` belongs to an organization:
//! its base is [`users::live`]. Roles, permissions and their grants are
//! install-wide (they have no organization): their base is only "not deleted", and a
//! change to them reaches every school. The sessions and sign-ins of a user are read
//! by the user's id, whichever organization they were in.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::access::{Permission, load_permissions};
use crate::db::enums::{EmailStatus, LoginMethod};
use crate::db::schema;
use crate::db::{Tenant, UserId, lower, text};

crate::live_rows!(users);

const HISTORY_SIZE: i64 = 50;

/// A user of the organization as the admin pages show them.
#[derive(Queryable)]
pub struct UserRow {
    pub id: Uuid,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: String,
    pub role_id: Option<Uuid>,
    pub role_name: Option<String>,
    pub role_global: Option<bool>,
    pub disabled: bool,
    pub has_password: bool,
    pub mfa_enabled: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The organization's live users with their roles; the base of every user query.
#[diesel::dsl::auto_type(no_type_alias)]
fn organization_users(tenant: &Tenant<'_>) -> _ {
    let live: users::is_live = users::is_live(tenant.organization());
    schema::users::table
        .left_join(
            schema::roles::table.on(schema::roles::id.nullable().eq(schema::users::app_role_id)),
        )
        .filter(live)
        .select((
            schema::users::id,
            schema::users::first_name,
            schema::users::last_name,
            schema::users::email,
            schema::users::app_role_id,
            schema::roles::name.nullable(),
            schema::roles::global_access.nullable(),
            schema::users::disabled,
            schema::users::password.is_not_null(),
            schema::users::mfa_enabled,
            schema::users::last_login_at,
            schema::users::created_at,
        ))
}

/// A user of the organization, or not found.
pub fn find_user(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<UserRow> {
    organization_users(tenant)
        .filter(schema::users::id.eq(id))
        .first(tenant.conn())
}

/// Which users a search asks for.
pub struct UserSearch<'a> {
    /// Every word must match the first name, last name or e-mail.
    pub words: &'a str,
    pub role: Option<Uuid>,
    /// `Some(true)` active, `Some(false)` invited, among the enabled; `disabled` wins.
    pub has_password: Option<bool>,
    pub disabled: Option<bool>,
    pub offset: i64,
    pub limit: i64,
}

/// One page of the organization's users by name, and whether more follow.
pub fn search_users(
    tenant: &mut Tenant<'_>,
    search: &UserSearch,
) -> QueryResult<(Vec<UserRow>, bool)> {
    use schema::users as u;
    let mut query = organization_users(tenant).into_boxed();
    // Every word must match the first name, last name or e-mail, accents and case aside.
    let searched = text::folded(&["users.first_name", "users.last_name", "users.email"]);
    for word in search.words.split_whitespace() {
        query = query.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(&format!("{searched} LIKE homeroom_fold("))
                .bind::<diesel::sql_types::Text, _>(text::contains_pattern(word))
                .sql(")"),
        );
    }
    if let Some(role) = search.role {
        query = query.filter(u::app_role_id.eq(role));
    }
    if let Some(disabled) = search.disabled {
        query = query.filter(u::disabled.eq(disabled));
    }
    query = match search.has_password {
        None => query,
        Some(true) => query.filter(u::password.is_not_null()),
        Some(false) => query.filter(u::password.is_null()),
    };
    let mut rows: Vec<UserRow> = query
        .order((u::last_name.asc(), u::first_name.asc(), u::email.asc()))
        .offset(search.offset)
        .limit(search.limit + 1)
        .load(tenant.conn())?;
    let more = rows.len() as i64 > search.limit;
    rows.truncate(search.limit as usize);
    Ok((rows, more))
}

/// Whether a live account anywhere in the install has this e-mail address: an
/// address signs in to one account only, so this looks past the organization.
pub fn email_taken(tenant: &mut Tenant<'_>, email: &str) -> QueryResult<bool> {
    let found: i64 = schema::users::table
        .filter(lower(schema::users::email).eq(email.to_lowercase()))
        .filter(schema::users::deleted_at.is_null())
        .count()
        .get_result(tenant.conn())?;
    Ok(found > 0)
}

/// A new account of the organization, without a password until the invitation is used.
pub struct NewUser<'a> {
    pub role: Uuid,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
}

pub fn insert_user(tenant: &mut Tenant<'_>, new: &NewUser) -> QueryResult<Uuid> {
    use schema::users as u;
    let (organization, by) = (tenant.organization(), tenant.user());
    diesel::insert_into(u::table)
        .values((
            u::organization_id.eq(organization),
            u::app_role_id.eq(new.role),
            u::first_name.eq(new.first_name),
            u::last_name.eq(new.last_name),
            u::email.eq(new.email),
            u::created_by_id.eq(by),
            u::updated_by_id.eq(by),
        ))
        .returning(u::id)
        .get_result(tenant.conn())
}

/// Gives a user of the organization another role.
pub fn set_user_role(tenant: &mut Tenant<'_>, id: Uuid, role: Uuid) -> QueryResult<usize> {
    use schema::users as u;
    let by = tenant.user();
    diesel::update(users::live(tenant).filter(u::id.eq(id)))
        .set((u::app_role_id.eq(role), u::updated_by_id.eq(by)))
        .execute(tenant.conn())
}

/// Disables or enables a user of the organization.
pub fn set_user_disabled(tenant: &mut Tenant<'_>, id: Uuid, disabled: bool) -> QueryResult<usize> {
    use schema::users as u;
    let by = tenant.user();
    diesel::update(users::live(tenant).filter(u::id.eq(id)))
        .set((u::disabled.eq(disabled), u::updated_by_id.eq(by)))
        .execute(tenant.conn())
}

/// A user's notes, which only those who manage users read.
pub fn user_notes(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<String>> {
    users::live(tenant)
        .filter(schema::users::id.eq(id))
        .select(schema::users::notes)
        .first(tenant.conn())
}

/// Replaces a user's notes (none when empty); the trail records that they changed.
pub fn set_user_notes(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    notes: Option<&str>,
) -> QueryResult<usize> {
    use schema::users as u;
    let by = tenant.user();
    diesel::update(users::live(tenant).filter(u::id.eq(id)))
        .set((u::notes.eq(notes), u::updated_by_id.eq(by)))
        .execute(tenant.conn())
}

#[derive(Queryable)]
pub struct SessionRow {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
}

/// A user's sessions that are still open, most recently used first.
pub fn active_sessions(tenant: &mut Tenant<'_>, user: Uuid) -> QueryResult<Vec<SessionRow>> {
    use schema::auth_refresh_tokens as s;
    s::table
        .filter(s::user_id.eq(user))
        .filter(s::revoked_at.is_null())
        .filter(s::expires_at.gt(Utc::now()))
        .order(s::last_seen_at.desc())
        .select((
            s::id,
            s::created_at,
            s::last_seen_at,
            s::expires_at,
            s::ip_address,
            s::user_agent,
        ))
        .load(tenant.conn())
}

#[derive(Queryable)]
pub struct LoginRow {
    pub created_at: DateTime<Utc>,
    pub success: bool,
    pub failure_reason: Option<String>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub method: LoginMethod,
}

/// A user's latest sign-in attempts, newest first.
pub fn login_history(tenant: &mut Tenant<'_>, user: Uuid) -> QueryResult<Vec<LoginRow>> {
    use schema::login_history as h;
    h::table
        .filter(h::user_id.eq(user))
        .order(h::created_at.desc())
        .limit(HISTORY_SIZE)
        .select((
            h::created_at,
            h::success,
            h::failure_reason,
            h::ip_address,
            h::user_agent,
            h::login_method,
        ))
        .load(tenant.conn())
}

// ---- roles: install-wide

#[derive(Queryable, Clone)]
pub struct RoleRow {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub global_access: bool,
    pub require_mfa: bool,
    pub import_hash: Option<String>,
}

/// The roles that are not deleted: the base of every role query. Roles belong to
/// no organization.
#[diesel::dsl::auto_type]
fn live_role_rows() -> _ {
    schema::roles::table.filter(schema::roles::deleted_at.is_null())
}

type RoleColumns = (
    schema::roles::id,
    schema::roles::name,
    schema::roles::description,
    schema::roles::global_access,
    schema::roles::require_mfa,
    schema::roles::import_hash,
);
const ROLE_COLUMNS: RoleColumns = (
    schema::roles::id,
    schema::roles::name,
    schema::roles::description,
    schema::roles::global_access,
    schema::roles::require_mfa,
    schema::roles::import_hash,
);

/// Every live role, by name.
pub fn live_roles(conn: &mut PgConnection) -> QueryResult<Vec<RoleRow>> {
    live_role_rows()
        .order(schema::roles::name.asc())
        .select(ROLE_COLUMNS)
        .load(conn)
}

pub fn find_role(conn: &mut PgConnection, id: Uuid) -> QueryResult<RoleRow> {
    live_role_rows()
        .filter(schema::roles::id.eq(id))
        .select(ROLE_COLUMNS)
        .first(conn)
}

/// Live users per role, in the tenant's organization.
pub fn users_per_role_here(tenant: &mut Tenant<'_>) -> QueryResult<HashMap<Uuid, i64>> {
    use schema::users as u;
    let counts: Vec<(Option<Uuid>, i64)> = users::live(tenant)
        .filter(u::app_role_id.is_not_null())
        .group_by(u::app_role_id)
        .select((u::app_role_id, diesel::dsl::count_star()))
        .load(tenant.conn())?;
    Ok(by_role(counts))
}

/// Live users per role in the whole install: a role is shared by every school.
pub fn users_per_role_everywhere(conn: &mut PgConnection) -> QueryResult<HashMap<Uuid, i64>> {
    use schema::users as u;
    let counts: Vec<(Option<Uuid>, i64)> = u::table
        .filter(u::deleted_at.is_null())
        .filter(u::app_role_id.is_not_null())
        .group_by(u::app_role_id)
        .select((u::app_role_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(by_role(counts))
}

fn by_role(counts: Vec<(Option<Uuid>, i64)>) -> HashMap<Uuid, i64> {
    counts
        .into_iter()
        .filter_map(|(role, n)| role.map(|r| (r, n)))
        .collect()
}

/// Whether another live role has this name; `except` is the role being renamed.
pub fn role_name_taken(
    conn: &mut PgConnection,
    name: &str,
    except: Option<Uuid>,
) -> QueryResult<bool> {
    let mut query = live_role_rows()
        .filter(lower(schema::roles::name).eq(name.to_lowercase()))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(schema::roles::id.ne(id));
    }
    Ok(query.count().get_result::<i64>(conn)? > 0)
}

/// A role's name, description and MFA requirement as saved.
pub struct RoleInput {
    pub name: String,
    pub description: Option<String>,
    pub require_mfa: bool,
}

pub fn insert_role(conn: &mut PgConnection, input: &RoleInput, by: UserId) -> QueryResult<Uuid> {
    use schema::roles as r;
    diesel::insert_into(r::table)
        .values((
            r::name.eq(&input.name),
            r::description.eq(&input.description),
            r::require_mfa.eq(input.require_mfa),
            r::created_by_id.eq(by),
            r::updated_by_id.eq(by),
        ))
        .returning(r::id)
        .get_result(conn)
}

pub fn update_role(
    conn: &mut PgConnection,
    id: Uuid,
    input: &RoleInput,
    by: UserId,
) -> QueryResult<usize> {
    use schema::roles as r;
    diesel::update(r::table.find(id))
        .set((
            r::name.eq(&input.name),
            r::description.eq(&input.description),
            r::require_mfa.eq(input.require_mfa),
            r::updated_by_id.eq(by),
        ))
        .execute(conn)
}

/// Soft-deletes a role and its grants.
pub fn delete_role(conn: &mut PgConnection, id: Uuid, by: UserId) -> QueryResult<()> {
    use schema::{roles as r, roles_permissions as rp};
    let now = Utc::now();
    diesel::update(
        rp::table
            .filter(rp::role_id.eq(id))
            .filter(rp::deleted_at.is_null()),
    )
    .set(rp::deleted_at.eq(now))
    .execute(conn)?;
    diesel::update(r::table.find(id))
        .set((r::deleted_at.eq(now), r::updated_by_id.eq(by)))
        .execute(conn)?;
    Ok(())
}

// ---- grants: a role's permissions and a user's extra ones, install-wide

/// Typed access to one table of grants; `owner` is the role or user column.
macro_rules! grant_table {
    ($module:ident, $table:ident, $owner:ident) => {
        pub mod $module {
            use super::*;
            use schema::{permissions, $table};

            /// The names of the permissions granted to `owner`.
            pub fn load(conn: &mut PgConnection, owner: Uuid) -> QueryResult<Vec<String>> {
                $table::table
                    .inner_join(permissions::table.on(permissions::id.eq($table::permission_id)))
                    .filter($table::$owner.eq(owner))
                    .filter($table::deleted_at.is_null())
                    .filter(permissions::deleted_at.is_null())
                    .select(permissions::name)
                    .load(conn)
            }

            pub fn grant(
                conn: &mut PgConnection,
                owner: Uuid,
                permission_ids: &[Uuid],
                by: UserId,
            ) -> QueryResult<usize> {
                let rows: Vec<_> = permission_ids
                    .iter()
                    .map(|id| {
                        (
                            $table::$owner.eq(owner),
                            $table::permission_id.eq(*id),
                            $table::created_by_id.eq(by),
                        )
                    })
                    .collect();
                diesel::insert_into($table::table)
                    .values(&rows)
                    .on_conflict_do_nothing()
                    .execute(conn)
            }

            /// Soft delete: the grant's history stays.
            pub fn revoke(
                conn: &mut PgConnection,
                owner: Uuid,
                permission_ids: &[Uuid],
            ) -> QueryResult<usize> {
                diesel::update(
                    $table::table
                        .filter($table::$owner.eq(owner))
                        .filter($table::permission_id.eq_any(permission_ids))
                        .filter($table::deleted_at.is_null()),
                )
                .set($table::deleted_at.eq(Utc::now()))
                .execute(conn)
            }
        }
    };
}

grant_table!(role_grants, roles_permissions, role_id);
grant_table!(user_grants, users_custom_permissions, user_id);

/// The ids of the live permissions with these names.
pub fn permission_ids(conn: &mut PgConnection, names: &[String]) -> QueryResult<Vec<Uuid>> {
    use schema::permissions as p;
    if names.is_empty() {
        return Ok(Vec::new());
    }
    p::table
        .filter(p::name.eq_any(names))
        .filter(p::deleted_at.is_null())
        .select(p::id)
        .load(conn)
}

// ---- safeguards: who can still manage users and roles, across the install

/// Whether the user is live, enabled, and holds the permission through role or grant.
pub fn holds(conn: &mut PgConnection, user_id: Uuid, permission: Permission) -> QueryResult<bool> {
    use schema::users as u;
    let role: Option<Option<Uuid>> = u::table
        .filter(u::id.eq(user_id))
        .filter(u::deleted_at.is_null())
        .filter(u::disabled.eq(false))
        .select(u::app_role_id)
        .first(conn)
        .optional()?;
    match role {
        Some(role_id) => Ok(load_permissions(conn, user_id, role_id)?.contains(permission)),
        None => Ok(false),
    }
}

/// Active users (enabled, with a password) whose role has global access, in any school.
pub fn active_global_users(conn: &mut PgConnection) -> QueryResult<Vec<Uuid>> {
    use schema::{roles as r, users as u};
    u::table
        .inner_join(r::table.on(r::id.nullable().eq(u::app_role_id)))
        .filter(r::global_access.eq(true))
        .filter(r::deleted_at.is_null())
        .filter(u::deleted_at.is_null())
        .filter(u::disabled.eq(false))
        .filter(u::password.is_not_null())
        .select(u::id)
        .load(conn)
}

// ---- outbox

/// A message of the outbox as stored.
#[derive(Queryable)]
pub struct OutboxRow {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub status: EmailStatus,
    pub error: Option<String>,
}

/// The latest `limit` messages of the organization and, with `install_wide`, those
/// that belong to no organization.
pub fn recent_emails(
    tenant: &mut Tenant<'_>,
    install_wide: bool,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    use schema::email_outbox as e;
    let organization = tenant.organization();
    let mut query = e::table.filter(e::deleted_at.is_null()).into_boxed();
    query = if install_wide {
        query.filter(
            e::organization_id
                .eq(organization)
                .or(e::organization_id.is_null()),
        )
    } else {
        query.filter(e::organization_id.eq(organization))
    };
    query
        .order(e::created_at.desc())
        .limit(limit)
        .select((
            e::id,
            e::created_at,
            e::to_address,
            e::subject,
            e::body_text,
            e::status,
            e::error,
        ))
        .load(tenant.conn())
}

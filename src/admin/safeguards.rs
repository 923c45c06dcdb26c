//! Changes that would lock people out are refused: nobody takes away their own
//! ability to manage users, and someone with global access keeps the ability to
//! change roles.

use diesel::prelude::*;
use uuid::Uuid;

use crate::access::{Access, Action, Entity, Permission, load_permissions};
use crate::db::schema::{roles, users};
use crate::web::error::AppError;

pub const MANAGE_USERS: Permission = Permission::new(Action::Update, Entity::Users);
pub const CHANGE_ROLES: Permission = Permission::new(Action::Update, Entity::Roles);

/// Why a change did not happen: refused with a message for the person, or failed.
#[derive(Debug)]
pub enum ChangeError {
    Refused(String),
    Failed(AppError),
}

impl From<diesel::result::Error> for ChangeError {
    fn from(e: diesel::result::Error) -> Self {
        ChangeError::Failed(e.into())
    }
}

impl From<AppError> for ChangeError {
    fn from(e: AppError) -> Self {
        ChangeError::Failed(e)
    }
}

/// Runs `change` in one transaction, rolled back with the reason if it would lock people out.
pub fn guarded<T>(
    conn: &mut PgConnection,
    editor: &Access,
    change: impl FnOnce(&mut PgConnection) -> Result<T, ChangeError>,
) -> Result<Result<T, String>, AppError> {
    let outcome = conn.transaction(|conn| {
        let roles_had_an_administrator = anyone_changes_roles(conn)?;
        let value = change(conn)?;
        if editor.can(MANAGE_USERS) && !holds(conn, editor.user_id, MANAGE_USERS)? {
            return Err(ChangeError::Refused(
                "That would take away your own permission to manage users. Ask another administrator to make this change."
                    .to_owned(),
            ));
        }
        if roles_had_an_administrator && !anyone_changes_roles(conn)? {
            return Err(ChangeError::Refused(
                "That would leave no active user with global access who can change roles. Give another Super Administrator that permission first."
                    .to_owned(),
            ));
        }
        Ok(value)
    });
    match outcome {
        Ok(value) => Ok(Ok(value)),
        Err(ChangeError::Refused(message)) => Ok(Err(message)),
        Err(ChangeError::Failed(e)) => Err(e),
    }
}

/// Whether the user is live, enabled, and holds the permission through role or grant.
fn holds(conn: &mut PgConnection, user_id: Uuid, permission: Permission) -> QueryResult<bool> {
    let role: Option<Option<Uuid>> = users::table
        .filter(users::id.eq(user_id))
        .filter(users::deleted_at.is_null())
        .filter(users::disabled.eq(false))
        .select(users::app_role_id)
        .first(conn)
        .optional()?;
    match role {
        Some(role_id) => Ok(load_permissions(conn, user_id, role_id)?.contains(permission)),
        None => Ok(false),
    }
}

/// Whether some active user with global access can change roles.
fn anyone_changes_roles(conn: &mut PgConnection) -> QueryResult<bool> {
    let global_users: Vec<Uuid> = users::table
        .inner_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(roles::global_access.eq(true))
        .filter(roles::deleted_at.is_null())
        .filter(users::deleted_at.is_null())
        .filter(users::disabled.eq(false))
        .filter(users::password.is_not_null())
        .select(users::id)
        .load(conn)?;
    for user_id in global_users {
        if holds(conn, user_id, CHANGE_ROLES)? {
            return Ok(true);
        }
    }
    Ok(false)
}

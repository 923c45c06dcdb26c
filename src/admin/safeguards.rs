//! Changes that would lock people out are refused: nobody takes away their own
//! ability to manage users, and someone with global access keeps the ability to
//! change roles.

use diesel::prelude::*;

use super::queries;
use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
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

/// Runs `change` in one transaction, rolled back with the reason (in `t`) if it would
/// lock people out.
/// The checks look at the whole install: roles and global access span every school.
pub fn guarded<T>(
    tenant: &mut Tenant<'_>,
    editor: &Access,
    t: Lang,
    change: impl FnOnce(&mut Tenant<'_>) -> Result<T, ChangeError>,
) -> Result<Result<T, String>, AppError> {
    let outcome = tenant.transaction(|tenant| {
        let roles_had_an_administrator = anyone_changes_roles(tenant.conn())?;
        let value = change(tenant)?;
        if editor.can(MANAGE_USERS) && !queries::holds(tenant.conn(), editor.user_id, MANAGE_USERS)?
        {
            return Err(ChangeError::Refused(
                t.text(msg("admin-refused-own-permission")),
            ));
        }
        if roles_had_an_administrator && !anyone_changes_roles(tenant.conn())? {
            return Err(ChangeError::Refused(
                t.text(msg("admin-refused-last-role-changer")),
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

/// Whether some active user with global access can change roles.
fn anyone_changes_roles(conn: &mut PgConnection) -> QueryResult<bool> {
    for user_id in queries::active_global_users(conn)? {
        if queries::holds(conn, user_id, CHANGE_ROLES)? {
            return Ok(true);
        }
    }
    Ok(false)
}

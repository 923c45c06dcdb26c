//! Creating accounts from the command line: the first administrator of an install.

use diesel::prelude::*;
use uuid::Uuid;

use crate::access::roles::{BuiltinRole, builtin_role_id};
use crate::db::lower;
use crate::db::schema::{organizations, users};

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("An account with the email {0} already exists.")]
    EmailTaken(String),
    #[error("{0:?} is not a valid email address.")]
    InvalidEmail(String),
    #[error("The organization name cannot be empty.")]
    EmptyOrganization,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

pub struct CreatedAdmin {
    pub user_id: Uuid,
    pub organization_id: Uuid,
    pub organization_created: bool,
}

/// Creates an administrator in the named organization, creating the organization
/// when no live one has that name. With `install_wide` the account is a Super
/// Administrator, who may also edit roles and act in every organization.
pub fn create_administrator(
    conn: &mut PgConnection,
    email: &str,
    organization_name: &str,
    password_hash: &str,
    install_wide: bool,
) -> Result<CreatedAdmin, CreateAdminError> {
    let email = email.trim().to_lowercase();
    if !looks_like_email(&email) {
        return Err(CreateAdminError::InvalidEmail(email));
    }
    let organization_name = organization_name.trim();
    if organization_name.is_empty() {
        return Err(CreateAdminError::EmptyOrganization);
    }
    conn.transaction(|conn| {
        let taken = users::table
            .filter(lower(users::email).eq(&email))
            .filter(users::deleted_at.is_null())
            .count()
            .get_result::<i64>(conn)?;
        if taken > 0 {
            return Err(CreateAdminError::EmailTaken(email.clone()));
        }
        let existing: Option<Uuid> = organizations::table
            .filter(lower(organizations::name).eq(organization_name.to_lowercase()))
            .filter(organizations::deleted_at.is_null())
            .select(organizations::id)
            .first(conn)
            .optional()?;
        let (organization_id, organization_created) = match existing {
            Some(id) => (id, false),
            None => (
                diesel::insert_into(organizations::table)
                    .values(organizations::name.eq(organization_name))
                    .returning(organizations::id)
                    .get_result(conn)?,
                true,
            ),
        };
        let role = if install_wide {
            BuiltinRole::SuperAdministrator
        } else {
            BuiltinRole::Administrator
        };
        let role_id = builtin_role_id(conn, role)?;
        let user_id = diesel::insert_into(users::table)
            .values((
                users::email.eq(&email),
                users::password.eq(password_hash),
                users::email_verified.eq(true),
                users::organization_id.eq(organization_id),
                users::app_role_id.eq(role_id),
            ))
            .returning(users::id)
            .get_result(conn)?;
        Ok(CreatedAdmin {
            user_id,
            organization_id,
            organization_created,
        })
    })
}

/// A light check: one `@`, something before it, a dot after it, no spaces.
pub fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
        && email.len() <= 320
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn plausible_emails_pass_and_others_do_not() {
        assert!(looks_like_email("head@school.example"));
        assert!(!looks_like_email("head@school"));
        assert!(!looks_like_email("head school@x.example"));
        assert!(!looks_like_email("@x.example"));
        assert!(!looks_like_email("a@b@c.example"));
    }
}

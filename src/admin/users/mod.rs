//! `/admin/users`: the people of the acting organization, their invitations, roles,
//! extra permissions, sessions and sign-in history. The work runs for the tenant, so
//! every query is of its organization; another organization's user is not found.

mod changes;
mod invite;
mod list;
mod notes;
mod page;
mod staff;

use uuid::Uuid;

use super::grid;
use super::queries::{self, RoleRow, UserRow};
use super::requires;
use super::safeguards::MANAGE_USERS;
use crate::access::{Access, Action, Entity, MenuEntry, MenuGroup, Routes, display_name};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};

pub use changes::UserGrid;

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read, Entity::Users);
    let create = requires(Action::Create, Entity::Users);
    let update = requires(Action::Update, Entity::Users);
    r.get("/admin/users", read, list::list)
        .get("/admin/users/new", create, invite::invite_form)
        .post("/admin/users", create, invite::invite)
        .get("/admin/users/{id}", read, page::show)
        .post("/admin/users/{id}/role", update, changes::change_role)
        .post(
            "/admin/users/{id}/permissions",
            update,
            grid::post::<UserGrid>,
        )
        .post(
            "/admin/users/{id}/disable",
            update,
            changes::set_disabled::<true>,
        )
        .post(
            "/admin/users/{id}/enable",
            update,
            changes::set_disabled::<false>,
        )
        .post(
            "/admin/users/{id}/invitation",
            update,
            changes::resend_invitation,
        )
        .post(
            "/admin/users/{id}/sessions/{session_id}/revoke",
            requires(Action::Update, Entity::AuthRefreshTokens),
            changes::revoke_session,
        );
    r.post("/admin/users/{id}/notes", update, notes::save_notes)
        .post("/admin/users/{id}/staff", update, staff::change_from_user);
    staff::routes(r);
    r.menu(MenuEntry {
        order: 80,
        group: MenuGroup::Administration,
        label: "nav-users",
        href: "/admin/users",
        gate: read,
    });
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserStatus {
    Active,
    Invited,
    Disabled,
}

impl UserStatus {
    const ALL: [UserStatus; 3] = [
        UserStatus::Active,
        UserStatus::Invited,
        UserStatus::Disabled,
    ];

    /// The value in the address (`?status=invited`).
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Invited => "invited",
            UserStatus::Disabled => "disabled",
        }
    }

    /// The status's message id.
    pub fn label(self) -> &'static str {
        match self {
            UserStatus::Active => msg("admin-status-active"),
            UserStatus::Invited => msg("admin-status-invited"),
            UserStatus::Disabled => msg("admin-status-disabled"),
        }
    }

    pub fn badge(self) -> &'static str {
        match self {
            UserStatus::Active => "ok",
            UserStatus::Invited => "warn",
            UserStatus::Disabled => "bad",
        }
    }

    fn parse(value: &str) -> Option<UserStatus> {
        UserStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

impl UserRow {
    pub fn name(&self) -> String {
        display_name(
            self.first_name.as_deref(),
            self.last_name.as_deref(),
            &self.email,
        )
    }

    pub fn status(&self) -> UserStatus {
        if self.disabled {
            UserStatus::Disabled
        } else if self.has_password {
            UserStatus::Active
        } else {
            UserStatus::Invited
        }
    }

    fn global(&self) -> bool {
        self.role_global == Some(true)
    }
}

/// Users with global access are beyond the reach of administrators without it.
fn within_reach(access: &Access, user: &UserRow) -> bool {
    access.global_access || !user.global()
}

fn may_manage(access: &Access, user: &UserRow) -> bool {
    access.can(MANAGE_USERS) && within_reach(access, user)
}

/// Roles this person may hand out: roles with global access only by someone who has it.
fn assignable_roles(tenant: &mut Tenant<'_>, access: &Access) -> diesel::QueryResult<Vec<RoleRow>> {
    Ok(queries::live_roles(tenant.conn())?
        .into_iter()
        .filter(|r| access.global_access || !r.global_access)
        .collect())
}

/// A role chosen in a form, if it is one this person may hand out.
fn chosen_role(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    value: &str,
) -> diesel::QueryResult<Result<RoleRow, String>> {
    let Ok(id) = Uuid::parse_str(value.trim()) else {
        return Ok(Err(t.text("admin-role-missing")));
    };
    Ok(assignable_roles(tenant, access)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| t.text("admin-role-unknown")))
}

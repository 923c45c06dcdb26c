//! Changes to one user: role, enabled or not, a new invitation, an ended session,
//! extra permissions. Each runs guarded, so nobody locks the school out.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::invite::{Invitee, send_invitation};
use super::page::{Refusal, user_page};
use super::{UserStatus, chosen_role, may_manage, within_reach};
use crate::access::{Access, PermissionSet};
use crate::admin::grid::{Grantee, Grid, GridPage};
use crate::admin::queries::{self, UserRow};
use crate::admin::safeguards::{ChangeError, guarded};
use crate::auth::session;
use crate::db::Tenant;
use crate::i18n::{self, Lang};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::Page;
use crate::web::see_other;

/// The message of a change done, or why it was refused.
type Outcome = Result<String, Refusal>;

/// Runs `change` on user `id` if within reach, rolled back if refused or if it would
/// lock people out.
fn change_guarded(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    id: Uuid,
    change: impl FnOnce(&mut Tenant<'_>, &Access, &UserRow) -> Result<Outcome, AppError>,
) -> Result<Outcome, AppError> {
    let user = queries::find_user(tenant, id)?;
    if !within_reach(access, &user) {
        return Err(AppError::Forbidden);
    }
    let mut refusal = None;
    let done = guarded(tenant, access, t, |tenant| {
        match change(tenant, access, &user)? {
            Ok(message) => Ok(message),
            Err(reason) => {
                refusal = Some(reason);
                // Rolls back whatever the change had written before it refused.
                Err(ChangeError::Refused(String::new()))
            }
        }
    })?;
    Ok(match (done, refusal) {
        (Ok(message), _) => Ok(message),
        (Err(_), Some(refusal)) => Err(refusal),
        (Err(reason), None) => Err(Refusal::Conflict(reason)),
    })
}

/// Changes one user within reach in a guarded transaction; then their page, or it again refused.
pub(super) async fn change_user<F>(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    (id, chosen_role): (Uuid, String),
    change: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut Tenant<'_>, &Access, &UserRow) -> Result<Outcome, AppError> + Send + 'static,
{
    let (access, t) = (page.access.clone(), page.t);
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        change_guarded(tenant, (&access, t), id, change)
    })
    .await?;
    match outcome {
        Ok(message) => {
            flash::push(&session, Level::Success, message);
            Ok(see_other(&format!("/admin/users/{id}")))
        }
        Err(refusal) => user_page(&page, &state, id, Some((refusal, chosen_role))).await,
    }
}

#[derive(Deserialize)]
pub(super) struct RoleChoice {
    #[serde(default)]
    pub(super) role: String,
}

pub(super) async fn change_role(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<RoleChoice>,
) -> Result<HttpResponse, AppError> {
    let chosen = form.into_inner().role;
    let (value, t) = (chosen.clone(), page.t);
    let target = (id.into_inner(), chosen);
    change_user(page, state, session, target, move |tenant, access, user| {
        let role = match chosen_role(tenant, (access, t), &value)? {
            Ok(role) => role,
            Err(message) => return Ok(Err(Refusal::Role(message))),
        };
        queries::set_user_role(tenant, user.id, role.id)?;
        let done = t
            .message("admin-user-role-changed")
            .arg("name", user.name())
            .arg("role", &role.name)
            .to_string();
        Ok(Ok(done))
    })
    .await
}

/// Disables or enables the user; disabling also ends every session, so the person is
/// signed out at once.
fn set_disabled_now(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    user: &UserRow,
    disabled: bool,
) -> Result<Outcome, AppError> {
    if disabled && user.id == access.user_id {
        return Ok(Err(Refusal::Conflict(t.text("admin-user-disable-self"))));
    }
    queries::set_user_disabled(tenant, user.id, disabled)?;
    let name = user.name();
    if !disabled {
        return Ok(Ok(t
            .message("admin-user-enabled")
            .arg("name", &name)
            .to_string()));
    }
    session::revoke_all_for_user(tenant.conn(), user.id)?;
    Ok(Ok(t
        .message("admin-user-disabled")
        .arg("name", &name)
        .to_string()))
}

pub(super) async fn set_disabled<const DISABLED: bool>(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (target, t) = ((id.into_inner(), String::new()), page.t);
    change_user(page, state, session, target, move |tenant, access, user| {
        set_disabled_now(tenant, (access, t), user, DISABLED)
    })
    .await
}

/// A new invitation for someone who has not chosen a password yet.
fn invite_again(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    (access, t): (&Access, Lang),
    user: &UserRow,
) -> Result<Outcome, AppError> {
    let refusal = match user.status() {
        UserStatus::Invited => None,
        UserStatus::Disabled => Some(t.text("admin-invite-again-disabled")),
        UserStatus::Active => Some(
            t.message("admin-invite-again-active")
                .arg("name", user.name())
                .to_string(),
        ),
    };
    if let Some(reason) = refusal {
        return Ok(Err(Refusal::Conflict(reason)));
    }
    let role_name = match user.role_id {
        Some(role) => queries::find_role(tenant.conn(), role)?.name,
        // The invitee reads the school's language, as the invitation does.
        None => {
            i18n::choose(None, access.school_language.as_deref(), None).text("admin-invite-no-role")
        }
    };
    let invitee = Invitee {
        id: user.id,
        first_name: user.first_name.clone().unwrap_or_else(|| user.name()),
        email: user.email.clone(),
        role_name,
    };
    send_invitation(tenant, state, access, &invitee)?;
    Ok(Ok(t
        .message("admin-invite-again-sent")
        .arg("email", &user.email)
        .to_string()))
}

pub(super) async fn resend_invitation(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (app, t) = (state.clone(), page.t);
    let target = (id.into_inner(), String::new());
    change_user(page, state, session, target, move |tenant, access, user| {
        invite_again(tenant, &app, (access, t), user)
    })
    .await
}

pub(super) async fn revoke_session(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (id, session_id) = path.into_inner();
    let t = page.t;
    change_user(
        page,
        state,
        session,
        (id, String::new()),
        move |tenant, _, user| {
            if !session::revoke_by_id(tenant.conn(), user.id, session_id)? {
                return Err(AppError::NotFound);
            }
            Ok(Ok(t.text("admin-session-ended")))
        },
    )
    .await
}

/// A user's extra permissions on the shared grid.
pub struct UserGrid;

impl GridPage for UserGrid {
    fn grid(tenant: &mut Tenant<'_>, access: &Access, id: Uuid) -> Result<Grid, AppError> {
        let user = queries::find_user(tenant, id)?;
        let inherited = match user.role_id {
            Some(role) => Grantee::Role(role).grants(tenant.conn())?,
            None => PermissionSet::default(),
        };
        // Nobody hands out more than they hold, unless they hold everything there is.
        let reach = if !may_manage(access, &user) {
            PermissionSet::default()
        } else if access.global_access {
            PermissionSet::everything()
        } else {
            access.permissions
        };
        let grantee = Grantee::User(id);
        Ok(Grid {
            grantee,
            page_url: format!("/admin/users/{id}"),
            own: grantee.grants(tenant.conn())?,
            changeable: reach.iter().filter(|p| !inherited.contains(*p)).collect(),
            inherited,
        })
    }

    async fn refused(
        page: &Page,
        state: &AppState,
        id: Uuid,
        reason: String,
    ) -> Result<HttpResponse, AppError> {
        user_page(
            page,
            state,
            id,
            Some((Refusal::Conflict(reason), String::new())),
        )
        .await
    }
}

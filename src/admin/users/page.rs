//! One user's page: details, role, extra permissions, sessions and sign-in history.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::staff::queries::{self as staff_queries, StaffMember};
use super::{UserGrid, UserStatus, assignable_roles, may_manage, within_reach};
use crate::access::{Access, Action, Entity, Permission};
use crate::admin::grid::{GridPage, GridView};
use crate::admin::queries::{self, LoginRow, RoleRow, SessionRow, UserRow};
use crate::db::Tenant;
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render_as;

/// A refused change to a user: a message at the role field (422) or for the page (409).
pub(super) enum Refusal {
    Role(String),
    Conflict(String),
}

impl LoginRow {
    /// Why the attempt failed, in the reader's language: `wrong_password` → "Wrong password".
    pub fn reason(&self, t: &Lang) -> String {
        let id = match self.failure_reason.as_deref() {
            Some("unknown_email") => msg("admin-failure-unknown-email"),
            Some("wrong_password") => msg("admin-failure-wrong-password"),
            Some("wrong_mfa_code") => msg("admin-failure-wrong-code"),
            Some("locked") => msg("admin-failure-locked"),
            Some("disabled") => msg("admin-failure-disabled"),
            Some("no_organization") => msg("admin-failure-no-organization"),
            Some("reset_requested") => msg("admin-failure-reset-requested"),
            Some("wrong_current_password") => msg("admin-failure-wrong-current-password"),
            _ => msg("admin-failure-other"),
        };
        t.text(id)
    }
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    layout: Layout,
    locale: Locale,
    user: UserRow,
    name: String,
    status: UserStatus,
    roles: Vec<RoleRow>,
    role_selected: String,
    role_error: Option<String>,
    grid: GridView,
    sessions: Option<Vec<SessionRow>>,
    history: Option<Vec<LoginRow>>,
    may_manage: bool,
    may_revoke: bool,
    is_self: bool,
    current_session: Uuid,
    notice: Option<String>,
    staff: StaffPanel,
}

/// What the page shows of the user, as far as the reader may see it.
struct Details {
    user: UserRow,
    roles: Vec<RoleRow>,
    grid: GridView,
    sessions: Option<Vec<SessionRow>>,
    history: Option<Vec<LoginRow>>,
    staff: StaffPanel,
}

fn details(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    id: Uuid,
) -> Result<Details, AppError> {
    let user = queries::find_user(tenant, id)?;
    let roles = assignable_roles(tenant, access)?;
    let grid = UserGrid::grid(tenant, access, id)?.view(t);
    let sessions = match access.can_read(Entity::AuthRefreshTokens) {
        true => Some(queries::active_sessions(tenant, id)?),
        false => None,
    };
    let history = match access.can_read(Entity::LoginHistory) {
        true => Some(queries::login_history(tenant, id)?),
        false => None,
    };
    let staff = StaffPanel::of(tenant, access, &user)?;
    Ok(Details {
        user,
        roles,
        grid,
        sessions,
        history,
        staff,
    })
}

/// The page's status, the role the form shows, and the messages of a refused change.
fn after(
    refusal: Option<(Refusal, String)>,
    stored_role: String,
) -> (StatusCode, String, Option<String>, Option<String>) {
    match refusal {
        None => (StatusCode::OK, stored_role, None, None),
        Some((Refusal::Role(message), chosen)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            chosen,
            Some(message),
            None,
        ),
        // The refused change kept the stored role, so the form shows it.
        Some((Refusal::Conflict(message), _)) => {
            (StatusCode::CONFLICT, stored_role, None, Some(message))
        }
    }
}

pub(super) async fn user_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    refusal: Option<(Refusal, String)>,
) -> Result<HttpResponse, AppError> {
    let (access, t) = (page.access.clone(), page.t);
    let found = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        details(tenant, (&access, t), id)
    })
    .await?;
    let (access, user) = (&page.access, found.user);
    let stored_role = user.role_id.map(|r| r.to_string()).unwrap_or_default();
    let (status, role_selected, role_error, notice) = after(refusal, stored_role);
    let name = user.name();
    let page = UserPage {
        layout: page.layout(name.clone()),
        locale: page.locale(),
        name,
        status: user.status(),
        may_manage: may_manage(access, &user),
        may_revoke: within_reach(access, &user)
            && access.can(Permission::new(Action::Update, Entity::AuthRefreshTokens)),
        is_self: user.id == access.user_id,
        current_session: access.session_id,
        user,
        roles: found.roles,
        role_selected,
        role_error,
        grid: found.grid,
        sessions: found.sessions,
        history: found.history,
        notice,
        staff: found.staff,
    };
    render_as(&page, status)
}

pub(super) async fn show(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    user_page(&page, &state, id.into_inner(), None).await
}

/// The user's staff record and notes, as far as the reader may see and change them.
pub(super) struct StaffPanel {
    /// `None` when the reader may not read staff records.
    pub linked: Option<Option<StaffMember>>,
    /// Staff records without an account, to link; empty unless the reader manages users.
    pub choices: Vec<StaffMember>,
    /// The notes, only for those who manage this user.
    pub notes: Option<String>,
    pub may_change: bool,
}

impl StaffPanel {
    fn of(tenant: &mut Tenant<'_>, access: &Access, user: &UserRow) -> Result<Self, AppError> {
        let manages = may_manage(access, user);
        let reads_staff = access.can_read(Entity::Staff);
        let linked = match reads_staff {
            true => Some(staff_queries::of_user(tenant, user.id)?),
            false => None,
        };
        let may_change = manages && reads_staff;
        let choices = match linked {
            Some(None) if may_change => staff_queries::without_account(tenant)?,
            _ => Vec::new(),
        };
        let notes = match manages {
            true => Some(queries::user_notes(tenant, user.id)?.unwrap_or_default()),
            false => None,
        };
        Ok(StaffPanel {
            linked,
            choices,
            notes,
            may_change,
        })
    }
}

//! A staff member's sign-in account: invited from their staff record (the role their
//! staff type suggests), an existing user linked to it, or the link undone. `/today`,
//! the roll and walkthroughs find a teacher through this link (`staff.user_id`).
//! Everyone on the staff with an e-mail and no account can be invited at once (`bulk`).

mod bulk;
pub(super) mod queries;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::OptionalExtension;
use serde::Deserialize;
use uuid::Uuid;

use self::queries::{StaffMember, Unlinked};
use super::changes::RoleChoice;
use super::invite::{Invitation, invite_now};
use super::{assignable_roles, chosen_role, within_reach};
use crate::access::roles::{BuiltinRole, builtin_role_id};
use crate::access::{Access, Action, Entity, Routes};
use crate::admin::forms;
use crate::admin::queries::{self as admin_queries, RoleRow, UserRow};
use crate::admin::requires;
use crate::db::Tenant;
use crate::db::enums::StaffType;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render_as, see_other};

pub fn routes(r: &mut Routes) {
    let manage = requires(Action::Update, Entity::Users);
    // Before the record engine's `/staff/{id}`, which would take `/staff/invitations`.
    bulk::routes(r, manage);
    r.get("/staff/{id}/account", manage, account)
        .post("/staff/{id}/account/invite", manage, invite)
        .post("/staff/{id}/account/link", manage, link)
        .post("/staff/{id}/account/unlink", manage, unlink);
}

/// The role a staff type suggests for its account.
fn suggested_role(staff_type: StaffType) -> BuiltinRole {
    match staff_type {
        StaffType::Teacher => BuiltinRole::Teacher,
        StaffType::Director => BuiltinRole::Director,
        StaffType::Administrator => BuiltinRole::Administrator,
        StaffType::Counselor | StaffType::Support => BuiltinRole::FrontOffice,
    }
}

/// The suggested role's id, if it is one this person may hand out.
fn default_role(
    tenant: &mut Tenant<'_>,
    roles: &[RoleRow],
    staff_type: StaffType,
) -> diesel::QueryResult<Option<Uuid>> {
    let id = builtin_role_id(tenant.conn(), suggested_role(staff_type))?;
    Ok(roles.iter().any(|r| r.id == id).then_some(id))
}

/// Why a change to a link was not made, in the reader's language.
type Refused = String;

/// Invites a staff member without an account: a new user with `role`, the invitation
/// e-mail, and the link, all or nothing.
pub(super) fn invite_member(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    (access, t): (&Access, Lang),
    member: &StaffMember,
    role: RoleRow,
) -> Result<Result<String, Refused>, AppError> {
    if member.user_id.is_some() {
        return Ok(Err(t.text("staff-already-linked")));
    }
    let Some(address) = member.email.as_deref().filter(|e| !e.trim().is_empty()) else {
        return Ok(Err(t.text("staff-invite-no-email")));
    };
    let email = match forms::email(t, address) {
        Ok(email) => email,
        Err(message) => return Ok(Err(message)),
    };
    if admin_queries::email_taken(tenant, &email)? {
        return Ok(Err(t
            .message("staff-invite-email-taken")
            .arg("email", &email)
            .to_string()));
    }
    let invitation = Invitation {
        first_name: member.first_name.clone().unwrap_or_default(),
        last_name: member.last_name.clone().unwrap_or_default(),
        email,
        role,
    };
    let id = member.id;
    let made = tenant.transaction(|tenant| {
        let invitee = invite_now(tenant, state, access, invitation)?;
        queries::set_account(tenant, id, Some(invitee.id))?;
        Ok::<_, diesel::result::Error>(invitee)
    });
    match made {
        Ok(invitee) => Ok(Ok(t
            .message("staff-invite-sent")
            .arg("name", member.name())
            .arg("email", &invitee.email)
            .to_string())),
        // The address or the record was taken between the checks and the writes.
        Err(e) if forms::is_unique_violation(&e) => Ok(Err(t.text("staff-link-raced"))),
        Err(e) => Err(e.into()),
    }
}

/// Links staff record `member` to `user`, refused when either is already linked.
pub(super) fn link_member(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    member: &StaffMember,
    user: &UserRow,
) -> Result<Result<String, Refused>, AppError> {
    if !within_reach(access, user) {
        return Err(AppError::Forbidden);
    }
    if member.user_id == Some(user.id) {
        return Ok(Ok(t
            .message("staff-linked")
            .arg("name", member.name())
            .arg("user", user.name())
            .to_string()));
    }
    if member.user_id.is_some() {
        return Ok(Err(t.text("staff-already-linked")));
    }
    if let Some(other) = queries::of_user(tenant, user.id)? {
        return Ok(Err(t
            .message("staff-user-taken")
            .arg("user", user.name())
            .arg("name", other.name())
            .to_string()));
    }
    let id = member.id;
    match tenant.transaction(|tenant| queries::set_account(tenant, id, Some(user.id))) {
        Ok(_) => Ok(Ok(t
            .message("staff-linked")
            .arg("name", member.name())
            .arg("user", user.name())
            .to_string())),
        Err(e) if forms::is_unique_violation(&e) => Ok(Err(t.text("staff-link-raced"))),
        Err(e) => Err(e.into()),
    }
}

/// Undoes a staff record's link; the account itself stays as it is.
pub(super) fn unlink_member(
    tenant: &mut Tenant<'_>,
    t: Lang,
    member: &StaffMember,
) -> Result<String, AppError> {
    queries::set_account(tenant, member.id, None)?;
    Ok(t.message("staff-unlinked")
        .arg("name", member.name())
        .to_string())
}

/// A user of the organization chosen in a form, or the message saying none was.
fn chosen_user(
    tenant: &mut Tenant<'_>,
    t: Lang,
    value: &str,
) -> diesel::QueryResult<Result<UserRow, Refused>> {
    let Ok(id) = Uuid::parse_str(value.trim()) else {
        return Ok(Err(t.text("staff-choose-user")));
    };
    Ok(admin_queries::find_user(tenant, id)
        .optional()?
        .ok_or_else(|| t.text("staff-choose-user")))
}

#[derive(Template)]
#[template(path = "staff/account.html")]
struct AccountPage {
    layout: Layout,
    member: StaffMember,
    name: String,
    account: Option<UserRow>,
    roles: Vec<RoleRow>,
    role_selected: String,
    /// Always empty: a refused invitation says why at the top of the page.
    role_error: Option<String>,
    users: Vec<Unlinked>,
    refusal: Option<String>,
}

/// What the page shows: the record, its account, and the choices for a new link.
struct Found {
    member: StaffMember,
    account: Option<UserRow>,
    roles: Vec<RoleRow>,
    suggested: Option<Uuid>,
    users: Vec<Unlinked>,
}

fn found(tenant: &mut Tenant<'_>, access: &Access, id: Uuid) -> Result<Found, AppError> {
    let member = queries::find(tenant, id)?;
    let account = match member.user_id {
        Some(user) => admin_queries::find_user(tenant, user).optional()?,
        None => None,
    };
    let roles = assignable_roles(tenant, access)?;
    let suggested = default_role(tenant, &roles, member.staff_type)?;
    let users = match account {
        Some(_) => Vec::new(),
        None => queries::users_without_staff(tenant)?,
    };
    Ok(Found {
        member,
        account,
        roles,
        suggested,
        users,
    })
}

/// The account page of staff record `id`, with a refused change's message (409).
async fn account_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    refusal: Option<Refused>,
) -> Result<HttpResponse, AppError> {
    if !page.access.can_read(Entity::Staff) {
        return Err(AppError::Forbidden);
    }
    let access = page.access.clone();
    let found = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        found(tenant, &access, id)
    })
    .await?;
    let status = match refusal {
        Some(_) => StatusCode::CONFLICT,
        None => StatusCode::OK,
    };
    let name = found.member.name();
    let title = page.t.message("staff-account-title").arg("name", &name);
    render_as(
        &AccountPage {
            layout: page.layout(title.to_string()),
            role_selected: found.suggested.map(|r| r.to_string()).unwrap_or_default(),
            role_error: None,
            member: found.member,
            name,
            account: found.account,
            roles: found.roles,
            users: found.users,
            refusal,
        },
        status,
    )
}

async fn account(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    account_page(&page, &state, id.into_inner(), None).await
}

/// Runs a change to staff record `id`'s link; then its page with the message, or again with the refusal.
async fn change_link<F>(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: Uuid,
    change: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut Tenant<'_>, &Access, &StaffMember) -> Result<Result<String, Refused>, AppError>
        + Send
        + 'static,
{
    if !page.access.can_read(Entity::Staff) {
        return Err(AppError::Forbidden);
    }
    let access = page.access.clone();
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let member = queries::find(tenant, id)?;
        change(tenant, &access, &member)
    })
    .await?;
    match outcome {
        Ok(message) => {
            flash::push(&session, Level::Success, message);
            Ok(see_other(&format!("/staff/{id}/account")))
        }
        Err(refusal) => account_page(&page, &state, id, Some(refusal)).await,
    }
}

async fn invite(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<RoleChoice>,
) -> Result<HttpResponse, AppError> {
    let (value, t, app) = (form.into_inner().role, page.t, state.clone());
    change_link(
        page,
        state,
        session,
        id.into_inner(),
        move |tenant, access, member| {
            let role = match chosen_role(tenant, (access, t), &value)? {
                Ok(role) => role,
                Err(message) => return Ok(Err(message)),
            };
            invite_member(tenant, &app, (access, t), member, role)
        },
    )
    .await
}

#[derive(Deserialize)]
struct UserChoice {
    #[serde(default)]
    user: String,
}

async fn link(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<UserChoice>,
) -> Result<HttpResponse, AppError> {
    let (value, t) = (form.into_inner().user, page.t);
    change_link(
        page,
        state,
        session,
        id.into_inner(),
        move |tenant, access, member| match chosen_user(tenant, t, &value)? {
            Ok(user) => link_member(tenant, (access, t), member, &user),
            Err(message) => Ok(Err(message)),
        },
    )
    .await
}

async fn unlink(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let t = page.t;
    change_link(
        page,
        state,
        session,
        id.into_inner(),
        move |tenant, access, member| {
            if let Some(user) = member.user_id {
                let user = admin_queries::find_user(tenant, user).optional()?;
                if user.is_some_and(|u| !within_reach(access, &u)) {
                    return Err(AppError::Forbidden);
                }
            }
            Ok(Ok(unlink_member(tenant, t, member)?))
        },
    )
    .await
}

#[derive(Deserialize)]
pub(in crate::admin::users) struct StaffChoice {
    #[serde(default)]
    staff: String,
}

/// From the user's page: links the chosen staff record to the user, or, with none
/// chosen, undoes the user's link.
pub(in crate::admin::users) async fn change_from_user(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<StaffChoice>,
) -> Result<HttpResponse, AppError> {
    if !page.access.can_read(Entity::Staff) {
        return Err(AppError::Forbidden);
    }
    let (value, t) = (form.into_inner().staff, page.t);
    let target = (id.into_inner(), String::new());
    super::changes::change_user(page, state, session, target, move |tenant, access, user| {
        let done = match value.trim() {
            "" => match queries::of_user(tenant, user.id)? {
                Some(member) => Ok(unlink_member(tenant, t, &member)?),
                None => Err(t.text("admin-staff-none-linked")),
            },
            chosen => match Uuid::parse_str(chosen) {
                Ok(staff) => match queries::find(tenant, staff).optional()? {
                    Some(member) => link_member(tenant, (access, t), &member, user)?,
                    None => Err(t.text("admin-staff-choose")),
                },
                Err(_) => Err(t.text("admin-staff-choose")),
            },
        };
        Ok(done.map_err(super::page::Refusal::Conflict))
    })
    .await
}

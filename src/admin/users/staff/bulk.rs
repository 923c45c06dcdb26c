//! Inviting every staff member with an e-mail and no account at once: a preview that
//! counts who will be invited and names who cannot be, then the invitations, sent in
//! one request in batches of [`BATCH`] (each batch its own transaction, so a failure
//! keeps the batches already sent) with a page of what was done.

use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::queries::{self, StaffMember};
use super::{default_role, invite_member};
use crate::access::{Access, Gate, Routes};
use crate::admin::queries::{self as admin_queries, RoleRow};
use crate::admin::users::assignable_roles;
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

const BATCH: usize = 25;

/// A staff member named on the page: their record's id and name.
type Named = (Uuid, String);

pub(super) fn routes(r: &mut Routes, manage: Gate) {
    r.get("/staff/invitations", manage, preview)
        .post("/staff/invitations", manage, send);
}

/// A staff member who is not invited, and why.
pub struct Skipped {
    pub id: Uuid,
    pub name: String,
    pub reason: String,
}

/// Who the invitations would go to, and who is left out.
struct Plan {
    invite: Vec<(StaffMember, RoleRow)>,
    no_email: Vec<StaffMember>,
    skipped: Vec<Skipped>,
}

fn plan(tenant: &mut Tenant<'_>, (access, t): (&Access, Lang)) -> Result<Plan, AppError> {
    let roles = assignable_roles(tenant, access)?;
    let mut plan = Plan {
        invite: Vec::new(),
        no_email: Vec::new(),
        skipped: Vec::new(),
    };
    for member in queries::without_account(tenant)? {
        let Some(email) = member.email.clone().filter(|e| !e.trim().is_empty()) else {
            plan.no_email.push(member);
            continue;
        };
        let role = default_role(tenant, &roles, member.staff_type)?
            .and_then(|id| roles.iter().find(|r| r.id == id).cloned());
        let reason = if admin_queries::email_taken(tenant, &email)? {
            Some(
                t.message("staff-invite-email-taken")
                    .arg("email", &email)
                    .to_string(),
            )
        } else if role.is_none() {
            Some(t.text("staff-bulk-no-role"))
        } else {
            None
        };
        match (reason, role) {
            (None, Some(role)) => plan.invite.push((member, role)),
            (reason, _) => plan.skipped.push(Skipped {
                id: member.id,
                name: member.name(),
                reason: reason.unwrap_or_default(),
            }),
        }
    }
    Ok(plan)
}

#[derive(Template)]
#[template(path = "staff/invitations.html")]
struct InvitationsPage {
    layout: Layout,
    /// Before the confirm: who will be invited; after: who was.
    invited: Vec<Named>,
    no_email: Vec<Named>,
    skipped: Vec<Skipped>,
    sent: bool,
}

fn named(members: &[StaffMember]) -> Vec<Named> {
    members.iter().map(|m| (m.id, m.name())).collect()
}

async fn preview(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (access, t) = (page.access.clone(), page.t);
    let plan = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        plan(tenant, (&access, t))
    })
    .await?;
    let invite: Vec<StaffMember> = plan.invite.into_iter().map(|(m, _)| m).collect();
    render(&InvitationsPage {
        layout: page.layout(t.text("staff-bulk-title")),
        invited: named(&invite),
        no_email: named(&plan.no_email),
        skipped: plan.skipped,
        sent: false,
    })
}

/// Sends the invitations of one batch; returns who was invited and who was refused.
fn send_batch(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    (access, t): (&Access, Lang),
    batch: Vec<(StaffMember, RoleRow)>,
) -> Result<(Vec<Named>, Vec<Skipped>), AppError> {
    let (mut invited, mut skipped) = (Vec::new(), Vec::new());
    for (member, role) in batch {
        // Read again: someone may have linked or invited them since the plan.
        let member = queries::find(tenant, member.id)?;
        match invite_member(tenant, state, (access, t), &member, role)? {
            Ok(_) => invited.push((member.id, member.name())),
            Err(reason) => skipped.push(Skipped {
                id: member.id,
                name: member.name(),
                reason,
            }),
        }
    }
    Ok((invited, skipped))
}

async fn send(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (access, t) = (page.access.clone(), page.t);
    let plan = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        plan(tenant, (&access, t))
    })
    .await?;
    let (mut invited, mut skipped) = (Vec::new(), plan.skipped);
    let mut rest = plan.invite;
    while !rest.is_empty() {
        let batch: Vec<_> = rest.drain(..rest.len().min(BATCH)).collect();
        let (access, app) = (page.access.clone(), state.clone());
        let (done, refused) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            send_batch(tenant, &app, (&access, t), batch)
        })
        .await?;
        invited.extend(done);
        skipped.extend(refused);
    }
    render(&InvitationsPage {
        layout: page.layout(t.text("staff-bulk-title")),
        invited,
        no_email: named(&plan.no_email),
        skipped,
        sent: true,
    })
}

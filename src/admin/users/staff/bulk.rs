//! Inviting every staff member with an e-mail and no account at once: a preview that
//! counts who will be invited and names who cannot be, then the invitations in batches
//! of [`BATCH`], each its own transaction, so a failure keeps the batches already sent.
//! With htmx the page asks for one batch at a time and shows a progress bar between
//! them (`/staff/invitations/batch`); without it one request sends every batch and
//! answers with a page of what was done.

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
        .post("/staff/invitations", manage, send)
        .post("/staff/invitations/batch", manage, next_batch);
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
    plan_without(tenant, (access, t), &[], None)
}

/// The plan, leaving out the staff records in `passed` (refused earlier in this run);
/// with `import`, only the staff that staff import wrote.
fn plan_without(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    passed: &[Uuid],
    import: Option<Uuid>,
) -> Result<Plan, AppError> {
    let roles = assignable_roles(tenant, access)?;
    let mut plan = Plan {
        invite: Vec::new(),
        no_email: Vec::new(),
        skipped: Vec::new(),
    };
    let members = match import {
        Some(log) => queries::without_account_from_import(tenant, log)?,
        None => queries::without_account(tenant)?,
    };
    for member in members {
        if passed.contains(&member.id) {
            continue;
        }
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

/// Where a run of batches stands, carried from one batch's answer to the next.
struct Progress {
    /// Invitations planned when the run began (or more, if staff were added since).
    total: usize,
    /// Staff records handled so far: invited or refused.
    done: usize,
    /// Invitations sent so far.
    sent: usize,
    /// Staff records refused during the run, not to be tried again.
    passed: Vec<Uuid>,
    /// Refused in this batch, added to the page's list.
    refused: Vec<Skipped>,
    /// The staff import whose rows are invited, if the run is one's.
    import: Option<Uuid>,
    more: bool,
    /// For the "Continue" button a page without htmx shows.
    csrf_token: String,
}

/// A batch's answer to htmx: the progress, and the refused added to the page's list.
#[derive(Template)]
#[template(path = "staff/invitations_run.html", block = "progress")]
struct ProgressFragment {
    t: Lang,
    run: Progress,
}

/// A batch's answer without htmx: the same on a page of its own.
#[derive(Template)]
#[template(path = "staff/invitations_run.html")]
struct ProgressPage {
    layout: Layout,
    t: Lang,
    run: Progress,
}

impl Progress {
    fn passed_field(&self) -> String {
        self.passed
            .iter()
            .map(Uuid::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A number from a field the page carries; a missing or broken one counts as 0.
fn count_field(fields: &[(String, String)], name: &str) -> usize {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0)
}

/// The staff ids the page carries as refused; anything else in the field is ignored.
fn passed_field(fields: &[(String, String)]) -> Vec<Uuid> {
    fields
        .iter()
        .filter(|(k, _)| k == "passed")
        .flat_map(|(_, v)| v.split_whitespace())
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect()
}

/// Sends the next batch of a run and answers with the progress, which asks for the
/// batch after it while any invitation is left.
async fn next_batch(
    req: actix_web::HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    fields: crate::web::input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = fields.into_inner();
    let (access, t) = (page.access.clone(), page.t);
    let mut passed = passed_field(&fields);
    let import = fields
        .iter()
        .find(|(k, _)| k == "import")
        .and_then(|(_, v)| Uuid::parse_str(v.trim()).ok());
    let (app, known) = (state.clone(), passed.clone());
    let (sent, refused, left) =
        crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
            let plan = plan_without(tenant, (&access, t), &known, import)?;
            let mut rest = plan.invite;
            let batch: Vec<_> = rest.drain(..rest.len().min(BATCH)).collect();
            let (sent, refused) = send_batch(tenant, &app, (&access, t), batch)?;
            Ok::<_, AppError>((sent.len(), refused, rest.len()))
        })
        .await?;
    passed.extend(refused.iter().map(|s| s.id));
    let done = count_field(&fields, "done") + sent + refused.len();
    let run = Progress {
        total: count_field(&fields, "total").max(done + left),
        done,
        sent: count_field(&fields, "sent") + sent,
        passed,
        refused,
        import,
        more: left > 0,
        csrf_token: page.access.csrf_token.clone(),
    };
    if crate::web::htmx::wants_fragment(&req) {
        return render(&ProgressFragment { t, run });
    }
    render(&ProgressPage {
        layout: page.layout(t.text("staff-bulk-title")),
        t,
        run,
    })
}

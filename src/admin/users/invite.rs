//! Inviting someone: a new account without a password, and an e-mail with the link
//! where they choose one.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{assignable_roles, chosen_role};
use crate::access::Access;
use crate::admin::forms;
use crate::admin::queries::{self, NewUser, RoleRow};
use crate::auth::tokens::{self, PasswordToken};
use crate::db::Tenant;
use crate::forms::Guard;
use crate::forms::once::{self, Once, Owner};
use crate::i18n::{self, Lang, msg};
use crate::mail::Email;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

const EMAIL_TAKEN: &str = msg("admin-email-taken");

#[derive(Deserialize, Default)]
pub(super) struct InviteForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    /// The form's one-time token.
    #[serde(default)]
    form_token: String,
}

/// Who is invited and to what: a new account without a password yet.
pub(super) struct Invitee {
    pub id: Uuid,
    pub first_name: String,
    pub email: String,
    pub role_name: String,
}

/// A usable invitation: from the form, or from a staff record.
pub(super) struct Invitation {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: RoleRow,
}

impl InviteForm {
    fn parse(
        &self,
        tenant: &mut Tenant<'_>,
        (access, t): (&Access, Lang),
    ) -> diesel::QueryResult<Result<Invitation, FieldErrors>> {
        let mut errors = FieldErrors::default();
        let first = errors.check(
            "first_name",
            forms::required(t, &self.first_name, forms::FIRST_NAME, 100),
        );
        let last = errors.check(
            "last_name",
            forms::required(t, &self.last_name, forms::LAST_NAME, 100),
        );
        let email = errors.check("email", forms::email(t, &self.email));
        if let Some(email) = &email
            && queries::email_taken(tenant, email)?
        {
            errors.add("email", t.text(EMAIL_TAKEN));
        }
        let role = errors.check("role", chosen_role(tenant, (access, t), &self.role)?);
        Ok(match (first, last, email, role) {
            (Some(first_name), Some(last_name), Some(email), Some(role)) if errors.is_empty() => {
                Ok(Invitation {
                    first_name,
                    last_name,
                    email,
                    role,
                })
            }
            _ => Err(errors),
        })
    }
}

#[derive(Template)]
#[template(path = "admin/user_invite.html")]
struct InvitePage {
    layout: Layout,
    values: InviteForm,
    errors: FieldErrors,
    roles: Vec<RoleRow>,
    guard: Guard,
}

pub(super) async fn invite_form(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let roles = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        Ok(assignable_roles(tenant, &access)?)
    })
    .await?;
    render(&InvitePage {
        layout: page.layout(page.t.text("admin-invite-title")),
        values: InviteForm::default(),
        errors: FieldErrors::default(),
        roles,
        guard: Guard::token_only(""),
    })
}

/// Issues a fresh invitation token (the earlier link stops working) and e-mails it.
pub(super) fn send_invitation(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    access: &Access,
    invitee: &Invitee,
) -> diesel::QueryResult<()> {
    let token = tokens::issue_password_token(tenant.conn(), invitee.id, PasswordToken::Invitation)?;
    let link = tokens::password_link(&state.public_url, &token);
    let days = PasswordToken::Invitation.valid_for().num_days();
    // The invitee has chosen no language yet: they read the school's.
    let t = i18n::choose(None, access.school_language.as_deref(), None);
    let organization = &access.organization_name;
    let body = t
        .message("email-invite-body")
        .arg("first", &invitee.first_name)
        .arg("inviter", &access.display_name)
        .arg("organization", organization)
        .arg("role", &invitee.role_name)
        .arg("days", days)
        .arg("link", &link)
        .arg("email", &invitee.email)
        .to_string();
    state.mailer.send(
        tenant.conn(),
        &Email {
            organization_id: Some(access.organization_id),
            to: invitee.email.clone(),
            subject: t
                .message("email-invite-subject")
                .arg("organization", organization)
                .to_string(),
            body,
            sent_by: Some(access.user_id),
        },
    )?;
    Ok(())
}

/// A refused form: its messages, and the roles to choose from again.
type Refused = (FieldErrors, Vec<RoleRow>);

/// Creates the account and sends the invitation, both or neither; or the form's messages.
fn create(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    (access, t): (&Access, Lang),
    values: &InviteForm,
) -> Result<Result<Invitee, Refused>, AppError> {
    let invitation = match values.parse(tenant, (access, t))? {
        Ok(invitation) => invitation,
        Err(errors) => return Ok(Err((errors, assignable_roles(tenant, access)?))),
    };
    match tenant.transaction(|tenant| invite_now(tenant, state, access, invitation)) {
        Ok(invitee) => Ok(Ok(invitee)),
        // Someone took the address between the check and the insert.
        Err(e) if forms::is_unique_violation(&e) => {
            let mut errors = FieldErrors::default();
            errors.add("email", t.text(EMAIL_TAKEN));
            Ok(Err((errors, assignable_roles(tenant, access)?)))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) fn invite_now(
    tenant: &mut Tenant<'_>,
    state: &AppState,
    access: &Access,
    invitation: Invitation,
) -> diesel::QueryResult<Invitee> {
    let new = NewUser {
        role: invitation.role.id,
        first_name: &invitation.first_name,
        last_name: &invitation.last_name,
        email: &invitation.email,
    };
    let invitee = Invitee {
        id: queries::insert_user(tenant, &new)?,
        first_name: invitation.first_name,
        email: invitation.email,
        role_name: invitation.role.name,
    };
    send_invitation(tenant, state, access, &invitee)?;
    Ok(invitee)
}

pub(super) async fn invite(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let (values, access, app) = (form.into_inner(), page.access.clone(), state.clone());
    let t = page.t;
    let (values, outcome) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let outcome = once::create_once(
            tenant,
            Some(Owner::signed_in(&access)),
            once::usable(&values.form_token),
            |tenant| create(tenant, &app, (&access, t), &values),
            |made| made.as_ref().ok().map(|i| format!("/admin/users/{}", i.id)),
        )?;
        Ok((values, outcome))
    })
    .await?;
    let outcome = match outcome {
        Once::Created(outcome) => outcome,
        Once::AlreadySaved(user) => return Ok(once::already_saved(&session, &user, page.t)),
    };
    match outcome {
        Ok(invitee) => {
            let message = t
                .message("admin-invite-sent")
                .arg("email", &invitee.email)
                .to_string();
            flash::push(&session, Level::Success, message);
            Ok(see_other(&format!("/admin/users/{}", invitee.id)))
        }
        Err((errors, roles)) => render_as(
            &InvitePage {
                layout: page.layout(t.text("admin-invite-title")),
                guard: Guard::token_only(&values.form_token),
                values,
                errors,
                roles,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

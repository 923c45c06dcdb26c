//! `/admin/users`: the people of the acting organization, their invitations, roles,
//! extra permissions, sessions and sign-in history. Every query is scoped by
//! `Access::organization_id`; another organization's user is not found.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::forms;
use super::grid::{self, Grantee, Grid, GridPage, GridView};
use super::requires;
use super::roles::{RoleRow, find_role, live_roles};
use super::safeguards::{ChangeError, MANAGE_USERS, guarded};
use crate::access::{
    Access, Action, Entity, MenuEntry, Permission, PermissionSet, Routes, display_name,
};
use crate::auth::session;
use crate::auth::tokens::{self, PasswordToken};
use crate::db::enums::LoginMethod;
use crate::db::lower;
use crate::db::schema::{auth_refresh_tokens, login_history, roles, users};
use crate::mail::Email;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{htmx, render, render_as, see_other};

const PAGE_SIZE: i64 = 50;
const HISTORY_SIZE: i64 = 50;
const EMAIL_TAKEN: &str = "Someone already has an account with this e-mail address.";

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read, Entity::Users);
    let create = requires(Action::Create, Entity::Users);
    let update = requires(Action::Update, Entity::Users);
    r.get("/admin/users", read, list)
        .get("/admin/users/new", create, invite_form)
        .post("/admin/users", create, invite)
        .get("/admin/users/{id}", read, show)
        .post("/admin/users/{id}/role", update, change_role)
        .post(
            "/admin/users/{id}/permissions",
            update,
            grid::post::<UserGrid>,
        )
        .post("/admin/users/{id}/disable", update, set_disabled::<true>)
        .post("/admin/users/{id}/enable", update, set_disabled::<false>)
        .post("/admin/users/{id}/invitation", update, resend_invitation)
        .post(
            "/admin/users/{id}/sessions/{session_id}/revoke",
            requires(Action::Update, Entity::AuthRefreshTokens),
            revoke_session,
        );
    r.menu(MenuEntry {
        order: 80,
        label: "Users",
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

    pub fn label(self) -> &'static str {
        match self {
            UserStatus::Active => "Active",
            UserStatus::Invited => "Invited",
            UserStatus::Disabled => "Disabled",
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

#[derive(Queryable)]
pub struct UserRow {
    pub id: Uuid,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: String,
    pub role_id: Option<Uuid>,
    pub role_name: Option<String>,
    role_global: Option<bool>,
    pub disabled: bool,
    has_password: bool,
    pub mfa_enabled: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
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

/// The organization's live users with their roles; the base of every user query.
#[diesel::dsl::auto_type(no_type_alias)]
fn organization_users(organization_id: Uuid) -> _ {
    users::table
        .left_join(roles::table.on(roles::id.nullable().eq(users::app_role_id)))
        .filter(users::organization_id.eq(organization_id))
        .filter(users::deleted_at.is_null())
        .select((
            users::id,
            users::first_name,
            users::last_name,
            users::email,
            users::app_role_id,
            roles::name.nullable(),
            roles::global_access.nullable(),
            users::disabled,
            users::password.is_not_null(),
            users::mfa_enabled,
            users::last_login_at,
            users::created_at,
        ))
}

/// A user of the organization, or not found.
fn find_user(conn: &mut PgConnection, organization_id: Uuid, id: Uuid) -> QueryResult<UserRow> {
    organization_users(organization_id)
        .filter(users::id.eq(id))
        .first(conn)
}

/// Users with global access are beyond the reach of administrators without it.
fn within_reach(access: &Access, user: &UserRow) -> bool {
    access.global_access || !user.global()
}

fn may_manage(access: &Access, user: &UserRow) -> bool {
    access.can(MANAGE_USERS) && within_reach(access, user)
}

/// Roles this person may hand out: roles with global access only by someone who has it.
fn assignable_roles(conn: &mut PgConnection, access: &Access) -> QueryResult<Vec<RoleRow>> {
    Ok(live_roles(conn)?
        .into_iter()
        .filter(|r| access.global_access || !r.global_access)
        .collect())
}

/// A role chosen in a form, if it is one this person may hand out.
fn chosen_role(
    conn: &mut PgConnection,
    access: &Access,
    value: &str,
) -> QueryResult<Result<RoleRow, String>> {
    let Ok(id) = Uuid::parse_str(value.trim()) else {
        return Ok(Err("Choose a role.".to_owned()));
    };
    Ok(assignable_roles(conn, access)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| "Choose one of the roles in the list.".to_owned()))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    role: Option<String>,
    status: Option<String>,
    page: Option<String>,
}

/// The list's state as the address holds it; unusable values are ignored.
struct Filter {
    q: String,
    role: Option<Uuid>,
    status: Option<UserStatus>,
    page: i64,
}

impl Filter {
    fn from_query(query: &ListQuery) -> Filter {
        let q: String = query
            .q
            .as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(100)
            .collect();
        Filter {
            q,
            role: query.role.as_deref().and_then(|r| Uuid::parse_str(r).ok()),
            status: query.status.as_deref().and_then(UserStatus::parse),
            page: query
                .page
                .as_deref()
                .and_then(|p| p.parse().ok())
                .filter(|p| (1..=10_000).contains(p))
                .unwrap_or(1),
        }
    }

    fn role_value(&self) -> String {
        self.role.map(|r| r.to_string()).unwrap_or_default()
    }

    fn status_value(&self) -> &'static str {
        self.status.map_or("", UserStatus::as_str)
    }

    /// The address of another page of this same list.
    fn link(&self, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(role) = self.role {
            pairs.push(("role", role.to_string()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/admin/users".to_owned()
        } else {
            format!("/admin/users?{query}")
        }
    }

    fn is_filtered(&self) -> bool {
        !self.q.is_empty() || self.role.is_some() || self.status.is_some()
    }
}

/// `%`, `_` and `\` match themselves in a search.
fn like_pattern(word: &str) -> String {
    let mut escaped = String::with_capacity(word.len() + 2);
    escaped.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}

fn search(
    conn: &mut PgConnection,
    organization_id: Uuid,
    filter: &Filter,
) -> QueryResult<(Vec<UserRow>, bool)> {
    let mut query = organization_users(organization_id).into_boxed();
    // Every word must match the first name, last name or e-mail.
    for word in filter.q.split_whitespace() {
        let pattern = like_pattern(word);
        query = query.filter(
            users::first_name
                .ilike(pattern.clone())
                .or(users::last_name.ilike(pattern.clone()))
                .or(users::email.ilike(pattern).nullable()),
        );
    }
    if let Some(role) = filter.role {
        query = query.filter(users::app_role_id.eq(role));
    }
    query = match filter.status {
        None => query,
        Some(UserStatus::Disabled) => query.filter(users::disabled.eq(true)),
        Some(UserStatus::Active) => query
            .filter(users::disabled.eq(false))
            .filter(users::password.is_not_null()),
        Some(UserStatus::Invited) => query
            .filter(users::disabled.eq(false))
            .filter(users::password.is_null()),
    };
    let mut rows: Vec<UserRow> = query
        .order((
            users::last_name.asc(),
            users::first_name.asc(),
            users::email.asc(),
        ))
        .offset((filter.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
        .load(conn)?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, more))
}

struct Results {
    users: Vec<UserRow>,
    filtered: bool,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    organization: String,
    q: String,
    role: String,
    status: &'static str,
    statuses: [UserStatus; 3],
    roles: Vec<RoleRow>,
    may_invite: bool,
    results: Results,
}

/// Only the results, for htmx as the search and filters change.
#[derive(Template)]
#[template(path = "admin/users.html", block = "results")]
struct UsersResults {
    results: Results,
}

async fn list(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = Filter::from_query(&query);
    let org = page.access.organization_id;
    let fragment = htmx::wants_fragment(&req);
    let (filter, (users, more), roles) = crate::web::db::run(&state.pool, move |conn| {
        let found = search(conn, org, &filter)?;
        let roles = if fragment {
            Vec::new()
        } else {
            live_roles(conn)?
        };
        Ok((filter, found, roles))
    })
    .await?;
    let results = Results {
        users,
        filtered: filter.is_filtered(),
        previous: (filter.page > 1).then(|| filter.link(filter.page - 1)),
        next: more.then(|| filter.link(filter.page + 1)),
    };
    if fragment {
        return render(&UsersResults { results });
    }
    render(&UsersPage {
        layout: page.layout("Users"),
        organization: page.access.organization_name.clone(),
        role: filter.role_value(),
        status: filter.status_value(),
        q: filter.q,
        statuses: UserStatus::ALL,
        roles,
        may_invite: page.can(Action::Create, Entity::Users),
        results,
    })
}

#[derive(Deserialize, Default)]
struct InviteForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// Who is invited and to what: a new account without a password yet.
struct Invitee {
    id: Uuid,
    first_name: String,
    email: String,
    role_name: String,
}

impl InviteForm {
    fn parse(
        &self,
        conn: &mut PgConnection,
        access: &Access,
    ) -> QueryResult<Result<(String, String, String, RoleRow), FieldErrors>> {
        let mut errors = FieldErrors::default();
        let first = errors.check(
            "first_name",
            forms::required(&self.first_name, "First name", 100),
        );
        let last = errors.check(
            "last_name",
            forms::required(&self.last_name, "Last name", 100),
        );
        let email = errors.check("email", forms::email(&self.email));
        if let Some(email) = &email
            && email_taken(conn, email)?
        {
            errors.add("email", EMAIL_TAKEN);
        }
        let role = errors.check("role", chosen_role(conn, access, &self.role)?);
        Ok(match (first, last, email, role) {
            (Some(f), Some(l), Some(e), Some(r)) if errors.is_empty() => Ok((f, l, e, r)),
            _ => Err(errors),
        })
    }
}

fn email_taken(conn: &mut PgConnection, email: &str) -> QueryResult<bool> {
    let found: i64 = users::table
        .filter(lower(users::email).eq(email.to_lowercase()))
        .filter(users::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

#[derive(Template)]
#[template(path = "admin/user_invite.html")]
struct InvitePage {
    layout: Layout,
    values: InviteForm,
    errors: FieldErrors,
    roles: Vec<RoleRow>,
}

async fn invite_form(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let roles = crate::web::db::run(&state.pool, move |conn| {
        Ok(assignable_roles(conn, &access)?)
    })
    .await?;
    render(&InvitePage {
        layout: page.layout("Invite a user"),
        values: InviteForm::default(),
        errors: FieldErrors::default(),
        roles,
    })
}

/// Issues a fresh invitation token (the earlier link stops working) and e-mails it.
fn send_invitation(
    conn: &mut PgConnection,
    state: &AppState,
    access: &Access,
    invitee: &Invitee,
) -> QueryResult<()> {
    let token = tokens::issue_password_token(conn, invitee.id, PasswordToken::Invitation)?;
    let link = tokens::password_link(&state.public_url, &token);
    let days = PasswordToken::Invitation.valid_for().num_days();
    let body = format!(
        "Hello {first},\n\n\
         {inviter} has invited you to Homeroom at {organization}, where you will sign in as {role}.\n\n\
         Choose your password here to start (the link works once, for {days} days):\n\
         {link}\n\n\
         Your sign-in name is this e-mail address: {email}\n\n\
         If you were not expecting this invitation, you can ignore this e-mail.\n",
        first = invitee.first_name,
        inviter = access.display_name,
        organization = access.organization_name,
        role = invitee.role_name,
        email = invitee.email,
    );
    state.mailer.send(
        conn,
        &Email {
            organization_id: Some(access.organization_id),
            to: invitee.email.clone(),
            subject: format!("You're invited to Homeroom at {}", access.organization_name),
            body,
            sent_by: Some(access.user_id),
        },
    )?;
    Ok(())
}

async fn invite(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let values = form.into_inner();
    let access = page.access.clone();
    let app = state.clone();
    let (values, outcome) = crate::web::db::run(&state.pool, move |conn| {
        let parsed = match values.parse(conn, &access)? {
            Ok(parsed) => parsed,
            Err(errors) => {
                let roles = assignable_roles(conn, &access)?;
                return Ok((values, Err((errors, roles))));
            }
        };
        let (first_name, last_name, email, role) = parsed;
        let created = conn.transaction(|conn| {
            let id = diesel::insert_into(users::table)
                .values((
                    users::organization_id.eq(access.organization_id),
                    users::app_role_id.eq(role.id),
                    users::first_name.eq(&first_name),
                    users::last_name.eq(&last_name),
                    users::email.eq(&email),
                    users::created_by_id.eq(access.user_id),
                    users::updated_by_id.eq(access.user_id),
                ))
                .returning(users::id)
                .get_result::<Uuid>(conn)?;
            let invitee = Invitee {
                id,
                first_name,
                email,
                role_name: role.name,
            };
            send_invitation(conn, &app, &access, &invitee)?;
            Ok::<_, diesel::result::Error>(invitee)
        });
        match created {
            Ok(invitee) => Ok((values, Ok(invitee))),
            // Someone took the address between the check and the insert.
            Err(e) if forms::is_unique_violation(&e) => {
                let mut errors = FieldErrors::default();
                errors.add("email", EMAIL_TAKEN);
                let roles = assignable_roles(conn, &access)?;
                Ok((values, Err((errors, roles))))
            }
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match outcome {
        Ok(invitee) => {
            flash::push(
                &session,
                Level::Success,
                format!("Invitation sent to {}.", invitee.email),
            );
            Ok(see_other(&format!("/admin/users/{}", invitee.id)))
        }
        Err((errors, roles)) => render_as(
            &InvitePage {
                layout: page.layout("Invite a user"),
                values,
                errors,
                roles,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

#[derive(Queryable)]
pub struct SessionRow {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Queryable)]
pub struct LoginRow {
    pub created_at: DateTime<Utc>,
    pub success: bool,
    pub failure_reason: Option<String>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub method: LoginMethod,
}

impl LoginRow {
    /// `wrong_password` → "Wrong password".
    pub fn reason(&self) -> String {
        let text = self
            .failure_reason
            .as_deref()
            .unwrap_or("failed")
            .replace('_', " ");
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

fn active_sessions(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<SessionRow>> {
    auth_refresh_tokens::table
        .filter(auth_refresh_tokens::user_id.eq(user_id))
        .filter(auth_refresh_tokens::revoked_at.is_null())
        .filter(auth_refresh_tokens::expires_at.gt(Utc::now()))
        .order(auth_refresh_tokens::last_seen_at.desc())
        .select((
            auth_refresh_tokens::id,
            auth_refresh_tokens::created_at,
            auth_refresh_tokens::last_seen_at,
            auth_refresh_tokens::expires_at,
            auth_refresh_tokens::ip_address,
            auth_refresh_tokens::user_agent,
        ))
        .load(conn)
}

fn login_history(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<LoginRow>> {
    login_history::table
        .filter(login_history::user_id.eq(user_id))
        .order(login_history::created_at.desc())
        .limit(HISTORY_SIZE)
        .select((
            login_history::created_at,
            login_history::success,
            login_history::failure_reason,
            login_history::ip_address,
            login_history::user_agent,
            login_history::login_method,
        ))
        .load(conn)
}

/// A refused change to a user: a message at the role field (422) or for the page (409).
enum Refusal {
    Role(String),
    Conflict(String),
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    layout: Layout,
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
}

async fn user_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    refusal: Option<(Refusal, String)>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let (user, roles, grid, sessions, history) = crate::web::db::run(&state.pool, move |conn| {
        let user = find_user(conn, access.organization_id, id)?;
        let roles = assignable_roles(conn, &access)?;
        let grid = UserGrid::grid(conn, &access, id)?;
        let sessions = if access.can_read(Entity::AuthRefreshTokens) {
            Some(active_sessions(conn, id)?)
        } else {
            None
        };
        let history = if access.can_read(Entity::LoginHistory) {
            Some(login_history(conn, id)?)
        } else {
            None
        };
        Ok((user, roles, grid, sessions, history))
    })
    .await?;
    let access = &page.access;
    let stored_role = user.role_id.map(|r| r.to_string()).unwrap_or_default();
    let (status, role_selected, role_error, notice) = match refusal {
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
    };
    let name = user.name();
    render_as(
        &UserPage {
            layout: page.layout(name.clone()),
            name,
            status: user.status(),
            may_manage: may_manage(access, &user),
            may_revoke: within_reach(access, &user)
                && access.can(Permission::new(Action::Update, Entity::AuthRefreshTokens)),
            is_self: user.id == access.user_id,
            current_session: access.session_id,
            user,
            roles,
            role_selected,
            role_error,
            grid: grid.view(),
            sessions,
            history,
            notice,
        },
        status,
    )
}

async fn show(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    user_page(&page, &state, id.into_inner(), None).await
}

/// Changes one user within reach in a guarded transaction; then their page, or it again refused.
async fn change_user<F>(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: Uuid,
    chosen_role: String,
    change: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut PgConnection, &Access, &UserRow) -> Result<Result<String, Refusal>, AppError>
        + Send
        + 'static,
{
    let access = page.access.clone();
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        let user = find_user(conn, access.organization_id, id)?;
        if !within_reach(&access, &user) {
            return Err(AppError::Forbidden);
        }
        let mut refusal = None;
        let done = guarded(conn, &access, |conn| match change(conn, &access, &user)? {
            Ok(message) => Ok(message),
            Err(reason) => {
                refusal = Some(reason);
                // Rolls back whatever the change had written before it refused.
                Err(ChangeError::Refused(String::new()))
            }
        })?;
        Ok(match (done, refusal) {
            (Ok(message), _) => Ok(message),
            (Err(_), Some(refusal)) => Err(refusal),
            (Err(reason), None) => Err(Refusal::Conflict(reason)),
        })
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
struct RoleChoice {
    #[serde(default)]
    role: String,
}

async fn change_role(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<RoleChoice>,
) -> Result<HttpResponse, AppError> {
    let chosen = form.into_inner().role;
    let value = chosen.clone();
    change_user(
        page,
        state,
        session,
        id.into_inner(),
        chosen,
        move |conn, access, user| {
            let role = match chosen_role(conn, access, &value)? {
                Ok(role) => role,
                Err(message) => return Ok(Err(Refusal::Role(message))),
            };
            diesel::update(users::table.find(user.id))
                .set((
                    users::app_role_id.eq(role.id),
                    users::updated_by_id.eq(access.user_id),
                ))
                .execute(conn)?;
            Ok(Ok(format!("{} is now {}.", user.name(), role.name)))
        },
    )
    .await
}

/// Disabling also ends every session, so the person is signed out at once.
async fn set_disabled<const DISABLED: bool>(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let disabled = DISABLED;
    change_user(
        page,
        state,
        session,
        id.into_inner(),
        String::new(),
        move |conn, access, user| {
            if disabled && user.id == access.user_id {
                return Ok(Err(Refusal::Conflict(
                "You cannot disable your own account. Ask another administrator if it should be."
                    .to_owned(),
            )));
            }
            diesel::update(users::table.find(user.id))
                .set((
                    users::disabled.eq(disabled),
                    users::updated_by_id.eq(access.user_id),
                ))
                .execute(conn)?;
            if !disabled {
                return Ok(Ok(format!("{} can sign in again.", user.name())));
            }
            session::revoke_all_for_user(conn, user.id)?;
            Ok(Ok(format!(
                "{} is disabled and signed out everywhere.",
                user.name()
            )))
        },
    )
    .await
}

async fn resend_invitation(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let app = state.clone();
    change_user(
        page,
        state,
        session,
        id.into_inner(),
        String::new(),
        move |conn, access, user| {
            let refusal = match user.status() {
                UserStatus::Invited => None,
                UserStatus::Disabled => {
                    Some("Enable the account before sending a new invitation.".to_owned())
                }
                UserStatus::Active => Some(format!(
                    "{} has already chosen a password, so there is no invitation to send.",
                    user.name()
                )),
            };
            if let Some(reason) = refusal {
                return Ok(Err(Refusal::Conflict(reason)));
            }
            let role_name = match user.role_id {
                Some(role) => find_role(conn, role)?.name,
                None => "a member of staff".to_owned(),
            };
            let invitee = Invitee {
                id: user.id,
                first_name: user.first_name.clone().unwrap_or_else(|| user.name()),
                email: user.email.clone(),
                role_name,
            };
            send_invitation(conn, &app, access, &invitee)?;
            Ok(Ok(format!(
                "A new invitation went to {}. The earlier link no longer works.",
                user.email
            )))
        },
    )
    .await
}

async fn revoke_session(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (id, session_id) = path.into_inner();
    change_user(
        page,
        state,
        session,
        id,
        String::new(),
        move |conn, _, user| {
            if !session::revoke_by_id(conn, user.id, session_id)? {
                return Err(AppError::NotFound);
            }
            Ok(Ok(
                "The session is ended; that device is signed out.".to_owned()
            ))
        },
    )
    .await
}

/// A user's extra permissions on the shared grid.
pub struct UserGrid;

impl GridPage for UserGrid {
    fn grid(conn: &mut PgConnection, access: &Access, id: Uuid) -> Result<Grid, AppError> {
        let user = find_user(conn, access.organization_id, id)?;
        let inherited = match user.role_id {
            Some(role) => Grantee::Role(role).grants(conn)?,
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
            own: grantee.grants(conn)?,
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

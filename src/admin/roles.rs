//! `/admin/roles`: the install's roles, their users and their permissions.
//!
//! Roles belong to no organization, so a change reaches every school of the
//! install: anyone with READ_ROLES may look, but only users with global access
//! create, change or delete roles.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::forms;
use super::grid::{self, Grantee, Grid, GridPage, GridView};
use super::requires;
use crate::access::roles::BuiltinRole;
use crate::access::{Access, Action, Entity, MenuEntry, Permission, PermissionSet, Routes};
use crate::db::lower;
use crate::db::schema::{roles, roles_permissions, users};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read, Entity::Roles);
    let create = requires(Action::Create, Entity::Roles);
    let update = requires(Action::Update, Entity::Roles);
    r.get("/admin/roles", read, list)
        .get("/admin/roles/new", create, new_role)
        .post("/admin/roles", create, create_role)
        .get("/admin/roles/{id}", read, show)
        .post("/admin/roles/{id}", update, update_role)
        .post(
            "/admin/roles/{id}/permissions",
            update,
            grid::post::<RoleGrid>,
        )
        .post(
            "/admin/roles/{id}/delete",
            requires(Action::Delete, Entity::Roles),
            delete_role,
        );
    r.menu(MenuEntry {
        order: 81,
        label: "Roles",
        href: "/admin/roles",
        gate: read,
    });
}

/// Role changes reach every organization, so they need global access besides the permission.
pub fn may_edit_roles(access: &Access, action: Action) -> bool {
    access.global_access && access.can(Permission::new(action, Entity::Roles))
}

fn require_role_editor(access: &Access, action: Action) -> Result<(), AppError> {
    if may_edit_roles(access, action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Queryable, Clone)]
pub struct RoleRow {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub global_access: bool,
    pub require_mfa: bool,
    import_hash: Option<String>,
}

impl RoleRow {
    /// Seeded with the install; it can be changed but not deleted.
    pub fn builtin(&self) -> bool {
        BuiltinRole::ALL
            .iter()
            .any(|r| self.import_hash.as_deref() == Some(r.import_hash().as_str()))
    }
}

type RoleColumns = (
    roles::id,
    roles::name,
    roles::description,
    roles::global_access,
    roles::require_mfa,
    roles::import_hash,
);
const ROLE_COLUMNS: RoleColumns = (
    roles::id,
    roles::name,
    roles::description,
    roles::global_access,
    roles::require_mfa,
    roles::import_hash,
);

/// Every live role, by name.
pub fn live_roles(conn: &mut PgConnection) -> QueryResult<Vec<RoleRow>> {
    roles::table
        .filter(roles::deleted_at.is_null())
        .order(roles::name.asc())
        .select(ROLE_COLUMNS)
        .load(conn)
}

pub fn find_role(conn: &mut PgConnection, id: Uuid) -> QueryResult<RoleRow> {
    roles::table
        .filter(roles::id.eq(id))
        .filter(roles::deleted_at.is_null())
        .select(ROLE_COLUMNS)
        .first(conn)
}

/// Live users per role, in one organization or (with `None`) the whole install.
fn users_per_role(
    conn: &mut PgConnection,
    organization_id: Option<Uuid>,
) -> QueryResult<HashMap<Uuid, i64>> {
    let mut query = users::table
        .filter(users::deleted_at.is_null())
        .filter(users::app_role_id.is_not_null())
        .group_by(users::app_role_id)
        .select((users::app_role_id, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(org) = organization_id {
        query = query.filter(users::organization_id.eq(org));
    }
    let counts: Vec<(Option<Uuid>, i64)> = query.load(conn)?;
    Ok(counts
        .into_iter()
        .filter_map(|(role, n)| role.map(|r| (r, n)))
        .collect())
}

struct RoleListItem {
    role: RoleRow,
    users_here: i64,
    users_everywhere: i64,
}

#[derive(Template)]
#[template(path = "admin/roles.html")]
struct RolesPage {
    layout: Layout,
    roles: Vec<RoleListItem>,
    may_create: bool,
    global: bool,
}

async fn list(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let org = page.access.organization_id;
    let (rows, here, everywhere) = crate::web::db::run(&state.pool, move |conn| {
        Ok((
            live_roles(conn)?,
            users_per_role(conn, Some(org))?,
            users_per_role(conn, None)?,
        ))
    })
    .await?;
    let roles = rows
        .into_iter()
        .map(|role| RoleListItem {
            users_here: here.get(&role.id).copied().unwrap_or(0),
            users_everywhere: everywhere.get(&role.id).copied().unwrap_or(0),
            role,
        })
        .collect();
    render(&RolesPage {
        layout: page.layout("Roles"),
        roles,
        may_create: may_edit_roles(&page.access, Action::Create),
        global: page.access.global_access,
    })
}

const NAME_TAKEN: &str = "Another role already has this name.";

/// A role's name, description and MFA requirement as typed, for the form.
#[derive(Deserialize, Default)]
struct RoleForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    require_mfa: Option<String>,
}

struct RoleInput {
    name: String,
    description: Option<String>,
    require_mfa: bool,
}

impl RoleForm {
    fn of(role: &RoleRow) -> RoleForm {
        RoleForm {
            name: role.name.clone(),
            description: role.description.clone().unwrap_or_default(),
            require_mfa: role.require_mfa.then(|| "on".to_owned()),
        }
    }

    /// The input, or a message per field; `except` is the role being renamed.
    fn parse(
        &self,
        conn: &mut PgConnection,
        except: Option<Uuid>,
    ) -> QueryResult<Result<RoleInput, FieldErrors>> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", forms::required(&self.name, "Name", 60));
        let description = errors.check(
            "description",
            forms::optional(&self.description, "Description", 300),
        );
        if let Some(name) = &name
            && name_taken(conn, name, except)?
        {
            errors.add("name", NAME_TAKEN);
        }
        Ok(match (name, description) {
            (Some(name), Some(description)) if errors.is_empty() => Ok(RoleInput {
                name,
                description,
                require_mfa: self.require_mfa.is_some(),
            }),
            _ => Err(errors),
        })
    }
}

fn name_taken(conn: &mut PgConnection, name: &str, except: Option<Uuid>) -> QueryResult<bool> {
    let mut query = roles::table
        .filter(lower(roles::name).eq(name.to_lowercase()))
        .filter(roles::deleted_at.is_null())
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(roles::id.ne(id));
    }
    Ok(query.count().get_result::<i64>(conn)? > 0)
}

/// Writes a usable form with `save`; a name taken meanwhile becomes a field error too.
fn save_role<T>(
    conn: &mut PgConnection,
    values: &RoleForm,
    except: Option<Uuid>,
    save: impl FnOnce(&mut PgConnection, RoleInput) -> QueryResult<T>,
) -> Result<Result<T, FieldErrors>, AppError> {
    let input = match values.parse(conn, except)? {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    match save(conn, input) {
        Ok(saved) => Ok(Ok(saved)),
        Err(e) if forms::is_unique_violation(&e) => {
            let mut errors = FieldErrors::default();
            errors.add("name", NAME_TAKEN);
            Ok(Err(errors))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/role_new.html")]
struct NewRolePage {
    layout: Layout,
    values: RoleForm,
    errors: FieldErrors,
}

async fn new_role(page: Page) -> Result<HttpResponse, AppError> {
    require_role_editor(&page.access, Action::Create)?;
    render(&NewRolePage {
        layout: page.layout("New role"),
        values: RoleForm::default(),
        errors: FieldErrors::default(),
    })
}

async fn create_role(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    require_role_editor(&page.access, Action::Create)?;
    let values = form.into_inner();
    let by = page.access.user_id;
    let (values, outcome) = crate::web::db::run(&state.pool, move |conn| {
        let outcome = save_role(conn, &values, None, |conn, input| {
            diesel::insert_into(roles::table)
                .values((
                    roles::name.eq(&input.name),
                    roles::description.eq(&input.description),
                    roles::require_mfa.eq(input.require_mfa),
                    roles::created_by_id.eq(by),
                    roles::updated_by_id.eq(by),
                ))
                .returning(roles::id)
                .get_result::<Uuid>(conn)
        })?;
        Ok((values, outcome))
    })
    .await?;
    match outcome {
        Ok(id) => {
            flash::push(
                &session,
                Level::Success,
                format!(
                    "Role “{}” created. Tick what it may do.",
                    values.name.trim()
                ),
            );
            Ok(see_other(&format!("/admin/roles/{id}")))
        }
        Err(errors) => render_as(
            &NewRolePage {
                layout: page.layout("New role"),
                values,
                errors,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

#[derive(Template)]
#[template(path = "admin/role.html")]
struct RolePage {
    layout: Layout,
    role: RoleRow,
    global: bool,
    may_edit: bool,
    may_delete: bool,
    users_here: i64,
    users_everywhere: i64,
    values: RoleForm,
    errors: FieldErrors,
    grid: GridView,
    /// Why the last change was refused.
    notice: Option<String>,
}

/// What the role page shows besides the role itself.
struct RoleDetails {
    role: RoleRow,
    grid: Grid,
    users_here: i64,
    users_everywhere: i64,
}

fn role_details(
    conn: &mut PgConnection,
    access: &Access,
    id: Uuid,
) -> Result<RoleDetails, AppError> {
    let role = find_role(conn, id)?;
    let grid = RoleGrid::grid(conn, access, id)?;
    let count = |organization_id: Option<Uuid>, conn: &mut PgConnection| {
        users_per_role(conn, organization_id).map(|m| m.get(&id).copied().unwrap_or(0))
    };
    Ok(RoleDetails {
        users_here: count(Some(access.organization_id), conn)?,
        users_everywhere: count(None, conn)?,
        role,
        grid,
    })
}

/// The role page, with a returned form's values and errors, or a refusal's reason.
async fn role_page(
    page: &Page,
    state: &AppState,
    id: Uuid,
    status: StatusCode,
    form: Option<(RoleForm, FieldErrors)>,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let access = page.access.clone();
    let details =
        crate::web::db::run(&state.pool, move |conn| role_details(conn, &access, id)).await?;
    let (values, errors) =
        form.unwrap_or_else(|| (RoleForm::of(&details.role), FieldErrors::default()));
    render_as(
        &RolePage {
            layout: page.layout(details.role.name.clone()),
            global: page.access.global_access,
            may_edit: may_edit_roles(&page.access, Action::Update),
            may_delete: may_edit_roles(&page.access, Action::Delete) && !details.role.builtin(),
            users_here: details.users_here,
            users_everywhere: details.users_everywhere,
            grid: details.grid.view(),
            role: details.role,
            values,
            errors,
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
    role_page(&page, &state, id.into_inner(), StatusCode::OK, None, None).await
}

async fn update_role(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    require_role_editor(&page.access, Action::Update)?;
    let id = id.into_inner();
    let values = form.into_inner();
    let by = page.access.user_id;
    let (values, outcome) = crate::web::db::run(&state.pool, move |conn| {
        find_role(conn, id)?;
        let outcome = save_role(conn, &values, Some(id), |conn, input| {
            diesel::update(roles::table.find(id))
                .set((
                    roles::name.eq(&input.name),
                    roles::description.eq(&input.description),
                    roles::require_mfa.eq(input.require_mfa),
                    roles::updated_by_id.eq(by),
                ))
                .execute(conn)
        })?;
        Ok((values, outcome))
    })
    .await?;
    match outcome {
        Ok(_) => {
            flash::push(&session, Level::Success, "Role saved.");
            Ok(see_other(&format!("/admin/roles/{id}")))
        }
        Err(errors) => {
            role_page(
                &page,
                &state,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((values, errors)),
                None,
            )
            .await
        }
    }
}

/// A role's permissions on the shared grid.
pub struct RoleGrid;

impl GridPage for RoleGrid {
    fn grid(conn: &mut PgConnection, access: &Access, id: Uuid) -> Result<Grid, AppError> {
        find_role(conn, id)?;
        let grantee = Grantee::Role(id);
        Ok(Grid {
            grantee,
            page_url: format!("/admin/roles/{id}"),
            own: grantee.grants(conn)?,
            inherited: PermissionSet::default(),
            changeable: if may_edit_roles(access, Action::Update) {
                PermissionSet::everything()
            } else {
                PermissionSet::default()
            },
        })
    }

    async fn refused(
        page: &Page,
        state: &AppState,
        id: Uuid,
        reason: String,
    ) -> Result<HttpResponse, AppError> {
        role_page(page, state, id, StatusCode::CONFLICT, None, Some(reason)).await
    }
}

async fn delete_role(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    require_role_editor(&page.access, Action::Delete)?;
    let id = id.into_inner();
    let by = page.access.user_id;
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let role = find_role(conn, id)?;
            if role.builtin() {
                return Ok(Err(format!(
                    "“{}” comes with Homeroom and cannot be deleted. You can change its permissions instead.",
                    role.name
                )));
            }
            let holders = users_per_role(conn, None)?.get(&id).copied().unwrap_or(0);
            if holders > 0 {
                return Ok(Err(format!(
                    "“{}” cannot be deleted while {holders} {} it. Give them another role first.",
                    role.name,
                    if holders == 1 { "user has" } else { "users have" }
                )));
            }
            let now = Utc::now();
            diesel::update(
                roles_permissions::table
                    .filter(roles_permissions::role_id.eq(id))
                    .filter(roles_permissions::deleted_at.is_null()),
            )
            .set(roles_permissions::deleted_at.eq(now))
            .execute(conn)?;
            diesel::update(roles::table.find(id))
                .set((roles::deleted_at.eq(now), roles::updated_by_id.eq(by)))
                .execute(conn)?;
            Ok::<_, AppError>(Ok(role.name))
        })
    })
    .await?;
    match outcome {
        Ok(name) => {
            flash::push(&session, Level::Success, format!("Role “{name}” deleted."));
            Ok(see_other("/admin/roles"))
        }
        Err(reason) => role_page(&page, &state, id, StatusCode::CONFLICT, None, Some(reason)).await,
    }
}

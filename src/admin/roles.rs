//! `/admin/roles`: the install's roles, their users and their permissions.
//!
//! Roles belong to no organization, so a change reaches every school of the
//! install: anyone with READ_ROLES may look, but only users with global access
//! create, change or delete roles.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::forms;
use super::grid::{self, Grantee, Grid, GridPage, GridView};
use super::queries::{self, RoleInput, RoleRow};
use super::requires;
use crate::access::roles::BuiltinRole;
use crate::access::{
    Access, Action, Entity, MenuEntry, MenuGroup, Permission, PermissionSet, Routes,
};
use crate::db::{Tenant, UserId};
use crate::files;
use crate::forms::Guard;
use crate::forms::once::{self, Once, Owner};
use crate::i18n::{Lang, msg};
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
        group: MenuGroup::Administration,
        order: 81,
        label: "nav-roles",
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

impl RoleRow {
    /// Seeded with the install; it can be changed but not deleted.
    pub fn builtin(&self) -> bool {
        BuiltinRole::ALL
            .iter()
            .any(|r| self.import_hash.as_deref() == Some(r.import_hash().as_str()))
    }
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
    let (rows, here, everywhere) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            Ok((
                queries::live_roles(tenant.conn())?,
                queries::users_per_role_here(tenant)?,
                queries::users_per_role_everywhere(tenant.conn())?,
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
        layout: page.layout(page.t.text("admin-roles-title")),
        roles,
        may_create: may_edit_roles(&page.access, Action::Create),
        global: page.access.global_access,
    })
}

const NAME_TAKEN: &str = msg("admin-role-name-taken");

/// A role's name, description and MFA requirement as typed, for the form.
#[derive(Deserialize, Default)]
struct RoleForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    require_mfa: Option<String>,
    /// A new role's one-time token.
    #[serde(default)]
    form_token: String,
}

impl RoleForm {
    fn of(role: &RoleRow) -> RoleForm {
        RoleForm {
            name: role.name.clone(),
            description: role.description.clone().unwrap_or_default(),
            require_mfa: role.require_mfa.then(|| "on".to_owned()),
            form_token: String::new(),
        }
    }

    /// The input, or a message per field; `except` is the role being renamed.
    fn parse(
        &self,
        conn: &mut PgConnection,
        t: Lang,
        except: Option<Uuid>,
    ) -> QueryResult<Result<RoleInput, FieldErrors>> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", forms::required(t, &self.name, forms::ROLE_NAME, 60));
        let description = errors.check(
            "description",
            forms::optional(t, &self.description, forms::ROLE_DESCRIPTION, 300),
        );
        if let Some(name) = &name
            && queries::role_name_taken(conn, name, except)?
        {
            errors.add("name", t.text(NAME_TAKEN));
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

/// Writes a usable form with `save`; a name taken meanwhile becomes a field error too.
fn save_role<T>(
    conn: &mut PgConnection,
    (values, t): (&RoleForm, Lang),
    except: Option<Uuid>,
    save: impl FnOnce(&mut PgConnection, &RoleInput) -> QueryResult<T>,
) -> Result<Result<T, FieldErrors>, AppError> {
    let input = match values.parse(conn, t, except)? {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    match save(conn, &input) {
        Ok(saved) => Ok(Ok(saved)),
        Err(e) if forms::is_unique_violation(&e) => {
            let mut errors = FieldErrors::default();
            errors.add("name", t.text(NAME_TAKEN));
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
    guard: Guard,
}

async fn new_role(page: Page) -> Result<HttpResponse, AppError> {
    require_role_editor(&page.access, Action::Create)?;
    render(&NewRolePage {
        layout: page.layout(page.t.text("admin-role-new-title")),
        values: RoleForm::default(),
        errors: FieldErrors::default(),
        guard: Guard::token_only(""),
    })
}

/// Creates the role once per form token: its id, or the form's messages.
fn create_role_once(
    conn: &mut PgConnection,
    values: &RoleForm,
    (access, t): (&Access, Lang),
) -> Result<Once<Result<Uuid, FieldErrors>>, AppError> {
    let by = UserId::new(access.user_id);
    once::create_once(
        conn,
        Some(Owner::signed_in(access)),
        once::usable(&values.form_token),
        |conn| {
            save_role(conn, (values, t), None, |c, input| {
                queries::insert_role(c, input, by)
            })
        },
        |made| made.as_ref().ok().map(|id| format!("/admin/roles/{id}")),
    )
}

async fn create_role(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    require_role_editor(&page.access, Action::Create)?;
    let (values, access, t) = (form.into_inner(), page.access.clone(), page.t);
    // Roles are install-wide: no organization's row-level security applies.
    let (values, outcome) = crate::web::db::run(&state.pool, move |conn| {
        let outcome = create_role_once(conn, &values, (&access, t))?;
        Ok((values, outcome))
    })
    .await?;
    match outcome {
        Once::AlreadySaved(role) => Ok(once::already_saved(&session, &role, page.t)),
        Once::Created(Ok(id)) => {
            let name = values.name.trim();
            let message = t
                .message("admin-role-created")
                .arg("name", name)
                .to_string();
            flash::push(&session, Level::Success, message);
            Ok(see_other(&format!("/admin/roles/{id}")))
        }
        Once::Created(Err(errors)) => render_as(
            &NewRolePage {
                layout: page.layout(t.text("admin-role-new-title")),
                guard: Guard::token_only(&values.form_token),
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
    /// The school's guide for this role, and the upload form for those who may change roles.
    guide: Vec<files::StoredFile>,
    guide_upload: Option<files::routes::UploadField>,
    /// This page, where removing a guide comes back to.
    here: String,
}

/// What the role page shows besides the role itself.
struct RoleDetails {
    role: RoleRow,
    grid: Grid,
    users_here: i64,
    users_everywhere: i64,
    guide: Vec<files::StoredFile>,
}

fn role_details(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: Uuid,
) -> Result<RoleDetails, AppError> {
    let role = queries::find_role(tenant.conn(), id)?;
    let grid = RoleGrid::grid(tenant, access, id)?;
    let holders = |counts: std::collections::HashMap<Uuid, i64>| counts.get(&id).copied();
    let guide = files::files_of(tenant, files::EntityKind::Role, id)?;
    Ok(RoleDetails {
        guide,
        users_here: holders(queries::users_per_role_here(tenant)?).unwrap_or(0),
        users_everywhere: holders(queries::users_per_role_everywhere(tenant.conn())?).unwrap_or(0),
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
    let details = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        role_details(tenant, &access, id)
    })
    .await?;
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
            grid: details.grid.view(page.t),
            role: details.role,
            values,
            errors,
            notice,
            guide: details.guide,
            here: format!("/admin/roles/{id}"),
            guide_upload: page
                .access
                .can(Permission::new(Action::Update, Entity::Roles))
                .then(|| {
                    files::routes::UploadField::new(
                        &page.access,
                        &state.settings,
                        files::EntityKind::Role,
                        id,
                        format!("/admin/roles/{id}"),
                        page.t,
                    )
                }),
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
    let (by, t) = (UserId::new(page.access.user_id), page.t);
    // Roles are install-wide: no organization's row-level security applies.
    let (values, outcome) = crate::web::db::run(&state.pool, move |conn| {
        queries::find_role(conn, id)?;
        let outcome = save_role(conn, (&values, t), Some(id), |conn, input| {
            queries::update_role(conn, id, input, by)
        })?;
        Ok((values, outcome))
    })
    .await?;
    match outcome {
        Ok(_) => {
            flash::push(&session, Level::Success, t.text("admin-role-saved"));
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
    fn grid(tenant: &mut Tenant<'_>, access: &Access, id: Uuid) -> Result<Grid, AppError> {
        queries::find_role(tenant.conn(), id)?;
        let grantee = Grantee::Role(id);
        Ok(Grid {
            grantee,
            page_url: format!("/admin/roles/{id}"),
            own: grantee.grants(tenant.conn())?,
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
    let (by, t) = (UserId::new(page.access.user_id), page.t);
    // Roles are install-wide: no organization's row-level security applies.
    let outcome = crate::web::db::run(&state.pool, move |conn| {
        conn.transaction(|conn| delete_unused(conn, t, id, by))
    })
    .await?;
    match outcome {
        Ok(name) => {
            let message = t
                .message("admin-role-deleted")
                .arg("name", &name)
                .to_string();
            flash::push(&session, Level::Success, message);
            Ok(see_other("/admin/roles"))
        }
        Err(reason) => role_page(&page, &state, id, StatusCode::CONFLICT, None, Some(reason)).await,
    }
}

/// Deletes a role nobody holds that did not come with Homeroom; its name, or why not.
fn delete_unused(
    conn: &mut PgConnection,
    t: Lang,
    id: Uuid,
    by: UserId,
) -> Result<Result<String, String>, AppError> {
    let role = queries::find_role(conn, id)?;
    if role.builtin() {
        return Ok(Err(t
            .message("admin-role-builtin")
            .arg("name", &role.name)
            .to_string()));
    }
    let holders = queries::users_per_role_everywhere(conn)?
        .get(&id)
        .copied()
        .unwrap_or(0);
    if holders > 0 {
        return Ok(Err(t
            .message("admin-role-held")
            .arg("name", &role.name)
            .arg("count", holders)
            .to_string()));
    }
    queries::delete_role(conn, id, by)?;
    Ok(Ok(role.name))
}

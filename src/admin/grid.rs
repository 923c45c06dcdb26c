//! The permission grid: entities down the side, create/read/update/delete across.
//! One grid serves roles (`roles_permissions`) and users' own extra permissions
//! (`users_custom_permissions`). Each box saves on its own through htmx, and the
//! whole grid also posts as one plain form.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use uuid::Uuid;

use super::queries::{permission_ids, role_grants, user_grants};
use super::safeguards::{ChangeError, guarded};
use crate::access::catalog::EntityGroup;
use crate::access::{Access, Action, Permission, PermissionSet};
use crate::db::{Tenant, UserId};
use crate::i18n::{Lang, msg};
use crate::state::AppState;
use crate::web::error::{AppError, Refusal};
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::Page;
use crate::web::{htmx, render, see_other};

/// Whose permissions the grid shows.
#[derive(Clone, Copy, Debug)]
pub enum Grantee {
    Role(Uuid),
    User(Uuid),
}

impl Grantee {
    /// What this role or user is granted directly.
    pub fn grants(self, conn: &mut PgConnection) -> QueryResult<PermissionSet> {
        let names = match self {
            Grantee::Role(id) => role_grants::load(conn, id)?,
            Grantee::User(id) => user_grants::load(conn, id)?,
        };
        Ok(names.iter().filter_map(|n| Permission::parse(n)).collect())
    }

    fn change(
        self,
        conn: &mut PgConnection,
        added: &[Uuid],
        removed: &[Uuid],
        by: UserId,
    ) -> QueryResult<()> {
        match self {
            Grantee::Role(id) => {
                role_grants::grant(conn, id, added, by)?;
                role_grants::revoke(conn, id, removed)?;
            }
            Grantee::User(id) => {
                user_grants::grant(conn, id, added, by)?;
                user_grants::revoke(conn, id, removed)?;
            }
        }
        Ok(())
    }
}

/// One grid as the editor may see and change it.
pub struct Grid {
    pub grantee: Grantee,
    /// The page the grid sits on; it posts to `{page_url}/permissions`.
    pub page_url: String,
    /// Granted directly to the grantee.
    pub own: PermissionSet,
    /// Held anyway through the user's role: shown ticked, not changeable here.
    pub inherited: PermissionSet,
    /// The boxes this editor may change.
    pub changeable: PermissionSet,
}

/// A posted grid: every ticked box, and for a single htmx toggle the box that changed.
pub struct GridChange {
    ticked: PermissionSet,
    only: Option<Permission>,
}

impl GridChange {
    pub fn from_form(fields: &[(String, String)]) -> Result<GridChange, AppError> {
        let parse = |name: &str| {
            Permission::parse(name)
                .ok_or_else(|| AppError::Refused(Refusal::new(msg("admin-permission-unknown"))))
        };
        let mut ticked = PermissionSet::default();
        let mut only = None;
        for (field, value) in fields {
            match field.as_str() {
                "permission" => ticked.insert(parse(value)?),
                "toggle" => only = Some(parse(value)?),
                _ => {}
            }
        }
        Ok(GridChange { ticked, only })
    }
}

impl Grid {
    fn url(&self) -> String {
        format!("{}/permissions", self.page_url)
    }

    /// The grants after the change: posted boxes the editor may change, stored state elsewhere.
    fn desired(&self, change: &GridChange) -> Result<PermissionSet, AppError> {
        let in_scope = |p: Permission| change.only.is_none_or(|only| only == p);
        let refused = match change.only {
            Some(p) => !self.changeable.contains(p),
            None => self.changeable.is_empty(),
        };
        if refused {
            return Err(AppError::Forbidden);
        }
        Ok(Permission::all()
            .filter(|&p| {
                if in_scope(p) && self.changeable.contains(p) {
                    change.ticked.contains(p)
                } else {
                    self.own.contains(p)
                }
            })
            .collect())
    }

    fn write(
        &self,
        conn: &mut PgConnection,
        desired: &PermissionSet,
        by: UserId,
    ) -> QueryResult<()> {
        let names = |set: &PermissionSet, other: &PermissionSet| -> Vec<String> {
            set.iter()
                .filter(|p| !other.contains(*p))
                .map(Permission::name)
                .collect()
        };
        let added = permission_ids(conn, &names(desired, &self.own))?;
        let removed = permission_ids(conn, &names(&self.own, desired))?;
        self.grantee.change(conn, &added, &removed, by)
    }

    fn cell(
        &self,
        t: Lang,
        permission: Permission,
        saved: bool,
        error: Option<String>,
    ) -> GridCell {
        let records = permission.entity.label_in(t).to_lowercase();
        GridCell {
            t,
            name: permission.name(),
            label: t
                .message(msg("admin-permission-label"))
                .arg("action", action_name(permission.action))
                .arg("records", &records)
                .to_string(),
            url: self.url(),
            checked: self.own.contains(permission) || self.inherited.contains(permission),
            inherited: self.inherited.contains(permission),
            editable: self.changeable.contains(permission),
            saved,
            error,
        }
    }

    /// The grid for a page.
    pub fn view(&self, t: Lang) -> GridView {
        let groups = EntityGroup::ALL
            .iter()
            .map(|&group| GridGroup {
                label: t.text(group_label(group)),
                rows: group
                    .entities()
                    .map(|entity| GridRow {
                        label: entity.label_in(t),
                        cells: Action::ALL
                            .iter()
                            .map(|&a| self.cell(t, Permission::new(a, entity), false, None))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        GridView {
            t,
            url: self.url(),
            groups,
            editable: !self.changeable.is_empty(),
            inherits: !self.inherited.is_empty(),
        }
    }
}

/// The action as `admin-permission-label` chooses its wording.
fn action_name(action: Action) -> &'static str {
    match action {
        Action::Create => "create",
        Action::Read => "read",
        Action::Update => "update",
        Action::Delete => "delete",
    }
}

/// The heading of a group of records in the grid (a message id).
fn group_label(group: EntityGroup) -> &'static str {
    match group {
        EntityGroup::People => msg("admin-group-people"),
        EntityGroup::Academics => msg("admin-group-academics"),
        EntityGroup::Attendance => msg("admin-group-attendance"),
        EntityGroup::Finance => msg("admin-group-finance"),
        EntityGroup::Communication => msg("admin-group-communication"),
        EntityGroup::Modules => msg("admin-group-modules"),
        EntityGroup::System => msg("admin-group-system"),
    }
}

pub struct GridView {
    pub t: Lang,
    pub url: String,
    pub groups: Vec<GridGroup>,
    /// Whether any box can be changed, so the grid offers its Save button.
    pub editable: bool,
    /// Whether some boxes come from the user's role, so the grid explains them.
    pub inherits: bool,
}

pub struct GridGroup {
    pub label: String,
    pub rows: Vec<GridRow>,
}

pub struct GridRow {
    pub label: String,
    pub cells: Vec<GridCell>,
}

pub struct GridCell {
    pub t: Lang,
    pub name: String,
    pub label: String,
    pub url: String,
    pub checked: bool,
    pub inherited: bool,
    pub editable: bool,
    pub saved: bool,
    pub error: Option<String>,
}

/// One box, answered to an htmx toggle; the grid includes the same template.
#[derive(Template)]
#[template(path = "admin/permission_cell.html")]
struct CellFragment {
    cell: GridCell,
}

/// A page with a permission grid: its grid, and the page again when a change is refused.
pub trait GridPage: 'static {
    /// The grid of role or user `id` as this editor may change it; not found if out of reach.
    fn grid(tenant: &mut Tenant<'_>, access: &Access, id: Uuid) -> Result<Grid, AppError>;

    fn refused(
        page: &Page,
        state: &AppState,
        id: Uuid,
        reason: String,
    ) -> impl Future<Output = Result<HttpResponse, AppError>>;
}

/// Writes the change if the editor may make it; the grid after it, or as stored with
/// the reason it was refused.
fn save<P: GridPage>(
    tenant: &mut Tenant<'_>,
    (access, t): (&Access, Lang),
    id: Uuid,
    change: GridChange,
) -> Result<(Grid, Option<String>), AppError> {
    let by = UserId::new(access.user_id);
    let outcome = guarded(tenant, access, t, |tenant| {
        let grid = P::grid(tenant, access, id)?;
        let desired = grid.desired(&change)?;
        grid.write(tenant.conn(), &desired, by)
            .map_err(ChangeError::from)?;
        Ok(Grid {
            own: desired,
            ..grid
        })
    })?;
    match outcome {
        Ok(grid) => Ok((grid, None)),
        Err(reason) => Ok((P::grid(tenant, access, id)?, Some(reason))),
    }
}

/// Saves a posted grid: a toggle gets its box back, a whole grid a redirect; refusals say why.
pub async fn post<P: GridPage>(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let change = GridChange::from_form(&form)?;
    let toggled = change.only.filter(|_| htmx::wants_fragment(&req));
    let (access, t) = (page.access.clone(), page.t);
    let (grid, refusal) = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        save::<P>(tenant, (&access, t), id, change)
    })
    .await?;
    if let Some(permission) = toggled {
        let cell = grid.cell(t, permission, refusal.is_none(), refusal);
        return render(&CellFragment { cell });
    }
    match refusal {
        Some(reason) => P::refused(&page, &state, id, reason).await,
        None => {
            flash::push(&session, Level::Success, t.text("admin-permissions-saved"));
            Ok(see_other(&grid.page_url))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Entity;

    fn grid(own: &[Permission], changeable: PermissionSet) -> Grid {
        Grid {
            grantee: Grantee::Role(Uuid::nil()),
            page_url: "/admin/roles/x".to_owned(),
            own: own.iter().copied().collect(),
            inherited: PermissionSet::default(),
            changeable,
        }
    }

    fn form(fields: &[(&str, &str)]) -> GridChange {
        let owned: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        GridChange::from_form(&owned).expect("a valid grid form")
    }

    const READ_STUDENTS: Permission = Permission::new(Action::Read, Entity::Students);
    const READ_GRADES: Permission = Permission::new(Action::Read, Entity::Grades);

    #[test]
    fn a_toggle_changes_only_its_own_box() {
        let g = grid(&[READ_GRADES], PermissionSet::everything());
        // The form also carries every other ticked box; only the toggled one counts.
        let on = g
            .desired(&form(&[
                ("toggle", "READ_STUDENTS"),
                ("permission", "READ_STUDENTS"),
            ]))
            .expect("allowed");
        assert!(on.contains(READ_STUDENTS) && on.contains(READ_GRADES));
        let off = g
            .desired(&form(&[("toggle", "READ_GRADES")]))
            .expect("allowed");
        assert!(off.is_empty());
    }

    #[test]
    fn the_whole_form_replaces_only_what_the_editor_may_change() {
        let mine: PermissionSet = [READ_STUDENTS].into_iter().collect();
        let g = grid(&[READ_GRADES], mine);
        let after = g
            .desired(&form(&[("permission", "READ_STUDENTS")]))
            .expect("allowed");
        assert!(after.contains(READ_STUDENTS));
        assert!(
            after.contains(READ_GRADES),
            "a box out of reach keeps its state"
        );
        assert!(matches!(
            g.desired(&form(&[("toggle", "READ_GRADES")])),
            Err(AppError::Forbidden)
        ));
    }

    #[test]
    fn a_read_only_grid_refuses_every_change() {
        let g = grid(&[], PermissionSet::default());
        assert!(matches!(
            g.desired(&form(&[("permission", "READ_STUDENTS")])),
            Err(AppError::Forbidden)
        ));
    }

    #[test]
    fn unknown_permissions_are_a_bad_request() {
        let fields = vec![("permission".to_owned(), "FLY_STUDENTS".to_owned())];
        assert!(matches!(
            GridChange::from_form(&fields),
            Err(AppError::Refused(_))
        ));
    }
}

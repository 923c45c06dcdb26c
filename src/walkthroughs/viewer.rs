//! The signed-in person as the walkthrough pages see them: whose visits the pages
//! are shaped around, and what they may do.

use uuid::Uuid;

use super::models::Walkthrough;
use super::queries;
use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use diesel::QueryResult;

/// Which walkthroughs a person may read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Administrators, and directors who lead the whole school (no campus of their own).
    Organization,
    /// A campus director: their campus, and any visit they wrote themselves.
    Campus(Uuid),
    /// Someone who records walkthroughs without a staff record: what they wrote.
    Authored,
    /// A teacher: the visits to their own classrooms.
    Observed(Vec<Uuid>),
}

/// The signed-in person as the walkthrough pages need them.
pub struct Viewer {
    pub user_id: Uuid,
    pub name: String,
    /// Their own staff record (the first, when they have several).
    pub staff_id: Option<Uuid>,
    pub staff_ids: Vec<Uuid>,
    pub scope: Scope,
    pub may_create: bool,
    pub may_delete: bool,
}

impl Viewer {
    pub fn load(tenant: &mut Tenant<'_>, access: &Access) -> QueryResult<Viewer> {
        let own = queries::own_staff(tenant, access.user_id)?;
        let may = |action| access.can(Permission::new(action, Entity::WalkthroughCheckins));
        let may_create = may(Action::Create);
        let may_delete = may(Action::Delete);
        let scope = if may_delete || access.global_access {
            Scope::Organization
        } else if may_create {
            match own.first() {
                Some((_, Some(campus))) => Scope::Campus(*campus),
                Some((_, None)) => Scope::Organization,
                None => Scope::Authored,
            }
        } else {
            Scope::Observed(own.iter().map(|(id, _)| *id).collect())
        };
        Ok(Viewer {
            user_id: access.user_id,
            name: access.display_name.clone(),
            staff_id: own.first().map(|(id, _)| *id),
            staff_ids: own.iter().map(|(id, _)| *id).collect(),
            scope,
            may_create,
            may_delete,
        })
    }

    /// The one campus this person works in, when their reach is a campus.
    pub fn campus(&self) -> Option<Uuid> {
        match self.scope {
            Scope::Campus(c) => Some(c),
            _ => None,
        }
    }

    /// Directors and administrators look at others' visits; teachers at their own.
    pub fn is_observer(&self) -> bool {
        !matches!(self.scope, Scope::Observed(_))
    }

    pub fn is_observed(&self, w: &Walkthrough) -> bool {
        w.teacher_id.is_some_and(|t| self.staff_ids.contains(&t))
    }
}

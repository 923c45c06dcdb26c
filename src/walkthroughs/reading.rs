//! Reading one walkthrough: the visit with who is looking at it, the observed
//! teacher's acknowledgement, and deleting it.

use uuid::Uuid;

use super::models::{AreaNames, Walkthrough};
use super::queries;
use super::viewer::Viewer;
use crate::access::Access;
use crate::db::Tenant;
use crate::web::error::AppError;

/// A visit, and who is looking at it.
pub struct Detail {
    pub w: Walkthrough,
    pub viewer: Viewer,
    pub areas: AreaNames,
}

/// A visit the viewer may read, or not found.
pub fn detail(tenant: &mut Tenant<'_>, access: &Access, id: Uuid) -> Result<Detail, AppError> {
    let viewer = Viewer::load(tenant, access)?;
    let w = queries::find(tenant, id)?;
    let areas = AreaNames::load(tenant)?;
    Ok(Detail { w, viewer, areas })
}

/// What became of a teacher's acknowledgement.
pub enum Acknowledged {
    Done,
    /// It had been acknowledged before; nothing changed.
    Already,
    /// The reply was not valid (the message says why); nothing changed.
    Refused(Box<Detail>, String),
}

/// The observed teacher acknowledges a visit, with the reply as checked; others
/// are forbidden.
pub fn acknowledge(
    tenant: &mut Tenant<'_>,
    access: &Access,
    id: Uuid,
    reply: Result<Option<String>, String>,
) -> Result<Acknowledged, AppError> {
    let detail = detail(tenant, access, id)?;
    if !detail.viewer.is_observed(&detail.w) {
        return Err(AppError::Forbidden);
    }
    if detail.w.acknowledged_at.is_some() {
        return Ok(Acknowledged::Already);
    }
    match reply {
        Ok(reply) => {
            queries::acknowledge(tenant, id, reply.as_deref())?;
            Ok(Acknowledged::Done)
        }
        Err(message) => Ok(Acknowledged::Refused(Box::new(detail), message)),
    }
}

/// Deletes a visit the viewer may read (the route's permission says who may).
pub fn delete(tenant: &mut Tenant<'_>, id: Uuid) -> Result<(), AppError> {
    queries::find(tenant, id)?;
    queries::soft_delete(tenant, id)?;
    Ok(())
}

//! The list of walkthroughs: one page of the visits a person may read, and the
//! choices of its filters.

use uuid::Uuid;

use super::models::Walkthrough;
use super::queries::{self, CampusRow, ListFilter};
use super::viewer::Viewer;
use crate::access::Access;
use crate::db::Tenant;
use diesel::QueryResult;

pub struct Listing {
    pub viewer: Viewer,
    /// The page's visits, newest first.
    pub rows: Vec<Walkthrough>,
    /// Whether another page follows.
    pub more: bool,
    /// The filters' choices: empty for a teacher, or when only the rows are wanted.
    pub campuses: Vec<CampusRow>,
    pub teachers: Vec<(Uuid, String)>,
    pub directors: Vec<(Uuid, String)>,
}

/// One page of the list; with `choices`, the filters' choices as well.
pub fn listing(
    tenant: &mut Tenant<'_>,
    access: &Access,
    filter: &ListFilter,
    choices: bool,
) -> QueryResult<Listing> {
    let viewer = Viewer::load(tenant, access)?;
    let (rows, more) = queries::search(tenant, filter)?;
    let (campuses, teachers, directors) = if choices && viewer.is_observer() {
        (
            queries::campuses_in_reach(tenant, &viewer)?,
            queries::teachers_seen(tenant)?,
            queries::directors_seen(tenant)?,
        )
    } else {
        Default::default()
    };
    Ok(Listing {
        viewer,
        rows,
        more,
        campuses,
        teachers,
        directors,
    })
}

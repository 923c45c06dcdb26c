//! Organizations as a whole: the tenants themselves, install-wide rows without an
//! organization of their own. Read without row-level security, by sign-in and by
//! users with global access choosing where to act.

use diesel::prelude::*;

use crate::db::OrganizationId;
use crate::db::schema::organizations;

/// The organizations that are not deleted: the base of every organization query.
#[diesel::dsl::auto_type]
pub fn live_organizations() -> _ {
    organizations::table.filter(organizations::deleted_at.is_null())
}

/// Every live organization's id and name, by name.
pub fn organization_names(conn: &mut PgConnection) -> QueryResult<Vec<(OrganizationId, String)>> {
    live_organizations()
        .order(organizations::name.asc())
        .select((organizations::id, organizations::name))
        .load(conn)
}

/// A live organization's name, or `None`.
pub fn organization_name(
    conn: &mut PgConnection,
    id: OrganizationId,
) -> QueryResult<Option<String>> {
    live_organizations()
        .filter(organizations::id.eq(id))
        .select(organizations::name)
        .first(conn)
        .optional()
}

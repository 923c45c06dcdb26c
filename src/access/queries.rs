//! Organizations as a whole: the tenants themselves, install-wide rows without an
//! organization of their own. Read without row-level security, by sign-in and by
//! users with global access choosing where to act.

use diesel::prelude::*;

use crate::db::schema::organizations;
use crate::db::{OrganizationId, Tenant};

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

/// The language of the tenant's school, for those who chose none; `None` leaves it
/// to each browser.
pub fn set_school_language(tenant: &mut Tenant<'_>, language: Option<&str>) -> QueryResult<()> {
    let id = tenant.organization();
    let by = tenant.user();
    diesel::update(live_organizations().filter(organizations::id.eq(id)))
        .set((
            organizations::language.eq(language),
            organizations::updated_by_id.eq(by),
        ))
        .execute(tenant.conn())?;
    Ok(())
}

/// The first day of the tenant's school week: an ISO weekday, 1 Monday … 7 Sunday.
pub fn set_week_start(tenant: &mut Tenant<'_>, week_start: i16) -> QueryResult<()> {
    let id = tenant.organization();
    let by = tenant.user();
    diesel::update(live_organizations().filter(organizations::id.eq(id)))
        .set((
            organizations::week_start.eq(week_start),
            organizations::updated_by_id.eq(by),
        ))
        .execute(tenant.conn())?;
    Ok(())
}

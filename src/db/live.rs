//! The base of every read of a school's table: its rows in one organization that are
//! not deleted. Each domain declares the bases of the tables it owns with
//! [`live_rows!`](crate::live_rows), and builds its queries on them.

/// For each table named, a module of the same name with:
/// - `live(tenant)`: the table's rows in the tenant's organization, not deleted;
/// - `is_live(organization)`: the same as a condition, for a joined table's `ON` or
///   a `filter` over a join.
///
/// ```ignore
/// crate::live_rows!(campuses, staff);
/// let names = campuses::live(tenant).select(schema::campuses::name).load(tenant.conn())?;
/// ```
#[macro_export]
macro_rules! live_rows {
    ($($table:ident),+ $(,)?) => {
        $(
            #[allow(dead_code)]
            pub mod $table {
                use diesel::prelude::*;

                use $crate::db::schema::$table as t;
                use $crate::db::{OrganizationId, Tenant};

                /// This table's rows in `organization` that are not deleted.
                #[diesel::dsl::auto_type]
                pub fn is_live(organization: OrganizationId) -> _ {
                    t::organization_id.eq(organization).and(t::deleted_at.is_null())
                }

                /// This table's rows in the tenant's organization that are not deleted.
                #[diesel::dsl::auto_type(no_type_alias)]
                pub fn live(tenant: &Tenant<'_>) -> _ {
                    let condition: is_live = is_live(tenant.organization());
                    t::table.filter(condition)
                }
            }
        )+
    };
}

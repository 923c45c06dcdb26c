//! The link between a staff record and its sign-in account (`staff.user_id`): who is
//! linked, who could be, and the link itself. A user of the organization belongs to
//! at most one live staff record (a unique index, migration `…000090_staff_accounts`).

use diesel::prelude::*;
use uuid::Uuid;

use crate::admin::queries::users;
use crate::db::enums::{StaffStatus, StaffType};
use crate::db::{Tenant, schema};
use crate::school::queries::staff;

/// A staff record as far as its account is concerned.
#[derive(Queryable)]
pub struct StaffMember {
    pub id: Uuid,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub staff_type: StaffType,
    pub user_id: Option<Uuid>,
}

impl StaffMember {
    pub fn name(&self) -> String {
        crate::access::display_name(
            self.first_name.as_deref(),
            self.last_name.as_deref(),
            self.email.as_deref().unwrap_or_default(),
        )
    }
}

/// The organization's live staff records; the base of every read here.
#[diesel::dsl::auto_type(no_type_alias)]
fn members(tenant: &Tenant<'_>) -> _ {
    let live: staff::is_live = staff::is_live(tenant.organization());
    schema::staff::table
        .filter(live)
        .select((
            schema::staff::id,
            schema::staff::first_name,
            schema::staff::last_name,
            schema::staff::email,
            schema::staff::staff_type,
            schema::staff::user_id,
        ))
        .order((
            schema::staff::last_name,
            schema::staff::first_name,
            schema::staff::id,
        ))
}

/// A live staff record of the organization, or not found.
pub fn find(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<StaffMember> {
    members(tenant)
        .filter(schema::staff::id.eq(id))
        .first(tenant.conn())
}

/// The live staff record a user is linked to, if any.
pub fn of_user(tenant: &mut Tenant<'_>, user: Uuid) -> QueryResult<Option<StaffMember>> {
    members(tenant)
        .filter(schema::staff::user_id.eq(user))
        .first(tenant.conn())
        .optional()
}

/// Live staff records with no account, working or on leave: those an account may be given.
pub fn without_account(tenant: &mut Tenant<'_>) -> QueryResult<Vec<StaffMember>> {
    members(tenant)
        .filter(schema::staff::user_id.is_null())
        .filter(schema::staff::status.ne(StaffStatus::Inactive))
        .load(tenant.conn())
}

/// When a staff import ran and who ran it: start, end (once finished), importer.
type ImportRun = (
    chrono::DateTime<chrono::Utc>,
    Option<chrono::DateTime<chrono::Utc>>,
    Option<Uuid>,
);

/// The staff records without an account that the finished staff import `log` added or
/// changed: written by its importer while it ran (its rows share the run's one
/// transaction, so their `updated_at` lies between its start and its end).
pub fn without_account_from_import(
    tenant: &mut Tenant<'_>,
    log: Uuid,
) -> QueryResult<Vec<StaffMember>> {
    use schema::sync_logs as l;
    let run: Option<ImportRun> = l::table
        .filter(l::id.eq(log))
        .filter(l::sync_type.eq("import:staff"))
        .filter(l::organization_id.eq(tenant.organization().uuid()))
        .select((l::started_at, l::completed_at, l::created_by_id))
        .first(tenant.conn())
        .optional()?;
    let Some((started, Some(completed), Some(by))) = run else {
        return Ok(Vec::new());
    };
    members(tenant)
        .filter(schema::staff::user_id.is_null())
        .filter(schema::staff::status.ne(StaffStatus::Inactive))
        .filter(schema::staff::updated_by_id.eq(by))
        .filter(schema::staff::updated_at.between(started, completed))
        .load(tenant.conn())
}

/// A user who may be linked to a staff record: `(id, name, e-mail)`.
pub struct Unlinked {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

/// Live users of the organization that no live staff record points at.
pub fn users_without_staff(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Unlinked>> {
    use schema::users as u;
    let linked = staff::live(tenant)
        .filter(schema::staff::user_id.is_not_null())
        .select(schema::staff::user_id.assume_not_null());
    let rows: Vec<(Uuid, Option<String>, Option<String>, String)> = users::live(tenant)
        .filter(u::id.ne_all(linked))
        .order((u::last_name, u::first_name, u::email))
        .select((u::id, u::first_name, u::last_name, u::email))
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(|(id, first, last, email)| Unlinked {
            id,
            name: crate::access::display_name(first.as_deref(), last.as_deref(), &email),
            email,
        })
        .collect())
}

/// Points a live staff record at an account, or at none; the trail records who did it.
pub fn set_account(tenant: &mut Tenant<'_>, id: Uuid, user: Option<Uuid>) -> QueryResult<usize> {
    use schema::staff as s;
    let by = tenant.user();
    diesel::update(staff::live(tenant).filter(s::id.eq(id)))
        .set((s::user_id.eq(user), s::updated_by_id.eq(by)))
        .execute(tenant.conn())
}

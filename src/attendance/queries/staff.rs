//! Staff attendance's reads and writes: the signed-in person's staff record and day,
//! a campus's sheet, and the record a check-in or a mark writes.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::staff_attendance_records as records;
use crate::db::Tenant;
use crate::db::enums::{StaffAttendanceStatus, StaffStatus, StaffType};
use crate::db::schema::{campuses, staff, staff_attendance_records as sar};
use crate::school::queries as school;

/// A staff member as their attendance record names them.
#[derive(Queryable, Selectable)]
#[diesel(table_name = staff)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct StaffMember {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub campus_id: Option<Uuid>,
    #[diesel(select_expression = campuses::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<campuses::name>)]
    pub campus_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub job_title: Option<String>,
    pub staff_type: StaffType,
}

/// The staff record of the signed-in user that check-ins go to: a working one, the
/// one with a campus first.
pub fn my_staff(tenant: &mut Tenant<'_>) -> QueryResult<Option<StaffMember>> {
    let Some(user) = tenant.user() else {
        return Ok(None);
    };
    school::staff::live(tenant)
        .left_join(campuses::table)
        .filter(staff::user_id.eq(user.uuid()))
        .filter(staff::status.ne(StaffStatus::Inactive))
        .order((staff::campus_id.is_null().asc(), staff::created_at.asc()))
        .select(StaffMember::as_select())
        .first(tenant.conn())
        .optional()
}

/// A working staff member of `campus`.
pub fn on_campus(
    tenant: &mut Tenant<'_>,
    campus: Uuid,
    staff_id: Uuid,
) -> QueryResult<Option<StaffMember>> {
    school::staff::live(tenant)
        .left_join(campuses::table)
        .filter(staff::id.eq(staff_id))
        .filter(staff::campus_id.eq(campus))
        .filter(staff::status.ne(StaffStatus::Inactive))
        .select(StaffMember::as_select())
        .first(tenant.conn())
        .optional()
}

/// A staff member's record of `date`: the status and when they checked in.
pub fn day_of(
    tenant: &mut Tenant<'_>,
    staff_id: Uuid,
    date: NaiveDate,
) -> QueryResult<Option<(StaffAttendanceStatus, Option<DateTime<Utc>>)>> {
    records::live(tenant)
        .filter(sar::staff_id.eq(staff_id))
        .filter(sar::attendance_date.eq(date))
        .select((sar::status, sar::checked_in_at))
        .first(tenant.conn())
        .optional()
}

/// A campus of this organization, with its name.
pub fn campus(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<(Uuid, String)>> {
    school::campuses::live(tenant)
        .filter(campuses::id.eq(id))
        .select((campuses::id, campuses::name))
        .first(tenant.conn())
        .optional()
}

/// How many working staff each campus has (`None`: no campus).
pub fn staff_by_campus(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Option<Uuid>, i64)>> {
    school::staff::live(tenant)
        .filter(staff::status.ne(StaffStatus::Inactive))
        .group_by(staff::campus_id)
        .select((staff::campus_id, diesel::dsl::count_star()))
        .load(tenant.conn())
}

/// How many staff records each campus has on `date`.
pub fn marked_by_campus(
    tenant: &mut Tenant<'_>,
    date: NaiveDate,
) -> QueryResult<Vec<(Option<Uuid>, i64)>> {
    records::live(tenant)
        .filter(sar::attendance_date.eq(date))
        .group_by(sar::campus_id)
        .select((sar::campus_id, diesel::dsl::count_star()))
        .load(tenant.conn())
}

/// A line of a campus's sheet: a working staff member and their record of the day.
#[derive(Queryable)]
pub struct SheetRecord {
    pub id: Uuid,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub job_title: Option<String>,
    pub staff_type: StaffType,
    pub status: Option<StaffAttendanceStatus>,
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// The campus's working staff by name with their records of `date` (or only `only`).
pub fn sheet(
    tenant: &mut Tenant<'_>,
    campus: Uuid,
    date: NaiveDate,
    only: Option<Uuid>,
) -> QueryResult<Vec<SheetRecord>> {
    let organization = tenant.organization();
    let mut query = school::staff::live(tenant)
        .left_join(
            sar::table.on(records::is_live(organization)
                .and(sar::staff_id.eq(staff::id.nullable()))
                .and(sar::attendance_date.eq(date))),
        )
        .filter(staff::campus_id.eq(campus))
        .filter(staff::status.ne(StaffStatus::Inactive))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(staff::id.eq(id));
    }
    query
        .order((staff::last_name.asc(), staff::first_name.asc()))
        .select((
            staff::id,
            staff::first_name,
            staff::last_name,
            staff::job_title,
            staff::staff_type,
            sar::status.nullable(),
            sar::checked_in_at.nullable(),
        ))
        .load(tenant.conn())
}

#[derive(Insertable)]
#[diesel(table_name = sar)]
struct NewStaffRecord {
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    staff_id: Option<Uuid>,
    user_id: Option<Uuid>,
    attendance_date: NaiveDate,
    status: StaffAttendanceStatus,
    user_name: String,
    user_role: Option<String>,
    checked_in_at: Option<DateTime<Utc>>,
    created_by_id: Option<Uuid>,
    updated_by_id: Option<Uuid>,
}

/// A staff member's day as a check-in or a mark records it; `name` is how the
/// record names them.
pub struct StaffDay<'a> {
    pub who: &'a StaffMember,
    pub name: String,
    pub date: NaiveDate,
    pub status: StaffAttendanceStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
}

fn new_record(tenant: &Tenant<'_>, day: StaffDay) -> NewStaffRecord {
    let who = day.who;
    let by = tenant.user().map(|u| u.uuid());
    NewStaffRecord {
        organization_id: tenant.organization().uuid(),
        campus_id: who.campus_id,
        staff_id: Some(who.id),
        user_id: who.user_id,
        attendance_date: day.date,
        status: day.status,
        user_name: day.name,
        user_role: Some(
            who.job_title
                .clone()
                .unwrap_or_else(|| who.staff_type.label().to_owned()),
        ),
        checked_in_at: day.checked_in_at,
        created_by_id: by,
        updated_by_id: by,
    }
}

/// Records a check-in unless the day already has a record (the first stands);
/// returns whether it was recorded.
pub fn check_in(tenant: &mut Tenant<'_>, day: StaffDay) -> QueryResult<bool> {
    let record = new_record(tenant, day);
    let inserted = diesel::insert_into(sar::table)
        .values(record)
        .on_conflict((sar::staff_id, sar::attendance_date))
        .filter_target(sar::deleted_at.is_null())
        .do_nothing()
        .execute(tenant.conn())?;
    Ok(inserted == 1)
}

/// Marks a staff member's day on `campus`, changing a record already there.
pub fn mark(tenant: &mut Tenant<'_>, campus: Uuid, day: StaffDay) -> QueryResult<usize> {
    let status = day.status;
    let by = tenant.user().map(|u| u.uuid());
    let record = new_record(tenant, day);
    diesel::insert_into(sar::table)
        .values(record)
        .on_conflict((sar::staff_id, sar::attendance_date))
        .filter_target(sar::deleted_at.is_null())
        .do_update()
        .set((
            sar::status.eq(status),
            sar::campus_id.eq(campus),
            sar::updated_by_id.eq(by),
        ))
        .execute(tenant.conn())
}

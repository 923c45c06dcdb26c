//! The set-up questions: one query that asks, with a cheap `EXISTS` each, what of the
//! school's structure is there; and what a teacher's day needs.

use chrono::NaiveDate;
use diesel::dsl::exists;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::{ClassStatus, StaffStatus};
use crate::db::schema::{academic_years, class_subjects, classes, fee_plans, staff, timetables};
use crate::school::queries::{self as school, timetable_in_effect};

/// The base of a table whose domain has no queries module of its own yet: fee plans
/// (kept by the record engine).
mod bases {
    crate::live_rows!(fee_plans);
}

/// What of the school's structure exists on `today`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub campuses: bool,
    /// A year marked current, or one whose dates contain today.
    pub current_year: bool,
    pub grades: bool,
    pub subjects: bool,
    pub classes: bool,
    pub staff: bool,
    /// Active staff with no sign-in account linked.
    pub staff_without_sign_in: i64,
    pub students: bool,
    pub enrolments: bool,
    pub timetables: bool,
    /// A published timetable in force today.
    pub timetable_in_effect: bool,
    /// A period on a published timetable in force today.
    pub periods_in_effect: bool,
    pub fee_plans: bool,
}

type Row = (
    bool,
    bool,
    bool,
    bool,
    bool,
    bool,
    Option<i64>,
    bool,
    bool,
    bool,
    bool,
    bool,
    bool,
);

/// The school's structure, in one round trip.
pub fn structure(tenant: &mut Tenant<'_>, today: NaiveDate) -> QueryResult<Structure> {
    let org = tenant.organization();
    let without_sign_in = school::staff::live(tenant)
        .filter(staff::status.eq(StaffStatus::Active))
        .filter(staff::user_id.is_null())
        .count()
        .single_value();
    let row: Row = diesel::select((
        exists(school::campuses::live(tenant)),
        exists(school::academic_years::live(tenant).filter(school::year_in_force(today))),
        exists(school::grades::live(tenant)),
        exists(school::subjects::live(tenant)),
        exists(
            school::classes::live(tenant)
                .inner_join(academic_years::table)
                .filter(classes::status.eq(ClassStatus::Active))
                .filter(school::year_in_force(today)),
        ),
        exists(school::staff::live(tenant)),
        without_sign_in,
        exists(school::students::live(tenant)),
        exists(school::class_enrollments::live(tenant)),
        exists(school::timetables::live(tenant)),
        exists(school::timetables::live(tenant).filter(timetable_in_effect(today))),
        exists(
            school::timetable_periods::live(tenant)
                .inner_join(timetables::table)
                .filter(timetable_in_effect(today))
                .filter(timetables::organization_id.eq(org)),
        ),
        exists(bases::fee_plans::live(tenant).filter(fee_plans::active.eq(true))),
    ))
    .get_result(tenant.conn())?;
    Ok(Structure {
        campuses: row.0,
        current_year: row.1,
        grades: row.2,
        subjects: row.3,
        classes: row.4,
        staff: row.5,
        staff_without_sign_in: row.6.unwrap_or(0),
        students: row.7,
        enrolments: row.8,
        timetables: row.9,
        timetable_in_effect: row.10,
        periods_in_effect: row.11,
        fee_plans: row.12,
    })
}

/// What a teacher's day needs of these staff records: whether they teach a class
/// (homeroom or a subject), and whether a published timetable is in force on `date`.
pub fn teaching(
    tenant: &mut Tenant<'_>,
    staff_ids: &[Uuid],
    date: NaiveDate,
) -> QueryResult<(bool, bool)> {
    let homeroom = school::classes::live(tenant)
        .filter(classes::status.eq(ClassStatus::Active))
        .filter(classes::homeroom_teacher_id.eq_any(staff_ids.to_vec()));
    let subjects = school::class_subjects::live(tenant)
        .filter(class_subjects::teacher_id.eq_any(staff_ids.to_vec()));
    let timetable = school::timetables::live(tenant).filter(timetable_in_effect(date));
    diesel::select((exists(homeroom).or(exists(subjects)), exists(timetable)))
        .get_result(tenant.conn())
}

/// Whether the school has any class at all.
pub fn any_class(tenant: &mut Tenant<'_>) -> QueryResult<bool> {
    diesel::select(exists(school::classes::live(tenant))).get_result(tenant.conn())
}

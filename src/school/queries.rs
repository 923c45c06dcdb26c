//! Base queries of the school's structure, and the questions about it that more
//! than one domain asks.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::enums::TimetableStatus;
use crate::db::schema;

crate::live_rows!(
    campuses,
    students,
    guardians,
    staff,
    academic_years,
    grades,
    subjects,
    classes,
    class_subjects,
    class_enrollments,
    timetables,
    timetable_periods,
);

/// The academic year a school is in on `date`: the one marked current, or one whose
/// dates hold `date`. The dashboard's count of classes and the set-up checklist agree on it.
#[diesel::dsl::auto_type]
pub fn year_in_force(date: NaiveDate) -> _ {
    schema::academic_years::current
        .eq(true)
        .or(schema::academic_years::start_date
            .le(date)
            .and(schema::academic_years::end_date.ge(date)))
}

/// A timetable in force on `date`: published, not deleted, and `date` within its dates (open
/// ends run on). Lessons on a day come from the timetables in effect then.
#[diesel::dsl::auto_type]
pub fn timetable_in_effect(date: NaiveDate) -> _ {
    let t_status: TimetableStatus = TimetableStatus::Published;
    schema::timetables::status
        .eq(t_status)
        .and(schema::timetables::deleted_at.is_null())
        .and(
            schema::timetables::effective_from
                .is_null()
                .or(schema::timetables::effective_from.le(date)),
        )
        .and(
            schema::timetables::effective_to
                .is_null()
                .or(schema::timetables::effective_to.ge(date)),
        )
}

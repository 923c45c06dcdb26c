//! The dashboard's reads: counts of the school's people and classes, fees and a
//! teacher's periods today, built on the school's bases. Its attendance figure is
//! the attendance domain's (`attendance::figures`).

use bigdecimal::BigDecimal;
use chrono::{Datelike, NaiveDate, NaiveTime};
use diesel::dsl::sum;
use diesel::prelude::*;
use uuid::Uuid;

use super::PeriodToday;
use crate::db::Tenant;
use crate::db::enums::{ClassStatus, DayOfWeek, InvoiceStatus, StaffStatus, StudentStatus};
use crate::db::schema::{
    academic_years, class_subjects, classes, invoices, staff, students, subjects,
    timetable_periods, timetables,
};
use crate::school::queries::{self as school, timetable_in_effect};

/// The base of a table whose domain has no queries module of its own yet: invoices
/// (kept by the record engine).
mod bases {
    crate::live_rows!(invoices);
}

pub fn active_students(tenant: &mut Tenant<'_>) -> QueryResult<i64> {
    school::students::live(tenant)
        .filter(students::status.eq(StudentStatus::Active))
        .count()
        .get_result(tenant.conn())
}

pub fn active_staff(tenant: &mut Tenant<'_>) -> QueryResult<i64> {
    school::staff::live(tenant)
        .filter(staff::status.eq(StaffStatus::Active))
        .count()
        .get_result(tenant.conn())
}

/// Active classes of the academic year in force on `today`.
pub fn current_classes(tenant: &mut Tenant<'_>, today: NaiveDate) -> QueryResult<i64> {
    school::classes::live(tenant)
        .inner_join(academic_years::table)
        .filter(classes::status.eq(ClassStatus::Active))
        .filter(school::year_in_force(today))
        .filter(school::academic_years::is_live(tenant.organization()))
        .count()
        .get_result(tenant.conn())
}

/// The balance due of the open invoices, and how many of them were due before `today`.
pub fn fees_outstanding(
    tenant: &mut Tenant<'_>,
    today: NaiveDate,
) -> QueryResult<(Option<BigDecimal>, i64)> {
    let open = [
        InvoiceStatus::Issued,
        InvoiceStatus::PartiallyPaid,
        InvoiceStatus::Overdue,
    ];
    bases::invoices::live(tenant)
        .filter(invoices::status.eq_any(open))
        .select((
            sum(invoices::balance_due),
            diesel::dsl::sql::<diesel::sql_types::BigInt>("count(*) FILTER (WHERE due_date < ")
                .bind::<diesel::sql_types::Date, _>(today)
                .sql(")"),
        ))
        .get_result(tenant.conn())
}

/// The signed-in user's staff records.
pub fn my_staff_ids(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Uuid>> {
    school::staff::live(tenant)
        .filter(staff::user_id.eq(tenant.user()))
        .select(staff::id)
        .load(tenant.conn())
}

/// Whether any of these staff teaches a class subject.
pub fn teaches(tenant: &mut Tenant<'_>, ids: &[Uuid]) -> QueryResult<bool> {
    if ids.is_empty() {
        return Ok(false);
    }
    let n: i64 = school::class_subjects::live(tenant)
        .filter(class_subjects::teacher_id.eq_any(ids))
        .count()
        .get_result(tenant.conn())?;
    Ok(n > 0)
}

/// The periods of these staff on a date, from the published timetables in force.
pub fn periods_on(
    tenant: &mut Tenant<'_>,
    ids: &[Uuid],
    date: NaiveDate,
) -> QueryResult<Vec<PeriodToday>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = school::timetable_periods::live(tenant)
        .inner_join(timetables::table)
        .inner_join(
            class_subjects::table
                .inner_join(classes::table)
                .inner_join(subjects::table),
        )
        .filter(timetable_periods::day_of_week.eq(DayOfWeek::from(date.weekday())))
        .filter(timetable_in_effect(date))
        .filter(class_subjects::teacher_id.eq_any(ids))
        .filter(school::class_subjects::is_live(tenant.organization()))
        .order(timetable_periods::starts_at.asc())
        .select((
            timetable_periods::starts_at,
            timetable_periods::ends_at,
            classes::name,
            subjects::name,
            timetable_periods::room,
        ))
        .load::<(NaiveTime, NaiveTime, String, String, Option<String>)>(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(starts_at, ends_at, class_name, subject, room)| PeriodToday {
                starts_at,
                ends_at,
                class_name,
                subject,
                room,
            },
        )
        .collect())
}

//! What the oversight pages offer to filter by, and each campus's attendance times.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use uuid::Uuid;

use super::campus_attendance_config as config;
use crate::db::Tenant;
use crate::db::schema;
use crate::school::queries as school;

/// A campus or grade to filter by.
pub struct Choice {
    pub id: Uuid,
    pub name: String,
}

fn choices(rows: Vec<(Uuid, String)>) -> Vec<Choice> {
    rows.into_iter()
        .map(|(id, name)| Choice { id, name })
        .collect()
}

/// The organization's campuses that are open, by name.
pub fn campuses(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Choice>> {
    use schema::campuses as c;
    let rows = school::campuses::live(tenant)
        .filter(c::active.eq(true))
        .order(c::name.asc())
        .select((c::id, c::name))
        .load(tenant.conn())?;
    Ok(choices(rows))
}

/// The organization's grades in school order.
pub fn grades(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Choice>> {
    use schema::grades as g;
    let rows = school::grades::live(tenant)
        .order((g::sort_order.asc().nulls_last(), g::name.asc()))
        .select((g::id, g::name))
        .load(tenant.conn())?;
    Ok(choices(rows))
}

pub struct AcademicYear {
    pub id: Uuid,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// The academic year a date falls in; the one marked current wins an overlap.
pub fn academic_year_on(
    tenant: &mut Tenant<'_>,
    date: NaiveDate,
) -> QueryResult<Option<AcademicYear>> {
    use schema::academic_years as y;
    Ok(school::academic_years::live(tenant)
        .filter(y::start_date.le(date))
        .filter(y::end_date.ge(date))
        .order((y::current.desc(), y::start_date.desc()))
        .select((y::id, y::name, y::start_date, y::end_date))
        .first::<(Uuid, String, NaiveDate, NaiveDate)>(tenant.conn())
        .optional()?
        .map(|(id, name, start_date, end_date)| AcademicYear {
            id,
            name,
            start_date,
            end_date,
        }))
}

/// When a campus expects its rolls and its staff (campus_attendance_config); a
/// campus without a configuration row gets the defaults of the migration.
#[derive(Clone, Copy, Debug)]
pub struct CampusTimes {
    pub school_starts_at: NaiveTime,
    pub daily_roll_deadline: NaiveTime,
    pub period_roll_grace_minutes: i32,
}

impl Default for CampusTimes {
    fn default() -> CampusTimes {
        CampusTimes {
            school_starts_at: NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default(),
            daily_roll_deadline: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default(),
            period_roll_grace_minutes: 30,
        }
    }
}

/// Each campus's times, by campus id.
pub fn campus_times(tenant: &mut Tenant<'_>) -> QueryResult<HashMap<Uuid, CampusTimes>> {
    use schema::campus_attendance_config as c;
    Ok(config::live(tenant)
        .filter(c::campus_id.is_not_null())
        .select((
            c::campus_id.assume_not_null(),
            c::school_starts_at,
            c::daily_roll_deadline,
            c::period_roll_grace_minutes,
        ))
        .load::<(Uuid, NaiveTime, NaiveTime, i32)>(tenant.conn())?
        .into_iter()
        .map(|(campus, school_starts_at, daily_roll_deadline, grace)| {
            (
                campus,
                CampusTimes {
                    school_starts_at,
                    daily_roll_deadline,
                    period_roll_grace_minutes: grace,
                },
            )
        })
        .collect())
}

/// One campus's times (the defaults when it has none set, or for no campus).
pub fn times_of(tenant: &mut Tenant<'_>, campus: Option<Uuid>) -> QueryResult<CampusTimes> {
    let all = campus_times(tenant)?;
    Ok(campus
        .and_then(|c| all.get(&c).copied())
        .unwrap_or_default())
}

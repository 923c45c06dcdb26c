//! The school as the walkthrough pages see it: the campuses, teachers and rooms a
//! director picks from, and the lesson the timetable has in a room at a moment.
//! Built on the school's bases (`school::queries`).

use chrono::{Datelike, NaiveDate, NaiveTime};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::{DayOfWeek, StaffStatus, StaffType};
use crate::db::schema::{
    academic_years, campuses, class_subjects, classes, staff, subjects, timetable_periods,
    timetables, users,
};
use crate::school::queries::{self as school, timetable_in_effect};
use crate::walkthroughs::viewer::{Scope, Viewer};

/// The signed-in user's staff records (id, campus), oldest first.
pub fn own_staff(tenant: &mut Tenant<'_>, user_id: Uuid) -> QueryResult<Vec<(Uuid, Option<Uuid>)>> {
    school::staff::live(tenant)
        .filter(staff::user_id.eq(user_id))
        .order(staff::created_at.asc())
        .select((staff::id, staff::campus_id))
        .load(tenant.conn())
}

/// A campus of the organization.
#[derive(Queryable, Clone, Debug)]
pub struct CampusRow {
    pub id: Uuid,
    pub name: String,
}

/// The campuses this viewer works with (all of them for the whole school).
pub fn campuses_in_reach(tenant: &mut Tenant<'_>, viewer: &Viewer) -> QueryResult<Vec<CampusRow>> {
    let mut query = school::campuses::live(tenant).into_boxed();
    match &viewer.scope {
        Scope::Campus(c) => query = query.filter(campuses::id.eq(*c)),
        Scope::Observed(_) => return Ok(Vec::new()),
        Scope::Organization | Scope::Authored => {}
    }
    query
        .order(campuses::name.asc())
        .select((campuses::id, campuses::name))
        .load(tenant.conn())
}

/// A campus of the organization, or not found.
pub fn campus(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<CampusRow> {
    school::campuses::live(tenant)
        .filter(campuses::id.eq(id))
        .select((campuses::id, campuses::name))
        .first(tenant.conn())
}

/// A teacher a director may visit.
#[derive(Clone, Debug)]
pub struct TeacherOption {
    pub id: Uuid,
    pub name: String,
    /// What the form shows and the director types: the name, with the staff number
    /// when two teachers share a name.
    pub label: String,
    pub campus_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub email: Option<String>,
    /// The language the teacher's account chose, for what they are told.
    pub language: Option<String>,
}

#[derive(Queryable)]
struct TeacherRow {
    id: Uuid,
    first: Option<String>,
    last: Option<String>,
    number: Option<String>,
    campus_id: Option<Uuid>,
    user_id: Option<Uuid>,
    staff_email: Option<String>,
    user_email: Option<String>,
    disabled: Option<bool>,
    language: Option<String>,
}

/// Teachers (by staff type, or because they teach a class) of the campuses in reach.
pub fn teachers_in_reach(
    tenant: &mut Tenant<'_>,
    viewer: &Viewer,
    campus: Option<Uuid>,
) -> QueryResult<Vec<TeacherOption>> {
    if !viewer.is_observer() {
        return Ok(Vec::new());
    }
    let teaching = school::class_subjects::live(tenant).select(class_subjects::teacher_id);
    let mut query = school::staff::live(tenant)
        .left_join(users::table.on(users::id.nullable().eq(staff::user_id)))
        .filter(staff::status.ne(StaffStatus::Inactive))
        .filter(
            staff::staff_type
                .eq(StaffType::Teacher)
                .or(staff::id.nullable().eq_any(teaching)),
        )
        .into_boxed();
    if let Some(c) = campus.or(viewer.campus()) {
        query = query.filter(staff::campus_id.eq(c));
    }
    let rows: Vec<TeacherRow> = query
        .order((staff::first_name.asc(), staff::last_name.asc()))
        .select((
            staff::id,
            staff::first_name,
            staff::last_name,
            staff::employee_number,
            staff::campus_id,
            staff::user_id,
            staff::email,
            users::email.nullable(),
            users::disabled.nullable(),
            users::language.nullable(),
        ))
        .load(tenant.conn())?;
    let mut teachers: Vec<TeacherOption> = rows.into_iter().map(teacher_option).collect();
    // The plain name is enough unless two teachers share it.
    let names: Vec<String> = teachers.iter().map(|t| t.name.to_lowercase()).collect();
    for t in &mut teachers {
        if names
            .iter()
            .filter(|n| **n == t.name.to_lowercase())
            .count()
            == 1
        {
            t.label = t.name.clone();
        }
    }
    Ok(teachers)
}

fn teacher_option(row: TeacherRow) -> TeacherOption {
    let name = crate::access::display_name(row.first.as_deref(), row.last.as_deref(), "");
    let name = if name.is_empty() {
        row.number
            .clone()
            .unwrap_or_else(|| "Unnamed teacher".to_owned())
    } else {
        name
    };
    TeacherOption {
        id: row.id,
        label: row
            .number
            .map_or_else(|| name.clone(), |n| format!("{name} ({n})")),
        name,
        campus_id: row.campus_id,
        user_id: row.user_id.filter(|_| row.disabled == Some(false)),
        email: row
            .staff_email
            .or(row.user_email)
            .filter(|e| !e.trim().is_empty()),
        language: row.language,
    }
}

/// A staff member of the organization: their name and campus.
pub fn staff_member(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<(String, Option<Uuid>)> {
    let (first, last, number, campus): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<Uuid>,
    ) = school::staff::live(tenant)
        .filter(staff::id.eq(id))
        .select((
            staff::first_name,
            staff::last_name,
            staff::employee_number,
            staff::campus_id,
        ))
        .first(tenant.conn())?;
    let name = crate::access::display_name(first.as_deref(), last.as_deref(), "");
    Ok((
        if name.is_empty() {
            number.unwrap_or_default()
        } else {
            name
        },
        campus,
    ))
}

/// A room of the published timetable.
#[derive(Clone, Debug)]
pub struct RoomOption {
    pub room: String,
    pub campus_id: Uuid,
    /// The room, with its campus when another campus has a room of that name.
    pub label: String,
}

/// The rooms of the timetables in effect `today` (the one rule every reader of the
/// timetable uses), of the viewer's campus when they have one.
pub fn rooms_in_reach(
    tenant: &mut Tenant<'_>,
    viewer: &Viewer,
    today: NaiveDate,
) -> QueryResult<Vec<RoomOption>> {
    if !viewer.is_observer() {
        return Ok(Vec::new());
    }
    let mut query = school::timetable_periods::live(tenant)
        .inner_join(timetables::table.inner_join(campuses::table))
        .filter(timetable_in_effect(today))
        .filter(school::timetables::is_live(tenant.organization()))
        .into_boxed();
    if let Some(c) = viewer.campus() {
        query = query.filter(timetables::campus_id.eq(c));
    }
    let rows: Vec<(Option<String>, Uuid, String)> = query
        .select((
            timetable_periods::room,
            timetables::campus_id,
            campuses::name,
        ))
        .distinct()
        .load(tenant.conn())?;
    let mut rooms: Vec<(String, Uuid, String)> = rows
        .into_iter()
        .filter_map(|(room, campus, name)| {
            room.filter(|r| !r.trim().is_empty())
                .map(|r| (r, campus, name))
        })
        .collect();
    rooms.sort_by(|a, b| {
        natural_key(&a.0)
            .cmp(&natural_key(&b.0))
            .then(a.2.cmp(&b.2))
    });
    let shared = |room: &str| rooms.iter().filter(|(r, _, _)| r == room).count() > 1;
    Ok(rooms
        .iter()
        .map(|(room, campus_id, campus_name)| RoomOption {
            label: if shared(room) {
                format!("{room} · {campus_name}")
            } else {
                room.clone()
            },
            room: room.clone(),
            campus_id: *campus_id,
        })
        .collect())
}

/// Sorts "N-9" before "N-10".
fn natural_key(text: &str) -> Vec<(String, u64)> {
    let mut parts = Vec::new();
    let mut word = String::new();
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            if !number.is_empty() {
                parts.push((
                    std::mem::take(&mut word),
                    number.parse().unwrap_or(u64::MAX),
                ));
                number.clear();
            }
            word.push(c);
        }
    }
    parts.push((word, number.parse().unwrap_or(0)));
    parts
}

/// The lesson the published timetable has in a room at a moment.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub teacher_id: Uuid,
    pub class_id: Uuid,
    pub class_name: String,
    pub subject: String,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
}

pub fn lesson_at(
    tenant: &mut Tenant<'_>,
    room: &RoomOption,
    date: NaiveDate,
    time: NaiveTime,
) -> QueryResult<Option<Lesson>> {
    let row: Option<(Option<Uuid>, Uuid, String, String, NaiveTime, NaiveTime)> =
        school::timetable_periods::live(tenant)
            .inner_join(timetables::table)
            .inner_join(
                class_subjects::table
                    .inner_join(classes::table)
                    .inner_join(subjects::table),
            )
            .filter(timetable_periods::room.eq(&room.room))
            .filter(timetable_periods::day_of_week.eq(DayOfWeek::from(date.weekday())))
            .filter(timetable_periods::starts_at.le(time))
            .filter(timetable_periods::ends_at.gt(time))
            .filter(timetables::campus_id.eq(room.campus_id))
            .filter(timetable_in_effect(date))
            .filter(school::class_subjects::is_live(tenant.organization()))
            .filter(class_subjects::teacher_id.is_not_null())
            .order(timetable_periods::starts_at.desc())
            .select((
                class_subjects::teacher_id,
                classes::id,
                classes::name,
                subjects::name,
                timetable_periods::starts_at,
                timetable_periods::ends_at,
            ))
            .first(tenant.conn())
            .optional()?;
    Ok(row.and_then(
        |(teacher_id, class_id, class_name, subject, starts_at, ends_at)| {
            Some(Lesson {
                teacher_id: teacher_id?,
                class_id,
                class_name,
                subject,
                starts_at,
                ends_at,
            })
        },
    ))
}

/// The organization's academic years: name, first day, last day.
pub fn academic_years(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(String, NaiveDate, NaiveDate)>> {
    school::academic_years::live(tenant)
        .select((
            academic_years::name,
            academic_years::start_date,
            academic_years::end_date,
        ))
        .load(tenant.conn())
}

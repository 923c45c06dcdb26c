//! Who sees which walkthroughs, and the reads and writes behind the pages. Every
//! query is scoped by the organization and by the viewer's reach.

use chrono::{Datelike, NaiveDate, NaiveTime};
use diesel::pg::Pg;
use diesel::prelude::*;
use uuid::Uuid;

use super::models::Walkthrough;
use crate::access::{Access, Action, Entity, Permission};
use crate::db::enums::{StaffStatus, StaffType, TimetableStatus};
use crate::db::schema::{
    campuses, class_subjects, classes, staff, subjects, timetable_periods, timetables, users,
    walkthrough_checkins,
};

/// Which walkthroughs a person may read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Administrators, and directors who lead the whole school (no campus of their own).
    Organization,
    /// A campus director: their campus, and any visit they wrote themselves.
    Campus(Uuid),
    /// Someone who records walkthroughs without a staff record: what they wrote.
    Authored,
    /// A teacher: the visits to their own classrooms.
    Observed(Vec<Uuid>),
}

/// The signed-in person as the walkthrough pages need them.
pub struct Viewer {
    pub user_id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    /// Their own staff record (the first, when they have several).
    pub staff_id: Option<Uuid>,
    pub staff_ids: Vec<Uuid>,
    pub scope: Scope,
    pub may_create: bool,
    pub may_delete: bool,
}

impl Viewer {
    pub fn load(conn: &mut PgConnection, access: &Access) -> QueryResult<Viewer> {
        let own: Vec<(Uuid, Option<Uuid>)> = staff::table
            .filter(staff::organization_id.eq(access.organization_id))
            .filter(staff::user_id.eq(access.user_id))
            .filter(staff::deleted_at.is_null())
            .order(staff::created_at.asc())
            .select((staff::id, staff::campus_id))
            .load(conn)?;
        let may = |action| access.can(Permission::new(action, Entity::WalkthroughCheckins));
        let may_create = may(Action::Create);
        let may_delete = may(Action::Delete);
        let scope = if may_delete || access.global_access {
            Scope::Organization
        } else if may_create {
            match own.first() {
                Some((_, Some(campus))) => Scope::Campus(*campus),
                Some((_, None)) => Scope::Organization,
                None => Scope::Authored,
            }
        } else {
            Scope::Observed(own.iter().map(|(id, _)| *id).collect())
        };
        Ok(Viewer {
            user_id: access.user_id,
            organization_id: access.organization_id,
            name: access.display_name.clone(),
            staff_id: own.first().map(|(id, _)| *id),
            staff_ids: own.iter().map(|(id, _)| *id).collect(),
            scope,
            may_create,
            may_delete,
        })
    }

    /// The one campus this person works in, when their reach is a campus.
    pub fn campus(&self) -> Option<Uuid> {
        match self.scope {
            Scope::Campus(c) => Some(c),
            _ => None,
        }
    }

    /// Directors and administrators look at others' visits; teachers at their own.
    pub fn is_observer(&self) -> bool {
        !matches!(self.scope, Scope::Observed(_))
    }

    pub fn is_observed(&self, w: &Walkthrough) -> bool {
        w.teacher_id.is_some_and(|t| self.staff_ids.contains(&t))
    }
}

type Visible<'a> = walkthrough_checkins::BoxedQuery<'a, Pg>;

/// The live walkthroughs this viewer may read: the base of every walkthrough query.
/// Which visits a person reaches (their own classroom's, their campus's, the
/// school's) is the database's row-level security rule, the same for every page that
/// reads walkthroughs (see `access::reach`); `Viewer::scope` only shapes the pages.
pub fn visible<'a>(viewer: &Viewer) -> Visible<'a> {
    walkthrough_checkins::table
        .filter(walkthrough_checkins::organization_id.eq(viewer.organization_id))
        .filter(walkthrough_checkins::deleted_at.is_null())
        .into_boxed()
}

/// A walkthrough this viewer may read, or not found.
pub fn find(conn: &mut PgConnection, viewer: &Viewer, id: Uuid) -> QueryResult<Walkthrough> {
    visible(viewer)
        .filter(walkthrough_checkins::id.eq(id))
        .select(Walkthrough::as_select())
        .first(conn)
}

/// A campus of the organization.
#[derive(Queryable, Clone, Debug)]
pub struct CampusRow {
    pub id: Uuid,
    pub name: String,
}

/// The campuses this viewer works with (all of them for the whole school).
pub fn campuses_in_reach(conn: &mut PgConnection, viewer: &Viewer) -> QueryResult<Vec<CampusRow>> {
    let mut query = campuses::table
        .filter(campuses::organization_id.eq(viewer.organization_id))
        .filter(campuses::deleted_at.is_null())
        .into_boxed();
    match &viewer.scope {
        Scope::Campus(c) => query = query.filter(campuses::id.eq(*c)),
        Scope::Observed(_) => return Ok(Vec::new()),
        Scope::Organization | Scope::Authored => {}
    }
    query
        .order(campuses::name.asc())
        .select((campuses::id, campuses::name))
        .load(conn)
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
}

/// Teachers (by staff type, or because they teach a class) of the campuses in reach.
pub fn teachers_in_reach(
    conn: &mut PgConnection,
    viewer: &Viewer,
    campus: Option<Uuid>,
) -> QueryResult<Vec<TeacherOption>> {
    let teaching = class_subjects::table
        .filter(class_subjects::organization_id.eq(viewer.organization_id))
        .filter(class_subjects::deleted_at.is_null())
        .select(class_subjects::teacher_id);
    let mut query = staff::table
        .left_join(users::table.on(users::id.nullable().eq(staff::user_id)))
        .filter(staff::organization_id.eq(viewer.organization_id))
        .filter(staff::deleted_at.is_null())
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
    if !viewer.is_observer() {
        return Ok(Vec::new());
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
        ))
        .load(conn)?;
    let mut teachers: Vec<TeacherOption> = rows
        .into_iter()
        .map(|row| {
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
            }
        })
        .collect();
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

/// A room of the published timetable.
#[derive(Clone, Debug)]
pub struct RoomOption {
    pub room: String,
    pub campus_id: Uuid,
    /// The room, with its campus when another campus has a room of that name.
    pub label: String,
}

pub fn rooms_in_reach(
    conn: &mut PgConnection,
    viewer: &Viewer,
    today: NaiveDate,
) -> QueryResult<Vec<RoomOption>> {
    if !viewer.is_observer() {
        return Ok(Vec::new());
    }
    let mut query = timetable_periods::table
        .inner_join(timetables::table.inner_join(campuses::table))
        .filter(timetable_periods::organization_id.eq(viewer.organization_id))
        .filter(timetable_periods::deleted_at.is_null())
        .filter(timetables::status.eq(TimetableStatus::Published))
        .filter(timetables::deleted_at.is_null())
        .filter(
            timetables::effective_to
                .is_null()
                .or(timetables::effective_to.ge(today)),
        )
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
        .load(conn)?;
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
    conn: &mut PgConnection,
    organization_id: Uuid,
    room: &RoomOption,
    date: NaiveDate,
    time: NaiveTime,
) -> QueryResult<Option<Lesson>> {
    let row: Option<(Option<Uuid>, Uuid, String, String, NaiveTime, NaiveTime)> =
        timetable_periods::table
            .inner_join(timetables::table)
            .inner_join(
                class_subjects::table
                    .inner_join(classes::table)
                    .inner_join(subjects::table),
            )
            .filter(timetable_periods::organization_id.eq(organization_id))
            .filter(timetable_periods::deleted_at.is_null())
            .filter(timetable_periods::room.eq(&room.room))
            .filter(
                timetable_periods::day_of_week
                    .eq(crate::db::enums::DayOfWeek::from(date.weekday())),
            )
            .filter(timetable_periods::starts_at.le(time))
            .filter(timetable_periods::ends_at.gt(time))
            .filter(timetables::campus_id.eq(room.campus_id))
            .filter(timetables::status.eq(TimetableStatus::Published))
            .filter(timetables::deleted_at.is_null())
            .filter(
                timetables::effective_from
                    .is_null()
                    .or(timetables::effective_from.le(date)),
            )
            .filter(
                timetables::effective_to
                    .is_null()
                    .or(timetables::effective_to.ge(date)),
            )
            .filter(class_subjects::deleted_at.is_null())
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
            .first(conn)
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

/// The list's filters, already checked against what the viewer may see.
#[derive(Default, Clone, Debug)]
pub struct ListFilter {
    pub campus: Option<Uuid>,
    pub teacher: Option<Uuid>,
    pub director: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: i64,
}

pub const PAGE_SIZE: i64 = 50;

/// One page of the list, newest first; the flag says whether more follow.
pub fn search(
    conn: &mut PgConnection,
    viewer: &Viewer,
    filter: &ListFilter,
) -> QueryResult<(Vec<Walkthrough>, bool)> {
    let mut query = visible(viewer);
    if let Some(c) = filter.campus {
        query = query.filter(walkthrough_checkins::campus_id.eq(c));
    }
    if let Some(t) = filter.teacher {
        query = query.filter(walkthrough_checkins::teacher_id.eq(t));
    }
    if let Some(d) = filter.director {
        query = query.filter(walkthrough_checkins::director_id.eq(d));
    }
    if let Some(from) = filter.from {
        query = query.filter(walkthrough_checkins::check_in_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(walkthrough_checkins::check_in_date.le(to));
    }
    let mut rows: Vec<Walkthrough> = query
        .order((
            walkthrough_checkins::check_in_date.desc(),
            walkthrough_checkins::check_in_time.desc(),
            walkthrough_checkins::id.asc(),
        ))
        .offset((filter.page.max(1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
        .select(Walkthrough::as_select())
        .load(conn)?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, more))
}

/// The directors who wrote visits this viewer can see, for the list's filter.
pub fn directors_seen(
    conn: &mut PgConnection,
    viewer: &Viewer,
) -> QueryResult<Vec<(Uuid, String)>> {
    let mut rows: Vec<(Option<Uuid>, String)> = visible(viewer)
        .filter(walkthrough_checkins::director_id.is_not_null())
        .select((
            walkthrough_checkins::director_id,
            walkthrough_checkins::director_name,
        ))
        .distinct()
        .load(conn)?;
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    let mut seen = Vec::new();
    for (id, name) in rows {
        if let Some(id) = id
            && !seen.iter().any(|(s, _)| *s == id)
        {
            seen.push((id, name));
        }
    }
    Ok(seen)
}

/// What a new or changed walkthrough stores.
#[derive(AsChangeset, Debug)]
#[diesel(table_name = walkthrough_checkins, treat_none_as_null = true)]
pub struct WalkthroughChanges {
    pub campus_id: Option<Uuid>,
    pub class_id: Option<Uuid>,
    pub teacher_id: Option<Uuid>,
    pub teacher_name: String,
    pub classroom: String,
    pub check_in_date: NaiveDate,
    pub check_in_time: NaiveTime,
    pub attitude_rating: i32,
    pub attitude_comment: Option<String>,
    pub classroom_management_rating: i32,
    pub classroom_management_comment: Option<String>,
    pub cleanliness_rating: i32,
    pub cleanliness_comment: Option<String>,
    pub vibes_rating: i32,
    pub vibes_comment: Option<String>,
    pub team_dynamics_rating: i32,
    pub team_dynamics_comment: Option<String>,
    pub emergency_exit_rating: i32,
    pub emergency_exit_comment: Option<String>,
    pub lesson_plan_rating: i32,
    pub lesson_plan_comment: Option<String>,
    pub overall_notes: Option<String>,
}

pub fn insert(
    conn: &mut PgConnection,
    viewer: &Viewer,
    changes: &WalkthroughChanges,
) -> QueryResult<Uuid> {
    let id = Uuid::new_v4();
    diesel::insert_into(walkthrough_checkins::table)
        .values((
            walkthrough_checkins::id.eq(id),
            walkthrough_checkins::organization_id.eq(viewer.organization_id),
            walkthrough_checkins::director_id.eq(viewer.staff_id),
            walkthrough_checkins::director_name.eq(&viewer.name),
            walkthrough_checkins::created_by_id.eq(viewer.user_id),
            walkthrough_checkins::updated_by_id.eq(viewer.user_id),
            walkthrough_checkins::teacher_name.eq(&changes.teacher_name),
            walkthrough_checkins::classroom.eq(&changes.classroom),
            walkthrough_checkins::check_in_date.eq(changes.check_in_date),
            walkthrough_checkins::check_in_time.eq(changes.check_in_time),
            walkthrough_checkins::attitude_rating.eq(changes.attitude_rating),
            walkthrough_checkins::classroom_management_rating
                .eq(changes.classroom_management_rating),
            walkthrough_checkins::cleanliness_rating.eq(changes.cleanliness_rating),
            walkthrough_checkins::vibes_rating.eq(changes.vibes_rating),
            walkthrough_checkins::team_dynamics_rating.eq(changes.team_dynamics_rating),
            walkthrough_checkins::emergency_exit_rating.eq(changes.emergency_exit_rating),
            walkthrough_checkins::lesson_plan_rating.eq(changes.lesson_plan_rating),
        ))
        .execute(conn)?;
    update(conn, viewer, id, changes)?;
    Ok(id)
}

pub fn update(
    conn: &mut PgConnection,
    viewer: &Viewer,
    id: Uuid,
    changes: &WalkthroughChanges,
) -> QueryResult<usize> {
    diesel::update(
        walkthrough_checkins::table
            .filter(walkthrough_checkins::id.eq(id))
            .filter(walkthrough_checkins::organization_id.eq(viewer.organization_id))
            .filter(walkthrough_checkins::deleted_at.is_null()),
    )
    .set((
        changes,
        walkthrough_checkins::updated_by_id.eq(viewer.user_id),
        walkthrough_checkins::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
}

/// Soft delete: the row stays for an administrator to restore.
pub fn soft_delete(conn: &mut PgConnection, viewer: &Viewer, id: Uuid) -> QueryResult<usize> {
    diesel::update(
        walkthrough_checkins::table
            .filter(walkthrough_checkins::id.eq(id))
            .filter(walkthrough_checkins::organization_id.eq(viewer.organization_id))
            .filter(walkthrough_checkins::deleted_at.is_null()),
    )
    .set((
        walkthrough_checkins::deleted_at.eq(Some(chrono::Utc::now())),
        walkthrough_checkins::updated_by_id.eq(viewer.user_id),
        walkthrough_checkins::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
}

/// Records the observed teacher's acknowledgement, once.
pub fn acknowledge(
    conn: &mut PgConnection,
    viewer: &Viewer,
    id: Uuid,
    reply: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        walkthrough_checkins::table
            .filter(walkthrough_checkins::id.eq(id))
            .filter(walkthrough_checkins::organization_id.eq(viewer.organization_id))
            .filter(walkthrough_checkins::deleted_at.is_null())
            .filter(walkthrough_checkins::acknowledged_at.is_null()),
    )
    .set((
        walkthrough_checkins::acknowledged_at.eq(Some(chrono::Utc::now())),
        walkthrough_checkins::acknowledgement_reply.eq(reply),
        walkthrough_checkins::updated_by_id.eq(viewer.user_id),
        walkthrough_checkins::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
}

/// A staff member of the organization: their name and campus.
pub fn staff_member(
    conn: &mut PgConnection,
    organization_id: Uuid,
    id: Uuid,
) -> QueryResult<(String, Option<Uuid>)> {
    let (first, last, number, campus): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<Uuid>,
    ) = staff::table
        .filter(staff::organization_id.eq(organization_id))
        .filter(staff::deleted_at.is_null())
        .filter(staff::id.eq(id))
        .select((
            staff::first_name,
            staff::last_name,
            staff::employee_number,
            staff::campus_id,
        ))
        .first(conn)?;
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

pub fn campus(conn: &mut PgConnection, organization_id: Uuid, id: Uuid) -> QueryResult<CampusRow> {
    campuses::table
        .filter(campuses::organization_id.eq(organization_id))
        .filter(campuses::deleted_at.is_null())
        .filter(campuses::id.eq(id))
        .select((campuses::id, campuses::name))
        .first(conn)
}

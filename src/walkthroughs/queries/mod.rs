//! The reads and writes of walkthroughs, all built on [`visible`], and (in
//! `choices`) the school as the walkthrough pages see it. The only place that names
//! the walkthroughs' table.

mod choices;

use chrono::{NaiveDate, NaiveTime};
use diesel::pg::Pg;
use diesel::prelude::*;
use uuid::Uuid;

pub use choices::{
    CampusRow, RoomOption, TeacherOption, academic_years, campus, campuses_in_reach, lesson_at,
    own_staff, rooms_in_reach, staff_member, teachers_in_reach,
};

use super::models::Walkthrough;
use super::viewer::Viewer;
use crate::db::Tenant;
use crate::db::schema::walkthrough_checkins as checkins;

crate::live_rows!(walkthrough_checkins);

type Visible<'a> = checkins::BoxedQuery<'a, Pg>;

/// The live walkthroughs of the tenant's school: the base of every walkthrough
/// query. Which visits a person reaches (their own classroom's, their campus's, the
/// school's) is the database's row-level security rule, the same for every page that
/// reads walkthroughs (see `access::reach`); `Viewer::scope` only shapes the pages.
pub fn visible<'a>(tenant: &Tenant<'_>) -> Visible<'a> {
    walkthrough_checkins::live(tenant).into_boxed()
}

/// A walkthrough this viewer may read, or not found.
pub fn find(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Walkthrough> {
    visible(tenant)
        .filter(checkins::id.eq(id))
        .select(Walkthrough::as_select())
        .first(tenant.conn())
}

/// The visits to one teacher, oldest first.
pub fn of_teacher(tenant: &mut Tenant<'_>, staff_id: Uuid) -> QueryResult<Vec<Walkthrough>> {
    visible(tenant)
        .filter(checkins::teacher_id.eq(staff_id))
        .order((checkins::check_in_date.asc(), checkins::check_in_time.asc()))
        .select(Walkthrough::as_select())
        .load(tenant.conn())
}

/// The visits in one campus, in no particular order.
pub fn at_campus(tenant: &mut Tenant<'_>, campus_id: Uuid) -> QueryResult<Vec<Walkthrough>> {
    visible(tenant)
        .filter(checkins::campus_id.eq(campus_id))
        .select(Walkthrough::as_select())
        .load(tenant.conn())
}

/// How many visits were recorded after `date` (for the dashboard).
pub fn count_after(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<i64> {
    visible(tenant)
        .filter(checkins::check_in_date.gt(date))
        .count()
        .get_result(tenant.conn())
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
    tenant: &mut Tenant<'_>,
    filter: &ListFilter,
) -> QueryResult<(Vec<Walkthrough>, bool)> {
    let mut query = visible(tenant);
    if let Some(c) = filter.campus {
        query = query.filter(checkins::campus_id.eq(c));
    }
    if let Some(t) = filter.teacher {
        query = query.filter(checkins::teacher_id.eq(t));
    }
    if let Some(d) = filter.director {
        query = query.filter(checkins::director_id.eq(d));
    }
    if let Some(from) = filter.from {
        query = query.filter(checkins::check_in_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(checkins::check_in_date.le(to));
    }
    let mut rows: Vec<Walkthrough> = query
        .order((
            checkins::check_in_date.desc(),
            checkins::check_in_time.desc(),
            checkins::id.asc(),
        ))
        .offset((filter.page.max(1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
        .select(Walkthrough::as_select())
        .load(tenant.conn())?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, more))
}

/// The directors who wrote visits this viewer can see, for the list's filter.
pub fn directors_seen(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    let rows: Vec<(Option<Uuid>, String)> = visible(tenant)
        .filter(checkins::director_id.is_not_null())
        .select((checkins::director_id, checkins::director_name))
        .distinct()
        .load(tenant.conn())?;
    Ok(by_name(rows))
}

/// The teachers visited in the walkthroughs this viewer can see, for the list's
/// filter: the ones a filter finds anything for, not every teacher of the school.
pub fn teachers_seen(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    let rows: Vec<(Option<Uuid>, String)> = visible(tenant)
        .filter(checkins::teacher_id.is_not_null())
        .select((checkins::teacher_id, checkins::teacher_name))
        .distinct()
        .load(tenant.conn())?;
    Ok(by_name(rows))
}

/// People by the name their visits give them, each once (under the first name
/// in order when their visits spell it differently).
fn by_name(mut rows: Vec<(Option<Uuid>, String)>) -> Vec<(Uuid, String)> {
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    let mut ids = std::collections::HashSet::new();
    rows.into_iter()
        .filter_map(|(id, name)| id.filter(|id| ids.insert(*id)).map(|id| (id, name)))
        .collect()
}

/// What a new or changed walkthrough stores.
#[derive(AsChangeset, Debug)]
#[diesel(table_name = checkins, treat_none_as_null = true)]
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

/// Stores a new visit written by the viewer; returns its id.
pub fn insert(
    tenant: &mut Tenant<'_>,
    viewer: &Viewer,
    changes: &WalkthroughChanges,
) -> QueryResult<Uuid> {
    let id = Uuid::new_v4();
    diesel::insert_into(checkins::table)
        .values((
            checkins::id.eq(id),
            checkins::organization_id.eq(tenant.organization()),
            checkins::director_id.eq(viewer.staff_id),
            checkins::director_name.eq(&viewer.name),
            checkins::created_by_id.eq(tenant.user()),
            checkins::updated_by_id.eq(tenant.user()),
            checkins::teacher_name.eq(&changes.teacher_name),
            checkins::classroom.eq(&changes.classroom),
            checkins::check_in_date.eq(changes.check_in_date),
            checkins::check_in_time.eq(changes.check_in_time),
            checkins::attitude_rating.eq(changes.attitude_rating),
            checkins::classroom_management_rating.eq(changes.classroom_management_rating),
            checkins::cleanliness_rating.eq(changes.cleanliness_rating),
            checkins::vibes_rating.eq(changes.vibes_rating),
            checkins::team_dynamics_rating.eq(changes.team_dynamics_rating),
            checkins::emergency_exit_rating.eq(changes.emergency_exit_rating),
            checkins::lesson_plan_rating.eq(changes.lesson_plan_rating),
        ))
        .execute(tenant.conn())?;
    update(tenant, id, changes)?;
    Ok(id)
}

pub fn update(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    changes: &WalkthroughChanges,
) -> QueryResult<usize> {
    diesel::update(walkthrough_checkins::live(tenant).filter(checkins::id.eq(id)))
        .set((
            changes,
            checkins::updated_by_id.eq(tenant.user()),
            checkins::updated_at.eq(diesel::dsl::now),
        ))
        .execute(tenant.conn())
}

/// Soft delete: the row stays for an administrator to restore.
pub fn soft_delete(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<usize> {
    diesel::update(walkthrough_checkins::live(tenant).filter(checkins::id.eq(id)))
        .set((
            checkins::deleted_at.eq(Some(chrono::Utc::now())),
            checkins::updated_by_id.eq(tenant.user()),
            checkins::updated_at.eq(diesel::dsl::now),
        ))
        .execute(tenant.conn())
}

/// Records the observed teacher's acknowledgement, once.
pub fn acknowledge(tenant: &mut Tenant<'_>, id: Uuid, reply: Option<&str>) -> QueryResult<usize> {
    diesel::update(
        walkthrough_checkins::live(tenant)
            .filter(checkins::id.eq(id))
            .filter(checkins::acknowledged_at.is_null()),
    )
    .set((
        checkins::acknowledged_at.eq(Some(chrono::Utc::now())),
        checkins::acknowledgement_reply.eq(reply),
        checkins::updated_by_id.eq(tenant.user()),
        checkins::updated_at.eq(diesel::dsl::now),
    ))
    .execute(tenant.conn())
}

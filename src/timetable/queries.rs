//! The timetable builder's statements: bell times, the lessons of a timetable seen by
//! class, teacher, room or day, their writes (a refused clash leaves nothing behind),
//! the clash report, draft copies and publishing.

use chrono::{Datelike, NaiveDate, NaiveTime};
use diesel::IntoSql;
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::enums::{DayOfWeek, TimetableStatus};
use crate::db::schema::{
    bell_periods, campuses, class_subjects, classes, staff, subjects, timetable_periods, timetables,
};
use crate::db::{OrganizationId, Tenant};
use crate::school::queries as school;

/// The bases of the builder's own tables.
mod live {
    crate::live_rows!(bell_periods);
}

/// One of a campus's bell times: a row of the week grid.
#[derive(Queryable, Clone, Debug)]
pub struct BellPeriod {
    pub id: Uuid,
    pub name: String,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
}

/// A bell time as typed on the bell times page.
pub struct BellInput {
    pub name: String,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
}

/// A live campus of the organization, or not found.
pub fn campus(tenant: &mut Tenant<'_>, campus: Uuid) -> QueryResult<Uuid> {
    school::campuses::live(tenant)
        .filter(campuses::id.eq(campus))
        .select(campuses::id)
        .first(tenant.conn())
}

/// The campus's bell times, earliest first.
pub fn bell_times(tenant: &mut Tenant<'_>, campus: Uuid) -> QueryResult<Vec<BellPeriod>> {
    live::bell_periods::live(tenant)
        .filter(bell_periods::campus_id.eq(campus))
        .order(bell_periods::starts_at.asc())
        .select((
            bell_periods::id,
            bell_periods::name,
            bell_periods::starts_at,
            bell_periods::ends_at,
        ))
        .load(tenant.conn())
}

/// Replaces the campus's bell times with these, all or nothing. Overlapping times
/// are refused by the database (`bell_periods_no_overlap`).
pub fn save_bell_times(
    tenant: &mut Tenant<'_>,
    campus: Uuid,
    rows: &[BellInput],
) -> QueryResult<()> {
    let org = tenant.organization().uuid();
    let user = tenant.user().map(|u| u.uuid());
    tenant.transaction(|tenant| {
        diesel::update(live::bell_periods::live(tenant).filter(bell_periods::campus_id.eq(campus)))
            .set((
                bell_periods::deleted_at.eq(diesel::dsl::now),
                bell_periods::updated_by_id.eq(user),
            ))
            .execute(tenant.conn())?;
        let new: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    bell_periods::organization_id.eq(org),
                    bell_periods::campus_id.eq(campus),
                    bell_periods::name.eq(r.name.as_str()),
                    bell_periods::starts_at.eq(r.starts_at),
                    bell_periods::ends_at.eq(r.ends_at),
                    bell_periods::created_by_id.eq(user),
                )
            })
            .collect();
        diesel::insert_into(bell_periods::table)
            .values(&new)
            .execute(tenant.conn())?;
        Ok(())
    })
}

/// A timetable as the builder lists it.
#[derive(Queryable, Clone, Debug)]
pub struct TimetableRow {
    pub id: Uuid,
    pub campus_id: Uuid,
    pub academic_year_id: Uuid,
    pub campus_name: String,
    pub name: String,
    pub status: TimetableStatus,
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
}

impl TimetableRow {
    pub fn is_draft(&self) -> bool {
        self.status == TimetableStatus::Draft
    }
}

#[diesel::dsl::auto_type(no_type_alias)]
fn timetable_rows(org: OrganizationId) -> _ {
    let campus_live: school::campuses::is_live = school::campuses::is_live(org);
    let timetable_live: school::timetables::is_live = school::timetables::is_live(org);
    timetables::table
        .filter(timetable_live)
        .inner_join(campuses::table)
        .filter(campus_live)
        .select((
            timetables::id,
            timetables::campus_id,
            timetables::academic_year_id,
            campuses::name,
            timetables::name,
            timetables::status,
            timetables::effective_from,
            timetables::effective_to,
        ))
}

/// Every live timetable, by campus, newest dates first.
pub fn timetables(tenant: &mut Tenant<'_>) -> QueryResult<Vec<TimetableRow>> {
    timetable_rows(tenant.organization())
        .order((
            campuses::name.asc(),
            timetables::effective_from.desc().nulls_first(),
            timetables::name.asc(),
        ))
        .load(tenant.conn())
}

pub fn timetable(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<TimetableRow> {
    timetable_rows(tenant.organization())
        .filter(timetables::id.eq(id))
        .first(tenant.conn())
}

/// A lesson: a class subject at a time of a weekday, in a room.
#[derive(Queryable, Clone, Debug)]
pub struct Lesson {
    pub id: Uuid,
    pub timetable_id: Uuid,
    pub class_subject_id: Uuid,
    pub day: DayOfWeek,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub room: Option<String>,
    pub class_id: Uuid,
    pub class_name: String,
    pub subject_name: String,
    pub teacher_id: Option<Uuid>,
    pub teacher_first: Option<String>,
    pub teacher_last: Option<String>,
}

impl Lesson {
    /// The teacher's name as the school typed it; empty when none teaches it.
    pub fn teacher_name(&self) -> String {
        person_name(self.teacher_first.as_deref(), self.teacher_last.as_deref())
    }

    /// The room folded as the database compares rooms.
    pub fn room_key(&self) -> Option<String> {
        self.room.as_deref().map(room_key).filter(|r| !r.is_empty())
    }

    pub fn overlaps(&self, day: DayOfWeek, starts_at: NaiveTime, ends_at: NaiveTime) -> bool {
        self.day == day && self.starts_at < ends_at && starts_at < self.ends_at
    }
}

/// A person's name as the school typed it.
pub fn person_name(first: Option<&str>, last: Option<&str>) -> String {
    [first, last]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A room as the clash rules compare it: trimmed, case folded.
pub fn room_key(room: &str) -> String {
    room.trim().to_lowercase()
}

#[diesel::dsl::auto_type(no_type_alias)]
fn lesson_rows(org: OrganizationId) -> _ {
    let period_live: school::timetable_periods::is_live = school::timetable_periods::is_live(org);
    timetable_periods::table
        .filter(period_live)
        .inner_join(
            class_subjects::table
                .inner_join(classes::table)
                .inner_join(subjects::table)
                .left_join(staff::table),
        )
        .select((
            timetable_periods::id,
            timetable_periods::timetable_id,
            timetable_periods::class_subject_id,
            timetable_periods::day_of_week,
            timetable_periods::starts_at,
            timetable_periods::ends_at,
            timetable_periods::room,
            timetable_periods::class_id,
            classes::name,
            subjects::name,
            class_subjects::teacher_id,
            staff::first_name.nullable(),
            staff::last_name.nullable(),
        ))
}

/// Which lessons of a timetable a grid shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Class(Uuid),
    Teacher(Uuid),
    Room(String),
    Day(DayOfWeek),
}

/// The lessons of a timetable in one view, by day and time.
pub fn lessons(tenant: &mut Tenant<'_>, timetable: Uuid, view: &View) -> QueryResult<Vec<Lesson>> {
    let mut query = lesson_rows(tenant.organization())
        .filter(timetable_periods::timetable_id.eq(timetable))
        .order((
            timetable_periods::day_of_week.asc(),
            timetable_periods::starts_at.asc(),
        ))
        .into_boxed();
    query = match view {
        View::Class(id) => query.filter(timetable_periods::class_id.eq(*id)),
        View::Teacher(id) => query.filter(class_subjects::teacher_id.eq(*id)),
        View::Room(room) => query.filter(timetable_periods::room.eq(room.clone())),
        View::Day(day) => query.filter(timetable_periods::day_of_week.eq(*day)),
    };
    query.load(tenant.conn())
}

/// The lessons these teachers give in these timetables, by day and time.
pub fn lessons_of_teachers(
    tenant: &mut Tenant<'_>,
    timetables: &[Uuid],
    teachers: &[Uuid],
) -> QueryResult<Vec<Lesson>> {
    lesson_rows(tenant.organization())
        .filter(timetable_periods::timetable_id.eq_any(timetables))
        .filter(class_subjects::teacher_id.eq_any(teachers))
        .order((
            timetable_periods::day_of_week.asc(),
            timetable_periods::starts_at.asc(),
        ))
        .load(tenant.conn())
}

pub fn lesson(tenant: &mut Tenant<'_>, timetable: Uuid, id: Uuid) -> QueryResult<Lesson> {
    lesson_rows(tenant.organization())
        .filter(timetable_periods::timetable_id.eq(timetable))
        .filter(timetable_periods::id.eq(id))
        .first(tenant.conn())
}

/// A class subject a lesson can be made of.
#[derive(Queryable, Clone, Debug)]
pub struct ClassSubjectChoice {
    pub id: Uuid,
    pub class_id: Uuid,
    pub class_name: String,
    pub subject_name: String,
    pub teacher_id: Option<Uuid>,
    pub teacher_first: Option<String>,
    pub teacher_last: Option<String>,
}

/// The class subjects of the timetable's campus and year, by class and subject.
pub fn class_subjects(
    tenant: &mut Tenant<'_>,
    timetable: &TimetableRow,
) -> QueryResult<Vec<ClassSubjectChoice>> {
    let org = tenant.organization();
    school::class_subjects::live(tenant)
        .inner_join(classes::table)
        .inner_join(subjects::table)
        .left_join(staff::table)
        .filter(school::classes::is_live(org))
        .filter(classes::campus_id.eq(timetable.campus_id))
        .filter(classes::academic_year_id.eq(timetable.academic_year_id))
        .order((classes::name.asc(), subjects::name.asc()))
        .select((
            class_subjects::id,
            classes::id,
            classes::name,
            subjects::name,
            class_subjects::teacher_id,
            staff::first_name.nullable(),
            staff::last_name.nullable(),
        ))
        .load(tenant.conn())
}

/// The classes of the timetable's campus and year, by name: the grid's class picker.
pub fn classes_of_year(
    tenant: &mut Tenant<'_>,
    timetable: &TimetableRow,
) -> QueryResult<Vec<(Uuid, String)>> {
    school::classes::live(tenant)
        .filter(classes::campus_id.eq(timetable.campus_id))
        .filter(classes::academic_year_id.eq(timetable.academic_year_id))
        .order((classes::name.asc(), classes::id.asc()))
        .select((classes::id, classes::name))
        .load(tenant.conn())
}

/// The teachers of the subjects of the timetable's campus and year, by name as the
/// grid shows it: the grid's teacher picker.
pub fn teachers_of_classes(
    tenant: &mut Tenant<'_>,
    timetable: &TimetableRow,
) -> QueryResult<Vec<(Uuid, String)>> {
    let org = tenant.organization();
    let teaches_here = diesel::dsl::exists(
        school::class_subjects::live(tenant)
            .inner_join(classes::table)
            .filter(class_subjects::teacher_id.eq(staff::id.nullable()))
            .filter(school::classes::is_live(org))
            .filter(classes::campus_id.eq(timetable.campus_id))
            .filter(classes::academic_year_id.eq(timetable.academic_year_id)),
    );
    let rows: Vec<(Uuid, Option<String>, Option<String>)> = staff::table
        .filter(staff::organization_id.eq(org.uuid()))
        .filter(teaches_here)
        .select((staff::id, staff::first_name, staff::last_name))
        .load(tenant.conn())?;
    let mut named: Vec<(Uuid, String)> = rows
        .into_iter()
        .map(|(id, first, last)| (id, person_name(first.as_deref(), last.as_deref())))
        .collect();
    named.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(named)
}

/// The rooms the timetable's lessons use, in order.
pub fn rooms(tenant: &mut Tenant<'_>, timetable: Uuid) -> QueryResult<Vec<String>> {
    let rooms: Vec<Option<String>> = school::timetable_periods::live(tenant)
        .filter(timetable_periods::timetable_id.eq(timetable))
        .filter(timetable_periods::room.is_not_null())
        .select(timetable_periods::room)
        .distinct()
        .order(timetable_periods::room.asc())
        .load(tenant.conn())?;
    Ok(rooms.into_iter().flatten().collect())
}

/// Where a lesson goes: a day, a time, a room.
#[derive(Clone, Debug)]
pub struct Placement {
    pub day: DayOfWeek,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub room: Option<String>,
}

/// What a clash is with: the other lesson, and which rule it breaks.
#[derive(Clone, Debug)]
pub struct Clash {
    pub kind: ClashKind,
    pub other: Lesson,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClashKind {
    Room,
    Class,
    Teacher,
}

impl ClashKind {
    fn of_constraint(name: &str) -> Option<ClashKind> {
        match name {
            "timetable_periods_room_free" => Some(ClashKind::Room),
            "timetable_periods_class_free" => Some(ClashKind::Class),
            "timetable_periods_teacher_free" => Some(ClashKind::Teacher),
            _ => None,
        }
    }
}

/// A write refused: a clash, or a row that is not there.
#[derive(Debug)]
pub enum WriteError {
    Clash(Box<Clash>),
    Db(DieselError),
}

impl From<DieselError> for WriteError {
    fn from(e: DieselError) -> Self {
        WriteError::Db(e)
    }
}

/// The clash rule a refused statement broke, if it was one.
fn clash_kind(e: &DieselError) -> Option<ClashKind> {
    match e {
        DieselError::DatabaseError(_, info) => {
            info.constraint_name().and_then(ClashKind::of_constraint)
        }
        _ => None,
    }
}

/// Adds a lesson of a class subject to a draft timetable. A clash stores nothing
/// and names the lesson it clashes with.
pub fn add_lesson(
    tenant: &mut Tenant<'_>,
    timetable: Uuid,
    class_subject: Uuid,
    at: &Placement,
) -> Result<Uuid, WriteError> {
    let org = tenant.organization().uuid();
    let user = tenant.user().map(|u| u.uuid());
    let written = tenant.transaction(|tenant| {
        diesel::insert_into(timetable_periods::table)
            .values((
                timetable_periods::organization_id.eq(org),
                timetable_periods::timetable_id.eq(timetable),
                timetable_periods::class_subject_id.eq(class_subject),
                timetable_periods::day_of_week.eq(at.day),
                timetable_periods::starts_at.eq(at.starts_at),
                timetable_periods::ends_at.eq(at.ends_at),
                timetable_periods::room.eq(at.room.as_deref()),
                timetable_periods::created_by_id.eq(user),
            ))
            .returning(timetable_periods::id)
            .get_result::<Uuid>(tenant.conn())
    });
    written.map_err(|e| explain(tenant, e, timetable, None, class_subject, at))
}

/// Moves a lesson to another day, time or room.
pub fn move_lesson(
    tenant: &mut Tenant<'_>,
    lesson: &Lesson,
    at: &Placement,
) -> Result<(), WriteError> {
    let user = tenant.user().map(|u| u.uuid());
    let written = tenant.transaction(|tenant| {
        diesel::update(timetable_periods::table.filter(timetable_periods::id.eq(lesson.id)))
            .set((
                timetable_periods::day_of_week.eq(at.day),
                timetable_periods::starts_at.eq(at.starts_at),
                timetable_periods::ends_at.eq(at.ends_at),
                timetable_periods::room.eq(at.room.as_deref()),
                timetable_periods::clash_exempt.eq(false),
                timetable_periods::updated_by_id.eq(user),
            ))
            .execute(tenant.conn())
    });
    written.map(|_| ()).map_err(|e| {
        explain(
            tenant,
            e,
            lesson.timetable_id,
            Some(lesson.id),
            lesson.class_subject_id,
            at,
        )
    })
}

/// Removes a lesson (a soft delete: its row stays for the record).
pub fn delete_lesson(tenant: &mut Tenant<'_>, lesson: &Lesson) -> QueryResult<()> {
    let user = tenant.user().map(|u| u.uuid());
    diesel::update(timetable_periods::table.filter(timetable_periods::id.eq(lesson.id)))
        .set((
            timetable_periods::deleted_at.eq(diesel::dsl::now),
            timetable_periods::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())?;
    Ok(())
}

/// Turns a refused write into the clash it hit, naming the other lesson.
fn explain(
    tenant: &mut Tenant<'_>,
    e: DieselError,
    timetable: Uuid,
    moving: Option<Uuid>,
    class_subject: Uuid,
    at: &Placement,
) -> WriteError {
    let Some(kind) = clash_kind(&e) else {
        return WriteError::Db(e);
    };
    match other_lesson(tenant, timetable, moving, class_subject, at, kind) {
        Ok(Some(other)) => WriteError::Clash(Box::new(Clash { kind, other })),
        Ok(None) => WriteError::Db(e),
        Err(e) => WriteError::Db(e),
    }
}

fn other_lesson(
    tenant: &mut Tenant<'_>,
    timetable: Uuid,
    moving: Option<Uuid>,
    class_subject: Uuid,
    at: &Placement,
    kind: ClashKind,
) -> QueryResult<Option<Lesson>> {
    let (class_id, teacher_id): (Uuid, Option<Uuid>) = class_subjects::table
        .filter(class_subjects::id.eq(class_subject))
        .select((class_subjects::class_id, class_subjects::teacher_id))
        .first(tenant.conn())?;
    let same_day = lessons(tenant, timetable, &View::Day(at.day))?;
    let room = at.room.as_deref().map(room_key);
    Ok(same_day.into_iter().find(|l| {
        Some(l.id) != moving
            && l.overlaps(at.day, at.starts_at, at.ends_at)
            && match kind {
                ClashKind::Room => room.is_some() && l.room_key() == room,
                ClashKind::Class => l.class_id == class_id,
                ClashKind::Teacher => teacher_id.is_some() && l.teacher_id == teacher_id,
            }
    }))
}

#[derive(QueryableByName)]
struct ClashPair {
    #[diesel(sql_type = SqlUuid)]
    first: Uuid,
    #[diesel(sql_type = SqlUuid)]
    second: Uuid,
    #[diesel(sql_type = Text)]
    kind: String,
}

/// Every pair of lessons of a timetable that meet at the same time and share a room,
/// a class or a teacher; lessons that clashed before the rules, or whose class
/// subject changed teacher since, are found here.
const CLASHES_SQL: &str = "
SELECT a.id AS first, b.id AS second, k.kind
FROM timetable_periods a
JOIN timetable_periods b ON b.timetable_id = a.timetable_id AND b.day_of_week = a.day_of_week
     AND b.id > a.id AND b.deleted_at IS NULL
     AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
JOIN class_subjects ca ON ca.id = a.class_subject_id
JOIN class_subjects cb ON cb.id = b.class_subject_id
CROSS JOIN LATERAL (VALUES
    ('teacher', ca.teacher_id IS NOT NULL AND ca.teacher_id = cb.teacher_id),
    ('room', lower(btrim(a.room)) = lower(btrim(b.room))),
    ('class', a.class_id = b.class_id)
) AS k(kind, hit)
WHERE a.timetable_id = $1 AND a.deleted_at IS NULL AND k.hit
ORDER BY a.day_of_week, a.starts_at, k.kind
";

/// The clashes of a timetable: each pair of lessons, and what they share.
pub fn clashes(
    tenant: &mut Tenant<'_>,
    timetable: Uuid,
) -> QueryResult<Vec<(ClashKind, Lesson, Lesson)>> {
    let pairs: Vec<ClashPair> = diesel::sql_query(CLASHES_SQL)
        .bind::<SqlUuid, _>(timetable)
        .load(tenant.conn())?;
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = pairs.iter().flat_map(|p| [p.first, p.second]).collect();
    let found: Vec<Lesson> = lesson_rows(tenant.organization())
        .filter(timetable_periods::id.eq_any(ids))
        .load(tenant.conn())?;
    let by_id = |id: Uuid| found.iter().find(|l| l.id == id).cloned();
    Ok(pairs
        .iter()
        .filter_map(|p| {
            let kind = match p.kind.as_str() {
                "teacher" => ClashKind::Teacher,
                "room" => ClashKind::Room,
                _ => ClashKind::Class,
            };
            Some((kind, by_id(p.first)?, by_id(p.second)?))
        })
        .collect())
}

/// Copies a timetable's lessons into a new draft of the same campus and year.
pub fn copy_as_draft(tenant: &mut Tenant<'_>, source: &TimetableRow) -> QueryResult<Uuid> {
    let org = tenant.organization().uuid();
    let user = tenant.user().map(|u| u.uuid());
    tenant.transaction(|tenant| {
        let draft: Uuid = diesel::insert_into(timetables::table)
            .values((
                timetables::organization_id.eq(org),
                timetables::campus_id.eq(source.campus_id),
                timetables::academic_year_id.eq(source.academic_year_id),
                timetables::name.eq(&source.name),
                timetables::status.eq(TimetableStatus::Draft),
                timetables::effective_to.eq(source.effective_to),
                timetables::created_by_id.eq(user),
            ))
            .returning(timetables::id)
            .get_result(tenant.conn())?;
        let copied = school::timetable_periods::live(tenant)
            .filter(timetable_periods::timetable_id.eq(source.id))
            .select((
                timetable_periods::organization_id,
                draft.into_sql::<SqlUuid>(),
                timetable_periods::class_subject_id,
                timetable_periods::day_of_week,
                timetable_periods::starts_at,
                timetable_periods::ends_at,
                timetable_periods::room,
                timetable_periods::clash_exempt,
            ));
        diesel::insert_into(timetable_periods::table)
            .values(copied)
            .into_columns((
                timetable_periods::organization_id,
                timetable_periods::timetable_id,
                timetable_periods::class_subject_id,
                timetable_periods::day_of_week,
                timetable_periods::starts_at,
                timetable_periods::ends_at,
                timetable_periods::room,
                timetable_periods::clash_exempt,
            ))
            .execute(tenant.conn())?;
        Ok(draft)
    })
}

/// Why a draft was not published.
#[derive(Debug)]
pub enum PublishError {
    NotDraft,
    BeforeToday,
    Clashes(usize),
    Db(DieselError),
}

impl From<DieselError> for PublishError {
    fn from(e: DieselError) -> Self {
        PublishError::Db(e)
    }
}

/// Publishes a draft from `from`: the campus's timetables in effect then end the day
/// before (or are archived when they would only have started later), so every day
/// before `from` keeps the timetable it had.
pub fn publish(
    tenant: &mut Tenant<'_>,
    draft: &TimetableRow,
    from: NaiveDate,
) -> Result<(), PublishError> {
    if !draft.is_draft() {
        return Err(PublishError::NotDraft);
    }
    if from < tenant.today() {
        return Err(PublishError::BeforeToday);
    }
    let open = clashes(tenant, draft.id)?.len();
    if open > 0 {
        return Err(PublishError::Clashes(open));
    }
    let day_before = from.pred_opt().unwrap_or(from);
    let user = tenant.user().map(|u| u.uuid());
    tenant.transaction(|tenant| {
        let current: Vec<(Uuid, Option<NaiveDate>, Option<NaiveDate>)> =
            school::timetables::live(tenant)
                .filter(timetables::campus_id.eq(draft.campus_id))
                .filter(timetables::status.eq(TimetableStatus::Published))
                .filter(
                    timetables::effective_to
                        .is_null()
                        .or(timetables::effective_to.ge(from)),
                )
                .select((
                    timetables::id,
                    timetables::effective_from,
                    timetables::effective_to,
                ))
                .for_update()
                .load(tenant.conn())?;
        let mut until = draft.effective_to;
        for (id, starts, ends) in current {
            let row = timetables::table.filter(timetables::id.eq(id));
            if starts.is_some_and(|s| s >= from) {
                diesel::update(row)
                    .set((
                        timetables::status.eq(TimetableStatus::Archived),
                        timetables::updated_by_id.eq(user),
                    ))
                    .execute(tenant.conn())?;
            } else {
                diesel::update(row)
                    .set((
                        timetables::effective_to.eq(day_before),
                        timetables::updated_by_id.eq(user),
                    ))
                    .execute(tenant.conn())?;
            }
            until = until.or(ends);
        }
        let until = until.filter(|u| *u >= from);
        diesel::update(timetables::table.filter(timetables::id.eq(draft.id)))
            .set((
                timetables::status.eq(TimetableStatus::Published),
                timetables::effective_from.eq(from),
                timetables::effective_to.eq(until),
                timetables::updated_by_id.eq(user),
            ))
            .execute(tenant.conn())?;
        Ok(())
    })
}

/// The Monday after `date`: the usual first day of a new timetable.
pub fn next_monday(date: NaiveDate) -> NaiveDate {
    let ahead = 7 - i64::from(date.weekday().num_days_from_monday());
    date + chrono::Duration::days(ahead)
}

/// The timetables in effect on `date` (one per campus that has one), by the one rule
/// every reader uses: their ids and campuses.
pub fn in_effect(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<Vec<(Uuid, Uuid)>> {
    school::timetables::live(tenant)
        .filter(school::timetable_in_effect(date))
        .select((timetables::id, timetables::campus_id))
        .load(tenant.conn())
}

//! The calendar's reads and writes, against the tenant handle.

use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Date, Integer, Nullable, Text, Time, Uuid as SqlUuid};
use uuid::Uuid;

use super::event::Event;
use crate::communication::queries::Choice;
use crate::db::Tenant;
use crate::db::enums::MessageAudience;
use crate::db::schema::sql_types;

crate::live_rows!(communication_events);

/// Whose calendar is shown: everything for those who read all events, else the
/// events whose audience includes them as staff, as a guardian of their children,
/// or as a student.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub reads_all: bool,
    /// Their staff records, and the campuses of those (none: any campus).
    pub staff: Vec<Uuid>,
    pub staff_campuses: Vec<Uuid>,
    pub staff_any_campus: bool,
    /// The students they are a guardian of, and the students they are.
    pub children: Vec<Uuid>,
    pub own: Vec<Uuid>,
    /// The campuses of those students.
    pub family_campuses: Vec<Uuid>,
}

#[derive(QueryableByName)]
struct Who {
    #[diesel(sql_type = Array<SqlUuid>)]
    staff: Vec<Uuid>,
    #[diesel(sql_type = Array<SqlUuid>)]
    staff_campuses: Vec<Uuid>,
    #[diesel(sql_type = Bool)]
    staff_any_campus: bool,
    #[diesel(sql_type = Array<SqlUuid>)]
    children: Vec<Uuid>,
    #[diesel(sql_type = Array<SqlUuid>)]
    own: Vec<Uuid>,
    #[diesel(sql_type = Array<SqlUuid>)]
    family_campuses: Vec<Uuid>,
}

/// Who the acting user is to the school: staff, a guardian (by the address a
/// guardian's record holds, as messages find them), a student (by theirs). Read
/// as Homeroom: a guardian's account may not read the students' records.
pub fn viewer(tenant: &mut Tenant<'_>, reads_all: bool) -> QueryResult<Viewer> {
    let Some(user) = tenant.user() else {
        return Ok(Viewer {
            reads_all: true,
            ..Viewer::default()
        });
    };
    let organization = tenant.organization();
    let who: Who = tenant.as_system(|tenant| {
        diesel::sql_query(
            "WITH me AS (SELECT lower(btrim(email)) AS email FROM users WHERE id = $2),
             st AS (SELECT id, campus_id FROM staff
                    WHERE organization_id = $1 AND user_id = $2 AND deleted_at IS NULL),
             kids AS (SELECT DISTINCT g.student_id AS id FROM guardians g
                      LEFT JOIN guardian_people p ON p.id = g.person_id AND p.deleted_at IS NULL
                      JOIN students s ON s.id = g.student_id AND s.deleted_at IS NULL
                      WHERE g.organization_id = $1 AND g.deleted_at IS NULL
                        AND lower(btrim(coalesce(p.email, g.email))) = (SELECT email FROM me)),
             mine AS (SELECT id FROM students
                      WHERE organization_id = $1 AND deleted_at IS NULL
                        AND lower(btrim(email)) = (SELECT email FROM me))
             SELECT coalesce((SELECT array_agg(id) FROM st), '{}') AS staff,
                    coalesce((SELECT array_agg(campus_id) FROM st WHERE campus_id IS NOT NULL),
                             '{}') AS staff_campuses,
                    EXISTS (SELECT 1 FROM st WHERE campus_id IS NULL) AS staff_any_campus,
                    coalesce((SELECT array_agg(id) FROM kids), '{}') AS children,
                    coalesce((SELECT array_agg(id) FROM mine), '{}') AS own,
                    coalesce((SELECT array_agg(DISTINCT s.campus_id) FROM students s
                              WHERE s.id IN (SELECT id FROM kids UNION SELECT id FROM mine)),
                             '{}') AS family_campuses",
        )
        .bind::<SqlUuid, _>(organization)
        .bind::<SqlUuid, _>(user)
        .get_result(tenant.conn())
    })?;
    Ok(Viewer {
        reads_all,
        staff: who.staff,
        staff_campuses: who.staff_campuses,
        staff_any_campus: who.staff_any_campus,
        children: who.children,
        own: who.own,
        family_campuses: who.family_campuses,
    })
}

#[derive(QueryableByName)]
struct EventRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    event_type: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    campus_id: Option<Uuid>,
    #[diesel(sql_type = Date)]
    event_date: NaiveDate,
    #[diesel(sql_type = Nullable<Date>)]
    ends_on: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Time>)]
    starts_at: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Time>)]
    ends_at: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Text>)]
    location: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    description: Option<String>,
    #[diesel(sql_type = sql_types::MessageAudience)]
    audience: MessageAudience,
    #[diesel(sql_type = Array<SqlUuid>)]
    audience_ids: Vec<Uuid>,
    #[diesel(sql_type = Bool)]
    reach_staff: bool,
    #[diesel(sql_type = Bool)]
    reach_guardians: bool,
    #[diesel(sql_type = Bool)]
    reach_students: bool,
    #[diesel(sql_type = Integer)]
    remind_days_before: i32,
}

impl From<EventRow> for Event {
    fn from(r: EventRow) -> Event {
        Event {
            id: Some(r.id),
            title: r.title,
            kind: r.event_type,
            campus_id: r.campus_id,
            date: r.event_date,
            ends_on: r.ends_on,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            location: r.location,
            description: r.description,
            audience: r.audience,
            audience_ids: r.audience_ids,
            staff: r.reach_staff,
            guardians: r.reach_guardians,
            students: r.reach_students,
            remind_days_before: r.remind_days_before,
        }
    }
}

const COLUMNS: &str = "e.id, e.title, e.event_type, e.campus_id, e.event_date, e.ends_on, \
     e.starts_at, e.ends_at, e.location, e.description, e.audience, e.audience_ids, \
     e.reach_staff, e.reach_guardians, e.reach_students, e.remind_days_before";

/// Whether the students `$S` are in the event's grades or classes.
fn in_scope(students: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM class_enrollments en
                 JOIN classes c ON c.id = en.class_id AND c.deleted_at IS NULL
                 WHERE en.deleted_at IS NULL AND en.status = 'active'
                   AND en.student_id = ANY({students})
                   AND (c.id = ANY(e.audience_ids) OR c.grade_id = ANY(e.audience_ids)))"
    )
}

/// The events on any day from `from` to `to` that the viewer may see, at `campus`
/// (and those of the whole school) or at every campus; by day, then time.
/// Binds $1 organization, $2 from, $3 to, $4 campus, $5 reads all, $6 staff,
/// $7 staff campuses, $8 any campus, $9 children, $10 own, $11 family campuses.
pub fn events_between(
    tenant: &mut Tenant<'_>,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
    campus: Option<Uuid>,
) -> QueryResult<Vec<Event>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM communication_events e
         WHERE e.organization_id = $1 AND e.deleted_at IS NULL
           AND e.event_date <= $3 AND coalesce(e.ends_on, e.event_date) >= $2
           AND ($4::uuid IS NULL OR e.campus_id IS NULL OR e.campus_id = $4)
           AND ($5
             OR (e.reach_staff AND cardinality($6) > 0
                 AND ($8 OR e.campus_id IS NULL OR e.campus_id = ANY($7))
                 AND (e.audience IN ('everyone', 'staff')
                      OR EXISTS (SELECT 1 FROM classes c WHERE c.deleted_at IS NULL
                                 AND c.homeroom_teacher_id = ANY($6)
                                 AND (c.id = ANY(e.audience_ids)
                                      OR c.grade_id = ANY(e.audience_ids)))))
             OR (e.reach_guardians AND cardinality($9) > 0
                 AND (e.campus_id IS NULL OR e.campus_id = ANY($11))
                 AND (e.audience IN ('everyone', 'guardians') OR {children}))
             OR (e.reach_students AND cardinality($10) > 0
                 AND (e.campus_id IS NULL OR e.campus_id = ANY($11))
                 AND (e.audience IN ('everyone', 'students') OR {own})))
         ORDER BY e.event_date, e.starts_at NULLS FIRST, e.title, e.id",
        children = in_scope("$9"),
        own = in_scope("$10"),
    );
    let organization = tenant.organization();
    let viewer = viewer.clone();
    // Judging who an event is for reads classes and enrolments a family may not.
    let rows: Vec<EventRow> = tenant.as_system(|tenant| {
        diesel::sql_query(&sql)
            .bind::<SqlUuid, _>(organization)
            .bind::<Date, _>(from)
            .bind::<Date, _>(to)
            .bind::<Nullable<SqlUuid>, _>(campus)
            .bind::<Bool, _>(viewer.reads_all)
            .bind::<Array<SqlUuid>, _>(&viewer.staff)
            .bind::<Array<SqlUuid>, _>(&viewer.staff_campuses)
            .bind::<Bool, _>(viewer.staff_any_campus)
            .bind::<Array<SqlUuid>, _>(&viewer.children)
            .bind::<Array<SqlUuid>, _>(&viewer.own)
            .bind::<Array<SqlUuid>, _>(&viewer.family_campuses)
            .load(tenant.conn())
    })?;
    Ok(rows.into_iter().map(Event::from).collect())
}

/// One live event of the school.
pub fn load(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Event>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM communication_events e
         WHERE e.id = $1 AND e.organization_id = $2 AND e.deleted_at IS NULL"
    );
    let row: Option<EventRow> = diesel::sql_query(sql)
        .bind::<SqlUuid, _>(id)
        .bind::<SqlUuid, _>(tenant.organization())
        .get_result(tenant.conn())
        .optional()?;
    Ok(row.map(Event::from))
}

/// Stores the event (new when it has no id); returns its id, or none when the
/// event to change is no longer there. A changed date or reminder sends the
/// reminder again when it falls due.
pub fn save(tenant: &mut Tenant<'_>, event: &Event) -> QueryResult<Option<Uuid>> {
    use crate::db::schema::communication_events as e;
    let user = tenant.user().map(|u| u.uuid());
    let values = (
        e::title.eq(&event.title),
        e::event_type.eq(&event.kind),
        e::campus_id.eq(event.campus_id),
        e::event_date.eq(event.date),
        e::ends_on.eq(event.ends_on),
        e::starts_at.eq(event.starts_at),
        e::ends_at.eq(event.ends_at),
        e::location.eq(&event.location),
        e::description.eq(&event.description),
        e::audience.eq(event.audience),
        e::audience_ids.eq(&event.audience_ids),
        e::reach_staff.eq(event.staff),
        e::reach_guardians.eq(event.guardians),
        e::reach_students.eq(event.students),
        e::remind_days_before.eq(event.remind_days_before),
        e::updated_by_id.eq(user),
    );
    match event.id {
        None => diesel::insert_into(e::table)
            .values((
                values,
                e::organization_id.eq(tenant.organization()),
                e::created_by_id.eq(user),
            ))
            .returning(e::id)
            .get_result(tenant.conn())
            .map(Some),
        Some(id) => {
            let before = load(tenant, id)?;
            let Some(before) = before else {
                return Ok(None);
            };
            let remind_again =
                before.date != event.date || before.remind_days_before != event.remind_days_before;
            let target = communication_events::live(tenant).filter(e::id.eq(id));
            let updated = diesel::update(target)
                .set(values)
                .returning(e::id)
                .get_result(tenant.conn())
                .optional()?;
            if remind_again && updated.is_some() {
                diesel::update(e::table.find(id))
                    .set(e::reminder_sent_at.eq(None::<chrono::DateTime<chrono::Utc>>))
                    .execute(tenant.conn())?;
            }
            Ok(updated)
        }
    }
}

/// The school's live campuses, by name.
pub fn campuses(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Choice>> {
    use crate::db::schema::campuses as ca;
    let rows: Vec<(Uuid, String)> = crate::school::queries::campuses::live(tenant)
        .order((ca::name.asc(), ca::id.asc()))
        .select((ca::id, ca::name))
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Choice { id, name })
        .collect())
}

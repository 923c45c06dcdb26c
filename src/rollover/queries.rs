//! The rollover's SQL, on the tenant handle. Every statement works on whole sets
//! (`INSERT … SELECT`, `UPDATE … FROM`), so a district of 20,000 students turns
//! over in a handful of statements rather than one round trip per student.
//!
//! The plan ([`plan!`]) is one set of common table expressions that both the
//! preview and the run read: the year's classes ranked by grade, where each class
//! moves to, and each active student's decision. The preview counts it; the run
//! acts on it, so what the office saw is what happens.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Date, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;

/// The plan of a year's rollover, binding `$1` the organization and `$2` the year.
///
/// `year_classes`: the year's active classes with their grade's rank (grades that
/// have classes this year, by `sort_order`); `targets`: each class's proposed next
/// class (the next rank's class, same campus and section first) and the one the
/// office chose (`NULL`: its students graduate); `moves`: each active student once,
/// with `promote`, `repeat`, `graduate` or `leave` and the class of this year whose
/// copy they join.
macro_rules! plan {
    () => {
        "WITH ranked AS (
            SELECT g.id, row_number() OVER (ORDER BY g.sort_order NULLS LAST, g.name, g.id) AS rank
            FROM grades g
            WHERE g.organization_id = $1 AND g.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM classes c WHERE c.grade_id = g.id AND c.academic_year_id = $2
                          AND c.deleted_at IS NULL AND c.status = 'active')
        ), year_classes AS (
            SELECT c.id, c.campus_id, c.grade_id, c.name, c.section, r.rank
            FROM classes c JOIN ranked r ON r.id = c.grade_id
            WHERE c.organization_id = $1 AND c.academic_year_id = $2
              AND c.deleted_at IS NULL AND c.status = 'active'
        ), targets AS (
            SELECT c.id AS class_id, d.id AS proposed_id,
                   CASE WHEN t.id IS NULL THEN d.id ELSE t.target_class_id END AS target_id
            FROM year_classes c
            LEFT JOIN rollover_class_targets t ON t.class_id = c.id
            LEFT JOIN LATERAL (
                SELECT n.id FROM year_classes n WHERE n.rank = c.rank + 1
                ORDER BY n.campus_id = c.campus_id DESC,
                         coalesce(n.section, '') = coalesce(c.section, '') DESC, n.name, n.id
                LIMIT 1
            ) d ON true
        ), pupils AS (
            SELECT DISTINCT ON (e.student_id) e.student_id, e.class_id
            FROM class_enrollments e
            JOIN year_classes c ON c.id = e.class_id
            JOIN students s ON s.id = e.student_id AND s.deleted_at IS NULL AND s.status = 'active'
            WHERE e.status = 'active' AND e.deleted_at IS NULL
            ORDER BY e.student_id, e.enrolled_on DESC NULLS LAST, e.id
        ), moves AS (
            SELECT p.student_id, p.class_id,
                   CASE WHEN sc.choice = 'leave' THEN 'leave'
                        WHEN sc.choice = 'repeat' THEN 'repeat'
                        WHEN t.target_id IS NULL THEN 'graduate'
                        ELSE 'promote' END AS decision,
                   CASE WHEN sc.choice = 'leave' THEN NULL
                        WHEN sc.choice = 'repeat' THEN p.class_id
                        ELSE t.target_id END AS target_id
            FROM pupils p
            JOIN targets t ON t.class_id = p.class_id
            LEFT JOIN rollover_student_choices sc
                   ON sc.class_id = p.class_id AND sc.student_id = p.student_id
        )"
    };
}

/// A class of `$3` (the new year) that is the copy of the class `$old`: the same
/// campus, name and section.
macro_rules! copy_of {
    ($old:literal, $new:literal) => {
        concat!(
            $new,
            ".academic_year_id = $3 AND ",
            $new,
            ".campus_id = ",
            $old,
            ".campus_id AND ",
            $new,
            ".name = ",
            $old,
            ".name AND coalesce(",
            $new,
            ".section, '') = coalesce(",
            $old,
            ".section, '') AND ",
            $new,
            ".deleted_at IS NULL"
        )
    };
}

/// An academic year.
#[derive(Clone, Debug, QueryableByName)]
pub struct Year {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Date)]
    pub start_date: NaiveDate,
    #[diesel(sql_type = Date)]
    pub end_date: NaiveDate,
    #[diesel(sql_type = Bool)]
    pub current: bool,
}

const YEAR_COLUMNS: &str = "SELECT id, name, start_date, end_date, current FROM academic_years \
     WHERE organization_id = $1 AND deleted_at IS NULL";

/// The school's current year.
pub fn current_year(tenant: &mut Tenant<'_>) -> QueryResult<Option<Year>> {
    let organization = tenant.organization();
    diesel::sql_query(format!("{YEAR_COLUMNS} AND current"))
        .bind::<SqlUuid, _>(organization)
        .get_result(tenant.conn())
        .optional()
}

/// A live year of the school, by id.
pub fn year(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Year>> {
    let organization = tenant.organization();
    diesel::sql_query(format!("{YEAR_COLUMNS} AND id = $2"))
        .bind::<SqlUuid, _>(organization)
        .bind::<SqlUuid, _>(id)
        .get_result(tenant.conn())
        .optional()
}

/// A live year of the school, by name.
pub fn year_named(tenant: &mut Tenant<'_>, name: &str) -> QueryResult<Option<Year>> {
    let organization = tenant.organization();
    diesel::sql_query(format!("{YEAR_COLUMNS} AND name = $2"))
        .bind::<SqlUuid, _>(organization)
        .bind::<Text, _>(name)
        .get_result(tenant.conn())
        .optional()
}

/// What the rollover copies from a year, counted.
#[derive(Clone, Debug, Default, QueryableByName)]
pub struct Copied {
    #[diesel(sql_type = BigInt)]
    pub grades: i64,
    #[diesel(sql_type = BigInt)]
    pub subjects: i64,
    #[diesel(sql_type = BigInt)]
    pub classes: i64,
    #[diesel(sql_type = BigInt)]
    pub class_subjects: i64,
    #[diesel(sql_type = BigInt)]
    pub terms: i64,
    #[diesel(sql_type = BigInt)]
    pub timetables: i64,
}

pub fn copied(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<Copied> {
    let organization = tenant.organization();
    diesel::sql_query(
        "SELECT
            (SELECT count(*) FROM grades WHERE organization_id = $1 AND deleted_at IS NULL) AS grades,
            (SELECT count(*) FROM subjects WHERE organization_id = $1 AND deleted_at IS NULL) AS subjects,
            (SELECT count(*) FROM classes WHERE organization_id = $1 AND academic_year_id = $2
                AND deleted_at IS NULL AND status = 'active') AS classes,
            (SELECT count(*) FROM class_subjects cs JOIN classes c ON c.id = cs.class_id
             WHERE cs.organization_id = $1 AND c.academic_year_id = $2 AND cs.deleted_at IS NULL
               AND c.deleted_at IS NULL AND c.status = 'active') AS class_subjects,
            (SELECT count(*) FROM academic_terms WHERE organization_id = $1 AND academic_year_id = $2
                AND deleted_at IS NULL) AS terms,
            (SELECT count(*) FROM timetables WHERE organization_id = $1 AND academic_year_id = $2
                AND deleted_at IS NULL AND status <> 'archived') AS timetables",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .get_result(tenant.conn())
}

/// A campus of the school.
#[derive(Clone, Debug, QueryableByName)]
pub struct Campus {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
}

/// The campuses that have active classes in the year, by name.
pub fn campuses(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<Vec<Campus>> {
    let organization = tenant.organization();
    diesel::sql_query(
        "SELECT p.id, p.name FROM campuses p
         WHERE p.organization_id = $1 AND p.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM classes c WHERE c.campus_id = p.id AND c.academic_year_id = $2
                       AND c.deleted_at IS NULL AND c.status = 'active')
         ORDER BY p.name, p.id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .load(tenant.conn())
}

/// A class of the year in the plan, with where it moves and its students' decisions.
#[derive(Clone, Debug, QueryableByName)]
pub struct PlannedClass {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub campus_id: Uuid,
    #[diesel(sql_type = Text)]
    pub campus: String,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub section: Option<String>,
    #[diesel(sql_type = Text)]
    pub grade: String,
    #[diesel(sql_type = BigInt)]
    pub rank: i64,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub proposed_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub target_id: Option<Uuid>,
    #[diesel(sql_type = BigInt)]
    pub students: i64,
    #[diesel(sql_type = BigInt)]
    pub promoted: i64,
    #[diesel(sql_type = BigInt)]
    pub repeating: i64,
    #[diesel(sql_type = BigInt)]
    pub graduating: i64,
    #[diesel(sql_type = BigInt)]
    pub leaving: i64,
}

/// Every active class of the year in the plan (`only`: just that one), by campus,
/// grade and name.
pub fn planned_classes(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    only: Option<Uuid>,
) -> QueryResult<Vec<PlannedClass>> {
    let organization = tenant.organization();
    diesel::sql_query(concat!(
        plan!(),
        " SELECT c.id, c.campus_id, p.name AS campus, c.name, c.section, g.name AS grade, c.rank,
                 t.proposed_id, t.target_id,
                 count(m.student_id) AS students,
                 count(*) FILTER (WHERE m.decision = 'promote') AS promoted,
                 count(*) FILTER (WHERE m.decision = 'repeat') AS repeating,
                 count(*) FILTER (WHERE m.decision = 'graduate') AS graduating,
                 count(*) FILTER (WHERE m.decision = 'leave') AS leaving
          FROM year_classes c
          JOIN campuses p ON p.id = c.campus_id
          JOIN grades g ON g.id = c.grade_id
          JOIN targets t ON t.class_id = c.id
          LEFT JOIN moves m ON m.class_id = c.id
          WHERE $3::uuid IS NULL OR c.id = $3
          GROUP BY c.id, c.campus_id, p.name, c.name, c.section, g.name, c.rank,
                   t.proposed_id, t.target_id
          ORDER BY p.name, c.campus_id, c.rank, c.name, c.section NULLS FIRST, c.id"
    ))
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .bind::<Nullable<SqlUuid>, _>(only)
    .load(tenant.conn())
}

/// A student of a class in the plan, with their decision.
#[derive(Clone, Debug, QueryableByName)]
pub struct PlannedStudent {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    pub student_number: Option<String>,
    #[diesel(sql_type = Text)]
    pub first_name: String,
    #[diesel(sql_type = Text)]
    pub last_name: String,
    #[diesel(sql_type = Text)]
    pub decision: String,
}

/// The active students of a class of the year, by name, with their decisions.
pub fn planned_students(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    class: Uuid,
) -> QueryResult<Vec<PlannedStudent>> {
    let organization = tenant.organization();
    diesel::sql_query(concat!(
        plan!(),
        " SELECT s.id, s.student_number, s.first_name, s.last_name, m.decision
          FROM moves m JOIN students s ON s.id = m.student_id
          WHERE m.class_id = $3
          ORDER BY s.last_name, s.first_name, s.id"
    ))
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .bind::<SqlUuid, _>(class)
    .load(tenant.conn())
}

/// Sets where a class of the year moves (`None`: its students graduate); the
/// proposed class is stored as no choice at all, so it follows later changes.
pub fn set_target(
    tenant: &mut Tenant<'_>,
    class: Uuid,
    target: Option<Uuid>,
    proposed: bool,
) -> QueryResult<()> {
    let organization = tenant.organization();
    if proposed {
        diesel::sql_query("DELETE FROM rollover_class_targets WHERE class_id = $1")
            .bind::<SqlUuid, _>(class)
            .execute(tenant.conn())?;
        return Ok(());
    }
    diesel::sql_query(
        "INSERT INTO rollover_class_targets (organization_id, class_id, target_class_id)
         VALUES ($1, $2, $3)
         ON CONFLICT (class_id) DO UPDATE SET target_class_id = EXCLUDED.target_class_id
         WHERE rollover_class_targets.target_class_id IS DISTINCT FROM EXCLUDED.target_class_id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(class)
    .bind::<Nullable<SqlUuid>, _>(target)
    .execute(tenant.conn())?;
    Ok(())
}

/// Sets a student's choice in their class: `None` moves on with the class.
pub fn set_choice(
    tenant: &mut Tenant<'_>,
    class: Uuid,
    student: Uuid,
    choice: Option<&'static str>,
) -> QueryResult<()> {
    let organization = tenant.organization();
    match choice {
        None => diesel::sql_query(
            "DELETE FROM rollover_student_choices WHERE class_id = $1 AND student_id = $2",
        )
        .bind::<SqlUuid, _>(class)
        .bind::<SqlUuid, _>(student)
        .execute(tenant.conn())?,
        Some(choice) => diesel::sql_query(
            "INSERT INTO rollover_student_choices (organization_id, class_id, student_id, choice)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (class_id, student_id) DO UPDATE SET choice = EXCLUDED.choice
             WHERE rollover_student_choices.choice <> EXCLUDED.choice",
        )
        .bind::<SqlUuid, _>(organization)
        .bind::<SqlUuid, _>(class)
        .bind::<SqlUuid, _>(student)
        .bind::<Text, _>(choice)
        .execute(tenant.conn())?,
    };
    Ok(())
}

/// The new year: found by name (a second run reuses it), else created. Returns it
/// and whether it was created.
pub fn find_or_create_year(
    tenant: &mut Tenant<'_>,
    name: &str,
    (starts_on, ends_on): (NaiveDate, NaiveDate),
) -> QueryResult<(Year, bool)> {
    if let Some(year) = year_named(tenant, name)? {
        return Ok((year, false));
    }
    let organization = tenant.organization();
    let user = tenant.user();
    let year = diesel::sql_query(
        "INSERT INTO academic_years (organization_id, name, start_date, end_date, current, created_by_id)
         VALUES ($1, $2, $3, $4, false, $5)
         RETURNING id, name, start_date, end_date, current",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<Text, _>(name)
    .bind::<Date, _>(starts_on)
    .bind::<Date, _>(ends_on)
    .bind::<Nullable<SqlUuid>, _>(user)
    .get_result(tenant.conn())?;
    Ok((year, true))
}

/// Makes `year` the school's current year (nothing changes when it already is).
pub fn make_current(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<()> {
    let organization = tenant.organization();
    diesel::sql_query(
        "UPDATE academic_years SET current = false
         WHERE organization_id = $1 AND current AND id <> $2 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .execute(tenant.conn())?;
    diesel::sql_query(
        "UPDATE academic_years SET current = true WHERE organization_id = $1 AND id = $2 AND NOT current",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .execute(tenant.conn())?;
    Ok(())
}

/// How many rows each copy added (zero for what a former run copied already).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub classes: usize,
    pub class_subjects: usize,
    pub terms: usize,
    pub timetables: usize,
    pub periods: usize,
}

/// Copies the year's active classes, their subjects and their timetables (as
/// drafts, with their periods) into the new year; what exists there already is
/// left as it is.
pub fn copy_structure(tenant: &mut Tenant<'_>, from: &Year, to: &Year) -> QueryResult<Added> {
    let organization = tenant.organization();
    let user = tenant.user();
    let classes = diesel::sql_query(concat!(
        "INSERT INTO classes (organization_id, campus_id, academic_year_id, grade_id,
                              homeroom_teacher_id, name, section, capacity, status, created_by_id)
         SELECT o.organization_id, o.campus_id, $3, o.grade_id, o.homeroom_teacher_id, o.name,
                o.section, o.capacity, 'active', $4
         FROM classes o
         WHERE o.organization_id = $1 AND o.academic_year_id = $2
           AND o.deleted_at IS NULL AND o.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM classes n WHERE ",
        copy_of!("o", "n"),
        ")"
    ))
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(from.id)
    .bind::<SqlUuid, _>(to.id)
    .bind::<Nullable<SqlUuid>, _>(user)
    .execute(tenant.conn())?;
    let class_subjects = diesel::sql_query(concat!(
        "INSERT INTO class_subjects (organization_id, class_id, subject_id, teacher_id, status,
                                     created_by_id)
         SELECT cs.organization_id, n.id, cs.subject_id, cs.teacher_id, cs.status, $4
         FROM class_subjects cs
         JOIN classes o ON o.id = cs.class_id AND o.academic_year_id = $2
              AND o.deleted_at IS NULL AND o.status = 'active'
         JOIN classes n ON ",
        copy_of!("o", "n"),
        " WHERE cs.organization_id = $1 AND cs.deleted_at IS NULL
         ON CONFLICT DO NOTHING"
    ))
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(from.id)
    .bind::<SqlUuid, _>(to.id)
    .bind::<Nullable<SqlUuid>, _>(user)
    .execute(tenant.conn())?;
    let timetables = diesel::sql_query(
        "INSERT INTO timetables (organization_id, campus_id, academic_year_id, name,
                                 effective_from, status, created_by_id)
         SELECT DISTINCT ON (o.campus_id, replace(o.name, $5, $6))
                o.organization_id, o.campus_id, $3, replace(o.name, $5, $6), $7, 'draft', $4
         FROM timetables o
         WHERE o.organization_id = $1 AND o.academic_year_id = $2
           AND o.deleted_at IS NULL AND o.status <> 'archived'
           AND NOT EXISTS (SELECT 1 FROM timetables n WHERE n.academic_year_id = $3
                           AND n.campus_id = o.campus_id AND n.name = replace(o.name, $5, $6)
                           AND n.deleted_at IS NULL)
         ORDER BY o.campus_id, replace(o.name, $5, $6), o.created_at, o.id",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(from.id)
    .bind::<SqlUuid, _>(to.id)
    .bind::<Nullable<SqlUuid>, _>(user)
    .bind::<Text, _>(&from.name)
    .bind::<Text, _>(&to.name)
    .bind::<Date, _>(to.start_date)
    .execute(tenant.conn())?;
    let periods = diesel::sql_query(concat!(
        "INSERT INTO timetable_periods (organization_id, timetable_id, class_subject_id,
                                        day_of_week, starts_at, ends_at, room, created_by_id)
         SELECT p.organization_id, nt.id, ncs.id, p.day_of_week, p.starts_at, p.ends_at, p.room, $4
         FROM timetable_periods p
         JOIN timetables ot ON ot.id = p.timetable_id AND ot.academic_year_id = $2
              AND ot.deleted_at IS NULL AND ot.status <> 'archived'
         JOIN timetables nt ON nt.academic_year_id = $3 AND nt.campus_id = ot.campus_id
              AND nt.name = replace(ot.name, $5, $6) AND nt.deleted_at IS NULL
              AND nt.status = 'draft'
         JOIN class_subjects ocs ON ocs.id = p.class_subject_id
         JOIN classes o ON o.id = ocs.class_id
         JOIN classes n ON ",
        copy_of!("o", "n"),
        " JOIN class_subjects ncs ON ncs.class_id = n.id AND ncs.subject_id = ocs.subject_id
              AND ncs.deleted_at IS NULL
         WHERE p.organization_id = $1 AND p.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM timetable_periods x WHERE x.timetable_id = nt.id
                           AND x.class_subject_id = ncs.id AND x.day_of_week = p.day_of_week
                           AND x.starts_at = p.starts_at AND x.deleted_at IS NULL)"
    ))
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(from.id)
    .bind::<SqlUuid, _>(to.id)
    .bind::<Nullable<SqlUuid>, _>(user)
    .bind::<Text, _>(&from.name)
    .bind::<Text, _>(&to.name)
    .execute(tenant.conn())?;
    Ok(Added {
        classes,
        class_subjects,
        terms: 0,
        timetables,
        periods,
    })
}

/// A term of a year.
#[derive(Clone, Debug, QueryableByName)]
pub struct Term {
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Date)]
    pub starts_on: NaiveDate,
    #[diesel(sql_type = Date)]
    pub ends_on: NaiveDate,
}

pub fn terms(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<Vec<Term>> {
    let organization = tenant.organization();
    diesel::sql_query(
        "SELECT name, starts_on, ends_on FROM academic_terms
         WHERE organization_id = $1 AND academic_year_id = $2 AND deleted_at IS NULL
         ORDER BY starts_on, name",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .load(tenant.conn())
}

/// Adds a term to a year unless it has one of that name; whether it was added.
pub fn add_term(tenant: &mut Tenant<'_>, year: Uuid, term: &Term) -> QueryResult<bool> {
    let organization = tenant.organization();
    let user = tenant.user();
    let added = diesel::sql_query(
        "INSERT INTO academic_terms (organization_id, academic_year_id, name, starts_on, ends_on,
                                     created_by_id)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE NOT EXISTS (SELECT 1 FROM academic_terms WHERE academic_year_id = $2 AND name = $3
                           AND deleted_at IS NULL)",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(year)
    .bind::<Text, _>(&term.name)
    .bind::<Date, _>(term.starts_on)
    .bind::<Date, _>(term.ends_on)
    .bind::<Nullable<SqlUuid>, _>(user)
    .execute(tenant.conn())?;
    Ok(added > 0)
}

/// What moving the students did.
#[derive(Clone, Debug, Default, PartialEq, Eq, QueryableByName)]
pub struct Moved {
    #[diesel(sql_type = BigInt)]
    pub promoted: i64,
    #[diesel(sql_type = BigInt)]
    pub repeating: i64,
    #[diesel(sql_type = BigInt)]
    pub graduated: i64,
    #[diesel(sql_type = BigInt)]
    pub left: i64,
    #[diesel(sql_type = BigInt)]
    pub enrolled: i64,
    #[diesel(sql_type = BigInt)]
    pub closed: i64,
}

/// Moves the students by the plan, in one statement: each one's enrolment in the
/// copy of their target class (from the new year's start), graduates and leavers
/// given their status, a student whose class is on another campus moved there, and
/// every active enrolment of the year closed on its last day.
pub fn move_students(tenant: &mut Tenant<'_>, from: &Year, to: &Year) -> QueryResult<Moved> {
    let organization = tenant.organization();
    let user = tenant.user();
    diesel::sql_query(concat!(
        plan!(),
        ", copies AS (
            SELECT o.id AS old_id, n.id AS new_id, n.campus_id
            FROM year_classes o JOIN classes n ON ",
        copy_of!("o", "n"),
        "), enrolled AS (
            INSERT INTO class_enrollments (organization_id, class_id, student_id, enrolled_on,
                                           status, created_by_id)
            SELECT $1, k.new_id, m.student_id, $5, 'active', $4
            FROM moves m JOIN copies k ON k.old_id = m.target_id
            ON CONFLICT DO NOTHING
            RETURNING 1
        ), students_changed AS (
            -- Runs though nothing reads it, as every data-modifying WITH does.
            UPDATE students s SET
                status = CASE m.decision WHEN 'graduate' THEN 'graduated'::student_status
                                         WHEN 'leave' THEN 'withdrawn'::student_status
                                         ELSE s.status END,
                campus_id = coalesce(k.campus_id, s.campus_id),
                updated_by_id = coalesce($4, s.updated_by_id)
            FROM moves m LEFT JOIN copies k ON k.old_id = m.target_id
            WHERE s.id = m.student_id
              AND (m.decision IN ('graduate', 'leave') OR s.campus_id <> k.campus_id)
        ), history AS (
            -- Each graduate's and leaver's change of status, as the status history keeps
            -- every change; the statement's snapshot still holds the status before it.
            INSERT INTO student_status_changes (organization_id, student_id, from_status,
                                                to_status, on_date, created_by_id)
            SELECT $1, s.id, s.status, t.to_status, $6, $4
            FROM moves m JOIN students s ON s.id = m.student_id
            CROSS JOIN LATERAL (SELECT CASE m.decision
                WHEN 'graduate' THEN 'graduated'::student_status
                ELSE 'withdrawn'::student_status END AS to_status) t
            WHERE m.decision IN ('graduate', 'leave') AND s.status <> t.to_status
            RETURNING 1
        ), closed AS (
            UPDATE class_enrollments e SET status = 'completed',
                ended_on = greatest($6, e.enrolled_on),
                updated_by_id = coalesce($4, e.updated_by_id)
            FROM classes c
            WHERE c.id = e.class_id AND c.organization_id = $1 AND c.academic_year_id = $2
              AND c.deleted_at IS NULL AND e.status = 'active' AND e.deleted_at IS NULL
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM moves WHERE decision = 'promote') AS promoted,
               (SELECT count(*) FROM moves WHERE decision = 'repeat') AS repeating,
               (SELECT count(*) FROM moves WHERE decision = 'graduate') AS graduated,
               (SELECT count(*) FROM moves WHERE decision = 'leave') AS left,
               (SELECT count(*) FROM enrolled) AS enrolled,
               (SELECT count(*) FROM closed) AS closed"
    ))
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(from.id)
    .bind::<SqlUuid, _>(to.id)
    .bind::<Nullable<SqlUuid>, _>(user)
    .bind::<Date, _>(to.start_date)
    .bind::<Date, _>(from.end_date)
    .get_result(tenant.conn())
}

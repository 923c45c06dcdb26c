//! The reports' reads: a student's marks, a class's marks and students over a
//! range of days, and the students absent from a share of their sessions.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::{attendance_records as records, attendance_sessions as sessions};
use crate::db::enums::AttendanceStatus;
use crate::db::schema::{
    attendance_records as ar, attendance_sessions as se, campuses, class_enrollments,
    class_subjects, classes, students, subjects,
};
use crate::db::{OrganizationId, Tenant};
use crate::school::queries as school;

/// A student's name, number and campus: (first, last, number, campus).
pub fn student(
    tenant: &mut Tenant<'_>,
    student_id: Uuid,
) -> QueryResult<(String, String, Option<String>, String)> {
    school::students::live(tenant)
        .inner_join(campuses::table)
        .filter(students::id.eq(student_id))
        .select((
            students::first_name,
            students::last_name,
            students::student_number,
            campuses::name,
        ))
        .first(tenant.conn())
}

/// Live marks joined to their live sessions: the base of the reports' reads of marks.
#[diesel::dsl::auto_type(no_type_alias)]
fn session_marks(organization: OrganizationId) -> _ {
    let marks_live: records::is_live = records::is_live(organization);
    let sessions_live: sessions::is_live = sessions::is_live(organization);
    ar::table
        .inner_join(se::table.on(sessions_live.and(se::id.eq(ar::attendance_session_id))))
        .filter(marks_live)
}

/// One mark of a student: the day, the status, minutes late and the period's subject.
pub type StudentMarkRow = (NaiveDate, AttendanceStatus, Option<i32>, Option<String>);

/// A student's marks of the days `from`..=`to`, oldest first.
pub fn student_marks(
    tenant: &mut Tenant<'_>,
    student_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<StudentMarkRow>> {
    session_marks(tenant.organization())
        .left_join(
            class_subjects::table
                .on(class_subjects::id.nullable().eq(se::class_subject_id))
                .left_join(subjects::table),
        )
        .filter(ar::student_id.eq(student_id))
        .filter(se::session_date.between(from, to))
        .order(se::session_date.asc())
        .select((
            se::session_date,
            ar::status,
            ar::minutes_late,
            subjects::name.nullable(),
        ))
        .load(tenant.conn())
}

/// A class's name and its campus's name.
pub fn class(tenant: &mut Tenant<'_>, class_id: Uuid) -> QueryResult<(String, String)> {
    school::classes::live(tenant)
        .inner_join(campuses::table)
        .filter(classes::id.eq(class_id))
        .select((classes::name, campuses::name))
        .first(tenant.conn())
}

/// Every mark of a class's rolls of the days `from`..=`to`: (student, day, status).
pub fn class_marks(
    tenant: &mut Tenant<'_>,
    class_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(Uuid, NaiveDate, AttendanceStatus)>> {
    session_marks(tenant.organization())
        .filter(se::class_id.eq(class_id))
        .filter(se::session_date.between(from, to))
        .select((ar::student_id, se::session_date, ar::status))
        .load(tenant.conn())
}

/// The students enrolled in a class at some point of the days `from`..=`to`.
pub fn enrolled_between(
    tenant: &mut Tenant<'_>,
    class_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<Uuid>> {
    use class_enrollments as e;
    school::class_enrollments::live(tenant)
        .filter(e::class_id.eq(class_id))
        .filter(e::enrolled_on.is_null().or(e::enrolled_on.le(to)))
        .filter(e::ended_on.is_null().or(e::ended_on.ge(from)))
        .select(class_enrollments::student_id)
        .load(tenant.conn())
}

/// A student as a report lists them.
#[derive(Queryable)]
pub struct StudentLine {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub student_number: Option<String>,
}

/// Students by last name.
pub fn students_by_name(tenant: &mut Tenant<'_>, ids: &[Uuid]) -> QueryResult<Vec<StudentLine>> {
    school::students::live(tenant)
        .filter(students::id.eq_any(ids))
        .order((students::last_name.asc(), students::first_name.asc()))
        .select((
            students::id,
            students::first_name,
            students::last_name,
            students::student_number,
        ))
        .load(tenant.conn())
}

#[derive(QueryableByName)]
pub struct ChronicRow {
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    pub student_number: Option<String>,
    #[diesel(sql_type = Text)]
    pub first_name: String,
    #[diesel(sql_type = Text)]
    pub last_name: String,
    #[diesel(sql_type = Text)]
    pub campus_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub grade_name: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub sessions: i64,
    #[diesel(sql_type = BigInt)]
    pub absent: i64,
    #[diesel(sql_type = BigInt)]
    pub excused: i64,
}

/// What the chronic absence list counts: the year's days through `through`, on one
/// campus or grade or all, at a threshold in percent.
pub struct ChronicFilter {
    pub year_id: Uuid,
    pub from: NaiveDate,
    pub through: NaiveDate,
    pub campus: Option<Uuid>,
    pub grade: Option<Uuid>,
    pub percent: i64,
}

/// Students whose absences (excused or not) reach the threshold of their marked
/// sessions in the range, worst first. Their grade is the grade of their class
/// that year.
pub fn chronic(tenant: &mut Tenant<'_>, filter: &ChronicFilter) -> QueryResult<Vec<ChronicRow>> {
    diesel::sql_query(
        "WITH marks AS (
            SELECT r.student_id, count(*) AS sessions,
                   count(*) FILTER (WHERE r.status = 'absent') AS absent,
                   count(*) FILTER (WHERE r.status = 'excused') AS excused
            FROM attendance_sessions se
            JOIN attendance_records r ON r.attendance_session_id = se.id AND r.deleted_at IS NULL
            WHERE se.organization_id = $1 AND se.deleted_at IS NULL
              AND se.session_date BETWEEN $2 AND $3
              AND ($5::uuid IS NULL OR se.campus_id = $5)
            GROUP BY r.student_id
            HAVING count(*) FILTER (WHERE r.status IN ('absent', 'excused')) * 100 >= $7 * count(*)
         )
         SELECT s.id AS student_id, s.student_number, s.first_name, s.last_name,
                campus.name AS campus_name, g.name AS grade_name,
                m.sessions, m.absent, m.excused
         FROM marks m
         JOIN students s ON s.id = m.student_id AND s.deleted_at IS NULL
         JOIN campuses campus ON campus.id = s.campus_id
         LEFT JOIN LATERAL (
            SELECT gr.id, gr.name FROM class_enrollments ce
            JOIN classes c ON c.id = ce.class_id AND c.deleted_at IS NULL
            JOIN grades gr ON gr.id = c.grade_id
            WHERE ce.student_id = s.id AND ce.deleted_at IS NULL AND c.academic_year_id = $4
            ORDER BY (ce.status = 'active') DESC, ce.enrolled_on DESC NULLS LAST
            LIMIT 1
         ) g ON true
         WHERE ($5::uuid IS NULL OR s.campus_id = $5) AND ($6::uuid IS NULL OR g.id = $6)
         ORDER BY (m.absent + m.excused)::numeric / m.sessions DESC, s.last_name, s.first_name",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(filter.from)
    .bind::<Date, _>(filter.through)
    .bind::<SqlUuid, _>(filter.year_id)
    .bind::<Nullable<SqlUuid>, _>(filter.campus)
    .bind::<Nullable<SqlUuid>, _>(filter.grade)
    .bind::<BigInt, _>(filter.percent)
    .load(tenant.conn())
}

//! The statements behind the campus's daily figures: recomputing them from the daily
//! rolls' marks, and reading one day's totals back for the day's attendance figure.
//!
//! The recomputation itself is the database's own (`homeroom_refresh_attendance_summaries`,
//! migration `attendance_day_totals`): a trigger runs it after every write of a mark,
//! whatever wrote it, in the writer's transaction. These take a connection and an
//! organization rather than a tenant handle: the demo seeding and the records
//! engine's hooks hold a bare connection.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Date, Integer, Nullable, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;
use crate::db::Tenant;

const REFRESH_SQL: &str = "SELECT homeroom_refresh_attendance_summaries($1, $2, $3, $4) AS written";

/// Which figures: one campus's (or, with none, every campus's of the organization)
/// for the days `from`..=`to`.
pub struct Figures {
    pub organization_id: Uuid,
    pub campus_id: Option<Uuid>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(QueryableByName)]
struct Written {
    #[diesel(sql_type = Integer)]
    written: i32,
}

/// Writes the figures from the marks stored (locking the campus's day, or the
/// campuses for a span, until the transaction ends); returns how many it wrote.
pub fn refresh(conn: &mut PgConnection, figures: &Figures) -> QueryResult<usize> {
    let written: Written = prepared(REFRESH_SQL)
        .bind::<SqlUuid, _>(figures.organization_id)
        .bind::<Nullable<SqlUuid>, _>(figures.campus_id)
        .bind::<Date, _>(figures.from)
        .bind::<Date, _>(figures.to)
        .get_result(conn)?;
    Ok(usize::try_from(written.written).unwrap_or_default())
}

/// One campus's day as its summary holds it.
#[derive(Queryable)]
pub struct CampusDay {
    pub campus_id: Option<Uuid>,
    pub students_enrolled: i32,
    pub present: i32,
    /// Absent and excused together, as the summary counts absences.
    pub absent_or_excused: i32,
    pub late: i32,
    pub excused: i32,
    pub rolls_due: i32,
    pub rolls_taken: i32,
}

/// The summaries of `date`, one per campus with marks that day.
pub fn campus_days(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<Vec<CampusDay>> {
    use crate::db::schema::campus_attendance_summaries as s;
    s::table
        .filter(s::organization_id.eq(tenant.organization()))
        .filter(s::attendance_date.eq(date))
        .filter(s::deleted_at.is_null())
        .filter(s::campus_id.is_not_null())
        .select((
            s::campus_id,
            s::students_enrolled,
            s::total_present,
            s::total_absent,
            s::total_tardy,
            s::total_excused,
            s::rolls_due,
            s::rolls_taken,
        ))
        .load(tenant.conn())
}

/// Whether `date` has a summary, that is a daily roll that marked someone.
pub fn has_summary(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<bool> {
    use crate::db::schema::campus_attendance_summaries as s;
    diesel::select(diesel::dsl::exists(
        s::table
            .filter(s::organization_id.eq(tenant.organization()))
            .filter(s::attendance_date.eq(date))
            .filter(s::deleted_at.is_null()),
    ))
    .get_result(tenant.conn())
}

/// The organization's campuses, the ones a day's figure may count.
pub fn campuses(tenant: &mut Tenant<'_>) -> QueryResult<Vec<Uuid>> {
    use crate::db::schema::campuses as c;
    c::table
        .filter(c::organization_id.eq(tenant.organization()))
        .select(c::id)
        .load(tenant.conn())
}

/// Who is enrolled on a campus without marks that day, and its daily rolls due.
#[derive(QueryableByName)]
pub struct Unmarked {
    #[diesel(sql_type = BigInt)]
    pub enrolled: i64,
    #[diesel(sql_type = BigInt)]
    pub rolls_due: i64,
}

/// The students enrolled on `date` on `campuses` (counted once per grade, as the
/// summaries count them) and the classes with students enrolled, whose daily rolls
/// are due.
pub fn unmarked(
    tenant: &mut Tenant<'_>,
    date: NaiveDate,
    campuses: &[Uuid],
) -> QueryResult<Unmarked> {
    diesel::sql_query(
        "WITH on_day AS MATERIALIZED (
            SELECT e.campus_id, e.grade_id, e.class_id, e.student_id
            FROM homeroom_enrolments($1, $3, $2, $2) e
            WHERE homeroom_enrolled_on($2, e.enrolled_on, e.ended_on, e.start_date, e.end_date)
         )
         SELECT (SELECT coalesce(sum(n), 0) FROM (
                    SELECT count(DISTINCT student_id) AS n FROM on_day
                    GROUP BY campus_id, grade_id) g)::bigint AS enrolled,
                (SELECT count(DISTINCT class_id) FROM on_day)::bigint AS rolls_due",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(date)
    .bind::<Array<SqlUuid>, _>(campuses.to_vec())
    .get_result(tenant.conn())
}

/// Students enrolled on a day, summed over some campuses.
#[derive(QueryableByName)]
pub struct EnrolledOn {
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub enrolled: i64,
}

/// The students enrolled on each day of `pairs` on that pair's campus (counted once
/// per grade, as [`unmarked`] and the summaries count them), summed by day, in one
/// statement: the trend's days whose campuses took no roll.
pub fn enrolled_on_days(
    tenant: &mut Tenant<'_>,
    pairs: &[(NaiveDate, Uuid)],
) -> QueryResult<Vec<EnrolledOn>> {
    let (days, campuses): (Vec<NaiveDate>, Vec<Uuid>) = pairs.iter().copied().unzip();
    diesel::sql_query(
        "WITH pair AS MATERIALIZED (
            SELECT * FROM unnest($2::date[], $3::uuid[]) AS p(day, campus_id)
         ), enrolment AS MATERIALIZED (
            SELECT * FROM homeroom_enrolments(
                $1, (SELECT array_agg(DISTINCT campus_id) FROM pair),
                (SELECT min(day) FROM pair), (SELECT max(day) FROM pair))
         ), per_grade AS (
            SELECT p.day, count(DISTINCT e.student_id) AS n
            FROM pair p JOIN enrolment e ON e.campus_id = p.campus_id
             AND homeroom_enrolled_on(p.day, e.enrolled_on, e.ended_on, e.start_date, e.end_date)
            GROUP BY p.day, e.campus_id, e.grade_id
         )
         SELECT day, sum(n)::bigint AS enrolled FROM per_grade GROUP BY day",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Array<Date>, _>(days)
    .bind::<Array<SqlUuid>, _>(campuses)
    .load(tenant.conn())
}

/// A day's daily-roll marks the reader may read, by status, and how many of their
/// classes' daily rolls mark every student enrolled.
#[derive(QueryableByName)]
pub struct ReadableMarks {
    #[diesel(sql_type = BigInt)]
    pub present: i64,
    #[diesel(sql_type = BigInt)]
    pub absent: i64,
    #[diesel(sql_type = BigInt)]
    pub late: i64,
    #[diesel(sql_type = BigInt)]
    pub excused: i64,
    #[diesel(sql_type = BigInt)]
    pub rolls_taken: i64,
}

/// The marks of `date`'s daily rolls the reader may read (the tenant's policies
/// decide), counted as the summaries count a campus's.
pub fn readable_marks(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<ReadableMarks> {
    diesel::sql_query(
        "WITH mark AS MATERIALIZED (
            SELECT se.class_id, r.status
            FROM attendance_sessions se
            JOIN attendance_records r ON r.attendance_session_id = se.id AND r.deleted_at IS NULL
            WHERE se.organization_id = $1 AND se.session_date = $2
              AND se.session_type = 'daily' AND se.deleted_at IS NULL
         ), per_class AS (
            SELECT e.class_id, count(DISTINCT e.student_id) AS enrolled
            FROM homeroom_enrolments($1, NULL, $2, $2) e
            WHERE e.class_id IN (SELECT class_id FROM mark)
              AND homeroom_enrolled_on($2, e.enrolled_on, e.ended_on, e.start_date, e.end_date)
            GROUP BY e.class_id
         )
         SELECT count(*) FILTER (WHERE status = 'present') AS present,
                count(*) FILTER (WHERE status = 'absent') AS absent,
                count(*) FILTER (WHERE status = 'late') AS late,
                count(*) FILTER (WHERE status = 'excused') AS excused,
                (SELECT count(*) FROM per_class pc
                 WHERE (SELECT count(*) FROM mark WHERE mark.class_id = pc.class_id)
                       >= pc.enrolled) AS rolls_taken
         FROM mark",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(date)
    .get_result(tenant.conn())
}

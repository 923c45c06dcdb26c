//! The oversight pages' counts: a day's marks against enrolments by campus and
//! grade, the trend of the campus summaries against the same enrolments, and the
//! latest day with daily rolls.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::db::Tenant;

#[derive(QueryableByName)]
pub struct CampusGradeCount {
    #[diesel(sql_type = SqlUuid)]
    pub campus_id: Uuid,
    #[diesel(sql_type = Text)]
    pub campus_name: String,
    #[diesel(sql_type = SqlUuid)]
    pub grade_id: Uuid,
    #[diesel(sql_type = Text)]
    pub grade_name: String,
    #[diesel(sql_type = BigInt)]
    pub enrolled: i64,
    #[diesel(sql_type = BigInt)]
    pub present: i64,
    #[diesel(sql_type = BigInt)]
    pub absent: i64,
    #[diesel(sql_type = BigInt)]
    pub late: i64,
    #[diesel(sql_type = BigInt)]
    pub excused: i64,
}

/// Who is enrolled on a day: the active students with an active enrolment that day
/// in an active class of the academic year holding that day (`$1` the organization,
/// `$3` a campus or NULL, the day given as SQL). The one definition of a day's
/// "enrolled", behind the overview's figures and its trend alike.
macro_rules! enrolled_on {
    ($day:literal) => {
        concat!(
            "FROM class_enrollments ce
            JOIN classes c ON c.id = ce.class_id
            JOIN academic_years y ON y.id = c.academic_year_id
            JOIN students s ON s.id = ce.student_id
            WHERE ce.organization_id = $1 AND ce.deleted_at IS NULL AND ce.status = 'active'
              AND (ce.enrolled_on IS NULL OR ce.enrolled_on <= ",
            $day,
            ")
              AND (ce.ended_on IS NULL OR ce.ended_on >= ",
            $day,
            ")
              AND c.deleted_at IS NULL AND c.status = 'active'
              AND ($3::uuid IS NULL OR c.campus_id = $3)
              AND y.deleted_at IS NULL AND ",
            $day,
            " BETWEEN y.start_date AND y.end_date
              AND s.deleted_at IS NULL AND s.status = 'active'"
        )
    };
}

/// A day's daily-roll marks and enrolments by campus and grade, by campus name and
/// grade order.
pub fn campus_grade_counts(
    tenant: &mut Tenant<'_>,
    date: NaiveDate,
    campus: Option<Uuid>,
) -> QueryResult<Vec<CampusGradeCount>> {
    diesel::sql_query(concat!(
        "WITH enrolled AS (
            SELECT c.campus_id, c.grade_id, count(DISTINCT ce.student_id) AS enrolled
            ",
        enrolled_on!("$2"),
        "
            GROUP BY c.campus_id, c.grade_id
         ), marks AS (
            SELECT se.campus_id, c.grade_id,
                   count(*) FILTER (WHERE r.status = 'present') AS present,
                   count(*) FILTER (WHERE r.status = 'absent') AS absent,
                   count(*) FILTER (WHERE r.status = 'late') AS late,
                   count(*) FILTER (WHERE r.status = 'excused') AS excused
            FROM attendance_sessions se
            JOIN attendance_records r ON r.attendance_session_id = se.id AND r.deleted_at IS NULL
            JOIN classes c ON c.id = se.class_id
            WHERE se.organization_id = $1 AND se.session_date = $2
              AND se.session_type = 'daily' AND se.deleted_at IS NULL
              AND ($3::uuid IS NULL OR se.campus_id = $3)
            GROUP BY se.campus_id, c.grade_id
         )
         SELECT campus.id AS campus_id, campus.name AS campus_name,
                g.id AS grade_id, g.name AS grade_name,
                coalesce(e.enrolled, 0) AS enrolled,
                coalesce(m.present, 0) AS present, coalesce(m.absent, 0) AS absent,
                coalesce(m.late, 0) AS late, coalesce(m.excused, 0) AS excused
         FROM enrolled e
         FULL JOIN marks m ON m.campus_id = e.campus_id AND m.grade_id = e.grade_id
         JOIN campuses campus ON campus.id = coalesce(e.campus_id, m.campus_id)
         JOIN grades g ON g.id = coalesce(e.grade_id, m.grade_id)
         ORDER BY campus.name, g.sort_order NULLS LAST, g.name"
    ))
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(date)
    .bind::<Nullable<SqlUuid>, _>(campus)
    .load(tenant.conn())
}

#[derive(QueryableByName)]
pub struct SummaryDay {
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub enrolled: i64,
    #[diesel(sql_type = BigInt)]
    pub marked: i64,
    #[diesel(sql_type = BigInt)]
    pub attended: i64,
}

/// The last `days` days up to `today` that have summaries, newest first: who came
/// (present or late, from the summaries) against who was enrolled that day, counted
/// as [`campus_grade_counts`] counts it.
pub fn summary_days(
    tenant: &mut Tenant<'_>,
    today: NaiveDate,
    campus: Option<Uuid>,
    days: i64,
) -> QueryResult<Vec<SummaryDay>> {
    diesel::sql_query(concat!(
        "WITH d AS (
            SELECT attendance_date AS day, sum(total_enrolled)::bigint AS marked,
                   sum(total_present + total_tardy)::bigint AS attended
            FROM campus_attendance_summaries
            WHERE organization_id = $1 AND deleted_at IS NULL AND attendance_date <= $2
              AND ($3::uuid IS NULL OR campus_id = $3)
            GROUP BY attendance_date
            ORDER BY attendance_date DESC
            LIMIT $4
         )
         SELECT d.day, coalesce(e.enrolled, 0)::bigint AS enrolled, d.marked, d.attended
         FROM d
         LEFT JOIN LATERAL (
            SELECT sum(n) AS enrolled FROM (
                SELECT count(DISTINCT ce.student_id) AS n
                ",
        enrolled_on!("d.day"),
        "
                GROUP BY c.campus_id, c.grade_id) per_grade
         ) e ON true
         ORDER BY d.day DESC"
    ))
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(today)
    .bind::<Nullable<SqlUuid>, _>(campus)
    .bind::<BigInt, _>(days)
    .load(tenant.conn())
}

/// The latest day up to `up_to` with a daily roll, if any.
pub fn latest_daily_roll_day(
    tenant: &mut Tenant<'_>,
    up_to: NaiveDate,
) -> QueryResult<Option<NaiveDate>> {
    use crate::db::enums::AttendanceSessionType;
    use crate::db::schema::attendance_sessions as s;
    super::attendance_sessions::live(tenant)
        .filter(s::session_type.eq(AttendanceSessionType::Daily))
        .filter(s::session_date.le(up_to))
        .select(diesel::dsl::max(s::session_date))
        .first(tenant.conn())
}

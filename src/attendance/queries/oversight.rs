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
    /// Classes of the grade with students enrolled, and those whose daily roll
    /// marks every one of them.
    #[diesel(sql_type = BigInt)]
    pub rolls_due: i64,
    #[diesel(sql_type = BigInt)]
    pub rolls_taken: i64,
}

/// Who is enrolled on a day, the one definition of a day's "enrolled" behind the
/// overview's figures, its daily rolls, its trend and the campus summaries: the
/// database's `homeroom_enrolments` (the active students with an active enrolment
/// in an active class, migration `attendance_day_totals`) as a CTE named
/// `enrolment` (`$1` the organization, `$3` a campus or NULL), and
/// `homeroom_enrolled_on` (`enrolled_on!`, the day given as SQL) for whether an
/// enrolment and its academic year hold the day. The enrolments are read once, only
/// from the years that overlap the days asked about (`$from`..=`$to`, given as SQL),
/// then matched against the day or days: a district's past years are never read for
/// today's figure.
macro_rules! enrolments {
    ($from:literal, $to:literal) => {
        concat!(
            "enrolment AS MATERIALIZED (
            SELECT * FROM homeroom_enrolments(
                $1, CASE WHEN $3::uuid IS NULL THEN NULL ELSE ARRAY[$3::uuid] END, ",
            $from,
            ", ",
            $to,
            ")
         )"
        )
    };
}

macro_rules! enrolled_on {
    ($day:literal) => {
        concat!(
            "homeroom_enrolled_on(",
            $day,
            ", enrolment.enrolled_on, enrolment.ended_on, enrolment.start_date, enrolment.end_date)"
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
        "WITH ",
        enrolments!("$2", "$2"),
        ", per_class AS (
            SELECT class_id, campus_id, grade_id, count(DISTINCT student_id) AS enrolled
            FROM enrolment WHERE ",
        enrolled_on!("$2"),
        "
            GROUP BY class_id, campus_id, grade_id
         ), enrolled AS (
            SELECT campus_id, grade_id, count(DISTINCT student_id) AS enrolled
            FROM enrolment WHERE ",
        enrolled_on!("$2"),
        "
            GROUP BY campus_id, grade_id
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
         ), rolls AS (
            -- A class's daily roll is taken once every student enrolled has a mark.
            SELECT pc.campus_id, pc.grade_id, count(*) AS rolls_due,
                   count(*) FILTER (WHERE coalesce(m.marked, 0) >= pc.enrolled) AS rolls_taken
            FROM per_class pc
            LEFT JOIN (
                SELECT se.class_id, count(*) AS marked
                FROM attendance_sessions se
                JOIN attendance_records r ON r.attendance_session_id = se.id
                     AND r.deleted_at IS NULL
                WHERE se.organization_id = $1 AND se.session_date = $2
                  AND se.session_type = 'daily' AND se.deleted_at IS NULL
                GROUP BY se.class_id
            ) m ON m.class_id = pc.class_id
            GROUP BY pc.campus_id, pc.grade_id
         )
         SELECT campus.id AS campus_id, campus.name AS campus_name,
                g.id AS grade_id, g.name AS grade_name,
                coalesce(e.enrolled, 0) AS enrolled,
                coalesce(m.present, 0) AS present, coalesce(m.absent, 0) AS absent,
                coalesce(m.late, 0) AS late, coalesce(m.excused, 0) AS excused,
                coalesce(ro.rolls_due, 0) AS rolls_due,
                coalesce(ro.rolls_taken, 0) AS rolls_taken
         FROM enrolled e
         FULL JOIN marks m ON m.campus_id = e.campus_id AND m.grade_id = e.grade_id
         LEFT JOIN rolls ro ON ro.campus_id = e.campus_id AND ro.grade_id = e.grade_id
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

/// One campus's summary on one of the trend's days.
#[derive(QueryableByName)]
struct CampusDayFigures {
    #[diesel(sql_type = Date)]
    day: NaiveDate,
    #[diesel(sql_type = SqlUuid)]
    campus_id: Uuid,
    #[diesel(sql_type = BigInt)]
    enrolled: i64,
    #[diesel(sql_type = BigInt)]
    marked: i64,
    #[diesel(sql_type = BigInt)]
    attended: i64,
}

/// The last `days` days up to `today` that have summaries, newest first: who came
/// (present or late) against who was enrolled that day, each campus's figures read
/// from its summary. A campus without marks on one of those days has no summary
/// then; its students enrolled that day are counted from the enrolments, every such
/// day and campus in one statement. Counting every day's enrolments afresh took
/// 0.4 s for a district's thirty days.
pub fn summary_days(
    tenant: &mut Tenant<'_>,
    today: NaiveDate,
    campus: Option<Uuid>,
    days: i64,
) -> QueryResult<Vec<SummaryDay>> {
    let rows: Vec<CampusDayFigures> = diesel::sql_query(
        "WITH d AS (
            SELECT attendance_date AS day FROM campus_attendance_summaries
            WHERE organization_id = $1 AND deleted_at IS NULL AND attendance_date <= $2
              AND campus_id IS NOT NULL AND ($3::uuid IS NULL OR campus_id = $3)
            GROUP BY attendance_date
            ORDER BY attendance_date DESC
            LIMIT $4
         )
         SELECT s.attendance_date AS day, s.campus_id,
                s.students_enrolled::bigint AS enrolled, s.total_enrolled::bigint AS marked,
                (s.total_present + s.total_tardy)::bigint AS attended
         FROM d JOIN campus_attendance_summaries s ON s.attendance_date = d.day
         WHERE s.organization_id = $1 AND s.deleted_at IS NULL AND s.campus_id IS NOT NULL
           AND ($3::uuid IS NULL OR s.campus_id = $3)
         ORDER BY s.attendance_date DESC",
    )
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<Date, _>(today)
    .bind::<Nullable<SqlUuid>, _>(campus)
    .bind::<BigInt, _>(days)
    .load(tenant.conn())?;
    let in_scope = match campus {
        Some(c) => vec![c],
        None => super::summary::campuses(tenant)?,
    };
    let mut out: Vec<SummaryDay> = Vec::new();
    let mut marked_campuses: Vec<Vec<Uuid>> = Vec::new();
    for row in rows {
        if out.last().is_none_or(|d| d.day != row.day) {
            out.push(SummaryDay {
                day: row.day,
                enrolled: 0,
                marked: 0,
                attended: 0,
            });
            marked_campuses.push(Vec::new());
        }
        if let (Some(day), Some(campuses)) = (out.last_mut(), marked_campuses.last_mut()) {
            day.enrolled += row.enrolled;
            day.marked += row.marked;
            day.attended += row.attended;
            campuses.push(row.campus_id);
        }
    }
    let unmarked: Vec<(NaiveDate, Uuid)> = out
        .iter()
        .zip(&marked_campuses)
        .flat_map(|(day, marked)| {
            in_scope
                .iter()
                .filter(|c| !marked.contains(c))
                .map(|c| (day.day, *c))
        })
        .collect();
    if !unmarked.is_empty() {
        for counted in super::summary::enrolled_on_days(tenant, &unmarked)? {
            if let Some(day) = out.iter_mut().find(|d| d.day == counted.day) {
                day.enrolled += counted.enrolled;
            }
        }
    }
    Ok(out)
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

/// Whether any daily roll of `date` has marked someone.
pub fn has_daily_marks(tenant: &mut Tenant<'_>, date: NaiveDate) -> QueryResult<bool> {
    use crate::db::enums::AttendanceSessionType;
    use crate::db::schema::{attendance_records as r, attendance_sessions as s};
    let marked = super::attendance_records::live(tenant).filter(
        r::attendance_session_id.eq_any(
            super::attendance_sessions::live(tenant)
                .filter(s::session_type.eq(AttendanceSessionType::Daily))
                .filter(s::session_date.eq(date))
                .select(s::id),
        ),
    );
    diesel::select(diesel::dsl::exists(marked)).get_result(tenant.conn())
}

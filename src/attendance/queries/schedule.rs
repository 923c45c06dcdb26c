//! The statement behind a day's rolls: the slots of the timetables in effect, their
//! sessions, and how many students each roll has marked and enrolled.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Date, Nullable, Text, Time, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;
use crate::db::Tenant;
use crate::db::enums::{AttendanceSessionType, DayOfWeek};
use crate::db::schema;
use crate::db::schema::sql_types::{AttendanceSessionType as SqlSessionType, DayOfWeek as SqlDay};
use crate::school::queries::{timetable_in_effect, timetables};

#[derive(QueryableByName)]
pub struct Row {
    #[diesel(sql_type = SqlUuid)]
    pub class_id: Uuid,
    #[diesel(sql_type = Text)]
    pub class_name: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub class_subject_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub subject_name: Option<String>,
    #[diesel(sql_type = SqlUuid)]
    pub campus_id: Uuid,
    #[diesel(sql_type = Text)]
    pub campus_name: String,
    #[diesel(sql_type = Nullable<Time>)]
    pub starts_at: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Time>)]
    pub ends_at: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Text>)]
    pub room: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub teacher_staff_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub teacher_name: Option<String>,
    #[diesel(sql_type = SqlSessionType)]
    pub session_type: AttendanceSessionType,
    #[diesel(sql_type = BigInt)]
    pub marked: i64,
    #[diesel(sql_type = BigInt)]
    pub enrolled: i64,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub last_saved: Option<DateTime<Utc>>,
}

// One statement: the day's slots (the scope's periods in the timetables in effect,
// `$6`, then a daily roll for each of the scope's classes that meets that day), their
// sessions, and per slot the marks and the live roster size. The scope filters sit inside each branch so that a
// teacher's day reads only that teacher's periods and classes.
const SCHEDULE_SQL: &str = "
WITH tt AS (
    SELECT unnest($6::uuid[]) AS id
), slots AS (
    SELECT cs.class_id, cs.id AS class_subject_id, sub.name AS subject_name,
           p.starts_at, p.ends_at, p.room, cs.teacher_id,
           'period'::attendance_session_type AS session_type
    FROM timetable_periods p
    JOIN tt ON tt.id = p.timetable_id
    JOIN class_subjects cs ON cs.id = p.class_subject_id
         AND cs.deleted_at IS NULL AND cs.status = 'active'
    JOIN subjects sub ON sub.id = cs.subject_id
    WHERE p.organization_id = $1 AND p.deleted_at IS NULL AND p.day_of_week = $3
      AND ($4::uuid IS NULL OR cs.teacher_id = $4)
    UNION ALL
    SELECT c.id, NULL, NULL, NULL, NULL, NULL, c.homeroom_teacher_id,
           'daily'::attendance_session_type
    FROM classes c
    WHERE c.organization_id = $1 AND c.deleted_at IS NULL
      AND ($4::uuid IS NULL OR c.homeroom_teacher_id = $4)
      AND ($5::uuid IS NULL OR c.campus_id = $5)
      AND EXISTS (
          SELECT 1 FROM class_subjects cs
          JOIN timetable_periods p ON p.class_subject_id = cs.id
          JOIN tt ON tt.id = p.timetable_id
          WHERE cs.class_id = c.id AND cs.deleted_at IS NULL AND cs.status = 'active'
            AND p.day_of_week = $3 AND p.deleted_at IS NULL)
)
SELECT c.id AS class_id, c.name AS class_name, s.class_subject_id, s.subject_name,
       c.campus_id, ca.name AS campus_name, s.starts_at, s.ends_at, s.room,
       s.teacher_id AS teacher_staff_id,
       NULLIF(concat_ws(' ', st.first_name, st.last_name), '') AS teacher_name,
       s.session_type,
       coalesce(m.marked, 0) AS marked, en.enrolled, m.last_saved
FROM slots s
JOIN classes c ON c.id = s.class_id AND c.deleted_at IS NULL AND c.status = 'active'
JOIN campuses ca ON ca.id = c.campus_id
LEFT JOIN staff st ON st.id = s.teacher_id AND st.deleted_at IS NULL
LEFT JOIN attendance_sessions ses
     ON ses.organization_id = $1 AND ses.class_id = s.class_id AND ses.session_date = $2
    AND ses.session_type = s.session_type AND ses.deleted_at IS NULL
    AND (ses.class_subject_id = s.class_subject_id
         OR (ses.class_subject_id IS NULL AND s.class_subject_id IS NULL))
LEFT JOIN LATERAL (
    SELECT count(*) AS marked, max(r.updated_at) AS last_saved
    FROM attendance_records r
    WHERE r.attendance_session_id = ses.id AND r.deleted_at IS NULL
) m ON true
CROSS JOIN LATERAL (
    SELECT count(*) AS enrolled
    FROM class_enrollments e
    JOIN students stu ON stu.id = e.student_id
         AND stu.deleted_at IS NULL AND stu.status = 'active'
    WHERE e.class_id = s.class_id AND e.deleted_at IS NULL AND e.status = 'active'
) en
WHERE ($5::uuid IS NULL OR c.campus_id = $5)
ORDER BY ca.name, s.starts_at NULLS FIRST, c.name, s.subject_name
";

/// Whose slots: a teacher's (`staff.id`), a campus's, or, with neither, the school's.
pub struct Who {
    pub teacher: Option<Uuid>,
    pub campus: Option<Uuid>,
}

/// The slots of `date` with their progress, by campus, then time (daily rolls first).
pub fn slots(tenant: &mut Tenant<'_>, date: NaiveDate, who: Who) -> QueryResult<Vec<Row>> {
    let in_effect: Vec<Uuid> = timetables::live(tenant)
        .filter(timetable_in_effect(date))
        .select(schema::timetables::id)
        .load(tenant.conn())?;
    prepared(SCHEDULE_SQL)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<Date, _>(date)
        .bind::<SqlDay, _>(DayOfWeek::from(date.weekday()))
        .bind::<Nullable<SqlUuid>, _>(who.teacher)
        .bind::<Nullable<SqlUuid>, _>(who.campus)
        .bind::<Array<SqlUuid>, _>(in_effect)
        .load(tenant.conn())
}

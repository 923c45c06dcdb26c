//! The rolls a day calls for: each class's daily roll and each timetabled period,
//! from the published timetable in force, with how far each roll has been taken.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Time, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;
use crate::db::enums::AttendanceSessionType;
use crate::db::schema::sql_types::{AttendanceSessionType as SqlSessionType, DayOfWeek as SqlDay};

/// Whose rolls to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The rolls a teacher takes: their periods, and the daily rolls of classes
    /// they are homeroom teacher of (`staff.id`).
    Teacher(Uuid),
    Campus(Uuid),
    Organization,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollState {
    NotTaken,
    Partial {
        marked: i64,
        enrolled: i64,
    },
    /// Every enrolled student is marked; `at` is the last save.
    Taken {
        at: DateTime<Utc>,
    },
}

#[derive(Clone, Debug)]
pub struct ScheduledRoll {
    pub class_id: Uuid,
    pub class_name: String,
    pub class_subject_id: Option<Uuid>,
    pub subject_name: Option<String>,
    pub campus_id: Uuid,
    pub campus_name: String,
    pub period_starts_at: Option<NaiveTime>,
    pub period_ends_at: Option<NaiveTime>,
    pub room: Option<String>,
    pub teacher_staff_id: Option<Uuid>,
    pub teacher_name: Option<String>,
    pub session_type: AttendanceSessionType,
    pub state: RollState,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    class_id: Uuid,
    #[diesel(sql_type = Text)]
    class_name: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    class_subject_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    subject_name: Option<String>,
    #[diesel(sql_type = SqlUuid)]
    campus_id: Uuid,
    #[diesel(sql_type = Text)]
    campus_name: String,
    #[diesel(sql_type = Nullable<Time>)]
    starts_at: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Time>)]
    ends_at: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Text>)]
    room: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    teacher_staff_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    teacher_name: Option<String>,
    #[diesel(sql_type = SqlSessionType)]
    session_type: AttendanceSessionType,
    #[diesel(sql_type = BigInt)]
    marked: i64,
    #[diesel(sql_type = BigInt)]
    enrolled: i64,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    last_saved: Option<DateTime<Utc>>,
}

// One statement: the day's slots (the scope's periods, then a daily roll for each of
// the scope's classes that meets that day), their sessions, and per slot the marks
// and the live roster size. The scope filters sit inside each branch so that a
// teacher's day reads only that teacher's periods and classes.
const SCHEDULE_SQL: &str = "
WITH tt AS (
    SELECT t.id FROM timetables t
    WHERE t.organization_id = $1 AND t.deleted_at IS NULL AND t.status = 'published'
      AND (t.effective_from IS NULL OR t.effective_from <= $2)
      AND (t.effective_to IS NULL OR t.effective_to >= $2)
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

/// The rolls of `date` for `scope`, ordered by campus, then time (daily rolls first).
pub fn scheduled_rolls(
    conn: &mut PgConnection,
    organization_id: Uuid,
    date: NaiveDate,
    scope: Scope,
) -> QueryResult<Vec<ScheduledRoll>> {
    let (teacher, campus) = match scope {
        Scope::Teacher(staff_id) => (Some(staff_id), None),
        Scope::Campus(campus_id) => (None, Some(campus_id)),
        Scope::Organization => (None, None),
    };
    let rows: Vec<Row> = prepared(SCHEDULE_SQL)
        .bind::<SqlUuid, _>(organization_id)
        .bind::<Date, _>(date)
        .bind::<SqlDay, _>(crate::db::enums::DayOfWeek::from(date.weekday()))
        .bind::<Nullable<SqlUuid>, _>(teacher)
        .bind::<Nullable<SqlUuid>, _>(campus)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| ScheduledRoll {
            state: roll_state(r.marked, r.enrolled, r.last_saved),
            class_id: r.class_id,
            class_name: r.class_name,
            class_subject_id: r.class_subject_id,
            subject_name: r.subject_name,
            campus_id: r.campus_id,
            campus_name: r.campus_name,
            period_starts_at: r.starts_at,
            period_ends_at: r.ends_at,
            room: r.room,
            teacher_staff_id: r.teacher_staff_id,
            teacher_name: r.teacher_name,
            session_type: r.session_type,
        })
        .collect())
}

/// A roll is taken once every enrolled student has a mark.
pub fn roll_state(marked: i64, enrolled: i64, last_saved: Option<DateTime<Utc>>) -> RollState {
    match last_saved {
        Some(at) if marked > 0 && marked >= enrolled => RollState::Taken { at },
        _ if marked > 0 => RollState::Partial { marked, enrolled },
        _ => RollState::NotTaken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roll_is_taken_when_everyone_is_marked() {
        let at = Utc::now();
        assert_eq!(roll_state(0, 30, None), RollState::NotTaken);
        assert_eq!(
            roll_state(12, 30, Some(at)),
            RollState::Partial {
                marked: 12,
                enrolled: 30
            }
        );
        assert_eq!(roll_state(30, 30, Some(at)), RollState::Taken { at });
    }
}

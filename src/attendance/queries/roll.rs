//! The roll's statements: its class and subject, who is on it with their marks,
//! and saving marks set-wise. Hand-written and prepared once per connection (see
//! `sql`), because a roll is saved many times a minute at the start of the day; the
//! tenant's organization and the live rows (`deleted_at IS NULL`) are in each.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Date, Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;
use crate::attendance::roll::{Mark, RollKey};
use crate::db::Tenant;
use crate::db::enums::AttendanceStatus;
use crate::db::schema::sql_types::{
    AttendanceSessionType as SqlSessionType, AttendanceStatus as SqlStatus,
};

/// The class (and subject) a roll belongs to, and whether the user may take it.
#[derive(Clone, Debug, QueryableByName)]
pub struct RollHead {
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
    /// The user's staff record, recorded as who took the roll.
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub my_staff_id: Option<Uuid>,
    /// The user is the class's homeroom teacher or teaches one of its subjects.
    #[diesel(sql_type = Bool)]
    pub teaches: bool,
}

const HEAD_SQL: &str = "
WITH target AS (
    SELECT $1::uuid AS class_id, NULL::uuid AS class_subject_id, NULL::uuid AS subject_id
    WHERE $2::uuid IS NULL
    UNION ALL
    SELECT cs.class_id, cs.id, cs.subject_id FROM class_subjects cs
    WHERE cs.id = $2 AND cs.organization_id = $3 AND cs.deleted_at IS NULL
), me AS (
    SELECT id FROM staff WHERE user_id = $4 AND organization_id = $3 AND deleted_at IS NULL
)
SELECT c.id AS class_id, c.name AS class_name, t.class_subject_id, sub.name AS subject_name,
       c.campus_id, (SELECT id FROM me ORDER BY id LIMIT 1) AS my_staff_id,
       EXISTS (SELECT 1 FROM me WHERE me.id = c.homeroom_teacher_id
               OR me.id IN (SELECT x.teacher_id FROM class_subjects x
                            WHERE x.class_id = c.id AND x.deleted_at IS NULL)) AS teaches
FROM target t
JOIN classes c ON c.id = t.class_id AND c.organization_id = $3 AND c.deleted_at IS NULL
LEFT JOIN subjects sub ON sub.id = t.subject_id
";

/// The roll's class and subject, or `None` when it is not one of the organization's.
pub fn head(tenant: &mut Tenant<'_>, key: RollKey) -> QueryResult<Option<RollHead>> {
    let (class, class_subject) = match key {
        RollKey::Class(id) => (Some(id), None),
        RollKey::ClassSubject(id) => (None, Some(id)),
    };
    prepared(HEAD_SQL)
        .bind::<Nullable<SqlUuid>, _>(class)
        .bind::<Nullable<SqlUuid>, _>(class_subject)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<Nullable<SqlUuid>, _>(tenant.user())
        .get_result(tenant.conn())
        .optional()
}

/// One student on the roll with the mark saved for them, if any.
#[derive(Clone, Debug, QueryableByName)]
pub struct RosterEntry {
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = Text)]
    pub first_name: String,
    #[diesel(sql_type = Text)]
    pub last_name: String,
    #[diesel(sql_type = Nullable<SqlStatus>)]
    pub status: Option<AttendanceStatus>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub minutes_late: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    pub remarks: Option<String>,
}

// The session's id comes from its unique key; the records from the index that
// carries their status.
const ROSTER_SQL: &str = "
SELECT DISTINCT ON (st.last_name, st.first_name, st.id)
       st.id AS student_id, st.first_name, st.last_name, r.status, r.minutes_late, r.remarks
FROM class_enrollments e
JOIN students st ON st.id = e.student_id AND st.deleted_at IS NULL AND st.status = 'active'
LEFT JOIN attendance_records r ON r.student_id = st.id AND r.deleted_at IS NULL
     AND r.attendance_session_id = (
         SELECT s.id FROM attendance_sessions s
         WHERE s.organization_id = $1 AND s.class_id = $2 AND s.session_date = $4
           AND s.session_type = $5 AND s.deleted_at IS NULL
           AND ((s.class_subject_id IS NULL AND $3::uuid IS NULL) OR s.class_subject_id = $3)
         LIMIT 1)
WHERE e.organization_id = $1 AND e.class_id = $2 AND e.deleted_at IS NULL AND e.status = 'active'
ORDER BY st.last_name, st.first_name, st.id
";

/// Every actively enrolled, active student of the roll, by last name, with their mark.
pub fn roster(
    tenant: &mut Tenant<'_>,
    head: &RollHead,
    date: NaiveDate,
) -> QueryResult<Vec<RosterEntry>> {
    prepared(ROSTER_SQL)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<SqlUuid, _>(head.class_id)
        .bind::<Nullable<SqlUuid>, _>(head.class_subject_id)
        .bind::<Date, _>(date)
        .bind::<SqlSessionType, _>(head.session_type())
        .load(tenant.conn())
}

/// The mark stored for a student after a save.
#[derive(Clone, Debug, PartialEq, Eq, QueryableByName, serde::Serialize)]
pub struct StoredMark {
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = SqlStatus)]
    pub status: AttendanceStatus,
    #[diesel(sql_type = Nullable<Integer>)]
    pub minutes_late: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    pub remarks: Option<String>,
}

#[derive(QueryableByName)]
struct Opened {
    #[diesel(sql_type = Nullable<SqlUuid>)]
    session: Option<Uuid>,
    #[diesel(sql_type = Array<SqlUuid>)]
    strangers: Vec<Uuid>,
}

/// A roll's session opened for a save, checked against who is on the roll: `$1`
/// the organization, `$2` the campus, `$3` the user, `$4` the students marked, `$5`
/// the class, `$6` the day, `$7` who took the roll, `$8` the class subject of a
/// period roll. With a student who is not an actively enrolled, active student of
/// the class, no session is made and the strangers come back; else the session's
/// id. The session's upsert (`$session`) is the only part the two kinds differ in.
macro_rules! open_sql {
    ($session:literal) => {
        concat!(
            "
WITH stranger AS (
    SELECT m.student_id FROM unnest($4::uuid[]) AS m(student_id)
    WHERE NOT EXISTS (
        SELECT 1 FROM class_enrollments e
        JOIN students st ON st.id = e.student_id AND st.deleted_at IS NULL
             AND st.status = 'active'
        WHERE e.organization_id = $1 AND e.class_id = $5 AND e.student_id = m.student_id
          AND e.deleted_at IS NULL AND e.status = 'active')
), session AS (",
            $session,
            "
    RETURNING id
)
SELECT (SELECT id FROM session) AS session,
       ARRAY(SELECT student_id FROM stranger ORDER BY student_id) AS strangers
"
        )
    };
}

const OPEN_DAILY_SQL: &str = open_sql!(
    "
    INSERT INTO attendance_sessions (organization_id, campus_id, class_id, session_date,
                                     session_type, taken_by_id, created_by_id, updated_by_id)
    SELECT $1, $2, $5, $6, 'daily', $7, $3, $3
    WHERE NOT EXISTS (SELECT 1 FROM stranger)
    ON CONFLICT (class_id, session_date, session_type)
        WHERE class_subject_id IS NULL AND deleted_at IS NULL
    DO UPDATE SET taken_by_id = coalesce(EXCLUDED.taken_by_id, attendance_sessions.taken_by_id),
                  updated_by_id = EXCLUDED.updated_by_id"
);

const OPEN_PERIOD_SQL: &str = open_sql!(
    "
    INSERT INTO attendance_sessions (organization_id, campus_id, class_id, session_date,
                                     session_type, taken_by_id, created_by_id, updated_by_id,
                                     class_subject_id)
    SELECT $1, $2, $5, $6, 'period', $7, $3, $3, $8
    WHERE NOT EXISTS (SELECT 1 FROM stranger)
    ON CONFLICT (class_subject_id, session_date, session_type)
        WHERE class_subject_id IS NOT NULL AND deleted_at IS NULL
    DO UPDATE SET taken_by_id = coalesce(EXCLUDED.taken_by_id, attendance_sessions.taken_by_id),
                  updated_by_id = EXCLUDED.updated_by_id"
);

/// The roll's session of `date` for a save of marks of `students`, made the first
/// time: `Ok(id)`, or `Err(strangers)` (sorted) when some of them are not on the
/// roll, and nothing was written.
pub fn open_session(
    tenant: &mut Tenant<'_>,
    head: &RollHead,
    date: NaiveDate,
    students: &[Uuid],
) -> QueryResult<Result<Uuid, Vec<Uuid>>> {
    let query = prepared(match head.class_subject_id {
        None => OPEN_DAILY_SQL,
        Some(_) => OPEN_PERIOD_SQL,
    })
    .bind::<SqlUuid, _>(tenant.organization())
    .bind::<SqlUuid, _>(head.campus_id)
    .bind::<Nullable<SqlUuid>, _>(tenant.user())
    .bind::<Array<SqlUuid>, _>(students.to_vec())
    .bind::<SqlUuid, _>(head.class_id)
    .bind::<Date, _>(date)
    .bind::<Nullable<SqlUuid>, _>(head.my_staff_id);
    let opened: Opened = match head.class_subject_id {
        None => query.get_result(tenant.conn())?,
        Some(class_subject) => query
            .bind::<SqlUuid, _>(class_subject)
            .get_result(tenant.conn())?,
    };
    Ok(match opened.session {
        Some(session) if opened.strangers.is_empty() => Ok(session),
        _ => Err(opened.strangers),
    })
}

/// One student's row of a save: what is stored for them now, and whether this
/// save changed it.
#[derive(QueryableByName)]
pub struct Saved {
    #[diesel(sql_type = SqlUuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = SqlStatus)]
    pub status: AttendanceStatus,
    #[diesel(sql_type = Nullable<Integer>)]
    pub minutes_late: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    pub remarks: Option<String>,
    #[diesel(sql_type = Bool)]
    pub changed: bool,
}

// Last write wins per student by when the mark was made, so a mark that waited in
// an offline queue never overwrites a newer one; an identical mark changes nothing.
// Each student comes back with what is stored: the row written, or the row the
// statement found (one a save committing meanwhile wrote reads as a save just
// after this one).
const RECORDS_SQL: &str = "
WITH written AS (
    INSERT INTO attendance_records (organization_id, attendance_session_id, student_id, status,
                                    minutes_late, remarks, marked_at, created_by_id,
                                    updated_by_id)
    SELECT $1, $2, m.student_id, m.status, m.minutes_late, m.remarks, m.marked_at, $3, $3
    FROM unnest($4::uuid[], $5::attendance_status[], $6::int[], $7::text[], $8::timestamptz[])
         AS m(student_id, status, minutes_late, remarks, marked_at)
    ON CONFLICT (attendance_session_id, student_id) WHERE deleted_at IS NULL
    DO UPDATE SET status = EXCLUDED.status, minutes_late = EXCLUDED.minutes_late,
                  remarks = EXCLUDED.remarks, marked_at = EXCLUDED.marked_at,
                  updated_by_id = EXCLUDED.updated_by_id
    WHERE attendance_records.marked_at <= EXCLUDED.marked_at
      AND (attendance_records.status, attendance_records.minutes_late,
           attendance_records.remarks)
          IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.minutes_late, EXCLUDED.remarks)
    RETURNING student_id, status, minutes_late, remarks
)
SELECT student_id, status, minutes_late, remarks, true AS changed FROM written
UNION ALL
SELECT r.student_id, r.status, r.minutes_late, r.remarks, false
FROM attendance_records r
WHERE r.attendance_session_id = $2 AND r.student_id = ANY ($4) AND r.deleted_at IS NULL
  AND r.student_id NOT IN (SELECT student_id FROM written)
";

/// Writes the marks (one per student) to the session; returns every student's
/// stored mark, and whether this save changed it.
pub fn write_marks(
    tenant: &mut Tenant<'_>,
    session: Uuid,
    marks: &[Mark],
) -> QueryResult<Vec<Saved>> {
    prepared(RECORDS_SQL)
        .bind::<SqlUuid, _>(tenant.organization())
        .bind::<SqlUuid, _>(session)
        .bind::<Nullable<SqlUuid>, _>(tenant.user())
        .bind::<Array<SqlUuid>, _>(marks.iter().map(|m| m.student_id).collect::<Vec<_>>())
        .bind::<Array<SqlStatus>, _>(marks.iter().map(|m| m.status).collect::<Vec<_>>())
        .bind::<Array<Nullable<Integer>>, _>(
            marks.iter().map(|m| m.minutes_late).collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            marks.iter().map(|m| m.remarks.clone()).collect::<Vec<_>>(),
        )
        .bind::<Array<Timestamptz>, _>(marks.iter().map(|m| m.marked_at).collect::<Vec<_>>())
        .load(tenant.conn())
}

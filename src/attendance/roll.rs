//! Taking a roll: who is on it, the marks already saved, and saving marks (a whole
//! roll from the plain form, or a few taps at a time from the tablet's queue).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Date, Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use super::sql::prepared;
use crate::access::{Access, Action, Entity, Permission};
use crate::db::enums::{AttendanceSessionType, AttendanceStatus};
use crate::db::schema::sql_types::{
    AttendanceSessionType as SqlSessionType, AttendanceStatus as SqlStatus,
};
use crate::web::input;

/// Longest remark kept with a mark.
pub const REMARKS_MAX: usize = 500;
/// Most minutes a student can be late (the database allows 0–600).
pub const MINUTES_LATE_MAX: i32 = 600;

/// Which roll: a class's daily roll, or one subject's period roll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollKey {
    Class(Uuid),
    ClassSubject(Uuid),
}

impl RollKey {
    /// The roll page's path; the marks endpoint adds `/marks`.
    pub fn path(self) -> String {
        match self {
            RollKey::Class(id) => format!("/roll/classes/{id}"),
            RollKey::ClassSubject(id) => format!("/roll/class-subjects/{id}"),
        }
    }

    pub fn session_type(self) -> AttendanceSessionType {
        match self {
            RollKey::Class(_) => AttendanceSessionType::Daily,
            RollKey::ClassSubject(_) => AttendanceSessionType::Period,
        }
    }
}

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

impl RollHead {
    pub fn session_type(&self) -> AttendanceSessionType {
        if self.class_subject_id.is_some() {
            AttendanceSessionType::Period
        } else {
            AttendanceSessionType::Daily
        }
    }

    pub fn title(&self) -> String {
        match &self.subject_name {
            Some(subject) => format!("{} · {subject}", self.class_name),
            None => format!("{} · daily roll", self.class_name),
        }
    }
}

/// Who may take a roll: anyone allowed to create and update marks, for the classes
/// they teach; those who manage classes (UPDATE_CLASSES, e.g. administrators) may
/// take any class's roll, say for an absent colleague.
pub fn may_take(access: &Access, head: &RollHead) -> bool {
    let marks = access.can(Permission::new(Action::Create, Entity::AttendanceRecords))
        && access.can(Permission::new(Action::Update, Entity::AttendanceRecords));
    marks && (head.teaches || access.can(Permission::new(Action::Update, Entity::Classes)))
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
pub fn load_head(
    conn: &mut PgConnection,
    access: &Access,
    key: RollKey,
) -> QueryResult<Option<RollHead>> {
    let (class, class_subject) = match key {
        RollKey::Class(id) => (Some(id), None),
        RollKey::ClassSubject(id) => (None, Some(id)),
    };
    prepared(HEAD_SQL)
        .bind::<Nullable<SqlUuid>, _>(class)
        .bind::<Nullable<SqlUuid>, _>(class_subject)
        .bind::<SqlUuid, _>(access.organization_id)
        .bind::<SqlUuid, _>(access.user_id)
        .get_result(conn)
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
    conn: &mut PgConnection,
    organization_id: Uuid,
    head: &RollHead,
    date: NaiveDate,
) -> QueryResult<Vec<RosterEntry>> {
    prepared(ROSTER_SQL)
        .bind::<SqlUuid, _>(organization_id)
        .bind::<SqlUuid, _>(head.class_id)
        .bind::<Nullable<SqlUuid>, _>(head.class_subject_id)
        .bind::<Date, _>(date)
        .bind::<SqlSessionType, _>(head.session_type())
        .load(conn)
}

/// One student's mark as the teacher gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub student_id: Uuid,
    pub status: AttendanceStatus,
    /// Kept only with `Late`.
    pub minutes_late: Option<i32>,
    pub remarks: Option<String>,
    /// When the mark was made, on the server's clock.
    pub marked_at: DateTime<Utc>,
}

impl Mark {
    /// A mark with its minutes dropped unless late: the database keeps minutes only with late.
    pub fn new(
        student_id: Uuid,
        status: AttendanceStatus,
        minutes_late: Option<i32>,
        remarks: Option<String>,
        marked_at: DateTime<Utc>,
    ) -> Mark {
        Mark {
            student_id,
            status,
            minutes_late: minutes_late.filter(|_| status == AttendanceStatus::Late),
            remarks: remarks
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty()),
            marked_at,
        }
    }
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

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Some students are not actively enrolled in the class; nothing was stored.
    #[error("students not on this roll: {0:?}")]
    NotOnRoll(Vec<Uuid>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Settings a save needs beyond the marks.
pub struct SaveContext<'a> {
    pub access: &'a Access,
    pub head: &'a RollHead,
    pub date: NaiveDate,
    /// How long an absence waits before its guardians are alerted.
    pub alert_grace: chrono::Duration,
    pub now: DateTime<Utc>,
}

#[derive(QueryableByName)]
struct StudentId {
    #[diesel(sql_type = SqlUuid)]
    student_id: Uuid,
}

#[derive(QueryableByName)]
struct SessionId {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Changed {
    #[diesel(sql_type = SqlUuid)]
    student_id: Uuid,
    #[diesel(sql_type = SqlStatus)]
    status: AttendanceStatus,
}

const ENROLLED_SQL: &str = "
SELECT e.student_id FROM class_enrollments e
JOIN students st ON st.id = e.student_id AND st.deleted_at IS NULL AND st.status = 'active'
WHERE e.organization_id = $1 AND e.class_id = $2 AND e.student_id = ANY($3)
  AND e.deleted_at IS NULL AND e.status = 'active'
";

const DAILY_SESSION_SQL: &str = "
INSERT INTO attendance_sessions (organization_id, campus_id, class_id, session_date, session_type,
                                 taken_by_id, created_by_id, updated_by_id)
VALUES ($1, $2, $3, $4, 'daily', $5, $6, $6)
ON CONFLICT (class_id, session_date, session_type)
    WHERE class_subject_id IS NULL AND deleted_at IS NULL
DO UPDATE SET taken_by_id = coalesce(EXCLUDED.taken_by_id, attendance_sessions.taken_by_id),
              updated_by_id = EXCLUDED.updated_by_id
RETURNING id
";

const PERIOD_SESSION_SQL: &str = "
INSERT INTO attendance_sessions (organization_id, campus_id, class_id, session_date, session_type,
                                 taken_by_id, created_by_id, updated_by_id, class_subject_id)
VALUES ($1, $2, $3, $4, 'period', $5, $6, $6, $7)
ON CONFLICT (class_subject_id, session_date, session_type)
    WHERE class_subject_id IS NOT NULL AND deleted_at IS NULL
DO UPDATE SET taken_by_id = coalesce(EXCLUDED.taken_by_id, attendance_sessions.taken_by_id),
              updated_by_id = EXCLUDED.updated_by_id
RETURNING id
";

// Last write wins per student by when the mark was made, so a mark that waited in
// an offline queue never overwrites a newer one; an identical mark changes nothing.
const RECORDS_SQL: &str = "
INSERT INTO attendance_records (organization_id, attendance_session_id, student_id, status,
                                minutes_late, remarks, marked_at, created_by_id, updated_by_id)
SELECT $1, $2, m.student_id, m.status, m.minutes_late, m.remarks, m.marked_at, $3, $3
FROM unnest($4::uuid[], $5::attendance_status[], $6::int[], $7::text[], $8::timestamptz[])
     AS m(student_id, status, minutes_late, remarks, marked_at)
ON CONFLICT (attendance_session_id, student_id) WHERE deleted_at IS NULL
DO UPDATE SET status = EXCLUDED.status, minutes_late = EXCLUDED.minutes_late,
              remarks = EXCLUDED.remarks, marked_at = EXCLUDED.marked_at,
              updated_by_id = EXCLUDED.updated_by_id
WHERE attendance_records.marked_at <= EXCLUDED.marked_at
  AND (attendance_records.status, attendance_records.minutes_late, attendance_records.remarks)
      IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.minutes_late, EXCLUDED.remarks)
RETURNING student_id, status
";

const STORED_SQL: &str = "
SELECT student_id, status, minutes_late, remarks FROM attendance_records
WHERE attendance_session_id = $1 AND student_id = ANY($2) AND deleted_at IS NULL
";

/// Saves marks in the caller's transaction: refuses the lot if one student is not
/// actively enrolled, upserts the session and every record set-wise, arms absence
/// alerts, and recomputes the campus's summary for the day. Returns what is stored
/// for those students (a newer mark from another device may have won).
pub fn save_marks(
    conn: &mut PgConnection,
    cx: &SaveContext,
    marks: Vec<Mark>,
) -> Result<Vec<StoredMark>, SaveError> {
    let org = cx.access.organization_id;
    let user = cx.access.user_id;
    let head = cx.head;
    // One mark per student: the latest made.
    let mut latest: HashMap<Uuid, Mark> = HashMap::with_capacity(marks.len());
    for mark in marks {
        match latest.get(&mark.student_id) {
            Some(kept) if kept.marked_at > mark.marked_at => {}
            _ => {
                latest.insert(mark.student_id, mark);
            }
        }
    }
    if latest.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = latest.keys().copied().collect();

    let enrolled: HashSet<Uuid> = prepared(ENROLLED_SQL)
        .bind::<SqlUuid, _>(org)
        .bind::<SqlUuid, _>(head.class_id)
        .bind::<Array<SqlUuid>, _>(ids.clone())
        .load::<StudentId>(conn)?
        .into_iter()
        .map(|s| s.student_id)
        .collect();
    let mut strangers: Vec<Uuid> = ids
        .iter()
        .copied()
        .filter(|id| !enrolled.contains(id))
        .collect();
    if !strangers.is_empty() {
        strangers.sort();
        return Err(SaveError::NotOnRoll(strangers));
    }

    let session = match head.class_subject_id {
        None => prepared(DAILY_SESSION_SQL)
            .bind::<SqlUuid, _>(org)
            .bind::<SqlUuid, _>(head.campus_id)
            .bind::<SqlUuid, _>(head.class_id)
            .bind::<Date, _>(cx.date)
            .bind::<Nullable<SqlUuid>, _>(head.my_staff_id)
            .bind::<SqlUuid, _>(user)
            .get_result::<SessionId>(conn)?,
        Some(class_subject) => prepared(PERIOD_SESSION_SQL)
            .bind::<SqlUuid, _>(org)
            .bind::<SqlUuid, _>(head.campus_id)
            .bind::<SqlUuid, _>(head.class_id)
            .bind::<Date, _>(cx.date)
            .bind::<Nullable<SqlUuid>, _>(head.my_staff_id)
            .bind::<SqlUuid, _>(user)
            .bind::<SqlUuid, _>(class_subject)
            .get_result::<SessionId>(conn)?,
    }
    .id;

    let marks: Vec<Mark> = latest.into_values().collect();
    let changed: Vec<Changed> = prepared(RECORDS_SQL)
        .bind::<SqlUuid, _>(org)
        .bind::<SqlUuid, _>(session)
        .bind::<SqlUuid, _>(user)
        .bind::<Array<SqlUuid>, _>(marks.iter().map(|m| m.student_id).collect::<Vec<_>>())
        .bind::<Array<SqlStatus>, _>(marks.iter().map(|m| m.status).collect::<Vec<_>>())
        .bind::<Array<Nullable<Integer>>, _>(
            marks.iter().map(|m| m.minutes_late).collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            marks.iter().map(|m| m.remarks.clone()).collect::<Vec<_>>(),
        )
        .bind::<Array<Timestamptz>, _>(marks.iter().map(|m| m.marked_at).collect::<Vec<_>>())
        .load(conn)?;

    let absent: Vec<Uuid> = changed
        .iter()
        .filter(|c| c.status == AttendanceStatus::Absent)
        .map(|c| c.student_id)
        .collect();
    if !absent.is_empty() {
        super::alerts::arm(
            conn,
            &super::alerts::Absences {
                organization_id: org,
                campus_id: head.campus_id,
                date: cx.date,
                students: &absent,
                marked_by: user,
                due_at: cx.now + cx.alert_grace,
            },
        )?;
    }
    if !changed.is_empty() && head.class_subject_id.is_none() {
        super::summary::refresh_summaries(conn, org, Some(head.campus_id), cx.date, cx.date)?;
    }

    Ok(prepared(STORED_SQL)
        .bind::<SqlUuid, _>(session)
        .bind::<Array<SqlUuid>, _>(ids.clone())
        .load(conn)?)
}

/// Problems with one student's row of the plain form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowInput {
    pub status: Option<String>,
    pub minutes: Option<String>,
    pub minutes_other: String,
    pub remarks: String,
}

/// A row of the plain form turned into a mark, or the message to show beside it.
pub fn parse_row(
    student_id: Uuid,
    input: &RowInput,
    now: DateTime<Utc>,
) -> Result<Option<Mark>, String> {
    let Some(status_text) = input.status.as_deref().filter(|s| !s.is_empty()) else {
        if !input.remarks.trim().is_empty() {
            return Err("Choose present, absent, late or excused to keep this remark.".to_owned());
        }
        return Ok(None);
    };
    let status: AttendanceStatus = status_text
        .parse()
        .map_err(|_| "Choose present, absent, late or excused.".to_owned())?;
    let minutes_text = if input.minutes_other.trim().is_empty() {
        input.minutes.clone().unwrap_or_default()
    } else {
        input.minutes_other.trim().to_owned()
    };
    let minutes_late = if status == AttendanceStatus::Late && !minutes_text.is_empty() {
        Some(parse_minutes(&minutes_text)?)
    } else {
        None
    };
    let remarks = input.remarks.trim();
    if remarks.chars().count() > REMARKS_MAX {
        return Err(format!("Keep the remark under {REMARKS_MAX} characters."));
    }
    Ok(Some(Mark::new(
        student_id,
        status,
        minutes_late,
        Some(remarks.to_owned()),
        now,
    )))
}

/// Minutes late as typed: a whole number from 0 to 600.
pub fn parse_minutes(text: &str) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(n) if (0..=MINUTES_LATE_MAX).contains(&n) => Ok(n),
        _ => Err(format!(
            "Minutes late must be a whole number from 0 to {MINUTES_LATE_MAX}."
        )),
    }
}

/// A mark sent within this long of the tap counts as made when it arrives, so one
/// device's quick taps keep their order however long each request takes.
const LIVE_MS: i64 = 10_000;

/// When a mark made on a device was made, on the server's clock: the device says
/// how old the mark was when it sent it, so its own clock may be wrong. Only marks
/// that waited (offline) are placed back in time.
pub fn server_time_of(
    now: DateTime<Utc>,
    client_marked_ms: i64,
    client_sent_ms: i64,
) -> DateTime<Utc> {
    let age = (client_sent_ms - client_marked_ms).clamp(0, 7 * 24 * 3600 * 1000);
    if age <= LIVE_MS {
        return now;
    }
    now - chrono::Duration::milliseconds(age)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, minutes: Option<&str>, other: &str, remarks: &str) -> RowInput {
        RowInput {
            status: Some(status.to_owned()),
            minutes: minutes.map(str::to_owned),
            minutes_other: other.to_owned(),
            remarks: remarks.to_owned(),
        }
    }

    #[test]
    fn late_keeps_its_minutes_and_other_marks_drop_them() {
        let now = Utc::now();
        let id = Uuid::nil();
        let late = parse_row(id, &row("late", Some("10"), "", ""), now)
            .expect("valid")
            .expect("a mark");
        assert_eq!(late.minutes_late, Some(10));
        let typed = parse_row(id, &row("late", Some("5"), " 42 ", ""), now)
            .expect("valid")
            .expect("a mark");
        assert_eq!(typed.minutes_late, Some(42), "a typed number wins");
        let present = parse_row(id, &row("present", Some("10"), "", " "), now)
            .expect("valid")
            .expect("a mark");
        assert_eq!(present.minutes_late, None);
        assert_eq!(present.remarks, None);
    }

    #[test]
    fn bad_rows_say_what_to_fix() {
        let now = Utc::now();
        let id = Uuid::nil();
        assert!(parse_row(id, &row("late", None, "601", ""), now).is_err());
        assert!(parse_row(id, &row("late", None, "-1", ""), now).is_err());
        assert!(parse_row(id, &row("late", None, "ten", ""), now).is_err());
        assert!(parse_row(id, &row("asleep", None, "", ""), now).is_err());
        assert!(parse_row(id, &row("present", None, "", &"x".repeat(501)), now).is_err());
        let untouched = RowInput::default();
        assert_eq!(parse_row(id, &untouched, now), Ok(None));
    }

    #[test]
    fn a_device_clock_that_is_wrong_does_not_move_its_marks() {
        let now = Utc::now();
        // A device an hour fast that tapped 90 seconds before sending.
        let sent = now.timestamp_millis() + 3_600_000;
        let at = server_time_of(now, sent - 90_000, sent);
        assert_eq!(now - at, chrono::Duration::milliseconds(90_000));
        // A mark "from the future" counts as made now.
        assert_eq!(server_time_of(now, sent + 5_000, sent), now);
    }

    #[test]
    fn quick_taps_keep_their_order_however_slow_each_request_is() {
        let now = Utc::now();
        let sent = now.timestamp_millis();
        // "Late" was tapped 2 s before it reached the server on a slow connection;
        // "10 minutes" 300 ms later on a quick one: the later tap must stand.
        let late = server_time_of(now, sent - 2_000, sent);
        let ten = server_time_of(
            now + chrono::Duration::milliseconds(50),
            sent + 300,
            sent + 310,
        );
        assert!(ten > late);
    }
}

// ---- Pages and endpoints ----

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::access::{Gate, Routes};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::layout::{Layout, Page};
use crate::web::{render_as, see_other};

pub fn routes(r: &mut Routes) {
    let read = Gate::Requires(Permission::new(Action::Read, Entity::AttendanceRecords));
    let mark = Gate::Requires(Permission::new(Action::Create, Entity::AttendanceRecords));
    r.get("/roll/classes/{id}", read, class_roll);
    r.post("/roll/classes/{id}", mark, class_roll_form);
    r.post("/roll/classes/{id}/marks", mark, class_roll_marks);
    r.get("/roll/class-subjects/{id}", read, subject_roll);
    r.post("/roll/class-subjects/{id}", mark, subject_roll_form);
    r.post("/roll/class-subjects/{id}/marks", mark, subject_roll_marks);
}

/// One choice of a segmented control (status, or a quick pick of minutes late).
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct RollRow {
    pub id: Uuid,
    pub name: String,
    pub initials: String,
    /// A thumbnail of the student's photo, when the school has one.
    pub photo: Option<String>,
    pub statuses: Vec<Choice>,
    pub minute_picks: Vec<Choice>,
    pub minutes_other: String,
    pub remarks: String,
    pub marked: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance/roll.html")]
struct RollPage {
    layout: Layout,
    title: String,
    path: String,
    date: NaiveDate,
    may_take: bool,
    rows: Vec<RollRow>,
    marked: usize,
    error: Option<String>,
    roll_js: String,
}

const QUICK_MINUTES: [&str; 3] = ["5", "10", "15"];

#[derive(serde::Deserialize)]
struct DateQuery {
    date: Option<String>,
}

/// The roll's date: today when none is given; never a day still to come.
fn roll_date(access: &Access, text: Option<&str>) -> Result<NaiveDate, AppError> {
    let today = access.today();
    let date = match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => today,
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| AppError::BadRequest("The date must look like 2026-11-23.".to_owned()))?,
    };
    if date > today {
        return Err(AppError::BadRequest(
            "A roll can be taken only for today or a day that has passed.".to_owned(),
        ));
    }
    Ok(date)
}

fn initials(first: &str, last: &str) -> String {
    first
        .chars()
        .next()
        .into_iter()
        .chain(last.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The page's rows: the saved marks, or what the user just sent when it comes back
/// with messages.
fn rows_of(
    roster: &[RosterEntry],
    photos: &HashMap<Uuid, String>,
    sent: Option<&HashMap<Uuid, RowInput>>,
    errors: &HashMap<Uuid, String>,
) -> Vec<RollRow> {
    roster
        .iter()
        .map(|entry| {
            let saved = RowInput {
                status: entry.status.map(|s| s.as_str().to_owned()),
                minutes: None,
                minutes_other: entry
                    .minutes_late
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                remarks: entry.remarks.clone().unwrap_or_default(),
            };
            let input = sent
                .and_then(|s| s.get(&entry.student_id))
                .unwrap_or(&saved);
            // A saved 5, 10 or 15 shows as its quick pick.
            let (minutes, other) = match (&input.minutes, input.minutes_other.as_str()) {
                (None, m) if QUICK_MINUTES.contains(&m) => (Some(m.to_owned()), String::new()),
                (picked, other) => (picked.clone(), other.to_owned()),
            };
            RollRow {
                id: entry.student_id,
                name: format!("{}, {}", entry.last_name, entry.first_name),
                initials: initials(&entry.first_name, &entry.last_name),
                photo: photos.get(&entry.student_id).cloned(),
                statuses: AttendanceStatus::ALL
                    .iter()
                    .map(|s| Choice {
                        value: s.as_str(),
                        label: s.label(),
                        checked: input.status.as_deref() == Some(s.as_str()),
                    })
                    .collect(),
                minute_picks: QUICK_MINUTES
                    .iter()
                    .map(|&m| Choice {
                        value: m,
                        label: m,
                        checked: minutes.as_deref() == Some(m),
                    })
                    .collect(),
                minutes_other: other,
                remarks: input.remarks.clone(),
                marked: entry.status.is_some(),
                error: errors.get(&entry.student_id).cloned(),
            }
        })
        .collect()
}

struct Loaded {
    head: RollHead,
    roster: Vec<RosterEntry>,
    /// Thumbnail addresses of the students who have a photo.
    photos: HashMap<Uuid, String>,
}

async fn load_roll(
    state: &AppState,
    access: &Access,
    key: RollKey,
    date: NaiveDate,
) -> Result<Loaded, AppError> {
    let access = access.clone();
    crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let head = load_head(conn, &access, key)?.ok_or(AppError::NotFound)?;
        let roster = roster(conn, access.organization_id, &head, date)?;
        let ids: Vec<Uuid> = roster.iter().map(|e| e.student_id).collect();
        let photos = crate::files::photo_thumbnails(
            conn,
            access.organization_id,
            crate::files::EntityKind::Student,
            &ids,
        )?;
        Ok(Loaded {
            head,
            roster,
            photos,
        })
    })
    .await
}

struct Sent<'a> {
    rows: &'a HashMap<Uuid, RowInput>,
    errors: &'a HashMap<Uuid, String>,
    error: String,
}

fn roll_page(
    page: &Page,
    key: RollKey,
    date: NaiveDate,
    loaded: &Loaded,
    sent: Option<Sent>,
) -> Result<HttpResponse, AppError> {
    let no_errors = HashMap::new();
    let rows = rows_of(
        &loaded.roster,
        &loaded.photos,
        sent.as_ref().map(|s| s.rows),
        sent.as_ref().map_or(&no_errors, |s| s.errors),
    );
    let marked = loaded.roster.iter().filter(|e| e.status.is_some()).count();
    let title = loaded.head.title();
    let status = if sent.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_as(
        &RollPage {
            layout: page.layout(title.clone()),
            title,
            path: key.path(),
            date,
            may_take: may_take(&page.access, &loaded.head),
            rows,
            marked,
            error: sent.map(|s| s.error),
            roll_js: crate::web::assets::ASSETS.roll_js.clone(),
        },
        status,
    )
}

async fn show_roll(
    page: Page,
    state: web::Data<AppState>,
    key: RollKey,
    query: DateQuery,
) -> Result<HttpResponse, AppError> {
    let date = roll_date(&page.access, query.date.as_deref())?;
    let loaded = load_roll(&state, &page.access, key, date).await?;
    roll_page(&page, key, date, &loaded, None)
}

async fn class_roll(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: input::Query<DateQuery>,
) -> Result<HttpResponse, AppError> {
    show_roll(page, state, RollKey::Class(*id), query.into_inner()).await
}

async fn subject_roll(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: input::Query<DateQuery>,
) -> Result<HttpResponse, AppError> {
    show_roll(page, state, RollKey::ClassSubject(*id), query.into_inner()).await
}

/// The plain form's fields gathered per student (`status-<id>`, `minutes-<id>`, …).
fn rows_from_form(fields: &[(String, String)]) -> HashMap<Uuid, RowInput> {
    let mut rows: HashMap<Uuid, RowInput> = HashMap::new();
    for (name, value) in fields {
        let Some((field, id)) = name.split_once('-') else {
            continue;
        };
        let Ok(id) = id.parse::<Uuid>() else { continue };
        let row = rows.entry(id).or_default();
        match field {
            "status" => row.status = Some(value.clone()),
            "minutes" => row.minutes = Some(value.clone()),
            "minutes_other" => row.minutes_other = value.clone(),
            "remarks" => row.remarks = value.clone(),
            _ => {}
        }
    }
    rows
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn grace(state: &AppState) -> chrono::Duration {
    chrono::Duration::from_std(state.settings.absence_alert_grace)
        .unwrap_or(chrono::Duration::minutes(15))
}

async fn save_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    key: RollKey,
    fields: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let date = roll_date(&page.access, field(&fields, "date"))?;
    let loaded = load_roll(&state, &page.access, key, date).await?;
    if !may_take(&page.access, &loaded.head) {
        return Err(AppError::Forbidden);
    }
    let mut sent = rows_from_form(&fields);
    // "Mark all present" fills every student neither the form nor the roll has marked.
    if field(&fields, "intent") == Some("all_present") {
        for entry in loaded.roster.iter().filter(|e| e.status.is_none()) {
            let row = sent.entry(entry.student_id).or_default();
            if row.status.as_deref().is_none_or(str::is_empty) {
                row.status = Some(AttendanceStatus::Present.as_str().to_owned());
            }
        }
    }
    let now = Utc::now();
    let mut marks = Vec::new();
    let mut errors = HashMap::new();
    for (&id, row) in &sent {
        match parse_row(id, row, now) {
            Ok(Some(mark)) => marks.push(mark),
            Ok(None) => {}
            Err(message) => {
                errors.insert(id, message);
            }
        }
    }
    if !errors.is_empty() {
        return roll_page(
            &page,
            key,
            date,
            &loaded,
            Some(Sent {
                rows: &sent,
                errors: &errors,
                error: "Some marks need a second look; nothing was saved yet.".to_owned(),
            }),
        );
    }
    let count = marks.len();
    let outcome = save(&state, &page.access, &loaded.head, date, marks, now).await?;
    match outcome {
        Ok(_) => {
            flash::push(
                &session,
                Level::Success,
                format!("Roll saved: {count} of {} marked.", loaded.roster.len()),
            );
            Ok(see_other(&format!("{}?date={date}", key.path())))
        }
        Err(strangers) => roll_page(
            &page,
            key,
            date,
            &loaded,
            Some(Sent {
                rows: &sent,
                errors: &HashMap::new(),
                error: not_on_roll_message(strangers.len()),
            }),
        ),
    }
}

fn not_on_roll_message(n: usize) -> String {
    format!(
        "{n} of the students sent are not enrolled in this class; nothing was saved. \
         Reload the roll to see who is on it."
    )
}

/// Saves in one transaction; `Err` lists students not on the roll (nothing stored).
async fn save(
    state: &AppState,
    access: &Access,
    head: &RollHead,
    date: NaiveDate,
    marks: Vec<Mark>,
    now: DateTime<Utc>,
) -> Result<Result<Vec<StoredMark>, Vec<Uuid>>, AppError> {
    let access = access.clone();
    let head = head.clone();
    let alert_grace = grace(state);
    crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let cx = SaveContext {
            access: &access,
            head: &head,
            date,
            alert_grace,
            now,
        };
        match save_marks(conn, &cx, marks) {
            Ok(stored) => Ok(Ok(stored)),
            Err(SaveError::NotOnRoll(ids)) => Ok(Err(ids)),
            Err(SaveError::Database(e)) => Err(e.into()),
        }
    })
    .await
}

async fn class_roll_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    save_form(page, state, session, RollKey::Class(*id), form.into_inner()).await
}

async fn subject_roll_form(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    save_form(
        page,
        state,
        session,
        RollKey::ClassSubject(*id),
        form.into_inner(),
    )
    .await
}

/// Marks sent by the roll page's script, straight after a tap or from its queue.
#[derive(serde::Deserialize)]
pub struct MarksRequest {
    pub date: String,
    /// The device's clock when it sent the request, in milliseconds.
    pub sent_at: i64,
    pub marks: Vec<MarkRequest>,
}

#[derive(serde::Deserialize)]
pub struct MarkRequest {
    /// Made up by the device, so it can tell which queued marks were received.
    pub id: String,
    pub student_id: Uuid,
    pub status: String,
    pub minutes_late: Option<i32>,
    #[serde(default)]
    pub remarks: String,
    /// The device's clock when the mark was made, in milliseconds.
    pub marked_at: i64,
}

#[derive(serde::Serialize)]
struct MarksResponse {
    received: Vec<String>,
    marks: Vec<StoredMark>,
}

#[derive(serde::Serialize)]
struct MarksRefused<'a> {
    error: &'a str,
    students: Vec<Uuid>,
}

fn refused(status: StatusCode, error: &str, students: Vec<Uuid>) -> HttpResponse {
    HttpResponse::build(status).json(MarksRefused { error, students })
}

/// The marks of a request, or why one of them cannot be stored.
fn marks_of(request: &MarksRequest, now: DateTime<Utc>) -> Result<Vec<Mark>, (Uuid, String)> {
    request
        .marks
        .iter()
        .map(|m| {
            let status: AttendanceStatus = m.status.parse().map_err(|_| {
                (
                    m.student_id,
                    "Choose present, absent, late or excused.".to_owned(),
                )
            })?;
            if let Some(minutes) = m.minutes_late {
                parse_minutes(&minutes.to_string()).map_err(|e| (m.student_id, e))?;
            }
            if m.remarks.trim().chars().count() > REMARKS_MAX {
                return Err((
                    m.student_id,
                    format!("Keep the remark under {REMARKS_MAX} characters."),
                ));
            }
            Ok(Mark::new(
                m.student_id,
                status,
                m.minutes_late,
                Some(m.remarks.clone()),
                server_time_of(now, m.marked_at, request.sent_at),
            ))
        })
        .collect()
}

/// Why a request's marks were not stored.
enum MarksRefusal {
    Unreadable(String),
    Invalid(Uuid, String),
    NotOnRoll(Vec<Uuid>),
}

async fn save_marks_request(
    page: Page,
    state: web::Data<AppState>,
    key: RollKey,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let access = page.access;
    let now = Utc::now();
    // Read before the transaction; refused only after the roll is known to be ours.
    let request = input::json::<MarksRequest>(&body)
        .map_err(|e| MarksRefusal::Unreadable(format!("The marks could not be read. {e}")))
        .and_then(|request| {
            let date = roll_date(&access, Some(&request.date))
                .map_err(|e| MarksRefusal::Unreadable(e.to_string()))?;
            let marks = marks_of(&request, now)
                .map_err(|(student, message)| MarksRefusal::Invalid(student, message))?;
            let received: Vec<String> = request.marks.into_iter().map(|m| m.id).collect();
            Ok((date, marks, received))
        });
    let alert_grace = grace(&state);
    // One transaction: the roll, the right to take it, and the save.
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        let conn = tenant.conn();
        let head = load_head(conn, &access, key)?.ok_or(AppError::NotFound)?;
        if !may_take(&access, &head) {
            return Err(AppError::Forbidden);
        }
        let (date, marks, received) = match request {
            Ok(request) => request,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let cx = SaveContext {
            access: &access,
            head: &head,
            date,
            alert_grace,
            now,
        };
        match save_marks(conn, &cx, marks) {
            Ok(stored) => Ok(Ok((received, stored))),
            Err(SaveError::NotOnRoll(ids)) => Ok(Err(MarksRefusal::NotOnRoll(ids))),
            Err(SaveError::Database(e)) => Err(e.into()),
        }
    })
    .await?;
    Ok(match outcome {
        Ok((received, marks)) => HttpResponse::Ok()
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .json(MarksResponse { received, marks }),
        Err(MarksRefusal::Unreadable(message)) => {
            refused(StatusCode::BAD_REQUEST, &message, Vec::new())
        }
        Err(MarksRefusal::Invalid(student, message)) => {
            refused(StatusCode::UNPROCESSABLE_ENTITY, &message, vec![student])
        }
        Err(MarksRefusal::NotOnRoll(strangers)) => refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            &not_on_roll_message(strangers.len()),
            strangers,
        ),
    })
}

async fn class_roll_marks(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    save_marks_request(page, state, RollKey::Class(*id), body).await
}

async fn subject_roll_marks(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    save_marks_request(page, state, RollKey::ClassSubject(*id), body).await
}

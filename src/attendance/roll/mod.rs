//! Taking a roll: who is on it, the marks already saved, and saving marks (a whole
//! roll from the plain form, or a few taps at a time from the tablet's queue).

mod marks;
mod pages;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryResult;
use uuid::Uuid;

use super::queries::roll as queries;
pub use super::queries::roll::{RollHead, RosterEntry, StoredMark};
use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::db::enums::{AttendanceSessionType, AttendanceStatus};
use crate::i18n::Lang;
pub use pages::routes;

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

impl RollHead {
    pub fn session_type(&self) -> AttendanceSessionType {
        if self.class_subject_id.is_some() {
            AttendanceSessionType::Period
        } else {
            AttendanceSessionType::Daily
        }
    }

    pub fn title(&self, t: Lang) -> String {
        match &self.subject_name {
            Some(subject) => format!("{} · {subject}", self.class_name),
            None => t
                .message("roll-daily-title")
                .arg("class", self.class_name.as_str())
                .to_string(),
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
    pub head: &'a RollHead,
    pub date: NaiveDate,
    /// How long an absence waits before its guardians are alerted.
    pub alert_grace: chrono::Duration,
    pub now: DateTime<Utc>,
}

/// Saves marks in the caller's transaction: refuses the lot if one student is not
/// actively enrolled (checked as the session is opened), upserts every record
/// set-wise and reads back what is stored in one statement (the campus's summary
/// for the day follows the records' write), and arms absence alerts. Returns what is stored for those students (a newer mark
/// from another device may have won).
pub fn save_marks(
    tenant: &mut Tenant<'_>,
    cx: &SaveContext,
    marks: Vec<Mark>,
) -> Result<Vec<StoredMark>, SaveError> {
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
    let session =
        queries::open_session(tenant, head, cx.date, &ids)?.map_err(SaveError::NotOnRoll)?;
    let marks: Vec<Mark> = latest.into_values().collect();
    let saved = queries::write_marks(tenant, session, &marks)?;

    let absent: Vec<Uuid> = saved
        .iter()
        .filter(|s| s.changed && s.status == AttendanceStatus::Absent)
        .map(|s| s.student_id)
        .collect();
    if !absent.is_empty() {
        super::alerts::arm(
            tenant,
            &super::alerts::Absences {
                campus_id: head.campus_id,
                date: cx.date,
                students: &absent,
                due_at: cx.now + cx.alert_grace,
            },
        )?;
    }
    Ok(saved
        .into_iter()
        .map(|s| StoredMark {
            student_id: s.student_id,
            status: s.status,
            minutes_late: s.minutes_late,
            remarks: s.remarks,
        })
        .collect())
}

/// Saves marks as [`save_marks`] does; `Ok(Err(ids))` lists the students not on
/// the roll, when nothing was stored.
pub fn take_roll(
    tenant: &mut Tenant<'_>,
    cx: &SaveContext,
    marks: Vec<Mark>,
) -> QueryResult<Result<Vec<StoredMark>, Vec<Uuid>>> {
    match save_marks(tenant, cx, marks) {
        Ok(stored) => Ok(Ok(stored)),
        Err(SaveError::NotOnRoll(ids)) => Ok(Err(ids)),
        Err(SaveError::Database(e)) => Err(e),
    }
}

/// Problems with one student's row of the plain form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowInput {
    pub status: Option<String>,
    pub minutes: Option<String>,
    pub minutes_other: String,
    pub remarks: String,
}

/// What is wrong with one student's mark; [`RowProblem::text`] says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowProblem {
    RemarkWithoutMark,
    UnknownStatus,
    RemarkTooLong,
    MinutesOutOfRange,
}

impl RowProblem {
    /// The message shown beside the row, in the reader's language.
    pub fn text(self, t: Lang) -> String {
        match self {
            RowProblem::RemarkWithoutMark => t.text("roll-problem-remark-without-mark"),
            RowProblem::UnknownStatus => t.text("roll-problem-unknown-status"),
            RowProblem::RemarkTooLong => t
                .message("roll-problem-remark-too-long")
                .arg("max", REMARKS_MAX)
                .to_string(),
            RowProblem::MinutesOutOfRange => t
                .message("roll-problem-minutes")
                .arg("max", MINUTES_LATE_MAX)
                .to_string(),
        }
    }
}

/// A row of the plain form turned into a mark, or what is wrong with it.
pub fn parse_row(
    student_id: Uuid,
    input: &RowInput,
    now: DateTime<Utc>,
) -> Result<Option<Mark>, RowProblem> {
    let Some(status_text) = input.status.as_deref().filter(|s| !s.is_empty()) else {
        if !input.remarks.trim().is_empty() {
            return Err(RowProblem::RemarkWithoutMark);
        }
        return Ok(None);
    };
    let status: AttendanceStatus = status_text.parse().map_err(|_| RowProblem::UnknownStatus)?;
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
        return Err(RowProblem::RemarkTooLong);
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
pub fn parse_minutes(text: &str) -> Result<i32, RowProblem> {
    match text.trim().parse::<i32>() {
        Ok(n) if (0..=MINUTES_LATE_MAX).contains(&n) => Ok(n),
        _ => Err(RowProblem::MinutesOutOfRange),
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

//! The walkthrough form: what was typed, kept as typed so an error loses nothing,
//! and its parsing into what is stored.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use super::models::{DIMENSIONS, Walkthrough};
use super::queries::{RoomOption, TeacherOption};
use crate::i18n::{Lang, msg};
use crate::web::form::FieldErrors;

/// Clock differences between a phone and the server that still count as "now".
pub const CLOCK_SKEW_MINUTES: i64 = 5;
const COMMENT_MAX: usize = 2_000;
const NOTES_MAX: usize = 4_000;

/// The form's fields exactly as typed.
#[derive(Clone, Debug, Default)]
pub struct WalkthroughValues {
    pub classroom: String,
    pub teacher: String,
    pub check_in_date: String,
    pub check_in_time: String,
    pub ratings: [String; 7],
    pub comments: [String; 7],
    pub overall_notes: String,
}

impl WalkthroughValues {
    /// A new walkthrough: date and time are now at the school.
    pub fn now(time_zone: chrono_tz::Tz) -> WalkthroughValues {
        let (date, time) = local_now(time_zone);
        WalkthroughValues {
            check_in_date: date.format("%Y-%m-%d").to_string(),
            check_in_time: time.format("%H:%M").to_string(),
            ..WalkthroughValues::default()
        }
    }

    pub fn from_fields(fields: &[(String, String)]) -> WalkthroughValues {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        WalkthroughValues {
            classroom: get("classroom"),
            teacher: get("teacher"),
            check_in_date: get("check_in_date"),
            check_in_time: get("check_in_time"),
            ratings: DIMENSIONS.each_ref().map(|d| get(d.rating_field)),
            comments: DIMENSIONS.each_ref().map(|d| get(d.comment_field)),
            overall_notes: get("overall_notes"),
        }
    }

    pub fn from_walkthrough(w: &Walkthrough) -> WalkthroughValues {
        WalkthroughValues {
            classroom: w.classroom.clone(),
            teacher: w.teacher_name.clone(),
            check_in_date: w.check_in_date.format("%Y-%m-%d").to_string(),
            check_in_time: w.check_in_time.format("%H:%M").to_string(),
            ratings: w.ratings().map(|r| r.to_string()),
            comments: w.comments().map(|c| c.cloned().unwrap_or_default()),
            overall_notes: w.overall_notes.clone().unwrap_or_default(),
        }
    }
}

/// The school's date and time now.
pub fn local_now(time_zone: chrono_tz::Tz) -> (NaiveDate, NaiveTime) {
    let local = crate::clock::local_now(time_zone);
    (local.date(), local.time())
}

/// A form's valid input, ready to store.
#[derive(Debug)]
pub struct CheckedWalkthrough {
    pub room: Option<RoomOption>,
    pub classroom: String,
    pub teacher: TeacherOption,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub ratings: [i32; 7],
    pub comments: [Option<String>; 7],
    pub overall_notes: Option<String>,
}

/// The classroom as typed, matched to a timetable room when it names one.
pub fn find_room<'a>(rooms: &'a [RoomOption], typed: &str) -> Option<&'a RoomOption> {
    let typed = typed.trim();
    rooms
        .iter()
        .find(|r| r.label.eq_ignore_ascii_case(typed))
        .or_else(|| rooms.iter().find(|r| r.room.eq_ignore_ascii_case(typed)))
}

pub fn find_teacher<'a>(teachers: &'a [TeacherOption], typed: &str) -> Option<&'a TeacherOption> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    teachers
        .iter()
        .find(|t| t.label.eq_ignore_ascii_case(typed))
        .or_else(|| {
            let mut same = teachers
                .iter()
                .filter(|t| t.name.eq_ignore_ascii_case(typed));
            match (same.next(), same.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
}

pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

pub fn parse_time(value: &str) -> Option<NaiveTime> {
    let value = value.trim();
    NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .ok()
}

/// The longest classroom name.
const CLASSROOM_MAX: usize = 100;

/// Checks every field; the errors, in the reader's language, name each field that
/// cannot be used.
pub fn check(
    values: &WalkthroughValues,
    rooms: &[RoomOption],
    teachers: &[TeacherOption],
    time_zone: chrono_tz::Tz,
    now: DateTime<Utc>,
    t: &Lang,
) -> Result<CheckedWalkthrough, FieldErrors> {
    let mut errors = FieldErrors::default();
    let classroom = errors.check(
        "classroom",
        match values.classroom.trim() {
            "" => Err(t.text("walk-error-classroom")),
            c if c.chars().count() > CLASSROOM_MAX => Err(t
                .message("walk-error-classroom-long")
                .arg("max", CLASSROOM_MAX)
                .to_string()),
            c if c.chars().any(char::is_control) => Err(t.text("walk-error-classroom-control")),
            c => Ok(c.to_owned()),
        },
    );
    let room = classroom
        .as_deref()
        .and_then(|c| find_room(rooms, c))
        .cloned();
    let teacher = errors.check(
        "teacher",
        if values.teacher.trim().is_empty() {
            Err(t.text("walk-error-teacher"))
        } else {
            find_teacher(teachers, &values.teacher)
                .cloned()
                .ok_or_else(|| t.text("walk-error-teacher-unknown"))
        },
    );
    let date = errors.check(
        "check_in_date",
        parse_date(&values.check_in_date).ok_or_else(|| t.text("walk-error-date")),
    );
    let time = errors.check(
        "check_in_time",
        parse_time(&values.check_in_time).ok_or_else(|| t.text("walk-error-time")),
    );
    if let (Some(date), Some(time)) = (date, time) {
        let (today, _) = local_now(time_zone);
        if date > today {
            errors.add("check_in_date", t.text("walk-error-date-future"));
        } else if instant(time_zone, date, time)
            .is_some_and(|at| at > now + chrono::Duration::minutes(CLOCK_SKEW_MINUTES))
        {
            errors.add("check_in_time", t.text("walk-error-time-future"));
        }
    }
    let mut ratings = [0; 7];
    let mut comments: [Option<String>; 7] = Default::default();
    for (i, d) in DIMENSIONS.iter().enumerate() {
        let rated = rating(&values.ratings[i]).map_err(|id| t.message(id).arg("area", d.key));
        if let Some(r) = errors.check(d.rating_field, rated.map_err(|m| m.to_string())) {
            ratings[i] = r;
        }
        let comment = notes(&values.comments[i], COMMENT_MAX)
            .map_err(|problem| problem.say(t, COMMENT_MESSAGES, COMMENT_MAX, Some(d.key)));
        if let Some(c) = errors.check(d.comment_field, comment) {
            comments[i] = c;
        }
    }
    let overall_notes = errors.check(
        "overall_notes",
        notes(&values.overall_notes, NOTES_MAX)
            .map_err(|problem| problem.say(t, NOTES_MESSAGES, NOTES_MAX, None)),
    );
    match (classroom, teacher, date, time, overall_notes) {
        (Some(classroom), Some(teacher), Some(date), Some(time), Some(overall_notes))
            if errors.is_empty() =>
        {
            Ok(CheckedWalkthrough {
                classroom: room.as_ref().map_or(classroom, |r| r.room.clone()),
                room,
                teacher,
                date,
                time,
                ratings,
                comments,
                overall_notes,
            })
        }
        _ => Err(errors),
    }
}

/// A rating from 1 to 5, or the id of the message saying what is wrong (its
/// variable `area` is the area's key).
fn rating(value: &str) -> Result<i32, &'static str> {
    match value.trim().parse::<i32>() {
        Ok(r) if (1..=5).contains(&r) => Ok(r),
        Ok(_) => Err(msg("walk-error-rating-range")),
        Err(_) => Err(msg("walk-error-rating-missing")),
    }
}

/// What is wrong with free text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotesProblem {
    TooLong,
    Unstorable,
}

/// The ids of the messages for a [`NotesProblem`]: too long, then unstorable.
pub type NotesMessages = [&'static str; 2];

const COMMENT_MESSAGES: NotesMessages = [
    msg("walk-error-comment-long"),
    msg("walk-error-comment-unstorable"),
];
const NOTES_MESSAGES: NotesMessages = [
    msg("walk-error-notes-long"),
    msg("walk-error-notes-unstorable"),
];

impl NotesProblem {
    /// The problem in the reader's language, from the messages of the field (their
    /// variables: `max`, and `area` for an area's comment).
    pub fn say(&self, t: &Lang, ids: NotesMessages, max: usize, area: Option<&str>) -> String {
        let id = match self {
            NotesProblem::TooLong => ids[0],
            NotesProblem::Unstorable => ids[1],
        };
        let mut message = t.message(id).arg("max", t.number(max as i64));
        if let Some(area) = area {
            message = message.arg("area", area);
        }
        message.to_string()
    }
}

/// Free text that may run over several lines.
pub fn notes(value: &str, max: usize) -> Result<Option<String>, NotesProblem> {
    let text = value.trim();
    if text.chars().count() > max {
        return Err(NotesProblem::TooLong);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(NotesProblem::Unstorable);
    }
    Ok((!text.is_empty()).then(|| text.replace("\r\n", "\n")))
}

/// The moment a school-local date and time names.
fn instant(time_zone: chrono_tz::Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = date.and_time(time);
    time_zone
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn teacher(name: &str, label: &str) -> TeacherOption {
        TeacherOption {
            id: Uuid::new_v4(),
            name: name.to_owned(),
            label: label.to_owned(),
            campus_id: None,
            user_id: None,
            email: None,
            language: None,
        }
    }

    fn filled() -> WalkthroughValues {
        WalkthroughValues {
            classroom: "N-12".to_owned(),
            teacher: "Ada Byron".to_owned(),
            check_in_date: "2026-03-02".to_owned(),
            check_in_time: "10:35".to_owned(),
            ratings: std::array::from_fn(|_| "4".to_owned()),
            ..WalkthroughValues::default()
        }
    }

    #[test]
    fn ratings_outside_one_to_five_are_refused() {
        assert_eq!(rating("5"), Ok(5));
        assert!(rating("0").is_err());
        assert!(rating("6").is_err());
        assert!(rating("").is_err());
    }

    #[test]
    fn a_full_form_checks_and_a_future_visit_does_not() {
        let teachers = [teacher("Ada Byron", "Ada Byron")];
        let now = Utc::now();
        let en = Lang::default();
        let checked = check(&filled(), &[], &teachers, chrono_tz::UTC, now, &en).expect("valid");
        assert_eq!(checked.ratings, [4; 7]);
        assert_eq!(checked.classroom, "N-12");

        let mut future = filled();
        future.check_in_date = (now + chrono::Duration::days(2))
            .format("%Y-%m-%d")
            .to_string();
        let errors = check(&future, &[], &teachers, chrono_tz::UTC, now, &en).expect_err("future");
        assert!(errors.get("check_in_date").is_some());
    }

    #[test]
    fn teachers_are_found_by_label_or_by_a_name_nobody_shares() {
        let teachers = [
            teacher("Ada Byron", "Ada Byron (S1)"),
            teacher("Ada Byron", "Ada Byron (S2)"),
            teacher("Alan Turing", "Alan Turing"),
        ];
        assert!(find_teacher(&teachers, "ada byron (s2)").is_some());
        assert!(find_teacher(&teachers, "Ada Byron").is_none());
        assert!(find_teacher(&teachers, " Alan Turing ").is_some());
    }

    #[test]
    fn notes_keep_their_lines() {
        assert_eq!(notes("one\r\ntwo ", 20), Ok(Some("one\ntwo".to_owned())));
        assert_eq!(notes("a\u{7}", 20), Err(NotesProblem::Unstorable));
    }
}

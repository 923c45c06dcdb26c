//! How the builder says things: a day, a teacher, a view's heading, and a clash
//! in words that name the other lesson.

use super::grid::Loaded;
use super::queries::{Clash, ClashKind, Lesson, View, WriteError};
use crate::db::enums::DayOfWeek;
use crate::i18n::{Lang, msg};
use crate::web::error::AppError;

/// A weekday's name in the reader's language ("Monday", "lunes"), from a date that
/// falls on it.
pub fn day(t: Lang, day: DayOfWeek) -> String {
    let monday = chrono::NaiveDate::from_isoywd_opt(2024, 1, chrono::Weekday::Mon);
    let offset = super::grid::weekdays()
        .iter()
        .position(|d| *d == day)
        .unwrap_or(0);
    match monday.and_then(|m| m.checked_add_days(chrono::Days::new(offset as u64))) {
        Some(date) => t.weekday(date),
        None => t.choice("day_of_week", day.as_str()),
    }
}

pub use super::queries::person_name as person;

fn teacher(t: Lang, lesson: &Lesson) -> String {
    let name = lesson.teacher_name();
    if name.is_empty() {
        t.text("tt-no-teacher")
    } else {
        name
    }
}

/// "Grade 4 B Maths": a lesson's class and subject.
pub fn lesson_name(t: Lang, lesson: &Lesson) -> String {
    t.message("tt-lesson-name")
        .arg("class", lesson.class_name.as_str())
        .arg("subject", lesson.subject_name.as_str())
        .to_string()
}

/// Why a lesson cannot go where it was asked, naming the lesson already there.
pub fn clash(t: Lang, clash: &Clash) -> String {
    let other = &clash.other;
    let id = match clash.kind {
        ClashKind::Teacher => msg("tt-clash-teacher"),
        ClashKind::Room => msg("tt-clash-room"),
        ClashKind::Class => msg("tt-clash-class"),
    };
    t.message(id)
        .arg("teacher", teacher(t, other))
        .arg("lesson", lesson_name(t, other))
        .arg("class", other.class_name.as_str())
        .arg("subject", other.subject_name.as_str())
        .arg("room", other.room.clone().unwrap_or_default())
        .arg(
            "has_room",
            if other.room_key().is_some() {
                "yes"
            } else {
                "no"
            },
        )
        .arg("day", day(t, other.day))
        .arg("starts", t.time(other.starts_at))
        .arg("ends", t.time(other.ends_at))
        .to_string()
}

/// A clash report line: two lessons that meet at once and share a teacher, room or class.
pub fn report_line(t: Lang, kind: ClashKind, first: &Lesson, second: &Lesson) -> String {
    let id = match kind {
        ClashKind::Teacher => msg("tt-report-teacher"),
        ClashKind::Room => msg("tt-report-room"),
        ClashKind::Class => msg("tt-report-class"),
    };
    t.message(id)
        .arg("teacher", teacher(t, first))
        .arg("room", first.room.clone().unwrap_or_default())
        .arg("class", first.class_name.as_str())
        .arg("first", lesson_name(t, first))
        .arg("second", lesson_name(t, second))
        .arg("day", day(t, first.day))
        .arg("starts", t.time(first.starts_at.max(second.starts_at)))
        .arg("ends", t.time(first.ends_at.min(second.ends_at)))
        .to_string()
}

/// A write's outcome as a form shows it: stored, or the clash's message; any
/// other failure stays an error.
pub fn outcome<T>(t: Lang, written: Result<T, WriteError>) -> Result<Result<(), String>, AppError> {
    match written {
        Ok(_) => Ok(Ok(())),
        Err(WriteError::Clash(c)) => Ok(Err(clash(t, &c))),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}

/// The heading of a grid: the class, teacher, room or day it shows.
pub fn view_heading(t: Lang, loaded: &Loaded) -> String {
    match &loaded.view {
        View::Class(id) => loaded
            .classes
            .iter()
            .find(|c| c.0 == *id)
            .map(|c| c.1.clone())
            .unwrap_or_default(),
        View::Teacher(id) => loaded
            .teachers
            .iter()
            .find(|c| c.0 == *id)
            .map(|c| c.1.clone())
            .unwrap_or_default(),
        View::Room(room) => t
            .message("tt-room-heading")
            .arg("room", room.as_str())
            .to_string(),
        View::Day(d) => t
            .message("tt-overview-heading")
            .arg("day", day(t, *d))
            .to_string(),
    }
}

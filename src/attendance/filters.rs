//! What the oversight pages share: reading dates and filters from the address, the
//! organization's campuses and grades to filter by, and how marks are counted.

use chrono::NaiveDate;
use uuid::Uuid;

pub use super::queries::choices::{
    AcademicYear, CampusTimes, Choice, academic_year_on, campus_times, campuses, grades, times_of,
};
use crate::db::enums::AttendanceStatus;
use crate::i18n::{Lang, msg};
use crate::web::error::AppError;

/// The earliest and latest dates a report accepts; anything else is a typing slip.
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2100;

/// Which date of the address a message is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateField {
    Start,
    End,
    Month,
}

impl DateField {
    /// The message saying `value` is not a date (or month) of this field.
    fn not_a_date(self, t: Lang, value: &str) -> String {
        let id = match self {
            DateField::Start => msg("attrep-date-bad-start"),
            DateField::End => msg("attrep-date-bad-end"),
            DateField::Month => msg("attrep-date-bad-month"),
        };
        t.message(id).arg("value", shorten(value)).to_string()
    }

    /// The message saying this field's date is outside the years a report accepts.
    fn out_of_range(self, t: Lang) -> String {
        let id = match self {
            DateField::Start => msg("attrep-date-range-start"),
            DateField::End => msg("attrep-date-range-end"),
            DateField::Month => msg("attrep-date-range-month"),
        };
        let message = t.message(id);
        let message = message.arg("first", FIRST_YEAR.to_string());
        message.arg("last", LAST_YEAR.to_string()).to_string()
    }
}

/// A date from the address (`2026-11-20`), or a message saying what is wrong with it.
pub fn parse_date(t: Lang, field: DateField, value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| AppError::BadRequest(field.not_a_date(t, value)))?;
    within_range(t, field, date)
}

/// A month from the address (`2026-11`), as its first day.
pub fn parse_month(t: Lang, value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    let date = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d")
        .map_err(|_| AppError::BadRequest(DateField::Month.not_a_date(t, value)))?;
    within_range(t, DateField::Month, date)
}

fn within_range(t: Lang, field: DateField, date: NaiveDate) -> Result<NaiveDate, AppError> {
    use chrono::Datelike;
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(AppError::BadRequest(field.out_of_range(t)))
    }
}

fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

/// An optional record id from the address: empty means "all"; it must be one of
/// `choices`, else `refusal` says to choose from the list.
pub fn parse_choice(
    refusal: String,
    value: Option<&str>,
    choices: &[Choice],
) -> Result<Option<Uuid>, AppError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    value
        .parse::<Uuid>()
        .ok()
        .filter(|id| choices.iter().any(|c| c.id == *id))
        .map(Some)
        .ok_or(AppError::BadRequest(refusal))
}

/// How a day reads when a student has several marks on it: the most serious one.
pub fn day_status(marks: &[AttendanceStatus]) -> Option<AttendanceStatus> {
    let rank = |s: &AttendanceStatus| match s {
        AttendanceStatus::Absent => 3,
        AttendanceStatus::Excused => 2,
        AttendanceStatus::Late => 1,
        AttendanceStatus::Present => 0,
    };
    marks.iter().copied().max_by_key(rank)
}

/// The message id of a mark's name: "Present", "Late"…
pub fn status_message(status: AttendanceStatus) -> &'static str {
    match status {
        AttendanceStatus::Present => msg("mark-present"),
        AttendanceStatus::Absent => msg("mark-absent"),
        AttendanceStatus::Late => msg("mark-late"),
        AttendanceStatus::Excused => msg("mark-excused"),
    }
}

/// A status as a short code for narrow grid cells and the calendar (`P`, `A`…);
/// the legend spells them out.
pub fn status_code(t: Lang, status: AttendanceStatus) -> String {
    t.text(match status {
        AttendanceStatus::Present => msg("attrep-code-present"),
        AttendanceStatus::Absent => msg("attrep-code-absent"),
        AttendanceStatus::Late => msg("attrep-code-late"),
        AttendanceStatus::Excused => msg("attrep-code-excused"),
    })
}

/// The stylesheet class of a status, shared by the calendar, the grid and the legend.
pub fn status_class(status: AttendanceStatus) -> &'static str {
    match status {
        AttendanceStatus::Present => "st-present",
        AttendanceStatus::Absent => "st-absent",
        AttendanceStatus::Late => "st-late",
        AttendanceStatus::Excused => "st-excused",
    }
}

/// Counts of marks by status.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Tally {
    pub present: i64,
    pub absent: i64,
    pub late: i64,
    pub excused: i64,
}

impl Tally {
    pub fn add(&mut self, status: AttendanceStatus, n: i64) {
        match status {
            AttendanceStatus::Present => self.present += n,
            AttendanceStatus::Absent => self.absent += n,
            AttendanceStatus::Late => self.late += n,
            AttendanceStatus::Excused => self.excused += n,
        }
    }

    pub fn marked(&self) -> i64 {
        self.present + self.absent + self.late + self.excused
    }

    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            present: self.present + other.present,
            absent: self.absent + other.absent,
            late: self.late + other.late,
            excused: self.excused + other.excused,
        }
    }
}

/// `part` of `whole` as a percentage with one decimal, or a dash when there is no whole.
pub fn percent(t: Lang, part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".to_owned()
    } else {
        t.percent(part as f64 * 100.0 / whole as f64, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_dates_get_a_message_that_names_the_field() {
        let en = Lang::default();
        let Err(AppError::BadRequest(message)) = parse_date(en, DateField::Start, "31/12/2026")
        else {
            panic!("a slash date is refused");
        };
        assert!(message.contains("start date must look like 2026-11-20"));
        assert!(parse_date(en, DateField::End, "2026-02-30").is_err());
        assert!(parse_date(en, DateField::End, "1900-01-01").is_err());
        assert_eq!(
            parse_date(en, DateField::End, " 2026-11-20 ").ok(),
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
        assert_eq!(
            parse_month(en, "2026-02").ok(),
            NaiveDate::from_ymd_opt(2026, 2, 1)
        );
        assert!(parse_month(en, "2026-13").is_err());
    }

    #[test]
    fn a_day_reads_as_its_most_serious_mark() {
        use AttendanceStatus::*;
        assert_eq!(day_status(&[Present, Late]), Some(Late));
        assert_eq!(day_status(&[Excused, Absent, Present]), Some(Absent));
        assert_eq!(day_status(&[]), None);
    }

    #[test]
    fn filters_accept_only_listed_choices() {
        let id = Uuid::new_v4();
        let choices = [Choice {
            id,
            name: "North".to_owned(),
        }];
        let no = || "Choose a campus from the list.".to_owned();
        assert_eq!(parse_choice(no(), Some(""), &choices).ok(), Some(None));
        assert_eq!(
            parse_choice(no(), Some(&id.to_string()), &choices).ok(),
            Some(Some(id))
        );
        assert!(parse_choice(no(), Some("nope"), &choices).is_err());
        assert!(parse_choice(no(), Some(&Uuid::new_v4().to_string()), &choices).is_err());
    }
}

//! What the oversight pages share: reading dates and filters from the address, the
//! organization's campuses and grades to filter by, and how marks are counted.

use chrono::NaiveDate;
use uuid::Uuid;

pub use super::queries::choices::{
    AcademicYear, CampusTimes, Choice, academic_year_on, campus_times, campuses, grades, times_of,
};
use crate::db::enums::AttendanceStatus;
use crate::web::error::AppError;

/// The earliest and latest dates a report accepts; anything else is a typing slip.
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2100;

/// A date from the address (`2026-11-20`), or a message saying what is wrong with it.
pub fn parse_date(label: &str, value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        AppError::BadRequest(format!(
            "The {label} date must look like 2026-11-20; {:?} is not a date.",
            shorten(value)
        ))
    })?;
    within_range(label, date)
}

/// A month from the address (`2026-11`), as its first day.
pub fn parse_month(value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    let date = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").map_err(|_| {
        AppError::BadRequest(format!(
            "The month must look like 2026-11; {:?} is not a month.",
            shorten(value)
        ))
    })?;
    within_range("month's", date)
}

fn within_range(label: &str, date: NaiveDate) -> Result<NaiveDate, AppError> {
    use chrono::Datelike;
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(AppError::BadRequest(format!(
            "The {label} date must be between {FIRST_YEAR} and {LAST_YEAR}."
        )))
    }
}

fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

/// An optional record id from the address: empty means "all"; it must be one of `choices`.
pub fn parse_choice(
    label: &str,
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
        .ok_or_else(|| AppError::BadRequest(format!("Choose a {label} from the list.")))
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
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".to_owned()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_dates_get_a_message_that_names_the_field() {
        let Err(AppError::BadRequest(message)) = parse_date("start", "31/12/2026") else {
            panic!("a slash date is refused");
        };
        assert!(message.contains("start date must look like 2026-11-20"));
        assert!(parse_date("end", "2026-02-30").is_err());
        assert!(parse_date("end", "1900-01-01").is_err());
        assert_eq!(
            parse_date("end", " 2026-11-20 ").ok(),
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
        assert_eq!(
            parse_month("2026-02").ok(),
            NaiveDate::from_ymd_opt(2026, 2, 1)
        );
        assert!(parse_month("2026-13").is_err());
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
        assert_eq!(parse_choice("campus", Some(""), &choices).ok(), Some(None));
        assert_eq!(
            parse_choice("campus", Some(&id.to_string()), &choices).ok(),
            Some(Some(id))
        );
        assert!(parse_choice("campus", Some("nope"), &choices).is_err());
        assert!(parse_choice("campus", Some(&Uuid::new_v4().to_string()), &choices).is_err());
    }
}

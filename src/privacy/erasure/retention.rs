//! How long a school keeps the records of students who left, and how long a deleted
//! student waits before being purged. Kept in `organizations.settings` under
//! `retention`; a school that set nothing keeps the defaults below.

use chrono::{Months, NaiveDate};
use serde_json::{Map, Value, json};

use crate::i18n::Lang;

/// Where the setting lives in `organizations.settings`.
const KEY: &str = "retention";

/// Years kept after leaving when the school chose none.
pub const DEFAULT_YEARS: u32 = 7;
/// Days a deleted student waits before being purged when the school chose none.
pub const DEFAULT_PURGE_DAYS: u32 = 90;

/// The longest a school may keep records (years) or deleted students (days).
const MAX_YEARS: u32 = 100;
const MAX_PURGE_DAYS: u32 = 3650;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Whole years a record is kept after the student left.
    pub years: u32,
    /// Days a soft-deleted student is kept before erasure.
    pub purge_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            years: DEFAULT_YEARS,
            purge_days: DEFAULT_PURGE_DAYS,
        }
    }
}

impl Retention {
    /// The school's setting, read from its `settings`; a missing or damaged value
    /// reads as the default.
    pub fn of_school(settings: &Value) -> Retention {
        let stored = settings.get(KEY);
        let number = |name: &str, max: u32, default: u32| {
            stored
                .and_then(|r| r.get(name))
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| (1..=max).contains(n))
                .unwrap_or(default)
        };
        Retention {
            years: number("years", MAX_YEARS, DEFAULT_YEARS),
            purge_days: number("purge_days", MAX_PURGE_DAYS, DEFAULT_PURGE_DAYS),
        }
    }

    /// The school's `settings` with this retention in place of the one before.
    pub fn into_settings(self, mut settings: Value) -> Value {
        let value = json!({ "years": self.years, "purge_days": self.purge_days });
        match settings.as_object_mut() {
            Some(all) => {
                all.insert(KEY.to_owned(), value);
            }
            None => {
                let mut all = Map::new();
                all.insert(KEY.to_owned(), value);
                settings = Value::Object(all);
            }
        }
        settings
    }

    /// The last day a student may have left on and be past retention `today`.
    pub fn left_by(self, today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_months(Months::new(self.years * 12))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The retention form as typed: the setting, or a message per field.
    pub fn read(
        years: &str,
        purge_days: &str,
        t: Lang,
    ) -> Result<Retention, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let mut number = |field: &'static str, text: &str, max: u32, id: &'static str| match text
            .trim()
            .parse::<u32>()
        {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                errors.push((field, t.message(id).arg("max", i64::from(max)).to_string()));
                0
            }
        };
        let years = number(
            "years",
            years,
            MAX_YEARS,
            crate::i18n::msg("priv-retention-years-invalid"),
        );
        let purge_days = number(
            "purge_days",
            purge_days,
            MAX_PURGE_DAYS,
            crate::i18n::msg("priv-retention-days-invalid"),
        );
        if errors.is_empty() {
            Ok(Retention { years, purge_days })
        } else {
            Err(errors)
        }
    }
}

/// Whole years from `left_on` to `today` (0 when not yet a year).
pub fn years_since(left_on: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(left_on).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_school_without_a_setting_keeps_the_defaults_and_a_saved_one_reads_back() {
        let none = Retention::of_school(&json!({}));
        assert_eq!(none, Retention::default());
        let damaged =
            Retention::of_school(&json!({ "retention": { "years": -3, "purge_days": "x" } }));
        assert_eq!(damaged, Retention::default());
        let chosen = Retention {
            years: 5,
            purge_days: 30,
        };
        let stored = chosen.into_settings(json!({ "walkthrough_areas": {} }));
        assert_eq!(Retention::of_school(&stored), chosen);
        assert!(
            stored.get("walkthrough_areas").is_some(),
            "other settings stay"
        );
    }

    #[test]
    fn a_record_is_past_retention_the_day_its_years_are_over() {
        let five = Retention {
            years: 5,
            purge_days: 90,
        };
        assert_eq!(five.left_by(day(2026, 12, 2)), day(2021, 12, 2));
        assert_eq!(five.left_by(day(2024, 2, 29)), day(2019, 2, 28));
        assert_eq!(years_since(day(2021, 12, 2), day(2026, 12, 2)), 5);
        assert_eq!(years_since(day(2021, 12, 3), day(2026, 12, 2)), 4);
    }

    #[test]
    fn the_form_takes_whole_numbers_in_range_and_names_the_field_it_refuses() {
        let t = Lang::default();
        assert_eq!(
            Retention::read(" 6 ", "45", t),
            Ok(Retention {
                years: 6,
                purge_days: 45
            })
        );
        for (years, days, field) in [
            ("0", "45", "years"),
            ("101", "45", "years"),
            ("six", "45", "years"),
            ("6", "", "purge_days"),
            ("6", "-1", "purge_days"),
            ("6", "3651", "purge_days"),
        ] {
            let refused = Retention::read(years, days, t).err().unwrap_or_default();
            assert_eq!(refused.len(), 1, "{years} {days}");
            assert_eq!(refused[0].0, field);
        }
    }
}

//! Dates, times, numbers and money as the reader's language writes them. Every page
//! shows a value through these calls on its [`Lang`] (`t.date(day)`,
//! `t.money(&amount, currency)`); form inputs and CSV exports keep ISO dates and plain
//! numbers, which machines read.

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone};

use super::Lang;
use crate::web::format::{Currency, grouped};

impl Lang {
    /// A calendar date: "6 Dec 2026".
    pub fn date(&self, day: NaiveDate) -> String {
        day.format("%-d %b %Y").to_string()
    }

    /// A date with its weekday, written out: "Sunday 6 December 2026".
    pub fn long_date(&self, day: NaiveDate) -> String {
        day.format("%A %-d %B %Y").to_string()
    }

    /// A date with its weekday, without the year: "Sunday 6 December".
    pub fn weekday_date(&self, day: NaiveDate) -> String {
        day.format("%A %-d %B").to_string()
    }

    /// Day and month, short: "6 Dec".
    pub fn day_month(&self, day: NaiveDate) -> String {
        day.format("%-d %b").to_string()
    }

    /// The weekday, short: "Sun".
    pub fn weekday_short(&self, day: NaiveDate) -> String {
        day.format("%a").to_string()
    }

    /// The weekday, written out: "Sunday".
    pub fn weekday(&self, day: NaiveDate) -> String {
        day.format("%A").to_string()
    }

    /// The month of a date: "December".
    pub fn month(&self, day: NaiveDate) -> String {
        day.format("%B").to_string()
    }

    /// The month of a date, short: "Dec".
    pub fn month_short(&self, day: NaiveDate) -> String {
        day.format("%b").to_string()
    }

    /// Month and year: "December 2026".
    pub fn month_year(&self, day: NaiveDate) -> String {
        day.format("%B %Y").to_string()
    }

    /// A time of day: "14:05".
    pub fn time(&self, at: NaiveTime) -> String {
        at.format("%H:%M").to_string()
    }

    /// An instant in a time zone, date and time: "6 Dec 2026 14:05".
    pub fn date_time<Tz: TimeZone>(&self, at: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        at.format("%-d %b %Y %H:%M").to_string()
    }

    /// A whole number, grouped: "1,234".
    pub fn number(&self, n: i64) -> String {
        grouped(&BigDecimal::from(n), 0)
    }

    /// A number with `decimals` decimals, grouped: "1,234.5".
    pub fn decimal(&self, n: &BigDecimal, decimals: i64) -> String {
        grouped(n, decimals)
    }

    /// A percentage of `value` (0–100) with `decimals` decimals: "92.5%".
    pub fn percent(&self, value: f64, decimals: usize) -> String {
        format!("{value:.decimals$}%")
    }

    /// Money in a currency: "$1,234.50", "1 234,50 €".
    pub fn money(&self, amount: &BigDecimal, currency: Currency) -> String {
        currency.show(amount)
    }
}

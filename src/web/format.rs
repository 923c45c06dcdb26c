//! Values as the school reads them, in the reader's language (`i18n::values`):
//! instants in the school's time zone, money in the school's currency, weeks from the
//! school's first weekday. Pages use these; form inputs and CSV exports keep ISO
//! dates and plain numbers, which machines read.

use bigdecimal::BigDecimal;
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc, Weekday};

/// A school's conventions for showing values, in the reader's language: its time
/// zone, currency and first day of the week.
#[derive(Clone, Copy, Debug)]
pub struct Locale {
    pub time_zone: chrono_tz::Tz,
    pub currency: Currency,
    pub t: crate::i18n::Lang,
    /// The day the school's calendars start their weeks on (Monday unless set).
    pub week_start: Weekday,
}

impl Locale {
    pub fn new(time_zone: chrono_tz::Tz, currency: Currency, t: crate::i18n::Lang) -> Locale {
        Locale {
            time_zone,
            currency,
            t,
            week_start: Weekday::Mon,
        }
    }

    /// The same conventions with weeks starting on `week_start`.
    pub fn with_week_start(self, week_start: Weekday) -> Locale {
        Locale { week_start, ..self }
    }

    /// The first day of the school's week that holds `day`.
    pub fn week_of(&self, day: NaiveDate) -> NaiveDate {
        let back = day.weekday().days_since(self.week_start);
        day.checked_sub_days(Days::new(back.into())).unwrap_or(day)
    }

    /// An instant as the school reads it: "6 Dec 2026 14:05" in its time zone.
    pub fn instant(&self, at: DateTime<Utc>) -> String {
        self.t.date_time(&at.with_timezone(&self.time_zone))
    }

    /// Money in the school's currency: "$895,568.00".
    pub fn money(&self, amount: &BigDecimal) -> String {
        self.t.money(amount, self.currency)
    }

    /// A stored ISO date ("2026-12-06") as the reader's language shows it; other
    /// text unchanged.
    pub fn iso_date(&self, text: &str) -> String {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_or_else(|_| text.to_owned(), |d| self.t.date(d))
    }
}

/// A stored instant (RFC 3339, or `YYYY-MM-DDTHH:MM:SS` in UTC) as [`Locale::instant`]
/// shows it; other text unchanged.
pub fn iso_instant(text: &str, locale: &Locale) -> String {
    let at = DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
                .iter()
                .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
                .map(|naive| Utc.from_utc_datetime(&naive))
        });
    at.map_or_else(|| text.to_owned(), |at| locale.instant(at))
}

/// A stored ISO weekday number (1 Monday … 7 Sunday), or `None` for anything else.
pub fn iso_weekday(number: i16) -> Option<Weekday> {
    let from_monday = u8::try_from(number).ok()?.checked_sub(1)?;
    Weekday::try_from(from_monday).ok()
}

/// A count with its noun: "1 row", "3 rows".
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An ISO 4217 currency: three capital letters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const DEFAULT: Currency = Currency(*b"USD");

    /// `USD`, `EUR`: three ASCII capital letters, or nothing.
    pub fn parse(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_uppercase)
            .then_some(Currency(bytes))
    }

    /// A stored code, or the default when it is not one.
    pub fn or_default(code: &str) -> Currency {
        Currency::parse(code).unwrap_or(Currency::DEFAULT)
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("USD")
    }
}

/// A download's file name of plain lowercase letters, digits and single dashes:
/// `report-cards-5a-term-1.pdf`.
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let mut name = String::new();
    for part in parts {
        for ch in part.chars() {
            let ch = ch.to_ascii_lowercase();
            if ch.is_ascii_alphanumeric() {
                name.push(ch);
            } else if !name.ends_with('-') {
                name.push('-');
            }
        }
        if !name.ends_with('-') {
            name.push('-');
        }
    }
    format!("{}.{extension}", name.trim_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_is_three_capital_letters() {
        assert_eq!(
            Currency::parse("EUR").map(|c| c.code().to_owned()),
            Some("EUR".to_owned())
        );
        assert!(Currency::parse("usd").is_none());
        assert!(Currency::parse("DOLLAR").is_none());
        assert_eq!(Currency::or_default("").code(), "USD");
    }

    #[test]
    fn a_week_starts_on_the_school_first_weekday() {
        let wednesday = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
        let school = Locale::new(
            chrono_tz::UTC,
            Currency::DEFAULT,
            crate::i18n::Lang::default(),
        );
        assert_eq!(school.week_of(wednesday).to_string(), "2026-11-30");
        let sunday_first = school.with_week_start(Weekday::Sun);
        assert_eq!(sunday_first.week_of(wednesday).to_string(), "2026-11-29");
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
        assert_eq!(sunday_first.week_of(sunday), sunday);
        assert_eq!(iso_weekday(1), Some(Weekday::Mon));
        assert_eq!(iso_weekday(7), Some(Weekday::Sun));
        assert_eq!(iso_weekday(0), None);
        assert_eq!(iso_weekday(9), None);
    }

    #[test]
    fn dates_and_instants_read_the_same_everywhere() {
        let berlin = Locale::new(
            crate::clock::zone("Europe/Berlin"),
            Currency::DEFAULT,
            crate::i18n::Lang::default(),
        );
        assert_eq!(
            iso_instant("2026-09-01T06:30:00+00:00", &berlin),
            "1 Sep 2026 08:30"
        );
        assert_eq!(
            iso_instant("2026-09-01T06:30:00", &berlin),
            "1 Sep 2026 08:30"
        );
        assert_eq!(berlin.iso_date("2026-12-06"), "6 Dec 2026");
        assert_eq!(berlin.iso_date("soon"), "soon");
    }
}

//! Values as the school reads them: one date format ("6 Dec 2026"), instants in the
//! school's time zone, money grouped with the school's currency. Pages use these;
//! form inputs and CSV exports keep ISO dates and plain numbers, which machines read.

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// A school's conventions for showing values, in the reader's language: its time
/// zone and currency.
#[derive(Clone, Copy, Debug)]
pub struct Locale {
    pub time_zone: chrono_tz::Tz,
    pub currency: Currency,
    pub t: crate::i18n::Lang,
}

impl Locale {
    pub fn new(time_zone: chrono_tz::Tz, currency: Currency, t: crate::i18n::Lang) -> Locale {
        Locale {
            time_zone,
            currency,
            t,
        }
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

/// A count with its noun: "1 row", "3 rows".
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An ISO 4217 currency: three capital letters.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Currency([u8; 3]);

/// Symbols people recognise without the code; others are written with their code.
const SYMBOLS: &[(&str, &str)] = &[
    ("USD", "$"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("JPY", "¥"),
    ("INR", "₹"),
    ("KRW", "₩"),
    ("NGN", "₦"),
    ("PHP", "₱"),
    ("ILS", "₪"),
    ("VND", "₫"),
];

/// Currencies counted without minor units.
const WHOLE_UNITS: &[&str] = &["JPY", "KRW", "VND", "CLP", "ISK", "UGX"];

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

    /// `$1,250.00`, `€1,250.00`, `CHF 1,250.00`, `¥1,250`.
    pub fn show(&self, amount: &BigDecimal) -> String {
        let code = self.code();
        let scale = if WHOLE_UNITS.contains(&code) { 0 } else { 2 };
        let grouped = grouped(amount, scale);
        let (sign, digits) = grouped
            .strip_prefix('-')
            .map_or(("", grouped.as_str()), |d| ("-", d));
        match SYMBOLS.iter().find(|(c, _)| *c == code) {
            Some((_, symbol)) => format!("{sign}{symbol}{digits}"),
            None => format!("{sign}{code}\u{a0}{digits}"),
        }
    }
}

/// `1,234,567.50`: thousands grouped, `scale` decimals, rounded half to even.
pub fn grouped(amount: &BigDecimal, scale: i64) -> String {
    let fixed = amount
        .with_scale_round(scale, bigdecimal::RoundingMode::HalfEven)
        .to_string();
    let (sign, digits) = fixed
        .strip_prefix('-')
        .map_or(("", fixed.as_str()), |d| ("-", d));
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    // Zero prints without its decimals; every amount shows `scale` of them.
    let scale = usize::try_from(scale).unwrap_or(0);
    if scale > 0 {
        out.push('.');
        out.push_str(&format!("{cents:0<scale$}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn amount(s: &str) -> BigDecimal {
        BigDecimal::from_str(s).expect("decimal")
    }

    #[test]
    fn money_is_grouped_with_the_currency_symbol_or_code() {
        let usd = Currency::DEFAULT;
        assert_eq!(usd.show(&amount("0")), "$0.00");
        assert_eq!(usd.show(&amount("895568")), "$895,568.00");
        assert_eq!(usd.show(&amount("999.999")), "$1,000.00");
        assert_eq!(usd.show(&amount("-1200")), "-$1,200.00");
        let chf = Currency::parse("CHF").expect("code");
        assert_eq!(chf.show(&amount("1250.5")), "CHF\u{a0}1,250.50");
        let yen = Currency::parse("JPY").expect("code");
        assert_eq!(yen.show(&amount("1250")), "¥1,250");
        assert!(Currency::parse("usd").is_none());
        assert!(Currency::parse("DOLLAR").is_none());
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

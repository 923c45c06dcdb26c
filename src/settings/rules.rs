//! What a school may type into its settings, read into values it can keep: each
//! reader answers the value or the message to show beside its field.

use chrono_tz::Tz;

use crate::i18n::Lang;
pub use crate::web::brand::Colour;
use crate::web::format::Currency;

/// The least contrast white header text needs on the school's colour (WCAG AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// Longest school name, sender name and walkthrough area name, in characters.
const MAX_NAME: usize = 120;
pub const MAX_AREA_NAME: usize = 60;

/// The header's colour a school chose: readable under white text, or the message.
pub fn brand_colour(text: &str, t: Lang) -> Result<Colour, String> {
    let colour = Colour::parse(text).ok_or_else(|| t.text("settings-colour-unreadable"))?;
    let ratio = colour.contrast_with_white();
    if ratio < MIN_CONTRAST {
        // Rounded down, so a refused colour never reads as 4.50:1.
        #[allow(clippy::cast_possible_truncation)]
        let hundredths = (ratio * 100.0).floor() as i64;
        let shown = bigdecimal::BigDecimal::new(hundredths.into(), 2);
        return Err(t
            .message("settings-colour-low-contrast")
            .arg("ratio", t.decimal(&shown, 2))
            .to_string());
    }
    Ok(colour)
}

/// A name the school is known by, required, on one line.
pub fn school_name(text: &str, t: Lang) -> Result<String, String> {
    match one_line(text, MAX_NAME) {
        _ if crate::web::input::changes_direction(text) => Err(t.text("settings-name-direction")),
        Some(name) if !name.is_empty() => Ok(name),
        Some(_) => Err(t.text("settings-name-required")),
        None => Err(t.text("settings-name-too-long")),
    }
}

/// Longest student-number pattern kept.
const MAX_PATTERN: usize = 40;

/// A student-number pattern: one line holding the sequence (`{seq}` or `{seq:0N}`, N at
/// most 12), and otherwise only `{year}` and plain characters.
pub fn number_pattern(text: &str, t: Lang) -> Result<String, String> {
    let pattern = one_line(text, MAX_PATTERN).ok_or_else(|| t.text("settings-number-too-long"))?;
    if crate::web::input::changes_direction(&pattern) {
        return Err(t.text("settings-name-direction"));
    }
    let mut has_sequence = false;
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find('{') {
        if rest[..open].contains('}') {
            return Err(t.text("settings-number-unknown-part"));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| t.text("settings-number-unknown-part"))?;
        match &after[..close] {
            "year" => {}
            "seq" => has_sequence = true,
            token => match token
                .strip_prefix("seq:0")
                .and_then(|w| w.parse::<usize>().ok())
            {
                Some(width) if (1..=12).contains(&width) => has_sequence = true,
                _ => return Err(t.text("settings-number-unknown-part")),
            },
        }
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(t.text("settings-number-unknown-part"));
    }
    if !has_sequence {
        return Err(t.text("settings-number-needs-sequence"));
    }
    Ok(pattern)
}

/// The name mail goes out under; empty means the school's name.
pub fn sender_name(text: &str, t: Lang) -> Result<Option<String>, String> {
    let name = one_line(text, MAX_NAME).ok_or_else(|| t.text("settings-name-too-long"))?;
    if crate::web::input::changes_direction(&name) {
        return Err(t.text("settings-name-direction"));
    }
    if name.chars().any(|c| matches!(c, '<' | '>' | '"' | '@')) {
        return Err(t.text("settings-sender-name-symbols"));
    }
    Ok((!name.is_empty()).then_some(name))
}

/// The school's own address, where replies go; empty means none.
pub fn reply_to(text: &str, t: Lang) -> Result<Option<String>, String> {
    let address = text.trim();
    if address.is_empty() {
        return Ok(None);
    }
    address
        .parse::<lettre::Address>()
        .map(|a| Some(a.to_string()))
        .map_err(|_| t.text("settings-reply-to-invalid"))
}

/// An IANA time zone name (`Europe/Madrid`).
pub fn time_zone(text: &str, t: Lang) -> Result<Tz, String> {
    text.trim().parse::<Tz>().map_err(|_| {
        t.message("settings-time-zone-unknown")
            .arg("value", text.trim())
            .to_string()
    })
}

/// An ISO 4217 currency in use (`EUR`, `mxn`).
pub fn currency(text: &str, t: Lang) -> Result<Currency, String> {
    let code = text.trim().to_ascii_uppercase();
    Currency::parse(&code)
        .filter(|_| ISO_4217.contains(&code.as_str()))
        .ok_or_else(|| {
            t.message("settings-currency-unknown")
                .arg("value", text.trim())
                .to_string()
        })
}

/// A walkthrough area's name; empty means Homeroom's own.
pub fn area_name(text: &str, t: Lang) -> Result<Option<String>, String> {
    let name = one_line(text, MAX_AREA_NAME).ok_or_else(|| t.text("settings-area-too-long"))?;
    if crate::web::input::changes_direction(&name) {
        return Err(t.text("settings-name-direction"));
    }
    Ok((!name.is_empty()).then_some(name))
}

/// The text trimmed with its spaces and controls folded, or `None` when it is over `max` characters.
fn one_line(text: &str, max: usize) -> Option<String> {
    let folded = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (folded.chars().count() <= max).then_some(folded)
}

/// The time zones offered as the school types: the canonical `Area/City` names.
pub fn time_zone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).filter(|n| {
        n.contains('/')
            && !n.starts_with("Etc/")
            && !n.starts_with("US/")
            && !n.starts_with("SystemV/")
    })
}

/// The currencies of ISO 4217 in use (not funds, metals or testing codes).
pub const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

#[cfg(test)]
mod number_tests {
    use super::number_pattern;
    use crate::i18n::Lang;

    #[test]
    fn a_number_pattern_needs_its_sequence_and_knows_only_year_and_seq() {
        let t = Lang::default();
        assert_eq!(
            number_pattern(" NW-{year}-{seq:04} ", t).as_deref(),
            Ok("NW-{year}-{seq:04}")
        );
        assert_eq!(number_pattern("S{seq}", t).as_deref(), Ok("S{seq}"));
        for refused in ["{year}", "", "{seq:099}", "{seq}{month}", "{seq", "A}{seq}"] {
            assert!(
                number_pattern(refused, t).is_err(),
                "{refused:?} is refused"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(text: &str) -> f64 {
        Colour::parse(text).map_or(0.0, Colour::contrast_with_white)
    }

    #[test]
    fn a_name_that_turns_the_text_around_is_refused() {
        let t = Lang::default();
        let turned = "Northwind \u{202E}ymedacA";
        let refused = "Remove the characters that change the direction of the text.";
        assert_eq!(school_name(turned, t), Err(refused.to_owned()));
        assert_eq!(sender_name(turned, t), Err(refused.to_owned()));
        assert_eq!(area_name(turned, t), Err(refused.to_owned()));
        assert_eq!(
            school_name(" Northwind  Academy ", t),
            Ok("Northwind Academy".to_owned())
        );
    }

    #[test]
    fn contrast_against_white_follows_wcag() {
        assert!((ratio("#000000") - 21.0).abs() < 0.01);
        assert!((ratio("#ffffff") - 1.0).abs() < 0.01);
        assert!((ratio("#FFFF00") - 1.07).abs() < 0.01);
        // Homeroom's own header colour and the demo schools' pass; a mid grey does not.
        assert!(ratio("#1d4e89") >= MIN_CONTRAST);
        assert!(ratio("#15803d") >= MIN_CONTRAST);
        assert!(ratio("#777777") < MIN_CONTRAST);
        assert!((ratio("#767676") - 4.54).abs() < 0.01);
    }

    #[test]
    fn a_colour_is_three_or_six_hex_digits_and_is_kept_in_one_form() {
        assert_eq!(
            Colour::parse("#14C").map(Colour::css),
            Some("#1144cc".into())
        );
        assert_eq!(
            Colour::parse(" 1D4ED8 ").map(Colour::css),
            Some("#1d4ed8".into())
        );
        for bad in ["", "#", "#12345", "#GGGGGG", "red", "#1d4ed8;}", "url(x)"] {
            assert_eq!(Colour::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_too_light_colour_is_refused_with_its_ratio() {
        let t = Lang::default();
        let refused = brand_colour("#FFFF00", t).err().unwrap_or_default();
        assert!(refused.contains("1.07"), "{refused}");
        assert!(brand_colour("#1d4ed8", t).is_ok());
    }

    #[test]
    fn currencies_and_zones_are_real_ones() {
        let t = Lang::default();
        assert_eq!(
            currency(" eur ", t).map(|c| c.code().to_owned()),
            Ok("EUR".into())
        );
        assert!(currency("XYZ", t).is_err());
        assert!(currency("EURO", t).is_err());
        assert!(time_zone("Europe/Madrid", t).is_ok());
        assert!(time_zone("Mars/Olympus", t).is_err());
        assert!(time_zone_names().any(|n| n == "America/Mexico_City"));
    }

    #[test]
    fn names_are_one_line_and_a_sender_name_cannot_smuggle_an_address() {
        let t = Lang::default();
        assert_eq!(
            school_name("  Lakeside \n Academy ", t),
            Ok("Lakeside Academy".into())
        );
        assert!(school_name("   ", t).is_err());
        assert_eq!(sender_name("", t), Ok(None));
        assert!(sender_name("Office <x@evil.test>", t).is_err());
        assert_eq!(
            reply_to(" office@school.test ", t),
            Ok(Some("office@school.test".into()))
        );
        assert!(reply_to("not an address", t).is_err());
    }
}

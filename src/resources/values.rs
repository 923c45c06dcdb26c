//! Text from forms and CSV files parsed into each column's domain, and stored
//! values shown back to people. A parsed value is kept as its canonical text,
//! which the SQL binds as a parameter and casts to the column's type.

use bigdecimal::BigDecimal;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::{Field, Kind, Resource, Rule};
use crate::auth::accounts::looks_like_email;
use crate::i18n::{Lang, Message, msg};
use crate::web::form::FieldErrors;
use crate::web::format::{self, Locale};
use crate::web::input;

/// The SQL type a bound text value is cast to.
pub fn cast(field: &Field) -> &'static str {
    match &field.kind {
        Kind::Text { .. } | Kind::LongText | Kind::Email => "text",
        Kind::Choice { sql_type, .. } => sql_type,
        Kind::Relation(_) => "uuid",
        Kind::Date => "date",
        Kind::Time => "time",
        Kind::Timestamp => "timestamptz",
        Kind::Integer { .. } => "integer",
        Kind::Money | Kind::Decimal => "numeric",
        Kind::Flag => "boolean",
        Kind::Json => "jsonb",
    }
}

/// How a stored value is read back as text (`t` is the table's alias).
pub fn read_sql(field: &Field) -> String {
    let c = field.column;
    match field.kind {
        Kind::Timestamp => {
            format!("to_char(t.{c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')")
        }
        Kind::Time => format!("to_char(t.{c}, 'HH24:MI')"),
        _ => format!("t.{c}::text"),
    }
}

/// A message about a field in the reader's language: `$label` is its label as
/// written, `$lower` the same in lower case (for English, mid-sentence).
fn about<'a>(t: Lang, id: &'a str, label: &str) -> Message<'a> {
    t.message(id)
        .arg("label", label.to_owned())
        .arg("lower", label.to_lowercase())
}

/// One field's input as its canonical text (`None` when left empty), or the message
/// in the reader's language. Relations come back as given;
/// [`super::store::resolve_relations`] checks them.
pub fn parse(
    field: &Field,
    input: &str,
    time_zone: chrono_tz::Tz,
    t: Lang,
) -> Result<Option<String>, String> {
    let label = field.label_in(t);
    let label = label.as_str();
    let refuse = |id: &str| Err(about(t, id, label).to_string());
    let text = input.trim();
    if text.is_empty() {
        return match field.kind {
            Kind::Flag => Ok(Some("false".to_owned())),
            _ if field.required => refuse(msg("value-required")),
            _ => Ok(None),
        };
    }
    // Every kind, relations and e-mail addresses included: NUL never reaches a query.
    let long = matches!(field.kind, Kind::LongText | Kind::Json);
    match input::unstorable(text, long) {
        Some(input::Unstorable::LineBreak) => return refuse(msg("value-line-break")),
        Some(_) => return refuse(msg("value-unstorable")),
        None => {}
    }
    let value = match &field.kind {
        Kind::Text { max } => {
            if input::changes_direction(text) {
                return refuse(msg("value-direction"));
            }
            within(text, *max, label, t)?
        }
        Kind::LongText => within(&input::normalize(text), 10_000, label, t)?,
        Kind::Email => {
            let address = within(text, 320, label, t)?.to_lowercase();
            if !looks_like_email(&address) {
                return refuse(msg("value-email"));
            }
            address
        }
        Kind::Choice { sql_type, choices } => choice(text, sql_type, choices(), t)?,
        Kind::Relation(_) => within(text, 300, label, t)?,
        Kind::Date => match parse_date(text) {
            Some(day) => day.format("%Y-%m-%d").to_string(),
            None => return refuse(msg("value-date")),
        },
        Kind::Time => match NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        {
            Ok(at) => at.format("%H:%M:%S").to_string(),
            Err(_) => return refuse(msg("value-time")),
        },
        Kind::Timestamp => match parse_instant(text, time_zone) {
            Some(at) => at,
            None => return refuse(msg("value-timestamp")),
        },
        Kind::Integer { min, max } => {
            let Ok(n) = text.parse::<i64>() else {
                return refuse(msg("value-whole-number"));
            };
            if n < *min || n > *max {
                let message = about(t, msg("value-between"), label)
                    .arg("min", min)
                    .arg("max", max);
                return Err(message.to_string());
            }
            n.to_string()
        }
        Kind::Money => amount(text, label, "9999999999.99", t)?,
        Kind::Decimal => amount(text, label, "99999.99", t)?,
        Kind::Flag => match flag(text, t) {
            Some(on) => on.to_string(),
            None => return refuse(msg("value-yes-or-no")),
        },
        Kind::Json => {
            let parsed: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                about(t, msg("value-json"), label)
                    .arg("problem", e.to_string())
                    .to_string()
            })?;
            // An escaped NUL (`\u0000`) is valid JSON that jsonb refuses.
            let Ok(parsed) = input::json::<serde_json::Value>(parsed.to_string().as_bytes()) else {
                return refuse(msg("value-unstorable"));
            };
            if !(parsed.is_object() || parsed.is_array()) {
                return refuse(msg("value-json-shape"));
            }
            parsed.to_string()
        }
    };
    Ok(Some(value))
}

/// A choice given as its stored value, or as its wording in English (what older
/// files hold) or in the reader's language, case aside.
fn choice(
    text: &str,
    sql_type: &str,
    all: Vec<(&'static str, &'static str)>,
    t: Lang,
) -> Result<String, String> {
    let found = all.iter().find(|(value, english)| {
        *value == text
            || english.eq_ignore_ascii_case(text)
            || choice_label(t, sql_type, value, english).to_lowercase() == text.to_lowercase()
    });
    match found {
        Some((value, _)) => Ok((*value).to_owned()),
        None => {
            let names: Vec<String> = all
                .iter()
                .map(|(v, l)| choice_label(t, sql_type, v, l))
                .collect();
            Err(t
                .message("value-choice")
                .arg("choices", names.join(", "))
                .to_string())
        }
    }
}

/// A yes-or-no as forms, files and people write it, in English or the reader's language.
fn flag(text: &str, t: Lang) -> Option<bool> {
    let text = text.to_lowercase();
    match text.as_str() {
        "on" | "true" | "yes" | "1" | "t" => Some(true),
        "off" | "false" | "no" | "0" | "f" => Some(false),
        _ if text == t.text("value-yes").to_lowercase() => Some(true),
        _ if text == t.text("value-no").to_lowercase() => Some(false),
        _ => None,
    }
}

fn within(text: &str, max: usize, label: &str, t: Lang) -> Result<String, String> {
    if text.chars().count() > max {
        Err(about(t, msg("value-too-long"), label)
            .arg("max", max)
            .to_string())
    } else {
        Ok(text.to_owned())
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
}

/// A date and time in the organization's zone (what a datetime-local input sends),
/// or an instant with its offset (what an export holds); as RFC 3339 in UTC.
fn parse_instant(text: &str, time_zone: chrono_tz::Tz) -> Option<String> {
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&chrono::Utc).to_rfc3339());
    }
    let local = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())?;
    let at = time_zone.from_local_datetime(&local).earliest()?;
    Some(at.with_timezone(&chrono::Utc).to_rfc3339())
}

/// An amount as people type it, with the decimal point or the decimal comma:
/// `1,250.50`, `1.250,50`, `1 250,5` and `1250,5` are all 1250.50. A lone comma
/// followed by three digits groups thousands (`1,250` is 1250), as before.
fn plain_number(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let decimal = match (kept.rfind('.'), kept.rfind(',')) {
        (Some(dot), Some(comma)) => Some(dot.max(comma)),
        (None, Some(comma)) if kept.matches(',').count() == 1 => {
            let after = kept.len() - comma - 1;
            (after != 3).then_some(comma)
        }
        (Some(dot), None) if kept.matches('.').count() == 1 => Some(dot),
        _ => None,
    };
    kept.char_indices()
        .filter_map(|(i, c)| match c {
            '.' | ',' if Some(i) == decimal => Some('.'),
            '.' | ',' => None,
            c => Some(c),
        })
        .collect()
}

/// A non-negative amount with at most two decimals, up to `max`.
fn amount(text: &str, label: &str, max: &str, t: Lang) -> Result<String, String> {
    let refuse = |id: &str| about(t, id, label).to_string();
    let n: BigDecimal = plain_number(text)
        .parse()
        .map_err(|_| refuse(msg("value-amount")))?;
    if n < 0 {
        return Err(refuse(msg("value-negative")));
    }
    if n.fractional_digit_count() > 2 {
        return Err(refuse(msg("value-decimals")));
    }
    let limit: BigDecimal = max.parse().unwrap_or_default();
    if n > limit {
        return Err(about(t, msg("value-too-large"), label)
            .arg("max", t.decimal(&limit, 2))
            .to_string());
    }
    Ok(n.with_scale(2).to_string())
}

/// Checks the rules between fields of one parsed row, with messages in the reader's language.
pub fn check_rules(
    resource: &Resource,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) {
    let at = |column: &str| {
        resource
            .fields
            .iter()
            .position(|f| f.column == column)
            .and_then(|i| values.get(i).cloned().flatten())
    };
    // A message about `field`, naming `other` (another field) as the rule needs.
    let between = |id: &'static str, field: &Field, other: &Field| {
        let other = other.label_in(t);
        about(t, id, &field.label_in(t))
            .arg("other_lower", other.to_lowercase())
            .arg("other", other)
    };
    for rule in resource.rules {
        match rule {
            Rule::NotBefore { later, earlier } => {
                if let (Some(l), Some(e)) = (at(later), at(earlier))
                    && l < e
                    && let (Some(lf), Some(ef)) = (resource.field(later), resource.field(earlier))
                {
                    errors.add(
                        lf.column,
                        between(msg("value-not-before"), lf, ef).to_string(),
                    );
                }
            }
            Rule::AtMost { field, limit } => {
                let number = |c: &str| at(c).and_then(|v| v.parse::<i64>().ok());
                if let (Some(v), Some(l)) = (number(field), number(limit))
                    && v > l
                    && let (Some(f), Some(lf)) = (resource.field(field), resource.field(limit))
                {
                    let message = between(msg("value-not-more-than"), f, lf).arg("limit", l);
                    errors.add(f.column, message.to_string());
                }
            }
            Rule::TimeZone(column) => {
                if let Some(value) = at(column)
                    && value.parse::<chrono_tz::Tz>().is_err()
                    && let Some(f) = resource.field(column)
                {
                    let message = t.message("value-time-zone").arg("value", value);
                    errors.add(f.column, message.to_string());
                }
            }
            Rule::Currency(column) => {
                if let Some(value) = at(column)
                    && format::Currency::parse(&value).is_none()
                    && let Some(f) = resource.field(column)
                {
                    let message = t.message("value-currency").arg("value", value);
                    errors.add(f.column, message.to_string());
                }
            }
            Rule::JsonObject(column) => {
                if let Some(value) = at(column)
                    && !value.trim_start().starts_with('{')
                    && let Some(field) = resource.field(column)
                {
                    let message = about(t, msg("value-json-object"), &field.label_in(t));
                    errors.add(field.column, message.to_string());
                }
            }
        }
    }
}

/// A stored value as people read it (`raw` as read by [`read_sql`], or as the
/// audit trail keeps it), in the reader's language: every page that shows a
/// record's value shows it so.
pub fn show(field: &Field, raw: Option<&str>, title: Option<&str>, locale: &Locale) -> String {
    let Some(raw) = raw else {
        return String::new();
    };
    let t = locale.t;
    match &field.kind {
        Kind::Choice { sql_type, choices } => {
            let label = choices()
                .into_iter()
                .find(|(v, _)| *v == raw)
                .map(|(_, l)| l);
            choice_label(t, sql_type, raw, label.unwrap_or(raw))
        }
        Kind::Relation(_) => title.unwrap_or(raw).to_owned(),
        Kind::Flag => t.text(if raw == "true" {
            "value-yes"
        } else {
            "value-no"
        }),
        Kind::Date => locale.iso_date(raw),
        Kind::Timestamp => format::iso_instant(raw, locale),
        Kind::Time => NaiveTime::parse_from_str(raw, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M"))
            .map_or_else(|_| raw.to_owned(), |at| t.time(at)),
        Kind::Money => raw
            .parse::<BigDecimal>()
            .map_or_else(|_| raw.to_owned(), |amount| locale.money(&amount)),
        Kind::Decimal => decimal_in(t, raw),
        _ => raw.to_owned(),
    }
}

/// A stored number (`85.50`) as the reader's language writes it, with its
/// decimals: `85,50` in Spanish; what does not parse stays as it is.
fn decimal_in(t: Lang, raw: &str) -> String {
    raw.parse::<BigDecimal>().map_or_else(
        |_| raw.to_owned(),
        |n| t.decimal(&n, n.fractional_digit_count().max(0)),
    )
}

/// A stored value as a form input holds it.
pub fn input_value(field: &Field, raw: Option<&str>, time_zone: chrono_tz::Tz) -> String {
    match (&field.kind, raw) {
        (_, None) => String::new(),
        (Kind::Timestamp, Some(raw)) => {
            local_time(raw, time_zone).map_or_else(|| raw.to_owned(), |s| s.replace(' ', "T"))
        }
        (Kind::Flag, Some(raw)) => if raw == "true" { "on" } else { "" }.to_owned(),
        (_, Some(raw)) => raw.to_owned(),
    }
}

fn local_time(utc: &str, time_zone: chrono_tz::Tz) -> Option<String> {
    let naive = NaiveDateTime::parse_from_str(utc, "%Y-%m-%dT%H:%M:%S").ok()?;
    let tz = time_zone;
    Some(
        chrono::Utc
            .from_utc_datetime(&naive)
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
    )
}

/// A stored choice's wording in the reader's language (`choice-<type>-<value>`), or
/// its description's own label where no language has a message for it (a language
/// a guardian reads is named in itself: "Español").
pub fn choice_label(t: Lang, sql_type: &str, value: &str, label: &str) -> String {
    if t.has(&format!("choice-{sql_type}-{value}")) {
        t.choice(sql_type, value)
    } else {
        label.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::entities::people::STUDENTS;

    fn field(column: &str) -> &'static Field {
        STUDENTS.field(column).expect("field")
    }

    fn en() -> Lang {
        Lang::default()
    }

    fn es() -> Lang {
        crate::i18n::Catalog::shipped()
            .find("es")
            .expect("Spanish ships")
    }

    #[test]
    fn a_spanish_reader_is_told_what_is_wrong_in_spanish_naming_the_field() {
        assert_eq!(
            parse(field("date_of_birth"), "09/03/2014", chrono_tz::UTC, es()),
            Err("Escribe «Fecha de nacimiento» como una fecha, por ejemplo 2026-09-01.".to_owned())
        );
        assert_eq!(
            parse(field("last_name"), " ", chrono_tz::UTC, es()),
            Err("Rellena el campo «Apellidos».".to_owned())
        );
        let refused = parse(field("status"), "expelled", chrono_tz::UTC, es());
        assert_eq!(
            refused,
            Err("Elige una de estas opciones: Solicitante, Activo, Inactivo, Egresado, Trasladado, Dado de baja.".to_owned())
        );
        // The same mistakes in English read as they always have.
        assert_eq!(
            parse(field("date_of_birth"), "09/03/2014", chrono_tz::UTC, en()),
            Err("Enter date of birth as a date like 2026-09-01.".to_owned())
        );
        assert_eq!(
            parse(field("last_name"), " ", chrono_tz::UTC, en()),
            Err("Enter the last name.".to_owned())
        );
    }

    #[test]
    fn a_choice_is_taken_as_its_value_or_its_wording_in_english_or_the_readers_language() {
        for text in ["withdrawn", "Withdrawn", "dado de baja"] {
            assert_eq!(
                parse(field("status"), text, chrono_tz::UTC, es()),
                Ok(Some("withdrawn".to_owned())),
                "{text}"
            );
        }
        let primary = crate::resources::entities::people::GUARDIANS
            .field("primary_contact")
            .expect("field");
        assert_eq!(
            parse(primary, "Sí", chrono_tz::UTC, es()),
            Ok(Some("true".to_owned()))
        );
    }

    #[test]
    fn stored_values_read_in_the_readers_language() {
        let spanish = Locale::new(chrono_tz::UTC, format::Currency::DEFAULT, es());
        assert_eq!(
            show(field("status"), Some("withdrawn"), None, &spanish),
            "Dado de baja"
        );
        assert_eq!(
            show(field("gender"), Some("non_binary"), None, &spanish),
            "No binario"
        );
        let primary = crate::resources::entities::people::GUARDIANS
            .field("primary_contact")
            .expect("field");
        assert_eq!(show(primary, Some("true"), None, &spanish), "Sí");
        let english = Locale::new(chrono_tz::UTC, format::Currency::DEFAULT, en());
        assert_eq!(
            show(field("status"), Some("withdrawn"), None, &english),
            "Withdrawn"
        );
        assert_eq!(show(primary, Some("false"), None, &english), "No");
    }

    #[test]
    fn amounts_are_read_with_a_decimal_point_or_a_decimal_comma() {
        let fee = Field::money("amount", "Amount");
        for (typed, stored) in [
            ("1250,5", "1250.50"),
            ("1.250,50", "1250.50"),
            ("1 250,50", "1250.50"),
            ("1,250.50", "1250.50"),
            ("1,250", "1250.00"),
            ("12.5", "12.50"),
        ] {
            assert_eq!(
                parse(&fee, typed, chrono_tz::UTC, es()),
                Ok(Some(stored.to_owned())),
                "{typed}"
            );
        }
    }

    #[test]
    fn no_two_fields_of_a_table_share_a_label_in_any_language() {
        for res in crate::resources::entities::ALL {
            for t in crate::i18n::Catalog::shipped().languages() {
                let mut seen = std::collections::BTreeSet::new();
                for f in res.fields {
                    let label = f.label_in(t).to_lowercase();
                    assert!(
                        seen.insert(label.clone()),
                        "{} has two fields labelled {label} in {}",
                        res.table(),
                        t.tag()
                    );
                }
            }
        }
    }

    #[test]
    fn dates_enums_and_emails_parse_into_their_domain() {
        assert_eq!(
            parse(field("date_of_birth"), "2014-03-09", chrono_tz::UTC, en()),
            Ok(Some("2014-03-09".to_owned()))
        );
        assert!(parse(field("date_of_birth"), "09/03/2014", chrono_tz::UTC, en()).is_err());
        assert_eq!(
            parse(field("status"), "Active", chrono_tz::UTC, en()),
            Ok(Some("active".to_owned()))
        );
        assert!(parse(field("status"), "expelled", chrono_tz::UTC, en()).is_err());
        assert_eq!(
            parse(field("email"), " Ana@School.ORG ", chrono_tz::UTC, en()),
            Ok(Some("ana@school.org".to_owned()))
        );
        assert!(parse(field("email"), "not an address", chrono_tz::UTC, en()).is_err());
        assert!(parse(field("first_name"), "  ", chrono_tz::UTC, en()).is_err());
        assert_eq!(parse(field("phone"), "", chrono_tz::UTC, en()), Ok(None));
    }

    #[test]
    fn control_characters_are_refused_in_every_kind_of_field() {
        let guardian = crate::resources::entities::people::GUARDIANS
            .field("student_id")
            .expect("field");
        assert_eq!(
            parse(guardian, "Ana\0", chrono_tz::UTC, en()),
            Err("Student contains characters that cannot be stored.".to_owned())
        );
        assert!(parse(field("email"), "a\0@b.org", chrono_tz::UTC, en()).is_err());
        assert_eq!(
            parse(field("first_name"), "Ana\tMaria", chrono_tz::UTC, en()),
            Err("First name cannot contain line breaks or tabs.".to_owned())
        );
        let notes = Field::long_text("notes", "Notes");
        assert_eq!(
            parse(&notes, "two\r\nlines\tok", chrono_tz::UTC, en()),
            Ok(Some("two\nlines\tok".to_owned()))
        );
        assert!(parse(&notes, "bell\u{7}", chrono_tz::UTC, en()).is_err());
        let settings = Field::json("settings", "Settings");
        assert!(parse(&settings, r#"{"a":"\u0000"}"#, chrono_tz::UTC, en()).is_err());
        assert_eq!(
            parse(field("last_name"), "Ana\u{202E}lirpa", chrono_tz::UTC, en()),
            Err(
                "Last name cannot contain characters that change the direction of text.".to_owned()
            )
        );
    }

    #[test]
    fn money_is_never_negative_and_keeps_two_decimals() {
        let fee = Field::money("amount", "Amount");
        assert_eq!(
            parse(&fee, "1,250.5", chrono_tz::UTC, en()),
            Ok(Some("1250.50".to_owned()))
        );
        assert!(parse(&fee, "-3", chrono_tz::UTC, en()).is_err());
        assert!(parse(&fee, "1.005", chrono_tz::UTC, en()).is_err());
        assert!(parse(&fee, "ten", chrono_tz::UTC, en()).is_err());
    }

    #[test]
    fn local_times_are_stored_in_utc_and_shown_in_the_school_zone() {
        let at = Field::timestamp("due_at", "Due");
        let stored = parse(
            &at,
            "2026-09-01T08:30",
            crate::clock::zone("Europe/Berlin"),
            en(),
        )
        .expect("parses")
        .expect("a value");
        assert_eq!(stored, "2026-09-01T06:30:00+00:00");
        let berlin = Locale::new(
            crate::clock::zone("Europe/Berlin"),
            format::Currency::DEFAULT,
            crate::i18n::Lang::default(),
        );
        assert_eq!(
            show(&at, Some("2026-09-01T06:30:00"), None, &berlin),
            "1 Sep 2026 08:30"
        );
    }
}

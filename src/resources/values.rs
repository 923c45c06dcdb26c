//! Text from forms and CSV files parsed into each column's domain, and stored
//! values shown back to people. A parsed value is kept as its canonical text,
//! which the SQL binds as a parameter and casts to the column's type.

use bigdecimal::BigDecimal;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::{Field, Kind, Resource, Rule};
use crate::auth::accounts::looks_like_email;
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

/// One field's input as its canonical text (`None` when left empty), or the message.
/// Relations come back as given; [`super::store::resolve_relations`] checks them.
pub fn parse(
    field: &Field,
    input: &str,
    time_zone: chrono_tz::Tz,
) -> Result<Option<String>, String> {
    let label = field.label;
    let text = input.trim();
    if text.is_empty() {
        return match field.kind {
            Kind::Flag => Ok(Some("false".to_owned())),
            _ if field.required => Err(format!("Enter the {}.", label.to_lowercase())),
            _ => Ok(None),
        };
    }
    // Every kind, relations and e-mail addresses included: NUL never reaches a query.
    let long = matches!(field.kind, Kind::LongText | Kind::Json);
    if let Some(problem) = input::unstorable(text, long) {
        return Err(problem.message(label));
    }
    let value = match &field.kind {
        Kind::Text { max } => {
            if input::changes_direction(text) {
                return Err(input::direction_message(label));
            }
            within(text, *max, label)?
        }
        Kind::LongText => within(&input::normalize(text), 10_000, label)?,
        Kind::Email => {
            let address = within(text, 320, label)?.to_lowercase();
            if !looks_like_email(&address) {
                return Err("Enter an e-mail address like name@school.org.".to_owned());
            }
            address
        }
        Kind::Choice { choices, .. } => {
            let all = choices();
            let found = all
                .iter()
                .find(|(value, shown)| *value == text || shown.eq_ignore_ascii_case(text))
                .map(|(value, _)| (*value).to_owned());
            match found {
                Some(value) => value,
                None => {
                    let names: Vec<&str> = all.iter().map(|(_, l)| *l).collect();
                    return Err(format!("Choose one of: {}.", names.join(", ")));
                }
            }
        }
        Kind::Relation(_) => within(text, 300, label)?,
        Kind::Date => parse_date(text)
            .ok_or_else(|| format!("Enter {} as a date like 2026-09-01.", label.to_lowercase()))?
            .format("%Y-%m-%d")
            .to_string(),
        Kind::Time => NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .map_err(|_| format!("Enter {} as a time like 08:30.", label.to_lowercase()))?
            .format("%H:%M:%S")
            .to_string(),
        Kind::Timestamp => parse_instant(text, time_zone).ok_or_else(|| {
            format!(
                "Enter {} as a date and time like 2026-09-01 08:30.",
                label.to_lowercase()
            )
        })?,
        Kind::Integer { min, max } => {
            let n: i64 = text
                .parse()
                .map_err(|_| format!("{label} must be a whole number."))?;
            if n < *min || n > *max {
                return Err(format!("{label} must be between {min} and {max}."));
            }
            n.to_string()
        }
        Kind::Money => amount(text, label, "9999999999.99")?,
        Kind::Decimal => amount(text, label, "99999.99")?,
        Kind::Flag => match text.to_ascii_lowercase().as_str() {
            "on" | "true" | "yes" | "1" | "t" => "true".to_owned(),
            "off" | "false" | "no" | "0" | "f" => "false".to_owned(),
            _ => return Err(format!("{label} must be yes or no.")),
        },
        Kind::Json => {
            let parsed: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| format!("{label} is not valid JSON: {e}."))?;
            // An escaped NUL (`\u0000`) is valid JSON that jsonb refuses.
            let parsed: serde_json::Value = input::json(parsed.to_string().as_bytes())
                .map_err(|_| input::Unstorable::Control.message(label))?;
            if !(parsed.is_object() || parsed.is_array()) {
                return Err(format!("{label} must be a JSON object or list."));
            }
            parsed.to_string()
        }
    };
    Ok(Some(value))
}

fn within(text: &str, max: usize, label: &str) -> Result<String, String> {
    if text.chars().count() > max {
        Err(format!("{label} can be at most {max} characters."))
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

/// A non-negative amount with at most two decimals, up to `max`.
fn amount(text: &str, label: &str, max: &str) -> Result<String, String> {
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    let n: BigDecimal = cleaned
        .parse()
        .map_err(|_| format!("{label} must be a number like 1250.00."))?;
    if n < 0 {
        return Err(format!("{label} cannot be negative."));
    }
    if n.fractional_digit_count() > 2 {
        return Err(format!("{label} can have at most two decimals."));
    }
    let limit: BigDecimal = max.parse().unwrap_or_default();
    if n > limit {
        return Err(format!("{label} can be at most {max}."));
    }
    Ok(n.with_scale(2).to_string())
}

/// Checks the rules between fields of one parsed row.
pub fn check_rules(resource: &Resource, values: &[Option<String>], errors: &mut FieldErrors) {
    let at = |column: &str| {
        resource
            .fields
            .iter()
            .position(|f| f.column == column)
            .and_then(|i| values.get(i).cloned().flatten())
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
                        format!("{} cannot be before {}.", lf.label, ef.label.to_lowercase()),
                    );
                }
            }
            Rule::AtMost { field, limit } => {
                let number = |c: &str| at(c).and_then(|v| v.parse::<i64>().ok());
                if let (Some(v), Some(l)) = (number(field), number(limit))
                    && v > l
                    && let (Some(f), Some(lf)) = (resource.field(field), resource.field(limit))
                {
                    errors.add(
                        f.column,
                        format!(
                            "{} cannot be more than {} ({l}).",
                            f.label,
                            lf.label.to_lowercase()
                        ),
                    );
                }
            }
            Rule::TimeZone(column) => {
                if let Some(value) = at(column)
                    && value.parse::<chrono_tz::Tz>().is_err()
                    && let Some(f) = resource.field(column)
                {
                    errors.add(
                        f.column,
                        format!(
                            "“{value}” is not a time zone. Write it as Region/City, such as Europe/Lisbon or America/New_York."
                        ),
                    );
                }
            }
            Rule::Currency(column) => {
                if let Some(value) = at(column)
                    && format::Currency::parse(&value).is_none()
                    && let Some(f) = resource.field(column)
                {
                    errors.add(
                        f.column,
                        format!(
                            "“{value}” is not a currency code. Write its three capital letters, such as USD, EUR or GBP."
                        ),
                    );
                }
            }
            Rule::JsonObject(column) => {
                if let Some(value) = at(column)
                    && !value.trim_start().starts_with('{')
                    && let Some(field) = resource.field(column)
                {
                    errors.add(
                        field.column,
                        format!(
                            "{} must be a JSON object, written {{ \"name\": value, … }}.",
                            field.label
                        ),
                    );
                }
            }
        }
    }
}

/// A stored value as people read it (`raw` as read by [`read_sql`], or as the
/// audit trail keeps it): every page that shows a record's value shows it so.
pub fn show(field: &Field, raw: Option<&str>, title: Option<&str>, locale: &Locale) -> String {
    let Some(raw) = raw else {
        return String::new();
    };
    match &field.kind {
        Kind::Choice { choices, .. } => choices()
            .into_iter()
            .find(|(v, _)| *v == raw)
            .map_or_else(|| raw.to_owned(), |(_, l)| l.to_owned()),
        Kind::Relation(_) => title.unwrap_or(raw).to_owned(),
        Kind::Flag => if raw == "true" { "Yes" } else { "No" }.to_owned(),
        Kind::Date => locale.iso_date(raw),
        Kind::Timestamp => format::iso_instant(raw, locale),
        Kind::Time => raw.get(..5).unwrap_or(raw).to_owned(),
        Kind::Money => raw
            .parse::<BigDecimal>()
            .map_or_else(|_| raw.to_owned(), |amount| locale.money(&amount)),
        _ => raw.to_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::entities::people::STUDENTS;

    fn field(column: &str) -> &'static Field {
        STUDENTS.field(column).expect("field")
    }

    #[test]
    fn dates_enums_and_emails_parse_into_their_domain() {
        assert_eq!(
            parse(field("date_of_birth"), "2014-03-09", chrono_tz::UTC),
            Ok(Some("2014-03-09".to_owned()))
        );
        assert!(parse(field("date_of_birth"), "09/03/2014", chrono_tz::UTC).is_err());
        assert_eq!(
            parse(field("status"), "Active", chrono_tz::UTC),
            Ok(Some("active".to_owned()))
        );
        assert!(parse(field("status"), "expelled", chrono_tz::UTC).is_err());
        assert_eq!(
            parse(field("email"), " Ana@School.ORG ", chrono_tz::UTC),
            Ok(Some("ana@school.org".to_owned()))
        );
        assert!(parse(field("email"), "not an address", chrono_tz::UTC).is_err());
        assert!(parse(field("first_name"), "  ", chrono_tz::UTC).is_err());
        assert_eq!(parse(field("phone"), "", chrono_tz::UTC), Ok(None));
    }

    #[test]
    fn control_characters_are_refused_in_every_kind_of_field() {
        let guardian = crate::resources::entities::people::GUARDIANS
            .field("student_id")
            .expect("field");
        assert_eq!(
            parse(guardian, "Ana\0", chrono_tz::UTC),
            Err("Student contains characters that cannot be stored.".to_owned())
        );
        assert!(parse(field("email"), "a\0@b.org", chrono_tz::UTC).is_err());
        assert_eq!(
            parse(field("first_name"), "Ana\tMaria", chrono_tz::UTC),
            Err("First name cannot contain line breaks or tabs.".to_owned())
        );
        let notes = Field::long_text("notes", "Notes");
        assert_eq!(
            parse(&notes, "two\r\nlines\tok", chrono_tz::UTC),
            Ok(Some("two\nlines\tok".to_owned()))
        );
        assert!(parse(&notes, "bell\u{7}", chrono_tz::UTC).is_err());
        let settings = Field::json("settings", "Settings");
        assert!(parse(&settings, r#"{"a":"\u0000"}"#, chrono_tz::UTC).is_err());
        assert_eq!(
            parse(field("last_name"), "Ana\u{202E}lirpa", chrono_tz::UTC),
            Err(
                "Last name cannot contain characters that change the direction of text.".to_owned()
            )
        );
    }

    #[test]
    fn money_is_never_negative_and_keeps_two_decimals() {
        let fee = Field::money("amount", "Amount");
        assert_eq!(
            parse(&fee, "1,250.5", chrono_tz::UTC),
            Ok(Some("1250.50".to_owned()))
        );
        assert!(parse(&fee, "-3", chrono_tz::UTC).is_err());
        assert!(parse(&fee, "1.005", chrono_tz::UTC).is_err());
        assert!(parse(&fee, "ten", chrono_tz::UTC).is_err());
    }

    #[test]
    fn local_times_are_stored_in_utc_and_shown_in_the_school_zone() {
        let at = Field::timestamp("due_at", "Due");
        let stored = parse(&at, "2026-09-01T08:30", crate::clock::zone("Europe/Berlin"))
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

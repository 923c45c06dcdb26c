//! Form input for the administration screens: each field parsed into a value the
//! queries can use, or a message to show next to it.

use crate::auth::accounts::looks_like_email;
use crate::web::input;

/// Trimmed text that must be given and fit in `max` characters.
pub fn required(value: &str, label: &str, max: usize) -> Result<String, String> {
    match optional(value, label, max)? {
        Some(text) => Ok(text),
        None => Err(format!("Enter the {}.", label.to_lowercase())),
    }
}

/// Trimmed text that may be left empty, at most `max` characters.
pub fn optional(value: &str, label: &str, max: usize) -> Result<Option<String>, String> {
    let text = value.trim();
    if text.chars().count() > max {
        return Err(format!("{label} can be at most {max} characters."));
    }
    if let Some(problem) = input::unstorable(text, false) {
        return Err(problem.message(label));
    }
    if input::changes_direction(text) {
        return Err(input::direction_message(label));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// An e-mail address as stored: trimmed and in lower case, so sign-in matches it.
pub fn email(value: &str) -> Result<String, String> {
    let address = required(value, "E-mail address", 320)?.to_lowercase();
    if looks_like_email(&address) {
        Ok(address)
    } else {
        Err("Enter an e-mail address like name@school.org.".to_owned())
    }
}

/// A write refused by a unique index: someone took the name or address meanwhile.
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(required("  Ada ", "First name", 10), Ok("Ada".to_owned()));
        assert_eq!(
            required("   ", "First name", 10),
            Err("Enter the first name.".to_owned())
        );
        assert_eq!(
            required("abcdefghijk", "Name", 10),
            Err("Name can be at most 10 characters.".to_owned())
        );
        assert!(optional("a\tb", "Description", 10).is_err());
        assert_eq!(optional("", "Description", 10), Ok(None));
    }

    #[test]
    fn emails_are_kept_in_lower_case() {
        assert_eq!(
            email(" Ada@School.Example "),
            Ok("ada@school.example".to_owned())
        );
        assert!(email("ada@school").is_err());
    }
}

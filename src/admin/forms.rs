//! Form input for the administration screens: each field parsed into a value the
//! queries can use, or a message to show next to it.

use crate::auth::accounts::looks_like_email;
use crate::i18n::{Lang, msg};
use crate::web::input;

/// A form field: its label and what to say when it is left empty (message ids).
#[derive(Clone, Copy)]
pub struct Field {
    pub label: &'static str,
    pub missing: &'static str,
}

pub const FIRST_NAME: Field = Field {
    label: msg("admin-first-name"),
    missing: msg("admin-first-name-missing"),
};
pub const LAST_NAME: Field = Field {
    label: msg("admin-last-name"),
    missing: msg("admin-last-name-missing"),
};
pub const EMAIL: Field = Field {
    label: msg("admin-email-address"),
    missing: msg("admin-email-missing"),
};
pub const ROLE_NAME: Field = Field {
    label: msg("admin-role-name"),
    missing: msg("admin-role-name-missing"),
};
pub const ROLE_DESCRIPTION: Field = Field {
    label: msg("admin-role-description"),
    missing: msg("admin-role-description"),
};

/// Trimmed text that must be given and fit in `max` characters.
pub fn required(t: Lang, value: &str, field: Field, max: usize) -> Result<String, String> {
    match optional(t, value, field, max)? {
        Some(text) => Ok(text),
        None => Err(t.text(field.missing)),
    }
}

/// Trimmed text that may be left empty, at most `max` characters.
pub fn optional(t: Lang, value: &str, field: Field, max: usize) -> Result<Option<String>, String> {
    let text = value.trim();
    let label = t.text(field.label);
    if text.chars().count() > max {
        return Err(t
            .message(msg("admin-field-too-long"))
            .arg("label", &label)
            .arg("max", max)
            .to_string());
    }
    if let Some(problem) = input::unstorable(text, false) {
        return Err(problem.message_in(t, &label));
    }
    if input::changes_direction(text) {
        return Err(input::direction_message_in(t, &label));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// An e-mail address as stored: trimmed and in lower case, so sign-in matches it.
pub fn email(t: Lang, value: &str) -> Result<String, String> {
    let address = required(t, value, EMAIL, 320)?.to_lowercase();
    if looks_like_email(&address) {
        Ok(address)
    } else {
        Err(t.text(msg("admin-email-invalid")))
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
        let en = Lang::default();
        assert_eq!(required(en, "  Ada ", FIRST_NAME, 10), Ok("Ada".to_owned()));
        assert_eq!(
            required(en, "   ", FIRST_NAME, 10),
            Err("Enter the first name.".to_owned())
        );
        assert_eq!(
            required(en, "abcdefghijk", ROLE_NAME, 10),
            Err("Name can be at most 10 characters.".to_owned())
        );
        assert!(optional(en, "a\tb", ROLE_DESCRIPTION, 10).is_err());
        assert_eq!(optional(en, "", ROLE_DESCRIPTION, 10), Ok(None));
    }

    #[test]
    fn emails_are_kept_in_lower_case() {
        assert_eq!(
            email(Lang::default(), " Ada@School.Example "),
            Ok("ada@school.example".to_owned())
        );
        assert!(email(Lang::default(), "ada@school").is_err());
    }
}

//! Messages against a form's fields: what the page shows next to each input that
//! could not be used, and above the form for `""` (the form as a whole). A field is
//! named by its input's name, or by a path into a nested form (`questions[2].options`).

use std::borrow::Cow;

/// The first message for each field, in the order found.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<(Cow<'static, str>, String)>);

impl FieldErrors {
    /// Notes a message against `field`; a field keeps the first one it was given.
    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        let field = field.into();
        if self.get(&field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message noted, with its field.
    pub fn first(&self) -> Option<(&str, &str)> {
        self.iter().next()
    }

    /// Every message with its field, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_ref(), m.as_str()))
    }

    /// The parsed value, or `None` with the message noted against the field.
    pub fn check<T>(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        parsed: Result<T, String>,
    ) -> Option<T> {
        parsed.map_err(|message| self.add(field, message)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_found_by_field() {
        let mut errors = FieldErrors::default();
        assert_eq!(errors.check("name", Ok::<_, String>(3)), Some(3));
        assert_eq!(errors.check::<i32>("email", Err("bad".to_owned())), None);
        assert_eq!(errors.get("email"), Some("bad"));
        assert_eq!(errors.get("name"), None);
        assert!(!errors.is_empty());
    }

    #[test]
    fn a_field_keeps_its_first_message() {
        let mut errors = FieldErrors::default();
        errors.add("date", "Enter the date.");
        errors.add("", "Some fields need your attention.");
        errors.add("date", "The date is in the past.");
        assert_eq!(errors.get("date"), Some("Enter the date."));
        assert_eq!(errors.first(), Some(("date", "Enter the date.")));
        assert_eq!(errors.iter().count(), 2);
    }
}

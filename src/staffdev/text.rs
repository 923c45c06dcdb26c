//! Text staff write in these modules (a frame's sections, a private note): trimmed,
//! with Windows line ends made plain, within a length, and storable.

/// What is wrong with a text.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    TooLong,
    /// It holds control characters the database would refuse or mangle.
    Unstorable,
}

/// The text as kept (none when blank), or its problem.
pub fn written(value: &str, max: usize) -> Result<Option<String>, Problem> {
    let text = value.trim().replace("\r\n", "\n");
    if text.chars().count() > max {
        Err(Problem::TooLong)
    } else if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        Err(Problem::Unstorable)
    } else {
        Ok((!text.is_empty()).then_some(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_its_lines_and_refuses_what_cannot_be_stored() {
        assert_eq!(written(" one\r\ntwo ", 10), Ok(Some("one\ntwo".to_owned())));
        assert_eq!(written("   ", 10), Ok(None));
        assert_eq!(written("abc", 2), Err(Problem::TooLong));
        assert_eq!(written("a\u{0}b", 10), Err(Problem::Unstorable));
    }
}

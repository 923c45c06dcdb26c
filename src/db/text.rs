//! Text as people search it. A word matches wherever it appears in the searched
//! columns, whatever its accents or case ("nguyen" finds "Nguyễn", "zoe" finds "Zoë"),
//! through the database's `homeroom_fold` (migration 000060); a query that is a
//! whole number, phone or e-mail of a row puts that row first. Every people search
//! (the header's, the record lists and pickers, the users list) builds its SQL here.
//!
//! Rows are matched one by one (`holds`): row-level security keeps the planner off
//! the trigram indexes over the folded text (LIKE is not leakproof), and reading
//! them through a function running as the tables' owner took seconds a query once
//! many long names had been written.

/// `%word%`, with LIKE's own wildcards (`%`, `_`, `\`) taken literally.
pub fn contains_pattern(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    out.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The folded text a row is searched by: `columns` (SQL expressions) joined with
/// spaces, as the search indexes fold a person's columns.
pub fn folded(columns: &[&str]) -> String {
    let joined: Vec<String> = columns
        .iter()
        .map(|c| format!("coalesce({c}, '')"))
        .collect();
    format!("homeroom_fold({})", joined.join(" || ' ' || "))
}

/// SQL true when the folded text holds the word bound at `pattern`
/// (a `contains_pattern`), folded the same way.
pub fn holds(folded: &str, pattern: &str) -> String {
    format!("{folded} LIKE homeroom_fold({pattern})")
}

/// Fewer characters than this are nobody's whole number, phone or e-mail.
const TRIGRAM: usize = 3;

/// A query compared with each searched column whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Whole {
    /// The query as typed, trimmed.
    pub text: String,
    /// Its digits, when it reads as a phone number, so "+44 20 7946 0018" is the
    /// number stored as "+44 20 7946-0018".
    pub digits: Option<String>,
}

/// Fewer digits than this are not a phone number.
const PHONE_DIGITS: usize = 5;

impl Whole {
    /// None for a query too short to be anyone's number, phone or e-mail: ranking
    /// it would cost a look at every match for nothing.
    pub fn new(query: &str) -> Option<Whole> {
        let text = query.trim().to_owned();
        if text.chars().filter(|c| !c.is_whitespace()).count() < TRIGRAM {
            return None;
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let phone_like = digits.len() >= PHONE_DIGITS
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        Some(Whole {
            text,
            digits: phone_like.then_some(digits),
        })
    }

    /// SQL true when one of `columns` is the query typed whole: equal but for case
    /// (numbers, phones and e-mails carry no accents, and `lower` is cheap on every
    /// match), or in its digits for a phone number. `text` and `digits` are the
    /// placeholders bound to `self.text` and `self.digits`.
    pub fn matches(&self, columns: &[&str], text: &str, digits: Option<&str>) -> String {
        let mut any: Vec<String> = columns
            .iter()
            .map(|c| format!("lower({c}) = lower({text})"))
            .collect();
        if let Some(d) = digits {
            any.extend(
                columns
                    .iter()
                    .map(|c| format!("regexp_replace({c}, '[^0-9]', '', 'g') = {d}")),
            );
        }
        format!("coalesce({}, false)", any.join(" OR "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_searched_for_literally() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(contains_pattern("王"), "%王%");
    }

    #[test]
    fn the_searched_columns_are_joined_and_folded() {
        assert_eq!(
            folded(&["full_name", "email", "phone"]),
            "homeroom_fold(coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))"
        );
    }

    #[test]
    fn a_phone_number_is_compared_by_its_digits() {
        let digits = |q: &str| Whole::new(q).and_then(|w| w.digits);
        assert_eq!(
            digits(" +44 (20) 7946-0018 ").as_deref(),
            Some("442079460018")
        );
        assert_eq!(digits("NW-000012"), None);
        assert_eq!(digits("0018"), None, "too short to be a phone");
        assert_eq!(Whole::new(" 7 "), None, "too short to rank");
        let whole = Whole::new("NW-7700").expect("a number");
        assert_eq!(
            whole.matches(&["t.a"], "$2", None),
            "coalesce(lower(t.a) = lower($2), false)"
        );
        assert!(
            whole
                .matches(&["t.a"], "$2", Some("$3"))
                .contains("regexp_replace(t.a, '[^0-9]', '', 'g') = $3")
        );
    }
}

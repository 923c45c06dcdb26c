//! What a teacher types into a gradebook cell: a score out of the assessment's
//! maximum, "excused", "missing", or nothing (clears the cell).

use bigdecimal::{BigDecimal, ToPrimitive, Zero};

use super::scale::{parse_number, shown_number};
use crate::db::enums::ResultMark;
use crate::i18n::Lang;

/// A cell's value as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Empty,
    Score(BigDecimal),
    Excused,
    Missing,
}

impl Entry {
    /// The stored columns: score and mark.
    pub fn columns(&self) -> (Option<BigDecimal>, Option<ResultMark>) {
        match self {
            Entry::Empty => (None, None),
            Entry::Score(s) => (Some(s.clone()), None),
            Entry::Excused => (None, Some(ResultMark::Excused)),
            Entry::Missing => (None, Some(ResultMark::Missing)),
        }
    }

    pub fn from_columns(score: Option<BigDecimal>, mark: Option<ResultMark>) -> Entry {
        match (score, mark) {
            (_, Some(ResultMark::Excused)) => Entry::Excused,
            (_, Some(ResultMark::Missing)) => Entry::Missing,
            (Some(s), None) => Entry::Score(s),
            (None, None) => Entry::Empty,
        }
    }

    /// What the cell shows: the score as the reader writes numbers, or the mark's code.
    pub fn shown(&self, t: Lang) -> String {
        match self {
            Entry::Empty => String::new(),
            Entry::Score(s) => shown_number(t, s),
            Entry::Excused => t.text("grade-code-excused"),
            Entry::Missing => t.text("grade-code-missing"),
        }
    }

    /// The share of the maximum it counts for in an average: none when excused or
    /// empty, nothing when missing.
    pub fn fraction(&self, max: &BigDecimal) -> Option<f64> {
        match self {
            Entry::Score(s) if *max > BigDecimal::zero() => (s / max).to_f64(),
            Entry::Missing => Some(0.0),
            _ => None,
        }
    }
}

/// The entry a teacher typed, or the message the cell shows: a number from 0 to the
/// maximum (a point or a comma before at most two decimals), the code for excused or
/// missing in the reader's language or in English, or nothing.
pub fn parse_entry(t: Lang, text: &str, max: &BigDecimal) -> Result<Entry, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Entry::Empty);
    }
    let english = Lang::default();
    let is = |id: &str| {
        [t, english]
            .iter()
            .any(|l| l.text(id).eq_ignore_ascii_case(text))
    };
    if is("grade-code-excused") {
        return Ok(Entry::Excused);
    }
    if is("grade-code-missing") {
        return Ok(Entry::Missing);
    }
    let Some(score) = parse_number(text) else {
        return Err(t
            .message("grade-cell-not-a-number")
            .arg("excused", t.text("grade-code-excused"))
            .arg("missing", t.text("grade-code-missing"))
            .to_string());
    };
    if score < BigDecimal::zero() {
        return Err(t.text("grade-cell-negative"));
    }
    if score > *max {
        return Err(t
            .message("grade-cell-over-max")
            .arg("max", shown_number(t, max))
            .to_string());
    }
    Ok(Entry::Score(score))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_takes_scores_codes_or_nothing_and_refuses_the_rest() {
        let t = Lang::default();
        let max = BigDecimal::from(20);
        assert_eq!(
            parse_entry(t, "17,5", &max),
            Ok(Entry::Score(BigDecimal::from(175) / 10))
        );
        assert_eq!(parse_entry(t, "ex", &max), Ok(Entry::Excused));
        assert_eq!(parse_entry(t, "M", &max), Ok(Entry::Missing));
        assert_eq!(parse_entry(t, " ", &max), Ok(Entry::Empty));
        assert!(parse_entry(t, "21", &max).is_err());
        assert!(parse_entry(t, "-1", &max).is_err());
        assert!(parse_entry(t, "abc", &max).is_err());
    }

    #[test]
    fn excused_does_not_count_and_missing_counts_as_nothing() {
        let max = BigDecimal::from(10);
        assert_eq!(Entry::Excused.fraction(&max), None);
        assert_eq!(Entry::Missing.fraction(&max), Some(0.0));
        assert_eq!(Entry::Score(BigDecimal::from(8)).fraction(&max), Some(0.8));
    }
}

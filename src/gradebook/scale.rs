//! A school's grading scale: the lowest percentage that earns each letter, best
//! letter first. A result's letter, and an average's, is the best letter whose
//! lower bound the percentage reaches.

use bigdecimal::{BigDecimal, Zero};

use crate::db::enums::GradeLetter;
use crate::i18n::Lang;

/// One letter and the lowest percentage that earns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub letter: GradeLetter,
    pub min_percent: BigDecimal,
}

/// Every letter of A+ … F with its lower bound, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scale {
    bands: Vec<Band>,
}

/// The usual scale, seeded for every school: 97 and up A+, then steps of about
/// three points, F below 60.
const USUAL: [i64; 13] = [97, 93, 90, 87, 83, 80, 77, 73, 70, 67, 63, 60, 0];

impl Scale {
    pub fn usual() -> Scale {
        Scale {
            bands: GradeLetter::ALL
                .iter()
                .zip(USUAL)
                .map(|(&letter, floor)| Band {
                    letter,
                    min_percent: BigDecimal::from(floor),
                })
                .collect(),
        }
    }

    /// The stored bands; the usual scale when a letter is missing (a school whose
    /// scale was never stored).
    pub fn from_stored(rows: Vec<(GradeLetter, BigDecimal)>) -> Scale {
        let bands: Vec<Band> = GradeLetter::ALL
            .iter()
            .filter_map(|&letter| {
                rows.iter()
                    .find(|(l, _)| *l == letter)
                    .map(|(_, min)| Band {
                        letter,
                        min_percent: min.clone(),
                    })
            })
            .collect();
        if bands.len() == GradeLetter::ALL.len() {
            Scale { bands }
        } else {
            Scale::usual()
        }
    }

    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The letter of a percentage (0–100).
    pub fn letter(&self, percent: &BigDecimal) -> GradeLetter {
        self.bands
            .iter()
            .find(|b| *percent >= b.min_percent)
            .map_or(GradeLetter::F, |b| b.letter)
    }

    /// The letter of a score out of `max`; none without a positive maximum.
    pub fn letter_of(&self, score: &BigDecimal, max: &BigDecimal) -> Option<GradeLetter> {
        (*max > BigDecimal::zero()).then(|| self.letter(&(score * BigDecimal::from(100) / max)))
    }

    /// A scale from a form's bounds (one per letter, best first), or a message per
    /// letter that is wrong: each a number from 0 to 100, each below the one above
    /// it (bands may neither overlap nor come out of order), and F from 0 (no
    /// percentage without a letter).
    pub fn parse(t: Lang, sent: &[String]) -> Result<Scale, Vec<Option<String>>> {
        let mut errors: Vec<Option<String>> = vec![None; GradeLetter::ALL.len()];
        let mut bands = Vec::new();
        for (i, &letter) in GradeLetter::ALL.iter().enumerate() {
            let text = sent.get(i).map(|s| s.trim()).unwrap_or_default();
            match parse_percent(text) {
                Some(min_percent) => bands.push(Band {
                    letter,
                    min_percent,
                }),
                None => errors[i] = Some(t.text("grade-scale-not-a-percent")),
            }
        }
        if bands.len() == GradeLetter::ALL.len() {
            for i in 1..bands.len() {
                if bands[i].min_percent >= bands[i - 1].min_percent {
                    let above = bands[i - 1].letter.as_str();
                    errors[i] = Some(
                        t.message("grade-scale-overlap")
                            .arg("letter", above)
                            .to_string(),
                    );
                }
            }
            let last = bands.len() - 1;
            if errors[last].is_none() && !bands[last].min_percent.is_zero() {
                errors[last] = Some(t.text("grade-scale-gap"));
            }
        }
        if errors.iter().all(Option::is_none) {
            Ok(Scale { bands })
        } else {
            Err(errors)
        }
    }
}

/// A number as the reader writes numbers, with its decimals (up to two) and no
/// trailing zeros: "12.5", "12,5", "20".
pub fn shown_number(t: Lang, n: &BigDecimal) -> String {
    let places = n.normalized().as_bigint_and_exponent().1.clamp(0, 2);
    t.decimal(n, places)
}

/// A percentage from 0 to 100 with at most two decimals, written with a point or a comma.
pub fn parse_percent(text: &str) -> Option<BigDecimal> {
    let n = parse_number(text)?;
    (n >= BigDecimal::zero() && n <= 100).then_some(n)
}

/// A number with at most two decimals, "8.5" or "8,5"; none for anything else.
pub fn parse_number(text: &str) -> Option<BigDecimal> {
    let text = text.trim().replace(',', ".");
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        || text.split('.').nth(1).is_some_and(|d| d.len() > 2)
    {
        return None;
    }
    text.parse::<BigDecimal>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(bounds: &[&str]) -> Vec<String> {
        bounds.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_usual_scale_gives_the_usual_letters() {
        let scale = Scale::usual();
        assert_eq!(scale.letter(&BigDecimal::from(100)), GradeLetter::APlus);
        assert_eq!(scale.letter(&BigDecimal::from(93)), GradeLetter::A);
        assert_eq!(scale.letter(&BigDecimal::from(85)), GradeLetter::B);
        assert_eq!(scale.letter(&BigDecimal::from(60)), GradeLetter::DMinus);
        assert_eq!(scale.letter(&BigDecimal::from(59)), GradeLetter::F);
        let (score, max) = (BigDecimal::from(45), BigDecimal::from(50));
        assert_eq!(scale.letter_of(&score, &max), Some(GradeLetter::AMinus));
    }

    #[test]
    fn a_scale_out_of_order_or_with_a_gap_is_refused_per_letter() {
        let t = Lang::default();
        let usual = [
            "97", "93", "90", "87", "83", "80", "77", "73", "70", "67", "63", "60", "0",
        ];
        assert!(Scale::parse(t, &sent(&usual)).is_ok());
        let mut overlap = usual;
        overlap[2] = "95";
        let errors = Scale::parse(t, &sent(&overlap)).expect_err("overlap");
        assert!(errors[2].is_some() && errors[1].is_none());
        let mut gap = usual;
        gap[12] = "10";
        let errors = Scale::parse(t, &sent(&gap)).expect_err("gap");
        assert!(errors[12].is_some());
        let mut word = usual;
        word[0] = "lots";
        assert!(Scale::parse(t, &sent(&word)).expect_err("word")[0].is_some());
    }

    #[test]
    fn numbers_take_a_point_or_a_comma_and_two_decimals_at_most() {
        assert_eq!(parse_number("8,5"), Some(BigDecimal::from(85) / 10));
        assert_eq!(parse_number("8.555"), None);
        assert_eq!(parse_number("eight"), None);
        assert_eq!(parse_percent("101"), None);
    }
}

//! A student's running average in a class subject: each kind of assessment's
//! mean share of the maximum, weighted by the kind's weight; every assessment alike
//! when no weights are set. Only published, graded and closed assessments count;
//! an excused or empty cell is left out, a missing one counts as nothing.

use bigdecimal::{BigDecimal, ToPrimitive};

use super::scale::parse_percent;
use crate::db::enums::{AssessmentStatus, AssessmentType};
use crate::i18n::Lang;

/// Whether an assessment in this state counts in averages (a draft does not).
pub fn counts(status: AssessmentStatus) -> bool {
    status != AssessmentStatus::Draft
}

/// The weight of each kind of assessment, in percent; empty for "all alike".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights(pub Vec<(AssessmentType, BigDecimal)>);

/// What is wrong with weights sent from a form: a message per kind, and one for the total.
#[derive(Debug, Default)]
pub struct WeightErrors {
    pub kinds: Vec<Option<String>>,
    pub total: Option<String>,
}

impl Weights {
    /// Weights from a form, one per kind in [`AssessmentType::ALL`]'s order: each
    /// empty or a percentage, together 100 %; all empty means "all alike".
    pub fn parse(t: Lang, sent: &[String]) -> Result<Weights, WeightErrors> {
        let mut errors = WeightErrors {
            kinds: vec![None; AssessmentType::ALL.len()],
            total: None,
        };
        let mut weights = Vec::new();
        for (i, kind) in AssessmentType::ALL.iter().enumerate() {
            let text = sent.get(i).map(|s| s.trim()).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            match parse_percent(text) {
                Some(w) => weights.push((*kind, w)),
                None => errors.kinds[i] = Some(t.text("grade-weight-not-a-percent")),
            }
        }
        let total: BigDecimal = weights.iter().map(|(_, w)| w).sum();
        if errors.kinds.iter().all(Option::is_none) && !weights.is_empty() && total != 100 {
            let shown = total.to_f64().unwrap_or_default();
            errors.total = Some(
                t.message("grade-weight-total")
                    .arg("total", t.percent(shown, 2))
                    .to_string(),
            );
        }
        if errors.total.is_some() || errors.kinds.iter().any(Option::is_some) {
            Err(errors)
        } else {
            Ok(Weights(weights))
        }
    }

    fn of(&self, kind: AssessmentType) -> f64 {
        self.0
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, w)| w.to_f64())
            .unwrap_or(0.0)
    }
}

/// The average, in percent (0–100), of one student's counted shares (kind of
/// assessment and share of its maximum, 0–1); none when nothing counts yet.
pub fn weighted_percent(shares: &[(AssessmentType, f64)], weights: &Weights) -> Option<f64> {
    if shares.is_empty() {
        return None;
    }
    if weights.0.is_empty() {
        let sum: f64 = shares.iter().map(|(_, s)| s).sum();
        return Some(sum / shares.len() as f64 * 100.0);
    }
    let mut total = 0.0;
    let mut weight = 0.0;
    for kind in AssessmentType::ALL {
        let of_kind: Vec<f64> = shares
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, s)| *s)
            .collect();
        let w = weights.of(*kind);
        if of_kind.is_empty() || w <= 0.0 {
            continue;
        }
        total += w * of_kind.iter().sum::<f64>() / of_kind.len() as f64;
        weight += w;
    }
    (weight > 0.0).then(|| total / weight * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssessmentType::*;

    #[test]
    fn kinds_weigh_as_set_and_a_kind_without_results_is_left_out() {
        let weights = Weights(vec![
            (Test, BigDecimal::from(60)),
            (Homework, BigDecimal::from(40)),
        ]);
        let shares = [(Test, 0.8), (Test, 0.9), (Homework, 0.8), (Homework, 0.0)];
        let avg = weighted_percent(&shares, &weights).expect("average");
        assert!((avg - 67.0).abs() < 1e-9, "{avg}");
        let only_tests = weighted_percent(&[(Test, 0.5)], &weights).expect("average");
        assert!((only_tests - 50.0).abs() < 1e-9);
        let alike = weighted_percent(&shares, &Weights::default()).expect("average");
        assert!((alike - 62.5).abs() < 1e-9);
        assert_eq!(weighted_percent(&[], &weights), None);
    }

    #[test]
    fn weights_must_total_a_hundred_or_be_left_empty() {
        let t = Lang::default();
        let sent = |w: [&str; 6]| w.map(str::to_owned).to_vec();
        assert!(Weights::parse(t, &sent(["10", "", "40", "50", "", ""])).is_ok());
        assert_eq!(
            Weights::parse(t, &sent(["", "", "", "", "", ""])).ok(),
            Some(Weights::default())
        );
        let short = Weights::parse(t, &sent(["10", "", "40", "40", "", ""]));
        assert!(short.expect_err("90 %").total.is_some());
        let word = Weights::parse(t, &sent(["ten", "", "", "", "", ""]));
        assert!(word.expect_err("word").kinds[0].is_some());
    }
}

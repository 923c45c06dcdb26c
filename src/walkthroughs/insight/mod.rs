//! What the visits add up to: a teacher's averages over time ([`teacher`]), and a
//! campus's averages this term against last term with its coverage ([`campus`]).

pub mod campus;
pub mod teacher;

use super::models::Walkthrough;
pub use super::models::one_decimal;

/// Averages of the seven areas over a set of visits, one decimal; `None` without visits.
pub fn averages(visits: &[&Walkthrough]) -> Option<[f64; 7]> {
    if visits.is_empty() {
        return None;
    }
    let mut sums = [0i64; 7];
    for w in visits {
        for (sum, r) in sums.iter_mut().zip(w.ratings()) {
            *sum += i64::from(r);
        }
    }
    Some(sums.map(|s| s as f64 / visits.len() as f64))
}

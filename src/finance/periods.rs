//! Billing periods and pro-rating: which month, quarter, term or year a fee plan's
//! cycle charges for a given day, and what share of a period's fee a student who
//! joined during it owes under the school's rule.

use bigdecimal::{BigDecimal, RoundingMode};
use chrono::{Datelike, NaiveDate};

use crate::db::enums::BillingCycle;

/// The days a period charges, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// How many calendar months the period touches.
    pub fn months(&self) -> u32 {
        months_from(self.start, self.end)
    }
}

/// The calendar months from `from`'s to `to`'s, both counted.
fn months_from(from: NaiveDate, to: NaiveDate) -> u32 {
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    u32::try_from(index(to) - index(from) + 1).unwrap_or(0)
}

fn first_of(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The last day of the month `months` months after the one starting `start`.
fn end_of_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start
        .checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
}

/// The period holding `on` for a plan billed every `cycle`: its calendar month or
/// quarter, the term holding the day (of `terms`), or the academic year (`year`)
/// for yearly and one-time fees. None when no term or year holds the day.
pub fn period_of(
    cycle: BillingCycle,
    on: NaiveDate,
    terms: &[Period],
    year: Option<Period>,
) -> Option<Period> {
    let holds = |p: &Period| p.start <= on && on <= p.end;
    match cycle {
        BillingCycle::Monthly => {
            let start = first_of(on.year(), on.month())?;
            Some(Period {
                start,
                end: end_of_months(start, 1)?,
            })
        }
        BillingCycle::Quarterly => {
            let start = first_of(on.year(), on.month0() / 3 * 3 + 1)?;
            Some(Period {
                start,
                end: end_of_months(start, 3)?,
            })
        }
        BillingCycle::Termly => terms.iter().copied().find(holds),
        BillingCycle::Annually | BillingCycle::OneTime => year.filter(holds),
    }
}

/// How a school charges a student who joins after a period began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proration {
    /// The whole period's fee.
    Full,
    /// The months left, counting the month they join in.
    RemainingMonths,
    /// Nothing for that period; the next one is charged whole.
    None,
}

impl Proration {
    pub const ALL: [Proration; 3] = [Proration::Full, Proration::RemainingMonths, Proration::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Proration::Full => "full",
            Proration::RemainingMonths => "remaining_months",
            Proration::None => "none",
        }
    }

    pub fn parse(text: &str) -> Option<Proration> {
        Proration::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// What a student owes of a period's fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
    Whole,
    /// `months` of the period's `of` months.
    Part {
        months: u32,
        of: u32,
    },
    /// Nothing: they joined during the period and the school charges none of it.
    JoinedDuring,
    /// Nothing: they join after the period ends.
    JoinsLater,
}

/// The share of `period` a student who joined on `joined` owes under `rule`.
pub fn share(rule: Proration, period: Period, joined: Option<NaiveDate>) -> Share {
    let Some(joined) = joined.filter(|j| *j > period.start) else {
        return Share::Whole;
    };
    if joined > period.end {
        return Share::JoinsLater;
    }
    let of = period.months();
    let months = months_from(joined, period.end);
    match rule {
        Proration::Full => Share::Whole,
        Proration::None => Share::JoinedDuring,
        Proration::RemainingMonths if months >= of => Share::Whole,
        Proration::RemainingMonths => Share::Part { months, of },
    }
}

/// The fee owed for `share` of a period whose whole fee is `fee`, to the cent.
pub fn charge(fee: &BigDecimal, share: Share) -> BigDecimal {
    let owed = match share {
        Share::Whole => fee.clone(),
        Share::Part { months, of } => fee * BigDecimal::from(months) / BigDecimal::from(of),
        Share::JoinedDuring | Share::JoinsLater => BigDecimal::from(0),
    };
    owed.with_scale_round(2, RoundingMode::HalfUp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).unwrap()
    }

    fn period(from: &str, to: &str) -> Period {
        Period {
            start: day(from),
            end: day(to),
        }
    }

    #[test]
    fn each_cycle_charges_the_period_holding_the_day() {
        let terms = [
            period("2026-08-17", "2026-10-31"),
            period("2026-11-01", "2027-02-28"),
        ];
        let year = Some(period("2026-08-17", "2027-06-30"));
        let on = day("2026-12-02");
        let of = |cycle| period_of(cycle, on, &terms, year);
        assert_eq!(
            of(BillingCycle::Monthly),
            Some(period("2026-12-01", "2026-12-31"))
        );
        assert_eq!(
            of(BillingCycle::Quarterly),
            Some(period("2026-10-01", "2026-12-31"))
        );
        assert_eq!(of(BillingCycle::Termly), Some(terms[1]));
        assert_eq!(of(BillingCycle::Annually), year);
        assert_eq!(
            period_of(BillingCycle::Termly, day("2027-05-01"), &terms, year),
            None
        );
    }

    #[test]
    fn a_student_joining_mid_term_owes_the_months_left_under_the_schools_rule() {
        let term = period("2026-11-01", "2027-02-28");
        let joined = Some(day("2027-01-10"));
        assert_eq!(term.months(), 4);
        assert_eq!(
            share(Proration::RemainingMonths, term, joined),
            Share::Part { months: 2, of: 4 }
        );
        assert_eq!(share(Proration::Full, term, joined), Share::Whole);
        assert_eq!(share(Proration::None, term, joined), Share::JoinedDuring);
        assert_eq!(
            share(Proration::None, term, Some(day("2026-09-01"))),
            Share::Whole
        );
        assert_eq!(
            share(Proration::Full, term, Some(day("2027-03-02"))),
            Share::JoinsLater
        );
        let fee = BigDecimal::from_str("1000.00").unwrap();
        let third = Share::Part { months: 1, of: 3 };
        assert_eq!(charge(&fee, third).to_string(), "333.33");
        assert_eq!(
            charge(&fee, Share::Part { months: 2, of: 4 }).to_string(),
            "500.00"
        );
    }
}

//! What the visits add up to: a teacher's averages over time (drawn as SVG on the
//! server), a campus's averages this term against last term, and its coverage.

use chrono::{Datelike, Duration, NaiveDate};

use super::models::{DIMENSIONS, Walkthrough};

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

pub fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

/// One stretch of time on the chart: a week, or a month for longer histories.
pub struct Period {
    pub label: String,
    pub visits: usize,
    pub averages: [f64; 7],
}

impl Period {
    /// "16 Nov" for a week, "Nov 2026" for a month.
    pub fn short_label(&self) -> String {
        self.label.trim_start_matches("Week of ").to_owned()
    }

    pub fn is_week(&self) -> bool {
        self.label.starts_with("Week of ")
    }

    pub fn average(&self, area: &usize) -> String {
        one_decimal(self.averages[*area])
    }
}

/// Visits (any order) grouped into weeks, or months once they span more than four.
pub fn periods(visits: &[Walkthrough]) -> Vec<Period> {
    let (Some(first), Some(last)) = (
        visits.iter().map(|w| w.check_in_date).min(),
        visits.iter().map(|w| w.check_in_date).max(),
    ) else {
        return Vec::new();
    };
    let monthly = (last - first).num_days() > 120;
    let start_of = |d: NaiveDate| {
        if monthly {
            d.with_day(1).unwrap_or(d)
        } else {
            d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
        }
    };
    let mut starts: Vec<NaiveDate> = visits.iter().map(|w| start_of(w.check_in_date)).collect();
    starts.sort();
    starts.dedup();
    starts
        .into_iter()
        .filter_map(|start| {
            let within: Vec<&Walkthrough> = visits
                .iter()
                .filter(|w| start_of(w.check_in_date) == start)
                .collect();
            Some(Period {
                label: if monthly {
                    start.format("%b %Y").to_string()
                } else {
                    format!("Week of {}", start.format("%-d %b"))
                },
                visits: within.len(),
                averages: averages(&within)?,
            })
        })
        .collect()
}

/// A line chart of the seven areas, positioned for an SVG `viewBox`.
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub left: f64,
    pub right: f64,
    pub series: Vec<Series>,
    pub y_ticks: Vec<(f64, u8)>,
    pub x_ticks: Vec<(f64, String)>,
}

pub struct Series {
    pub label: &'static str,
    /// CSS class that colours the line and its legend entry.
    pub class: String,
    pub path: String,
    pub points: Vec<Point>,
}

pub struct Point {
    pub x: String,
    pub y: String,
    pub title: String,
}

// Drawn at about a phone's width, so its text reads at the page's size there.
const WIDTH: u32 = 360;
const HEIGHT: u32 = 220;
const LEFT: f64 = 26.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;
/// Points of equal value sit side by side instead of hiding each other.
const DODGE: f64 = 4.0;

pub fn chart(periods: &[Period]) -> Chart {
    let plot_w = f64::from(WIDTH) - LEFT - RIGHT - 8.0 * DODGE;
    let plot_h = f64::from(HEIGHT) - TOP - BOTTOM;
    let n = periods.len();
    let x = |i: usize| {
        let start = LEFT + 4.0 * DODGE;
        if n <= 1 {
            start + plot_w / 2.0
        } else {
            start + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + (5.0 - v) / 4.0 * plot_h;
    let series = DIMENSIONS
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let shift = (d as f64 - 3.0) * DODGE;
            let points: Vec<(f64, f64)> = periods
                .iter()
                .enumerate()
                .map(|(i, p)| (x(i) + shift, y(p.averages[d])))
                .collect();
            let path = points
                .iter()
                .enumerate()
                .map(|(i, (px, py))| format!("{}{px:.1},{py:.1}", if i == 0 { "M" } else { "L" }))
                .collect::<Vec<_>>()
                .join(" ");
            Series {
                label: dim.label,
                class: format!("series-{}", d + 1),
                path,
                points: points
                    .iter()
                    .zip(periods)
                    .map(|((px, py), p)| Point {
                        x: format!("{px:.1}"),
                        y: format!("{py:.1}"),
                        title: format!("{}, {}: {:.1}", dim.label, p.label, p.averages[d]),
                    })
                    .collect(),
            }
        })
        .collect();
    // At most four labels under the axis, so they never overlap on a phone.
    let step = n.div_ceil(4).max(1);
    let x_ticks = periods
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, p)| (x(i), p.short_label()))
        .collect();
    Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: f64::from(WIDTH) - RIGHT,
        series,
        y_ticks: (1..=5u8).map(|v| (y(f64::from(v)), v)).collect(),
        x_ticks,
    }
}

/// A school term. Homeroom counts two terms per academic year: its first half
/// (start to midpoint) and its second half (the day after, to the end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The terms of the given academic years (name, start, end), in date order.
pub fn terms(years: &[(String, NaiveDate, NaiveDate)]) -> Vec<Term> {
    let mut terms = Vec::new();
    for (name, start, end) in years {
        if end < start {
            continue;
        }
        let middle = *start + Duration::days((*end - *start).num_days() / 2);
        terms.push(Term {
            label: format!("{name}, first term"),
            start: *start,
            end: middle,
        });
        if middle < *end {
            terms.push(Term {
                label: format!("{name}, second term"),
                start: middle + Duration::days(1),
                end: *end,
            });
        }
    }
    terms.sort_by_key(|t| t.start);
    terms
}

/// The term that holds `today` (or the latest one begun before it), and the one before.
pub fn this_and_last(terms: &[Term], today: NaiveDate) -> (Option<&Term>, Option<&Term>) {
    let current = terms.iter().rposition(|t| t.start <= today);
    match current {
        Some(i) => (terms.get(i), i.checked_sub(1).and_then(|p| terms.get(p))),
        None => (None, None),
    }
}

/// A teacher the campus has not visited within the window.
pub struct Unvisited {
    pub staff_id: uuid::Uuid,
    pub name: String,
    pub last_visit: Option<NaiveDate>,
    pub days_since: Option<i64>,
}

/// Teachers whose last visit is older than `days` (or who were never visited):
/// never visited first, then the longest ago.
pub fn coverage(
    teachers: Vec<(uuid::Uuid, String)>,
    last_visits: &[(uuid::Uuid, NaiveDate)],
    today: NaiveDate,
    days: i64,
) -> Vec<Unvisited> {
    let since = today - Duration::days(days);
    let mut out: Vec<Unvisited> = teachers
        .into_iter()
        .map(|(staff_id, name)| {
            let last_visit = last_visits
                .iter()
                .filter(|(t, _)| *t == staff_id)
                .map(|(_, d)| *d)
                .max();
            Unvisited {
                staff_id,
                name,
                last_visit,
                days_since: last_visit.map(|d| (today - d).num_days()),
            }
        })
        .filter(|u| u.last_visit.is_none_or(|d| d < since))
        .collect();
    out.sort_by(|a, b| {
        a.last_visit
            .is_some()
            .cmp(&b.last_visit.is_some())
            .then(a.last_visit.cmp(&b.last_visit))
            .then(a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_year_splits_into_two_terms_and_today_finds_its_term() {
        let years = vec![
            ("2025-2026".to_owned(), date(2025, 8, 15), date(2026, 6, 30)),
            ("2026-2027".to_owned(), date(2026, 8, 15), date(2027, 6, 30)),
        ];
        let all = terms(&years);
        assert_eq!(all.len(), 4);
        let (this, last) = this_and_last(&all, date(2026, 11, 23));
        assert_eq!(
            this.map(|t| t.label.as_str()),
            Some("2026-2027, first term")
        );
        assert_eq!(
            last.map(|t| t.label.as_str()),
            Some("2025-2026, second term")
        );
        assert_eq!(this.map(|t| t.end), Some(date(2027, 1, 21)));
    }

    #[test]
    fn coverage_lists_the_never_visited_first_then_the_oldest() {
        let a = uuid::Uuid::new_v4();
        let b = uuid::Uuid::new_v4();
        let c = uuid::Uuid::new_v4();
        let d = uuid::Uuid::new_v4();
        let today = date(2026, 11, 23);
        let list = coverage(
            vec![
                (a, "Ann".to_owned()),
                (b, "Bob".to_owned()),
                (c, "Cy".to_owned()),
                (d, "Di".to_owned()),
            ],
            &[
                (a, date(2026, 9, 1)),
                (b, date(2026, 11, 20)),
                (c, date(2026, 8, 30)),
            ],
            today,
            30,
        );
        let names: Vec<&str> = list.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Di", "Cy", "Ann"]);
        assert_eq!(list[1].days_since, Some(85));
    }
}

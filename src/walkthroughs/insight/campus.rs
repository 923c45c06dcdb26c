//! A campus's walkthroughs: its averages this term against last term, and the
//! teachers it has not visited lately.

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::{averages, one_decimal};
use crate::access::Access;
use crate::db::Tenant;
use crate::gradebook::Term as SetTerm;
use crate::i18n::Lang;
use crate::walkthroughs::models::{DIMENSIONS, Walkthrough};
use crate::walkthroughs::queries::{self, CampusRow, TeacherOption};
use crate::walkthroughs::viewer::{Scope, Viewer};
use crate::web::error::AppError;

/// The coverage window when none (or no valid one) is asked for.
const DEFAULT_DAYS: i64 = 30;

/// The longest coverage window, two years.
const MOST_DAYS: i64 = 730;

/// The coverage window asked for, in days, and the message when it was not valid.
pub fn coverage_days(asked: Option<&str>, t: &Lang) -> (i64, Option<String>) {
    match asked.map(str::trim) {
        None | Some("") => (DEFAULT_DAYS, None),
        Some(text) => match text.parse::<i64>() {
            Ok(d) if (1..=MOST_DAYS).contains(&d) => (d, None),
            _ => (
                DEFAULT_DAYS,
                Some(
                    t.message("walk-error-days")
                        .arg("most", MOST_DAYS)
                        .arg("days", DEFAULT_DAYS)
                        .to_string(),
                ),
            ),
        },
    }
}

/// One term's visits and their averages.
pub struct TermColumn {
    pub term: Term,
    pub visits: usize,
    pub averages: Option<[f64; 7]>,
}

/// One area's average this term and last, and which way it went.
pub struct TermRow {
    /// The id of the area's name.
    pub label: &'static str,
    pub this: String,
    pub last: String,
    pub change: String,
    pub trend: &'static str,
}

/// What the campus page shows.
pub struct CampusReport {
    pub campus: CampusRow,
    pub this_term: Option<TermColumn>,
    pub last_term: Option<TermColumn>,
    pub rows: Vec<TermRow>,
    pub unvisited: Vec<Unvisited>,
    pub teacher_count: usize,
}

/// The report of a campus within the viewer's reach, with the teachers not visited
/// in the last `days` days; not found for another director's campus.
pub fn campus_report(
    tenant: &mut Tenant<'_>,
    access: &Access,
    campus_id: Uuid,
    days: i64,
    t: Lang,
) -> Result<CampusReport, AppError> {
    let viewer = Viewer::load(tenant, access)?;
    let campus = queries::campus(tenant, campus_id)?;
    match &viewer.scope {
        Scope::Organization | Scope::Authored => {}
        Scope::Campus(c) if *c == campus_id => {}
        Scope::Campus(_) => return Err(AppError::NotFound),
        Scope::Observed(_) => return Err(AppError::Forbidden),
    }
    let years = queries::academic_years(tenant)?;
    let set = crate::gradebook::queries::all_terms(tenant)?;
    let visits = queries::at_campus(tenant, campus_id)?;
    let teachers = queries::teachers_in_reach(tenant, &viewer, Some(campus_id))?;
    let today = tenant.today();
    Ok(CampusReport::new(
        campus,
        (&years, &set),
        &visits,
        teachers,
        (today, days),
        &t,
    ))
}

impl CampusReport {
    fn new(
        campus: CampusRow,
        (years, set): (&[YearDates], &[(String, SetTerm)]),
        visits: &[Walkthrough],
        teachers: Vec<TeacherOption>,
        (today, days): (NaiveDate, i64),
        t: &Lang,
    ) -> CampusReport {
        let terms = terms(years, set, t);
        let (this, last) = this_and_last(&terms, today);
        let this_term = this.map(|t| term_column(t, visits));
        let last_term = last.map(|t| term_column(t, visits));
        let rows = term_rows(
            this_term.as_ref().and_then(|c| c.averages),
            last_term.as_ref().and_then(|c| c.averages),
            t,
        );
        let last_visits: Vec<(Uuid, NaiveDate)> = visits
            .iter()
            .filter_map(|w| w.teacher_id.map(|t| (t, w.check_in_date)))
            .collect();
        let teacher_count = teachers.len();
        let unvisited = coverage(
            teachers.into_iter().map(|t| (t.id, t.name)).collect(),
            &last_visits,
            today,
            days,
        );
        CampusReport {
            campus,
            this_term,
            last_term,
            rows,
            unvisited,
            teacher_count,
        }
    }
}

fn term_column(term: &Term, visits: &[Walkthrough]) -> TermColumn {
    let within: Vec<&Walkthrough> = visits
        .iter()
        .filter(|w| w.check_in_date >= term.start && w.check_in_date <= term.end)
        .collect();
    TermColumn {
        term: term.clone(),
        visits: within.len(),
        averages: averages(&within),
    }
}

/// Each area's average this term against last term.
fn term_rows(now: Option<[f64; 7]>, before: Option<[f64; 7]>, t: &Lang) -> Vec<TermRow> {
    DIMENSIONS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let this = now.map(|a| a[i]);
            let last = before.map(|a| a[i]);
            let (change, trend) = match (this, last) {
                (Some(now), Some(before)) => change(now, before, t),
                _ => ("—".to_owned(), "same"),
            };
            let shown = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| one_decimal(t, v));
            TermRow {
                label: d.label,
                this: shown(this),
                last: shown(last),
                change,
                trend,
            }
        })
        .collect()
}

/// The change from `last` to `this`, one decimal with its sign, and its direction.
fn change(this: f64, last: f64, t: &Lang) -> (String, &'static str) {
    let delta = ((this - last) * 10.0).round() / 10.0;
    let shown = one_decimal(t, delta.abs());
    if delta > 0.0 {
        (format!("+{shown}"), "up")
    } else if delta < 0.0 {
        (format!("-{shown}"), "down")
    } else {
        (shown, "same")
    }
}

/// An academic year's name, first and last day.
type YearDates = (String, NaiveDate, NaiveDate);

/// A school term: one the school set on the year's page, or, for a year without
/// any, its first half (start to midpoint) or its second (the day after, to the end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The terms of the given academic years (name, start, end), in date order: those
/// set for a year (by its name), else its two halves.
pub fn terms(
    years: &[(String, NaiveDate, NaiveDate)],
    set: &[(String, SetTerm)],
    t: &Lang,
) -> Vec<Term> {
    let mut terms = Vec::new();
    for (name, start, end) in years {
        let own: Vec<Term> = set
            .iter()
            .filter(|(year, _)| year == name)
            .map(|(_, term)| Term {
                label: t
                    .message("grade-term-of-year")
                    .arg("year", name)
                    .arg("term", term.name.as_str())
                    .to_string(),
                start: term.starts_on,
                end: term.ends_on,
            })
            .collect();
        if !own.is_empty() {
            terms.extend(own);
            continue;
        }
        if end < start {
            continue;
        }
        let middle = *start + Duration::days((*end - *start).num_days() / 2);
        terms.push(Term {
            label: t.message("walk-term-first").arg("year", name).to_string(),
            start: *start,
            end: middle,
        });
        if middle < *end {
            terms.push(Term {
                label: t.message("walk-term-second").arg("year", name).to_string(),
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
        let all = terms(&years, &[], &Lang::default());
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
    fn a_year_with_terms_set_counts_in_those_terms() {
        let years = vec![("2026-2027".to_owned(), date(2026, 8, 15), date(2027, 6, 30))];
        let set: Vec<(String, SetTerm)> = [
            ("Term 1", date(2026, 8, 15), date(2026, 10, 31)),
            ("Term 2", date(2026, 11, 1), date(2027, 2, 28)),
        ]
        .into_iter()
        .map(|(name, starts_on, ends_on)| {
            let term = SetTerm {
                id: Uuid::nil(),
                name: name.to_owned(),
                starts_on,
                ends_on,
            };
            ("2026-2027".to_owned(), term)
        })
        .collect();
        let all = terms(&years, &set, &Lang::default());
        let (this, last) = this_and_last(&all, date(2026, 12, 2));
        assert_eq!(this.map(|t| t.start), Some(date(2026, 11, 1)));
        assert_eq!(last.map(|t| t.end), Some(date(2026, 10, 31)));
        assert_eq!(this.map(|t| t.label.as_str()), Some("2026-2027, Term 2"));
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

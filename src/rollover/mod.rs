//! The year rollover: the next academic year made from the current one, and every
//! student moved into it, as the office reviewed it.
//!
//! `/rollover` previews everything on one page: the next year (name and dates
//! proposed from the current year, editable), what is kept (grades and subjects
//! belong to the whole school) and what is copied (classes, their subjects and
//! teachers, terms a year later, timetables as drafts), and the promotion plan:
//! each class moves to the next grade's class, which the office may change, and
//! each student moves on with their class, repeats the year or leaves the school
//! (`/rollover/classes/{id}`, one class at a time, so a district's 20,000 students
//! never make one page). The top grade graduates.
//!
//! The run is one transaction: the year (found by name when a former run made it),
//! the copies, the new enrolments from the new year's start, the year's enrolments
//! closed on its last day, graduates and leavers given their status. Running it
//! again changes nothing. Last year's attendance, results and rolls are only read.
//! The new year becomes the current one only when the office ticks it; otherwise
//! the current year stays until someone makes the change on the years' page.

pub mod queries;
mod routes;

use chrono::{Datelike, Months, NaiveDate};
use diesel::prelude::*;
use uuid::Uuid;

pub use queries::{Added, Copied, Moved, PlannedClass, PlannedStudent, Year};
pub use routes::routes;

use crate::db::Tenant;
use crate::i18n::Lang;
use crate::web::error::AppError;
use crate::web::form::FieldErrors;

/// What one student does at the rollover, as the office chose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Moves on with the class (graduates from the top grade).
    Promote,
    /// Stays in the same grade: joins the copy of this year's class.
    Repeat,
    /// Does not continue at the school.
    Leave,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Promote, Choice::Repeat, Choice::Leave];

    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Promote => "promote",
            Choice::Repeat => "repeat",
            Choice::Leave => "leave",
        }
    }

    pub fn parse(text: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The choice behind a planned decision (`graduate` is a promotion from the top).
    pub fn of_decision(decision: &str) -> Choice {
        match decision {
            "repeat" => Choice::Repeat,
            "leave" => Choice::Leave,
            _ => Choice::Promote,
        }
    }

    /// As the plan stores it: a promotion is no row at all.
    fn stored(self) -> Option<&'static str> {
        match self {
            Choice::Promote => None,
            Choice::Repeat => Some("repeat"),
            Choice::Leave => Some("leave"),
        }
    }
}

/// The year to roll into, as the office sets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextYear {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Whether the new year becomes the current one at once.
    pub make_current: bool,
}

/// The next year as proposed from `year`: its name with each year number one on
/// ("2026-2027" → "2027-2028", "2026/27" → "2027/28"), its dates a year later (and
/// never before `year` ends).
pub fn propose(year: &Year) -> NextYear {
    let later = |d: NaiveDate| d.checked_add_months(Months::new(12)).unwrap_or(d);
    // A year longer than twelve months still hands over: the next starts after it.
    let starts_on = later(year.start_date).max(year.end_date.succ_opt().unwrap_or(year.end_date));
    NextYear {
        name: next_name(&year.name),
        starts_on,
        ends_on: later(year.end_date).max(starts_on),
        make_current: false,
    }
}

/// A year's name with every year number in it one on: four digits add one, two
/// digits after a four-digit year ("2026/27") too; a name without one gets " (next)".
pub fn next_name(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    let mut bumped = false;
    let mut after_year = false;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let digits_end = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |e| start + e);
        let digits = &rest[start..digits_end];
        let short_after_year = after_year && digits.len() == 2 && start > 0;
        match digits.parse::<u32>() {
            Ok(n) if digits.len() == 4 => {
                out.push_str(&(n + 1).to_string());
                bumped = true;
                after_year = true;
            }
            Ok(n) if short_after_year => {
                out.push_str(&format!("{:02}", (n + 1) % 100));
                after_year = false;
            }
            _ => {
                out.push_str(digits);
                after_year = false;
            }
        }
        rest = &rest[digits_end..];
    }
    out.push_str(rest);
    if bumped {
        out
    } else {
        format!("{name} (next)")
    }
}

/// Reads the next year's fields (`year_name`, `year_start`, `year_end`,
/// `make_current`) and checks them against the year it follows.
pub fn parse_next_year(
    t: Lang,
    fields: &[(String, String)],
    from: &Year,
) -> Result<NextYear, (NextYearText, FieldErrors)> {
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let text = NextYearText {
        name: get("year_name"),
        starts_on: get("year_start"),
        ends_on: get("year_end"),
        make_current: fields.iter().any(|(k, v)| k == "make_current" && v == "on"),
    };
    let mut errors = FieldErrors::default();
    let name = text.name.clone();
    if name.is_empty() {
        errors.add("year_name", t.text("rollover-error-name-missing"));
    } else if name.chars().count() > 100 {
        errors.add("year_name", t.text("rollover-error-name-long"));
    } else if name == from.name {
        errors.add("year_name", t.text("rollover-error-name-same"));
    }
    let date = |value: &str| {
        NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .filter(|d| (1900..=2200).contains(&d.year()))
            .ok_or_else(|| t.text("rollover-error-date"))
    };
    let starts_on = errors.check("year_start", date(&text.starts_on));
    let ends_on = errors.check("year_end", date(&text.ends_on));
    if let Some(start) = starts_on
        && start <= from.end_date
    {
        let message = t
            .message("rollover-error-start-after")
            .arg("date", t.date(from.end_date));
        errors.add("year_start", message.to_string());
    }
    if let (Some(start), Some(end)) = (starts_on, ends_on)
        && end < start
    {
        errors.add("year_end", t.text("rollover-error-end-before-start"));
    }
    match (starts_on, ends_on) {
        (Some(starts_on), Some(ends_on)) if errors.is_empty() => Ok(NextYear {
            name,
            starts_on,
            ends_on,
            make_current: text.make_current,
        }),
        _ => Err((text, errors)),
    }
}

/// The next year's fields as typed, to show again.
#[derive(Clone, Debug, Default)]
pub struct NextYearText {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub make_current: bool,
}

impl NextYearText {
    pub fn of(next: &NextYear) -> NextYearText {
        NextYearText {
            name: next.name.clone(),
            starts_on: next.starts_on.to_string(),
            ends_on: next.ends_on.to_string(),
            make_current: next.make_current,
        }
    }
}

/// A term of `from` moved into `to`: by whole years when `to` starts whole years
/// after `from` (a term on 5 January stays on 5 January), else by the days between
/// the starts; kept within `to`. `None` when nothing of it falls in `to`.
fn shifted_term(term: &queries::Term, from: &Year, to: &Year) -> Option<queries::Term> {
    let years = to.start_date.year() - from.start_date.year();
    let by_years = u32::try_from(years)
        .ok()
        .map(|y| Months::new(12 * y))
        .filter(|m| from.start_date.checked_add_months(*m) == Some(to.start_date));
    let shift = |d: NaiveDate| match by_years {
        Some(months) => d.checked_add_months(months),
        None => d.checked_add_signed(to.start_date - from.start_date),
    };
    let starts_on = shift(term.starts_on)?.max(to.start_date);
    let ends_on = shift(term.ends_on)?.min(to.end_date);
    (starts_on <= ends_on).then(|| queries::Term {
        name: term.name.clone(),
        starts_on,
        ends_on,
    })
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub year: Year,
    pub created: bool,
    pub added: Added,
    pub moved: Moved,
}

/// Turns the year `from` over into `next`, all in the caller's transaction.
pub fn run(tenant: &mut Tenant<'_>, from: &Year, next: &NextYear) -> Result<Outcome, AppError> {
    let (year, created) =
        queries::find_or_create_year(tenant, &next.name, (next.starts_on, next.ends_on))?;
    if year.id == from.id {
        return Err(AppError::NotFound);
    }
    let mut added = queries::copy_structure(tenant, from, &year)?;
    for term in queries::terms(tenant, from.id)? {
        if let Some(term) = shifted_term(&term, from, &year)
            && queries::add_term(tenant, year.id, &term)?
        {
            added.terms += 1;
        }
    }
    let moved = queries::move_students(tenant, from, &year)?;
    if next.make_current {
        queries::make_current(tenant, year.id)?;
    }
    Ok(Outcome {
        year,
        created,
        added,
        moved,
    })
}

/// A rehearsal of a school's rollover into the proposed next year, as the office
/// would run it with nothing changed in the plan: the whole run in one transaction,
/// timed, then rolled back. For timing a large school (`homeroom rollover`).
pub fn rehearse(
    conn: &mut diesel::PgConnection,
    organization: &str,
) -> anyhow::Result<(Outcome, std::time::Duration)> {
    use crate::db::schema::organizations as o;
    let id = o::table
        .filter(o::name.eq(organization))
        .filter(o::deleted_at.is_null())
        .select(o::id)
        .first::<Uuid>(conn)
        .optional()?
        .ok_or_else(|| anyhow::anyhow!("no organization is named {organization:?}"))?;
    let started = std::time::Instant::now();
    let mut done = None;
    let attempt = conn.transaction::<(), anyhow::Error, _>(|conn| {
        let mut tenant = crate::db::enter(conn, &crate::db::Actor::system(id))?;
        let from = queries::current_year(&mut tenant)?
            .ok_or_else(|| anyhow::anyhow!("{organization} has no current year"))?;
        let outcome = run(&mut tenant, &from, &propose(&from))
            .map_err(|e| anyhow::anyhow!("the rollover failed: {e}"))?;
        done = Some((outcome, started.elapsed()));
        Err(diesel::result::Error::RollbackTransaction.into())
    });
    match (done, attempt) {
        (Some(done), Err(_)) => Ok(done),
        (_, Err(e)) => Err(e),
        (_, Ok(())) => Err(anyhow::anyhow!("the rehearsal was not rolled back")),
    }
}

/// Stores where classes of `year` move: `(class, target)` with `None` for "they
/// graduate". A class or target that is not an active class of the year is refused.
pub fn store_targets(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    chosen: &[(Uuid, Option<Uuid>)],
) -> Result<(), AppError> {
    if chosen.is_empty() {
        return Ok(());
    }
    let classes = queries::planned_classes(tenant, year, None)?;
    let known = |id: Uuid| classes.iter().any(|c| c.id == id);
    for (class, target) in chosen {
        let Some(planned) = classes.iter().find(|c| c.id == *class) else {
            return Err(AppError::NotFound);
        };
        if target.is_some_and(|t| !known(t)) {
            return Err(AppError::NotFound);
        }
        queries::set_target(tenant, *class, *target, *target == planned.proposed_id)?;
    }
    Ok(())
}

/// Stores the choices for students of one class of `year`; a student who is not
/// among the class's active students is refused.
pub fn store_choices(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    class: Uuid,
    chosen: &[(Uuid, Choice)],
) -> Result<(), AppError> {
    let students = queries::planned_students(tenant, year, class)?;
    for (student, choice) in chosen {
        if !students.iter().any(|s| s.id == *student) {
            return Err(AppError::NotFound);
        }
        queries::set_choice(tenant, class, *student, choice.stored())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(name: &str, start: (i32, u32, u32), end: (i32, u32, u32)) -> Year {
        Year {
            id: Uuid::nil(),
            name: name.to_owned(),
            start_date: NaiveDate::from_ymd_opt(start.0, start.1, start.2).unwrap_or_default(),
            end_date: NaiveDate::from_ymd_opt(end.0, end.1, end.2).unwrap_or_default(),
            current: true,
        }
    }

    #[test]
    fn next_year_names_count_every_year_on() {
        assert_eq!(next_name("2026-2027"), "2027-2028");
        assert_eq!(next_name("2026/27"), "2027/28");
        assert_eq!(next_name("Year 2099/00"), "Year 2100/01");
        assert_eq!(next_name("School year 2026"), "School year 2027");
        assert_eq!(next_name("Grade 5 year"), "Grade 5 year (next)");
    }

    #[test]
    fn a_term_moves_by_a_whole_year_and_stays_inside_the_new_year() {
        let from = year("2026-2027", (2026, 8, 24), (2027, 6, 18));
        let to = year("2027-2028", (2027, 8, 24), (2028, 6, 18));
        let term = queries::Term {
            name: "Spring".to_owned(),
            starts_on: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default(),
            ends_on: NaiveDate::from_ymd_opt(2027, 6, 18).unwrap_or_default(),
        };
        let moved = shifted_term(&term, &from, &to).map(|t| (t.starts_on, t.ends_on));
        assert_eq!(
            moved,
            Some((
                NaiveDate::from_ymd_opt(2028, 3, 1).unwrap_or_default(),
                NaiveDate::from_ymd_opt(2028, 6, 18).unwrap_or_default()
            ))
        );
        let shorter = year("2027-2028", (2027, 9, 1), (2028, 5, 31));
        let clipped = shifted_term(&term, &from, &shorter).map(|t| t.ends_on);
        assert_eq!(clipped, NaiveDate::from_ymd_opt(2028, 5, 31));
    }
}

//! Terms: the parts of an academic year. A term lies inside its year and meets no
//! other term of the year; the record pages ask [`check`] before a term is stored
//! (the database refuses the same, as a last line).

use chrono::NaiveDate;
use diesel::QueryResult;
use uuid::Uuid;

use super::queries;
use crate::db::Tenant;
use crate::i18n::Lang;

/// A term to store: its year, its dates, and its id when it is being changed.
pub struct TermDates {
    pub year: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub except: Option<Uuid>,
}

/// What is wrong with a term's dates: outside its year, or meeting another term
/// (named), each in the reader's language.
pub fn check(tenant: &mut Tenant<'_>, term: &TermDates, t: Lang) -> QueryResult<Option<String>> {
    let Some((first, last)) = queries::year_dates(tenant, term.year)? else {
        return Ok(None);
    };
    if term.starts_on < first || term.ends_on > last {
        let message = t
            .message("grade-term-outside-year")
            .arg("from", t.date(first))
            .arg("until", t.date(last));
        return Ok(Some(message.to_string()));
    }
    let other = queries::overlapping_term(
        tenant,
        term.year,
        (term.starts_on, term.ends_on),
        term.except,
    )?;
    Ok(other.map(|name| {
        t.message("grade-term-overlaps")
            .arg("term", name)
            .to_string()
    }))
}

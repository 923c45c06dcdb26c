//! A student entered twice: a new student with the name (case and accents aside) and
//! date of birth of a live one is warned about, with a link to the one on file. The
//! record engine asks this through the students' `warn` hook, so the new-student
//! form needs a confirming tick and an import lists the row in its report.

use chrono::NaiveDate;

use super::queries;
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::resources::Warning;
use crate::resources::entities::people::STUDENTS;

/// The warning for a new student row that repeats a live student, if it does.
pub fn same_student(
    tenant: &mut Tenant<'_>,
    values: &[Option<String>],
    t: Lang,
) -> diesel::QueryResult<Option<Warning>> {
    let given = |column| STUDENTS.value(values, column);
    let (Some(first), Some(last), Some(born)) = (
        given("first_name"),
        given("last_name"),
        given("date_of_birth"),
    ) else {
        return Ok(None);
    };
    let Ok(born) = NaiveDate::parse_from_str(born, "%Y-%m-%d") else {
        return Ok(None);
    };
    same_person(tenant, (first, last, born), t)
}

/// The warning for a new student with this name and date of birth, when a live one
/// has them: every path that adds a student (the record form, an import, an
/// application) asks here.
pub fn same_person(
    tenant: &mut Tenant<'_>,
    (first, last, born): (&str, &str, NaiveDate),
    t: Lang,
) -> diesel::QueryResult<Option<Warning>> {
    let Some((id, name)) = queries::same_student(tenant, first, last, born)? else {
        return Ok(None);
    };
    Ok(Some(Warning {
        message: t
            .message("fam-duplicate-student")
            .arg("name", name.as_str())
            .arg("born", t.date(born))
            .to_string(),
        href: format!("{}/{id}", STUDENTS.path()),
        link: t
            .message("fam-duplicate-open")
            .arg("name", name.as_str())
            .to_string(),
        confirm: t.text("fam-duplicate-confirm"),
    }))
}

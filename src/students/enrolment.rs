//! Enrolling students in classes: many at once, one applicant on admission, moving
//! a student between classes, and withdrawing or transferring a student. A class's
//! capacity is never exceeded without the office confirming it.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{history, queries};
use crate::db::Tenant;
use crate::db::enums::{ClassEnrollmentStatus, StudentStatus};
use crate::i18n::Lang;
use crate::web::error::AppError;

pub use queries::{Candidate, ClassChoice};

/// Why an enrolment was not made; nothing was stored.
#[derive(Debug)]
pub enum Refusal {
    /// The class would hold more than its capacity: the office must confirm.
    OverCapacity {
        class: String,
        capacity: i32,
        after: i64,
    },
    /// Something the form said is wrong, in the reader's language.
    Invalid(&'static str, String),
}

impl Refusal {
    /// The message shown to the office.
    pub fn message(&self, t: Lang) -> String {
        match self {
            Refusal::OverCapacity {
                class,
                capacity,
                after,
            } => t
                .message("stu-capacity-warning")
                .arg("class", class.as_str())
                .arg("capacity", *capacity)
                .arg("after", *after)
                .to_string(),
            Refusal::Invalid(_, message) => message.clone(),
        }
    }

    /// The form field the message belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Refusal::OverCapacity { .. } => "confirm_capacity",
            Refusal::Invalid(field, _) => field,
        }
    }
}

/// The live class, or a refusal naming the field.
fn class_of(tenant: &mut Tenant<'_>, class: Uuid, t: Lang) -> Result<ClassChoice, EnrolError> {
    queries::class(tenant, class)?
        .ok_or_else(|| EnrolError::Refused(Refusal::Invalid("class_id", t.text("stu-pick-class"))))
}

/// Whether `adding` more students fit in the class; over its capacity only when confirmed.
fn check_capacity(
    tenant: &mut Tenant<'_>,
    class: &ClassChoice,
    adding: i64,
    confirmed: bool,
) -> Result<(), EnrolError> {
    let Some(capacity) = class.capacity else {
        return Ok(());
    };
    let after = queries::active_count(tenant, class.id)? + adding;
    if after > i64::from(capacity) && !confirmed {
        return Err(EnrolError::Refused(Refusal::OverCapacity {
            class: class.name.clone(),
            capacity,
            after,
        }));
    }
    Ok(())
}

/// A refusal for the form, or a failure of the database.
#[derive(Debug)]
pub enum EnrolError {
    Refused(Refusal),
    Failed(AppError),
}

impl From<diesel::result::Error> for EnrolError {
    fn from(e: diesel::result::Error) -> EnrolError {
        EnrolError::Failed(e.into())
    }
}

impl From<AppError> for EnrolError {
    fn from(e: AppError) -> EnrolError {
        EnrolError::Failed(e)
    }
}

/// Enrols students in a class from a day, all or none: the students already
/// actively enrolled in that class are left as they are. Returns how many were enrolled.
pub fn enrol_many(
    tenant: &mut Tenant<'_>,
    class: Uuid,
    students: &[Uuid],
    on: NaiveDate,
    confirmed: bool,
    t: Lang,
) -> Result<usize, EnrolError> {
    if students.is_empty() {
        return Err(EnrolError::Refused(Refusal::Invalid(
            "student",
            t.text("stu-pick-students"),
        )));
    }
    let class = class_of(tenant, class, t)?;
    let mut fresh = Vec::new();
    for &student in students {
        let enrolments = queries::enrolments(tenant, student)?;
        if queries::student(tenant, student)?.is_none() {
            return Err(EnrolError::Failed(AppError::NotFound));
        }
        let already = enrolments
            .iter()
            .any(|e| e.class_id == class.id && e.status == ClassEnrollmentStatus::Active);
        if !already && !fresh.contains(&student) {
            fresh.push(student);
        }
    }
    check_capacity(tenant, &class, fresh.len() as i64, confirmed)?;
    for &student in &fresh {
        queries::insert_enrolment(tenant, student, class.id, on)?;
    }
    Ok(fresh.len())
}

/// Moves a student to another class on a day: the old class's active enrolment ends
/// that day as transferred, the new one starts that day.
pub fn move_student(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    to: Uuid,
    on: NaiveDate,
    confirmed: bool,
    t: Lang,
) -> Result<(), EnrolError> {
    queries::student(tenant, student)?.ok_or(AppError::NotFound)?;
    let class = class_of(tenant, to, t)?;
    let enrolments = queries::enrolments(tenant, student)?;
    let Some(current) = super::profile::current_enrolment(tenant, &enrolments)? else {
        return Err(EnrolError::Refused(Refusal::Invalid(
            "class_id",
            t.text("stu-move-not-enrolled"),
        )));
    };
    if current.class_id == class.id {
        return Err(EnrolError::Refused(Refusal::Invalid(
            "class_id",
            t.text("stu-move-same-class"),
        )));
    }
    if current.enrolled_on.is_some_and(|from| on < from) {
        return Err(EnrolError::Refused(Refusal::Invalid(
            "on",
            t.message("stu-move-before-start")
                .arg("date", t.date(current.enrolled_on.unwrap_or(on)))
                .to_string(),
        )));
    }
    check_capacity(tenant, &class, 1, confirmed)?;
    queries::end_enrolments(
        tenant,
        student,
        Some(current.class_id),
        on,
        ClassEnrollmentStatus::Transferred,
    )?;
    queries::insert_enrolment(tenant, student, class.id, on)?;
    Ok(())
}

/// Withdraws or transfers a student on a day with a reason: the status changes (in
/// the history), and their active enrolments end that day.
pub fn leave(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    status: StudentStatus,
    on: NaiveDate,
    reason: &str,
) -> Result<(), AppError> {
    let ending = match status {
        StudentStatus::Transferred => ClassEnrollmentStatus::Transferred,
        _ => ClassEnrollmentStatus::Dropped,
    };
    history::record(tenant, student, status, on, Some(reason))?.ok_or(AppError::NotFound)?;
    queries::end_enrolments(tenant, student, None, on, ending)?;
    Ok(())
}

/// The classes of the current year, for the pickers.
pub fn classes_this_year(tenant: &mut Tenant<'_>) -> diesel::QueryResult<Vec<ClassChoice>> {
    match queries::current_year(tenant)? {
        Some((year, ..)) => queries::classes_of_year(tenant, year),
        None => Ok(Vec::new()),
    }
}

/// Who may be enrolled this year, by grade and campus.
pub fn candidates(
    tenant: &mut Tenant<'_>,
    campus: Option<Uuid>,
    grade: Option<Uuid>,
) -> diesel::QueryResult<Vec<Candidate>> {
    match queries::current_year(tenant)? {
        Some((year, ..)) => queries::candidates(tenant, year, campus, grade),
        None => Ok(Vec::new()),
    }
}

/// The school's grades and campuses, for the filters.
pub fn filters(tenant: &mut Tenant<'_>) -> diesel::QueryResult<(queries::Named, queries::Named)> {
    Ok((
        queries::grades_list(tenant)?,
        queries::campuses_list(tenant)?,
    ))
}

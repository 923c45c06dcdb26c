//! Admissions: an applicant entered from a paper application (the student and a
//! guardian), accepted or declined with a reason, and enrolled in one step: status
//! active, the school's next student number, and the class (which gives the grade).

use chrono::NaiveDate;
use uuid::Uuid;

use super::enrolment::{self, EnrolError, Refusal};
use super::{history, queries};
use crate::db::Tenant;
use crate::db::enums::{AdmissionStage, GuardianRelationship, StudentStatus};
use crate::i18n::Lang;
use crate::web::error::AppError;

pub use queries::Applicant;

/// A paper application, checked.
pub struct Application {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub campus_id: Uuid,
    pub grade_id: Option<Uuid>,
    pub applied_on: NaiveDate,
    pub notes: Option<String>,
    pub guardian: Option<GuardianLink>,
}

/// The guardian named on the application. The families module finds the person
/// (same e-mail, or same name and phone) or creates them.
pub struct GuardianLink {
    pub name: String,
    pub relationship: Option<GuardianRelationship>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// What became of an application.
pub enum Applied {
    Stored(Uuid),
    /// The campus or grade is not the school's; nothing is stored.
    UnknownChoice,
    /// A live student has the applicant's name and date of birth, and the office has
    /// not ticked that this is someone else; nothing is stored.
    Duplicate(crate::resources::Warning),
}

/// Stores the applicant and their guardian, unless the campus or grade is not the
/// school's or the applicant repeats a live student without `confirmed`.
pub fn apply(
    tenant: &mut Tenant<'_>,
    a: &Application,
    (confirmed, t): (bool, crate::i18n::Lang),
) -> Result<Applied, AppError> {
    let (grades, campuses) = choices(tenant)?;
    let known = |list: &[(Uuid, String)], id: Uuid| list.iter().any(|(i, _)| *i == id);
    if !known(&campuses, a.campus_id) || a.grade_id.is_some_and(|g| !known(&grades, g)) {
        return Ok(Applied::UnknownChoice);
    }
    if let (Some(born), false) = (a.date_of_birth, confirmed) {
        let person = (a.first_name.as_str(), a.last_name.as_str(), born);
        if let Some(warning) = crate::families::duplicates::same_person(tenant, person, t)? {
            return Ok(Applied::Duplicate(warning));
        }
    }
    let student = queries::insert_applicant(
        tenant,
        &queries::NewApplicant {
            campus_id: a.campus_id,
            first_name: &a.first_name,
            last_name: &a.last_name,
            date_of_birth: a.date_of_birth,
            grade_id: a.grade_id,
            applied_on: a.applied_on,
            notes: a.notes.as_deref(),
        },
    )?;
    queries::insert_status_change(
        tenant,
        student,
        None,
        StudentStatus::Applicant,
        a.applied_on,
        None,
    )?;
    if let Some(g) = &a.guardian {
        queries::insert_guardian(tenant, student, g)?;
    }
    Ok(Applied::Stored(student))
}

/// Every admission, the open ones first.
pub fn list(tenant: &mut Tenant<'_>) -> diesel::QueryResult<Vec<Applicant>> {
    queries::applicants(tenant, None)
}

/// Grades and campuses for the application form.
pub fn choices(tenant: &mut Tenant<'_>) -> diesel::QueryResult<(queries::Named, queries::Named)> {
    enrolment::filters(tenant)
}

/// What the office does with an application.
pub enum Decision {
    Accept,
    Decline(String),
}

/// Accepts an application (applied) or declines it (applied or accepted) with a
/// reason; `false` when its stage does not allow it (nothing changes).
pub fn decide(tenant: &mut Tenant<'_>, admission: Uuid, d: Decision) -> Result<bool, AppError> {
    let (stage, _) = queries::admission_for_update(tenant, admission)?.ok_or(AppError::NotFound)?;
    match d {
        Decision::Accept if stage == AdmissionStage::Applied => {
            queries::set_stage(tenant, admission, AdmissionStage::Accepted, None)?
        }
        Decision::Decline(reason)
            if matches!(stage, AdmissionStage::Applied | AdmissionStage::Accepted) =>
        {
            queries::set_stage(tenant, admission, AdmissionStage::Declined, Some(&reason))?
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Enrols an accepted applicant in one step: status active (in the history), the
/// school's next number, and the class from today. All or nothing.
pub fn enrol(
    tenant: &mut Tenant<'_>,
    admission: Uuid,
    class: Uuid,
    confirmed: bool,
    t: Lang,
) -> Result<Option<String>, EnrolError> {
    let (stage, student) =
        queries::admission_for_update(tenant, admission)?.ok_or(AppError::NotFound)?;
    if stage != AdmissionStage::Accepted {
        return Err(EnrolError::Refused(Refusal::Invalid(
            "class_id",
            t.text("stu-enrol-accept-first"),
        )));
    }
    let today = tenant.today();
    enrolment::enrol_many(tenant, class, &[student], today, confirmed, t)?;
    history::record(tenant, student, StudentStatus::Active, today, None)?;
    queries::set_enrollment_date(tenant, student, today)?;
    let number = queries::assign_number(tenant, student)?;
    queries::set_stage(tenant, admission, AdmissionStage::Enrolled, None)?;
    Ok(number)
}

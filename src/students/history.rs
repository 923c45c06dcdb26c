//! The history of a student's status: every change (applicant → active, active →
//! withdrawn, …) with the day it takes effect, the reason and who made it. Every
//! path that changes a student's status writes it through [`record`].

use chrono::NaiveDate;
use uuid::Uuid;

use super::queries;
use crate::db::Tenant;
use crate::db::enums::StudentStatus;

/// Sets the student's status and records the change, in the caller's transaction.
/// Returns the status before, or `None` when there is no such live student (nothing
/// is written then). A status set to what it already is records nothing.
pub fn record(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    to: StudentStatus,
    on: NaiveDate,
    reason: Option<&str>,
) -> diesel::QueryResult<Option<StudentStatus>> {
    let Some(from) = queries::set_status(tenant, student, to)? else {
        return Ok(None);
    };
    if from != to {
        queries::insert_status_change(tenant, student, Some(from), to, on, reason)?;
    }
    Ok(Some(from))
}

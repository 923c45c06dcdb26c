//! Students through the school year: the profile page a school office opens for a
//! student, admissions (applied → accepted → enrolled, or declined), and the
//! enrolment tools (many students into a class at once, moving between classes,
//! withdrawing or transferring with a date and reason), each status change kept in
//! the student's history ([`history::record`]).
//!
//! The generic record page (`/students/{id}`) stays for administrators who want
//! every column; the profile is `/students/{id}/profile` ([`profile_path`]).

pub mod admissions;
pub mod enrolment;
pub mod history;
pub mod profile;
mod queries;
mod routes;

use diesel::QueryResult;
use uuid::Uuid;

use crate::db::Tenant;

pub use queries::Student;
pub use routes::routes;

/// The student as the profile finds it: of the school and not deleted. Pages that
/// act on one student start here, so they show the students the profile shows.
pub fn find(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Student>> {
    queries::student(tenant, id)
}

/// The student's profile page: where a student's name links.
pub fn profile_path(id: Uuid) -> String {
    format!("/students/{id}/profile")
}

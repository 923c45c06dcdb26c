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

use uuid::Uuid;

pub use routes::routes;

/// The student's profile page: where a student's name links.
pub fn profile_path(id: Uuid) -> String {
    format!("/students/{id}/profile")
}

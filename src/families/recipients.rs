//! Who hears about or pays for a child: each guardian person once, however many of
//! the children they are linked to, and only those whose link says they receive it.

use uuid::Uuid;

use super::queries;
pub(crate) use super::queries::RECIPIENTS_SQL;
use crate::db::{StudentId, Tenant};

/// What the guardians are reached for: each link says whether its person receives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Notices and messages (absence alerts among them).
    Messages,
    /// Invoices and statements.
    Invoices,
}

/// A guardian person reached for some of the students asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardianPerson {
    /// The person (a link without one stands for itself).
    pub id: Uuid,
    pub full_name: String,
    /// Their relationship to the first of their students, the primary contact's first.
    pub relationship: Option<String>,
    pub email: Option<String>,
    /// A Homeroom account with the person's address, whose inbox shows what is sent.
    pub user_id: Option<Uuid>,
    /// The language they read, when known.
    pub language: Option<String>,
    /// Which of the students asked about are theirs.
    pub students: Vec<Uuid>,
}

/// The distinct guardian persons of `students` who receive `purpose`, primary
/// contacts first, then by name. Messages and invoices go through this one list.
pub fn guardians_of(
    tenant: &mut Tenant<'_>,
    students: &[StudentId],
    purpose: Purpose,
) -> diesel::QueryResult<Vec<GuardianPerson>> {
    let ids: Vec<Uuid> = students.iter().map(|s| s.uuid()).collect();
    queries::recipients(tenant, &ids, purpose)
}

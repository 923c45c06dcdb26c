//! Families: one guardian person (name, e-mail, phone, address, language) linked to
//! each of their children, and the household that groups the people of a home.
//!
//! The tables (migration `…000120_families`): `guardian_people` holds the person and
//! their contact; `guardians` stays the link between a student and a person, with
//! the relationship and what the person does for that child (lives with them,
//! emergency contact, invoices, messages, pick-up); `families` groups people. The
//! database keeps a link's contact copy equal to its person's and finds or creates
//! the person of a link written without one, so the record pages, imports and the
//! seed all arrive at one person per parent.
//!
//! What other modules use: [`recipients::guardians_of`] (who to tell or bill, once
//! per person), [`numbers`] (a new student's number), [`duplicates`] (a student
//! entered twice), and [`panel`] (siblings on a student's page, children on a
//! family's).

pub mod duplicates;
pub mod numbers;
pub mod panel;
mod queries;
pub mod recipients;

pub use queries::merge_duplicate_guardians;

//! Every described entity, grouped as the role editor groups them. Add a new
//! description to its group's file and to `ALL`.

pub mod academics;
pub mod people;

use super::Resource;

/// Every resource the engine serves, in menu order.
pub static ALL: &[&Resource] = &[
    &people::CAMPUSES,
    &people::STUDENTS,
    &people::GUARDIANS,
    &people::STAFF,
    &academics::ACADEMIC_YEARS,
    &academics::GRADES,
    &academics::SUBJECTS,
    &academics::CLASSES,
    &academics::CLASS_ENROLLMENTS,
    &academics::CLASS_SUBJECTS,
];

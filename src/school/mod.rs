//! The school's structure that every part of Homeroom reads: organizations'
//! campuses, people (students, guardians, staff), the academic year, grades,
//! subjects, classes and their timetables. The pages that edit these rows are the
//! record engine's (`crate::resources`); the reads other domains build on live here.

pub mod queries;

//! Every described entity, grouped as the role editor groups them. Add a new
//! description to its group's file and to `ALL`.

/// A class's name over the columns of `$alias` (`""` or `"c."`): "Grade 3 A", its
/// section added only when the name does not already end with it.
macro_rules! class_name {
    ($alias:literal) => {
        concat!(
            "CASE WHEN coalesce(",
            $alias,
            "section, '') = '' OR right(",
            $alias,
            "name, length(",
            $alias,
            "section) + 1) = ' ' || ",
            $alias,
            "section THEN ",
            $alias,
            "name ELSE concat_ws(' ', ",
            $alias,
            "name, ",
            $alias,
            "section) END"
        )
    };
}

pub mod academics;
pub mod attendance;
pub mod communication;
pub mod finance;
pub mod modules;
pub mod people;
pub mod system;

use super::Resource;

/// Every resource the engine serves, in menu order.
pub static ALL: &[&Resource] = &[
    &people::CAMPUSES,
    &people::STUDENTS,
    &people::GUARDIANS,
    &people::GUARDIAN_PEOPLE,
    &people::FAMILIES,
    &people::STAFF,
    &academics::ACADEMIC_YEARS,
    &academics::ACADEMIC_TERMS,
    &academics::GRADES,
    &academics::SUBJECTS,
    &academics::CLASSES,
    &academics::CLASS_ENROLLMENTS,
    &academics::CLASS_SUBJECTS,
    &academics::TIMETABLES,
    &academics::TIMETABLE_PERIODS,
    &academics::ASSESSMENTS,
    &academics::ASSESSMENT_RESULTS,
    &attendance::ATTENDANCE_SESSIONS,
    &attendance::ATTENDANCE_RECORDS,
    &attendance::CAMPUS_ATTENDANCE_CONFIG,
    &attendance::STAFF_ATTENDANCE_RECORDS,
    &attendance::CAMPUS_ATTENDANCE_SUMMARIES,
    &finance::FEE_PLANS,
    &finance::INVOICES,
    &finance::PAYMENTS,
    &communication::MESSAGES,
    &communication::MESSAGE_RECIPIENTS,
    &communication::COMMUNICATION_EVENTS,
    &modules::CONTENT_CATALOG,
    &modules::DOCUMENTS,
    &modules::FRAME_ENTRIES,
    &modules::USER_PROGRESS,
    &modules::SAFETY_QUIZ_RESULTS,
    &modules::PERSONALITY_QUIZ_RESULTS,
    &modules::WALKTHROUGH_CHECKINS,
    &system::ORGANIZATIONS,
    &system::LOGIN_HISTORY,
    &system::AUDIT_LOG,
    &system::SCHEDULED_TASKS,
    &system::SYNC_LOGS,
];

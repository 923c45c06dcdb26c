//! Where each record table sits in the main menu: with the school work it belongs
//! to, or under Administration when nobody browses it day to day (logs, summaries,
//! one row per recipient, the install's settings).

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Routes};

use super::{Mode, Resource, entities};
use crate::i18n::msg;

/// Record links follow the pages a module registers in the same group, except a
/// directory of people, which leads its group.
const FIRST_RECORD_ORDER: u16 = 100;

/// The menu group of a table's list, and the label's message id when the table's own would be
/// mistaken for a page beside it.
fn place(entity: Entity) -> (MenuGroup, Option<&'static str>) {
    use Entity as E;
    use MenuGroup as G;
    match entity {
        E::Students | E::Guardians => (G::StudentsAndFamilies, None),
        E::GuardianPeople => (G::StudentsAndFamilies, Some(msg("fam-nav-people"))),
        E::Families => (G::StudentsAndFamilies, Some(msg("fam-nav-families"))),
        E::AttendanceSessions | E::AttendanceRecords | E::CampusAttendanceConfig => {
            (G::Attendance, None)
        }
        E::AcademicYears
        | E::Grades
        | E::Subjects
        | E::Classes
        | E::ClassEnrollments
        | E::ClassSubjects
        | E::Timetables
        | E::TimetablePeriods
        | E::Assessments
        | E::AssessmentResults => (G::Academics, None),
        E::FeePlans | E::Invoices | E::Payments => (G::Finance, None),
        E::Messages | E::CommunicationEvents | E::Documents => (G::Communication, None),
        E::Staff
        | E::WalkthroughCheckins
        | E::FrameEntries
        | E::UserProgress
        | E::SafetyQuizResults
        | E::PersonalityQuizResults => (G::Staff, None),
        E::StaffAttendanceRecords => (G::Staff, Some("nav-staff-attendance-records")),
        E::AcademicTerms => (G::Academics, Some(crate::i18n::msg("grade-nav-terms"))),
        _ => (G::Administration, None),
    }
}

/// One menu link per table, to its list, behind the list's own gate.
pub fn register(r: &mut Routes) {
    for (resource, order) in entities::ALL.iter().zip(FIRST_RECORD_ORDER..) {
        let resource: &'static Resource = resource;
        let (group, label) = place(resource.entity);
        let leads = matches!(resource.entity, Entity::Students | Entity::Staff);
        let order = if leads {
            order - FIRST_RECORD_ORDER
        } else {
            order
        };
        let entry = MenuEntry {
            group,
            order,
            label: label.unwrap_or_else(|| resource.entity.message_id()),
            href: resource.path(),
            gate: Gate::Requires(resource.permission(Action::Read)),
        };
        if matches!(resource.mode, Mode::InstallWide { global_reads: true }) {
            r.menu_for_global_users(entry);
        } else {
            r.menu(entry);
        }
    }
}

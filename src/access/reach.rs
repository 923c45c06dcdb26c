//! Which rows of the personal tables a signed-in user reads, as their permissions
//! decide it. The rows each word lets through are declared once, as row-level
//! security policies (migration `row_reach`): every path to those rows — the domain
//! pages, the record engine's lists, pages, exports, pickers and tabs, search and
//! reports — goes through them.
//!
//! | area | all | narrower |
//! |---|---|---|
//! | walkthroughs | global users and those who may delete visits | `director` (may record visits): their campus and what they wrote; `observed`: visits to their own classroom |
//! | attendance | global users, attendance overseers (campus summaries) and those who manage classes | `taught`: the rolls of the classes they teach |
//! | messages | global users and those who may write to any audience | `own`: what they wrote, what was sent to them, what went to all staff or everyone |
//! | staff_attendance | global users and those who may change it | `own`: their own days |
//! | user_progress, safety_quiz_results, personality_quiz_results | global users and those who may change them | `own`: their own check-ins, progress and answers (a zone check-in is its author's alone, whatever the reach) |
//! | frames | global users and those who may write frames | `published`: no drafts |

use super::catalog::{Action, Entity, Permission, PermissionSet};

/// The reach of a user with these permissions, as `area=word` entries.
pub fn reach(permissions: &PermissionSet, global_access: bool) -> String {
    let may =
        |action, entity| global_access || permissions.contains(Permission::new(action, entity));
    let mut areas: Vec<(&str, &str)> = Vec::new();
    areas.push((
        "walkthroughs",
        if may(Action::Delete, Entity::WalkthroughCheckins) {
            "all"
        } else if may(Action::Create, Entity::WalkthroughCheckins) {
            "director"
        } else {
            "observed"
        },
    ));
    areas.push((
        "attendance",
        if may(Action::Read, Entity::CampusAttendanceSummaries)
            || may(Action::Update, Entity::Classes)
        {
            "all"
        } else {
            "taught"
        },
    ));
    areas.push((
        "messages",
        // Those who write to any audience read every message; a teacher writing to
        // their classes reads their own.
        if may(Action::Create, Entity::Messages) && may(Action::Create, Entity::MessageRecipients) {
            "all"
        } else {
            "own"
        },
    ));
    for (area, entity) in [
        ("staff_attendance", Entity::StaffAttendanceRecords),
        ("user_progress", Entity::UserProgress),
        ("safety_quiz_results", Entity::SafetyQuizResults),
        ("personality_quiz_results", Entity::PersonalityQuizResults),
    ] {
        areas.push((
            area,
            if may(Action::Update, entity) {
                "all"
            } else {
                "own"
            },
        ));
    }
    // Drafts of the weekly frame are read by those who write frames alone.
    areas.push((
        "frames",
        if may(Action::Create, Entity::FrameEntries) {
            "all"
        } else {
            "published"
        },
    ));
    areas
        .iter()
        .map(|(area, word)| format!("{area}={word}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::roles::BuiltinRole;

    fn of(role: BuiltinRole) -> String {
        reach(&role.permissions(), role.global_access())
    }

    #[test]
    fn a_teacher_reads_their_own_visits_rolls_and_answers() {
        assert_eq!(
            of(BuiltinRole::Teacher),
            "walkthroughs=observed,attendance=taught,messages=own,staff_attendance=own,\
             user_progress=own,safety_quiz_results=own,personality_quiz_results=own,\
             frames=published"
        );
    }

    #[test]
    fn a_director_reads_their_campus_visits_and_the_whole_school_attendance() {
        let director = of(BuiltinRole::Director);
        assert!(
            director.starts_with(
                "walkthroughs=director,attendance=all,messages=all,staff_attendance=all"
            )
        );
    }

    #[test]
    fn administrators_read_everything() {
        for role in [BuiltinRole::Administrator, BuiltinRole::SuperAdministrator] {
            assert!(
                !of(role).contains("=own") && !of(role).contains("taught"),
                "{role:?}"
            );
            assert!(of(role).starts_with("walkthroughs=all"), "{role:?}");
        }
    }
}

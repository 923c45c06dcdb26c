//! Privacy: the access log (who saw which student's record), the "Who has seen
//! this record" tab of a student's profile and the page of one staff member's views,
//! and the export of everything held on one student ([`export`]).

pub mod export;
pub mod log;
pub mod pages;
pub mod queries;

pub use log::{AccessLog, Subject, mark, mark_students, record_views};

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};

/// The dedicated permission: reading who saw students' records.
pub const READ_ACCESS_LOG: Permission = Permission::new(Action::Read, Entity::AccessLog);

pub fn routes(r: &mut Routes) {
    export::routes(r);
    r.get(
        "/privacy/access",
        Gate::Requires(READ_ACCESS_LOG),
        pages::by_staff,
    );
    r.menu(MenuEntry {
        group: MenuGroup::Administration,
        order: 86,
        label: "priv-nav-access",
        href: "/privacy/access",
        gate: Gate::Requires(READ_ACCESS_LOG),
    });
}

//! Privacy: the access log (who saw which student's record), the "Who has seen
//! this record" tab of a student's profile and the page of one staff member's views,
//! the export of everything held on one student ([`export`]), and the retention of
//! students' records and their erasure ([`erasure`]).

pub mod erasure;
pub mod export;
pub mod log;
pub mod pages;
pub mod queries;

pub use log::{AccessLog, Subject, mark, mark_students, record_views};

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::i18n::msg;

/// The dedicated permission: reading who saw students' records.
pub const READ_ACCESS_LOG: Permission = Permission::new(Action::Read, Entity::AccessLog);

/// Setting the school's retention and erasing records are its administrators'
/// decisions: the permission that changes the school's settings.
pub const ERASE_RECORDS: Permission = Permission::new(Action::Update, Entity::Organizations);

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
    let erase = Gate::Requires(ERASE_RECORDS);
    r.get("/privacy/retention", erase, erasure::pages::show)
        .post(
            "/privacy/retention/settings",
            erase,
            erasure::pages::save_retention,
        )
        .post(
            "/privacy/retention/{id}/erase",
            erase,
            erasure::pages::erase,
        );
    r.menu(MenuEntry {
        group: MenuGroup::Administration,
        order: 87,
        label: msg("priv-retention-nav"),
        href: "/privacy/retention",
        gate: erase,
    });
}

//! The school calendar (`/calendar`): the events of `communication_events` by
//! month, week or as an agenda, per campus; who each event is for (its audience,
//! as a message's); created and edited from the calendar; each user's `.ics` feed
//! behind a secret link; and a reminder notice to the audience N days before.

pub mod event;
pub mod ics;
mod pages;
pub mod queries;
pub mod reminders;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};

pub use event::{Event, EventKind};

/// Adding events.
pub const CREATE: Permission = Permission::new(Action::Create, Entity::CommunicationEvents);
/// Changing events.
pub const UPDATE: Permission = Permission::new(Action::Update, Entity::CommunicationEvents);
/// Seeing every event of the school, whoever it is for.
pub const READ_ALL: Permission = Permission::new(Action::Read, Entity::CommunicationEvents);

pub fn routes(r: &mut Routes) {
    r.get("/calendar", Gate::SignedIn, pages::calendar)
        .get("/calendar/new", Gate::Requires(CREATE), pages::new_form)
        .post("/calendar/new", Gate::Requires(CREATE), pages::create)
        .get(
            "/calendar/events/{id}/edit",
            Gate::Requires(UPDATE),
            pages::edit_form,
        )
        .post(
            "/calendar/events/{id}/edit",
            Gate::Requires(UPDATE),
            pages::update,
        )
        .get("/calendar/feed/{file}", Gate::Public, pages::feed);
    r.menu(MenuEntry {
        group: MenuGroup::Communication,
        order: 20,
        label: "cal-nav",
        href: "/calendar",
        gate: Gate::SignedIn,
    });
}

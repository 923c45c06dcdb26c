//! The weekly frame: a director or administrator writes the week's notes to staff
//! in five sections (formal, recognition, application, management, emotional), for
//! one campus or the whole school, as a draft, then publishes it. Staff read this
//! week's frame first, on their phone, with the earlier weeks below; publishing
//! puts a notice in the inbox of the staff it is for, once.
//!
//! Writing and publishing need CREATE on frame posts; reading needs READ. The
//! record engine shows frame posts but never writes them, so every frame goes
//! through [`form::check`] and is published only through [`publishing::publish`].

mod form;
pub use form::monday_of;
mod pages;
mod publishing;
mod queries;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};

const fn requires(action: Action) -> Gate {
    Gate::Requires(Permission::new(action, Entity::FrameEntries))
}

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read);
    let write = requires(Action::Create);
    r.get("/staff-development/frame", read, pages::this_week)
        .get("/staff-development/frame/new", write, pages::new_form)
        .post("/staff-development/frame", write, pages::create)
        .get("/staff-development/frame/{id}", read, pages::show)
        .get(
            "/staff-development/frame/{id}/edit",
            write,
            pages::edit_form,
        )
        .post("/staff-development/frame/{id}", write, pages::save)
        .post(
            "/staff-development/frame/{id}/publish",
            write,
            pages::publish,
        );
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 62,
            label: "sd-nav-frame",
            href: "/staff-development/frame",
            gate: read,
        },
        crate::staffdev::Module::Frame.key(),
    );
}

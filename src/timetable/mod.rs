//! The timetable builder: a campus's bell times, the week grid of a timetable by
//! class, teacher and room (and a campus's rooms on one day), lessons added, moved
//! and removed on a draft with clashes refused by the database and explained in
//! words, a clash report, and publishing a draft from a date so every earlier day
//! keeps the timetable it had. Which timetable applies on a date is
//! `school::queries::timetable_in_effect`, the one rule every reader uses.

mod feed;
mod grid;
mod manage;
pub mod queries;
mod routes;
pub mod week;
mod words;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};

const fn requires(action: Action, entity: Entity) -> Gate {
    Gate::Requires(Permission::new(action, entity))
}

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read, Entity::TimetablePeriods);
    let add = requires(Action::Create, Entity::TimetablePeriods);
    let change = requires(Action::Update, Entity::TimetablePeriods);
    let remove = requires(Action::Delete, Entity::TimetablePeriods);
    let draft = requires(Action::Create, Entity::Timetables);
    let publish = requires(Action::Update, Entity::Timetables);
    r.get("/timetable/my-week", Gate::SignedIn, week::my_week);
    r.get("/timetable/feed/{file}", Gate::Public, feed::lessons_feed);
    r.get("/timetable", read, manage::index)
        .get(
            "/timetable/bell-times/{campus}",
            publish,
            manage::bell_times,
        )
        .post(
            "/timetable/bell-times/{campus}",
            publish,
            manage::save_bell_times,
        )
        .get("/timetable/{id}", read, routes::show)
        .get("/timetable/{id}/clashes", read, manage::clash_report)
        .post("/timetable/{id}/draft", draft, manage::make_draft)
        .post("/timetable/{id}/publish", publish, manage::publish)
        .get("/timetable/{id}/lessons/new", add, routes::new_lesson)
        .post("/timetable/{id}/lessons", add, routes::add_lesson)
        .get(
            "/timetable/{id}/lessons/{lesson}/move",
            change,
            routes::move_form,
        )
        .post(
            "/timetable/{id}/lessons/{lesson}/move",
            change,
            routes::move_lesson,
        )
        .post(
            "/timetable/{id}/lessons/{lesson}/delete",
            remove,
            routes::delete_lesson,
        );
    r.menu(MenuEntry {
        group: MenuGroup::Academics,
        order: 41,
        label: "tt-nav",
        href: "/timetable",
        gate: read,
    });
}

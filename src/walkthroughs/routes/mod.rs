//! The walkthrough pages: record a visit, list and read them, acknowledge one,
//! and the insight per teacher and per campus.

mod detail;
mod form;
mod insight;
mod list;

use uuid::Uuid;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};

const fn requires(action: Action) -> Gate {
    Gate::Requires(Permission::new(action, Entity::WalkthroughCheckins))
}

pub fn routes(r: &mut Routes) {
    let read = requires(Action::Read);
    let create = requires(Action::Create);
    r.get("/walkthroughs", read, list::list)
        .get("/walkthroughs/new", create, form::new_form)
        .get("/walkthroughs/new/teacher", create, form::suggest_teacher)
        .post("/walkthroughs", create, form::create_walkthrough)
        .get(
            "/walkthroughs/teachers/{staff_id}",
            read,
            insight::teacher_trend,
        )
        .get(
            "/walkthroughs/campuses/{campus_id}",
            read,
            insight::campus_insight,
        )
        .get("/walkthroughs/{id}", read, detail::show)
        .get(
            "/walkthroughs/{id}/edit",
            requires(Action::Update),
            form::edit_form,
        )
        .post(
            "/walkthroughs/{id}",
            requires(Action::Update),
            form::save_edit,
        )
        .post(
            "/walkthroughs/{id}/delete",
            requires(Action::Delete),
            detail::delete_walkthrough,
        )
        .post("/walkthroughs/{id}/acknowledge", read, detail::acknowledge);
    r.menu(MenuEntry {
        group: MenuGroup::Staff,
        order: 60,
        label: "nav-walkthroughs",
        href: "/walkthroughs",
        gate: read,
    });
}

fn script_url() -> String {
    crate::web::assets::versioned("/static/js/walkthrough.js")
}

/// The localStorage key of a form's draft: per user, and per walkthrough when editing.
fn draft_key(user_id: Uuid, walkthrough: Option<Uuid>) -> String {
    match walkthrough {
        Some(id) => format!("walkthrough:{user_id}:{id}"),
        None => format!("walkthrough:{user_id}:new"),
    }
}

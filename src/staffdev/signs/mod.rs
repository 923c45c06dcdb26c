//! Sign learning: staff browse the install's sign vocabulary (each sign's word,
//! description and picture or video), mark a sign learned or practise with a
//! self-test (the sign shown, its word chosen among four), and see their progress;
//! directors see how many signs each campus's staff have learned on average.
//!
//! Learning needs CREATE on progress; the campus averages need CREATE on frame
//! posts; the vocabulary's editor needs UPDATE on the content catalog (super
//! administrators). A sign's media is served to anyone who may read the catalog.

mod editor;
mod pages;
mod queries;
pub mod vocabulary;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::staffdev::Module;

const LEARN: Gate = Gate::Requires(Permission::new(Action::Create, Entity::UserProgress));
const OVERSEE: Gate = Gate::Requires(Permission::new(Action::Create, Entity::FrameEntries));
const READ_CATALOG: Gate = Gate::Requires(Permission::new(Action::Read, Entity::ContentCatalog));
const EDIT_CATALOG: Gate = Gate::Requires(crate::staffdev::quiz::editor::EDIT_CONTENT);

pub fn routes(r: &mut Routes) {
    r.get("/staff-development/signs", LEARN, pages::browse)
        .get("/staff-development/signs/practice", LEARN, pages::practice)
        .post("/staff-development/signs/practice", LEARN, pages::answer)
        .get(
            "/staff-development/signs/campuses",
            OVERSEE,
            pages::campuses,
        )
        .get(
            "/staff-development/signs/vocabulary",
            EDIT_CATALOG,
            editor::list,
        )
        .post(
            "/staff-development/signs/vocabulary",
            EDIT_CATALOG,
            editor::save,
        )
        .get(
            "/staff-development/signs/vocabulary/{id}",
            EDIT_CATALOG,
            editor::edit,
        )
        .post(
            "/staff-development/signs/vocabulary/{id}/delete",
            EDIT_CATALOG,
            editor::remove,
        )
        .post(
            "/staff-development/signs/{id}/learned",
            LEARN,
            pages::learned,
        )
        .get(
            "/staff-development/signs/{id}/media",
            READ_CATALOG,
            pages::media,
        );
    let module = Module::Signs.key();
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 65,
            label: "sd-nav-signs",
            href: "/staff-development/signs",
            gate: LEARN,
        },
        module,
    );
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 66,
            label: "sd-nav-sign-campuses",
            href: "/staff-development/signs/campuses",
            gate: OVERSEE,
        },
        module,
    );
}

//! The gradebook's pages: the list of one's gradebooks, a class subject's grid with
//! its cell, column, assessment and weight forms, and the school's grading settings.

mod grading;
pub(crate) mod grid;
mod views;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};

pub fn routes(r: &mut Routes) {
    let need = |action, entity| Gate::Requires(Permission::new(action, entity));
    let read = need(Action::Read, Entity::AssessmentResults);
    let enter = need(Action::Update, Entity::AssessmentResults);
    let settings = need(Action::Read, Entity::GradingScaleBands);
    let change_settings = need(Action::Update, Entity::GradingScaleBands);
    r.get("/gradebook", read, grid::index)
        .get("/gradebook/{id}", read, grid::show)
        .post("/gradebook/{id}/cells", enter, grid::save_cell)
        .post(
            "/gradebook/{id}/assessments",
            need(Action::Create, Entity::Assessments),
            grid::new_assessment,
        )
        .post(
            "/gradebook/{id}/assessments/{assessment}",
            enter,
            grid::save_column,
        )
        .post(
            "/gradebook/{id}/assessments/{assessment}/status",
            need(Action::Update, Entity::Assessments),
            grid::change_status,
        )
        .post(
            "/gradebook/{id}/weights",
            need(Action::Update, Entity::AssessmentWeights),
            grid::save_weights,
        )
        .get("/grading", settings, grading::show)
        .post("/grading/scale", change_settings, grading::save_scale)
        .post("/grading/weights", change_settings, grading::save_weights);
    r.menu(MenuEntry {
        group: MenuGroup::Academics,
        order: 5,
        label: "grade-nav-gradebooks",
        href: "/gradebook",
        gate: read,
    });
    r.menu(MenuEntry {
        group: MenuGroup::Academics,
        order: 40,
        label: "grade-nav-grading",
        href: "/grading",
        gate: settings,
    });
    super::report_cards::routes(r);
}

/// The gradebook's own stylesheet, linked from its pages.
fn stylesheet() -> String {
    crate::web::assets::versioned("/static/css/gradebook.css")
}

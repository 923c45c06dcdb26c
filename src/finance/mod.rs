//! Finance the way a bursar works: invoices with lines, made in bulk from fee
//! plans for a billing period (pro-rated for a student who joined during it, with
//! the school's discount rules applied, each as a line with its reason), written
//! in the background once per student, plan and period.

mod aging;
pub mod billing;
pub mod budgets;
mod desk;
mod documents;
mod enrolment;
mod pages;
pub mod periods;
pub mod queries;
mod receipts;
pub mod reminders;
pub mod rules;
pub mod runs;
mod statements;
mod view;
mod voids;

use crate::access::Routes;

pub fn routes(r: &mut Routes) {
    pages::routes(r);
    documents::routes(r);
    desk::routes(r);
    receipts::routes(r);
    statements::routes(r);
    voids::routes(r);
    aging::routes(r);
    rules::routes(r);
    view::routes(r);
    budgets::routes(r);
    enrolment::routes(r);
}

//! Roll call: the day's rolls, taking a roll on a tablet (online or not), the
//! campus summaries derived from the marks, and same-day absence alerts; and how
//! directors and the office oversee attendance.

pub mod alerts;
pub mod figures;
pub mod filters;
pub mod oversight;
pub mod queries;
pub mod reports;
pub mod roll;
pub mod schedule;
pub mod staff;
pub mod summary;
pub mod today;
pub mod trend;

use crate::access::Routes;

/// The teacher's pages: the day's rolls and taking a roll.
pub fn routes(r: &mut Routes) {
    today::routes(r);
    roll::routes(r);
}

/// The oversight pages: missing rolls, the campus dashboard, reports, staff attendance.
pub fn oversight_routes(r: &mut Routes) {
    oversight::routes(r);
    reports::routes(r);
    staff::routes(r);
}

//! Roll call: the day's rolls, taking a roll on a tablet (online or not), the
//! campus summaries derived from the marks, and same-day absence alerts; and how
//! directors and the office oversee attendance.

pub mod schedule;

pub mod filters;
pub mod oversight;
pub mod reports;
pub mod staff;
pub mod trend;

use crate::access::Routes;

/// The oversight pages: missing rolls, the campus dashboard, reports, staff attendance.
pub fn oversight_routes(r: &mut Routes) {
    oversight::routes(r);
    reports::routes(r);
    staff::routes(r);
}

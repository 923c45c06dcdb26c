//! Roll call: the day's rolls, taking a roll on a tablet (online or not), the
//! campus summaries derived from the marks, and same-day absence alerts.

pub mod alerts;
pub mod roll;
pub mod schedule;
mod sql;
pub mod summary;
pub mod today;

use crate::access::Routes;

pub fn routes(r: &mut Routes) {
    today::routes(r);
    roll::routes(r);
}

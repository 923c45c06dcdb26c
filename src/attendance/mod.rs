//! Roll call: the day's rolls, taking a roll on a tablet (online or not), the
//! campus summaries derived from the marks, and same-day absence alerts.

pub mod schedule;

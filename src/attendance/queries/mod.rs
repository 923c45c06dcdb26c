//! The attendance tables' reads and writes: the only place that names them. Each
//! table's base (`live(tenant)`: the tenant's rows, not deleted) is declared here,
//! and every read of the domain builds on it or, for the hand-written statements
//! kept for speed, on the same two conditions written once in its SQL.

pub mod alerts;
pub mod choices;
pub mod oversight;
pub mod reports;
pub mod roll;
pub mod schedule;
mod sql;
pub mod staff;
pub mod summary;
pub mod today;

crate::live_rows!(
    attendance_sessions,
    attendance_records,
    staff_attendance_records,
    campus_attendance_summaries,
    campus_attendance_config,
    absence_alerts,
);

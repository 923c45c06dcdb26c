//! Attendance reports: a student's calendar (`/attendance/students/{id}`), a class
//! over a date range (`/attendance/classes/{id}`), and the chronic absence list
//! (`/attendance/chronic`); the last two also as CSV.

mod chronic;
mod class;
pub(crate) mod csv;
mod student;

use super::filters::{status_class, status_code, status_message};
use super::oversight::OVERSEE;
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::AttendanceStatus;
use crate::i18n::Lang;
pub use chronic::{ChronicQuery, ChronicReport, ChronicRow};
pub use class::{ClassGrid, GridRow, Range, RangeQuery};
pub use student::{CalendarDay, MonthQuery};

const READ_RECORDS: Gate = Gate::Requires(Permission::new(Action::Read, Entity::AttendanceRecords));

/// A class grid longer than a term is unreadable and slow; ask for a shorter range.
pub const MAX_RANGE_DAYS: i64 = 120;
/// The class grid opens on the last two weeks.
const DEFAULT_RANGE_DAYS: u64 = 13;
/// Absent from at least this share of sessions (percent) is chronic absence.
pub const CHRONIC_PERCENT: i64 = 10;

pub fn routes(r: &mut Routes) {
    r.get(
        "/attendance/students/{id}",
        READ_RECORDS,
        student::student_calendar,
    )
    .get("/attendance/classes/{id}", READ_RECORDS, class::class_grid)
    .get(
        "/attendance/classes/{id}/export.csv",
        READ_RECORDS,
        class::class_csv,
    )
    .get("/attendance/chronic", OVERSEE, chronic::chronic)
    .get(
        "/attendance/chronic/export.csv",
        OVERSEE,
        chronic::chronic_csv,
    );
    r.menu(MenuEntry {
        group: MenuGroup::Attendance,
        order: 42,
        label: "nav-chronic-absence",
        href: "/attendance/chronic",
        gate: OVERSEE,
    });
}

pub struct Legend {
    pub class: &'static str,
    pub code: String,
    pub label: String,
}

/// Each status's colour, code and name, in the reader's language.
pub fn legend(t: Lang) -> Vec<Legend> {
    AttendanceStatus::ALL
        .iter()
        .map(|s| Legend {
            class: status_class(*s),
            code: status_code(t, *s),
            label: t.text(status_message(*s)),
        })
        .collect()
}

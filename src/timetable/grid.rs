//! The week grid: the campus's bell times as rows, days (or, in the campus
//! overview, rooms) as columns, and each lesson in the rows its time covers.

use chrono::NaiveTime;
use uuid::Uuid;

use super::queries::{self, BellPeriod, ClassSubjectChoice, Lesson, TimetableRow, View};
use crate::db::Tenant;
use crate::db::enums::DayOfWeek;
use crate::web::error::AppError;

/// The days a school week shows; the weekend only when a lesson falls on it.
const WEEK: [DayOfWeek; 7] = [
    DayOfWeek::Monday,
    DayOfWeek::Tuesday,
    DayOfWeek::Wednesday,
    DayOfWeek::Thursday,
    DayOfWeek::Friday,
    DayOfWeek::Saturday,
    DayOfWeek::Sunday,
];

/// What a column holds: one day of the week, or one room on the overview's day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Day(DayOfWeek),
    Room(String),
}

impl Column {
    fn holds(&self, lesson: &Lesson) -> bool {
        match self {
            Column::Day(day) => lesson.day == *day,
            Column::Room(room) => lesson.room_key().as_deref() == Some(&queries::room_key(room)),
        }
    }
}

/// A row: a bell period, or a time used by lessons outside the bell times.
pub struct Row {
    pub name: Option<String>,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub cells: Vec<Vec<Lesson>>,
}

pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Grid {
    /// Lays out the lessons: a lesson appears in every row its time overlaps.
    pub fn build(bells: &[BellPeriod], lessons: &[Lesson], columns: Vec<Column>) -> Grid {
        let mut slots: Vec<(Option<String>, NaiveTime, NaiveTime)> = bells
            .iter()
            .map(|b| (Some(b.name.clone()), b.starts_at, b.ends_at))
            .collect();
        for l in lessons {
            let covered = slots
                .iter()
                .any(|(_, s, e)| l.starts_at < *e && *s < l.ends_at);
            if !covered {
                slots.push((None, l.starts_at, l.ends_at));
            }
        }
        slots.sort_by_key(|(_, s, e)| (*s, *e));
        let rows = slots
            .into_iter()
            .map(|(name, starts_at, ends_at)| Row {
                cells: columns
                    .iter()
                    .map(|c| {
                        lessons
                            .iter()
                            .filter(|l| {
                                c.holds(l) && l.starts_at < ends_at && starts_at < l.ends_at
                            })
                            .cloned()
                            .collect()
                    })
                    .collect(),
                name,
                starts_at,
                ends_at,
            })
            .collect();
        Grid { columns, rows }
    }
}

/// A timetable's grid in one view, with the choices that switch views.
pub struct Loaded {
    pub timetable: TimetableRow,
    pub view: View,
    pub grid: Grid,
    pub choices: Vec<ClassSubjectChoice>,
    pub rooms: Vec<String>,
}

/// The view asked for, or the timetable's first class when none was.
pub fn load(
    tenant: &mut Tenant<'_>,
    timetable: Uuid,
    view: Option<View>,
) -> Result<Loaded, AppError> {
    let timetable = queries::timetable(tenant, timetable)?;
    let choices = queries::class_subjects(tenant, &timetable)?;
    let rooms = queries::rooms(tenant, timetable.id)?;
    let view = match view {
        Some(v) => v,
        None => View::Class(
            choices
                .first()
                .map(|c| c.class_id)
                .ok_or(AppError::NotFound)?,
        ),
    };
    let bells = queries::bell_times(tenant, timetable.campus_id)?;
    let lessons = queries::lessons(tenant, timetable.id, &view)?;
    let columns = match &view {
        View::Day(_) => rooms.iter().map(|r| Column::Room(r.clone())).collect(),
        _ => week_of(&lessons),
    };
    let grid = Grid::build(&bells, &lessons, columns);
    Ok(Loaded {
        timetable,
        view,
        grid,
        choices,
        rooms,
    })
}

/// Monday to Friday, and a weekend day when a lesson falls on it.
pub fn week_of(lessons: &[Lesson]) -> Vec<Column> {
    WEEK.iter()
        .enumerate()
        .filter(|(i, d)| *i < 5 || lessons.iter().any(|l| l.day == **d))
        .map(|(_, d)| Column::Day(*d))
        .collect()
}

/// The weekdays a lesson may be placed on.
pub fn weekdays() -> &'static [DayOfWeek] {
    &WEEK
}

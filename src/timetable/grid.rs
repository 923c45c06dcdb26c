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
    /// What a lesson must match to sit in this column, worked out once per grid.
    fn key(&self) -> ColumnKey {
        match self {
            Column::Day(day) => ColumnKey::Day(*day),
            Column::Room(room) => ColumnKey::Room(queries::room_key(room)),
        }
    }
}

/// A column's day, or its room folded as the clash rules compare rooms.
enum ColumnKey {
    Day(DayOfWeek),
    Room(String),
}

impl ColumnKey {
    /// Whether a lesson (with its folded room) belongs in the column.
    fn holds(&self, lesson: &Lesson, room: Option<&str>) -> bool {
        match self {
            ColumnKey::Day(day) => lesson.day == *day,
            ColumnKey::Room(key) => room == Some(key.as_str()),
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
        let mut rows: Vec<Row> = slots
            .into_iter()
            .map(|(name, starts_at, ends_at)| Row {
                cells: vec![Vec::new(); columns.len()],
                name,
                starts_at,
                ends_at,
            })
            .collect();
        // Each lesson is placed once in each cell it covers: its columns are found
        // from keys worked out once, not per row and column.
        let keys: Vec<ColumnKey> = columns.iter().map(Column::key).collect();
        for lesson in lessons {
            let room = lesson.room_key();
            for (index, key) in keys.iter().enumerate() {
                if !key.holds(lesson, room.as_deref()) {
                    continue;
                }
                for row in rows
                    .iter_mut()
                    .filter(|r| lesson.starts_at < r.ends_at && r.starts_at < lesson.ends_at)
                {
                    row.cells[index].push(lesson.clone());
                }
            }
        }
        Grid { columns, rows }
    }
}

/// A timetable's grid in one view, with the pickers that switch views.
pub struct Loaded {
    pub timetable: TimetableRow,
    pub view: View,
    pub grid: Grid,
    /// The classes of the timetable's campus and year, by name.
    pub classes: Vec<(Uuid, String)>,
    /// The teachers of those classes' subjects, by name.
    pub teachers: Vec<(Uuid, String)>,
    /// The class subjects a new lesson may be made of: loaded only for the form that
    /// adds one (every subject of every class of the campus).
    pub choices: Vec<ClassSubjectChoice>,
    pub rooms: Vec<String>,
    /// The campus's bell times, the grid's rows.
    pub bells: Vec<BellPeriod>,
}

/// What a grid page loads besides its lessons.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Extras {
    /// The pickers only.
    Pickers,
    /// The pickers and the class subjects a new lesson offers.
    LessonChoices,
}

/// The view asked for, or the timetable's first class when none was.
pub fn load(
    tenant: &mut Tenant<'_>,
    timetable: Uuid,
    view: Option<View>,
    extras: Extras,
) -> Result<Loaded, AppError> {
    let timetable = queries::timetable(tenant, timetable)?;
    let classes = queries::classes_of_year(tenant, &timetable)?;
    let teachers = queries::teachers_of_classes(tenant, &timetable)?;
    let choices = match extras {
        Extras::LessonChoices => queries::class_subjects(tenant, &timetable)?,
        Extras::Pickers => Vec::new(),
    };
    let rooms = queries::rooms(tenant, timetable.id)?;
    let view = match view {
        Some(v) => v,
        None => View::Class(classes.first().map(|c| c.0).ok_or(AppError::NotFound)?),
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
        classes,
        teachers,
        choices,
        rooms,
        bells,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("a time")
    }

    fn lesson(
        n: u128,
        day: DayOfWeek,
        (starts, ends): (NaiveTime, NaiveTime),
        room: &str,
    ) -> Lesson {
        Lesson {
            id: Uuid::from_u128(n),
            timetable_id: Uuid::from_u128(100),
            class_subject_id: Uuid::from_u128(200 + n),
            day,
            starts_at: starts,
            ends_at: ends,
            room: Some(room.to_owned()),
            class_id: Uuid::from_u128(300 + n),
            class_name: format!("Class {n}"),
            subject_name: format!("Subject {n}"),
            teacher_id: None,
            teacher_first: None,
            teacher_last: None,
        }
    }

    fn bell(name: &str, starts: NaiveTime, ends: NaiveTime) -> BellPeriod {
        BellPeriod {
            id: Uuid::nil(),
            name: name.to_owned(),
            starts_at: starts,
            ends_at: ends,
        }
    }

    fn ids(cell: &[Lesson]) -> Vec<u128> {
        cell.iter().map(|l| l.id.as_u128()).collect()
    }

    #[test]
    fn each_lesson_sits_in_its_rooms_column_in_every_row_it_covers() {
        let bells = [
            bell("P1", at(8, 0), at(9, 0)),
            bell("P2", at(9, 0), at(10, 0)),
        ];
        let monday = DayOfWeek::Monday;
        let lessons = [
            lesson(1, monday, (at(8, 0), at(9, 0)), " lab 1 "),
            lesson(2, monday, (at(8, 30), at(9, 30)), "Gym"),
            lesson(3, monday, (at(9, 0), at(10, 0)), "LAB 1"),
            lesson(4, monday, (at(11, 0), at(12, 0)), "Gym"),
            lesson(5, monday, (at(9, 0), at(10, 0)), "Library"),
        ];
        let columns = vec![Column::Room("Lab 1".into()), Column::Room("Gym".into())];
        let grid = Grid::build(&bells, &lessons, columns);
        let cells: Vec<Vec<Vec<u128>>> = grid
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| ids(c)).collect())
            .collect();
        // P1, P2, and a row of its own for the lesson outside the bell times; the
        // library has no column.
        assert_eq!(
            cells,
            vec![
                vec![vec![1], vec![2]],
                vec![vec![3], vec![2]],
                vec![vec![], vec![4]],
            ]
        );
        assert_eq!(grid.rows[2].name, None);
        assert_eq!(grid.rows[2].starts_at, at(11, 0));
    }

    #[test]
    fn a_week_puts_each_lesson_under_its_day_in_order() {
        let bells = [bell("P1", at(8, 0), at(9, 0))];
        let lessons = [
            lesson(1, DayOfWeek::Tuesday, (at(8, 0), at(9, 0)), "A"),
            lesson(2, DayOfWeek::Monday, (at(8, 0), at(8, 30)), "B"),
            lesson(3, DayOfWeek::Monday, (at(8, 30), at(9, 0)), "C"),
        ];
        let grid = Grid::build(&bells, &lessons, week_of(&lessons));
        assert_eq!(grid.columns.len(), 5);
        let row = &grid.rows[0];
        assert_eq!(ids(&row.cells[0]), vec![2, 3]);
        assert_eq!(ids(&row.cells[1]), vec![1]);
        assert!(row.cells[2..].iter().all(Vec::is_empty));
    }
}

//! What the gradebook's templates show, every word already in the reader's language.

use std::collections::HashMap;

use askama::Template;
use uuid::Uuid;

use crate::db::enums::{AssessmentStatus, AssessmentType};
use crate::gradebook::{Column, Grid, Rights, Stored, StudentAverage, Term};
use crate::i18n::Lang;

/// One cell of the grid.
pub struct CellView {
    pub assessment_id: Uuid,
    pub student_id: Uuid,
    pub value: String,
    pub letter: String,
    /// `excused` or `missing`, for the cell's colour.
    pub mark: &'static str,
    pub error: Option<String>,
    pub editable: bool,
    /// "Ana Díaz, Quiz 2", for screen readers.
    pub label: String,
}

/// A cell and, out of band, its student's new average: the answer to a cell's save.
#[derive(Template)]
#[template(path = "gradebook/cell_saved.html")]
pub struct CellSaved {
    pub cell: CellView,
    pub average: AverageView,
}

pub struct AverageView {
    pub student_id: Uuid,
    pub text: String,
}

pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

pub struct ColumnView {
    pub id: Uuid,
    pub name: String,
    /// "Quiz · out of 20 · due 6 Dec 2026"
    pub about: String,
    pub status: &'static str,
    pub status_label: String,
    pub statuses: Vec<Choice>,
    pub editable: bool,
    pub may_set_status: bool,
}

pub struct RowView {
    pub student_id: Uuid,
    pub name: String,
    pub cells: Vec<CellView>,
    pub average: AverageView,
    /// The report card comment's cell, as HTML (empty without a term).
    pub comment: String,
}

pub struct TermChoice {
    pub id: Uuid,
    pub label: String,
    pub selected: bool,
}

/// A weight field per kind of assessment.
pub struct WeightField {
    pub index: usize,
    pub label: String,
    pub value: String,
    pub error: Option<String>,
}

/// What was typed and refused, to show again: (assessment, student) → (text, message).
pub type Typed = HashMap<(Uuid, Uuid), (String, Option<String>)>;

pub fn average_text(t: Lang, average: Option<&StudentAverage>) -> String {
    match average.and_then(|a| a.percent.map(|p| (p, a.letter))) {
        Some((percent, Some(letter))) => t
            .message("grade-average")
            .arg("percent", t.percent(percent, 1))
            .arg("letter", letter.as_str())
            .to_string(),
        Some((percent, None)) => t.percent(percent, 1),
        None => "—".to_owned(),
    }
}

pub fn average_view(t: Lang, student_id: Uuid, average: Option<&StudentAverage>) -> AverageView {
    AverageView {
        student_id,
        text: average_text(t, average),
    }
}

pub fn cell_view(
    t: Lang,
    (column, pupil_name): (&Column, &str),
    student_id: Uuid,
    stored: Option<&Stored>,
    editable: bool,
) -> CellView {
    let entry = stored.map(|s| &s.entry);
    CellView {
        assessment_id: column.id,
        student_id,
        value: entry.map(|e| e.shown(t)).unwrap_or_default(),
        letter: stored
            .and_then(|s| s.letter)
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default(),
        mark: match entry {
            Some(crate::gradebook::Entry::Excused) => "excused",
            Some(crate::gradebook::Entry::Missing) => "missing",
            _ => "",
        },
        error: None,
        editable,
        label: t
            .message("grade-cell-label")
            .arg("student", pupil_name)
            .arg("assessment", column.name.as_str())
            .to_string(),
    }
}

pub fn pupil_name(first: &str, last: &str) -> String {
    format!("{last}, {first}")
}

fn column_view(t: Lang, tz: chrono_tz::Tz, column: &Column, rights: Rights) -> ColumnView {
    let kind = t.choice("assessment_type", column.kind.as_str());
    let about = match (&column.max_score, column.due_at) {
        (Some(max), Some(due)) => t
            .message("grade-column-about-due")
            .arg("kind", kind)
            .arg("max", shown_number(t, max))
            .arg("due", t.date(due.with_timezone(&tz).date_naive()))
            .to_string(),
        (Some(max), None) => t
            .message("grade-column-about")
            .arg("kind", kind)
            .arg("max", shown_number(t, max))
            .to_string(),
        (None, _) => kind,
    };
    let editable = rights.may_change(column.status);
    ColumnView {
        id: column.id,
        name: column.name.clone(),
        about,
        status: column.status.as_str(),
        status_label: t.choice("assessment_status", column.status.as_str()),
        statuses: AssessmentStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str(),
                label: t.choice("assessment_status", s.as_str()),
                selected: *s == column.status,
            })
            .collect(),
        editable,
        may_set_status: editable,
    }
}

/// The grid's header and rows; `typed` holds what a refused column form sent.
pub fn grid_views(
    t: Lang,
    tz: chrono_tz::Tz,
    grid: &Grid,
    typed: &Typed,
) -> (Vec<ColumnView>, Vec<RowView>) {
    let columns: Vec<ColumnView> = grid
        .columns
        .iter()
        .map(|c| column_view(t, tz, c, grid.rights))
        .collect();
    let rows = grid
        .pupils
        .iter()
        .map(|p| {
            let name = pupil_name(&p.first_name, &p.last_name);
            let cells = grid
                .columns
                .iter()
                .zip(&columns)
                .map(|(c, view)| {
                    let stored = grid.cells.get(&(c.id, p.id));
                    let mut cell = cell_view(t, (c, &name), p.id, stored, view.editable);
                    if let Some((text, error)) = typed.get(&(c.id, p.id)) {
                        cell.value.clone_from(text);
                        cell.error.clone_from(error);
                    }
                    cell
                })
                .collect();
            RowView {
                student_id: p.id,
                average: average_view(t, p.id, grid.averages.get(&p.id)),
                name,
                cells,
                comment: String::new(),
            }
        })
        .collect();
    (columns, rows)
}

pub fn term_choices(t: Lang, terms: &[Term], chosen: Option<&Term>) -> Vec<TermChoice> {
    terms
        .iter()
        .map(|term| TermChoice {
            id: term.id,
            label: t
                .message("grade-term-option")
                .arg("term", term.name.as_str())
                .arg("from", t.date(term.starts_on))
                .arg("until", t.date(term.ends_on))
                .to_string(),
            selected: chosen.is_some_and(|c| c.id == term.id),
        })
        .collect()
}

pub fn kind_choices(t: Lang, chosen: Option<&str>) -> Vec<Choice> {
    AssessmentType::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str(),
            label: t.choice("assessment_type", k.as_str()),
            selected: chosen == Some(k.as_str()),
        })
        .collect()
}

/// The weight fields of a form, from what is stored or what was sent.
pub fn weight_fields(
    t: Lang,
    values: &[String],
    errors: Option<&crate::gradebook::WeightErrors>,
) -> Vec<WeightField> {
    AssessmentType::ALL
        .iter()
        .enumerate()
        .map(|(index, k)| WeightField {
            index,
            label: t.choice("assessment_type", k.as_str()),
            value: values.get(index).cloned().unwrap_or_default(),
            error: errors.and_then(|e| e.kinds.get(index).cloned().flatten()),
        })
        .collect()
}

/// The stored weights as the form's values, in the reader's way of writing numbers.
pub fn weight_values(t: Lang, weights: &crate::gradebook::Weights) -> Vec<String> {
    AssessmentType::ALL
        .iter()
        .map(|k| {
            weights
                .0
                .iter()
                .find(|(kind, _)| kind == k)
                .map(|(_, w)| shown_number(t, w))
                .unwrap_or_default()
        })
        .collect()
}

pub use crate::gradebook::shown_number;

/// Fields named `<prefix><n>` in order, for a form's numbered fields.
pub fn numbered(fields: &[(String, String)], prefix: &str, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let name = format!("{prefix}{i}");
            fields
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .collect()
}

//! The gradebook: a class subject's students as rows and its term's assessments as
//! columns, scores typed into the cells, each result's letter worked out from the
//! school's grading scale, and each student's running weighted average.
//!
//! An assessment moves draft → published → graded → closed. A draft is seen only by
//! those who may write the gradebook and counts in no average; a closed one takes
//! no more changes except from an administrator. Report cards read a term's
//! averages through [`averages`].

mod average;
mod entry;
pub mod queries;
pub mod report_cards;
mod routes;
mod scale;
pub mod terms;

use std::collections::HashMap;

use bigdecimal::BigDecimal;
use uuid::Uuid;

pub use average::{WeightErrors, Weights, counts, weighted_percent};
pub use entry::{Entry, parse_entry};
pub use queries::{Column, Head, Pupil, Stored, Term};
pub use routes::routes;
pub use scale::{Scale, parse_number, shown_number};

use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::db::enums::{AssessmentStatus, GradeLetter};
use crate::i18n::Lang;
use crate::web::error::AppError;

/// What the signed-in user may do in a gradebook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rights {
    /// Enter scores and set assessments: the class subject's teacher, or whoever
    /// manages classes (UPDATE_CLASSES), with the right to update results.
    pub write: bool,
    /// Change a closed assessment: an administrator (UPDATE_ORGANIZATIONS).
    pub reopen: bool,
}

impl Rights {
    pub fn of(access: &Access, head: &Head) -> Rights {
        let results = access.can(Permission::new(Action::Update, Entity::AssessmentResults));
        let write = results
            && (head.teaches || access.can(Permission::new(Action::Update, Entity::Classes)));
        Rights {
            write,
            reopen: write && access.can(Permission::new(Action::Update, Entity::Organizations)),
        }
    }

    /// Whether these rights change an assessment in this state.
    pub fn may_change(self, status: AssessmentStatus) -> bool {
        self.write && (status != AssessmentStatus::Closed || self.reopen)
    }
}

/// One student's average over a term's counted assessments.
#[derive(Clone, Debug, PartialEq)]
pub struct StudentAverage {
    pub student_id: Uuid,
    /// Percent, 0–100; none before anything counts.
    pub percent: Option<f64>,
    pub letter: Option<GradeLetter>,
}

/// Everything a gradebook page shows.
pub struct Grid {
    pub head: Head,
    pub terms: Vec<Term>,
    pub term: Option<Term>,
    pub columns: Vec<Column>,
    pub pupils: Vec<Pupil>,
    /// Results by (assessment, student).
    pub cells: HashMap<(Uuid, Uuid), Stored>,
    pub averages: HashMap<Uuid, StudentAverage>,
    pub weights: Weights,
    pub rights: Rights,
    /// The subject teacher's report card comment of the term, by student.
    pub comments: HashMap<Uuid, String>,
}

/// The term asked for (by id), else the one holding today, else the latest begun,
/// else the first.
pub fn pick_term(terms: &[Term], asked: Option<Uuid>, today: chrono::NaiveDate) -> Option<Term> {
    asked
        .and_then(|id| terms.iter().find(|t| t.id == id))
        .or_else(|| {
            terms
                .iter()
                .find(|t| t.starts_on <= today && today <= t.ends_on)
        })
        .or_else(|| terms.iter().rev().find(|t| t.starts_on <= today))
        .or_else(|| terms.first())
        .cloned()
}

/// The gradebook of a class subject in a term, as the user may see it.
pub fn grid(
    tenant: &mut Tenant<'_>,
    access: &Access,
    class_subject_id: Uuid,
    term: Option<Uuid>,
) -> Result<Grid, AppError> {
    let head = queries::head(tenant, class_subject_id)?.ok_or(AppError::NotFound)?;
    let rights = Rights::of(access, &head);
    let terms = queries::terms_of_year(tenant, head.academic_year_id)?;
    let term = pick_term(&terms, term, tenant.today());
    let book = Book::load(tenant, &head, term.as_ref(), rights.write)?;
    let averages = book
        .pupils
        .iter()
        .map(|p| (p.id, book.average(p.id)))
        .collect();
    let comments = match &term {
        Some(term) => {
            let ids: Vec<Uuid> = book.pupils.iter().map(|p| p.id).collect();
            report_cards::subject_comments(tenant, class_subject_id, term.id, &ids)?
        }
        None => HashMap::new(),
    };
    Ok(Grid {
        head,
        terms,
        term,
        columns: book.columns,
        pupils: book.pupils,
        cells: book.cells,
        averages,
        weights: book.weights,
        rights,
        comments,
    })
}

/// A term's columns, roll and results, with what averages need.
struct Book {
    columns: Vec<Column>,
    pupils: Vec<Pupil>,
    cells: HashMap<(Uuid, Uuid), Stored>,
    weights: Weights,
    scale: Scale,
}

impl Book {
    /// The term's columns, the class's roll and all their results.
    fn load(
        tenant: &mut Tenant<'_>,
        head: &Head,
        term: Option<&Term>,
        with_drafts: bool,
    ) -> Result<Book, AppError> {
        let columns = queries::columns(tenant, head.class_subject_id, term, with_drafts)?;
        let pupils = queries::roster(tenant, head.class_id)?;
        let scale = queries::scale(tenant)?;
        Self::with_results(tenant, head, columns, pupils, None, scale)
    }

    /// The term's counted columns and one student's results: what their average needs.
    fn of_student(
        tenant: &mut Tenant<'_>,
        head: &Head,
        term: Option<&Term>,
        student: Uuid,
        scale: Scale,
    ) -> Result<Book, AppError> {
        let columns = queries::columns(tenant, head.class_subject_id, term, false)?;
        Self::with_results(tenant, head, columns, Vec::new(), Some(student), scale)
    }

    fn with_results(
        tenant: &mut Tenant<'_>,
        head: &Head,
        columns: Vec<Column>,
        pupils: Vec<Pupil>,
        student: Option<Uuid>,
        scale: Scale,
    ) -> Result<Book, AppError> {
        let ids: Vec<Uuid> = columns.iter().map(|c| c.id).collect();
        let cells = queries::results(tenant, &ids, student)?
            .into_iter()
            .map(|s| ((s.assessment_id, s.student_id), s))
            .collect();
        Ok(Book {
            columns,
            pupils,
            cells,
            weights: queries::weights(tenant, head.class_subject_id)?,
            scale,
        })
    }

    fn average(&self, student_id: Uuid) -> StudentAverage {
        average_of(
            student_id,
            &self.columns,
            &self.cells,
            &self.weights,
            &self.scale,
        )
    }
}

/// A student's average over the counted columns.
fn average_of(
    student_id: Uuid,
    columns: &[Column],
    cells: &HashMap<(Uuid, Uuid), Stored>,
    weights: &Weights,
    scale: &Scale,
) -> StudentAverage {
    let shares: Vec<_> = columns
        .iter()
        .filter(|c| counts(c.status))
        .filter_map(|c| {
            let max = c.max_score.as_ref()?;
            let share = cells.get(&(c.id, student_id))?.entry.fraction(max)?;
            Some((c.kind, share))
        })
        .collect();
    let percent = weighted_percent(&shares, weights);
    StudentAverage {
        student_id,
        percent,
        letter: percent
            .and_then(|p| BigDecimal::try_from(p).ok())
            .map(|p| scale.letter(&p)),
    }
}

/// Each student's average in a class subject over a term's published, graded and
/// closed assessments (every assessment when `term` is `None`), with its letter.
pub fn averages(
    tenant: &mut Tenant<'_>,
    class_subject_id: Uuid,
    term: Option<Uuid>,
) -> Result<Vec<StudentAverage>, AppError> {
    let head = queries::head(tenant, class_subject_id)?.ok_or(AppError::NotFound)?;
    let terms = queries::terms_of_year(tenant, head.academic_year_id)?;
    let term = term.and_then(|id| terms.into_iter().find(|t| t.id == id));
    let book = Book::load(tenant, &head, term.as_ref(), false)?;
    Ok(book.pupils.iter().map(|p| book.average(p.id)).collect())
}

/// The letter of a score typed for an assessment, by the school's scale: how every
/// path that stores a result (the record pages and imports too) gives it its letter.
pub fn letter_for(
    tenant: &mut Tenant<'_>,
    assessment: Uuid,
    score: &str,
) -> diesel::QueryResult<Option<GradeLetter>> {
    let (Some(score), Some(column)) = (parse_number(score), queries::column(tenant, assessment)?)
    else {
        return Ok(None);
    };
    let Some(max) = column.max_score else {
        return Ok(None);
    };
    Ok(queries::scale(tenant)?.letter_of(&score, &max))
}

/// Why a cell or a column was not stored, in the reader's language.
#[derive(Debug)]
pub enum Refusal {
    /// Messages per student; nothing was stored.
    Cells(HashMap<Uuid, String>),
    /// The assessment is closed (or the user may not write here).
    Closed(String),
}

/// The assessment of a column, when it belongs to the gradebook.
fn column_of(tenant: &mut Tenant<'_>, head: &Head, assessment: Uuid) -> Result<Column, AppError> {
    queries::column(tenant, assessment)?
        .filter(|c| c.class_subject_id == head.class_subject_id)
        .ok_or(AppError::NotFound)
}

/// The gradebook of a class subject and the rights of a user who may write in it;
/// not found for another school's, forbidden for a reader.
fn writable(
    tenant: &mut Tenant<'_>,
    access: &Access,
    class_subject_id: Uuid,
) -> Result<(Head, Rights), AppError> {
    let head = queries::head(tenant, class_subject_id)?.ok_or(AppError::NotFound)?;
    let rights = Rights::of(access, &head);
    if !rights.write {
        return Err(AppError::Forbidden);
    }
    Ok((head, rights))
}

/// Stores what was typed for students in one assessment, all or nothing: each value
/// is checked (a number within the maximum, a code, or nothing) and each student
/// must be on the class's roll. Returns the stored cells.
pub fn save_column(
    tenant: &mut Tenant<'_>,
    access: &Access,
    t: Lang,
    (class_subject_id, assessment): (Uuid, Uuid),
    typed: &[(Uuid, String)],
) -> Result<Result<Vec<Stored>, Refusal>, AppError> {
    let (head, rights) = writable(tenant, access, class_subject_id)?;
    let column = column_of(tenant, &head, assessment)?;
    let on_roll: Vec<Uuid> = queries::roster(tenant, head.class_id)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let scale = queries::scale(tenant)?;
    store(
        tenant,
        (t, &scale),
        rights,
        (assessment, &column),
        &on_roll,
        typed,
    )
}

/// [`save_column`] once the gradebook, the column and the roll are read.
fn store(
    tenant: &mut Tenant<'_>,
    (t, scale): (Lang, &Scale),
    rights: Rights,
    (assessment, column): (Uuid, &Column),
    on_roll: &[Uuid],
    typed: &[(Uuid, String)],
) -> Result<Result<Vec<Stored>, Refusal>, AppError> {
    if !rights.may_change(column.status) {
        return Ok(Err(Refusal::Closed(t.text("grade-closed-refused"))));
    }
    let max = column
        .max_score
        .clone()
        .unwrap_or_else(|| BigDecimal::from(100));
    let mut writes = Vec::new();
    let mut problems = HashMap::new();
    for (student_id, text) in typed {
        if !on_roll.contains(student_id) {
            problems.insert(*student_id, t.text("grade-cell-not-on-roll"));
            continue;
        }
        match parse_entry(t, text, &max) {
            Ok(entry) => {
                let letter = match &entry {
                    Entry::Score(s) => scale.letter_of(s, &max),
                    _ => None,
                };
                writes.push(queries::CellWrite {
                    student_id: *student_id,
                    entry,
                    letter,
                });
            }
            Err(message) => {
                problems.insert(*student_id, message);
            }
        }
    }
    if !problems.is_empty() {
        return Ok(Err(Refusal::Cells(problems)));
    }
    if writes.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    Ok(Ok(queries::write_cells(tenant, assessment, &writes)?))
}

/// What saving one cell came to, with what the cell and its row show next.
pub struct CellOutcome {
    pub column: Column,
    pub pupil: Pupil,
    /// The stored result, or the message the cell shows (nothing was stored).
    pub saved: Result<Option<Stored>, String>,
    /// The assessment takes no changes from this user (it is closed).
    pub closed: bool,
    pub average: StudentAverage,
}

/// Saves one cell, as [`save_column`] saves a column of one, and works out the
/// student's new average over `term`.
pub fn save_cell(
    tenant: &mut Tenant<'_>,
    access: &Access,
    t: Lang,
    (class_subject_id, assessment): (Uuid, Uuid),
    (student_id, text): (Uuid, String),
    term: Option<Uuid>,
) -> Result<CellOutcome, AppError> {
    let (head, rights) = writable(tenant, access, class_subject_id)?;
    let pupil = queries::on_roster(tenant, head.class_id, student_id)?.ok_or(AppError::NotFound)?;
    let column = column_of(tenant, &head, assessment)?;
    let scale = queries::scale(tenant)?;
    let typed = [(student_id, text)];
    let on_roll = [pupil.id];
    let result = store(
        tenant,
        (t, &scale),
        rights,
        (assessment, &column),
        &on_roll,
        &typed,
    )?;
    let (saved, closed) = match result {
        Ok(stored) => (Ok(stored.into_iter().next()), false),
        Err(Refusal::Closed(message)) => (Err(message), true),
        Err(Refusal::Cells(mut messages)) => {
            (Err(messages.remove(&student_id).unwrap_or_default()), false)
        }
    };
    let terms = queries::terms_of_year(tenant, head.academic_year_id)?;
    let term = pick_term(&terms, term, tenant.today());
    let book = Book::of_student(tenant, &head, term.as_ref(), student_id, scale)?;
    Ok(CellOutcome {
        average: book.average(student_id),
        column,
        pupil,
        saved,
        closed,
    })
}

/// Sets a new assessment, as a draft, in the gradebook's term.
pub fn create_assessment(
    tenant: &mut Tenant<'_>,
    access: &Access,
    new: &queries::NewColumn,
) -> Result<Uuid, AppError> {
    let (head, _) = writable(tenant, access, new.class_subject_id)?;
    if let Some(term) = new.term_id {
        let terms = queries::terms_of_year(tenant, head.academic_year_id)?;
        if !terms.iter().any(|t| t.id == term) {
            return Err(AppError::NotFound);
        }
    }
    Ok(queries::create_column(tenant, new)?)
}

/// Replaces a class subject's weights (all empty: every assessment alike).
pub fn store_weights(
    tenant: &mut Tenant<'_>,
    access: &Access,
    class_subject_id: Uuid,
    weights: &Weights,
) -> Result<(), AppError> {
    writable(tenant, access, class_subject_id)?;
    Ok(queries::store_weights(
        tenant,
        Some(class_subject_id),
        weights,
    )?)
}

/// Moves an assessment along its workflow; leaving "closed" takes an administrator.
pub fn set_status(
    tenant: &mut Tenant<'_>,
    access: &Access,
    (class_subject_id, assessment): (Uuid, Uuid),
    status: AssessmentStatus,
) -> Result<bool, AppError> {
    let (head, rights) = writable(tenant, access, class_subject_id)?;
    let column = column_of(tenant, &head, assessment)?;
    if !rights.may_change(column.status) {
        return Ok(false);
    }
    queries::set_status(tenant, assessment, status)?;
    Ok(true)
}

//! Report cards: per student and term, each subject's average and letter (from
//! [`crate::gradebook::averages`]), the subject teacher's comment, the days on the
//! daily roll, the homeroom teacher's and the principal's comments, under the
//! school's name and logo. A class's cards print as one document (HTML with a print
//! stylesheet, or a PDF made on the server).
//!
//! An administrator issues a term's cards for a class: each card is then stored as
//! what it shows (JSON), and that snapshot is what anyone opens afterwards, so a
//! later score or comment edit never changes a card a family received.

mod document;
pub mod queries;
mod routes;
pub mod runs;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use self::queries::{ClassHead, Kind};
use crate::access::{Access, Action, Entity, Permission};
use crate::db::Tenant;
use crate::db::enums::AttendanceStatus;
use crate::gradebook::{Term, queries as book};
use crate::web::error::AppError;

pub use document::{class_pdf, results_table};
pub use routes::{comment_cells, routes};

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 2000;

/// One subject's line on a card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectLine {
    pub subject: String,
    pub teacher: Option<String>,
    /// Percent, 0–100; none before anything counts.
    pub percent: Option<f64>,
    pub letter: Option<String>,
    pub comment: Option<String>,
}

/// Days on the daily roll in the term.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub present: i64,
    pub late: i64,
    pub absent: i64,
    pub excused: i64,
}

/// What one student's card shows: stored as is when issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub school: String,
    pub logo_file_id: Option<Uuid>,
    pub student_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub class: String,
    pub term: String,
    pub term_starts_on: NaiveDate,
    pub term_ends_on: NaiveDate,
    pub subjects: Vec<SubjectLine>,
    pub attendance: Attendance,
    pub homeroom_comment: Option<String>,
    pub principal_comment: Option<String>,
    /// When it was issued; none for a card still worked out live.
    #[serde(skip)]
    pub issued_at: Option<DateTime<Utc>>,
}

impl Card {
    pub fn student_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A class's cards for a term.
pub struct ClassCards {
    pub class: ClassHead,
    pub title: String,
    pub term: Term,
    pub terms: Vec<Term>,
    pub cards: Vec<Card>,
}

impl ClassCards {
    /// How many of the cards are issued.
    pub fn issued(&self) -> usize {
        self.cards.iter().filter(|c| c.issued_at.is_some()).count()
    }

    /// The subjects, in order, that any card shows.
    pub fn subjects(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for card in &self.cards {
            for line in &card.subjects {
                if !names.contains(&line.subject) {
                    names.push(line.subject.clone());
                }
            }
        }
        names
    }
}

/// A class as people call it: its name, with its section unless the name holds it.
pub fn class_title(name: &str, section: Option<&str>) -> String {
    match section.map(str::trim).filter(|s| !s.is_empty()) {
        Some(section) if !name.ends_with(section) => format!("{name} {section}"),
        _ => name.to_owned(),
    }
}

/// The class and the term asked for (else the current one); not found for another
/// school's class or a term of another year.
fn class_and_term(
    tenant: &mut Tenant<'_>,
    class_id: Uuid,
    term: Option<Uuid>,
) -> Result<(ClassHead, Term, Vec<Term>), AppError> {
    let class = queries::class_head(tenant, class_id)?.ok_or(AppError::NotFound)?;
    let terms = book::terms_of_year(tenant, class.academic_year_id)?;
    if term.is_some_and(|id| !terms.iter().any(|t| t.id == id)) {
        return Err(AppError::NotFound);
    }
    let term =
        crate::gradebook::pick_term(&terms, term, tenant.today()).ok_or(AppError::NotFound)?;
    Ok((class, term, terms))
}

/// The class's cards for a term: the issued one of each student who has one, the
/// others worked out from today's scores, comments and roll.
pub fn class_cards(
    tenant: &mut Tenant<'_>,
    class_id: Uuid,
    term: Option<Uuid>,
) -> Result<ClassCards, AppError> {
    let (class, term, terms) = class_and_term(tenant, class_id, term)?;
    let mut cards = live_cards(tenant, &class, &term)?;
    let ids: Vec<Uuid> = cards.iter().map(|c| c.student_id).collect();
    let issued: HashMap<Uuid, (serde_json::Value, DateTime<Utc>)> =
        queries::issued(tenant, term.id, &ids)?
            .into_iter()
            .map(|(student, content, at)| (student, (content, at)))
            .collect();
    for card in &mut cards {
        if let Some((content, at)) = issued.get(&card.student_id) {
            match serde_json::from_value::<Card>(content.clone()) {
                Ok(stored) => {
                    *card = stored;
                    card.issued_at = Some(*at);
                }
                Err(e) => tracing::warn!(student = %card.student_id, "issued card unreadable: {e}"),
            }
        }
    }
    Ok(ClassCards {
        title: class_title(&class.name, class.section.as_deref()),
        class,
        term,
        terms,
        cards,
    })
}

/// Each student's card worked out now.
fn live_cards(
    tenant: &mut Tenant<'_>,
    class: &ClassHead,
    term: &Term,
) -> Result<Vec<Card>, AppError> {
    let (school, logo_file_id) = queries::school(tenant)?;
    let pupils = book::roster(tenant, class.id)?;
    let ids: Vec<Uuid> = pupils.iter().map(|p| p.id).collect();
    let taught = queries::subjects_of_class(tenant, class.id)?;
    let mut averages = HashMap::new();
    for subject in &taught {
        for average in crate::gradebook::averages(tenant, subject.class_subject_id, Some(term.id))?
        {
            averages.insert((subject.class_subject_id, average.student_id), average);
        }
    }
    let mut comments: HashMap<(Uuid, Kind, Option<Uuid>), String> = HashMap::new();
    for c in queries::comments(tenant, term.id, &ids)? {
        comments.insert((c.student_id, c.kind, c.class_subject_id), c.body);
    }
    let mut days: HashMap<Uuid, Attendance> = HashMap::new();
    for (student, status, count) in
        queries::attendance(tenant, &ids, (term.starts_on, term.ends_on))?
    {
        let totals = days.entry(student).or_default();
        match status {
            AttendanceStatus::Present => totals.present += count,
            AttendanceStatus::Late => totals.late += count,
            AttendanceStatus::Absent => totals.absent += count,
            AttendanceStatus::Excused => totals.excused += count,
        }
    }
    let class_name = class_title(&class.name, class.section.as_deref());
    Ok(pupils
        .into_iter()
        .map(|p| {
            let subjects = taught
                .iter()
                .map(|s| {
                    let average = averages.get(&(s.class_subject_id, p.id));
                    SubjectLine {
                        subject: s.subject.clone(),
                        teacher: s.teacher.clone(),
                        percent: average.and_then(|a| a.percent),
                        letter: average
                            .and_then(|a| a.letter)
                            .map(|l| l.as_str().to_owned()),
                        comment: comments
                            .get(&(p.id, Kind::Subject, Some(s.class_subject_id)))
                            .cloned(),
                    }
                })
                .collect();
            Card {
                school: school.clone(),
                logo_file_id,
                student_id: p.id,
                class: class_name.clone(),
                term: term.name.clone(),
                term_starts_on: term.starts_on,
                term_ends_on: term.ends_on,
                subjects,
                attendance: days.remove(&p.id).unwrap_or_default(),
                homeroom_comment: comments.get(&(p.id, Kind::Homeroom, None)).cloned(),
                principal_comment: comments.get(&(p.id, Kind::Principal, None)).cloned(),
                first_name: p.first_name,
                last_name: p.last_name,
                issued_at: None,
            }
        })
        .collect())
}

/// Whether the user is an administrator: who issues cards and writes the principal's comments.
pub fn is_administrator(access: &Access) -> bool {
    access.can(Permission::new(Action::Update, Entity::Organizations))
}

/// Issues the term's cards of a class: stores each student's card as it shows now
/// (a student already issued keeps theirs). Returns how many were stored.
pub fn issue(
    tenant: &mut Tenant<'_>,
    access: &Access,
    class_id: Uuid,
    term: Option<Uuid>,
) -> Result<usize, AppError> {
    if !is_administrator(access) {
        return Err(AppError::Forbidden);
    }
    let (class, term, _) = class_and_term(tenant, class_id, term)?;
    let cards = live_cards(tenant, &class, &term)?;
    let rows: Vec<(Uuid, serde_json::Value)> = cards
        .iter()
        .filter_map(|c| Some((c.student_id, serde_json::to_value(c).ok()?)))
        .collect();
    Ok(queries::store_issued(tenant, (term.id, class.id), &rows)?)
}

/// Who may write a class's homeroom or principal comments.
fn may_comment(access: &Access, class: &ClassHead, kind: Kind) -> bool {
    let results = access.can(Permission::new(Action::Update, Entity::AssessmentResults));
    match kind {
        Kind::Principal => is_administrator(access),
        Kind::Homeroom => {
            results
                && (class.homeroom || access.can(Permission::new(Action::Update, Entity::Classes)))
        }
        Kind::Subject => false,
    }
}

/// A class's homeroom or principal comments for a term, as a form shows them.
pub struct CommentSheet {
    pub cards: ClassCards,
    pub may_write: bool,
    /// Each student's stored comment.
    pub stored: HashMap<Uuid, String>,
}

pub fn comment_sheet(
    tenant: &mut Tenant<'_>,
    access: &Access,
    (class_id, term): (Uuid, Option<Uuid>),
    kind: Kind,
) -> Result<CommentSheet, AppError> {
    let cards = class_cards(tenant, class_id, term)?;
    let ids: Vec<Uuid> = cards.cards.iter().map(|c| c.student_id).collect();
    let stored = queries::comments(tenant, cards.term.id, &ids)?
        .into_iter()
        .filter(|c| c.kind == kind)
        .map(|c| (c.student_id, c.body))
        .collect();
    Ok(CommentSheet {
        may_write: may_comment(access, &cards.class, kind),
        cards,
        stored,
    })
}

/// Why comments were not stored.
#[derive(Debug, PartialEq, Eq)]
pub enum CommentRefusal {
    /// Students whose comment is too long; nothing was stored.
    TooLong(Vec<Uuid>),
}

/// Stores a class's homeroom or principal comments, all or nothing; a student not
/// on the class's roll is not found.
pub fn save_comments(
    tenant: &mut Tenant<'_>,
    access: &Access,
    (class_id, term): (Uuid, Option<Uuid>),
    kind: Kind,
    sent: &[(Uuid, String)],
) -> Result<Result<usize, CommentRefusal>, AppError> {
    let (class, term, _) = class_and_term(tenant, class_id, term)?;
    if !may_comment(access, &class, kind) {
        return Err(AppError::Forbidden);
    }
    let on_roll: Vec<Uuid> = book::roster(tenant, class.id)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if sent.iter().any(|(s, _)| !on_roll.contains(s)) {
        return Err(AppError::NotFound);
    }
    let long: Vec<Uuid> = sent
        .iter()
        .filter(|(_, body)| body.trim().chars().count() > COMMENT_MAX)
        .map(|(s, _)| *s)
        .collect();
    if !long.is_empty() {
        return Ok(Err(CommentRefusal::TooLong(long)));
    }
    for (student, body) in sent {
        queries::store_comment(tenant, (term.id, *student), (kind, None), body.trim())?;
    }
    Ok(Ok(sent.len()))
}

/// Stores a subject teacher's comment from the gradebook: only who may write the
/// gradebook, for a student on its roll and a term of its year. Returns the
/// student's name as the gradebook shows it, with the outcome.
pub fn save_subject_comment(
    tenant: &mut Tenant<'_>,
    access: &Access,
    (class_subject_id, term): (Uuid, Uuid),
    (student, body): (Uuid, &str),
) -> Result<(String, Result<(), CommentRefusal>), AppError> {
    let head = book::head(tenant, class_subject_id)?.ok_or(AppError::NotFound)?;
    if !crate::gradebook::Rights::of(access, &head).write {
        return Err(AppError::Forbidden);
    }
    let terms = book::terms_of_year(tenant, head.academic_year_id)?;
    if !terms.iter().any(|t| t.id == term) {
        return Err(AppError::NotFound);
    }
    let pupil = book::roster(tenant, head.class_id)?
        .into_iter()
        .find(|p| p.id == student)
        .ok_or(AppError::NotFound)?;
    let name = format!("{}, {}", pupil.last_name, pupil.first_name);
    let body = body.trim();
    if body.chars().count() > COMMENT_MAX {
        return Ok((name, Err(CommentRefusal::TooLong(vec![student]))));
    }
    queries::store_comment(
        tenant,
        (term, student),
        (Kind::Subject, Some(class_subject_id)),
        body,
    )?;
    Ok((name, Ok(())))
}

/// The subject teacher's comments of a gradebook's term, by student.
pub fn subject_comments(
    tenant: &mut Tenant<'_>,
    class_subject_id: Uuid,
    term: Uuid,
    students: &[Uuid],
) -> Result<HashMap<Uuid, String>, AppError> {
    Ok(queries::comments(tenant, term, students)?
        .into_iter()
        .filter(|c| c.kind == Kind::Subject && c.class_subject_id == Some(class_subject_id))
        .map(|c| (c.student_id, c.body))
        .collect())
}

/// A student's issued report cards as links to their card on the class's cards of
/// the term: "Report card · Term 1 (issued 18 Dec 2026)".
pub fn issued_links(
    tenant: &mut Tenant<'_>,
    t: crate::i18n::Lang,
    student: Uuid,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(queries::issued_of_student(tenant, student)?
        .into_iter()
        .map(|(class, term, name, at)| {
            let day = at.with_timezone(&tenant.time_zone()).date_naive();
            (
                t.message("rc-issued-link")
                    .arg("term", name.as_str())
                    .arg("date", t.date(day))
                    .to_string(),
                format!("/report-cards/{class}?term={term}#card-{student}"),
            )
        })
        .collect())
}

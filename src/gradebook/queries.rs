//! The gradebook's statements, on the tenant handle: the only place that names the
//! terms, scale, weights, assessments and results tables for the gradebook. Every
//! read starts from the live rows of the tenant's organization.

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::average::Weights;
use super::entry::Entry;
use super::scale::Scale;
use crate::db::enums::{
    AssessmentStatus, AssessmentType, ClassEnrollmentStatus, GradeLetter, ResultMark, StudentStatus,
};
use crate::db::schema::{
    academic_terms, academic_years, assessment_results, assessment_weights, assessments,
    class_enrollments, class_subjects, classes, grading_scale_bands, staff, students, subjects,
};
use crate::db::{OrganizationId, Tenant};

/// The bases of the gradebook's own tables.
mod own {
    crate::live_rows!(
        academic_terms,
        grading_scale_bands,
        assessment_weights,
        assessments,
        assessment_results,
    );
}
use crate::school::queries as school;

/// The class subject a gradebook belongs to, and whether the user teaches it.
#[derive(Clone, Debug)]
pub struct Head {
    pub class_subject_id: Uuid,
    pub class_id: Uuid,
    pub class_name: String,
    pub section: Option<String>,
    pub subject_name: String,
    pub academic_year_id: Uuid,
    /// The signed-in user is the class subject's teacher (through their staff record).
    pub teaches: bool,
}

/// Class subject, class, its name and section, subject name, year, and whether the
/// user teaches it (NULL when no one does).
type HeadRow = (
    Uuid,
    Uuid,
    String,
    Option<String>,
    String,
    Uuid,
    Option<bool>,
);

/// The class subject's gradebook head, or `None` when it is not one of the school's.
pub fn head(tenant: &mut Tenant<'_>, class_subject_id: Uuid) -> QueryResult<Option<Head>> {
    let org = tenant.organization();
    let mine = staff::table
        .filter(school::staff::is_live(org))
        .filter(staff::user_id.eq(tenant.user()))
        .select(staff::id.nullable());
    let row: Option<HeadRow> = school::class_subjects::live(tenant)
        .filter(class_subjects::id.eq(class_subject_id))
        .inner_join(classes::table.on(classes::id.eq(class_subjects::class_id)))
        .inner_join(subjects::table.on(subjects::id.eq(class_subjects::subject_id)))
        .filter(school::classes::is_live(org))
        .select((
            class_subjects::id,
            classes::id,
            classes::name,
            classes::section,
            subjects::name,
            classes::academic_year_id,
            class_subjects::teacher_id.eq_any(mine),
        ))
        .first(tenant.conn())
        .optional()?;
    Ok(row.map(
        |(cs, class_id, class_name, section, subject_name, year, teaches)| Head {
            class_subject_id: cs,
            class_id,
            class_name,
            section,
            subject_name,
            academic_year_id: year,
            teaches: teaches.unwrap_or(false),
        },
    ))
}

/// A part of an academic year.
#[derive(Clone, Debug, PartialEq, Eq, Queryable)]
pub struct Term {
    pub id: Uuid,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The terms of a year, in date order.
pub fn terms_of_year(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<Vec<Term>> {
    own::academic_terms::live(tenant)
        .filter(academic_terms::academic_year_id.eq(year))
        .order(academic_terms::starts_on)
        .select((
            academic_terms::id,
            academic_terms::name,
            academic_terms::starts_on,
            academic_terms::ends_on,
        ))
        .load(tenant.conn())
}

/// Every term of the school with its year's name, in date order.
pub fn all_terms(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(String, Term)>> {
    let org = tenant.organization();
    let rows: Vec<(String, Uuid, String, NaiveDate, NaiveDate)> = own::academic_terms::live(tenant)
        .inner_join(academic_years::table)
        .filter(school::academic_years::is_live(org))
        .order(academic_terms::starts_on)
        .select((
            academic_years::name,
            academic_terms::id,
            academic_terms::name,
            academic_terms::starts_on,
            academic_terms::ends_on,
        ))
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(|(year, id, name, starts_on, ends_on)| {
            (
                year,
                Term {
                    id,
                    name,
                    starts_on,
                    ends_on,
                },
            )
        })
        .collect())
}

/// A year's dates, when it is one of the school's live years.
pub fn year_dates(
    tenant: &mut Tenant<'_>,
    year: Uuid,
) -> QueryResult<Option<(NaiveDate, NaiveDate)>> {
    school::academic_years::live(tenant)
        .filter(academic_years::id.eq(year))
        .select((academic_years::start_date, academic_years::end_date))
        .first(tenant.conn())
        .optional()
}

/// The name of a live term of `year` whose dates meet `starts_on`–`ends_on`, other than `except`.
pub fn overlapping_term(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    (starts_on, ends_on): (NaiveDate, NaiveDate),
    except: Option<Uuid>,
) -> QueryResult<Option<String>> {
    let mut query = own::academic_terms::live(tenant)
        .filter(academic_terms::academic_year_id.eq(year))
        .filter(academic_terms::starts_on.le(ends_on))
        .filter(academic_terms::ends_on.ge(starts_on))
        .select(academic_terms::name)
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(academic_terms::id.ne(id));
    }
    query.first(tenant.conn()).optional()
}

/// One assessment as a gradebook column.
#[derive(Clone, Debug, Queryable)]
pub struct Column {
    pub id: Uuid,
    pub class_subject_id: Uuid,
    pub name: String,
    pub kind: AssessmentType,
    pub due_at: Option<DateTime<Utc>>,
    pub max_score: Option<BigDecimal>,
    pub status: AssessmentStatus,
}

type ColumnSelect = (
    assessments::id,
    assessments::class_subject_id,
    assessments::name,
    assessments::assessment_type,
    assessments::due_at,
    assessments::max_score,
    assessments::status,
);

const COLUMN: ColumnSelect = (
    assessments::id,
    assessments::class_subject_id,
    assessments::name,
    assessments::assessment_type,
    assessments::due_at,
    assessments::max_score,
    assessments::status,
);

/// The first instant of a school day in its time zone.
fn day_starts(tenant: &Tenant<'_>, day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(chrono::NaiveTime::MIN);
    tenant
        .time_zone()
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
}

/// The class subject's assessments in `term` (set in it, or due within its dates
/// when set before terms existed), drafts only when asked; every one without a term.
pub fn columns(
    tenant: &mut Tenant<'_>,
    class_subject_id: Uuid,
    term: Option<&Term>,
    with_drafts: bool,
) -> QueryResult<Vec<Column>> {
    let mut query = own::assessments::live(tenant)
        .filter(assessments::class_subject_id.eq(class_subject_id))
        .select(COLUMN)
        .order((
            assessments::due_at.asc().nulls_last(),
            assessments::created_at,
            assessments::id,
        ))
        .into_boxed();
    if let Some(term) = term {
        let from = day_starts(tenant, term.starts_on);
        let until = day_starts(tenant, term.ends_on + chrono::Duration::days(1));
        let when = assessments::due_at.nullable();
        query = query.filter(
            assessments::academic_term_id
                .eq(term.id)
                .or(assessments::academic_term_id
                    .is_null()
                    .and(when.ge(from))
                    .and(when.lt(until))),
        );
    }
    if !with_drafts {
        query = query.filter(assessments::status.ne(AssessmentStatus::Draft));
    }
    query.load(tenant.conn())
}

/// One assessment of the school, as a column.
pub fn column(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Column>> {
    own::assessments::live(tenant)
        .filter(assessments::id.eq(id))
        .select(COLUMN)
        .first(tenant.conn())
        .optional()
}

/// A student on a class's roll.
#[derive(Clone, Debug, Queryable)]
pub struct Pupil {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
}

/// The actively enrolled, active students of a class.
#[diesel::dsl::auto_type(no_type_alias)]
fn roll(org: OrganizationId, class_id: Uuid) -> _ {
    let enrolled: school::class_enrollments::is_live = school::class_enrollments::is_live(org);
    let live_student: school::students::is_live = school::students::is_live(org);
    let active_enrolment: ClassEnrollmentStatus = ClassEnrollmentStatus::Active;
    let active_student: StudentStatus = StudentStatus::Active;
    class_enrollments::table
        .filter(enrolled)
        .filter(class_enrollments::class_id.eq(class_id))
        .filter(class_enrollments::status.eq(active_enrolment))
        .inner_join(students::table.on(students::id.eq(class_enrollments::student_id)))
        .filter(live_student)
        .filter(students::status.eq(active_student))
        .select((students::id, students::first_name, students::last_name))
}

/// The class's actively enrolled, active students, by last name.
pub fn roster(tenant: &mut Tenant<'_>, class_id: Uuid) -> QueryResult<Vec<Pupil>> {
    roll(tenant.organization(), class_id)
        .distinct()
        .order((students::last_name, students::first_name, students::id))
        .load(tenant.conn())
}

/// One student of the class's roll, when they are on it.
pub fn on_roster(
    tenant: &mut Tenant<'_>,
    class_id: Uuid,
    student_id: Uuid,
) -> QueryResult<Option<Pupil>> {
    roll(tenant.organization(), class_id)
        .filter(students::id.eq(student_id))
        .first(tenant.conn())
        .optional()
}

/// A stored result: the cell of an assessment and a student.
#[derive(Clone, Debug)]
pub struct Stored {
    pub assessment_id: Uuid,
    pub student_id: Uuid,
    pub entry: Entry,
    pub letter: Option<GradeLetter>,
}

type ResultRow = (
    Uuid,
    Uuid,
    Option<BigDecimal>,
    Option<ResultMark>,
    Option<GradeLetter>,
);

fn stored(rows: Vec<ResultRow>) -> Vec<Stored> {
    rows.into_iter()
        .map(|(assessment_id, student_id, score, mark, letter)| Stored {
            assessment_id,
            student_id,
            entry: Entry::from_columns(score, mark),
            letter,
        })
        .collect()
}

/// The results of these assessments: every student's, or one student's.
pub fn results(
    tenant: &mut Tenant<'_>,
    assessment_ids: &[Uuid],
    student: Option<Uuid>,
) -> QueryResult<Vec<Stored>> {
    let mut query = own::assessment_results::live(tenant)
        .filter(assessment_results::assessment_id.eq_any(assessment_ids))
        .select((
            assessment_results::assessment_id,
            assessment_results::student_id,
            assessment_results::score,
            assessment_results::mark,
            assessment_results::grade_letter,
        ))
        .into_boxed();
    if let Some(student) = student {
        query = query.filter(assessment_results::student_id.eq(student));
    }
    Ok(stored(query.load(tenant.conn())?))
}

/// The school's grading scale (the usual one when none is stored).
pub fn scale(tenant: &mut Tenant<'_>) -> QueryResult<Scale> {
    let rows = own::grading_scale_bands::live(tenant)
        .select((
            grading_scale_bands::grade_letter,
            grading_scale_bands::min_percent,
        ))
        .load(tenant.conn())?;
    Ok(Scale::from_stored(rows))
}

/// The weights a class subject's averages use: its own, else the school's, else none.
pub fn weights(tenant: &mut Tenant<'_>, class_subject_id: Uuid) -> QueryResult<Weights> {
    let rows: Vec<(Option<Uuid>, AssessmentType, BigDecimal)> =
        own::assessment_weights::live(tenant)
            .filter(
                assessment_weights::class_subject_id
                    .eq(class_subject_id)
                    .or(assessment_weights::class_subject_id.is_null()),
            )
            .select((
                assessment_weights::class_subject_id,
                assessment_weights::assessment_type,
                assessment_weights::weight_percent,
            ))
            .load(tenant.conn())?;
    let has_own = rows.iter().any(|(cs, ..)| cs.is_some());
    Ok(Weights(
        rows.into_iter()
            .filter(|(cs, ..)| cs.is_some() == has_own)
            .map(|(_, kind, weight)| (kind, weight))
            .collect(),
    ))
}

/// The weights stored for a class subject, or the school's for `None`.
pub fn stored_weights(
    tenant: &mut Tenant<'_>,
    class_subject: Option<Uuid>,
) -> QueryResult<Weights> {
    let mut query = own::assessment_weights::live(tenant)
        .select((
            assessment_weights::assessment_type,
            assessment_weights::weight_percent,
        ))
        .into_boxed();
    query = match class_subject {
        Some(id) => query.filter(assessment_weights::class_subject_id.eq(id)),
        None => query.filter(assessment_weights::class_subject_id.is_null()),
    };
    Ok(Weights(query.load(tenant.conn())?))
}

/// Replaces the weights of a class subject (or the school's, for `None`).
pub fn store_weights(
    tenant: &mut Tenant<'_>,
    class_subject: Option<Uuid>,
    weights: &Weights,
) -> QueryResult<()> {
    let org = tenant.organization();
    let user = tenant.user();
    let target = assessment_weights::table
        .filter(assessment_weights::organization_id.eq(org))
        .filter(assessment_weights::deleted_at.is_null())
        .into_boxed();
    let target = match class_subject {
        Some(id) => target.filter(assessment_weights::class_subject_id.eq(id)),
        None => target.filter(assessment_weights::class_subject_id.is_null()),
    };
    let ids: Vec<Uuid> = target.select(assessment_weights::id).load(tenant.conn())?;
    diesel::update(assessment_weights::table.filter(assessment_weights::id.eq_any(&ids)))
        .set((
            assessment_weights::deleted_at.eq(diesel::dsl::now),
            assessment_weights::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())?;
    let rows: Vec<_> = weights
        .0
        .iter()
        .map(|(kind, w)| {
            (
                assessment_weights::organization_id.eq(org),
                assessment_weights::class_subject_id.eq(class_subject),
                assessment_weights::assessment_type.eq(*kind),
                assessment_weights::weight_percent.eq(w.clone()),
                assessment_weights::created_by_id.eq(user),
            )
        })
        .collect();
    diesel::insert_into(assessment_weights::table)
        .values(&rows)
        .execute(tenant.conn())?;
    Ok(())
}

/// Stores a new scale and gives every result of an assessment not yet closed the
/// letter of its score under it, in one statement.
pub fn store_scale(tenant: &mut Tenant<'_>, scale: &Scale) -> QueryResult<usize> {
    let org = tenant.organization();
    let user = tenant.user();
    for band in scale.bands() {
        diesel::update(
            grading_scale_bands::table
                .filter(own::grading_scale_bands::is_live(org))
                .filter(grading_scale_bands::grade_letter.eq(band.letter)),
        )
        .set((
            grading_scale_bands::min_percent.eq(&band.min_percent),
            grading_scale_bands::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())?;
    }
    let rows: Vec<_> = scale
        .bands()
        .iter()
        .map(|b| {
            (
                grading_scale_bands::organization_id.eq(org),
                grading_scale_bands::grade_letter.eq(b.letter),
                grading_scale_bands::min_percent.eq(b.min_percent.clone()),
                grading_scale_bands::created_by_id.eq(user),
            )
        })
        .collect();
    // A school whose scale was never stored gets every letter now.
    diesel::insert_into(grading_scale_bands::table)
        .values(&rows)
        .on_conflict((
            grading_scale_bands::organization_id,
            grading_scale_bands::grade_letter,
        ))
        .filter_target(grading_scale_bands::deleted_at.is_null())
        .do_nothing()
        .execute(tenant.conn())?;
    diesel::sql_query(
        "UPDATE assessment_results r SET grade_letter = (
             SELECT b.grade_letter FROM grading_scale_bands b
             WHERE b.organization_id = r.organization_id AND b.deleted_at IS NULL
               AND b.min_percent <= r.score * 100 / a.max_score
             ORDER BY b.min_percent DESC LIMIT 1)
         FROM assessments a
         WHERE a.id = r.assessment_id AND r.organization_id = $1 AND r.deleted_at IS NULL
           AND r.score IS NOT NULL AND a.max_score > 0 AND a.status <> 'closed'",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .execute(tenant.conn())
}

/// One cell to store: the student, what was typed, and its letter.
pub struct CellWrite {
    pub student_id: Uuid,
    pub entry: Entry,
    pub letter: Option<GradeLetter>,
}

/// Stores cells of one assessment set-wise (one statement), and returns them as stored.
pub fn write_cells(
    tenant: &mut Tenant<'_>,
    assessment_id: Uuid,
    cells: &[CellWrite],
) -> QueryResult<Vec<Stored>> {
    use diesel::upsert::excluded;
    let org = tenant.organization();
    let user = tenant.user();
    let rows: Vec<_> = cells
        .iter()
        .map(|c| {
            let (score, mark) = c.entry.columns();
            (
                assessment_results::organization_id.eq(org),
                assessment_results::assessment_id.eq(assessment_id),
                assessment_results::student_id.eq(c.student_id),
                assessment_results::score.eq(score),
                assessment_results::mark.eq(mark),
                assessment_results::grade_letter.eq(c.letter),
                assessment_results::created_by_id.eq(user),
                assessment_results::updated_by_id.eq(user),
            )
        })
        .collect();
    let written: Vec<ResultRow> = diesel::insert_into(assessment_results::table)
        .values(&rows)
        .on_conflict((
            assessment_results::assessment_id,
            assessment_results::student_id,
        ))
        .filter_target(assessment_results::deleted_at.is_null())
        .do_update()
        .set((
            assessment_results::score.eq(excluded(assessment_results::score)),
            assessment_results::mark.eq(excluded(assessment_results::mark)),
            assessment_results::grade_letter.eq(excluded(assessment_results::grade_letter)),
            assessment_results::updated_by_id.eq(excluded(assessment_results::updated_by_id)),
        ))
        .returning((
            assessment_results::assessment_id,
            assessment_results::student_id,
            assessment_results::score,
            assessment_results::mark,
            assessment_results::grade_letter,
        ))
        .get_results(tenant.conn())?;
    Ok(stored(written))
}

/// What a new assessment needs.
pub struct NewColumn {
    pub class_subject_id: Uuid,
    pub term_id: Option<Uuid>,
    pub name: String,
    pub kind: AssessmentType,
    pub max_score: BigDecimal,
    pub due_on: Option<NaiveDate>,
}

/// Sets a new assessment as a draft, and returns its id.
pub fn create_column(tenant: &mut Tenant<'_>, new: &NewColumn) -> QueryResult<Uuid> {
    let org = tenant.organization();
    let user = tenant.user();
    let due_at = new.due_on.map(|d| day_starts(tenant, d));
    diesel::insert_into(assessments::table)
        .values((
            assessments::organization_id.eq(org),
            assessments::class_subject_id.eq(new.class_subject_id),
            assessments::academic_term_id.eq(new.term_id),
            assessments::name.eq(&new.name),
            assessments::assessment_type.eq(new.kind),
            assessments::max_score.eq(&new.max_score),
            assessments::due_at.eq(due_at),
            assessments::assigned_at.eq(due_at),
            assessments::status.eq(AssessmentStatus::Draft),
            assessments::created_by_id.eq(user),
        ))
        .returning(assessments::id)
        .get_result(tenant.conn())
}

/// Moves an assessment to another state of its workflow.
pub fn set_status(tenant: &mut Tenant<'_>, id: Uuid, status: AssessmentStatus) -> QueryResult<()> {
    let org = tenant.organization();
    let user = tenant.user();
    diesel::update(
        assessments::table
            .filter(own::assessments::is_live(org))
            .filter(assessments::id.eq(id)),
    )
    .set((
        assessments::status.eq(status),
        assessments::updated_by_id.eq(user),
    ))
    .execute(tenant.conn())?;
    Ok(())
}

/// A class subject someone may open the gradebook of.
#[derive(Clone, Debug, Queryable)]
pub struct Listed {
    pub class_subject_id: Uuid,
    pub class_name: String,
    pub section: Option<String>,
    pub subject_name: String,
}

/// The live class subjects of a class (or those the user teaches, for `None`).
pub fn gradebooks(tenant: &mut Tenant<'_>, class: Option<Uuid>) -> QueryResult<Vec<Listed>> {
    let org = tenant.organization();
    let user = tenant.user();
    let mut query = school::class_subjects::live(tenant)
        .inner_join(classes::table.on(classes::id.eq(class_subjects::class_id)))
        .inner_join(subjects::table.on(subjects::id.eq(class_subjects::subject_id)))
        .filter(school::classes::is_live(org))
        .select((
            class_subjects::id,
            classes::name,
            classes::section,
            subjects::name,
        ))
        .order((classes::name, classes::section, subjects::name))
        .into_boxed();
    query = match class {
        Some(id) => query.filter(classes::id.eq(id)),
        None => query.filter(
            class_subjects::teacher_id.eq_any(
                staff::table
                    .filter(staff::organization_id.eq(org))
                    .filter(staff::deleted_at.is_null())
                    .filter(staff::user_id.eq(user))
                    .select(staff::id.nullable()),
            ),
        ),
    };
    query.load(tenant.conn())
}

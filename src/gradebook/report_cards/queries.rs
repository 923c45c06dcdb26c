//! Report cards' statements, on the tenant handle: the only place that names the
//! comments and issued cards tables. Every read starts from the live rows of the
//! tenant's organization.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::{AttendanceSessionType, AttendanceStatus};
use crate::db::schema::{
    attendance_records, attendance_sessions, class_subjects, classes, organizations,
    report_card_comments, report_cards, staff, subjects,
};
use crate::school::queries as school;

mod own {
    crate::live_rows!(report_card_comments, report_cards, attendance_records);
}

/// A class a report card belongs to.
#[derive(Clone, Debug)]
pub struct ClassHead {
    pub id: Uuid,
    pub name: String,
    pub section: Option<String>,
    pub academic_year_id: Uuid,
    /// The signed-in user is the class's homeroom teacher.
    pub homeroom: bool,
}

/// Class, name, section, year, homeroom teacher.
type ClassRow = (Uuid, String, Option<String>, Uuid, Option<Uuid>);

/// The class, when it is one of the school's live classes.
pub fn class_head(tenant: &mut Tenant<'_>, class_id: Uuid) -> QueryResult<Option<ClassHead>> {
    let row: Option<ClassRow> = school::classes::live(tenant)
        .filter(classes::id.eq(class_id))
        .select((
            classes::id,
            classes::name,
            classes::section,
            classes::academic_year_id,
            classes::homeroom_teacher_id,
        ))
        .first(tenant.conn())
        .optional()?;
    let Some((id, name, section, academic_year_id, teacher)) = row else {
        return Ok(None);
    };
    let homeroom = match (teacher, tenant.user()) {
        (Some(teacher), Some(user)) => diesel::select(diesel::dsl::exists(
            school::staff::live(tenant)
                .filter(staff::id.eq(teacher))
                .filter(staff::user_id.eq(user)),
        ))
        .get_result(tenant.conn())?,
        _ => false,
    };
    Ok(Some(ClassHead {
        id,
        name,
        section,
        academic_year_id,
        homeroom,
    }))
}

/// The school's live classes of a year, by name.
pub fn classes_of_year(
    tenant: &mut Tenant<'_>,
    year: Uuid,
) -> QueryResult<Vec<(Uuid, String, Option<String>)>> {
    school::classes::live(tenant)
        .filter(classes::academic_year_id.eq(year))
        .select((classes::id, classes::name, classes::section))
        .order((classes::name, classes::section, classes::id))
        .load(tenant.conn())
}

/// A subject taught in a class.
#[derive(Clone, Debug)]
pub struct Taught {
    pub class_subject_id: Uuid,
    pub subject: String,
    pub teacher: Option<String>,
}

/// The class's live class subjects, by subject name.
pub fn subjects_of_class(tenant: &mut Tenant<'_>, class_id: Uuid) -> QueryResult<Vec<Taught>> {
    let org = tenant.organization();
    let rows: Vec<(Uuid, String, Option<String>, Option<String>)> =
        school::class_subjects::live(tenant)
            .filter(class_subjects::class_id.eq(class_id))
            .inner_join(subjects::table.on(subjects::id.eq(class_subjects::subject_id)))
            .filter(school::subjects::is_live(org))
            .left_join(
                staff::table.on(staff::id
                    .nullable()
                    .eq(class_subjects::teacher_id)
                    .and(staff::deleted_at.is_null())),
            )
            .select((
                class_subjects::id,
                subjects::name,
                staff::first_name.nullable(),
                staff::last_name.nullable(),
            ))
            .order((subjects::name, class_subjects::id))
            .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(|(class_subject_id, subject, first, last)| {
            let teacher = [first, last]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            Taught {
                class_subject_id,
                subject,
                teacher: (!teacher.is_empty()).then_some(teacher),
            }
        })
        .collect())
}

/// The school's name and logo file.
pub fn school(tenant: &mut Tenant<'_>) -> QueryResult<(String, Option<Uuid>)> {
    let org = tenant.organization();
    organizations::table
        .filter(organizations::id.eq(Uuid::from(org)))
        .select((organizations::name, organizations::logo_file_id))
        .first(tenant.conn())
}

/// Whose comment: a subject teacher's, the homeroom teacher's or the principal's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Subject,
    Homeroom,
    Principal,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Subject => "subject",
            Kind::Homeroom => "homeroom",
            Kind::Principal => "principal",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::Subject, Kind::Homeroom, Kind::Principal]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A stored comment: its student, kind, class subject (for a subject's) and text.
pub struct Comment {
    pub student_id: Uuid,
    pub kind: Kind,
    pub class_subject_id: Option<Uuid>,
    pub body: String,
}

/// The live comments of a term for these students.
pub fn comments(
    tenant: &mut Tenant<'_>,
    term: Uuid,
    students: &[Uuid],
) -> QueryResult<Vec<Comment>> {
    let rows: Vec<(Uuid, String, Option<Uuid>, String)> = own::report_card_comments::live(tenant)
        .filter(report_card_comments::academic_term_id.eq(term))
        .filter(report_card_comments::student_id.eq_any(students))
        .select((
            report_card_comments::student_id,
            report_card_comments::kind,
            report_card_comments::class_subject_id,
            report_card_comments::body,
        ))
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .filter_map(|(student_id, kind, class_subject_id, body)| {
            Some(Comment {
                student_id,
                kind: Kind::parse(&kind)?,
                class_subject_id,
                body,
            })
        })
        .collect())
}

/// Stores a comment in place of the one before (an empty text removes it).
pub fn store_comment(
    tenant: &mut Tenant<'_>,
    (term, student): (Uuid, Uuid),
    (kind, class_subject): (Kind, Option<Uuid>),
    body: &str,
) -> QueryResult<()> {
    let org = tenant.organization();
    let user = tenant.user();
    let mut current = report_card_comments::table
        .filter(own::report_card_comments::is_live(org))
        .filter(report_card_comments::academic_term_id.eq(term))
        .filter(report_card_comments::student_id.eq(student))
        .filter(report_card_comments::kind.eq(kind.as_str()))
        .select(report_card_comments::id)
        .into_boxed();
    if let Some(cs) = class_subject {
        current = current.filter(report_card_comments::class_subject_id.eq(cs));
    }
    let existing: Option<Uuid> = current.first(tenant.conn()).optional()?;
    match (existing, body.is_empty()) {
        (Some(id), true) => {
            diesel::update(report_card_comments::table.find(id))
                .set((
                    report_card_comments::deleted_at.eq(diesel::dsl::now),
                    report_card_comments::updated_by_id.eq(user),
                ))
                .execute(tenant.conn())?;
        }
        (Some(id), false) => {
            diesel::update(report_card_comments::table.find(id))
                .set((
                    report_card_comments::body.eq(body),
                    report_card_comments::updated_by_id.eq(user),
                ))
                .execute(tenant.conn())?;
        }
        (None, true) => {}
        (None, false) => {
            diesel::insert_into(report_card_comments::table)
                .values((
                    report_card_comments::organization_id.eq(org),
                    report_card_comments::academic_term_id.eq(term),
                    report_card_comments::student_id.eq(student),
                    report_card_comments::class_subject_id.eq(class_subject),
                    report_card_comments::kind.eq(kind.as_str()),
                    report_card_comments::body.eq(body),
                    report_card_comments::created_by_id.eq(user),
                    report_card_comments::updated_by_id.eq(user),
                ))
                .execute(tenant.conn())?;
        }
    }
    Ok(())
}

/// How many school days each student was marked each way on the daily roll between
/// two dates: (student, status, days).
pub fn attendance(
    tenant: &mut Tenant<'_>,
    students: &[Uuid],
    (from, until): (NaiveDate, NaiveDate),
) -> QueryResult<Vec<(Uuid, AttendanceStatus, i64)>> {
    let org = tenant.organization();
    own::attendance_records::live(tenant)
        .filter(attendance_records::student_id.eq_any(students))
        .inner_join(
            attendance_sessions::table
                .on(attendance_sessions::id.eq(attendance_records::attendance_session_id)),
        )
        .filter(attendance_sessions::organization_id.eq(org))
        .filter(attendance_sessions::deleted_at.is_null())
        .filter(attendance_sessions::session_type.eq(AttendanceSessionType::Daily))
        .filter(attendance_sessions::session_date.between(from, until))
        .group_by((attendance_records::student_id, attendance_records::status))
        .select((
            attendance_records::student_id,
            attendance_records::status,
            diesel::dsl::count_star(),
        ))
        .load(tenant.conn())
}

/// The issued cards of a term for these students: (student, content, issued at).
pub fn issued(
    tenant: &mut Tenant<'_>,
    term: Uuid,
    students: &[Uuid],
) -> QueryResult<Vec<(Uuid, serde_json::Value, DateTime<Utc>)>> {
    own::report_cards::live(tenant)
        .filter(report_cards::academic_term_id.eq(term))
        .filter(report_cards::student_id.eq_any(students))
        .select((
            report_cards::student_id,
            report_cards::content,
            report_cards::issued_at,
        ))
        .load(tenant.conn())
}

/// An issued card as a student's profile lists it: class, term, term's name, issued.
pub type IssuedCard = (Uuid, Uuid, String, DateTime<Utc>);

/// A student's issued cards, newest term first.
pub fn issued_of_student(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<IssuedCard>> {
    use crate::db::schema::academic_terms;
    own::report_cards::live(tenant)
        .inner_join(academic_terms::table.on(academic_terms::id.eq(report_cards::academic_term_id)))
        .filter(report_cards::student_id.eq(student))
        .order(academic_terms::starts_on.desc())
        .select((
            report_cards::class_id,
            report_cards::academic_term_id,
            academic_terms::name,
            report_cards::issued_at,
        ))
        .load(tenant.conn())
}

/// Stores issued cards of a class's students; a student whose card of the term is
/// already issued keeps it. Returns how many were stored.
pub fn store_issued(
    tenant: &mut Tenant<'_>,
    (term, class): (Uuid, Uuid),
    cards: &[(Uuid, serde_json::Value)],
) -> QueryResult<usize> {
    let org = tenant.organization();
    let user = tenant.user();
    let rows: Vec<_> = cards
        .iter()
        .map(|(student, content)| {
            (
                report_cards::organization_id.eq(org),
                report_cards::academic_term_id.eq(term),
                report_cards::student_id.eq(*student),
                report_cards::class_id.eq(class),
                report_cards::content.eq(content),
                report_cards::created_by_id.eq(user),
                report_cards::updated_by_id.eq(user),
            )
        })
        .collect();
    if rows.is_empty() {
        return Ok(0);
    }
    diesel::insert_into(report_cards::table)
        .values(&rows)
        .on_conflict((report_cards::academic_term_id, report_cards::student_id))
        .filter_target(report_cards::deleted_at.is_null())
        .do_nothing()
        .execute(tenant.conn())
}

/// The year a term belongs to.
pub fn year_of_term(tenant: &mut Tenant<'_>, term: Uuid) -> QueryResult<Option<Uuid>> {
    use crate::db::schema::academic_terms;
    let org = tenant.organization();
    academic_terms::table
        .filter(academic_terms::organization_id.eq(org))
        .filter(academic_terms::id.eq(term))
        .select(academic_terms::academic_year_id)
        .first(tenant.conn())
        .optional()
}

/// A whole school's report card runs: the run and its log, the classes it covers,
/// and the PDF of each class it keeps.
pub mod runs {
    use diesel::prelude::*;
    use uuid::Uuid;

    use crate::db::Tenant;
    use crate::db::enums::SyncStatus;
    use crate::db::schema::{classes, report_card_files, report_card_runs, sync_logs};
    use crate::school::queries as school;

    /// How a run's log is named.
    pub const SYNC_TYPE: &str = "report_cards";

    /// What a run makes: a term's cards, of a campus or a grade or the whole school.
    #[derive(Clone, Debug)]
    pub struct Request {
        pub term: Uuid,
        pub campus: Option<Uuid>,
        pub grade: Option<Uuid>,
        pub paper: String,
    }

    /// The live classes of the term's year in the request's scope, by name.
    pub fn classes_in_scope(
        tenant: &mut Tenant<'_>,
        year: Uuid,
        request: &Request,
    ) -> QueryResult<Vec<Uuid>> {
        let mut query = school::classes::live(tenant)
            .filter(classes::academic_year_id.eq(year))
            .into_boxed();
        if let Some(campus) = request.campus {
            query = query.filter(classes::campus_id.eq(campus));
        }
        if let Some(grade) = request.grade {
            query = query.filter(classes::grade_id.eq(grade));
        }
        query
            .order((classes::name, classes::section, classes::id))
            .select(classes::id)
            .load(tenant.conn())
    }

    /// Opens a run's log (running) and the run itself, under the id the worker
    /// already holds the lock of.
    pub fn open(
        tenant: &mut Tenant<'_>,
        id: Uuid,
        request: &Request,
        classes: usize,
    ) -> QueryResult<()> {
        let org = tenant.organization();
        let by = tenant.user().map(|u| u.uuid());
        crate::resources::queries::imports::open_run(tenant, id, SYNC_TYPE)?;
        diesel::insert_into(report_card_runs::table)
            .values((
                report_card_runs::id.eq(id),
                report_card_runs::organization_id.eq(org),
                report_card_runs::term_id.eq(request.term),
                report_card_runs::campus_id.eq(request.campus),
                report_card_runs::grade_id.eq(request.grade),
                report_card_runs::paper.eq(&request.paper),
                report_card_runs::classes.eq(i32::try_from(classes).unwrap_or(i32::MAX)),
                report_card_runs::created_by_id.eq(by),
            ))
            .execute(tenant.conn())?;
        Ok(())
    }

    /// The organization's run still running, if any: one runs at a time, as each
    /// holds a connection of its own while it works.
    pub fn running(tenant: &mut Tenant<'_>) -> QueryResult<Option<Uuid>> {
        report_card_runs::table
            .inner_join(sync_logs::table)
            .filter(report_card_runs::organization_id.eq(tenant.organization()))
            .filter(sync_logs::status.eq(SyncStatus::Running))
            .select(report_card_runs::id)
            .first(tenant.conn())
            .optional()
    }

    /// A run as its page shows it.
    #[derive(Queryable, Clone, Debug)]
    pub struct RunRow {
        pub id: Uuid,
        pub term: Uuid,
        pub campus: Option<Uuid>,
        pub grade: Option<Uuid>,
        pub paper: String,
        pub classes: i32,
        pub status: SyncStatus,
        pub processed: i32,
        pub created: i32,
    }

    pub fn run(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<RunRow> {
        report_card_runs::table
            .inner_join(sync_logs::table)
            .filter(report_card_runs::id.eq(id))
            .filter(report_card_runs::organization_id.eq(tenant.organization()))
            .select((
                report_card_runs::id,
                report_card_runs::term_id,
                report_card_runs::campus_id,
                report_card_runs::grade_id,
                report_card_runs::paper,
                report_card_runs::classes,
                sync_logs::status,
                sync_logs::records_processed,
                sync_logs::records_created,
            ))
            .first(tenant.conn())
    }

    /// Marks the run failed when it shows running but no worker holds its lock:
    /// the server running it stopped. True when it did.
    pub fn mark_interrupted(tenant: &mut Tenant<'_>, id: Uuid, lock: i32) -> QueryResult<bool> {
        let n = diesel::sql_query(
            "UPDATE sync_logs SET status = 'failed', completed_at = now(), \
                 error_message = 'interrupted: the server running it stopped' \
             WHERE id = $1 AND status = 'running' \
               AND pg_try_advisory_xact_lock($2, hashtext(id::text))",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .bind::<diesel::sql_types::Integer, _>(lock)
        .execute(tenant.conn())?;
        Ok(n > 0)
    }

    /// Sets a failed run's log running again, keeping its counts; false when it
    /// was not failed.
    pub fn reopen(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<bool> {
        let n = diesel::update(
            sync_logs::table
                .filter(sync_logs::id.eq(id))
                .filter(sync_logs::organization_id.eq(tenant.organization()))
                .filter(sync_logs::status.eq(SyncStatus::Failed)),
        )
        .set((
            sync_logs::status.eq(SyncStatus::Running),
            sync_logs::completed_at.eq(None::<chrono::DateTime<chrono::Utc>>),
            sync_logs::error_message.eq(None::<String>),
        ))
        .execute(tenant.conn())?;
        Ok(n > 0)
    }

    /// The classes a run has kept a PDF of.
    pub fn done_classes(tenant: &mut Tenant<'_>, run: Uuid) -> QueryResult<Vec<Uuid>> {
        report_card_files::table
            .filter(report_card_files::run_id.eq(run))
            .select(report_card_files::class_id)
            .load(tenant.conn())
    }

    /// Keeps a class's PDF; nothing when the run has one for it already.
    pub fn keep_file(
        tenant: &mut Tenant<'_>,
        (run, class): (Uuid, Uuid),
        (file_name, students, content): (&str, usize, &[u8]),
    ) -> QueryResult<usize> {
        diesel::insert_into(report_card_files::table)
            .values((
                report_card_files::organization_id.eq(tenant.organization()),
                report_card_files::run_id.eq(run),
                report_card_files::class_id.eq(class),
                report_card_files::file_name.eq(file_name),
                report_card_files::students.eq(i32::try_from(students).unwrap_or(i32::MAX)),
                report_card_files::content.eq(content),
            ))
            .on_conflict_do_nothing()
            .execute(tenant.conn())
    }

    /// A kept file as the run's page lists it.
    #[derive(Queryable, Clone, Debug)]
    pub struct FileRow {
        pub id: Uuid,
        pub file_name: String,
        pub students: i32,
    }

    pub fn files(tenant: &mut Tenant<'_>, run: Uuid) -> QueryResult<Vec<FileRow>> {
        report_card_files::table
            .filter(report_card_files::run_id.eq(run))
            .order(report_card_files::file_name.asc())
            .select((
                report_card_files::id,
                report_card_files::file_name,
                report_card_files::students,
            ))
            .load(tenant.conn())
    }

    /// A kept file's name, bytes and how many students' cards it holds.
    pub fn file(
        tenant: &mut Tenant<'_>,
        run: Uuid,
        id: Uuid,
    ) -> QueryResult<(String, Vec<u8>, i32)> {
        report_card_files::table
            .filter(report_card_files::run_id.eq(run))
            .filter(report_card_files::id.eq(id))
            .select((
                report_card_files::file_name,
                report_card_files::content,
                report_card_files::students,
            ))
            .first(tenant.conn())
    }

    /// Choices of a form: an id and its name.
    pub type Choices = Vec<(Uuid, String)>;

    /// The organization's campuses and grades, for the run's form.
    pub fn campuses_and_grades(tenant: &mut Tenant<'_>) -> QueryResult<(Choices, Choices)> {
        use crate::db::schema::{campuses, grades};
        let campuses = school::campuses::live(tenant)
            .order(campuses::name.asc())
            .select((campuses::id, campuses::name))
            .load(tenant.conn())?;
        let grades = grades::table
            .filter(grades::organization_id.eq(tenant.organization()))
            .filter(grades::deleted_at.is_null())
            .order(grades::name.asc())
            .select((grades::id, grades::name))
            .load(tenant.conn())?;
        Ok((campuses, grades))
    }
}

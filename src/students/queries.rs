//! The reads and writes of the student pages: a student with their class, guardians,
//! medical notes, tabs, admissions and enrolments. The only place in this module
//! that names tables.

use bigdecimal::BigDecimal;
use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::{
    AdmissionStage, AttendanceStatus, ClassEnrollmentStatus, DocumentEntityType,
    GuardianRelationship, InvoiceStatus, StudentStatus,
};
use crate::db::schema::{
    academic_years, admissions, attendance_records, attendance_sessions, campuses,
    class_enrollments, class_subjects, classes, documents, grades, guardians, invoices,
    student_health, student_status_changes, students, subjects, users,
};
use crate::school::queries as school;

mod own {
    crate::live_rows!(
        student_health,
        student_status_changes,
        admissions,
        attendance_records,
        invoices,
        documents
    );
}

/// Rows named for a picker: id and name.
pub type Named = Vec<(Uuid, String)>;

/// A document filed under a student: id, name, when uploaded.
pub type DocumentRow = (Uuid, String, Option<chrono::DateTime<chrono::Utc>>);

/// The student at the top of the profile.
#[derive(Queryable)]
pub struct Student {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub student_number: Option<String>,
    pub status: StudentStatus,
    pub date_of_birth: Option<NaiveDate>,
    pub campus: String,
}

pub fn student(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Student>> {
    school::students::live(tenant)
        .inner_join(campuses::table)
        .filter(students::id.eq(id))
        .select((
            students::id,
            students::first_name,
            students::last_name,
            students::student_number,
            students::status,
            students::date_of_birth,
            campuses::name,
        ))
        .first(tenant.conn())
        .optional()
}

/// The year the school is in: the one marked current, else the one holding today.
pub fn current_year(tenant: &mut Tenant<'_>) -> QueryResult<Option<(Uuid, NaiveDate, NaiveDate)>> {
    let today = tenant.today();
    school::academic_years::live(tenant)
        .filter(
            academic_years::current
                .eq(true)
                .or(academic_years::start_date
                    .le(today)
                    .and(academic_years::end_date.ge(today))),
        )
        .order((
            academic_years::current.desc(),
            academic_years::start_date.desc(),
        ))
        .select((
            academic_years::id,
            academic_years::start_date,
            academic_years::end_date,
        ))
        .first(tenant.conn())
        .optional()
}

/// One enrolment of a student in a class.
#[derive(Queryable, Clone)]
pub struct Enrolment {
    pub id: Uuid,
    pub class_id: Uuid,
    pub class_name: String,
    pub grade: String,
    pub year: String,
    pub year_id: Uuid,
    pub status: ClassEnrollmentStatus,
    pub enrolled_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
}

/// Every live enrolment of a student, newest first.
pub fn enrolments(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<Enrolment>> {
    school::class_enrollments::live(tenant)
        .inner_join(
            classes::table
                .inner_join(grades::table)
                .inner_join(academic_years::table),
        )
        .filter(class_enrollments::student_id.eq(student))
        .order((
            academic_years::start_date.desc(),
            class_enrollments::enrolled_on.desc().nulls_last(),
            class_enrollments::created_at.desc(),
        ))
        .select((
            class_enrollments::id,
            classes::id,
            classes::name,
            grades::name,
            academic_years::name,
            academic_years::id,
            class_enrollments::status,
            class_enrollments::enrolled_on,
            class_enrollments::ended_on,
        ))
        .load(tenant.conn())
}

/// A guardian of the student, with what they do for the child.
#[derive(Queryable)]
pub struct Guardian {
    pub person_id: Option<Uuid>,
    pub name: String,
    pub relationship: Option<GuardianRelationship>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub primary_contact: bool,
    pub lives_with: bool,
    pub emergency_contact: bool,
    pub receives_invoices: bool,
    pub receives_messages: bool,
    pub pickup_allowed: bool,
}

pub fn guardians_of(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<Guardian>> {
    school::guardians::live(tenant)
        .filter(guardians::student_id.eq(student))
        .order((guardians::primary_contact.desc(), guardians::full_name))
        .select((
            guardians::person_id,
            guardians::full_name,
            guardians::relationship,
            guardians::phone,
            guardians::email,
            guardians::primary_contact,
            guardians::lives_with,
            guardians::emergency_contact,
            guardians::receives_invoices,
            guardians::receives_messages,
            guardians::pickup_allowed,
        ))
        .load(tenant.conn())
}

/// Medical notes, allergies and emergency contacts.
#[derive(Queryable, Default, Clone)]
pub struct Health {
    pub medical_notes: Option<String>,
    pub allergies: Option<String>,
    pub emergency_contacts: Option<String>,
}

pub fn health(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Health> {
    Ok(own::student_health::live(tenant)
        .filter(student_health::student_id.eq(student))
        .select((
            student_health::medical_notes,
            student_health::allergies,
            student_health::emergency_contacts,
        ))
        .first(tenant.conn())
        .optional()?
        .unwrap_or_default())
}

/// Writes a student's medical notes (one live row per student).
pub fn save_health(tenant: &mut Tenant<'_>, student: Uuid, h: &Health) -> QueryResult<()> {
    use diesel::sql_types::{Nullable, Text, Uuid as SqlUuid};
    let user = tenant.user().map(|u| u.uuid());
    // One statement, so two saves at once (two tabs, a double click) cannot both insert.
    diesel::sql_query(
        "INSERT INTO student_health (organization_id, student_id, medical_notes, allergies, \
         emergency_contacts, created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (student_id) WHERE deleted_at IS NULL DO UPDATE SET \
         medical_notes = EXCLUDED.medical_notes, allergies = EXCLUDED.allergies, \
         emergency_contacts = EXCLUDED.emergency_contacts, updated_by_id = EXCLUDED.updated_by_id",
    )
    .bind::<SqlUuid, _>(tenant.organization().uuid())
    .bind::<SqlUuid, _>(student)
    .bind::<Nullable<Text>, _>(h.medical_notes.as_deref())
    .bind::<Nullable<Text>, _>(h.allergies.as_deref())
    .bind::<Nullable<Text>, _>(h.emergency_contacts.as_deref())
    .bind::<Nullable<SqlUuid>, _>(user)
    .execute(tenant.conn())?;
    Ok(())
}

/// The student's attendance marks by status between two dates.
pub fn attendance_counts(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    from: NaiveDate,
    through: NaiveDate,
) -> QueryResult<Vec<(AttendanceStatus, i64)>> {
    own::attendance_records::live(tenant)
        .inner_join(attendance_sessions::table)
        .filter(attendance_records::student_id.eq(student))
        .filter(attendance_sessions::deleted_at.is_null())
        .filter(attendance_sessions::session_date.between(from, through))
        .group_by(attendance_records::status)
        .select((attendance_records::status, diesel::dsl::count_star()))
        .load(tenant.conn())
}

/// The class subjects of a class, with the subject's name.
pub fn class_subjects_of(tenant: &mut Tenant<'_>, class: Uuid) -> QueryResult<Vec<(Uuid, String)>> {
    school::class_subjects::live(tenant)
        .inner_join(subjects::table)
        .filter(class_subjects::class_id.eq(class))
        .order(subjects::name)
        .select((class_subjects::id, subjects::name))
        .load(tenant.conn())
}

/// An invoice of the student.
#[derive(Queryable)]
pub struct Invoice {
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: BigDecimal,
    pub balance: BigDecimal,
    pub status: InvoiceStatus,
}

pub fn invoices_of(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<Invoice>> {
    own::invoices::live(tenant)
        .filter(invoices::student_id.eq(student))
        .order(invoices::issue_date.desc())
        .select((
            invoices::invoice_number,
            invoices::issue_date,
            invoices::due_date,
            invoices::total_amount,
            invoices::balance_due,
            invoices::status,
        ))
        .load(tenant.conn())
}

/// One status change, as the history tab shows it.
#[derive(Queryable)]
pub struct StatusChange {
    pub from: Option<StudentStatus>,
    pub to: StudentStatus,
    pub on: NaiveDate,
    pub reason: Option<String>,
    /// Who changed it: first name, last name, e-mail.
    pub by: Option<(Option<String>, Option<String>, String)>,
}

pub fn status_changes(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Vec<StatusChange>> {
    own::student_status_changes::live(tenant)
        .left_join(
            users::table.on(users::id
                .nullable()
                .eq(student_status_changes::created_by_id)),
        )
        .filter(student_status_changes::student_id.eq(student))
        .order((
            student_status_changes::on_date.desc(),
            student_status_changes::created_at.desc(),
        ))
        .select((
            student_status_changes::from_status,
            student_status_changes::to_status,
            student_status_changes::on_date,
            student_status_changes::reason,
            (users::first_name, users::last_name, users::email).nullable(),
        ))
        .load(tenant.conn())
}

/// Stores one status change; see [`super::history::record`].
pub fn insert_status_change(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    from: Option<StudentStatus>,
    to: StudentStatus,
    on: NaiveDate,
    reason: Option<&str>,
) -> QueryResult<()> {
    let user = tenant.user().map(|u| u.uuid());
    diesel::insert_into(student_status_changes::table)
        .values((
            student_status_changes::organization_id.eq(tenant.organization()),
            student_status_changes::student_id.eq(student),
            student_status_changes::from_status.eq(from),
            student_status_changes::to_status.eq(to),
            student_status_changes::on_date.eq(on),
            student_status_changes::reason.eq(reason),
            student_status_changes::created_by_id.eq(user),
            student_status_changes::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())
        .map(drop)
}

/// Sets a student's status; returns the one before, or `None` when there is no such student.
pub fn set_status(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    status: StudentStatus,
) -> QueryResult<Option<StudentStatus>> {
    let before: Option<StudentStatus> = school::students::live(tenant)
        .filter(students::id.eq(student))
        .select(students::status)
        .for_update()
        .first(tenant.conn())
        .optional()?;
    if before.is_some() {
        let user = tenant.user().map(|u| u.uuid());
        diesel::update(students::table.filter(students::id.eq(student)))
            .set((
                students::status.eq(status),
                students::updated_by_id.eq(user),
            ))
            .execute(tenant.conn())?;
    }
    Ok(before)
}

/// The documents filed under the student (by id or number): id, name, when uploaded.
pub fn documents_of(
    tenant: &mut Tenant<'_>,
    references: &[String],
) -> QueryResult<Vec<DocumentRow>> {
    own::documents::live(tenant)
        .filter(documents::entity_type.eq(DocumentEntityType::Student))
        .filter(documents::entity_reference.eq_any(references))
        .order(documents::created_at.desc())
        .select((documents::id, documents::name, documents::uploaded_at))
        .load(tenant.conn())
}

// ----- admissions -----

/// An applicant on the admissions list.
#[derive(Queryable)]
pub struct Applicant {
    pub id: Uuid,
    pub student_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub stage: AdmissionStage,
    pub applied_on: NaiveDate,
    pub grade_id: Option<Uuid>,
    pub grade: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub reason: Option<String>,
}

/// The admissions of the school, the open ones first, newest first.
pub fn applicants(tenant: &mut Tenant<'_>, id: Option<Uuid>) -> QueryResult<Vec<Applicant>> {
    let mut query = own::admissions::live(tenant)
        .inner_join(students::table)
        .left_join(grades::table)
        .filter(students::deleted_at.is_null())
        .order((
            admissions::stage.eq(AdmissionStage::Enrolled),
            admissions::stage.eq(AdmissionStage::Declined),
            admissions::applied_on.desc(),
            students::last_name,
        ))
        .select((
            admissions::id,
            students::id,
            students::first_name,
            students::last_name,
            students::date_of_birth,
            admissions::stage,
            admissions::applied_on,
            admissions::grade_id,
            grades::name.nullable(),
            admissions::decided_on,
            admissions::reason,
        ))
        .into_boxed();
    if let Some(id) = id {
        query = query.filter(admissions::id.eq(id));
    }
    query.load(tenant.conn())
}

/// A new applicant: the student row (status applicant, no number yet) and its admission.
pub struct NewApplicant<'a> {
    pub campus_id: Uuid,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub date_of_birth: Option<NaiveDate>,
    pub grade_id: Option<Uuid>,
    pub applied_on: NaiveDate,
    pub notes: Option<&'a str>,
}

pub fn insert_applicant(tenant: &mut Tenant<'_>, a: &NewApplicant<'_>) -> QueryResult<Uuid> {
    let user = tenant.user().map(|u| u.uuid());
    let org = tenant.organization();
    let student: Uuid = diesel::insert_into(students::table)
        .values((
            students::organization_id.eq(org),
            students::campus_id.eq(a.campus_id),
            students::first_name.eq(a.first_name),
            students::last_name.eq(a.last_name),
            students::date_of_birth.eq(a.date_of_birth),
            students::status.eq(StudentStatus::Applicant),
            students::created_by_id.eq(user),
            students::updated_by_id.eq(user),
        ))
        .returning(students::id)
        .get_result(tenant.conn())?;
    diesel::insert_into(admissions::table)
        .values((
            admissions::organization_id.eq(org),
            admissions::student_id.eq(student),
            admissions::applied_on.eq(a.applied_on),
            admissions::grade_id.eq(a.grade_id),
            admissions::notes.eq(a.notes),
            admissions::created_by_id.eq(user),
            admissions::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())?;
    Ok(student)
}

/// Links the guardian named on an application; the database finds or creates
/// their person (see `families`).
pub fn insert_guardian(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    g: &super::admissions::GuardianLink,
) -> QueryResult<()> {
    let user = tenant.user().map(|u| u.uuid());
    diesel::insert_into(guardians::table)
        .values((
            guardians::organization_id.eq(tenant.organization()),
            guardians::student_id.eq(student),
            guardians::full_name.eq(&g.name),
            guardians::relationship.eq(g.relationship),
            guardians::email.eq(&g.email),
            guardians::phone.eq(&g.phone),
            guardians::primary_contact.eq(true),
            guardians::emergency_contact.eq(true),
            guardians::receives_invoices.eq(true),
            guardians::created_by_id.eq(user),
            guardians::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())
        .map(drop)
}

/// The day a student started at the school.
pub fn set_enrollment_date(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    on: NaiveDate,
) -> QueryResult<()> {
    diesel::update(students::table.filter(students::id.eq(student)))
        .set(students::enrollment_date.eq(on))
        .execute(tenant.conn())
        .map(drop)
}

/// Moves an admission to a stage, with the day and who decided; locks the row.
pub fn set_stage(
    tenant: &mut Tenant<'_>,
    admission: Uuid,
    stage: AdmissionStage,
    reason: Option<&str>,
) -> QueryResult<()> {
    let user = tenant.user().map(|u| u.uuid());
    let today = tenant.today();
    diesel::update(admissions::table.filter(admissions::id.eq(admission)))
        .set((
            admissions::stage.eq(stage),
            admissions::decided_on.eq(today),
            admissions::decided_by_id.eq(user),
            admissions::reason.eq(reason),
            admissions::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())
        .map(drop)
}

/// The stage of an admission and its student, locked for the change.
pub fn admission_for_update(
    tenant: &mut Tenant<'_>,
    admission: Uuid,
) -> QueryResult<Option<(AdmissionStage, Uuid)>> {
    own::admissions::live(tenant)
        .filter(admissions::id.eq(admission))
        .select((admissions::stage, admissions::student_id))
        .for_update()
        .first(tenant.conn())
        .optional()
}

// ----- classes and enrolments -----

/// A class of a year, with its grade, campus, size and capacity.
#[derive(Queryable, Clone)]
pub struct ClassChoice {
    pub id: Uuid,
    pub name: String,
    pub grade_id: Uuid,
    pub grade: String,
    pub campus_id: Uuid,
    pub capacity: Option<i32>,
}

/// The live classes of a year, in grade order.
pub fn classes_of_year(tenant: &mut Tenant<'_>, year: Uuid) -> QueryResult<Vec<ClassChoice>> {
    school::classes::live(tenant)
        .inner_join(grades::table)
        .filter(classes::academic_year_id.eq(year))
        .order((
            grades::sort_order.asc().nulls_last(),
            grades::name,
            classes::name,
        ))
        .select((
            classes::id,
            classes::name,
            grades::id,
            grades::name,
            classes::campus_id,
            classes::capacity,
        ))
        .load(tenant.conn())
}

/// The grades of the school, in order.
pub fn grades_list(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    school::grades::live(tenant)
        .order((grades::sort_order.asc().nulls_last(), grades::name))
        .select((grades::id, grades::name))
        .load(tenant.conn())
}

/// The campuses of the school, by name.
pub fn campuses_list(tenant: &mut Tenant<'_>) -> QueryResult<Vec<(Uuid, String)>> {
    school::campuses::live(tenant)
        .order(campuses::name)
        .select((campuses::id, campuses::name))
        .load(tenant.conn())
}

/// How many students are actively enrolled in a class; locks the class row, so two
/// enrolments at once count each other.
pub fn active_count(tenant: &mut Tenant<'_>, class: Uuid) -> QueryResult<i64> {
    school::classes::live(tenant)
        .filter(classes::id.eq(class))
        .select(classes::id)
        .for_update()
        .first::<Uuid>(tenant.conn())
        .optional()?;
    school::class_enrollments::live(tenant)
        .filter(class_enrollments::class_id.eq(class))
        .filter(class_enrollments::status.eq(ClassEnrollmentStatus::Active))
        .count()
        .get_result(tenant.conn())
}

/// Students who may be enrolled: active (or accepted applicants), not actively
/// enrolled in a class of the year, filtered by grade (of their latest class or
/// admission) and campus.
#[derive(Queryable)]
pub struct Candidate {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub student_number: Option<String>,
    pub campus: String,
}

pub fn candidates(
    tenant: &mut Tenant<'_>,
    year: Uuid,
    campus: Option<Uuid>,
    grade: Option<Uuid>,
) -> QueryResult<Vec<Candidate>> {
    let org = tenant.organization();
    let enrolled_this_year = class_enrollments::table
        .inner_join(classes::table)
        .filter(school::class_enrollments::is_live(org))
        .filter(class_enrollments::status.eq(ClassEnrollmentStatus::Active))
        .filter(classes::academic_year_id.eq(year))
        .select(class_enrollments::student_id);
    let mut query = school::students::live(tenant)
        .inner_join(campuses::table)
        .filter(students::status.eq(StudentStatus::Active))
        .filter(diesel::dsl::not(students::id.eq_any(enrolled_this_year)))
        .order((students::last_name, students::first_name))
        .select((
            students::id,
            students::first_name,
            students::last_name,
            students::student_number,
            campuses::name,
        ))
        .into_boxed();
    if let Some(campus) = campus {
        query = query.filter(students::campus_id.eq(campus));
    }
    if let Some(grade) = grade {
        // The grade of the class they were last in, or the grade they applied for.
        let in_grade = class_enrollments::table
            .inner_join(classes::table)
            .filter(school::class_enrollments::is_live(org))
            .filter(classes::grade_id.eq(grade))
            .select(class_enrollments::student_id);
        let applied = admissions::table
            .filter(admissions::grade_id.eq(grade))
            .filter(admissions::deleted_at.is_null())
            .select(admissions::student_id);
        query = query.filter(
            students::id
                .eq_any(in_grade)
                .or(students::id.eq_any(applied)),
        );
    }
    query.limit(500).load(tenant.conn())
}

/// Enrols a student in a class from a day.
pub fn insert_enrolment(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    class: Uuid,
    on: NaiveDate,
) -> QueryResult<()> {
    let user = tenant.user().map(|u| u.uuid());
    diesel::insert_into(class_enrollments::table)
        .values((
            class_enrollments::organization_id.eq(tenant.organization()),
            class_enrollments::class_id.eq(class),
            class_enrollments::student_id.eq(student),
            class_enrollments::enrolled_on.eq(on),
            class_enrollments::status.eq(ClassEnrollmentStatus::Active),
            class_enrollments::created_by_id.eq(user),
            class_enrollments::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())
        .map(drop)
}

/// Ends a student's active enrolments (all, or one class's) on a day with a status;
/// returns how many ended.
pub fn end_enrolments(
    tenant: &mut Tenant<'_>,
    student: Uuid,
    only_class: Option<Uuid>,
    on: NaiveDate,
    status: ClassEnrollmentStatus,
) -> QueryResult<usize> {
    let user = tenant.user().map(|u| u.uuid());
    let mut target = diesel::update(class_enrollments::table)
        .filter(class_enrollments::student_id.eq(student))
        .filter(class_enrollments::deleted_at.is_null())
        .filter(class_enrollments::status.eq(ClassEnrollmentStatus::Active))
        .into_boxed();
    if let Some(class) = only_class {
        target = target.filter(class_enrollments::class_id.eq(class));
    }
    target
        .set((
            class_enrollments::ended_on.eq(on),
            class_enrollments::status.eq(status),
            class_enrollments::updated_by_id.eq(user),
        ))
        .execute(tenant.conn())
}

/// Gives the student the school's next number if they have none.
pub fn assign_number(tenant: &mut Tenant<'_>, student: Uuid) -> QueryResult<Option<String>> {
    crate::families::numbers::assign(tenant, student)?;
    school::students::live(tenant)
        .filter(students::id.eq(student))
        .select(students::student_number)
        .first::<Option<String>>(tenant.conn())
        .optional()
        .map(Option::flatten)
}

/// A class of the school (any year), when it is live.
pub fn class(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<ClassChoice>> {
    school::classes::live(tenant)
        .inner_join(grades::table)
        .filter(classes::id.eq(id))
        .select((
            classes::id,
            classes::name,
            grades::id,
            grades::name,
            classes::campus_id,
            classes::capacity,
        ))
        .first(tenant.conn())
        .optional()
}

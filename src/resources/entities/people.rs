//! Campuses and the people on them.

use super::academics::{ASSESSMENT_RESULTS, CLASS_ENROLLMENTS, CLASS_SUBJECTS, CLASSES};
use super::attendance::{ATTENDANCE_RECORDS, STAFF_ATTENDANCE_RECORDS};
use super::finance::INVOICES;
use crate::access::Entity;
use crate::choices;
use crate::db::Tenant;
use crate::db::enums::{
    GuardianRelationship, StaffStatus, StaffType, StudentGender, StudentStatus,
};
use crate::i18n::msg;
use crate::resources::{Child, Field, Hooks, Mode, Resource};
use crate::web::form::FieldErrors;
use diesel::QueryResult;
use uuid::Uuid;

pub static CAMPUSES: Resource = Resource {
    entity: Entity::Campuses,
    singular: "campus",
    title: "name",
    fields: &[
        Field::text("name", msg("field-name")).required().sortable(),
        Field::text("code", msg("field-code")).max(20).sortable(),
        Field::text("address", msg("field-address")),
        Field::text("phone", msg("field-phone")).max(40),
        Field::email("email", msg("field-email")).listed(),
        Field::text("mascot", msg("field-mascot")).max(80),
        Field::text("color", msg("field-colour")).max(40),
        Field::long_text("description", msg("field-description")),
        Field::flag("is_online", msg("field-online-campus")),
        Field::flag("active", msg("field-campus-active")).sortable(),
    ],
    search: &["name", "code", "address"],
    filters: &["active", "is_online"],
    order: &["name"],
    natural_key: &["name"],
    children: &[
        Child::refuse(&STUDENTS, "campus_id"),
        Child::refuse(&STAFF, "campus_id"),
        Child::refuse(&CLASSES, "campus_id"),
    ],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

pub static STUDENTS: Resource = Resource {
    entity: Entity::Students,
    singular: "student",
    title: "concat_ws(' ', first_name, last_name)",
    fields: &[
        Field::text("student_number", msg("field-student-number"))
            .max(40)
            .sortable(),
        Field::text("first_name", msg("field-first-name"))
            .max(100)
            .required()
            .naming(),
        Field::text("last_name", msg("field-last-name"))
            .max(100)
            .required()
            .sortable()
            .naming(),
        Field::choice(
            "gender",
            msg("field-gender"),
            "student_gender",
            choices!(StudentGender),
        ),
        Field::date("date_of_birth", msg("field-date-of-birth")),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES)
            .required()
            .listed(),
        Field::date("enrollment_date", msg("field-enrolled-on")).sortable(),
        // A student entered through the records is at school; admissions enter applicants.
        Field::choice(
            "status",
            msg("field-status"),
            "student_status",
            choices!(StudentStatus),
        )
        .required()
        .sortable()
        .or("active"),
        Field::email("email", msg("field-email")),
        Field::text("phone", msg("field-phone")).max(40),
        Field::text("address", msg("field-address")),
    ],
    // The columns of its folded search text (search index, migration 000060).
    search: &[
        "first_name",
        "last_name",
        "student_number",
        "email",
        "phone",
    ],
    filters: &["status", "campus_id", "gender", "enrollment_date"],
    order: &["last_name", "first_name"],
    natural_key: &["student_number"],
    children: &[
        Child::cascade(&GUARDIANS, "student_id"),
        Child::cascade(&CLASS_ENROLLMENTS, "student_id"),
        Child::refuse(&ATTENDANCE_RECORDS, "student_id"),
        Child::refuse(&ASSESSMENT_RESULTS, "student_id"),
        Child::refuse(&INVOICES, "student_id"),
    ],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks {
        after_write: Some(student_written),
        warn: Some(crate::families::duplicates::same_student),
        check: Some(not_erased),
        ..Hooks::NONE
    },
};

/// An erased record never comes back from the trash nor takes new personal data:
/// erasure cannot be undone.
fn not_erased(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    _row: &[Option<String>],
    t: crate::i18n::Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    if let Some(id) = id
        && crate::privacy::erasure::is_erased(tenant, id)?
    {
        errors.add("first_name", t.text(msg("priv-erase-never-back")));
    }
    Ok(())
}

/// A student left without a number gets the organization's next one.
fn student_written(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    _before: Option<&[Option<String>]>,
) -> QueryResult<()> {
    crate::families::numbers::assign(tenant, id)
}

pub static GUARDIANS: Resource = Resource {
    entity: Entity::Guardians,
    singular: "guardian",
    title: "full_name",
    fields: &[
        // A parent already on file is picked rather than typed again; the database
        // links a typed one to the person with the same e-mail, or name and phone.
        Field::relation("person_id", msg("fam-field-person"), &GUARDIAN_PEOPLE),
        Field::text("full_name", msg("field-full-name"))
            .max(200)
            .sortable(),
        Field::relation("student_id", msg("field-student"), &STUDENTS)
            .required()
            .listed(),
        Field::choice(
            "relationship",
            msg("field-relationship"),
            "guardian_relationship",
            choices!(GuardianRelationship),
        )
        .listed(),
        Field::text("phone", msg("field-phone")).max(40).listed(),
        Field::email("email", msg("field-email")).listed(),
        Field::text("address", msg("field-address")),
        Field::flag("primary_contact", msg("field-primary-contact")),
        Field::flag("lives_with", msg("fam-field-lives-with"))
            .listed()
            .or("true"),
        Field::flag("emergency_contact", msg("fam-field-emergency-contact")).listed(),
        Field::flag("receives_invoices", msg("fam-field-receives-invoices")).listed(),
        Field::flag("receives_messages", msg("fam-field-receives-messages"))
            .listed()
            .or("true"),
        Field::flag("pickup_allowed", msg("fam-field-pickup-allowed"))
            .listed()
            .or("true"),
        Field::choice(
            "language",
            msg("field-language"),
            "text",
            crate::i18n::choices,
        ),
    ],
    // The columns of its folded search text (search index, migration 000060).
    search: &["full_name", "email", "phone"],
    filters: &["relationship", "primary_contact"],
    order: &["full_name"],
    natural_key: &["student_id", "full_name"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks {
        check: Some(check_guardian),
        ..Hooks::NONE
    },
};

/// A link names its person: picked, or typed by name.
fn check_guardian(
    _tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &[Option<String>],
    t: crate::i18n::Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    if GUARDIANS.value(values, "person_id").is_none()
        && GUARDIANS.value(values, "full_name").is_none()
    {
        errors.add("full_name", t.text("fam-person-or-name"));
    }
    Ok(())
}

/// A parent or guardian once, however many children they have at the school.
pub static GUARDIAN_PEOPLE: Resource = Resource {
    entity: Entity::GuardianPeople,
    singular: "parent or guardian",
    title: "full_name",
    fields: &[
        Field::text("full_name", msg("field-full-name"))
            .max(200)
            .required()
            .sortable(),
        Field::relation("family_id", msg("fam-field-family"), &FAMILIES).listed(),
        Field::email("email", msg("field-email")).listed(),
        Field::text("phone", msg("field-phone")).max(40).listed(),
        Field::text("address", msg("field-address")),
        Field::choice(
            "language",
            msg("field-language"),
            "text",
            crate::i18n::choices,
        ),
    ],
    // The columns of its folded search text (search index, migration 000120).
    search: &["full_name", "email", "phone"],
    filters: &["family_id"],
    order: &["full_name"],
    natural_key: &["full_name", "email"],
    children: &[Child::refuse(&GUARDIANS, "person_id")],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

/// A household: the parents and guardians who live together, and through them the children.
pub static FAMILIES: Resource = Resource {
    entity: Entity::Families,
    singular: "family",
    title: "name",
    fields: &[
        Field::text("name", msg("fam-field-family-name"))
            .max(200)
            .required()
            .sortable(),
        Field::text("address", msg("field-address")).listed(),
        Field::long_text("notes", msg("fam-field-notes")),
    ],
    search: &["name", "address"],
    filters: &[],
    order: &["name"],
    natural_key: &["name", "address"],
    children: &[Child::refuse(&GUARDIAN_PEOPLE, "family_id")],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

pub static STAFF: Resource = Resource {
    entity: Entity::Staff,
    singular: "staff member",
    title: "concat_ws(' ', first_name, last_name)",
    fields: &[
        Field::text("employee_number", msg("field-employee-number"))
            .max(40)
            .sortable(),
        Field::text("first_name", msg("field-first-name"))
            .max(100)
            .required()
            .naming(),
        Field::text("last_name", msg("field-last-name"))
            .max(100)
            .required()
            .sortable()
            .naming(),
        Field::email("email", msg("field-email")).listed(),
        Field::text("phone", msg("field-phone")).max(40),
        Field::text("job_title", msg("field-job-title")).max(100),
        Field::choice(
            "staff_type",
            msg("field-staff-type"),
            "staff_type",
            choices!(StaffType),
        )
        .required()
        .sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
        Field::date("hire_date", msg("field-hired-on")),
        Field::choice(
            "status",
            msg("field-status"),
            "staff_status",
            choices!(StaffStatus),
        )
        .required()
        .sortable(),
    ],
    // The columns of its folded search text (search index, migration 000060).
    search: &[
        "first_name",
        "last_name",
        "employee_number",
        "email",
        "phone",
    ],
    filters: &["status", "staff_type", "campus_id", "hire_date"],
    order: &["last_name", "first_name"],
    natural_key: &["employee_number"],
    children: &[
        Child::refuse(&CLASSES, "homeroom_teacher_id"),
        Child::refuse(&CLASS_SUBJECTS, "teacher_id"),
        Child::refuse(&STAFF_ATTENDANCE_RECORDS, "staff_id"),
    ],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

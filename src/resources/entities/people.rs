//! Campuses and the people on them.

use super::academics::{ASSESSMENT_RESULTS, CLASS_ENROLLMENTS, CLASS_SUBJECTS, CLASSES};
use super::attendance::{ATTENDANCE_RECORDS, STAFF_ATTENDANCE_RECORDS};
use super::finance::INVOICES;
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{
    GuardianRelationship, StaffStatus, StaffType, StudentGender, StudentStatus,
};
use crate::i18n::msg;
use crate::resources::{Child, Field, Hooks, Mode, Resource};

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
        Field::choice(
            "status",
            msg("field-status"),
            "student_status",
            choices!(StudentStatus),
        )
        .required()
        .sortable(),
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
    hooks: &Hooks::NONE,
};

pub static GUARDIANS: Resource = Resource {
    entity: Entity::Guardians,
    singular: "guardian",
    title: "full_name",
    fields: &[
        Field::text("full_name", msg("field-full-name"))
            .max(200)
            .required()
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

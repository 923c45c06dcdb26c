//! School years, grade levels, subjects, classes and who is in them.

use super::people::{CAMPUSES, STAFF, STUDENTS};
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{ClassEnrollmentStatus, ClassStatus, ClassSubjectStatus};
use crate::resources::{Child, Field, Mode, Resource, Rule};

pub static ACADEMIC_YEARS: Resource = Resource {
    entity: Entity::AcademicYears,
    singular: "academic year",
    title: "name",
    fields: &[
        Field::text("name", "Name").max(100).required().sortable(),
        Field::date("start_date", "Starts on").required().sortable(),
        Field::date("end_date", "Ends on").required().sortable(),
        Field::flag("current", "Current year").listed(),
    ],
    search: &["name"],
    filters: &["current", "start_date"],
    order: &["start_date"],
    natural_key: &["name"],
    children: &[Child::refuse(&CLASSES, "academic_year_id")],
    rules: &[Rule::NotBefore {
        later: "end_date",
        earlier: "start_date",
    }],
    mode: Mode::Tenant,
};

pub static GRADES: Resource = Resource {
    entity: Entity::Grades,
    singular: "grade",
    title: "name",
    fields: &[
        Field::text("name", "Name").max(100).required().sortable(),
        Field::text("code", "Code").max(20).sortable(),
        Field::integer("sort_order", "Order", 0, 1000).sortable(),
        Field::long_text("description", "Description"),
    ],
    search: &["name", "code"],
    filters: &[],
    order: &["sort_order", "name"],
    natural_key: &["name"],
    children: &[Child::refuse(&CLASSES, "grade_id")],
    rules: &[],
    mode: Mode::Tenant,
};

pub static SUBJECTS: Resource = Resource {
    entity: Entity::Subjects,
    singular: "subject",
    title: "name",
    fields: &[
        Field::text("name", "Name").max(100).required().sortable(),
        Field::text("code", "Code").max(20).sortable(),
        Field::long_text("description", "Description"),
    ],
    search: &["name", "code"],
    filters: &[],
    order: &["name"],
    natural_key: &["name"],
    children: &[Child::refuse(&CLASS_SUBJECTS, "subject_id")],
    rules: &[],
    mode: Mode::Tenant,
};

pub static CLASSES: Resource = Resource {
    entity: Entity::Classes,
    singular: "class",
    title: "concat_ws(' ', name, section)",
    fields: &[
        Field::text("name", "Name").max(100).required().sortable(),
        Field::text("section", "Section").max(20).listed(),
        Field::relation("campus_id", "Campus", &CAMPUSES)
            .required()
            .listed(),
        Field::relation("academic_year_id", "Academic year", &ACADEMIC_YEARS)
            .required()
            .listed(),
        Field::relation("grade_id", "Grade", &GRADES)
            .required()
            .listed(),
        Field::relation("homeroom_teacher_id", "Homeroom teacher", &STAFF),
        Field::integer("capacity", "Capacity", 0, 1000),
        Field::choice("status", "Status", "class_status", choices!(ClassStatus))
            .required()
            .sortable(),
    ],
    search: &["name", "section"],
    filters: &["status", "campus_id", "academic_year_id", "grade_id"],
    order: &["name", "section"],
    natural_key: &["academic_year_id", "campus_id", "name", "section"],
    children: &[
        Child::cascade(&CLASS_ENROLLMENTS, "class_id"),
        Child::refuse(&CLASS_SUBJECTS, "class_id"),
    ],
    rules: &[],
    mode: Mode::Tenant,
};

pub static CLASS_ENROLLMENTS: Resource = Resource {
    entity: Entity::ClassEnrollments,
    singular: "class enrolment",
    title: "(SELECT concat_ws(' ', s.first_name, s.last_name) FROM students s WHERE s.id = student_id)",
    fields: &[
        Field::relation("student_id", "Student", &STUDENTS)
            .required()
            .listed(),
        Field::relation("class_id", "Class", &CLASSES)
            .required()
            .listed(),
        Field::date("enrolled_on", "Enrolled on").sortable(),
        Field::date("ended_on", "Ended on"),
        Field::choice(
            "status",
            "Status",
            "class_enrollment_status",
            choices!(ClassEnrollmentStatus),
        )
        .required()
        .sortable(),
    ],
    search: &[],
    filters: &["status", "class_id", "enrolled_on"],
    order: &["enrolled_on"],
    natural_key: &["class_id", "student_id"],
    children: &[],
    rules: &[Rule::NotBefore {
        later: "ended_on",
        earlier: "enrolled_on",
    }],
    mode: Mode::Tenant,
};

pub static CLASS_SUBJECTS: Resource = Resource {
    entity: Entity::ClassSubjects,
    singular: "class subject",
    title: "(SELECT sj.name FROM subjects sj WHERE sj.id = subject_id)",
    fields: &[
        Field::relation("class_id", "Class", &CLASSES)
            .required()
            .listed(),
        Field::relation("subject_id", "Subject", &SUBJECTS)
            .required()
            .listed(),
        Field::relation("teacher_id", "Teacher", &STAFF).listed(),
        Field::choice(
            "status",
            "Status",
            "class_subject_status",
            choices!(ClassSubjectStatus),
        )
        .required()
        .sortable(),
    ],
    search: &[],
    filters: &["status", "class_id", "subject_id", "teacher_id"],
    order: &["class_id"],
    natural_key: &["class_id", "subject_id"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
};

//! School years, grade levels, subjects, classes and who is in them.

use diesel::QueryResult;
use uuid::Uuid;

use super::attendance::ATTENDANCE_SESSIONS;
use super::people::{CAMPUSES, STAFF, STUDENTS};
use crate::access::Entity;
use crate::choices;
use crate::db::Tenant;
use crate::db::enums::{
    AssessmentStatus, AssessmentType, ClassEnrollmentStatus, ClassStatus, ClassSubjectStatus,
    DayOfWeek, GradeLetter, TimetableStatus,
};
use crate::resources::{Child, Field, Hooks, Mode, Resource, Rule, queries, store};
use crate::web::form::FieldErrors;

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
    hooks: &Hooks::NONE,
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
    hooks: &Hooks::NONE,
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
    hooks: &Hooks::NONE,
};

pub static CLASSES: Resource = Resource {
    entity: Entity::Classes,
    singular: "class",
    title: class_name!(""),
    fields: &[
        Field::text("name", "Name").max(100).required().naming(),
        Field::text("section", "Section").max(20).naming(),
        Field::relation("campus_id", "Campus", &CAMPUSES)
            .required()
            .listed(),
        Field::relation("academic_year_id", "Academic year", &ACADEMIC_YEARS)
            .required()
            .listed(),
        Field::relation("grade_id", "Grade", &GRADES)
            .required()
            .sortable(),
        Field::relation("homeroom_teacher_id", "Homeroom teacher", &STAFF),
        Field::integer("capacity", "Capacity", 0, 1000),
        Field::choice("status", "Status", "class_status", choices!(ClassStatus))
            .required()
            .sortable(),
    ],
    search: &["name", "section"],
    filters: &["status", "campus_id", "academic_year_id", "grade_id"],
    order: &["grade_id", "name", "section"],
    natural_key: &["academic_year_id", "campus_id", "name", "section"],
    children: &[
        Child::cascade(&CLASS_ENROLLMENTS, "class_id"),
        Child::refuse(&CLASS_SUBJECTS, "class_id"),
        Child::refuse(&ATTENDANCE_SESSIONS, "class_id"),
    ],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
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
    hooks: &Hooks::NONE,
};

pub static CLASS_SUBJECTS: Resource = Resource {
    entity: Entity::ClassSubjects,
    singular: "class subject",
    // "Grade 3 A · Art": the subject alone repeats once per class.
    title: concat!(
        "(SELECT concat_ws(' · ', ",
        class_name!("c."),
        ", sj.name) FROM classes c, subjects sj WHERE c.id = class_id AND sj.id = subject_id)"
    ),
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
    order: &["class_id", "subject_id"],
    natural_key: &["class_id", "subject_id"],
    children: &[
        Child::refuse(&TIMETABLE_PERIODS, "class_subject_id"),
        Child::refuse(&ASSESSMENTS, "class_subject_id"),
    ],
    rules: &[],
    hooks: &Hooks::NONE,
    mode: Mode::Tenant,
};

pub static TIMETABLES: Resource = Resource {
    entity: Entity::Timetables,
    singular: "timetable",
    title: "name",
    fields: &[
        Field::text("name", "Name").max(100).required().sortable(),
        Field::relation("campus_id", "Campus", &CAMPUSES)
            .required()
            .listed(),
        Field::relation("academic_year_id", "Academic year", &ACADEMIC_YEARS)
            .required()
            .listed(),
        Field::date("effective_from", "In effect from").sortable(),
        Field::date("effective_to", "In effect until"),
        Field::choice(
            "status",
            "Status",
            "timetable_status",
            choices!(TimetableStatus),
        )
        .required()
        .sortable(),
    ],
    search: &["name"],
    filters: &["status", "campus_id", "academic_year_id", "effective_from"],
    order: &["name"],
    natural_key: &["campus_id", "academic_year_id", "name"],
    children: &[Child::cascade(&TIMETABLE_PERIODS, "timetable_id")],
    rules: &[Rule::NotBefore {
        later: "effective_to",
        earlier: "effective_from",
    }],
    hooks: &Hooks::NONE,
    mode: Mode::Tenant,
};

pub static TIMETABLE_PERIODS: Resource = Resource {
    entity: Entity::TimetablePeriods,
    singular: "timetable period",
    title: "(SELECT concat_ws(' ', sj.name, initcap(day_of_week::text), to_char(starts_at, 'HH24:MI')) \
            FROM class_subjects cs JOIN subjects sj ON sj.id = cs.subject_id WHERE cs.id = class_subject_id)",
    fields: &[
        Field::relation("timetable_id", "Timetable", &TIMETABLES)
            .required()
            .listed(),
        Field::relation("class_subject_id", "Class subject", &CLASS_SUBJECTS)
            .required()
            .listed(),
        Field::choice("day_of_week", "Day", "day_of_week", choices!(DayOfWeek))
            .required()
            .sortable(),
        Field::time("starts_at", "Starts at").required().sortable(),
        Field::time("ends_at", "Ends at").required().listed(),
        Field::text("room", "Room").max(50).listed(),
    ],
    search: &["room"],
    filters: &["day_of_week", "timetable_id", "class_subject_id"],
    order: &["day_of_week", "starts_at"],
    natural_key: &[
        "timetable_id",
        "class_subject_id",
        "day_of_week",
        "starts_at",
    ],
    children: &[],
    rules: &[Rule::NotBefore {
        later: "ends_at",
        earlier: "starts_at",
    }],
    hooks: &Hooks::NONE,
    mode: Mode::Tenant,
};

pub static ASSESSMENTS: Resource = Resource {
    entity: Entity::Assessments,
    singular: "assessment",
    title: "name",
    fields: &[
        Field::text("name", "Name").max(200).required().sortable(),
        Field::relation("class_subject_id", "Class subject", &CLASS_SUBJECTS)
            .required()
            .listed(),
        Field::choice(
            "assessment_type",
            "Type",
            "assessment_type",
            choices!(AssessmentType),
        )
        .required()
        .sortable(),
        Field::timestamp("assigned_at", "Assigned"),
        Field::timestamp("due_at", "Due").sortable(),
        Field::decimal("max_score", "Highest score"),
        Field::choice(
            "status",
            "Status",
            "assessment_status",
            choices!(AssessmentStatus),
        )
        .required()
        .sortable(),
        Field::long_text("instructions", "Instructions"),
    ],
    search: &["name"],
    filters: &["assessment_type", "status", "class_subject_id", "due_at"],
    order: &["due_at", "name"],
    natural_key: &["class_subject_id", "name"],
    children: &[Child::refuse(&ASSESSMENT_RESULTS, "assessment_id")],
    rules: &[Rule::NotBefore {
        later: "due_at",
        earlier: "assigned_at",
    }],
    hooks: &Hooks::NONE,
    mode: Mode::Tenant,
};

pub static ASSESSMENT_RESULTS: Resource = Resource {
    entity: Entity::AssessmentResults,
    singular: "assessment result",
    title: "(SELECT concat_ws(' ', s.first_name, s.last_name) FROM students s WHERE s.id = student_id)",
    fields: &[
        Field::relation("assessment_id", "Assessment", &ASSESSMENTS)
            .required()
            .listed(),
        Field::relation("student_id", "Student", &STUDENTS)
            .required()
            .listed(),
        Field::decimal("score", "Score").sortable(),
        Field::choice(
            "grade_letter",
            "Grade",
            "grade_letter",
            choices!(GradeLetter),
        )
        .sortable(),
        Field::long_text("remarks", "Remarks"),
    ],
    search: &[],
    filters: &["grade_letter", "assessment_id", "student_id"],
    order: &["assessment_id"],
    natural_key: &["assessment_id", "student_id"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks {
        check: Some(check_result),
        ..Hooks::NONE
    },
};

/// A score within the assessment's highest score, one result per student.
fn check_result(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let res = &ASSESSMENT_RESULTS;
    let (Some(assessment), Some(student)) = (
        res.value(values, "assessment_id"),
        res.value(values, "student_id"),
    ) else {
        return Ok(());
    };
    if store::taken(
        tenant,
        res,
        id,
        &[("assessment_id", assessment), ("student_id", student)],
    )? {
        errors.add(
            "student_id",
            "This student already has a result for this assessment.",
        );
    }
    if let Some(score) = res.value(values, "score")
        && let Some(max) = queries::max_score_below(tenant, assessment, score)?
    {
        errors.add("score", format!("Score cannot be more than {max}."));
    }
    Ok(())
}

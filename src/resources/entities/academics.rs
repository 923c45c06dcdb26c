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
use crate::i18n::{Lang, msg};
use crate::resources::{Child, Field, Hooks, Mode, Resource, Rule, queries, store};
use crate::web::form::FieldErrors;

pub static ACADEMIC_YEARS: Resource = Resource {
    entity: Entity::AcademicYears,
    singular: "academic year",
    title: "name",
    fields: &[
        Field::text("name", msg("field-name"))
            .max(100)
            .required()
            .sortable(),
        Field::date("start_date", msg("field-starts-on"))
            .required()
            .sortable(),
        Field::date("end_date", msg("field-ends-on"))
            .required()
            .sortable(),
        Field::flag("current", msg("field-current-year")).listed(),
    ],
    search: &["name"],
    filters: &["current", "start_date"],
    order: &["start_date"],
    natural_key: &["name"],
    children: &[
        Child::cascade(&ACADEMIC_TERMS, "academic_year_id"),
        Child::refuse(&CLASSES, "academic_year_id"),
    ],
    rules: &[Rule::NotBefore {
        later: "end_date",
        earlier: "start_date",
    }],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

/// The parts of a year that assessments and report cards count in.
pub static ACADEMIC_TERMS: Resource = Resource {
    entity: Entity::AcademicTerms,
    singular: "term",
    title: "name",
    fields: &[
        Field::relation(
            "academic_year_id",
            msg("field-academic-year"),
            &ACADEMIC_YEARS,
        )
        .required()
        .listed(),
        Field::text("name", msg("field-name"))
            .max(100)
            .required()
            .sortable(),
        Field::date("starts_on", msg("field-starts-on"))
            .required()
            .sortable(),
        Field::date("ends_on", msg("field-ends-on"))
            .required()
            .sortable(),
    ],
    search: &["name"],
    filters: &["academic_year_id", "starts_on"],
    order: &["starts_on"],
    natural_key: &["academic_year_id", "name"],
    children: &[],
    rules: &[Rule::NotBefore {
        later: "ends_on",
        earlier: "starts_on",
    }],
    mode: Mode::Tenant,
    hooks: &Hooks {
        check: Some(check_term),
        ..Hooks::NONE
    },
};

/// A term inside its year that meets no other term of the year.
fn check_term(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
    errors: &mut FieldErrors,
) -> QueryResult<()> {
    let res = &ACADEMIC_TERMS;
    let date = |column| {
        res.value(values, column)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let year = res
        .value(values, "academic_year_id")
        .and_then(|y| y.parse::<Uuid>().ok());
    let (Some(year), Some(starts_on), Some(ends_on)) = (year, date("starts_on"), date("ends_on"))
    else {
        return Ok(());
    };
    let term = crate::gradebook::terms::TermDates {
        year,
        starts_on,
        ends_on,
        except: id,
    };
    if let Some(message) = crate::gradebook::terms::check(tenant, &term, t)? {
        errors.add("starts_on", message);
    }
    Ok(())
}

pub static GRADES: Resource = Resource {
    entity: Entity::Grades,
    singular: "grade",
    title: "name",
    fields: &[
        Field::text("name", msg("field-name"))
            .max(100)
            .required()
            .sortable(),
        Field::text("code", msg("field-code")).max(20).sortable(),
        Field::integer("sort_order", msg("field-order"), 0, 1000).sortable(),
        Field::long_text("description", msg("field-description")),
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
        Field::text("name", msg("field-name"))
            .max(100)
            .required()
            .sortable(),
        Field::text("code", msg("field-code")).max(20).sortable(),
        Field::long_text("description", msg("field-description")),
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
        Field::text("name", msg("field-name"))
            .max(100)
            .required()
            .naming(),
        Field::text("section", msg("field-section"))
            .max(20)
            .naming(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES)
            .required()
            .listed(),
        Field::relation(
            "academic_year_id",
            msg("field-academic-year"),
            &ACADEMIC_YEARS,
        )
        .required()
        .listed(),
        Field::relation("grade_id", msg("field-grade"), &GRADES)
            .required()
            .sortable(),
        Field::relation("homeroom_teacher_id", msg("field-homeroom-teacher"), &STAFF),
        Field::integer("capacity", msg("field-capacity"), 0, 1000),
        Field::choice(
            "status",
            msg("field-status"),
            "class_status",
            choices!(ClassStatus),
        )
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
        Field::relation("student_id", msg("field-student"), &STUDENTS)
            .required()
            .listed(),
        Field::relation("class_id", msg("field-class"), &CLASSES)
            .required()
            .listed(),
        Field::date("enrolled_on", msg("field-enrolled-on")).sortable(),
        Field::date("ended_on", msg("field-ended-on")),
        Field::choice(
            "status",
            msg("field-status"),
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
        Field::relation("class_id", msg("field-class"), &CLASSES)
            .required()
            .listed(),
        Field::relation("subject_id", msg("field-subject"), &SUBJECTS)
            .required()
            .listed(),
        Field::relation("teacher_id", msg("field-teacher"), &STAFF).listed(),
        Field::choice(
            "status",
            msg("field-status"),
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
        Field::text("name", msg("field-name"))
            .max(100)
            .required()
            .sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES)
            .required()
            .listed(),
        Field::relation(
            "academic_year_id",
            msg("field-academic-year"),
            &ACADEMIC_YEARS,
        )
        .required()
        .listed(),
        Field::date("effective_from", msg("field-in-effect-from")).sortable(),
        Field::date("effective_to", msg("field-in-effect-until")),
        Field::choice(
            "status",
            msg("field-status"),
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
        Field::relation("timetable_id", msg("field-timetable"), &TIMETABLES)
            .required()
            .listed(),
        Field::relation(
            "class_subject_id",
            msg("field-class-subject"),
            &CLASS_SUBJECTS,
        )
        .required()
        .listed(),
        Field::choice(
            "day_of_week",
            msg("field-day"),
            "day_of_week",
            choices!(DayOfWeek),
        )
        .required()
        .sortable(),
        Field::time("starts_at", msg("field-starts-at"))
            .required()
            .sortable(),
        Field::time("ends_at", msg("field-ends-at"))
            .required()
            .listed(),
        Field::text("room", msg("field-room")).max(50).listed(),
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
        Field::text("name", msg("field-name"))
            .max(200)
            .required()
            .sortable(),
        Field::relation(
            "class_subject_id",
            msg("field-class-subject"),
            &CLASS_SUBJECTS,
        )
        .required()
        .listed(),
        Field::choice(
            "assessment_type",
            msg("field-type"),
            "assessment_type",
            choices!(AssessmentType),
        )
        .required()
        .sortable(),
        Field::timestamp("assigned_at", msg("field-assigned")),
        Field::timestamp("due_at", msg("field-due")).sortable(),
        Field::decimal("max_score", msg("field-highest-score")),
        Field::choice(
            "status",
            msg("field-status"),
            "assessment_status",
            choices!(AssessmentStatus),
        )
        .required()
        .sortable(),
        Field::long_text("instructions", msg("field-instructions")),
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
        Field::relation("assessment_id", msg("field-assessment"), &ASSESSMENTS)
            .required()
            .listed(),
        Field::relation("student_id", msg("field-student"), &STUDENTS)
            .required()
            .listed(),
        Field::decimal("score", msg("field-score")).sortable(),
        Field::choice(
            "grade_letter",
            msg("field-grade-letter"),
            "grade_letter",
            choices!(GradeLetter),
        )
        .sortable(),
        Field::long_text("remarks", msg("field-remarks")),
    ],
    search: &[],
    filters: &["grade_letter", "assessment_id", "student_id"],
    // The latest results first, in the order an index keeps (ordering by the
    // assessment read every result of the school for one page).
    order: &["created_at DESC"],
    natural_key: &["assessment_id", "student_id"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks {
        derived: &["grade_letter"],
        fill: Some(fill_result),
        check: Some(check_result),
        ..Hooks::NONE
    },
};

/// A result's letter comes from its score and the school's grading scale.
fn fill_result(
    tenant: &mut Tenant<'_>,
    _id: Option<Uuid>,
    values: &mut [Option<String>],
) -> QueryResult<()> {
    let res = &ASSESSMENT_RESULTS;
    let letter = match (
        res.value(values, "assessment_id")
            .and_then(|a| a.parse::<Uuid>().ok()),
        res.value(values, "score").map(str::to_owned),
    ) {
        (Some(assessment), Some(score)) => {
            crate::gradebook::letter_for(tenant, assessment, &score)?
        }
        _ => None,
    };
    res.set(
        values,
        "grade_letter",
        letter.map(|l| l.as_str().to_owned()),
    );
    Ok(())
}

/// A score within the assessment's highest score, one result per student.
fn check_result(
    tenant: &mut Tenant<'_>,
    id: Option<Uuid>,
    values: &[Option<String>],
    t: Lang,
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
        errors.add("student_id", t.text("record-check-result-taken"));
    }
    if let Some(score) = res.value(values, "score")
        && let Some(max) = queries::max_score_below(tenant, assessment, score)?
    {
        let message = t.message("record-check-score-max").arg("max", &max);
        errors.add("score", message.to_string());
    }
    Ok(())
}

//! The install's shared content, documents, and what people record in the modules:
//! weekly frames, progress, quizzes and walkthrough check-ins.

use super::academics::CLASSES;
use super::people::{CAMPUSES, STAFF};
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{DocumentCategory, DocumentEntityType};
use crate::resources::{Field, Hooks, Mode, Resource, Rule};

/// Install-wide: every school reads it, only a global user changes it.
pub static CONTENT_CATALOG: Resource = Resource {
    entity: Entity::ContentCatalog,
    singular: "catalog entry",
    title: "content_type",
    fields: &[
        Field::text("content_type", "Content type")
            .max(100)
            .required()
            .sortable(),
        Field::json("payload", "Content (a JSON object)").required(),
        Field::flag("active", "Active").listed(),
    ],
    search: &["content_type"],
    filters: &["active"],
    order: &["content_type"],
    natural_key: &["content_type"],
    children: &[],
    rules: &[Rule::JsonObject("payload")],
    mode: Mode::InstallWide {
        global_reads: false,
    },
    hooks: &Hooks::NONE,
};

/// The record; its file is attached on its page.
pub static DOCUMENTS: Resource = Resource {
    entity: Entity::Documents,
    singular: "document",
    title: "name",
    fields: &[
        Field::text("name", "Name").required().sortable(),
        Field::choice(
            "category",
            "Category",
            "document_category",
            choices!(DocumentCategory),
        )
        .required()
        .sortable(),
        Field::choice(
            "entity_type",
            "About",
            "document_entity_type",
            choices!(DocumentEntityType),
        )
        .required()
        .listed(),
        Field::text("entity_reference", "Reference"),
        Field::relation("campus_id", "Campus", &CAMPUSES),
        Field::timestamp("uploaded_at", "Received at").sortable(),
        Field::long_text("notes", "Notes"),
    ],
    search: &["name", "entity_reference", "notes"],
    filters: &["category", "entity_type", "campus_id"],
    order: &["name"],
    natural_key: &["name", "entity_type", "entity_reference"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

pub static FRAME_ENTRIES: Resource = Resource {
    entity: Entity::FrameEntries,
    singular: "frame entry",
    title: "concat_ws(' · ', week_of, author)",
    fields: &[
        Field::text("week_of", "Week of")
            .max(50)
            .required()
            .sortable(),
        Field::text("posted_date", "Posted on").max(50).required(),
        Field::text("author", "Author")
            .max(100)
            .required()
            .sortable(),
        Field::relation("campus_id", "Campus", &CAMPUSES).listed(),
        Field::long_text("formal", "Formal").required(),
        Field::long_text("recognition", "Recognition").required(),
        Field::long_text("application", "Application").required(),
        Field::long_text("management", "Management").required(),
        Field::long_text("emotional", "Emotional").required(),
    ],
    search: &["week_of", "author", "formal", "recognition"],
    filters: &["campus_id"],
    order: &["week_of DESC"],
    natural_key: &["week_of", "author"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

/// Whose progress is in the name: the user is set by the module, not on this form.
pub static USER_PROGRESS: Resource = Resource {
    entity: Entity::UserProgress,
    singular: "progress entry",
    title: "concat_ws(' · ', (SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) FROM users u WHERE u.id = user_id), progress_type, item_id)",
    fields: &[
        Field::text("progress_type", "Kind of progress")
            .max(100)
            .required()
            .sortable(),
        Field::text("item_id", "Item")
            .max(200)
            .required()
            .sortable(),
        Field::text("value", "Value").listed(),
        Field::integer("score", "Score", 0, 100_000).sortable(),
        Field::relation("campus_id", "Campus", &CAMPUSES),
        Field::json("metadata", "Details (JSON)"),
    ],
    search: &["progress_type", "item_id", "value"],
    filters: &["campus_id", "score"],
    order: &["created_at DESC"],
    natural_key: &["progress_type", "item_id"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

pub static SAFETY_QUIZ_RESULTS: Resource = Resource {
    entity: Entity::SafetyQuizResults,
    singular: "safety quiz result",
    title: "concat_ws(' · ', user_name, quiz_title)",
    fields: &[
        Field::text("user_name", "Taken by")
            .max(200)
            .required()
            .sortable(),
        Field::text("user_role", "Role")
            .max(100)
            .required()
            .listed(),
        Field::text("quiz_id", "Quiz code").max(100).required(),
        Field::text("quiz_title", "Quiz").required().sortable(),
        Field::text("week_of", "Week of")
            .max(50)
            .required()
            .sortable(),
        Field::integer("score", "Score", 0, 1000)
            .required()
            .sortable(),
        Field::integer("total_questions", "Questions", 1, 1000)
            .required()
            .listed(),
        Field::json("answers", "Answers (JSON)").required(),
        Field::timestamp("completed_at", "Completed at")
            .required()
            .sortable(),
        Field::relation("campus_id", "Campus", &CAMPUSES),
    ],
    search: &["user_name", "quiz_title", "week_of"],
    filters: &["campus_id", "score", "completed_at"],
    order: &["completed_at DESC"],
    natural_key: &["quiz_id", "user_name", "week_of"],
    children: &[],
    rules: &[Rule::AtMost {
        field: "score",
        limit: "total_questions",
    }],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

pub static PERSONALITY_QUIZ_RESULTS: Resource = Resource {
    entity: Entity::PersonalityQuizResults,
    singular: "personality quiz result",
    title: "concat_ws(' · ', (SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) FROM users u WHERE u.id = user_id), personality_type)",
    fields: &[
        Field::text("personality_type", "Personality type")
            .max(100)
            .required()
            .sortable(),
        Field::json("quiz_answers", "Answers (JSON)").required(),
        Field::timestamp("completed_at", "Completed at")
            .required()
            .sortable(),
        Field::relation("campus_id", "Campus", &CAMPUSES).listed(),
    ],
    search: &["personality_type"],
    filters: &["campus_id", "completed_at"],
    order: &["completed_at DESC"],
    natural_key: &["personality_type", "completed_at"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

/// The raw record of a visit; the walkthrough pages are where directors work.
pub static WALKTHROUGH_CHECKINS: Resource = Resource {
    entity: Entity::WalkthroughCheckins,
    singular: "walkthrough check-in",
    title: "concat_ws(' · ', teacher_name, classroom, check_in_date::text)",
    fields: &[
        Field::date("check_in_date", "Date").required().sortable(),
        Field::time("check_in_time", "Time").required(),
        Field::text("teacher_name", "Teacher").required().sortable(),
        Field::relation("teacher_id", "Teacher's staff record", &STAFF),
        Field::text("classroom", "Classroom").required().listed(),
        Field::relation("class_id", "Class", &CLASSES),
        Field::text("director_name", "Director").required().listed(),
        Field::relation("director_id", "Director's staff record", &STAFF),
        Field::relation("campus_id", "Campus", &CAMPUSES),
        Field::integer("attitude_rating", "Attitude (1–5)", 1, 5).required(),
        Field::long_text("attitude_comment", "Attitude comment"),
        Field::integer(
            "classroom_management_rating",
            "Classroom management (1–5)",
            1,
            5,
        )
        .required(),
        Field::long_text(
            "classroom_management_comment",
            "Classroom management comment",
        ),
        Field::integer("cleanliness_rating", "Cleanliness (1–5)", 1, 5).required(),
        Field::long_text("cleanliness_comment", "Cleanliness comment"),
        Field::integer("vibes_rating", "Atmosphere (1–5)", 1, 5).required(),
        Field::long_text("vibes_comment", "Atmosphere comment"),
        Field::integer("team_dynamics_rating", "Team dynamics (1–5)", 1, 5).required(),
        Field::long_text("team_dynamics_comment", "Team dynamics comment"),
        Field::integer("emergency_exit_rating", "Emergency exit (1–5)", 1, 5).required(),
        Field::long_text("emergency_exit_comment", "Emergency exit comment"),
        Field::integer("lesson_plan_rating", "Lesson plan (1–5)", 1, 5).required(),
        Field::long_text("lesson_plan_comment", "Lesson plan comment"),
        Field::long_text("overall_notes", "Overall notes"),
    ],
    search: &["teacher_name", "classroom", "director_name"],
    filters: &["check_in_date", "campus_id", "teacher_id", "class_id"],
    order: &["check_in_date DESC", "check_in_time DESC"],
    natural_key: &["teacher_name", "check_in_date", "check_in_time"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

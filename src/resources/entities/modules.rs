//! The install's shared content, documents, and what people record in the modules:
//! weekly frames, progress, quizzes and walkthrough check-ins.

use super::academics::CLASSES;
use super::people::{CAMPUSES, STAFF};
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{DocumentCategory, DocumentEntityType};
use crate::i18n::msg;
use crate::resources::{Field, Hooks, Mode, Resource, Rule};

/// Install-wide: every school reads it; only super administrators change it, and
/// only through each content type's editor (`staffdev::content`), whose rules these
/// pages could not apply to a raw payload.
pub static CONTENT_CATALOG: Resource = Resource {
    entity: Entity::ContentCatalog,
    singular: "catalog entry",
    title: "content_type",
    fields: &[
        Field::text("content_type", msg("field-content-type"))
            .max(100)
            .required()
            .sortable(),
        Field::json("payload", msg("field-content-json")).required(),
        Field::flag("active", msg("field-active")).listed(),
    ],
    search: &["content_type"],
    filters: &["active"],
    order: &["content_type"],
    natural_key: &["content_type"],
    children: &[],
    rules: &[Rule::JsonObject("payload")],
    mode: Mode::InstallWideShown,
    hooks: &Hooks::NONE,
};

/// The record; its file is attached on its page.
pub static DOCUMENTS: Resource = Resource {
    entity: Entity::Documents,
    singular: "document",
    title: "name",
    fields: &[
        Field::text("name", msg("field-name")).required().sortable(),
        Field::choice(
            "category",
            msg("field-category"),
            "document_category",
            choices!(DocumentCategory),
        )
        .required()
        .sortable(),
        Field::choice(
            "entity_type",
            msg("field-about"),
            "document_entity_type",
            choices!(DocumentEntityType),
        )
        .required()
        .listed(),
        Field::text("entity_reference", msg("field-reference")),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES),
        Field::timestamp("uploaded_at", msg("field-received-at")).sortable(),
        Field::long_text("notes", msg("field-notes")),
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

/// Written and published on the weekly frame's pages, never here.
pub static FRAME_ENTRIES: Resource = Resource {
    entity: Entity::FrameEntries,
    singular: "frame entry",
    title: "concat_ws(' · ', week_of, author)",
    fields: &[
        Field::text("week_of", msg("field-week-of"))
            .max(50)
            .required()
            .sortable(),
        Field::text("posted_date", msg("field-posted-on"))
            .max(50)
            .required(),
        Field::text("author", msg("field-author"))
            .max(100)
            .required()
            .sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
        Field::long_text("formal", msg("field-formal")).required(),
        Field::long_text("recognition", msg("field-recognition")).required(),
        Field::long_text("application", msg("field-application")).required(),
        Field::long_text("management", msg("field-management")).required(),
        Field::long_text("emotional", msg("field-emotional")).required(),
    ],
    search: &["week_of", "author", "formal", "recognition"],
    filters: &["campus_id"],
    order: &["week_of DESC"],
    natural_key: &["week_of", "author"],
    children: &[],
    rules: &[],
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

/// Whose progress is in the name: written only by the zone check-ins and sign
/// learning, which set the user; never on this form.
pub static USER_PROGRESS: Resource = Resource {
    entity: Entity::UserProgress,
    singular: "progress entry",
    title: "concat_ws(' · ', (SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) FROM users u WHERE u.id = user_id), progress_type, item_id)",
    fields: &[
        Field::text("progress_type", msg("field-kind-of-progress"))
            .max(100)
            .required()
            .sortable(),
        Field::text("item_id", msg("field-item"))
            .max(200)
            .required()
            .sortable(),
        Field::text("value", msg("field-value")).listed(),
        Field::integer("score", msg("field-score"), 0, 100_000).sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES),
        Field::json("metadata", msg("field-details-json")),
    ],
    search: &["progress_type", "item_id", "value"],
    filters: &["campus_id", "score"],
    order: &["created_at DESC"],
    natural_key: &["progress_type", "item_id"],
    children: &[],
    rules: &[],
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

/// Written only by the quiz pages, which score on the server.
pub static SAFETY_QUIZ_RESULTS: Resource = Resource {
    entity: Entity::SafetyQuizResults,
    singular: "safety quiz result",
    title: "concat_ws(' · ', user_name, quiz_title)",
    fields: &[
        Field::text("user_name", msg("field-taken-by"))
            .max(200)
            .required()
            .sortable(),
        Field::text("user_role", msg("field-role"))
            .max(100)
            .required()
            .listed(),
        Field::text("quiz_id", msg("field-quiz-code"))
            .max(100)
            .required(),
        Field::text("quiz_title", msg("field-quiz"))
            .required()
            .sortable(),
        Field::text("week_of", msg("field-week-of"))
            .max(50)
            .required()
            .sortable(),
        Field::integer("score", msg("field-score"), 0, 1000)
            .required()
            .sortable(),
        Field::integer("total_questions", msg("field-questions"), 1, 1000)
            .required()
            .listed(),
        Field::json("answers", msg("field-answers-json")).required(),
        Field::timestamp("completed_at", msg("field-completed-at"))
            .required()
            .sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES),
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
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

pub static PERSONALITY_QUIZ_RESULTS: Resource = Resource {
    entity: Entity::PersonalityQuizResults,
    singular: "personality quiz result",
    title: "concat_ws(' · ', (SELECT coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email) FROM users u WHERE u.id = user_id), personality_type)",
    fields: &[
        Field::text("personality_type", msg("field-personality-type"))
            .max(100)
            .required()
            .sortable(),
        Field::json("quiz_answers", msg("field-answers-json")).required(),
        Field::timestamp("completed_at", msg("field-completed-at"))
            .required()
            .sortable(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
    ],
    search: &["personality_type"],
    filters: &["campus_id", "completed_at"],
    order: &["completed_at DESC"],
    natural_key: &["personality_type", "completed_at"],
    children: &[],
    rules: &[],
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

/// The raw record of a visit; the walkthrough pages are where directors work.
pub static WALKTHROUGH_CHECKINS: Resource = Resource {
    entity: Entity::WalkthroughCheckins,
    singular: "walkthrough check-in",
    title: "concat_ws(' · ', teacher_name, classroom, check_in_date::text)",
    fields: &[
        Field::date("check_in_date", msg("field-date"))
            .required()
            .sortable(),
        Field::time("check_in_time", msg("field-time")).required(),
        Field::text("teacher_name", msg("field-teacher"))
            .required()
            .sortable(),
        Field::relation("teacher_id", msg("field-teacher-staff-record"), &STAFF),
        Field::text("classroom", msg("field-classroom"))
            .required()
            .listed(),
        Field::relation("class_id", msg("field-class"), &CLASSES),
        Field::text("director_name", msg("field-director"))
            .required()
            .listed(),
        Field::relation("director_id", msg("field-director-staff-record"), &STAFF),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES),
        Field::integer("attitude_rating", msg("field-attitude-rating"), 1, 5).required(),
        Field::long_text("attitude_comment", msg("field-attitude-comment")),
        Field::integer(
            "classroom_management_rating",
            msg("field-classroom-management-rating"),
            1,
            5,
        )
        .required(),
        Field::long_text(
            "classroom_management_comment",
            msg("field-classroom-management-comment"),
        ),
        Field::integer("cleanliness_rating", msg("field-cleanliness-rating"), 1, 5).required(),
        Field::long_text("cleanliness_comment", msg("field-cleanliness-comment")),
        Field::integer("vibes_rating", msg("field-atmosphere-rating"), 1, 5).required(),
        Field::long_text("vibes_comment", msg("field-atmosphere-comment")),
        Field::integer(
            "team_dynamics_rating",
            msg("field-team-dynamics-rating"),
            1,
            5,
        )
        .required(),
        Field::long_text("team_dynamics_comment", msg("field-team-dynamics-comment")),
        Field::integer(
            "emergency_exit_rating",
            msg("field-emergency-exit-rating"),
            1,
            5,
        )
        .required(),
        Field::long_text(
            "emergency_exit_comment",
            msg("field-emergency-exit-comment"),
        ),
        Field::integer("lesson_plan_rating", msg("field-lesson-plan-rating"), 1, 5).required(),
        Field::long_text("lesson_plan_comment", msg("field-lesson-plan-comment")),
        Field::long_text("overall_notes", msg("field-overall-notes")),
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

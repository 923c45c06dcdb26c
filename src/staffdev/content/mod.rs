//! The install-wide content catalog: one payload per content type
//! (`content_catalog.content_type` is unique among live rows), shared by every
//! school of the install and changed only by super administrators.
//!
//! Each content type is one Rust type implementing [`Content`]: its key, its
//! serde shape and its rules. [`save`] refuses a payload its rules refuse, with a
//! message per field (a path into the payload such as `questions[2].options`), and
//! stores nothing; [`load`] reads the stored payload, or the type's empty default
//! when none is stored yet.

pub mod form;
pub mod personality;
mod queries;
pub mod safety;

use diesel::{PgConnection, QueryResult};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::i18n::Lang;
use crate::web::form::FieldErrors;

/// The content types of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentKey {
    /// The bank of weekly safety quizzes.
    SafetyQuizzes,
    /// The personality quiz: its types and its questions.
    PersonalityQuiz,
    /// The signs staff learn: word, description, a picture or a video.
    SignVocabulary,
    /// The zones of regulation: zone, colour, description, strategies.
    Zones,
}

impl ContentKey {
    pub const ALL: [ContentKey; 4] = [
        ContentKey::SafetyQuizzes,
        ContentKey::PersonalityQuiz,
        ContentKey::SignVocabulary,
        ContentKey::Zones,
    ];

    /// The `content_type` of the type's row.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentKey::SafetyQuizzes => "safety_quizzes",
            ContentKey::PersonalityQuiz => "personality_quiz",
            ContentKey::SignVocabulary => "sign_vocabulary",
            ContentKey::Zones => "zones",
        }
    }
}

/// A content type's payload: what is stored, how it reads, and what makes it usable.
pub trait Content: Serialize + DeserializeOwned + Default + Send + 'static {
    const KEY: ContentKey;

    /// The payload's problems, each against the path of the field it concerns
    /// (`questions[2].options`), in `t`; none when it may be stored.
    fn validate(&self, t: Lang) -> FieldErrors;

    /// The problems of what the payload refers to in the database (a sign's file),
    /// where it differs from the `stored` payload; none for most types.
    fn check_references(
        &self,
        _conn: &mut PgConnection,
        _stored: &Self,
        _t: Lang,
    ) -> QueryResult<FieldErrors> {
        Ok(FieldErrors::default())
    }
}

/// The stored payload of `C`, or its empty default when none is stored. A stored
/// payload that no longer reads as `C` is reported in the log and read as empty.
pub fn load<C: Content>(conn: &mut PgConnection) -> QueryResult<C> {
    Ok(queries::payload(conn, C::KEY)?.map_or_else(C::default, |payload| {
        serde_json::from_value(payload).unwrap_or_else(|e| {
            tracing::warn!(content_type = C::KEY.as_str(), error = %e, "unreadable content payload");
            C::default()
        })
    }))
}

/// Stores `payload` as `C`'s content, recording who changed it (`None`: Homeroom
/// itself, as the demo seed); a payload its rules refuse is not stored and its
/// messages come back.
pub fn save<C: Content>(
    conn: &mut PgConnection,
    payload: &C,
    by: Option<Uuid>,
    t: Lang,
) -> QueryResult<Result<(), FieldErrors>> {
    let mut errors = payload.validate(t);
    if errors.is_empty() {
        let stored = load::<C>(conn)?;
        errors = payload.check_references(conn, &stored, t)?;
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let value = serde_json::to_value(payload)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    queries::store(conn, C::KEY, &value, by)?;
    Ok(Ok(()))
}

/// Where the catalog's rows are changed, for those who may: the label's message id
/// and the editors' first page. The record engine only shows the rows.
pub fn editors_for(
    entity: crate::access::Entity,
    access: &crate::access::Access,
) -> Option<(&'static str, &'static str)> {
    let editor = crate::staffdev::quiz::editor::EDIT_CONTENT;
    (entity == crate::access::Entity::ContentCatalog && access.can(editor) && access.global_access)
        .then_some((
            crate::i18n::msg("sd-catalog-editors"),
            "/staff-development/content/safety-quizzes",
        ))
}

/// The path of an item of a list field: `path("questions", 2)` is `questions[2]`.
pub fn path(list: &str, index: usize) -> String {
    format!("{list}[{index}]")
}

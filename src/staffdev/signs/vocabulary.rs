//! The sign vocabulary content type: each sign's word, what it shows, and the
//! picture or video of it (a file kept by the files module), shared by every school
//! of the install and edited by super administrators.

use diesel::{PgConnection, QueryResult};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::i18n::Lang;
use crate::staffdev::content::{Content, ContentKey, path};
use crate::web::form::FieldErrors;

pub const WORD_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 500;

/// Every sign staff may learn, in the order they are shown.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct SignVocabulary {
    pub signs: Vec<Sign>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct Sign {
    /// Stays the same when the sign is changed: progress is kept against it.
    pub id: Uuid,
    pub word: String,
    pub description: String,
    /// The file showing the sign (an image or a short video), if any.
    #[serde(default)]
    pub media: Option<Uuid>,
    /// The media's type as stored (`image/png`, `video/mp4`).
    #[serde(default)]
    pub media_type: Option<String>,
}

impl Sign {
    pub fn is_video(&self) -> bool {
        self.media_type
            .as_deref()
            .is_some_and(|t| t.starts_with("video/"))
    }
}

impl SignVocabulary {
    pub fn sign(&self, id: Uuid) -> Option<&Sign> {
        self.signs.iter().find(|s| s.id == id)
    }
}

impl Content for SignVocabulary {
    const KEY: ContentKey = ContentKey::SignVocabulary;

    fn validate(&self, t: Lang) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for (i, sign) in self.signs.iter().enumerate() {
            let at = path("signs", i);
            let word = sign.word.trim();
            if word.is_empty() {
                errors.add(format!("{at}.word"), t.text("sd-sign-error-word"));
            } else if word.chars().count() > WORD_MAX {
                let max = t.number(WORD_MAX as i64);
                let message = t.message("sd-sign-error-too-long").arg("max", max);
                errors.add(format!("{at}.word"), message.to_string());
            } else if self.signs[..i]
                .iter()
                .any(|other| other.word.trim().to_lowercase() == word.to_lowercase())
            {
                errors.add(format!("{at}.word"), t.text("sd-sign-error-word-taken"));
            }
            let description = sign.description.trim();
            if description.is_empty() {
                errors.add(
                    format!("{at}.description"),
                    t.text("sd-sign-error-description"),
                );
            } else if description.chars().count() > DESCRIPTION_MAX {
                let max = t.number(DESCRIPTION_MAX as i64);
                let message = t.message("sd-sign-error-too-long").arg("max", max);
                errors.add(format!("{at}.description"), message.to_string());
            }
            if self.signs[..i].iter().any(|other| other.id == sign.id) {
                errors.add(format!("{at}.id"), t.text("sd-sign-error-word-taken"));
            }
        }
        errors
    }

    /// A sign's file must be one kept for that very sign (as the editor keeps it), and
    /// one the connection may see: a school's own files and no other's. Files already
    /// stored with the sign were checked when they were stored.
    fn check_references(
        &self,
        conn: &mut PgConnection,
        stored: &Self,
        t: Lang,
    ) -> QueryResult<FieldErrors> {
        let mut errors = FieldErrors::default();
        for (i, sign) in self.signs.iter().enumerate() {
            let Some(media) = sign.media else { continue };
            let kept = stored.sign(sign.id).and_then(|s| s.media) == Some(media);
            if !kept && crate::files::sign_media(conn, sign.id, media)?.is_none() {
                errors.add(
                    format!("{}.media", path("signs", i)),
                    t.text("sd-sign-error-media-unknown"),
                );
            }
        }
        Ok(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(word: &str, description: &str) -> Sign {
        Sign {
            id: Uuid::new_v4(),
            word: word.to_owned(),
            description: description.to_owned(),
            media: None,
            media_type: None,
        }
    }

    #[test]
    fn a_sign_needs_a_word_of_its_own_and_a_description() {
        let t = Lang::default();
        let good = SignVocabulary {
            signs: vec![sign("Hello", "A wave from the forehead.")],
        };
        assert!(good.validate(t).is_empty());
        let bad = SignVocabulary {
            signs: vec![sign("Hello", "x"), sign("hello ", "y"), sign("Thanks", "")],
        };
        let errors = bad.validate(t);
        assert!(errors.get("signs[1].word").is_some());
        assert!(errors.get("signs[2].description").is_some());
        assert!(errors.get("signs[0].word").is_none());
    }
}

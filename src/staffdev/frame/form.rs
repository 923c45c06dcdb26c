//! The frame form: what the author typed, checked into a [`FrameText`] or sent back
//! with a message per field.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{Frame, FrameText};
use crate::i18n::{Lang, msg};
use crate::staffdev::text::Problem;
use crate::web::form::FieldErrors;

/// The longest a section may be.
pub const SECTION_MAX: usize = 4_000;

/// The five sections, in the order they are written and read: the column and the
/// message id of its heading.
pub const SECTIONS: [(&str, &str); 5] = [
    ("formal", msg("sd-frame-formal")),
    ("recognition", msg("sd-frame-recognition")),
    ("application", msg("sd-frame-application")),
    ("management", msg("sd-frame-management")),
    ("emotional", msg("sd-frame-emotional")),
];

/// The form as typed. `action` is `publish` when the author publishes at once.
#[derive(Deserialize, Default, Clone)]
pub struct FrameValues {
    #[serde(default)]
    pub week_of: String,
    #[serde(default)]
    pub campus: String,
    #[serde(default)]
    pub formal: String,
    #[serde(default)]
    pub recognition: String,
    #[serde(default)]
    pub application: String,
    #[serde(default)]
    pub management: String,
    #[serde(default)]
    pub emotional: String,
    #[serde(default)]
    pub action: String,
}

impl FrameValues {
    /// A new frame: this week's Monday, the whole school.
    pub fn new_for(monday: NaiveDate) -> FrameValues {
        FrameValues {
            week_of: monday.to_string(),
            ..FrameValues::default()
        }
    }

    pub fn of(frame: &Frame) -> FrameValues {
        FrameValues {
            week_of: frame.week_of.clone(),
            campus: frame.campus_id.map(|c| c.to_string()).unwrap_or_default(),
            formal: frame.formal.clone(),
            recognition: frame.recognition.clone(),
            application: frame.application.clone(),
            management: frame.management.clone(),
            emotional: frame.emotional.clone(),
            action: String::new(),
        }
    }

    pub fn section(&self, column: &str) -> &str {
        match column {
            "formal" => &self.formal,
            "recognition" => &self.recognition,
            "application" => &self.application,
            "management" => &self.management,
            _ => &self.emotional,
        }
    }

    pub fn publishes(&self) -> bool {
        self.action == "publish"
    }
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// One section's text, trimmed, or the message saying what is wrong with it.
fn section_text(value: &str, t: &Lang) -> Result<String, String> {
    match crate::staffdev::text::written(value, SECTION_MAX) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(t.text("sd-frame-error-section-empty")),
        Err(Problem::TooLong) => {
            let max = t.number(SECTION_MAX as i64);
            Err(t
                .message("sd-frame-error-section-long")
                .arg("max", max)
                .to_string())
        }
        Err(Problem::Unstorable) => Err(t.text("sd-frame-error-section-unstorable")),
    }
}

/// The frame the form describes, or a message per field; `campuses` are the school's.
pub fn check(
    values: &FrameValues,
    campuses: &[(Uuid, String)],
    t: &Lang,
) -> Result<FrameText, FieldErrors> {
    let mut errors = FieldErrors::default();
    let week_of = NaiveDate::parse_from_str(values.week_of.trim(), "%Y-%m-%d").ok();
    match week_of {
        None => errors.add("week_of", t.text("sd-frame-error-week")),
        Some(d) if d.weekday() != Weekday::Mon => {
            errors.add("week_of", t.text("sd-frame-error-monday"));
        }
        Some(_) => {}
    }
    let campus = match values.campus.trim() {
        "" => None,
        typed => {
            let found = Uuid::parse_str(typed)
                .ok()
                .filter(|id| campuses.iter().any(|(c, _)| c == id));
            if found.is_none() {
                errors.add("campus", t.text("sd-frame-error-campus"));
            }
            found
        }
    };
    let mut sections: [String; 5] = Default::default();
    for (slot, (column, _)) in sections.iter_mut().zip(SECTIONS) {
        match section_text(values.section(column), t) {
            Ok(text) => *slot = text,
            Err(message) => errors.add(column, message),
        }
    }
    match week_of {
        Some(week_of) if errors.is_empty() => Ok(FrameText {
            week_of,
            campus_id: campus,
            sections,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> FrameValues {
        FrameValues {
            week_of: "2026-11-30".to_owned(),
            formal: "f".to_owned(),
            recognition: "r".to_owned(),
            application: "a".to_owned(),
            management: "m".to_owned(),
            emotional: "e".to_owned(),
            ..FrameValues::default()
        }
    }

    #[test]
    fn a_frame_is_for_a_monday_and_every_section_is_written() {
        let t = Lang::default();
        assert!(check(&filled(), &[], &t).is_ok());
        let tuesday = FrameValues {
            week_of: "2026-12-01".to_owned(),
            ..filled()
        };
        assert!(
            check(&tuesday, &[], &t)
                .expect_err("a Tuesday")
                .get("week_of")
                .is_some()
        );
        let blank = FrameValues {
            emotional: "  ".to_owned(),
            ..filled()
        };
        assert!(
            check(&blank, &[], &t)
                .expect_err("blank")
                .get("emotional")
                .is_some()
        );
        let elsewhere = FrameValues {
            campus: Uuid::new_v4().to_string(),
            ..filled()
        };
        assert!(
            check(&elsewhere, &[], &t)
                .expect_err("campus")
                .get("campus")
                .is_some()
        );
    }
}

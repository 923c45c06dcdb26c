//! The personality quiz: the types a person may come out as, and questions whose
//! options each count towards one type.

use serde::{Deserialize, Serialize};

use super::{Content, ContentKey, path};
use crate::i18n::Lang;
use crate::web::form::FieldErrors;

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct PersonalityQuiz {
    #[serde(default)]
    pub types: Vec<PersonalityType>,
    #[serde(default)]
    pub questions: Vec<PersonalityQuestion>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct PersonalityType {
    /// Stays the same when the type is renamed: results and options name it.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct PersonalityQuestion {
    pub prompt: String,
    #[serde(default)]
    pub options: Vec<PersonalityOption>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct PersonalityOption {
    pub text: String,
    /// The key of the type this answer counts towards.
    pub scores: String,
}

impl PersonalityQuiz {
    pub fn type_of(&self, key: &str) -> Option<&PersonalityType> {
        self.types.iter().find(|t| t.key == key)
    }

    /// The type the chosen options (one index per question) count most towards;
    /// a tie goes to the type listed first. `None` when an answer is missing or
    /// names no option.
    pub fn score(&self, chosen: &[usize]) -> Option<&PersonalityType> {
        if chosen.len() != self.questions.len() || self.types.is_empty() {
            return None;
        }
        let mut counts = vec![0usize; self.types.len()];
        for (question, &pick) in self.questions.iter().zip(chosen) {
            let option = question.options.get(pick)?;
            if let Some(n) = self.types.iter().position(|t| t.key == option.scores) {
                counts[n] += 1;
            }
        }
        let best = counts.iter().copied().max().unwrap_or_default();
        let first = counts.iter().position(|&c| c == best)?;
        self.types.get(first)
    }
}

impl Content for PersonalityQuiz {
    const KEY: ContentKey = ContentKey::PersonalityQuiz;

    fn validate(&self, t: Lang) -> FieldErrors {
        let mut errors = FieldErrors::default();
        if self.types.len() < 2 {
            errors.add("types", t.text("content-error-few-types"));
        }
        for (i, ty) in self.types.iter().enumerate() {
            let at = path("types", i);
            if ty.name.trim().is_empty() {
                errors.add(format!("{at}.name"), t.text("content-error-type-name"));
            }
            if ty.description.trim().is_empty() {
                errors.add(
                    format!("{at}.description"),
                    t.text("content-error-type-description"),
                );
            }
        }
        if self.questions.is_empty() {
            errors.add("questions", t.text("content-error-no-questions"));
        }
        for (j, question) in self.questions.iter().enumerate() {
            let at = path("questions", j);
            if question.prompt.trim().is_empty() {
                errors.add(format!("{at}.prompt"), t.text("content-error-prompt"));
            }
            if question.options.len() < 2 {
                errors.add(format!("{at}.options"), t.text("content-error-few-options"));
            }
            for (k, option) in question.options.iter().enumerate() {
                let at = format!("{at}.{}", path("options", k));
                if option.text.trim().is_empty() {
                    errors.add(format!("{at}.text"), t.text("content-error-option-text"));
                }
                if self.type_of(&option.scores).is_none() {
                    errors.add(format!("{at}.scores"), t.text("content-error-option-type"));
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PersonalityQuiz {
        let ty = |key: &str| PersonalityType {
            key: key.into(),
            name: key.to_uppercase(),
            description: "…".into(),
        };
        let option = |scores: &str| PersonalityOption {
            text: "x".into(),
            scores: scores.into(),
        };
        PersonalityQuiz {
            types: vec![ty("a"), ty("b")],
            questions: (0..3)
                .map(|_| PersonalityQuestion {
                    prompt: "?".into(),
                    options: vec![option("a"), option("b")],
                })
                .collect(),
        }
    }

    #[test]
    fn the_type_most_answers_count_towards_wins() {
        let quiz = sample();
        assert!(quiz.validate(Lang::default()).is_empty());
        assert_eq!(quiz.score(&[1, 1, 0]).map(|t| t.key.as_str()), Some("b"));
        assert_eq!(quiz.score(&[0, 1, 0]).map(|t| t.key.as_str()), Some("a"));
        assert!(quiz.score(&[0, 1]).is_none());
        assert!(quiz.score(&[0, 1, 5]).is_none());
    }

    #[test]
    fn an_option_must_count_towards_a_known_type() {
        let mut quiz = sample();
        quiz.questions[1].options[0].scores = "z".into();
        let errors = quiz.validate(Lang::default());
        assert!(errors.get("questions[1].options[0].scores").is_some());
    }
}

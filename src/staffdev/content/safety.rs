//! The safety quiz bank: one quiz per week of the year, each a few questions with
//! options of which exactly one is right, and why.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Content, ContentKey, path};
use crate::i18n::{Lang, msg};
use crate::web::form::FieldErrors;

/// The bank of weekly safety quizzes.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct SafetyQuizzes {
    #[serde(default)]
    pub quizzes: Vec<SafetyQuiz>,
}

/// One week's quiz.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct SafetyQuiz {
    /// Stays the same when the quiz is edited: results name it.
    pub id: String,
    /// The ISO week of the year (1–53) the quiz is for.
    pub week: u32,
    pub title: String,
    #[serde(default)]
    pub questions: Vec<SafetyQuestion>,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct SafetyQuestion {
    pub prompt: String,
    #[serde(default)]
    pub options: Vec<SafetyOption>,
    /// Shown after the quiz: why the right answer is right.
    #[serde(default)]
    pub explanation: String,
}

#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct SafetyOption {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
}

impl SafetyQuestion {
    /// The position of the right option.
    pub fn correct_index(&self) -> Option<usize> {
        self.options.iter().position(|o| o.correct)
    }
}

impl SafetyQuizzes {
    /// The quiz for the week holding `day`: the one set for its ISO week, else the
    /// bank's latest earlier week (going round to last year's end), so a bank of a
    /// few weeks always has this week's quiz.
    pub fn for_day(&self, day: NaiveDate) -> Option<&SafetyQuiz> {
        let week = day.iso_week().week();
        let usable = self.quizzes.iter().filter(|q| !q.questions.is_empty());
        usable
            .clone()
            .filter(|q| q.week <= week)
            .max_by_key(|q| q.week)
            .or_else(|| usable.max_by_key(|q| q.week))
    }

    pub fn find(&self, id: &str) -> Option<&SafetyQuiz> {
        self.quizzes.iter().find(|q| q.id == id)
    }
}

impl Content for SafetyQuizzes {
    const KEY: ContentKey = ContentKey::SafetyQuizzes;

    fn validate(&self, t: Lang) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for (i, quiz) in self.quizzes.iter().enumerate() {
            let at = path("quizzes", i);
            if quiz.title.trim().is_empty() {
                errors.add(format!("{at}.title"), t.text("content-error-title"));
            }
            if !(1..=53).contains(&quiz.week) {
                errors.add(format!("{at}.week"), t.text("content-error-week"));
            }
            if self.quizzes[..i].iter().any(|q| q.week == quiz.week) {
                errors.add(format!("{at}.week"), t.text("content-error-week-taken"));
            }
            if quiz.questions.is_empty() {
                errors.add(
                    format!("{at}.questions"),
                    t.text("content-error-no-questions"),
                );
            }
            for (j, question) in quiz.questions.iter().enumerate() {
                let at = format!("{at}.{}", path("questions", j));
                question_errors(question, &at, t, &mut errors);
            }
        }
        errors
    }
}

fn question_errors(question: &SafetyQuestion, at: &str, t: Lang, errors: &mut FieldErrors) {
    if question.prompt.trim().is_empty() {
        errors.add(format!("{at}.prompt"), t.text("content-error-prompt"));
    }
    if question.options.len() < 2 {
        errors.add(format!("{at}.options"), t.text("content-error-few-options"));
    }
    for (k, option) in question.options.iter().enumerate() {
        if option.text.trim().is_empty() {
            let field = format!("{at}.{}.text", path("options", k));
            errors.add(field, t.text("content-error-option-text"));
        }
    }
    let correct = question.options.iter().filter(|o| o.correct).count();
    if correct != 1 {
        errors.add(format!("{at}.options"), t.text(one_correct(correct)));
    }
    if question.explanation.trim().is_empty() {
        errors.add(
            format!("{at}.explanation"),
            t.text("content-error-explanation"),
        );
    }
}

/// What to say of a question with `correct` right options (not one).
fn one_correct(correct: usize) -> &'static str {
    if correct == 0 {
        msg("content-error-no-correct")
    } else {
        msg("content-error-many-correct")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(week: u32, options: &[(&str, bool)]) -> SafetyQuiz {
        SafetyQuiz {
            id: format!("w{week}"),
            week,
            title: "Fire".into(),
            questions: vec![SafetyQuestion {
                prompt: "Where do you go?".into(),
                options: options
                    .iter()
                    .map(|(text, correct)| SafetyOption {
                        text: (*text).into(),
                        correct: *correct,
                    })
                    .collect(),
                explanation: "The assembly point.".into(),
            }],
        }
    }

    #[test]
    fn a_question_needs_two_options_and_exactly_one_right() {
        let t = Lang::default();
        let good = SafetyQuizzes {
            quizzes: vec![quiz(3, &[("Yard", true), ("Car park", false)])],
        };
        assert!(good.validate(t).is_empty());
        let bad = SafetyQuizzes {
            quizzes: vec![
                quiz(3, &[("Yard", true)]),
                quiz(4, &[("A", true), ("B", true)]),
            ],
        };
        let errors = bad.validate(t);
        assert!(errors.get("quizzes[0].questions[0].options").is_some());
        assert!(errors.get("quizzes[1].questions[0].options").is_some());
        assert!(errors.get("quizzes[0].title").is_none());
    }

    #[test]
    fn this_weeks_quiz_is_the_latest_at_or_before_the_week() {
        let bank = SafetyQuizzes {
            quizzes: vec![
                quiz(10, &[("A", true), ("B", false)]),
                quiz(20, &[("A", true), ("B", false)]),
            ],
        };
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(bank.for_day(on(2026, 5, 20)).map(|q| q.week), Some(20));
        assert_eq!(bank.for_day(on(2026, 4, 1)).map(|q| q.week), Some(10));
        assert_eq!(bank.for_day(on(2026, 1, 7)).map(|q| q.week), Some(20));
    }
}

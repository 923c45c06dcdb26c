//! Scoring a safety quiz on the server: the answers sent are option positions, one
//! per question; the score is counted here from the bank, never taken from the form.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::staffdev::content::safety::SafetyQuiz;

/// The week a day belongs to, as results store it: its Monday, `2026-11-30`.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// One answer of an attempt, as stored in `answers`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Answer {
    pub question: usize,
    pub chosen: usize,
    pub correct: bool,
}

/// An attempt counted: the score out of the total, and each answer.
#[derive(Debug, PartialEq)]
pub struct Scored {
    pub score: i32,
    pub total: i32,
    pub answers: Vec<Answer>,
}

/// The option chosen for each question from the form's fields `a0`, `a1`, … (the
/// position of the option); a question without a readable answer is `None`.
pub fn chosen(quiz: &SafetyQuiz, fields: &[(String, String)]) -> Vec<Option<usize>> {
    (0..quiz.questions.len())
        .map(|j| {
            let name = format!("a{j}");
            fields
                .iter()
                .find(|(k, _)| *k == name)
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .filter(|&k| k < quiz.questions[j].options.len())
        })
        .collect()
}

/// Scores the quiz; the positions of the unanswered questions when any is missing.
pub fn score(quiz: &SafetyQuiz, chosen: &[Option<usize>]) -> Result<Scored, Vec<usize>> {
    let missing: Vec<usize> = (0..quiz.questions.len())
        .filter(|&j| chosen.get(j).copied().flatten().is_none())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let answers: Vec<Answer> = quiz
        .questions
        .iter()
        .zip(chosen)
        .enumerate()
        .filter_map(|(question, (q, pick))| {
            let chosen = (*pick)?;
            Some(Answer {
                question,
                chosen,
                correct: q.correct_index() == Some(chosen),
            })
        })
        .collect();
    let score = answers.iter().filter(|a| a.correct).count();
    Ok(Scored {
        score: i32::try_from(score).unwrap_or(i32::MAX),
        total: i32::try_from(quiz.questions.len()).unwrap_or(i32::MAX),
        answers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staffdev::content::safety::{SafetyOption, SafetyQuestion};

    fn quiz() -> SafetyQuiz {
        let q = |right: usize| SafetyQuestion {
            prompt: "?".into(),
            options: (0..3)
                .map(|k| SafetyOption {
                    text: format!("o{k}"),
                    correct: k == right,
                })
                .collect(),
            explanation: "because".into(),
        };
        SafetyQuiz {
            id: "q".into(),
            week: 1,
            title: "Q".into(),
            questions: vec![q(0), q(2)],
        }
    }

    #[test]
    fn the_score_counts_right_answers_and_ignores_any_sent_score() {
        let quiz = quiz();
        let sent = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect()
        };
        let picks = chosen(&quiz, &sent(&[("a0", "0"), ("a1", "1"), ("score", "2")]));
        let scored = score(&quiz, &picks).ok();
        assert_eq!(scored.map(|s| (s.score, s.total)), Some((1, 2)));
        let picks = chosen(&quiz, &sent(&[("a0", "0"), ("a1", "7")]));
        assert_eq!(score(&quiz, &picks).err(), Some(vec![1]));
    }

    #[test]
    fn a_week_is_named_by_its_monday() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        assert_eq!(week_of(day).to_string(), "2026-11-30");
    }
}

//! The staff-development quizzes of the demo: the install's safety quiz bank (five
//! weeks, ending with this one) and personality quiz, in English, and each school's
//! results — safety quizzes taken over the last weeks, most staff's personality type.
//! The demo's sign-in accounts have taken neither this week, so they find both waiting.

use anyhow::Context;
use chrono::{Datelike, NaiveDate, TimeDelta};
use diesel::prelude::*;
use rand::Rng;

use super::Ctx;
use super::organization::Org;
use super::people::People;
use super::support::{new_id, stream};
use crate::db::schema::{personality_quiz_results, safety_quiz_results};
use crate::i18n::Lang;
use crate::staffdev::content::personality::{
    PersonalityOption, PersonalityQuestion, PersonalityQuiz, PersonalityType,
};
use crate::staffdev::content::safety::{SafetyOption, SafetyQuestion, SafetyQuiz, SafetyQuizzes};
use crate::staffdev::content::{self, Content};
use crate::staffdev::quiz::rules;

/// (title, [(question, options with the right one first, explanation)]).
type Week = (
    &'static str,
    &'static [(&'static str, [&'static str; 4], &'static str)],
);

const BANK: [Week; 5] = [
    (
        "Fire evacuation",
        &[
            (
                "The fire alarm sounds during a lesson. What do you do first?",
                [
                    "Lead the class out by the nearest safe exit",
                    "Finish the activity, then leave",
                    "Phone the office to ask if it is a drill",
                    "Collect everyone's bags",
                ],
                "Every alarm is real until you are told otherwise: leave at once by the nearest safe exit.",
            ),
            (
                "What do you take with you?",
                [
                    "The class register",
                    "Your laptop",
                    "The students' coats",
                    "Nothing at all",
                ],
                "The register lets you account for every child at the assembly point.",
            ),
            (
                "Your usual exit is blocked by smoke. You…",
                [
                    "Use the next nearest exit on the evacuation plan",
                    "Wait for the smoke to clear",
                    "Go through the smoke quickly",
                    "Return to the classroom",
                ],
                "Every room has a second route on its plan: know it before you need it.",
            ),
            (
                "At the assembly point a student is missing. You…",
                [
                    "Tell the fire warden at once",
                    "Go back in to look",
                    "Send another student to look",
                    "Wait until the roll is over",
                ],
                "Only trained responders go back in; the warden needs to know straight away.",
            ),
        ],
    ),
    (
        "Lockdown",
        &[
            (
                "A lockdown is announced. What do you do first?",
                [
                    "Lock the door and move everyone out of sight",
                    "Go to the corridor to see what is happening",
                    "Let students phone their parents",
                    "Open the windows",
                ],
                "Lock, hide and stay silent: out of sight from doors and windows.",
            ),
            (
                "Someone knocks and asks you to open the door. You…",
                [
                    "Keep it shut until the all-clear comes through the agreed channel",
                    "Open it if they sound like a colleague",
                    "Open it a crack to look",
                    "Ask the students what to do",
                ],
                "The all-clear comes only through the agreed channel, never through a knock.",
            ),
            (
                "A student is in the toilets when lockdown starts. You…",
                [
                    "Stay with your class and report the missing student to the office",
                    "Leave the class to find them",
                    "Send a student to find them",
                    "Ignore it until the end",
                ],
                "Your class stays safe with you; the office coordinates anyone missing.",
            ),
        ],
    ),
    (
        "Safeguarding",
        &[
            (
                "A child tells you something worrying about home. You…",
                [
                    "Listen, stay calm and report it to the safeguarding lead the same day",
                    "Promise to keep it secret",
                    "Ask leading questions to find out more",
                    "Call the parents to check",
                ],
                "Never promise secrecy; listen, record their words and report the same day.",
            ),
            (
                "How do you record what the child said?",
                [
                    "In their own words, with the date and time",
                    "As a summary of what you think happened",
                    "Only if you believe them",
                    "On a sticky note",
                ],
                "Their own words, dated and timed, are what the safeguarding lead needs.",
            ),
            (
                "A colleague's behaviour with a student worries you. You…",
                [
                    "Report it to the head or safeguarding lead",
                    "Talk it over with other colleagues first",
                    "Wait to see if it happens again",
                    "Say nothing: it is not your business",
                ],
                "Concerns about adults go straight to the head or the safeguarding lead.",
            ),
            (
                "Who may you share a safeguarding concern with?",
                [
                    "Only those who need to know",
                    "Any colleague who asks",
                    "Other parents",
                    "Nobody, ever",
                ],
                "Share on a need-to-know basis, to protect the child and the process.",
            ),
        ],
    ),
    (
        "First aid and allergies",
        &[
            (
                "A student with a known nut allergy has trouble breathing after lunch. You…",
                [
                    "Use their adrenaline pen and call emergency services",
                    "Give them water and wait",
                    "Send them to the office alone",
                    "Call their parents first",
                ],
                "Anaphylaxis is an emergency: the pen first, then call for help, and stay with them.",
            ),
            (
                "Where are a student's emergency medicines kept?",
                [
                    "Where the care plan says, known to every adult in the room",
                    "Locked in the head's office",
                    "In the student's bag only",
                    "At home",
                ],
                "Medicines must be reachable in minutes by any adult who needs them.",
            ),
            (
                "A student bumps their head in the playground. You…",
                [
                    "Record it and tell the family the same day",
                    "Do nothing if they seem fine",
                    "Tell them not to mention it",
                    "Wait for a second bump",
                ],
                "Head bumps are always recorded and the family told, even when the child seems fine.",
            ),
        ],
    ),
    (
        "Playground and trips",
        &[
            (
                "How many adults should watch the playground at break?",
                [
                    "As many as the rota says, spread across the areas",
                    "One, at the door",
                    "None if the children are older",
                    "Whoever is free",
                ],
                "The rota keeps every area in sight; stay in your zone until you are relieved.",
            ),
            (
                "Before a school trip leaves, you…",
                [
                    "Check the register, consent forms and medicines",
                    "Count the students once on the bus",
                    "Leave the medicines at school",
                    "Collect phones from everyone",
                ],
                "Register, consent and medicines travel with the group every time.",
            ),
            (
                "A student is lost on a trip. You…",
                [
                    "Keep the group together, alert the lead and follow the missing-child plan",
                    "Split up the group to search",
                    "Wait at the bus",
                    "Phone the parents first",
                ],
                "The group stays together and safe while the lead runs the plan.",
            ),
        ],
    ),
];

/// The ISO week `back` weeks before the week of `today`, going round the year.
fn week_number(today: NaiveDate, back: i64) -> u32 {
    let day = today - TimeDelta::weeks(back);
    day.iso_week().week()
}

/// The install's safety quiz bank: the last quiz is this week's.
fn bank(today: NaiveDate) -> SafetyQuizzes {
    let weeks = BANK.len() as i64;
    SafetyQuizzes {
        quizzes: BANK
            .iter()
            .enumerate()
            .map(|(n, (title, questions))| SafetyQuiz {
                id: format!("demo-safety-{}", n + 1),
                week: week_number(today, weeks - 1 - n as i64),
                title: (*title).to_owned(),
                questions: questions
                    .iter()
                    .map(|(prompt, options, explanation)| SafetyQuestion {
                        prompt: (*prompt).to_owned(),
                        options: options
                            .iter()
                            .enumerate()
                            .map(|(k, text)| SafetyOption {
                                text: (*text).to_owned(),
                                correct: k == 0,
                            })
                            .collect(),
                        explanation: (*explanation).to_owned(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

const TYPES: [(&str, &str, &str); 4] = [
    (
        "organiser",
        "The Organiser",
        "You bring order: plans, routines and lists that the team can lean on. Colleagues come to you when things need to run smoothly; remember to leave room for surprises.",
    ),
    (
        "encourager",
        "The Encourager",
        "You notice how people feel and lift them up. Students and colleagues trust you; remember to look after your own energy too.",
    ),
    (
        "explorer",
        "The Explorer",
        "You love new ideas and try things others have not. You keep lessons fresh; remember to bring the team along with you.",
    ),
    (
        "anchor",
        "The Anchor",
        "You stay calm when others do not, and people steady themselves on you. You are the one to call in a crisis; remember to say when you need support.",
    ),
];

/// Each question's options in the order of [`TYPES`].
const QUESTIONS: [(&str, [&str; 4]); 8] = [
    (
        "A new term starts. You first…",
        [
            "Plan the weeks ahead",
            "Check in with every colleague",
            "Try a new classroom idea",
            "Keep to the routines that work",
        ],
    ),
    (
        "A lesson goes off track. You…",
        [
            "Get back to the plan",
            "Ask the class how they feel",
            "Follow where the class is going",
            "Pause and settle everyone",
        ],
    ),
    (
        "In a staff meeting you are the one who…",
        [
            "Keeps to the agenda",
            "Makes sure everyone is heard",
            "Suggests something new",
            "Calms a heated moment",
        ],
    ),
    (
        "Your favourite part of a school trip is…",
        [
            "A timetable that works",
            "Seeing the students enjoy it",
            "Discovering somewhere new",
            "Everyone back safe",
        ],
    ),
    (
        "A colleague is overwhelmed. You…",
        [
            "Help them make a plan",
            "Listen over a cup of tea",
            "Offer a fresh way to look at it",
            "Take something off their plate",
        ],
    ),
    (
        "Your desk is…",
        [
            "Tidy, with labelled trays",
            "Covered in thank-you cards",
            "Full of half-finished projects",
            "Exactly as it was last year",
        ],
    ),
    (
        "A parent is upset. You…",
        [
            "Set out the facts and next steps",
            "Acknowledge how they feel",
            "Look for a new way forward",
            "Stay calm and steady",
        ],
    ),
    (
        "You unwind by…",
        [
            "Sorting something out",
            "Seeing friends",
            "Learning something new",
            "A quiet walk",
        ],
    ),
];

fn personality() -> PersonalityQuiz {
    PersonalityQuiz {
        types: TYPES
            .iter()
            .map(|(key, name, description)| PersonalityType {
                key: (*key).to_owned(),
                name: (*name).to_owned(),
                description: (*description).to_owned(),
            })
            .collect(),
        questions: QUESTIONS
            .iter()
            .map(|(prompt, options)| PersonalityQuestion {
                prompt: (*prompt).to_owned(),
                options: options
                    .iter()
                    .zip(TYPES)
                    .map(|(text, (key, _, _))| PersonalityOption {
                        text: (*text).to_owned(),
                        scores: key.to_owned(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Stores `payload` unless the catalog already holds its content type.
fn keep<C: Content>(conn: &mut PgConnection, payload: &C) -> anyhow::Result<()> {
    let stored: C = content::load(conn)?;
    let empty = serde_json::to_value(&stored)? == serde_json::to_value(C::default())?;
    if empty {
        content::save(conn, payload, None, Lang::default())?
            .map_err(|e| anyhow::anyhow!("the demo's {} payload: {e:?}", C::KEY.as_str()))?;
    }
    Ok(())
}

/// The install's quiz content, unless the catalog already has its own.
pub fn create_content(conn: &mut PgConnection, today: NaiveDate) -> anyhow::Result<()> {
    keep(conn, &bank(today)).context("storing the demo's safety quiz bank")?;
    keep(conn, &personality()).context("storing the demo's personality quiz")
}

/// Results for this many staff of a school at most (a district's benchmark schools
/// need no more).
const MOST_STAFF: usize = 200;

/// The demo's sign-in accounts, who find this week's quiz waiting.
fn signs_in(email: &str) -> bool {
    ["admin@", "director@", "teacher@", "accounts@", "office@"]
        .iter()
        .any(|p| email.starts_with(p))
}

/// Each school's results: the last four weeks' safety quizzes (about four in five
/// staff each week, some twice) and this week's so far (about half), and most
/// staff's personality type.
pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    people: &People,
) -> anyhow::Result<usize> {
    let mut rng = stream(ctx.school.key, "staffdev-quiz");
    let bank = bank(ctx.today);
    let quiz = personality();
    let mut rows = 0;
    for back in 0..5i64 {
        let day = ctx.today - TimeDelta::weeks(back);
        let Some(week_quiz) = bank.for_day(day) else {
            continue;
        };
        let monday = rules::week_of(day);
        let share = if back == 0 { 0.5 } else { 0.8 };
        for member in people.staff.iter().take(MOST_STAFF) {
            if (back == 0 && signs_in(&member.email)) || !rng.random_bool(share) {
                continue;
            }
            let attempts = if rng.random_bool(0.2) { 2 } else { 1 };
            for attempt in 0..attempts {
                let chosen: Vec<Option<usize>> = week_quiz
                    .questions
                    .iter()
                    .map(|q| {
                        Some(if rng.random_bool(0.75) {
                            0
                        } else {
                            rng.random_range(0..q.options.len())
                        })
                    })
                    .collect();
                let Ok(scored) = rules::score(week_quiz, &chosen) else {
                    continue;
                };
                let at = ctx.now
                    - TimeDelta::weeks(back)
                    - TimeDelta::hours(rng.random_range(1..48) + attempt);
                diesel::insert_into(safety_quiz_results::table)
                    .values((
                        safety_quiz_results::id.eq(new_id(&mut rng)),
                        safety_quiz_results::organization_id.eq(org.id),
                        safety_quiz_results::campus_id
                            .eq(member.campus.map(|c| org.campuses[c].id)),
                        safety_quiz_results::user_id.eq(member.user_id),
                        safety_quiz_results::quiz_id.eq(&week_quiz.id),
                        safety_quiz_results::quiz_title.eq(&week_quiz.title),
                        safety_quiz_results::week_of.eq(monday.to_string()),
                        safety_quiz_results::score.eq(scored.score),
                        safety_quiz_results::total_questions.eq(scored.total),
                        safety_quiz_results::answers.eq(serde_json::to_value(&scored.answers)?),
                        safety_quiz_results::user_name.eq(member.full_name()),
                        safety_quiz_results::user_role.eq(member.role.name()),
                        safety_quiz_results::completed_at.eq(at.min(ctx.now)),
                        safety_quiz_results::created_by_id.eq(member.user_id),
                    ))
                    .execute(conn)
                    .context("recording the demo's safety quiz results")?;
                rows += 1;
            }
        }
    }
    for member in people
        .staff
        .iter()
        .take(MOST_STAFF)
        .filter(|m| !signs_in(&m.email))
    {
        if !rng.random_bool(0.7) {
            continue;
        }
        let chosen: Vec<usize> = quiz
            .questions
            .iter()
            .map(|q| rng.random_range(0..q.options.len()))
            .collect();
        let Some(kind) = quiz.score(&chosen) else {
            continue;
        };
        diesel::insert_into(personality_quiz_results::table)
            .values((
                personality_quiz_results::id.eq(new_id(&mut rng)),
                personality_quiz_results::organization_id.eq(org.id),
                personality_quiz_results::campus_id.eq(member.campus.map(|c| org.campuses[c].id)),
                personality_quiz_results::user_id.eq(member.user_id),
                personality_quiz_results::personality_type.eq(&kind.key),
                personality_quiz_results::quiz_answers.eq(serde_json::json!(chosen)),
                personality_quiz_results::completed_at
                    .eq(ctx.now - TimeDelta::days(rng.random_range(7..60))),
                personality_quiz_results::created_by_id.eq(member.user_id),
            ))
            .execute(conn)
            .context("recording the demo's personality results")?;
        rows += 1;
    }
    Ok(rows)
}

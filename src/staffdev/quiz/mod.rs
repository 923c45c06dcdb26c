//! Safety quizzes: this week's quiz from the bank, taken on a phone one question
//! per screen (htmx steps; without JavaScript every question on one page), scored
//! on the server, the right answers and their explanations shown after. Retakes
//! are allowed; the best attempt of the week counts. Directors follow completion
//! per campus (see [`oversight`]).

pub mod editor;
pub mod oversight;
pub mod queries;
pub mod rules;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::Tenant;
use crate::i18n::Lang;
use crate::staffdev::Module;
use crate::staffdev::content::{self, safety::SafetyQuiz, safety::SafetyQuizzes};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::{input, render, render_as, see_other};
use rules::Answer;

/// Who follows completion of the safety quizzes, reminds those who have not taken
/// them and sees the team's personality mix: those who post the weekly frame
/// (`CREATE_FRAME_ENTRIES`: directors and administrators), who lead staff development.
pub const OVERSEE: Permission = Permission::new(Action::Create, Entity::FrameEntries);

pub fn routes(r: &mut Routes) {
    let staff = Gate::SignedIn;
    r.get("/staff-development/quiz", staff, show)
        .post("/staff-development/quiz", staff, submit)
        .post("/staff-development/quiz/step", staff, step)
        .get("/staff-development/quiz/attempts/{id}", staff, attempt);
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 62,
            label: "quiz-nav",
            href: "/staff-development/quiz",
            gate: staff,
        },
        Module::SafetyQuiz.key(),
    );
    oversight::routes(r);
    editor::routes(r);
}

/// One question as the quiz shows it.
pub struct QuestionView {
    pub number: usize,
    pub prompt: String,
    /// Each option, and whether it is the one chosen so far (a refused submit's).
    pub options: Vec<(String, bool)>,
}

fn questions(quiz: &SafetyQuiz, chosen: &[Option<usize>]) -> Vec<QuestionView> {
    quiz.questions
        .iter()
        .enumerate()
        .map(|(j, q)| QuestionView {
            number: j,
            prompt: q.prompt.clone(),
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(k, o)| (o.text.clone(), chosen.get(j).copied().flatten() == Some(k)))
                .collect(),
        })
        .collect()
}

/// `/staff-development/quiz`: this week's quiz, every question on one page (the
/// steps replace it where JavaScript runs), and the reader's best so far.
#[derive(Template)]
#[template(path = "staffdev/quiz.html")]
struct QuizPage {
    layout: Layout,
    quiz: Option<QuizHead>,
    questions: Vec<QuestionView>,
    best: Option<Best>,
    /// The numbers (from 1) of questions left unanswered by a refused submit.
    missing: Vec<usize>,
    /// The same, as the message lists them.
    missing_list: String,
    may_oversee: bool,
}

/// The reader's best attempt of the week, and how many they made.
struct Best {
    score: i32,
    total: i32,
    attempts: usize,
}

struct QuizHead {
    id: String,
    title: String,
    week: String,
    count: usize,
}

/// This week's quiz of the bank and the week it is for.
fn this_week(
    tenant: &mut Tenant<'_>,
) -> diesel::QueryResult<(Option<SafetyQuiz>, chrono::NaiveDate)> {
    let bank: SafetyQuizzes = content::load(tenant.conn())?;
    let today = tenant.today();
    Ok((bank.for_day(today).cloned(), rules::week_of(today)))
}

fn head(quiz: &SafetyQuiz, week: chrono::NaiveDate, t: Lang) -> QuizHead {
    QuizHead {
        id: quiz.id.clone(),
        title: quiz.title.clone(),
        week: t.date(week),
        count: quiz.questions.len(),
    }
}

async fn quiz_page(
    page: Page,
    state: &AppState,
    chosen: Vec<Option<usize>>,
    missing: Vec<usize>,
) -> Result<HttpResponse, AppError> {
    let (quiz, week, best) = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        let (quiz, week) = this_week(tenant)?;
        let best = queries::own_best(tenant, &week.to_string())?;
        Ok((quiz, week, best))
    })
    .await?;
    let t = page.t;
    let view = QuizPage {
        layout: page.layout(t.text("quiz-title")),
        questions: quiz
            .as_ref()
            .map(|q| questions(q, &chosen))
            .unwrap_or_default(),
        quiz: quiz.as_ref().map(|q| head(q, week, t)),
        best: best.map(|(score, total, attempts)| Best {
            score,
            total,
            attempts,
        }),
        may_oversee: page.access.can(OVERSEE),
        missing: missing.iter().map(|j| j + 1).collect(),
        missing_list: missing
            .iter()
            .map(|&j| t.number(i64::try_from(j + 1).unwrap_or(i64::MAX)))
            .collect::<Vec<_>>()
            .join(", "),
    };
    if view.missing.is_empty() {
        render(&view)
    } else {
        render_as(&view, actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
    }
}

async fn show(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    quiz_page(page, &state, Vec::new(), Vec::new()).await
}

/// One question on its own screen, the earlier answers carried along.
#[derive(Template)]
#[template(path = "staffdev/quiz_step.html")]
struct StepFragment {
    t: Lang,
    csrf_token: String,
    quiz_id: String,
    question: QuestionView,
    count: usize,
    /// The answers so far, as hidden fields.
    carried: Vec<(String, usize)>,
    last: bool,
}

/// `POST /staff-development/quiz/step` (htmx): the next unanswered question.
async fn step(
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let (quiz, _) = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(this_week(tenant)?)
    })
    .await?;
    let quiz = quiz.ok_or(AppError::NotFound)?;
    let chosen = rules::chosen(&quiz, &form.into_inner());
    let Some(next) = chosen.iter().position(Option::is_none) else {
        return Err(AppError::BadRequest(page.t.text("quiz-all-answered")));
    };
    let carried = chosen
        .iter()
        .enumerate()
        .filter_map(|(j, c)| c.map(|k| (format!("a{j}"), k)))
        .collect();
    let mut all = questions(&quiz, &chosen);
    let question = all.swap_remove(next);
    let fragment = StepFragment {
        t: page.t,
        csrf_token: page.access.csrf_token.clone(),
        quiz_id: quiz.id.clone(),
        count: quiz.questions.len(),
        last: next + 1 == quiz.questions.len(),
        question,
        carried,
    };
    render(&fragment)
}

/// `POST /staff-development/quiz`: the answers, scored here; the attempt is stored
/// and its page shown. An unanswered question brings the quiz back saying which.
async fn submit(
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = form.into_inner();
    let sent_quiz = fields
        .iter()
        .find_map(|(k, v)| (k == "quiz").then(|| v.clone()))
        .unwrap_or_default();
    let name = page.access.display_name.clone();
    let role = page.access.role_name.clone().unwrap_or_default();
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let (quiz, week) = this_week(tenant)?;
        let Some(quiz) = quiz.filter(|q| q.id == sent_quiz) else {
            return Ok(Err(None));
        };
        let chosen = rules::chosen(&quiz, &fields);
        let scored = match rules::score(&quiz, &chosen) {
            Ok(scored) => scored,
            Err(missing) => return Ok(Err(Some((chosen, missing)))),
        };
        let answers = serde_json::to_value(&scored.answers)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        let attempt = queries::NewAttempt {
            quiz_id: &quiz.id,
            quiz_title: &quiz.title,
            week_of: week.to_string(),
            score: scored.score,
            total: scored.total,
            answers,
            user_name: &name,
            user_role: &role,
            completed_at: crate::clock::now(),
        };
        Ok(Ok(queries::insert(tenant, &attempt)?))
    })
    .await?;
    match outcome {
        Ok(id) => Ok(see_other(&format!("/staff-development/quiz/attempts/{id}"))),
        // The week's quiz changed while it was being taken: the new one.
        Err(None) => Ok(see_other("/staff-development/quiz")),
        Err(Some((chosen, missing))) => quiz_page(page, &state, chosen, missing).await,
    }
}

/// An attempt's page: the score, each question with the answer given, the right
/// answer and its explanation.
#[derive(Template)]
#[template(path = "staffdev/quiz_attempt.html")]
struct AttemptPage {
    layout: Layout,
    title: String,
    score: i32,
    total: i32,
    review: Vec<Reviewed>,
}

struct Reviewed {
    prompt: String,
    given: String,
    right: String,
    correct: bool,
    explanation: String,
}

fn review(quiz: &SafetyQuiz, answers: &[Answer]) -> Vec<Reviewed> {
    let text = |j: usize, k: Option<usize>| {
        k.and_then(|k| quiz.questions.get(j)?.options.get(k))
            .map(|o| o.text.clone())
            .unwrap_or_default()
    };
    answers
        .iter()
        .filter_map(|a| {
            let q = quiz.questions.get(a.question)?;
            Some(Reviewed {
                prompt: q.prompt.clone(),
                given: text(a.question, Some(a.chosen)),
                right: text(a.question, q.correct_index()),
                correct: a.correct,
                explanation: q.explanation.clone(),
            })
        })
        .collect()
}

/// `GET /staff-development/quiz/attempts/{id}`: the reader's own attempt only.
async fn attempt(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let id: Uuid = req
        .match_info()
        .get("id")
        .and_then(|v| Uuid::parse_str(v).ok())
        .ok_or(AppError::NotFound)?;
    let (row, bank) = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let row = queries::own_attempt(tenant, id)?;
        let bank: SafetyQuizzes = content::load(tenant.conn())?;
        Ok((row, bank))
    })
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    let answers: Vec<Answer> = serde_json::from_value(row.answers).unwrap_or_default();
    let quiz = bank.find(&row.quiz_id);
    let t = page.t;
    let view = AttemptPage {
        layout: page.layout(t.text("quiz-result-title")),
        title: quiz.map(|q| q.title.clone()).unwrap_or_default(),
        score: row.score,
        total: row.total,
        review: quiz.map(|q| review(q, &answers)).unwrap_or_default(),
    };
    render(&view)
}

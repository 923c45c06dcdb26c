//! The safety quiz bank's editor, for super administrators: the bank's quizzes
//! listed by week, and one quiz at a time as a form — its title, its week, its
//! questions each with options (one marked right) and an explanation. Rows are
//! added and removed with plain form posts that keep what was typed; saving checks
//! the whole bank and shows each message at its field.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::staffdev::content::form::{self, Sent};
use crate::staffdev::content::safety::{SafetyOption, SafetyQuestion, SafetyQuiz, SafetyQuizzes};
use crate::staffdev::content::{self, path};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::layout::{Layout, Page};
use crate::web::{input, render, render_as, see_other};

/// Who edits the install-wide content: super administrators.
pub const EDIT_CONTENT: Permission = Permission::new(Action::Update, Entity::ContentCatalog);

pub fn routes(r: &mut Routes) {
    let edit = Gate::Requires(EDIT_CONTENT);
    r.get("/staff-development/content/safety-quizzes", edit, list)
        .get("/staff-development/content/safety-quizzes/{id}", edit, show)
        .post("/staff-development/content/safety-quizzes/{id}", edit, post)
        .post(
            "/staff-development/content/safety-quizzes/{id}/delete",
            edit,
            delete,
        );
    r.menu_for_global_users(MenuEntry {
        group: MenuGroup::Administration,
        order: 88,
        label: "content-nav",
        href: "/staff-development/content/safety-quizzes",
        gate: edit,
    });
}

#[derive(Template)]
#[template(path = "staffdev/content_quizzes.html")]
struct ListPage {
    layout: Layout,
    quizzes: Vec<(String, u32, String, usize)>,
    fresh: String,
}

async fn list(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let bank: SafetyQuizzes = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(content::load(tenant.conn())?)
    })
    .await?;
    let mut quizzes: Vec<_> = bank
        .quizzes
        .iter()
        .map(|q| (q.id.clone(), q.week, q.title.clone(), q.questions.len()))
        .collect();
    quizzes.sort_by_key(|q| q.1);
    let view = ListPage {
        layout: page.layout(page.t.text("content-quizzes-title")),
        quizzes,
        fresh: fresh_id(),
    };
    render(&view)
}

/// An id for a quiz not yet in the bank.
fn fresh_id() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("quiz-{}", &id[..10])
}

/// The quiz id of the path: letters, digits and dashes only.
fn quiz_id(req: &HttpRequest) -> Result<String, AppError> {
    let id = req.match_info().get("id").unwrap_or_default();
    let fine = !id.is_empty()
        && id.len() <= 60
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    fine.then(|| id.to_owned()).ok_or(AppError::NotFound)
}

/// One quiz as its form shows it, each field with its message.
#[derive(Template)]
#[template(path = "staffdev/content_quiz.html")]
struct QuizForm {
    layout: Layout,
    id: String,
    title: String,
    week: String,
    title_error: Option<String>,
    week_error: Option<String>,
    questions_error: Option<String>,
    questions: Vec<QuestionForm>,
    stored: bool,
}

struct QuestionForm {
    prompt: String,
    explanation: String,
    prompt_error: Option<String>,
    options_error: Option<String>,
    explanation_error: Option<String>,
    options: Vec<OptionForm>,
}

struct OptionForm {
    text: String,
    correct: bool,
    error: Option<String>,
}

/// The form of `quiz` (the bank's `index`-th when saved) with `errors` at their fields.
fn form(page: &Page, quiz: &Draft, errors: &FieldErrors, index: usize, stored: bool) -> QuizForm {
    let at = path("quizzes", index);
    let get = |field: String| errors.get(&field).map(str::to_owned);
    QuizForm {
        layout: page.layout(page.t.text("content-quiz-title")),
        id: quiz.id.clone(),
        title: quiz.title.clone(),
        week: quiz.week.clone(),
        title_error: get(format!("{at}.title")),
        week_error: get(format!("{at}.week")),
        questions_error: get(format!("{at}.questions")),
        questions: quiz
            .questions
            .iter()
            .enumerate()
            .map(|(j, q)| {
                let at = format!("{at}.{}", path("questions", j));
                QuestionForm {
                    prompt: q.prompt.clone(),
                    explanation: q.explanation.clone(),
                    prompt_error: get(format!("{at}.prompt")),
                    options_error: get(format!("{at}.options")),
                    explanation_error: get(format!("{at}.explanation")),
                    options: q
                        .options
                        .iter()
                        .enumerate()
                        .map(|(k, o)| OptionForm {
                            text: o.text.clone(),
                            correct: o.correct,
                            error: get(format!("{at}.{}.text", path("options", k))),
                        })
                        .collect(),
                }
            })
            .collect(),
        stored,
    }
}

/// A quiz as typed: the week stays text until it is saved.
struct Draft {
    id: String,
    title: String,
    week: String,
    questions: Vec<SafetyQuestion>,
}

impl Draft {
    fn of(quiz: &SafetyQuiz) -> Draft {
        Draft {
            id: quiz.id.clone(),
            title: quiz.title.clone(),
            week: quiz.week.to_string(),
            questions: quiz.questions.clone(),
        }
    }

    fn blank(id: String) -> Draft {
        let option = SafetyOption::default;
        Draft {
            id,
            title: String::new(),
            week: String::new(),
            questions: vec![SafetyQuestion {
                options: vec![option(), option()],
                ..SafetyQuestion::default()
            }],
        }
    }

    /// The draft a form sent: `title`, `week`, `questions` (how many), and per
    /// question `q{j}.prompt`, `q{j}.explanation`, `q{j}.options` (how many),
    /// `q{j}.o{k}` and `q{j}.correct` (the right option's position; every one sent counts).
    fn read(id: String, sent: &Sent<'_>) -> Draft {
        let questions = (0..sent.count("questions"))
            .map(|j| {
                let right = sent.numbers(&format!("q{j}.correct"));
                SafetyQuestion {
                    prompt: sent.one(&format!("q{j}.prompt")),
                    explanation: sent.one(&format!("q{j}.explanation")),
                    options: (0..sent.count(&format!("q{j}.options")))
                        .map(|k| SafetyOption {
                            text: sent.one(&format!("q{j}.o{k}")),
                            correct: right.contains(&k),
                        })
                        .collect(),
                }
            })
            .collect();
        Draft {
            id,
            title: sent.one("title"),
            week: sent.one("week"),
            questions,
        }
    }

    /// Applies a row button (see [`form::apply_question_rows`]); false for any other (save).
    fn apply(&mut self, action: (String, Vec<usize>)) -> bool {
        form::apply_question_rows(&mut self.questions, action)
    }

    fn quiz(&self) -> SafetyQuiz {
        SafetyQuiz {
            id: self.id.clone(),
            // An unreadable week is 0, which the bank's rules refuse at the field.
            week: self.week.parse().unwrap_or(0),
            title: self.title.clone(),
            questions: self.questions.clone(),
        }
    }
}

async fn show(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let id = quiz_id(&req)?;
    let bank: SafetyQuizzes = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(content::load(tenant.conn())?)
    })
    .await?;
    let index = bank.quizzes.iter().position(|q| q.id == id);
    let draft = index.map_or_else(|| Draft::blank(id), |i| Draft::of(&bank.quizzes[i]));
    let view = form(
        &page,
        &draft,
        &FieldErrors::default(),
        index.unwrap_or(0),
        index.is_some(),
    );
    render(&view)
}

/// Saves the quiz into the bank, or applies a row button and shows the form again.
async fn post(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    sent: input::Fields,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let id = quiz_id(&req)?;
    let fields = sent.into_inner();
    let sent = Sent(&fields);
    let mut draft = Draft::read(id, &sent);
    let by = page.access.user_id;
    let t = page.t;
    let quiz = draft.quiz();
    let rows_only = draft.apply(sent.action());
    let (index, stored, outcome) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let mut bank: SafetyQuizzes = content::load(tenant.conn())?;
            let found = bank.quizzes.iter().position(|q| q.id == quiz.id);
            let index = found.unwrap_or(bank.quizzes.len());
            if rows_only {
                return Ok((index, found.is_some(), Ok(())));
            }
            match found {
                Some(i) => bank.quizzes[i] = quiz,
                None => bank.quizzes.push(quiz),
            }
            let saved = content::save(tenant.conn(), &bank, Some(by), t)?;
            Ok((index, found.is_some(), saved))
        })
        .await?;
    match outcome {
        Ok(()) if !rows_only => {
            flash::push(&flashes, Level::Success, t.text("content-quiz-saved"));
            Ok(see_other("/staff-development/content/safety-quizzes"))
        }
        Ok(()) => render(&form(&page, &draft, &FieldErrors::default(), index, stored)),
        Err(errors) => {
            let view = form(&page, &draft, &errors, index, stored);
            render_as(&view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// Takes the quiz out of the bank; results already recorded keep its title.
async fn delete(
    page: Page,
    state: web::Data<AppState>,
    req: HttpRequest,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let id = quiz_id(&req)?;
    let by = page.access.user_id;
    let t = page.t;
    let outcome = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let mut bank: SafetyQuizzes = content::load(tenant.conn())?;
        bank.quizzes.retain(|q| q.id != id);
        Ok(content::save(tenant.conn(), &bank, Some(by), t)?)
    })
    .await?;
    let (level, said) = match outcome {
        Ok(()) => (Level::Success, t.text("content-quiz-deleted")),
        Err(_) => (Level::Error, t.text("content-quiz-not-deleted")),
    };
    flash::push(&flashes, level, said);
    Ok(see_other("/staff-development/content/safety-quizzes"))
}

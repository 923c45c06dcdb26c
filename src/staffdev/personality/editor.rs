//! The personality quiz's editor, for super administrators: its types (name and
//! description) and its questions, each option counting towards one type. Rows are
//! added and removed with plain form posts; saving shows each message at its field.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::access::{Gate, Routes};
use crate::staffdev::content::form::{self, Sent};
use crate::staffdev::content::personality::{
    PersonalityOption, PersonalityQuestion, PersonalityQuiz, PersonalityType,
};
use crate::staffdev::content::{self, path};
use crate::staffdev::quiz::editor::EDIT_CONTENT;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::form::FieldErrors;
use crate::web::layout::{Layout, Page};
use crate::web::{input, render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    let edit = Gate::Requires(EDIT_CONTENT);
    r.get("/staff-development/content/personality", edit, show)
        .post("/staff-development/content/personality", edit, post);
}

struct TypeForm {
    key: String,
    name: String,
    description: String,
    name_error: Option<String>,
    description_error: Option<String>,
}

struct QuestionForm {
    prompt: String,
    prompt_error: Option<String>,
    options_error: Option<String>,
    /// Text, the type it counts towards, and the message of either.
    options: Vec<(String, String, Option<String>)>,
}

#[derive(Template)]
#[template(path = "staffdev/content_personality.html")]
struct EditorPage {
    layout: Layout,
    types_error: Option<String>,
    questions_error: Option<String>,
    types: Vec<TypeForm>,
    questions: Vec<QuestionForm>,
}

fn editor(page: &Page, quiz: &PersonalityQuiz, errors: &FieldErrors) -> EditorPage {
    let get = |field: String| errors.get(&field).map(str::to_owned);
    EditorPage {
        layout: page.layout(page.t.text("content-personality-title")),
        types_error: get("types".into()),
        questions_error: get("questions".into()),
        types: quiz
            .types
            .iter()
            .enumerate()
            .map(|(i, ty)| TypeForm {
                key: ty.key.clone(),
                name: ty.name.clone(),
                description: ty.description.clone(),
                name_error: get(format!("{}.name", path("types", i))),
                description_error: get(format!("{}.description", path("types", i))),
            })
            .collect(),
        questions: quiz
            .questions
            .iter()
            .enumerate()
            .map(|(j, q)| {
                let at = path("questions", j);
                QuestionForm {
                    prompt: q.prompt.clone(),
                    prompt_error: get(format!("{at}.prompt")),
                    options_error: get(format!("{at}.options")),
                    options: q
                        .options
                        .iter()
                        .enumerate()
                        .map(|(k, o)| {
                            let at = format!("{at}.{}", path("options", k));
                            let error =
                                get(format!("{at}.text")).or_else(|| get(format!("{at}.scores")));
                            (o.text.clone(), o.scores.clone(), error)
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// The quiz a form sent: `types` (how many) with `t{i}.key`, `t{i}.name`,
/// `t{i}.description`; `questions` with `q{j}.prompt`, `q{j}.options`, `q{j}.o{k}`
/// and `q{j}.s{k}` (the key of the type the option counts towards).
fn read(sent: &Sent<'_>) -> PersonalityQuiz {
    PersonalityQuiz {
        types: (0..sent.count("types"))
            .map(|i| PersonalityType {
                key: sent.one(&format!("t{i}.key")),
                name: sent.one(&format!("t{i}.name")),
                description: sent.one(&format!("t{i}.description")),
            })
            .collect(),
        questions: (0..sent.count("questions"))
            .map(|j| PersonalityQuestion {
                prompt: sent.one(&format!("q{j}.prompt")),
                options: (0..sent.count(&format!("q{j}.options")))
                    .map(|k| PersonalityOption {
                        text: sent.one(&format!("q{j}.o{k}")),
                        scores: sent.one(&format!("q{j}.s{k}")),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Applies a row button; false for any other (save).
fn apply(quiz: &mut PersonalityQuiz, (name, rows): (String, Vec<usize>)) -> bool {
    match (name.as_str(), rows.as_slice()) {
        ("add-type", []) => {
            form::add(&mut quiz.types);
            if let Some(ty) = quiz.types.last_mut().filter(|ty| ty.key.is_empty()) {
                let id = uuid::Uuid::new_v4().simple().to_string();
                ty.key = format!("type-{}", &id[..8]);
            }
        }
        ("remove-type", [i]) => form::remove(&mut quiz.types, *i),
        _ => return form::apply_question_rows(&mut quiz.questions, (name.clone(), rows.clone())),
    }
    true
}

async fn show(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let quiz: PersonalityQuiz =
        crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
            Ok(content::load(tenant.conn())?)
        })
        .await?;
    render(&editor(&page, &quiz, &FieldErrors::default()))
}

async fn post(
    page: Page,
    state: web::Data<AppState>,
    sent: input::Fields,
    flashes: Session,
) -> Result<HttpResponse, AppError> {
    let fields = sent.into_inner();
    let sent = Sent(&fields);
    let mut quiz = read(&sent);
    if apply(&mut quiz, sent.action()) {
        return render(&editor(&page, &quiz, &FieldErrors::default()));
    }
    let by = page.access.user_id;
    let t = page.t;
    let to_store = quiz.clone();
    let saved = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(content::save(tenant.conn(), &to_store, Some(by), t)?)
    })
    .await?;
    match saved {
        Ok(()) => {
            flash::push(
                &flashes,
                Level::Success,
                t.text("content-personality-saved"),
            );
            Ok(see_other("/staff-development/content/personality"))
        }
        Err(errors) => render_as(
            &editor(&page, &quiz, &errors),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

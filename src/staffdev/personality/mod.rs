//! The personality quiz: a person takes it (again when they like; the latest
//! counts) and reads their type with its description. Directors see how many of
//! each campus's staff have each type — never anyone's answers or type by name.

pub mod editor;
pub mod queries;

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{Gate, MenuEntry, MenuGroup, Routes};
use crate::staffdev::Module;
use crate::staffdev::content::{self, personality::PersonalityQuiz};
use crate::staffdev::quiz::OVERSEE;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::{input, render, render_as, see_other};

pub fn routes(r: &mut Routes) {
    let staff = Gate::SignedIn;
    r.get("/staff-development/personality", staff, show)
        .post("/staff-development/personality", staff, submit)
        .get(
            "/staff-development/personality/team",
            Gate::Requires(OVERSEE),
            team,
        );
    r.menu_of_module(
        MenuEntry {
            group: MenuGroup::Staff,
            order: 63,
            label: "quiz-personality-nav",
            href: "/staff-development/personality",
            gate: staff,
        },
        Module::PersonalityQuiz.key(),
    );
    editor::routes(r);
}

#[derive(Deserialize, Default)]
struct Retake {
    #[serde(default)]
    retake: Option<String>,
}

struct Question {
    number: usize,
    prompt: String,
    options: Vec<String>,
}

#[derive(Template)]
#[template(path = "staffdev/personality.html")]
struct PersonalityPage {
    layout: Layout,
    /// The reader's type and its description, unless they are taking the quiz.
    result: Option<(String, String)>,
    questions: Vec<Question>,
    missing: bool,
    may_oversee: bool,
}

async fn page_of(
    page: Page,
    state: &AppState,
    taking: bool,
    missing: bool,
) -> Result<HttpResponse, AppError> {
    let (quiz, latest) = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        let quiz: PersonalityQuiz = content::load(tenant.conn())?;
        Ok((quiz, queries::own_latest(tenant)?))
    })
    .await?;
    let result = latest
        .filter(|_| !taking)
        .and_then(|key| quiz.type_of(&key))
        .map(|ty| (ty.name.clone(), ty.description.clone()));
    let t = page.t;
    let view = PersonalityPage {
        layout: page.layout(t.text("quiz-personality-title")),
        questions: quiz
            .questions
            .iter()
            .enumerate()
            .map(|(j, q)| Question {
                number: j,
                prompt: q.prompt.clone(),
                options: q.options.iter().map(|o| o.text.clone()).collect(),
            })
            .collect(),
        result,
        missing,
        may_oversee: page.access.can(OVERSEE),
    };
    if missing {
        render_as(&view, actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        render(&view)
    }
}

async fn show(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Retake>,
) -> Result<HttpResponse, AppError> {
    let taking = query.into_inner().retake.is_some();
    page_of(page, &state, taking, false).await
}

/// `POST /staff-development/personality`: `p0`, `p1`, … (the chosen option of each
/// question), scored here; the type is stored and shown.
async fn submit(
    page: Page,
    state: web::Data<AppState>,
    form: input::Fields,
) -> Result<HttpResponse, AppError> {
    let fields = form.into_inner();
    let stored = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let quiz: PersonalityQuiz = content::load(tenant.conn())?;
        let chosen: Vec<usize> = (0..quiz.questions.len())
            .filter_map(|j| {
                let name = format!("p{j}");
                fields
                    .iter()
                    .find(|(k, _)| *k == name)
                    .and_then(|(_, v)| v.trim().parse().ok())
            })
            .collect();
        let Some(kind) = quiz.score(&chosen).map(|t| t.key.clone()) else {
            return Ok(false);
        };
        queries::insert(tenant, &kind, &serde_json::json!(chosen))?;
        Ok(true)
    })
    .await?;
    if stored {
        Ok(see_other("/staff-development/personality"))
    } else {
        page_of(page, &state, true, true).await
    }
}

struct CampusMix {
    name: String,
    counts: Vec<i64>,
    total: i64,
}

#[derive(Template)]
#[template(path = "staffdev/personality_team.html")]
struct TeamPage {
    layout: Layout,
    types: Vec<String>,
    campuses: Vec<CampusMix>,
}

/// `/staff-development/personality/team`: counts per type for each campus.
async fn team(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let t = page.t;
    let (quiz, mix, campuses) =
        crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
            let quiz: PersonalityQuiz = content::load(tenant.conn())?;
            let mix = queries::team_mix(tenant)?;
            let campuses = crate::staffdev::quiz::queries::campuses(tenant)?;
            Ok((quiz, mix, campuses))
        })
        .await?;
    let mut all: Vec<(Option<Uuid>, String)> = campuses
        .into_iter()
        .map(|(id, name)| (Some(id), name))
        .collect();
    if mix.keys().any(|(campus, _)| campus.is_none()) {
        all.push((None, t.text("quiz-no-campus")));
    }
    let campuses = all
        .into_iter()
        .map(|(id, name)| {
            let counts: Vec<i64> = quiz
                .types
                .iter()
                .map(|ty| mix.get(&(id, ty.key.clone())).copied().unwrap_or(0))
                .collect();
            CampusMix {
                name,
                total: counts.iter().sum(),
                counts,
            }
        })
        .collect();
    let view = TeamPage {
        layout: page.layout(t.text("quiz-team-title")),
        types: quiz.types.iter().map(|ty| ty.name.clone()).collect(),
        campuses,
    };
    render(&view)
}

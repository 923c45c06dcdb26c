//! The sign-learning pages: the vocabulary with the user's progress, the
//! self-test, marking a sign learned, a sign's media, and the campus averages.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use rand::seq::{IndexedRandom, SliceRandom};
use serde::Deserialize;
use uuid::Uuid;

use super::queries;
use super::vocabulary::{Sign, SignVocabulary};
use crate::files::FileStore;
use crate::i18n::msg;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, see_other};

/// How many words the self-test offers.
const CHOICES: usize = 4;

/// A sign as the pages show it.
pub struct SignView {
    pub id: Uuid,
    pub word: String,
    pub description: String,
    pub media: Option<String>,
    pub video: bool,
    pub learned: bool,
}

impl SignView {
    fn of(sign: &Sign, learned: &[String]) -> SignView {
        SignView {
            id: sign.id,
            word: sign.word.clone(),
            description: sign.description.clone(),
            media: sign
                .media
                .map(|_| format!("/staff-development/signs/{}/media", sign.id)),
            video: sign.is_video(),
            learned: learned.contains(&sign.id.to_string()),
        }
    }
}

#[derive(Template)]
#[template(path = "staffdev/signs.html")]
struct BrowsePage {
    layout: Layout,
    signs: Vec<SignView>,
    learned: usize,
    percent: u32,
}

pub(super) async fn browse(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let vocabulary: SignVocabulary = crate::staffdev::content::load(tenant.conn())?;
        let learned = queries::learned(tenant, page.access.user_id)?;
        let signs: Vec<SignView> = vocabulary
            .signs
            .iter()
            .map(|s| SignView::of(s, &learned))
            .collect();
        let done = signs.iter().filter(|s| s.learned).count();
        let percent = (done * 100).checked_div(signs.len()).unwrap_or(0) as u32;
        Ok(BrowsePage {
            layout: page.layout(page.t.text("sd-signs-title")),
            signs,
            learned: done,
            percent,
        })
    })
    .await?;
    render(&view)
}

pub(super) async fn learned(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let user = page.access.user_id;
    let word = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let vocabulary: SignVocabulary = crate::staffdev::content::load(tenant.conn())?;
        let sign = vocabulary.sign(id).ok_or(AppError::NotFound)?;
        queries::mark_learned(tenant, user, id, "marked")?;
        Ok(sign.word.clone())
    })
    .await?;
    let message = page.t.message("sd-signs-marked").arg("word", word);
    flash::push(&session, Level::Success, message.to_string());
    Ok(see_other(&format!("/staff-development/signs#sign-{id}")))
}

#[derive(Deserialize, Default)]
pub(super) struct PracticeQuery {
    sign: Option<String>,
}

#[derive(Template)]
#[template(path = "staffdev/sign_practice.html")]
struct PracticePage {
    layout: Layout,
    sign: Option<SignView>,
    choices: Vec<String>,
}

/// The sign to practise (the one asked for, else one not learned yet, else any) and
/// four words to choose from, the right one among them.
fn practice_of(
    vocabulary: &SignVocabulary,
    learned: &[String],
    asked: Option<Uuid>,
) -> Option<(SignView, Vec<String>)> {
    if vocabulary.signs.len() < CHOICES {
        return None;
    }
    let mut rng = rand::rng();
    let sign = match asked.and_then(|id| vocabulary.sign(id)) {
        Some(sign) => sign,
        None => {
            let fresh: Vec<&Sign> = vocabulary
                .signs
                .iter()
                .filter(|s| !learned.contains(&s.id.to_string()))
                .collect();
            let pool: Vec<&Sign> = if fresh.is_empty() {
                vocabulary.signs.iter().collect()
            } else {
                fresh
            };
            pool.choose(&mut rng).copied()?
        }
    };
    let mut others: Vec<&Sign> = vocabulary
        .signs
        .iter()
        .filter(|s| s.id != sign.id)
        .collect();
    others.shuffle(&mut rng);
    let mut choices: Vec<String> = others
        .iter()
        .take(CHOICES - 1)
        .map(|s| s.word.clone())
        .chain([sign.word.clone()])
        .collect();
    choices.shuffle(&mut rng);
    Some((SignView::of(sign, learned), choices))
}

pub(super) async fn practice(
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<PracticeQuery>,
) -> Result<HttpResponse, AppError> {
    let asked = query.sign.as_deref().and_then(|s| Uuid::parse_str(s).ok());
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let vocabulary: SignVocabulary = crate::staffdev::content::load(tenant.conn())?;
        let learned = queries::learned(tenant, page.access.user_id)?;
        let chosen = practice_of(&vocabulary, &learned, asked);
        let (sign, choices) = chosen.map_or((None, Vec::new()), |(s, c)| (Some(s), c));
        Ok(PracticePage {
            layout: page.layout(page.t.text("sd-practice-title")),
            sign,
            choices,
        })
    })
    .await?;
    render(&view)
}

#[derive(Deserialize)]
pub(super) struct AnswerForm {
    #[serde(default)]
    sign: String,
    #[serde(default)]
    word: String,
}

pub(super) async fn answer(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let id = Uuid::parse_str(form.sign.trim()).map_err(|_| AppError::NotFound)?;
    let user = page.access.user_id;
    let (right, word) = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let vocabulary: SignVocabulary = crate::staffdev::content::load(tenant.conn())?;
        let sign = vocabulary.sign(id).ok_or(AppError::NotFound)?;
        let right = sign.word.trim().eq_ignore_ascii_case(form.word.trim());
        if right {
            queries::mark_learned(tenant, user, id, "practised")?;
        }
        Ok((right, sign.word.clone()))
    })
    .await?;
    let t = page.t;
    let (level, id_of) = if right {
        (Level::Success, msg("sd-practice-right"))
    } else {
        (Level::Info, msg("sd-practice-wrong"))
    };
    flash::push(
        &session,
        level,
        t.message(id_of).arg("word", word).to_string(),
    );
    Ok(see_other("/staff-development/signs/practice"))
}

/// A sign's picture or video, with ranges and revalidation; only a sign of the
/// vocabulary has one.
pub(super) async fn media(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let stored = crate::web::db::run(&state.pool, move |conn| {
        let vocabulary: SignVocabulary = crate::staffdev::content::load(conn)?;
        let file = vocabulary
            .sign(id)
            .and_then(|s| s.media)
            .ok_or(AppError::NotFound)?;
        crate::files::sign_media(conn, id, file)?.ok_or(AppError::NotFound)
    })
    .await?;
    crate::files::routes::send(&req, &FileStore::new(&state.settings), stored)
}

/// One campus's staff and how many signs they know on average.
pub struct CampusRow {
    pub campus: String,
    pub staff: i64,
    pub average: String,
}

#[derive(Template)]
#[template(path = "staffdev/sign_campuses.html")]
struct CampusPage {
    layout: Layout,
    rows: Vec<CampusRow>,
    total: usize,
}

pub(super) async fn campuses(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let view = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let t = page.t;
        let vocabulary: SignVocabulary = crate::staffdev::content::load(tenant.conn())?;
        let ids: Vec<Uuid> = vocabulary.signs.iter().map(|s| s.id).collect();
        let rows = queries::campus_learning(tenant, &ids)?
            .into_iter()
            .map(|row| {
                let tenths = (row.learned * 10).checked_div(row.staff).unwrap_or(0);
                CampusRow {
                    campus: row.campus.unwrap_or_default(),
                    staff: row.staff,
                    average: t.decimal(&bigdecimal::BigDecimal::new(tenths.into(), 1), 1),
                }
            })
            .collect();
        Ok(CampusPage {
            layout: page.layout(t.text("sd-sign-campuses-title")),
            rows,
            total: ids.len(),
        })
    })
    .await?;
    render(&view)
}

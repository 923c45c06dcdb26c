//! `/grading`: the school's grading scale, edited as one table, and the school's
//! weights of each kind of assessment (a class subject may set its own).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::views::{self, WeightField};
use crate::access::{Action, Entity};
use crate::db::enums::{AssessmentType, GradeLetter};
use crate::gradebook::queries;
use crate::gradebook::{Scale, WeightErrors, Weights};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render_as, see_other};

/// One letter's row of the scale table.
pub struct BandRow {
    pub index: usize,
    pub letter: &'static str,
    pub value: String,
    /// "up to 96.99 %": where the band ends, from the letter above.
    pub until: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "gradebook/grading.html")]
struct GradingPage {
    layout: Layout,
    stylesheet: String,
    may_change: bool,
    bands: Vec<BandRow>,
    scale_error: bool,
    weights: Vec<WeightField>,
    weights_error: Option<String>,
}

impl GradingPage {
    fn may_change_weights(&self) -> bool {
        self.may_change
    }
}

/// What a refused form sends back.
#[derive(Default)]
struct Sent {
    bands: Option<(Vec<String>, Vec<Option<String>>)>,
    weights: Option<(Vec<String>, WeightErrors)>,
}

fn band_rows(
    page: &Page,
    scale: &Scale,
    sent: Option<&(Vec<String>, Vec<Option<String>>)>,
) -> Vec<BandRow> {
    let t = page.t;
    let bands = scale.bands();
    GradeLetter::ALL
        .iter()
        .enumerate()
        .map(|(index, letter)| {
            let stored = bands
                .get(index)
                .map(|b| views::shown_number(t, &b.min_percent));
            let until = match index.checked_sub(1).and_then(|above| bands.get(above)) {
                Some(above) => t
                    .message("grade-scale-below")
                    .arg("percent", views::shown_number(t, &above.min_percent))
                    .to_string(),
                None => t.text("grade-scale-top"),
            };
            BandRow {
                index,
                letter: letter.as_str(),
                value: sent
                    .and_then(|(values, _)| values.get(index).cloned())
                    .or(stored)
                    .unwrap_or_default(),
                until,
                error: sent.and_then(|(_, errors)| errors.get(index).cloned().flatten()),
            }
        })
        .collect()
}

async fn grading_page(page: &Page, state: &AppState, sent: Sent) -> Result<HttpResponse, AppError> {
    let (scale, weights) = run_in(&state.pool, page.access.actor(), |tenant| {
        Ok((
            queries::scale(tenant)?,
            queries::stored_weights(tenant, None)?,
        ))
    })
    .await?;
    let t = page.t;
    let refused = sent.bands.is_some() || sent.weights.is_some();
    let (weight_values, weight_errors) = match sent.weights {
        Some((values, errors)) => (values, Some(errors)),
        None => (views::weight_values(t, &weights), None),
    };
    render_as(
        &GradingPage {
            layout: page.layout(t.text("grade-grading-title")),
            stylesheet: super::stylesheet(),
            may_change: page.can(Action::Update, Entity::GradingScaleBands),
            bands: band_rows(page, &scale, sent.bands.as_ref()),
            scale_error: sent.bands.is_some(),
            weights: views::weight_fields(t, &weight_values, weight_errors.as_ref()),
            weights_error: weight_errors.and_then(|e| e.total),
        },
        if refused {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
    )
}

pub async fn show(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    grading_page(&page, &state, Sent::default()).await
}

/// A new scale: checked whole, then stored with every open result's letter redone.
pub async fn save_scale(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let fields = form.into_inner();
    let sent = views::numbered(&fields, "band-", GradeLetter::ALL.len());
    match Scale::parse(page.t, &sent) {
        Ok(scale) => {
            let changed = run_in(&state.pool, page.access.actor(), move |tenant| {
                Ok(tenant.transaction(|tenant| queries::store_scale(tenant, &scale))?)
            })
            .await?;
            let message = page.t.message("grade-scale-saved").arg("count", changed);
            flash::push(&session, Level::Success, message.to_string());
            Ok(see_other("/grading"))
        }
        Err(errors) => {
            let back = Sent {
                bands: Some((sent, errors)),
                ..Sent::default()
            };
            grading_page(&page, &state, back).await
        }
    }
}

/// The school's weights, used by every class subject without its own.
pub async fn save_weights(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    form: input::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let fields = form.into_inner();
    let sent = views::numbered(&fields, "weight-", AssessmentType::ALL.len());
    match Weights::parse(page.t, &sent) {
        Ok(weights) => {
            run_in(&state.pool, page.access.actor(), move |tenant| {
                Ok(tenant.transaction(|tenant| queries::store_weights(tenant, None, &weights))?)
            })
            .await?;
            flash::push(&session, Level::Success, page.t.text("grade-weights-saved"));
            Ok(see_other("/grading"))
        }
        Err(errors) => {
            let back = Sent {
                weights: Some((sent, errors)),
                ..Sent::default()
            };
            grading_page(&page, &state, back).await
        }
    }
}

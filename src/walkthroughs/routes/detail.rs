//! One walkthrough: reading it, the observed teacher's acknowledgement, and
//! deleting it.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{draft_key, script_url};
use crate::access::{Action, Entity};
use crate::i18n::msg;
use crate::state::AppState;
use crate::walkthroughs::forms;
use crate::walkthroughs::models::{AreaNames, Walkthrough, rating_badge};
use crate::walkthroughs::reading::{self, Acknowledged, Detail};
use crate::walkthroughs::recording::editable;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

/// The longest reply a teacher may write when acknowledging.
const REPLY_MAX: usize = 2_000;

#[derive(Deserialize, Default)]
pub(super) struct ShowQuery {
    saved: Option<String>,
}

#[derive(Template)]
#[template(path = "walkthroughs/detail.html")]
struct DetailPage {
    layout: Layout,
    w: Walkthrough,
    areas: AreaNames,
    may_edit: bool,
    edit_until: String,
    /// The day the teacher acknowledged the visit, at the school.
    acknowledged_on: Option<String>,
    may_delete: bool,
    may_acknowledge: bool,
    reply: String,
    reply_error: Option<String>,
    clear_draft: Option<String>,
    script: String,
}

impl DetailPage {
    fn badge(&self, rating: &i32) -> &'static str {
        rating_badge(*rating)
    }
}

fn detail_page(
    page: &Page,
    state: &AppState,
    detail: Detail,
    reply: String,
    reply_error: Option<String>,
    clear_draft: Option<String>,
) -> DetailPage {
    let Detail { w, viewer, areas } = detail;
    let hours = state.settings.walkthrough_edit_hours;
    let may_edit =
        page.can(Action::Update, Entity::WalkthroughCheckins) && editable(&viewer, &w, hours);
    let edit_until = (w.created_at + chrono::Duration::hours(i64::from(hours)))
        .with_timezone(&page.access.time_zone);
    let edit_until = page.t.date_time(&edit_until);
    let acknowledged_on = w.acknowledged_at.map(|at| {
        page.t
            .date(at.with_timezone(&page.access.time_zone).date_naive())
    });
    let title = page.t.message("walk-detail-title");
    DetailPage {
        layout: page.layout(title.arg("teacher", &w.teacher_name).to_string()),
        areas,
        may_edit,
        edit_until,
        acknowledged_on,
        may_delete: viewer.may_delete,
        may_acknowledge: viewer.is_observed(&w) && w.acknowledged_at.is_none(),
        reply,
        reply_error,
        clear_draft,
        script: script_url(),
        w,
    }
}

pub(super) async fn show(
    page: Page,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: input::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let access = page.access.clone();
    let detail = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        reading::detail(tenant, &access, id)
    })
    .await?;
    // After a save, the page tells the script which draft is done with.
    let clear_draft = query
        .saved
        .as_deref()
        .map(|saved| draft_key(detail.viewer.user_id, (saved == "edit").then_some(id)));
    let page_of = detail_page(&page, &state, detail, String::new(), None, clear_draft);
    render(&page_of)
}

#[derive(Deserialize)]
pub(super) struct AcknowledgeForm {
    #[serde(default)]
    reply: String,
}

pub(super) async fn acknowledge(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
    form: input::Form<AcknowledgeForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reply = form.into_inner().reply;
    let checked = forms::notes(&reply, REPLY_MAX).map_err(|problem| {
        let ids = [
            msg("walk-error-reply-long"),
            msg("walk-error-reply-unstorable"),
        ];
        problem.say(&page.t, ids, REPLY_MAX, None)
    });
    let access = page.access.clone();
    let outcome = crate::web::db::run_in(&state.pool, access.actor(), move |tenant| {
        reading::acknowledge(tenant, &access, id, checked)
    })
    .await?;
    let (level, message) = match outcome {
        Acknowledged::Done => (Level::Success, msg("walk-acknowledged")),
        Acknowledged::Already => (Level::Info, msg("walk-already-acknowledged")),
        Acknowledged::Refused(detail, error) => {
            let page_of = detail_page(&page, &state, *detail, reply, Some(error), None);
            return render_as(&page_of, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    flash::push(&session, level, page.t.text(message));
    Ok(see_other(&format!("/walkthroughs/{id}")))
}

pub(super) async fn delete_walkthrough(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        reading::delete(tenant, id)
    })
    .await?;
    flash::push(&session, Level::Success, page.t.text("walk-deleted"));
    Ok(see_other("/walkthroughs"))
}

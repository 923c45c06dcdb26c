//! Deleting a record (after a confirmation that says what stands in the way and
//! what goes with it), the trash, and restoring from it.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::{ResView, parse_id, when};
use crate::db::UserId;
use crate::resources::Resource;
use crate::resources::engine::{self, Consequences};
use crate::resources::store::{self, ListState};
use crate::state::AppState;
use crate::web::db::run_in;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::input;
use crate::web::layout::{Layout, Page};
use crate::web::{render, render_as, see_other};

#[derive(Template)]
#[template(path = "resources/delete.html")]
struct DeletePage {
    layout: Layout,
    res: ResView,
    id: Uuid,
    title: String,
    blockers: Option<String>,
    cascades: Option<String>,
}

impl DeletePage {
    fn new(
        res: &'static Resource,
        page: &Page,
        id: Uuid,
        title: String,
        found: Consequences,
    ) -> DeletePage {
        DeletePage {
            layout: page.layout(format!("Delete {title}")),
            res: ResView::new(res, &page.access),
            id,
            title,
            blockers: found.blockers,
            cascades: found.cascades,
        }
    }
}

pub async fn confirm_delete(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let (row, found) = run_in(&state.pool, page.access.actor(), move |tenant| {
        let row = engine::live(tenant, res, id)?;
        Ok((row, engine::consequences(tenant, res, id)?))
    })
    .await?;
    render(&DeletePage::new(res, &page, id, row.title, found))
}

pub async fn delete(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let by = UserId::new(page.access.user_id);
    let done = run_in(&state.pool, page.access.actor(), move |tenant| {
        engine::delete(tenant, res, by, id)
    })
    .await?;
    let title = done.row.title;
    if !done.deleted {
        let view = DeletePage::new(res, &page, id, title, done.consequences);
        return render_as(&view, StatusCode::CONFLICT);
    }
    flash::push(
        &session,
        Level::Success,
        format!("Deleted {title}. It is in the trash, where you can restore it."),
    );
    Ok(see_other(res.path()))
}

pub async fn restore(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let by = UserId::new(page.access.user_id);
    let outcome = run_in(&state.pool, page.access.actor(), move |tenant| {
        engine::restore(tenant, res, by, id, page.t)
    })
    .await?;
    match outcome {
        Ok(title) => {
            flash::push(&session, Level::Success, format!("Restored {title}."));
            Ok(see_other(&format!("{}/{id}", res.path())))
        }
        Err(message) => {
            flash::push(&session, Level::Error, message);
            Ok(see_other(&format!("{}/trash", res.path())))
        }
    }
}

pub struct TrashRow {
    pub id: Uuid,
    pub title: String,
    pub deleted: String,
}

#[derive(Template)]
#[template(path = "resources/trash.html")]
struct TrashPage {
    layout: Layout,
    res: ResView,
    rows: Vec<TrashRow>,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn trash(
    res: &'static Resource,
    page: Page,
    state: web::Data<AppState>,
    query: input::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let tz = page.access.time_zone;
    let st = ListState::parse(res, &query, tz);
    let at = st.page;
    let (rows, more) = run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(store::list(tenant, res, true, &st)?)
    })
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| TrashRow {
            id: r.id,
            title: r.title,
            deleted: r
                .deleted_at
                .map(|d| when(d, r.updated_by.as_deref(), &page.locale()))
                .unwrap_or_default(),
        })
        .collect();
    let link = |p: i64| format!("{}/trash?page={p}", res.path());
    render(&TrashPage {
        layout: page.layout(format!("Trash · {}", res.label())),
        res: ResView::new(res, &page.access),
        rows,
        previous: (at > 1).then(|| link(at - 1)),
        next: more.then(|| link(at + 1)),
    })
}

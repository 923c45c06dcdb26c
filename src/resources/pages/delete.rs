//! Deleting a record (after a confirmation that says what stands in the way and
//! what goes with it), the trash, and restoring from it.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::{ResView, parse_id, when};
use crate::db::UserId;
use crate::i18n::Lang;
use crate::resources::Resource;
use crate::resources::engine::{self, Consequences, NotRestored};
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
            layout: page.layout(
                page.t
                    .message("engine-delete-title")
                    .arg("title", &title)
                    .to_string(),
            ),
            res: ResView::new(res, &page.access, page.t),
            id,
            blockers: (!found.blocking.is_empty()).then(|| {
                page.t
                    .message("engine-delete-blocked")
                    .arg("record", res.singular_in(page.t))
                    .arg("title", &title)
                    .arg("what", counted(&found.blocking, page.t))
                    .to_string()
            }),
            cascades: (!found.cascading.is_empty()).then(|| {
                page.t
                    .message("engine-delete-cascades")
                    .arg("what", counted(&found.cascading, page.t))
                    .to_string()
            }),
            title,
        }
    }
}

/// "312 students and 4 classes", in the reader's language.
fn counted(parts: &[(i64, &'static Resource)], t: Lang) -> String {
    let mut words = parts.iter().map(|(n, r)| {
        t.message("engine-delete-count")
            .arg("count", *n)
            .arg("record", r.singular_in(t))
            .arg("records", r.label_in(t).to_lowercase())
            .to_string()
    });
    let first = words.next().unwrap_or_default();
    let rest: Vec<String> = words.collect();
    match rest.split_last() {
        None => first,
        Some((last, middle)) => {
            let head = std::iter::once(first)
                .chain(middle.iter().cloned())
                .collect::<Vec<_>>();
            t.message("engine-list-and")
                .arg("first", head.join(&t.text("engine-list-comma")))
                .arg("last", last.as_str())
                .to_string()
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
        page.t
            .message("engine-deleted")
            .arg("title", title)
            .to_string(),
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
            let message = page.t.message("engine-restored").arg("title", title);
            flash::push(&session, Level::Success, message.to_string());
            Ok(see_other(&format!("{}/{id}", res.path())))
        }
        Err(why) => {
            flash::push(&session, Level::Error, not_restored(&why, page.t));
            Ok(see_other(&format!("{}/trash", res.path())))
        }
    }
}

/// Why a record stays in the trash, in the reader's language.
fn not_restored(why: &NotRestored, t: Lang) -> String {
    match why {
        NotRestored::ParentInTrash(parent) => t
            .message("engine-restore-parent-first")
            .arg("record", parent.singular_in(t))
            .arg("records", parent.label_in(t))
            .to_string(),
        NotRestored::Refused(Some(message)) => t
            .message("engine-restore-refused-because")
            .arg("message", message.as_str())
            .to_string(),
        NotRestored::Refused(None) => t.text("engine-restore-refused"),
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
    let view = ResView::new(res, &page.access, page.t);
    let title = page
        .t
        .message("engine-trash-title")
        .arg("records", &view.label);
    render(&TrashPage {
        layout: page.layout(title.to_string()),
        res: view,
        rows,
        previous: (at > 1).then(|| link(at - 1)),
        next: more.then(|| link(at + 1)),
    })
}

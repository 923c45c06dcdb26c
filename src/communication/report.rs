//! A sent message's delivery report: how many it reached, by e-mail and in-app,
//! who read it, who could not be reached and why; the failed can be tried again.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::queries::{self, RecipientLine, Sent, Tally};
use crate::db::enums::MessageStatus;
use crate::mail::{BodyPiece, linkify};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::flash::{self, Level};
use crate::web::layout::{Layout, Page};
use crate::web::{render, see_other};

/// How many recipients the report lists (the failed first).
const LISTED: i64 = 500;

#[derive(Template)]
#[template(path = "communication/delivery.html")]
struct ReportPage {
    layout: Layout,
    id: Uuid,
    message: Sent,
    body: Vec<BodyPiece>,
    tally: Tally,
    lines: Vec<RecipientLine>,
    /// When it went out, or when it is due to, in the school's zone.
    when: Option<String>,
    may_write: bool,
}

impl ReportPage {
    fn editable(&self) -> bool {
        self.may_write
            && matches!(
                self.message.status,
                MessageStatus::Draft | MessageStatus::Queued
            )
    }
}

pub(super) async fn show(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = *id;
    let (message, tally, lines) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            Ok(queries::delivery_report(tenant, id, LISTED)?)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let locale = page.locale();
    let when = message
        .sent_at
        .or(message.scheduled_for)
        .map(|at| locale.instant(at));
    let may_write = page.access.can(crate::access::Permission::new(
        crate::access::Action::Create,
        crate::access::Entity::Messages,
    )) && message.sent_by == Some(page.access.user_id)
        || page.access.can(crate::access::Permission::new(
            crate::access::Action::Create,
            crate::access::Entity::MessageRecipients,
        ));
    render(&ReportPage {
        layout: page.layout(message.subject.clone()),
        id,
        body: linkify(&message.body),
        message,
        tally,
        lines,
        when,
        may_write,
    })
}

pub(super) async fn retry(
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = *id;
    let owed = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        // Only a message the reader can see, so its id is not guessed at.
        if queries::delivery_report(tenant, id, 0)?.is_none() {
            return Ok(None);
        }
        Ok::<_, AppError>(Some(super::outgoing::retry_failed(
            tenant,
            id,
            crate::clock::now(),
        )?))
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let said = page
        .t
        .message("messages-retrying")
        .arg("count", owed as i64)
        .to_string();
    flash::push(&session, Level::Success, said);
    Ok(see_other(&format!("/messages/{id}/delivery")))
}

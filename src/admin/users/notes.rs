//! Notes on a user: written and read only by those who manage users (the page shows
//! them to nobody else); the trail records each change, without the text.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::changes::change_user;
use super::page::Refusal;
use crate::admin::queries;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::input;
use crate::web::layout::Page;

/// Long enough for a page of notes; longer is refused with a message.
const MAX_CHARS: i64 = 4000;

#[derive(Deserialize)]
pub(super) struct NotesForm {
    #[serde(default)]
    notes: String,
}

pub(super) async fn save_notes(
    page: Page,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: input::Form<NotesForm>,
) -> Result<HttpResponse, AppError> {
    let (notes, t) = (form.into_inner().notes, page.t);
    let target = (id.into_inner(), String::new());
    change_user(page, state, session, target, move |tenant, _, user| {
        let notes = notes.trim();
        if notes.chars().count() > MAX_CHARS as usize {
            let message = t
                .message("admin-note-too-long")
                .arg("max", t.number(MAX_CHARS));
            return Ok(Err(Refusal::Conflict(message.to_string())));
        }
        let stored = (!notes.is_empty()).then_some(notes);
        queries::set_user_notes(tenant, user.id, stored)?;
        Ok(Ok(t
            .message("admin-note-saved")
            .arg("name", user.name())
            .to_string()))
    })
    .await
}

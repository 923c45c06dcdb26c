//! `/inbox`: the notices addressed to the signed-in user, newest first.

use actix_web::{HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::queries::{self, Received};
use crate::access::{Gate, MenuEntry, MenuGroup, Routes};
use crate::mail::{BodyPiece, linkify};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::render;

/// How many messages the inbox lists.
const LISTED: i64 = 200;

pub fn routes(r: &mut Routes) {
    r.get("/inbox", Gate::SignedIn, inbox)
        .get("/inbox/{id}", Gate::SignedIn, open);
    r.menu(MenuEntry {
        group: MenuGroup::Today,
        order: 20,
        label: "nav-inbox",
        href: "/inbox",
        gate: Gate::SignedIn,
    });
}

pub struct InboxItem {
    /// The recipient row: one person's copy of the message.
    pub id: Uuid,
    pub subject: String,
    pub from: String,
    pub received: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "communication/inbox.html")]
struct InboxPage {
    layout: Layout,
    items: Vec<InboxItem>,
}

#[derive(Template)]
#[template(path = "communication/message.html")]
struct MessagePage {
    layout: Layout,
    subject: String,
    from: String,
    received: String,
    body: Vec<BodyPiece>,
    /// The files sent with it.
    attachments: Vec<crate::files::StoredFile>,
}

impl Received {
    /// Who sent it: the user's name, or Homeroom for its own notices.
    fn sender(&self) -> String {
        match self.sender_email.as_deref() {
            Some(email) => crate::access::display_name(
                self.sender_first.as_deref(),
                self.sender_last.as_deref(),
                email,
            ),
            None => "Homeroom".to_owned(),
        }
    }
}

async fn inbox(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = crate::web::db::run_in(&state.pool, page.access.actor(), |tenant| {
        Ok(queries::inbox(tenant, LISTED)?)
    })
    .await?;
    let locale = page.locale();
    let items = rows
        .into_iter()
        .map(|m| InboxItem {
            from: m.sender(),
            received: locale.instant(m.received_at),
            unread: m.read_at.is_none(),
            id: m.id,
            subject: m.subject,
        })
        .collect();
    render(&InboxPage {
        layout: page.layout(page.t.text("messages-inbox-title")),
        items,
    })
}

/// Shows one message and records that it was read.
async fn open(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = *id;
    let (message, attachments) =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let Some(message) = queries::open(tenant, id)? else {
                return Err(AppError::NotFound);
            };
            let kind = crate::files::EntityKind::Message;
            let attachments = crate::files::files_of(tenant, kind, message.message_id)?;
            Ok((message, attachments))
        })
        .await?;
    render(&MessagePage {
        layout: page.layout(message.subject.clone()),
        from: message.sender(),
        received: page.locale().instant(message.received_at),
        body: linkify(&message.body),
        subject: message.subject,
        attachments,
    })
}

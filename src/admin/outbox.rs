//! `/admin/outbox`: the e-mail Homeroom sent (or kept, without SMTP) for this organization.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::queries::{self, OutboxRow};
use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::EmailStatus;
use crate::mail::{BodyPiece, linkify};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::format::Locale;
use crate::web::layout::{Layout, Page};
use crate::web::render;

pub fn routes(r: &mut Routes) {
    r.get(
        "/admin/outbox",
        Gate::Requires(Permission::new(Action::Read, Entity::EmailOutbox)),
        outbox,
    );
    r.menu(MenuEntry {
        group: MenuGroup::Administration,
        order: 83,
        label: "nav-outbox",
        href: "/admin/outbox",
        gate: Gate::Requires(Permission::new(Action::Read, Entity::EmailOutbox)),
    });
}

pub struct OutboxEmail {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub to: String,
    pub subject: String,
    pub body: Vec<BodyPiece>,
    pub status: EmailStatus,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    layout: Layout,
    locale: Locale,
    emails: Vec<OutboxEmail>,
    uses_smtp: bool,
}

/// The latest 100 messages of the organization; global administrators also see
/// those that belong to no organization.
async fn outbox(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let global = page.access.global_access;
    let rows = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        Ok(queries::recent_emails(tenant, global, 100)?)
    })
    .await?;
    render(&OutboxPage {
        layout: page.layout(page.t.text("admin-outbox-title")),
        locale: page.locale(),
        emails: rows.into_iter().map(OutboxEmail::from).collect(),
        uses_smtp: state.mailer.uses_smtp(),
    })
}

impl From<OutboxRow> for OutboxEmail {
    fn from(row: OutboxRow) -> OutboxEmail {
        OutboxEmail {
            id: row.id,
            created_at: row.created_at,
            to: row.to,
            subject: row.subject,
            body: linkify(&row.body),
            status: row.status,
            error: row.error,
        }
    }
}

//! `/admin/outbox`: the e-mail Homeroom sent (or kept, without SMTP) for this organization.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::access::{Action, Entity, Gate, MenuEntry, MenuGroup, Permission, Routes};
use crate::db::enums::EmailStatus;
use crate::db::schema::email_outbox;
use crate::mail::{BodyPiece, linkify};
use crate::state::AppState;
use crate::web::error::AppError;
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
        label: "Outbox",
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
    emails: Vec<OutboxEmail>,
    uses_smtp: bool,
}

/// The latest 100 messages of the organization; global administrators also see
/// those that belong to no organization.
async fn outbox(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let org = page.access.organization_id;
    let global = page.access.global_access;
    let rows = crate::web::db::run(&state.pool, move |conn| {
        let mut query = email_outbox::table
            .filter(email_outbox::deleted_at.is_null())
            .into_boxed();
        query = if global {
            query.filter(
                email_outbox::organization_id
                    .eq(org)
                    .or(email_outbox::organization_id.is_null()),
            )
        } else {
            query.filter(email_outbox::organization_id.eq(org))
        };
        Ok(query
            .order(email_outbox::created_at.desc())
            .limit(100)
            .select((
                email_outbox::id,
                email_outbox::created_at,
                email_outbox::to_address,
                email_outbox::subject,
                email_outbox::body_text,
                email_outbox::status,
                email_outbox::error,
            ))
            .load::<(
                Uuid,
                DateTime<Utc>,
                String,
                String,
                String,
                EmailStatus,
                Option<String>,
            )>(conn)?)
    })
    .await?;
    let emails = rows
        .into_iter()
        .map(
            |(id, created_at, to, subject, body, status, error)| OutboxEmail {
                id,
                created_at,
                to,
                subject,
                body: linkify(&body),
                status,
                error,
            },
        )
        .collect();
    render(&OutboxPage {
        layout: page.layout("Outbox"),
        emails,
        uses_smtp: state.mailer.uses_smtp(),
    })
}

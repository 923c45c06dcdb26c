//! `/inbox`: the notices addressed to the signed-in user, newest first.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::access::{Gate, MenuEntry, MenuGroup, Routes};
use crate::db::enums::DeliveryStatus;
use crate::db::schema::{message_recipients, messages, users};
use crate::mail::{BodyPiece, linkify};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::{Layout, Page};
use crate::web::{local_time, render};

pub fn routes(r: &mut Routes) {
    r.get("/inbox", Gate::SignedIn, inbox)
        .get("/inbox/{id}", Gate::SignedIn, open);
    r.menu(MenuEntry {
        group: MenuGroup::Today,
        order: 20,
        label: "Inbox",
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
}

type Row = (
    Uuid,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The user's live copies, newest first, with the sender's name.
#[diesel::dsl::auto_type]
fn addressed_to(user_id: Uuid, organization_id: Uuid) -> _ {
    message_recipients::table
        .inner_join(messages::table)
        .left_join(users::table.on(users::id.nullable().eq(messages::sent_by_id)))
        .filter(message_recipients::user_id.eq(user_id))
        .filter(message_recipients::organization_id.eq(organization_id))
        .filter(message_recipients::deleted_at.is_null())
        .filter(messages::deleted_at.is_null())
        .select((
            message_recipients::id,
            messages::subject,
            messages::body,
            message_recipients::created_at,
            message_recipients::read_at,
            users::first_name.nullable(),
            users::last_name.nullable(),
            users::email.nullable(),
        ))
}

fn sender(first: Option<&str>, last: Option<&str>, email: Option<&str>) -> String {
    match email {
        Some(email) => crate::access::display_name(first, last, email),
        None => "Homeroom".to_owned(),
    }
}

async fn inbox(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (user, org) = (page.access.user_id, page.access.organization_id);
    let rows: Vec<Row> = crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
        let conn = tenant.conn();
        Ok(addressed_to(user, org)
            .order(message_recipients::created_at.desc())
            .limit(200)
            .load(conn)?)
    })
    .await?;
    let tz = page.access.time_zone;
    let items = rows
        .into_iter()
        .map(
            |(id, subject, _, at, read_at, first, last, email)| InboxItem {
                id,
                subject,
                from: sender(first.as_deref(), last.as_deref(), email.as_deref()),
                received: local_time(tz, at),
                unread: read_at.is_none(),
            },
        )
        .collect();
    render(&InboxPage {
        layout: page.layout("Inbox"),
        items,
    })
}

/// Shows one message and records that it was read.
async fn open(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (user, org, id) = (page.access.user_id, page.access.organization_id, *id);
    let row: Option<Row> =
        crate::web::db::run_in(&state.pool, page.access.actor(), move |tenant| {
            let conn = tenant.conn();
            let row = addressed_to(user, org)
                .filter(message_recipients::id.eq(id))
                .first::<Row>(conn)
                .optional()?;
            if row.as_ref().is_some_and(|r| r.4.is_none()) {
                diesel::update(message_recipients::table.find(id))
                    .set((
                        message_recipients::read_at.eq(Utc::now()),
                        message_recipients::delivery_status.eq(DeliveryStatus::Read),
                        message_recipients::updated_by_id.eq(user),
                    ))
                    .execute(conn)?;
            }
            Ok(row)
        })
        .await?;
    let (_, subject, body, at, _, first, last, email) = row.ok_or(AppError::NotFound)?;
    render(&MessagePage {
        layout: page.layout(subject.clone()),
        subject,
        from: sender(first.as_deref(), last.as_deref(), email.as_deref()),
        received: local_time(page.access.time_zone, at),
        body: linkify(&body),
    })
}

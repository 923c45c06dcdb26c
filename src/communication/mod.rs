//! Notices to people: one `messages` row with a `message_recipients` row per person,
//! shown in the recipient's in-app inbox and e-mailed to those with an address.
//! Absence alerts and walkthrough notifications go through [`notify`].

pub mod inbox;

use chrono::Utc;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::enums::{
    DeliveryStatus, EmailStatus, MessageAudience, MessageChannel, MessageStatus, RecipientType,
};
use crate::db::schema::{message_recipients, messages};
use crate::mail::{Email, Mailer};

pub use inbox::routes;

/// One person a notice is addressed to.
pub struct Recipient {
    pub kind: RecipientType,
    /// How the person is named in the message's recipient list.
    pub label: String,
    /// The account whose inbox shows the notice, if the person has one.
    pub user_id: Option<Uuid>,
    /// Also e-mailed here when present.
    pub email: Option<String>,
}

pub struct Notice<'a> {
    pub organization_id: Uuid,
    pub campus_id: Option<Uuid>,
    /// The user whose action caused the notice.
    pub sent_by: Option<Uuid>,
    pub subject: &'a str,
    /// Plain text.
    pub body: &'a str,
    pub recipients: &'a [Recipient],
}

/// Records the notice and delivers it: in-app recipients see it at once, e-mail goes
/// through the mailer (which keeps it in the outbox without SMTP). Runs inside the
/// caller's transaction, so the notice exists exactly when the action that caused it
/// does. Returns the message id.
pub fn notify(conn: &mut PgConnection, mailer: &Mailer, notice: &Notice) -> QueryResult<Uuid> {
    // Delivery is Homeroom's work: it writes recipients the sender may not read.
    crate::db::as_system(conn, |conn| deliver(conn, mailer, notice))
}

fn deliver(conn: &mut PgConnection, mailer: &Mailer, notice: &Notice) -> QueryResult<Uuid> {
    let now = Utc::now();
    let channel = if notice.recipients.iter().any(|r| r.user_id.is_some()) {
        MessageChannel::InApp
    } else {
        MessageChannel::Email
    };
    let message_id = diesel::insert_into(messages::table)
        .values((
            messages::organization_id.eq(notice.organization_id),
            messages::campus_id.eq(notice.campus_id),
            messages::sent_by_id.eq(notice.sent_by),
            messages::subject.eq(notice.subject),
            messages::body.eq(notice.body),
            messages::channel.eq(channel),
            messages::audience.eq(MessageAudience::Custom),
            messages::status.eq(MessageStatus::Sent),
            messages::sent_at.eq(now),
            messages::created_by_id.eq(notice.sent_by),
            messages::updated_by_id.eq(notice.sent_by),
        ))
        .returning(messages::id)
        .get_result::<Uuid>(conn)?;

    for recipient in notice.recipients {
        let email = recipient
            .email
            .as_deref()
            .map(str::trim)
            .filter(|address| !address.is_empty());
        let emailed = match email {
            Some(address) => Some(
                mailer
                    .send(
                        conn,
                        &Email {
                            organization_id: Some(notice.organization_id),
                            to: address.to_owned(),
                            subject: notice.subject.to_owned(),
                            body: notice.body.to_owned(),
                            sent_by: notice.sent_by,
                        },
                    )?
                    .1,
            ),
            None => None,
        };
        // An inbox copy is delivered the moment it is stored; an e-mail only counts
        // as sent once the mailer has handed it on.
        let status = match (recipient.user_id, emailed) {
            (Some(_), _) => DeliveryStatus::Delivered,
            (None, Some(EmailStatus::Failed)) => DeliveryStatus::Failed,
            (None, Some(_)) => DeliveryStatus::Sent,
            (None, None) => DeliveryStatus::Failed,
        };
        diesel::insert_into(message_recipients::table)
            .values((
                message_recipients::organization_id.eq(notice.organization_id),
                message_recipients::message_id.eq(message_id),
                message_recipients::recipient_type.eq(recipient.kind),
                message_recipients::recipient_label.eq(&recipient.label),
                message_recipients::destination.eq(email),
                message_recipients::user_id.eq(recipient.user_id),
                message_recipients::delivery_status.eq(status),
                message_recipients::delivered_at
                    .eq((status == DeliveryStatus::Delivered).then_some(now)),
                message_recipients::created_by_id.eq(notice.sent_by),
                message_recipients::updated_by_id.eq(notice.sent_by),
            ))
            .execute(conn)?;
    }
    Ok(message_id)
}

//! Notices to people: one `messages` row with a `message_recipients` row per person,
//! shown in the recipient's in-app inbox and e-mailed to those with an address.
//! Absence alerts and walkthrough notifications go through [`notify`].

pub mod compose;
pub mod inbox;
pub mod outgoing;
pub mod queries;
mod report;

use chrono::Utc;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Tenant;
use crate::db::enums::{DeliveryStatus, EmailStatus, MessageChannel, RecipientType};
use crate::mail::{Email, Mailer};
use queries::Delivery;

/// The inbox, and writing messages and their delivery reports.
pub fn routes(r: &mut crate::access::Routes) {
    inbox::routes(r);
    compose::routes(r);
}

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

/// A notice of the tenant's school.
pub struct Notice<'a> {
    pub campus_id: Option<Uuid>,
    /// The user whose action caused the notice.
    pub sent_by: Option<Uuid>,
    pub subject: &'a str,
    /// Plain text.
    pub body: &'a str,
    pub recipients: &'a [Recipient],
    /// Meant only for its recipients: read by its sender and recipients alone, not by
    /// everyone who reads the school's messages (a walkthrough's ratings to the
    /// observed teacher). An absence alert to a family is not personal: the office
    /// follows those up.
    pub personal: bool,
}

/// Records the notice and delivers it: in-app recipients see it at once, e-mail goes
/// through the mailer (which keeps it in the outbox without SMTP). Runs inside the
/// caller's transaction, so the notice exists exactly when the action that caused it
/// does. Returns the message id.
pub fn notify(tenant: &mut Tenant<'_>, mailer: &Mailer, notice: &Notice) -> QueryResult<Uuid> {
    // Delivery is Homeroom's work: it writes recipients the sender may not read.
    tenant.as_system(|tenant| deliver(tenant, mailer, notice))
}

fn deliver(tenant: &mut Tenant<'_>, mailer: &Mailer, notice: &Notice) -> QueryResult<Uuid> {
    let now = Utc::now();
    let channel = if notice.recipients.iter().any(|r| r.user_id.is_some()) {
        MessageChannel::InApp
    } else {
        MessageChannel::Email
    };
    let message_id = queries::insert_message(tenant, notice, channel, now)?;
    for recipient in notice.recipients {
        let email = recipient
            .email
            .as_deref()
            .map(str::trim)
            .filter(|address| !address.is_empty());
        let emailed = match email {
            Some(address) => {
                let email = Email {
                    organization_id: Some(tenant.organization().uuid()),
                    to: address.to_owned(),
                    subject: notice.subject.to_owned(),
                    body: notice.body.to_owned(),
                    sent_by: notice.sent_by,
                };
                Some(mailer.send(tenant.conn(), &email)?.1)
            }
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
        let delivery = Delivery {
            message_id,
            recipient,
            destination: email,
            status,
            sent_by: notice.sent_by,
            now,
        };
        queries::insert_recipient(tenant, &delivery)?;
    }
    Ok(message_id)
}

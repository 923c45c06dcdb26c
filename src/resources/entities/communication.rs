//! Messages to families and staff, who received them, and the school's events.

use super::people::CAMPUSES;
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{
    DeliveryStatus, MessageAudience, MessageChannel, MessageStatus, RecipientType,
};
use crate::resources::{Child, Field, Hooks, Mode, Resource};

pub static MESSAGES: Resource = Resource {
    entity: Entity::Messages,
    singular: "message",
    title: "subject",
    fields: &[
        Field::text("subject", "Subject").required().sortable(),
        Field::long_text("body", "Message").required(),
        Field::choice(
            "channel",
            "Sent by",
            "message_channel",
            choices!(MessageChannel),
        )
        .required()
        .listed(),
        Field::choice(
            "audience",
            "To",
            "message_audience",
            choices!(MessageAudience),
        )
        .required()
        .listed(),
        Field::relation("campus_id", "Campus", &CAMPUSES),
        Field::choice(
            "status",
            "Status",
            "message_status",
            choices!(MessageStatus),
        )
        .required()
        .sortable(),
        Field::timestamp("sent_at", "Sent at").sortable(),
    ],
    search: &["subject", "body"],
    filters: &["status", "channel", "audience", "campus_id"],
    order: &["created_at DESC"],
    natural_key: &["subject", "sent_at"],
    children: &[Child::cascade(&MESSAGE_RECIPIENTS, "message_id")],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

/// Written when a message goes out; people read who got it and when.
pub static MESSAGE_RECIPIENTS: Resource = Resource {
    entity: Entity::MessageRecipients,
    singular: "message recipient",
    title: "coalesce(recipient_label, destination, recipient_type::text)",
    fields: &[
        Field::relation("message_id", "Message", &MESSAGES).listed(),
        Field::choice(
            "recipient_type",
            "Recipient",
            "recipient_type",
            choices!(RecipientType),
        )
        .listed(),
        Field::text("recipient_label", "Name"),
        Field::text("destination", "Address").listed(),
        Field::choice(
            "delivery_status",
            "Delivery",
            "delivery_status",
            choices!(DeliveryStatus),
        )
        .sortable(),
        Field::timestamp("delivered_at", "Delivered at").sortable(),
        Field::timestamp("read_at", "Read at"),
    ],
    search: &["recipient_label", "destination"],
    filters: &["delivery_status", "recipient_type", "message_id"],
    order: &["created_at DESC"],
    natural_key: &["message_id", "destination"],
    children: &[],
    rules: &[],
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

pub static COMMUNICATION_EVENTS: Resource = Resource {
    entity: Entity::CommunicationEvents,
    singular: "event",
    title: "title",
    fields: &[
        Field::text("title", "Title").required().sortable(),
        Field::date("event_date", "Date").required().sortable(),
        Field::text("event_type", "Kind of event")
            .max(100)
            .required()
            .listed(),
        Field::relation("campus_id", "Campus", &CAMPUSES).listed(),
        Field::json("roles", "Roles invited (a JSON list)"),
    ],
    search: &["title", "event_type"],
    filters: &["event_date", "campus_id"],
    order: &["event_date DESC"],
    natural_key: &["title", "event_date"],
    children: &[],
    rules: &[],
    mode: Mode::Tenant,
    hooks: &Hooks::NONE,
};

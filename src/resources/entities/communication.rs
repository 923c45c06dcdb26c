//! Messages to families and staff, who received them, and the school's events.

use super::people::CAMPUSES;
use crate::access::Entity;
use crate::choices;
use crate::db::enums::{
    DeliveryStatus, MessageAudience, MessageChannel, MessageStatus, RecipientType,
};
use crate::i18n::msg;
use crate::resources::{Child, Field, Hooks, Mode, Resource};

pub static MESSAGES: Resource = Resource {
    entity: Entity::Messages,
    singular: "message",
    title: "subject",
    fields: &[
        Field::text("subject", msg("field-message-subject"))
            .required()
            .sortable(),
        Field::long_text("body", msg("field-message")).required(),
        Field::choice(
            "channel",
            msg("field-sent-by"),
            "message_channel",
            choices!(MessageChannel),
        )
        .required()
        .listed(),
        Field::choice(
            "audience",
            msg("field-to"),
            "message_audience",
            choices!(MessageAudience),
        )
        .required()
        .listed(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES),
        Field::choice(
            "status",
            msg("field-status"),
            "message_status",
            choices!(MessageStatus),
        )
        .required()
        .sortable(),
        Field::timestamp("sent_at", msg("field-sent-at")).sortable(),
    ],
    search: &["subject", "body"],
    filters: &["status", "channel", "audience", "campus_id"],
    order: &["created_at DESC"],
    natural_key: &["subject", "sent_at"],
    children: &[Child::cascade(&MESSAGE_RECIPIENTS, "message_id")],
    rules: &[],
    // Written through `/messages/new`, whose status follows from the delivery.
    mode: Mode::TenantReadOnly,
    hooks: &Hooks::NONE,
};

/// Written when a message goes out; people read who got it and when.
pub static MESSAGE_RECIPIENTS: Resource = Resource {
    entity: Entity::MessageRecipients,
    singular: "message recipient",
    title: "coalesce(recipient_label, destination, recipient_type::text)",
    fields: &[
        Field::relation("message_id", msg("field-message"), &MESSAGES).listed(),
        Field::choice(
            "recipient_type",
            msg("field-recipient"),
            "recipient_type",
            choices!(RecipientType),
        )
        .listed(),
        Field::text("recipient_label", msg("field-name")),
        Field::text("destination", msg("field-address")).listed(),
        Field::choice(
            "delivery_status",
            msg("field-delivery"),
            "delivery_status",
            choices!(DeliveryStatus),
        )
        .sortable(),
        Field::timestamp("delivered_at", msg("field-delivered-at")).sortable(),
        Field::timestamp("read_at", msg("field-read-at")),
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
        Field::text("title", msg("field-title"))
            .required()
            .sortable(),
        Field::date("event_date", msg("field-date"))
            .required()
            .sortable(),
        Field::text("event_type", msg("field-kind-of-event"))
            .max(100)
            .required()
            .listed(),
        Field::relation("campus_id", msg("field-campus"), &CAMPUSES).listed(),
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

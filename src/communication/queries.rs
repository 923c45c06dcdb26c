//! The reads and writes of messages, their recipients and the school's events: the
//! only place that names their tables.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{Notice, Recipient};
use crate::db::enums::{DeliveryStatus, MessageAudience, MessageChannel, MessageStatus};
use crate::db::schema::{self, users};
use crate::db::{OrganizationId, Tenant, UserId};

crate::live_rows!(messages, message_recipients, communication_events);

/// Stores a sent notice (not yet its recipients); returns its id.
pub fn insert_message(
    tenant: &mut Tenant<'_>,
    notice: &Notice,
    channel: MessageChannel,
    now: DateTime<Utc>,
) -> QueryResult<Uuid> {
    use schema::messages as m;
    diesel::insert_into(m::table)
        .values((
            m::organization_id.eq(tenant.organization()),
            m::campus_id.eq(notice.campus_id),
            m::sent_by_id.eq(notice.sent_by),
            m::subject.eq(notice.subject),
            m::body.eq(notice.body),
            m::channel.eq(channel),
            m::audience.eq(MessageAudience::Custom),
            m::status.eq(MessageStatus::Sent),
            m::sent_at.eq(now),
            m::created_by_id.eq(notice.sent_by),
            m::updated_by_id.eq(notice.sent_by),
            m::personal.eq(notice.personal),
        ))
        .returning(m::id)
        .get_result(tenant.conn())
}

/// One person's copy of a message, as delivered `now` to `destination` (an e-mail
/// address) or their inbox.
pub struct Delivery<'a> {
    pub message_id: Uuid,
    pub recipient: &'a Recipient,
    pub destination: Option<&'a str>,
    pub status: DeliveryStatus,
    pub sent_by: Option<Uuid>,
    pub now: DateTime<Utc>,
}

pub fn insert_recipient(tenant: &mut Tenant<'_>, delivery: &Delivery) -> QueryResult<usize> {
    use schema::message_recipients as r;
    let status = delivery.status;
    diesel::insert_into(r::table)
        .values((
            r::organization_id.eq(tenant.organization()),
            r::message_id.eq(delivery.message_id),
            r::recipient_type.eq(delivery.recipient.kind),
            r::recipient_label.eq(&delivery.recipient.label),
            r::destination.eq(delivery.destination),
            r::user_id.eq(delivery.recipient.user_id),
            r::delivery_status.eq(status),
            r::delivered_at.eq((status == DeliveryStatus::Delivered).then_some(delivery.now)),
            r::created_by_id.eq(delivery.sent_by),
            r::updated_by_id.eq(delivery.sent_by),
        ))
        .execute(tenant.conn())
}

/// One person's copy of a message, with its sender's name and e-mail.
#[derive(Queryable)]
pub struct Received {
    /// The recipient row's id.
    pub id: Uuid,
    pub subject: String,
    pub body: String,
    pub received_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub sender_first: Option<String>,
    pub sender_last: Option<String>,
    pub sender_email: Option<String>,
}

/// The user's live copies, with the sender's name.
#[diesel::dsl::auto_type]
fn addressed_to(user: UserId, organization: OrganizationId) -> _ {
    let copy_live: message_recipients::is_live = message_recipients::is_live(organization);
    let message_live: messages::is_live = messages::is_live(organization);
    schema::message_recipients::table
        .inner_join(schema::messages::table)
        .left_join(users::table.on(users::id.nullable().eq(schema::messages::sent_by_id)))
        .filter(schema::message_recipients::user_id.eq(user))
        .filter(copy_live)
        .filter(message_live)
        .select((
            schema::message_recipients::id,
            schema::messages::subject,
            schema::messages::body,
            schema::message_recipients::created_at,
            schema::message_recipients::read_at,
            users::first_name.nullable(),
            users::last_name.nullable(),
            users::email.nullable(),
        ))
}

/// The signed-in user's latest `most` messages, newest first.
pub fn inbox(tenant: &mut Tenant<'_>, most: i64) -> QueryResult<Vec<Received>> {
    let Some(user) = tenant.user() else {
        return Ok(Vec::new());
    };
    addressed_to(user, tenant.organization())
        .order(schema::message_recipients::created_at.desc())
        .limit(most)
        .load(tenant.conn())
}

/// One message of the signed-in user's, marked read the first time it is opened.
pub fn open(tenant: &mut Tenant<'_>, id: Uuid) -> QueryResult<Option<Received>> {
    use schema::message_recipients as r;
    let Some(user) = tenant.user() else {
        return Ok(None);
    };
    let found: Option<Received> = addressed_to(user, tenant.organization())
        .filter(r::id.eq(id))
        .first(tenant.conn())
        .optional()?;
    if found.as_ref().is_some_and(|m| m.read_at.is_none()) {
        diesel::update(r::table.find(id))
            .set((
                r::read_at.eq(Utc::now()),
                r::delivery_status.eq(DeliveryStatus::Read),
                r::updated_by_id.eq(user),
            ))
            .execute(tenant.conn())?;
    }
    Ok(found)
}

/// An event of the school's calendar.
pub struct Event {
    pub date: NaiveDate,
    pub title: String,
    pub kind: String,
}

/// The next `most` events from `from` on, soonest first.
pub fn upcoming_events(
    tenant: &mut Tenant<'_>,
    from: NaiveDate,
    most: i64,
) -> QueryResult<Vec<Event>> {
    use schema::communication_events as e;
    let rows: Vec<(NaiveDate, String, String)> = communication_events::live(tenant)
        .filter(e::event_date.ge(from))
        .order((e::event_date.asc(), e::title.asc()))
        .limit(most)
        .select((e::event_date, e::title, e::event_type))
        .load(tenant.conn())?;
    Ok(rows
        .into_iter()
        .map(|(date, title, kind)| Event { date, title, kind })
        .collect())
}

//! The reads and writes of messages, their recipients and the school's events: the
//! only place that names their tables.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{Notice, Recipient};
use crate::db::enums::{DeliveryStatus, MessageAudience, MessageChannel, MessageStatus};
use crate::db::schema::{self, users};
use crate::db::{OrganizationId, Tenant, UserId};
use crate::search::PersonKind;

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
    pub message_id: Uuid,
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
            schema::messages::id,
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

/// Whether the signed-in user holds a live copy of the message.
pub fn received(tenant: &mut Tenant<'_>, message: Uuid) -> QueryResult<bool> {
    use schema::message_recipients as r;
    let Some(user) = tenant.user() else {
        return Ok(false);
    };
    diesel::select(diesel::dsl::exists(
        message_recipients::live(tenant)
            .filter(r::message_id.eq(message))
            .filter(r::user_id.eq(user)),
    ))
    .get_result(tenant.conn())
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

/// Something an audience can name: a campus, grade, class or person.
pub struct Choice {
    pub id: Uuid,
    pub name: String,
}

/// What the compose form offers to write to.
#[derive(Default)]
pub struct AudienceChoices {
    pub campuses: Vec<Choice>,
    pub grades: Vec<Choice>,
    pub classes: Vec<Choice>,
}

/// How the people picked by hand are named: guardians (a person, or a link that
/// stands for itself), students, staff and accounts of the organization, each kind
/// only when the writer may read it ($3 guardians, $4 students, $5 staff and
/// accounts). An id of another organization, of a kind the writer may not read, or
/// of nobody, names no one.
const PICKED_SQL: &str = "
SELECT id, name FROM (
    SELECT coalesce(p.id, g.id) AS id, min(coalesce(p.full_name, g.full_name)) AS name, 1 AS rank
    FROM guardians g LEFT JOIN guardian_people p ON p.id = g.person_id AND p.deleted_at IS NULL
    WHERE $3 AND g.organization_id = $1 AND g.deleted_at IS NULL
      AND coalesce(p.id, g.id) = ANY($2)
    GROUP BY 1
    UNION ALL
    SELECT id, first_name || ' ' || last_name, 2 FROM students
    WHERE $4 AND organization_id = $1 AND deleted_at IS NULL AND id = ANY($2)
    UNION ALL
    SELECT id, coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email, 'Staff member'), 3
    FROM staff WHERE $5 AND organization_id = $1 AND deleted_at IS NULL AND id = ANY($2)
    UNION ALL
    SELECT id, coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email), 4
    FROM users WHERE $5 AND organization_id = $1 AND deleted_at IS NULL AND id = ANY($2)
) picked ORDER BY lower(name), rank, id";

/// The people of `ids` of the `kinds` the writer may read, with their names, by
/// name; ids that name nobody of those kinds are left out.
pub fn picked_people(
    tenant: &mut Tenant<'_>,
    kinds: &[PersonKind],
    ids: &[Uuid],
) -> QueryResult<Vec<Choice>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = diesel::sql_query(PICKED_SQL)
        .bind::<diesel::sql_types::Uuid, _>(tenant.organization())
        .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(ids)
        .bind::<diesel::sql_types::Bool, _>(kinds.contains(&PersonKind::Guardian))
        .bind::<diesel::sql_types::Bool, _>(kinds.contains(&PersonKind::Student))
        .bind::<diesel::sql_types::Bool, _>(kinds.contains(&PersonKind::Staff))
        .load(tenant.conn())?;
    let mut seen = Vec::new();
    Ok(rows
        .into_iter()
        .filter(|r| {
            let first = !seen.contains(&r.id);
            seen.push(r.id);
            first
        })
        .map(|r| Choice {
            id: r.id,
            name: r.name,
        })
        .collect())
}

fn choices(rows: Vec<(Uuid, String)>) -> Vec<Choice> {
    rows.into_iter()
        .map(|(id, name)| Choice { id, name })
        .collect()
}

/// The campuses, grades, active classes and accounts of the school; with `only`,
/// just those classes (a teacher's own) and nothing else.
pub fn audience_choices(
    tenant: &mut Tenant<'_>,
    only: Option<&[Uuid]>,
) -> QueryResult<AudienceChoices> {
    use crate::db::enums::ClassStatus;
    use crate::school::queries::{campuses, classes, grades};
    use schema::{campuses as ca, classes as cl, grades as gr};
    let mut query = classes::live(tenant)
        .inner_join(gr::table)
        .filter(cl::status.eq(ClassStatus::Active))
        .select((
            cl::id,
            diesel::dsl::sql::<diesel::sql_types::Text>("grades.name || ' · ' || classes.name"),
        ))
        .order((gr::sort_order.asc().nulls_last(), gr::name, cl::name))
        .into_boxed();
    if let Some(ids) = only {
        query = query.filter(cl::id.eq_any(ids.to_vec()));
    }
    let classes = choices(query.load(tenant.conn())?);
    if only.is_some() {
        return Ok(AudienceChoices {
            classes,
            ..AudienceChoices::default()
        });
    }
    let campuses = choices(
        campuses::live(tenant)
            .order(ca::name)
            .select((ca::id, ca::name))
            .load(tenant.conn())?,
    );
    let grades = choices(
        grades::live(tenant)
            .order((gr::sort_order.asc().nulls_last(), gr::name))
            .select((gr::id, gr::name))
            .load(tenant.conn())?,
    );
    Ok(AudienceChoices {
        campuses,
        grades,
        classes,
    })
}

/// A sent message as its delivery report shows it.
pub struct Sent {
    pub subject: String,
    pub body: String,
    pub status: MessageStatus,
    pub sent_at: Option<DateTime<Utc>>,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub sent_by: Option<Uuid>,
}

/// How a message's recipients fared.
#[derive(QueryableByName, Default)]
pub struct Tally {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub total: i64,
    /// E-mail still owed.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub pending: i64,
    /// E-mail handed to the mail server.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub emailed: i64,
    /// With an in-app copy.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub in_app: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub read: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub failed: i64,
}

/// A recipient the report lists: the failed first, then the rest by name.
#[derive(QueryableByName)]
pub struct RecipientLine {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub label: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub destination: Option<String>,
    #[diesel(sql_type = crate::db::schema::sql_types::DeliveryStatus)]
    pub status: DeliveryStatus,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub error: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    pub read_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = diesel::sql_types::Int4)]
    pub attempts: i32,
}

/// A message the reader may read, with its recipients' tally and the first `most`
/// of them.
pub fn delivery_report(
    tenant: &mut Tenant<'_>,
    id: Uuid,
    most: i64,
) -> QueryResult<Option<(Sent, Tally, Vec<RecipientLine>)>> {
    use schema::messages as m;
    type SentRow = (
        String,
        String,
        MessageStatus,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        Option<Uuid>,
    );
    let found: Option<SentRow> = messages::live(tenant)
        .filter(m::id.eq(id))
        .select((
            m::subject,
            m::body,
            m::status,
            m::sent_at,
            m::scheduled_for,
            m::sent_by_id,
        ))
        .first(tenant.conn())
        .optional()?;
    let Some((subject, body, status, sent_at, scheduled_for, sent_by)) = found else {
        return Ok(None);
    };
    let tally: Tally = diesel::sql_query(
        "SELECT count(*) AS total,
                count(*) FILTER (WHERE email_next_at IS NOT NULL) AS pending,
                count(*) FILTER (WHERE email_sent_at IS NOT NULL) AS emailed,
                count(*) FILTER (WHERE user_id IS NOT NULL) AS in_app,
                count(*) FILTER (WHERE read_at IS NOT NULL) AS read,
                count(*) FILTER (WHERE delivery_status = 'failed') AS failed
         FROM message_recipients WHERE message_id = $1 AND deleted_at IS NULL",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .get_result(tenant.conn())?;
    let lines: Vec<RecipientLine> = diesel::sql_query(
        "SELECT recipient_label AS label, destination, delivery_status AS status,
                email_error AS error, read_at, email_attempts AS attempts
         FROM message_recipients WHERE message_id = $1 AND deleted_at IS NULL
         ORDER BY delivery_status = 'failed' DESC, recipient_label, id
         LIMIT $2",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<diesel::sql_types::BigInt, _>(most)
    .load(tenant.conn())?;
    Ok(Some((
        Sent {
            subject,
            body,
            status,
            sent_at,
            scheduled_for,
            sent_by,
        },
        tally,
        lines,
    )))
}

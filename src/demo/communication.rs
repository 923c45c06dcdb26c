//! Messages already sent, with their delivery to each recipient, and the events of
//! the coming weeks.

use anyhow::Context;
use chrono::{DateTime, Datelike, NaiveTime, TimeDelta, Utc};
use diesel::prelude::*;
use rand::Rng;
use uuid::Uuid;

use super::Ctx;
use super::organization::Org;
use super::people::{People, StaffMember};
use super::plan::Plan;
use super::support::{insert_all, instant, new_id, stream, time, weighted};
use crate::access::roles::BuiltinRole;
use crate::db::enums::{
    DeliveryStatus, MessageAudience, MessageChannel, MessageStatus, RecipientType,
};
use crate::db::schema::{communication_events, message_recipients, messages};

pub struct CommunicationCounts {
    pub messages: usize,
    pub recipients: usize,
    pub events: usize,
}

/// A sent message; also the walkthroughs' notices. Unset times and authors take
/// the table's defaults.
#[derive(Insertable)]
#[diesel(table_name = messages)]
pub(super) struct NewMessage {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub campus_id: Option<Uuid>,
    pub sent_by_id: Option<Uuid>,
    pub subject: String,
    pub body: String,
    pub channel: MessageChannel,
    pub audience: MessageAudience,
    /// Meant only for its recipients (a walkthrough's notice to its teacher).
    pub personal: bool,
    pub status: MessageStatus,
    pub sent_at: DateTime<Utc>,
    pub import_hash: String,
    pub created_at: Option<DateTime<Utc>>,
    pub created_by_id: Option<Uuid>,
}

/// One person's copy of a message: by e-mail (`destination`) or in the inbox of `user_id`.
#[derive(Insertable)]
#[diesel(table_name = message_recipients)]
pub(super) struct NewRecipient {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub message_id: Uuid,
    pub recipient_type: RecipientType,
    pub recipient_label: String,
    pub destination: Option<String>,
    pub user_id: Option<Uuid>,
    pub delivery_status: DeliveryStatus,
    pub delivered_at: Option<DateTime<Utc>>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: Option<DateTime<Utc>>,
    pub created_by_id: Option<Uuid>,
}

#[derive(Insertable)]
#[diesel(table_name = communication_events)]
struct NewEvent {
    id: Uuid,
    organization_id: Uuid,
    campus_id: Option<Uuid>,
    title: String,
    event_date: chrono::NaiveDate,
    event_type: &'static str,
    audience: MessageAudience,
    reach_staff: bool,
    reach_guardians: bool,
    reach_students: bool,
    ends_on: Option<chrono::NaiveDate>,
    starts_at: Option<NaiveTime>,
    ends_at: Option<NaiveTime>,
    location: Option<&'static str>,
    description: Option<&'static str>,
    remind_days_before: i32,
    import_hash: String,
}

/// An upcoming event: title, days from today, type, campus, who is invited
/// (staff, guardians, students), start and end times (none: all day), days it
/// lasts beyond the first, where, and days before it a reminder goes.
struct EventSpec {
    title: &'static str,
    in_days: i64,
    event_type: &'static str,
    campus: Option<usize>,
    invited: (bool, bool, bool),
    times: Option<((u32, u32), (u32, u32))>,
    more_days: i64,
    location: Option<&'static str>,
    remind: i32,
}

/// Who a message went to: (type, label, address).
type Audience = Vec<(RecipientType, String, String)>;

/// A message as written: when (days before today, time), from whom, to whom.
struct Draft<'a> {
    slug: &'static str,
    days_ago: i64,
    at: NaiveTime,
    from: Option<&'a StaffMember>,
    campus: Option<usize>,
    subject: String,
    body: String,
    channel: MessageChannel,
    audience: MessageAudience,
    to: Audience,
}

pub fn create(
    conn: &mut PgConnection,
    ctx: &Ctx,
    org: &Org,
    plan: &Plan,
    people: &People,
) -> anyhow::Result<CommunicationCounts> {
    let school = ctx.school;
    let mut rng = stream(school.key, "communication");
    let drafts = drafts(ctx, plan, people)?;

    let mut message_rows = Vec::new();
    let mut recipient_rows = Vec::new();
    for draft in drafts {
        let sent_at = instant(
            ctx.today - TimeDelta::days(draft.days_ago),
            draft.at,
            ctx.now,
        );
        let id = new_id(&mut rng);
        for (recipient_type, label, destination) in draft.to {
            let delivery_status = match draft.channel {
                MessageChannel::InApp => weighted(
                    &mut rng,
                    &[(DeliveryStatus::Read, 60), (DeliveryStatus::Delivered, 40)],
                ),
                _ => weighted(
                    &mut rng,
                    &[
                        (DeliveryStatus::Read, 55),
                        (DeliveryStatus::Delivered, 35),
                        (DeliveryStatus::Sent, 7),
                        (DeliveryStatus::Failed, 3),
                    ],
                ),
            };
            let delivered_at = matches!(
                delivery_status,
                DeliveryStatus::Delivered | DeliveryStatus::Read
            )
            .then(|| (sent_at + TimeDelta::seconds(rng.random_range(5..300))).min(ctx.now));
            let read_at = (delivery_status == DeliveryStatus::Read)
                .then(|| {
                    delivered_at
                        .map(|d| (d + TimeDelta::minutes(rng.random_range(3..2_000))).min(ctx.now))
                })
                .flatten();
            recipient_rows.push(NewRecipient {
                id: new_id(&mut rng),
                organization_id: org.id,
                message_id: id,
                recipient_type,
                recipient_label: label,
                destination: Some(destination),
                user_id: None,
                delivery_status,
                delivered_at,
                read_at,
                created_at: None,
                created_by_id: None,
            });
        }
        message_rows.push(NewMessage {
            id,
            organization_id: org.id,
            campus_id: draft.campus.map(|c| org.campuses[c].id),
            sent_by_id: draft.from.map(|s| s.user_id),
            subject: draft.subject,
            body: draft.body,
            channel: draft.channel,
            audience: draft.audience,
            personal: false,
            status: MessageStatus::Sent,
            sent_at,
            import_hash: format!("demo:{}:message:{}", school.key, draft.slug),
            created_at: None,
            created_by_id: None,
        });
    }

    let event_rows = events(ctx, org, &mut rng)?;
    insert_all!(conn, messages::table, message_rows, "messages");
    insert_all!(
        conn,
        message_recipients::table,
        recipient_rows,
        "message recipients"
    );
    insert_all!(
        conn,
        communication_events::table,
        event_rows,
        "communication events"
    );
    Ok(CommunicationCounts {
        messages: message_rows.len(),
        recipients: recipient_rows.len(),
        events: event_rows.len(),
    })
}

fn drafts<'a>(ctx: &Ctx, plan: &Plan, people: &'a People) -> anyhow::Result<Vec<Draft<'a>>> {
    let school = ctx.school;
    let admin = people.with_role(BuiltinRole::Administrator);
    let head = people.directors().next();
    let last_campus = school.campuses.len() - 1;
    let campus_director = people
        .directors()
        .find(|d| d.campus == Some(last_campus))
        .or(head);
    let evening = ctx.today + TimeDelta::days(10);

    let guardians = |keep: &dyn Fn(usize) -> bool| -> Audience {
        let mut once = std::collections::HashSet::new();
        people
            .guardians
            .iter()
            .filter(|g| {
                g.primary
                    && people.students[g.student].status == crate::db::enums::StudentStatus::Active
            })
            .filter(|g| keep(g.student))
            // A parent of several children hears once.
            .filter(|g| once.insert(g.email.clone()))
            .map(|g| {
                (
                    RecipientType::Guardian,
                    g.full_name.clone(),
                    g.email.clone(),
                )
            })
            .collect()
    };
    let staff: Audience = people
        .staff
        .iter()
        .map(|s| (RecipientType::Staff, s.full_name(), s.email.clone()))
        .collect();

    let class_index = plan.demo_class(school).unwrap_or(0);
    let class = &plan.classes[class_index];
    let class_teacher = &people.staff[people.teachers[class.homeroom_teacher]];

    Ok(vec![
        Draft {
            slug: "welcome-back",
            days_ago: (ctx.today - ctx.year_start).num_days().max(0) + 3,
            at: time(9, 0)?,
            from: admin,
            campus: None,
            subject: format!("Welcome back to {}", school.name),
            body: format!(
                "Dear families,\n\nWelcome to the {}–{} school year at {}. Classes begin on {}. \
                 Class lists and timetables are now available; please check that your contact \
                 details are up to date with the front office.\n\nWe look forward to a great year together.",
                ctx.year_start.year(),
                ctx.year_end.year(),
                school.name,
                ctx.year_start.format("%A %-d %B")
            ),
            channel: MessageChannel::Email,
            audience: MessageAudience::Guardians,
            to: guardians(&|_| true),
        },
        Draft {
            slug: "parent-evening",
            days_ago: 5,
            at: time(15, 30)?,
            from: campus_director,
            campus: Some(last_campus),
            subject: format!("Parent–teacher evening on {}", evening.format("%A %-d %B")),
            body: format!(
                "Dear parents and guardians,\n\nOur parent–teacher evening at {} takes place on {} \
                 from 17:00 to 20:00. Appointments are ten minutes long; please book yours with the \
                 front office by the end of this week.",
                school.campuses[last_campus].name,
                evening.format("%A %-d %B")
            ),
            channel: MessageChannel::Email,
            audience: MessageAudience::Campus,
            to: guardians(&|s| people.students[s].campus == last_campus),
        },
        Draft {
            slug: "class-trip",
            days_ago: 4,
            at: time(16, 10)?,
            from: Some(class_teacher),
            campus: Some(class.campus),
            subject: format!("{}: class trip to the science museum", class.name),
            body: "Dear families,\n\nNext month our class visits the science museum. Please return \
                   the signed permission slip by Friday. Children should bring a packed lunch and a \
                   water bottle."
                .to_owned(),
            channel: MessageChannel::InApp,
            audience: MessageAudience::Class,
            to: guardians(&|s| people.students[s].class == Some(class_index)),
        },
        Draft {
            slug: "staff-meeting",
            days_ago: 2,
            at: time(7, 45)?,
            from: head,
            campus: None,
            subject: "Staff meeting moved to Thursday".to_owned(),
            body: "This week's staff meeting moves to Thursday at 15:00 in the library. \
                   Agenda: attendance follow-up, the winter concert, and report cards."
                .to_owned(),
            channel: MessageChannel::InApp,
            audience: MessageAudience::Staff,
            to: staff.clone(),
        },
        Draft {
            slug: "fire-drill",
            days_ago: 1,
            at: time(12, 15)?,
            from: admin,
            campus: None,
            subject: "Fire drill next week".to_owned(),
            body: "A fire drill will take place next week. Please review the evacuation route posted \
                   by your classroom door and take your class register with you."
                .to_owned(),
            channel: MessageChannel::InApp,
            audience: MessageAudience::Staff,
            to: staff,
        },
    ])
}

fn events(
    ctx: &Ctx,
    org: &Org,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> anyhow::Result<Vec<NewEvent>> {
    let last_campus = org.campuses.len() - 1;
    let spec = |title, in_days, event_type, campus, invited| EventSpec {
        title,
        in_days,
        event_type,
        campus,
        invited,
        times: None,
        more_days: 0,
        location: None,
        remind: 0,
    };
    let list = [
        EventSpec {
            times: Some(((10, 0), (10, 30))),
            ..spec("Fire drill", 6, "drill", Some(0), (true, false, true))
        },
        EventSpec {
            times: Some(((17, 0), (19, 30))),
            location: Some("Main hall"),
            remind: 3,
            ..spec(
                "Parent–teacher evening",
                10,
                "meeting",
                Some(last_campus),
                (true, true, false),
            )
        },
        EventSpec {
            more_days: 1,
            location: Some("Gymnasium"),
            ..spec("Science fair", 17, "event", None, (true, true, true))
        },
        EventSpec {
            remind: 7,
            ..spec(
                "Term 2 fee deadline",
                21,
                "deadline",
                None,
                (false, true, false),
            )
        },
        EventSpec {
            times: Some(((18, 0), (20, 0))),
            location: Some("Auditorium"),
            ..spec("Winter concert", 24, "event", Some(0), (true, true, true))
        },
        spec(
            "Staff development day",
            28,
            "meeting",
            None,
            (true, false, false),
        ),
    ];
    list.iter()
        .map(|e| {
            let (staff, guardians, students) = e.invited;
            let audience = match e.invited {
                (true, false, false) => MessageAudience::Staff,
                (false, true, false) => MessageAudience::Guardians,
                (false, false, true) => MessageAudience::Students,
                _ => MessageAudience::Everyone,
            };
            let (starts_at, ends_at) = match e.times {
                Some(((h1, m1), (h2, m2))) => (Some(time(h1, m1)?), Some(time(h2, m2)?)),
                None => (None, None),
            };
            let day = ctx.today + TimeDelta::days(e.in_days);
            Ok(NewEvent {
                id: new_id(rng),
                organization_id: org.id,
                campus_id: e.campus.map(|c| org.campuses[c].id),
                title: e.title.to_owned(),
                event_date: day,
                event_type: e.event_type,
                audience,
                reach_staff: staff,
                reach_guardians: guardians,
                reach_students: students,
                ends_on: (e.more_days > 0).then(|| day + TimeDelta::days(e.more_days)),
                starts_at,
                ends_at,
                location: e.location,
                description: None,
                remind_days_before: e.remind,
                import_hash: format!(
                    "demo:{}:event:{}",
                    ctx.school.key,
                    e.title.to_lowercase().replace([' ', '–'], "-")
                ),
            })
        })
        .collect()
}

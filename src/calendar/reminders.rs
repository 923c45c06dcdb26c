//! The calendar's reminders: an in-app notice to an event's audience the set
//! number of days before it (by the school's own date), once. The event keeps the
//! moment its reminder went, claimed in the same transaction that sends it, so a
//! rerun, a retry or a second server never sends it twice.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::communication::outgoing::{self, Draft};
use crate::db::Actor;
use crate::db::enums::{MessageAudience, MessageStatus};
use crate::i18n::{self, Lang};

/// Events claimed per transaction.
const BATCH: i64 = 50;

#[derive(QueryableByName)]
struct Due {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    organization_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    school_language: Option<String>,
}

/// Sends the reminders due at `now`; returns how many events were reminded.
pub fn send_due_reminders(conn: &mut PgConnection, now: DateTime<Utc>) -> QueryResult<usize> {
    let mut reminded = 0;
    loop {
        let batch = remind_batch(conn, now)?;
        reminded += batch;
        if batch < BATCH as usize {
            return Ok(reminded);
        }
    }
}

fn remind_batch(conn: &mut PgConnection, now: DateTime<Utc>) -> QueryResult<usize> {
    conn.transaction(|conn| {
        // Due from N days before the event until its day, by the school's date.
        let due: Vec<Due> = diesel::sql_query(
            "SELECT e.id, e.organization_id, o.language AS school_language
             FROM communication_events e JOIN organizations o ON o.id = e.organization_id
             WHERE e.deleted_at IS NULL AND o.deleted_at IS NULL
               AND e.remind_days_before > 0 AND e.reminder_sent_at IS NULL
               AND e.event_date >= ($1 AT TIME ZONE o.time_zone)::date
               AND e.event_date - e.remind_days_before <= ($1 AT TIME ZONE o.time_zone)::date
             ORDER BY e.event_date, e.id LIMIT $2 FOR UPDATE OF e SKIP LOCKED",
        )
        .bind::<Timestamptz, _>(now)
        .bind::<BigInt, _>(BATCH)
        .load(conn)?;
        for event in &due {
            let tenant = &mut crate::db::enter(conn, &Actor::system(event.organization_id))?;
            if let Some(found) = super::queries::load(tenant, event.id)? {
                let t = i18n::choose(None, event.school_language.as_deref(), None);
                let draft = notice(t, &found, tenant.today());
                if let Some(id) = outgoing::save(tenant, None, &draft, MessageStatus::Queued)? {
                    outgoing::send_now(tenant, id, &draft, None, now)?;
                }
            }
            diesel::sql_query(
                "UPDATE communication_events SET reminder_sent_at = $2 WHERE id = $1",
            )
            .bind::<SqlUuid, _>(event.id)
            .bind::<Timestamptz, _>(now)
            .execute(tenant.conn())?;
        }
        Ok(due.len())
    })
}

/// The reminder as an in-app message to the event's audience: at its campus when
/// it has one, else the whole school's.
fn notice(t: Lang, event: &super::Event, today: NaiveDate) -> Draft {
    let days = (event.date - today).num_days();
    let when = t.long_date(event.date);
    let subject = t
        .message("cal-reminder-subject")
        .arg("title", event.title.as_str())
        .arg("date", when.as_str())
        .to_string();
    let mut body = t
        .message("cal-reminder-body")
        .arg("title", event.title.as_str())
        .arg("date", when.as_str())
        .arg("days", days)
        .to_string();
    if let Some(start) = event.starts_at {
        body.push_str("\n\n");
        body.push_str(
            &t.message("cal-reminder-time")
                .arg("time", t.time(start))
                .to_string(),
        );
    }
    if let Some(place) = &event.location {
        body.push_str("\n\n");
        body.push_str(
            &t.message("cal-reminder-place")
                .arg("place", place.as_str())
                .to_string(),
        );
    }
    let (audience, ids) = match (event.audience, event.campus_id) {
        (MessageAudience::Grade | MessageAudience::Class, _) => {
            (event.audience, event.audience_ids.clone())
        }
        (_, Some(campus)) => (MessageAudience::Campus, vec![campus]),
        (audience, None) => (audience, Vec::new()),
    };
    Draft {
        subject,
        body,
        audience: Some(audience),
        ids,
        guardians: event.guardians,
        students: event.students,
        staff: event.staff,
        in_app: true,
        email: false,
        send_at: None,
    }
}

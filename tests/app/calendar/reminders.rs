//! An event's reminder reaches its audience's inboxes once, N days before, and not
//! before, on a pinned clock.

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use homeroom::calendar::reminders::send_due_reminders;
use homeroom::db::schema::{communication_events as e, message_recipients, messages};

use super::{NORTHWIND, today};
use crate::common::{DemoUser, organization_id, spawn_app, user_id};

/// Midday by the clock of a school a few hours from UTC: that school's `day`.
fn midday(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    day.and_hms_opt(12, 0, 0).expect("a time").and_utc()
}

#[actix_web::test]
async fn a_staff_reminder_reaches_the_staff_once_two_days_before_and_not_earlier() {
    let app = spawn_app().await;
    let org = organization_id(&mut app.conn(), NORTHWIND);
    let day = today(&app) + Days::new(5);
    // The demo's own reminders are already due or not; this event is the one watched.
    diesel::update(e::table.filter(e::organization_id.eq(org)))
        .set(e::remind_days_before.eq(0))
        .execute(&mut app.conn())
        .expect("quiet the demo's reminders");
    diesel::insert_into(e::table)
        .values((
            e::organization_id.eq(org),
            e::title.eq("Inset training"),
            e::event_date.eq(day),
            e::event_type.eq("meeting"),
            e::audience.eq(homeroom::db::enums::MessageAudience::Staff),
            e::reach_staff.eq(true),
            e::reach_guardians.eq(false),
            e::reach_students.eq(false),
            e::remind_days_before.eq(2),
        ))
        .execute(&mut app.conn())
        .expect("an event with a reminder");
    let reminders = |conn: &mut diesel::PgConnection| -> Vec<uuid::Uuid> {
        messages::table
            .filter(messages::organization_id.eq(org))
            .filter(messages::subject.like("Reminder: Inset training%"))
            .select(messages::id)
            .load(conn)
            .expect("the reminders")
    };

    for early in [day - Days::new(4), day - Days::new(3)] {
        assert_eq!(
            send_due_reminders(&mut app.conn(), midday(early)).expect("the task runs"),
            0,
            "nothing on {early}"
        );
    }
    assert!(reminders(&mut app.conn()).is_empty());

    let due = day - Days::new(2);
    assert_eq!(
        send_due_reminders(&mut app.conn(), midday(due)).expect("the task runs"),
        1
    );
    let sent = reminders(&mut app.conn());
    assert_eq!(sent.len(), 1);
    let teacher = user_id(&mut app.conn(), DemoUser::Teacher.email());
    let to_teacher: i64 = message_recipients::table
        .filter(message_recipients::message_id.eq(sent[0]))
        .filter(message_recipients::user_id.eq(teacher))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(to_teacher, 1, "the teacher gets one copy");
    let guardians: i64 = message_recipients::table
        .filter(message_recipients::message_id.eq(sent[0]))
        .filter(message_recipients::recipient_type.eq(homeroom::db::enums::RecipientType::Guardian))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(guardians, 0, "a staff event reaches no guardian");

    // Reruns that day and the next send nothing more.
    for again in [due, due + Days::new(1)] {
        assert_eq!(
            send_due_reminders(&mut app.conn(), midday(again)).expect("the task runs"),
            0
        );
    }
    assert_eq!(reminders(&mut app.conn()).len(), 1);

    // The teacher reads it in their inbox.
    let client = app.signed_in(DemoUser::Teacher).await;
    let inbox = app.page(&client, "/inbox").await;
    assert!(inbox.contains("Reminder: Inset training"), "{inbox}");
}

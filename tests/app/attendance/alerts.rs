//! Same-day absence alerts: sent once after the grace period, never after a quick correction.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::attendance::alerts::{AlertRun, send_due_alerts};
use homeroom::config::Settings;
use homeroom::mail::Mailer;
use uuid::Uuid;

use super::{form_fields, post_roll, teachers_roll};
use crate::common::{DemoUser, TestApp, count, spawn_app};

fn run_job(app: &TestApp, minutes_from_now: i64) -> AlertRun {
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    send_due_alerts(
        &mut app.conn(),
        &mailer,
        Utc::now() + Duration::minutes(minutes_from_now),
    )
    .expect("the alert job runs")
}

#[derive(QueryableByName)]
struct Delivery {
    #[diesel(sql_type = diesel::sql_types::Text)]
    subject: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    delivery_status: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    destination: Option<String>,
}

fn deliveries(app: &TestApp) -> Vec<Delivery> {
    diesel::sql_query(
        "SELECT m.subject, r.delivery_status::text AS delivery_status, r.destination \
         FROM messages m JOIN message_recipients r ON r.message_id = m.id \
         WHERE m.id IN (SELECT message_id FROM absence_alerts)",
    )
    .load(&mut app.conn())
    .expect("alert deliveries")
}

fn guardians_with_email(app: &TestApp, student: Uuid) -> i64 {
    diesel::sql_query(
        "SELECT count(*) AS n FROM guardians WHERE student_id = $1 AND deleted_at IS NULL",
    )
    .bind::<diesel::sql_types::Uuid, _>(student)
    .get_result::<N>(&mut app.conn())
    .expect("guardians")
    .n
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[actix_web::test]
async fn the_absence_alert_goes_out_once_after_the_grace_period() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let absent = roll.students[0];
    let messages = count(&mut app.conn(), "messages");
    let fields = form_fields(&roll, &[(absent, "absent", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );

    assert_eq!(
        run_job(&app, 5),
        AlertRun::default(),
        "still in its grace period"
    );
    assert_eq!(count(&mut app.conn(), "messages"), messages);

    let run = run_job(&app, 16);
    assert_eq!(
        run,
        AlertRun {
            sent: 1,
            withdrawn: 0
        }
    );
    let sent = deliveries(&app);
    assert_eq!(sent.len() as i64, guardians_with_email(&app, absent));
    assert!(!sent.is_empty(), "the demo student has guardians");
    assert!(
        sent.iter()
            .all(|d| d.subject.contains("was marked absent on "))
    );
    assert!(
        sent.iter()
            .all(|d| d.destination.is_none() || d.delivery_status == "sent"),
        "e-mailed guardians are recorded as sent"
    );

    // Marked present, then absent again the same day: no second alert.
    let fields = form_fields(&roll, &[(absent, "present", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let fields = form_fields(&roll, &[(absent, "absent", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    assert_eq!(run_job(&app, 60), AlertRun::default());
    assert_eq!(count(&mut app.conn(), "messages"), messages + 1);
}

#[actix_web::test]
async fn no_alert_goes_out_after_a_quick_correction() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let student = roll.students[1];
    let messages = count(&mut app.conn(), "messages");
    let fields = form_fields(&roll, &[(student, "absent", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let fields = form_fields(&roll, &[(student, "excused", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );

    assert_eq!(
        run_job(&app, 16),
        AlertRun {
            sent: 0,
            withdrawn: 1
        }
    );
    assert_eq!(count(&mut app.conn(), "messages"), messages);
    assert_eq!(run_job(&app, 30), AlertRun::default(), "settled for good");
}

use diesel::prelude::*;
use homeroom::communication::{Notice, Recipient, notify};
use homeroom::config::Settings;
use homeroom::db::enums::{DeliveryStatus, RecipientType};
use homeroom::db::schema::{email_outbox, message_recipients};
use homeroom::mail::Mailer;
use uuid::Uuid;

use crate::common::{DemoUser, organization_id, spawn_app, user_id};

#[actix_web::test]
async fn teacher_reads_a_notice_in_the_inbox_and_a_guardian_gets_it_by_email() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let northwind = organization_id(&mut conn, "Northwind Academy");
    let teacher = user_id(&mut conn, DemoUser::Teacher.email());
    let director = user_id(&mut conn, DemoUser::Director.email());
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let recipients = [
        Recipient {
            kind: RecipientType::User,
            label: "The teacher".to_owned(),
            user_id: Some(teacher),
            email: None,
        },
        Recipient {
            kind: RecipientType::Guardian,
            label: "Ada Example (mother)".to_owned(),
            user_id: None,
            email: Some("ada.example@family.test".to_owned()),
        },
        Recipient {
            kind: RecipientType::Guardian,
            label: "Unreachable guardian".to_owned(),
            user_id: None,
            email: Some("   ".to_owned()),
        },
    ];
    let mut tenant =
        homeroom::db::enter(&mut conn, &homeroom::db::Actor::system(northwind)).expect("tenant");
    let message = notify(
        &mut tenant,
        &mailer,
        &Notice {
            campus_id: None,
            sent_by: Some(director),
            subject: "Walkthrough in 7B",
            body: "Thank you for a calm, well-planned lesson.",
            recipients: &recipients,
            personal: false,
        },
    )
    .expect("notify");

    let statuses: Vec<(String, DeliveryStatus)> = message_recipients::table
        .filter(message_recipients::message_id.eq(message))
        .order(message_recipients::recipient_label)
        .select((
            message_recipients::recipient_label.assume_not_null(),
            message_recipients::delivery_status,
        ))
        .load(&mut conn)
        .expect("recipients");
    assert_eq!(
        statuses,
        vec![
            ("Ada Example (mother)".to_owned(), DeliveryStatus::Sent),
            ("The teacher".to_owned(), DeliveryStatus::Delivered),
            ("Unreachable guardian".to_owned(), DeliveryStatus::Failed),
        ]
    );
    let emailed: i64 = email_outbox::table
        .filter(email_outbox::to_address.eq("ada.example@family.test"))
        .filter(email_outbox::subject.eq("Walkthrough in 7B"))
        .count()
        .get_result(&mut conn)
        .expect("outbox");
    assert_eq!(emailed, 1);

    let client = app.signed_in(DemoUser::Teacher).await;
    let inbox = app.page(&client, "/inbox").await;
    assert!(inbox.contains("Walkthrough in 7B"), "{inbox}");
    assert!(inbox.contains("New"));
    let copy: Uuid = message_recipients::table
        .filter(message_recipients::user_id.eq(teacher))
        .filter(message_recipients::message_id.eq(message))
        .select(message_recipients::id)
        .first(&mut conn)
        .expect("teacher's copy");
    let opened = app.page(&client, &format!("/inbox/{copy}")).await;
    assert!(opened.contains("Thank you for a calm, well-planned lesson."));
    let read: (DeliveryStatus, bool) = message_recipients::table
        .find(copy)
        .select((
            message_recipients::delivery_status,
            message_recipients::read_at.is_not_null(),
        ))
        .first(&mut conn)
        .expect("copy");
    assert_eq!(read, (DeliveryStatus::Read, true));

    // Someone else's copy is not there for the teacher to open.
    let office = app.signed_in(DemoUser::Office).await;
    assert_eq!(
        app.get(&office, &format!("/inbox/{copy}")).await.status(),
        404
    );
    assert!(
        !app.page(&office, "/inbox")
            .await
            .contains("Walkthrough in 7B")
    );
}

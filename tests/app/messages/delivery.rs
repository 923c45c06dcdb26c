//! Messages reaching people: each guardian once by e-mail at a real SMTP server,
//! in-app copies with read receipts, retries, and a scheduled send.

use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use homeroom::db::StudentId;
use homeroom::families::recipients::{Purpose, guardians_of};
use uuid::Uuid;

use super::{app_with_smtp, class_taught_by, count_of, deliver, grade, id_of, newest_message};
use crate::common::{DemoUser, organization_id, test_now};

/// Gives two Grade 3 children one parent, as siblings have.
fn share_a_parent(app: &crate::common::TestApp, grade_id: Uuid) -> (Uuid, Vec<Uuid>) {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let mut conn = app.conn();
    let students: Vec<Uuid> = diesel::sql_query(
        "SELECT DISTINCT e.student_id AS id FROM class_enrollments e
         JOIN classes c ON c.id = e.class_id
         WHERE c.grade_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL
           AND c.status = 'active' AND c.deleted_at IS NULL
         ORDER BY 1 LIMIT 2",
    )
    .bind::<SqlUuid, _>(grade_id)
    .load::<Row>(&mut conn)
    .expect("Grade 3 students")
    .into_iter()
    .map(|r| r.id)
    .collect();
    assert_eq!(students.len(), 2, "the demo has two children in Grade 3");
    let parent = id_of(
        app,
        "INSERT INTO guardian_people (organization_id, full_name, email)
         SELECT organization_id, 'Shared Parent', $1 FROM students
         WHERE id IN (SELECT student_id FROM class_enrollments LIMIT 1) RETURNING id",
        "shared.parent@family.test",
    );
    for student in &students {
        diesel::sql_query(
            "INSERT INTO guardians (organization_id, student_id, full_name, email, person_id,
                                    receives_messages, relationship)
             SELECT organization_id, id, 'Shared Parent', 'shared.parent@family.test', $2, true,
                    'mother' FROM students WHERE id = $1",
        )
        .bind::<SqlUuid, _>(student)
        .bind::<SqlUuid, _>(parent)
        .execute(&mut conn)
        .expect("link the parent");
    }
    (parent, students)
}

#[actix_web::test]
async fn a_message_to_grade_3_guardians_reaches_each_guardian_once_at_the_mail_server() {
    let (app, smtp) = app_with_smtp();
    let grade_3 = grade(&app, "Grade 3");
    share_a_parent(&app, grade_3);
    let admin = app.signed_in(DemoUser::Admin).await;
    let grade_field = grade_3.to_string();
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Grade 3 trip on Friday"),
            (
                "body",
                "Dear families,\nthe trip leaves at 9.\nhttps://northwind.test/trip",
            ),
            ("audience", "grade"),
            ("grade", &grade_field),
            ("guardians", "on"),
            ("email", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303, "the message is sent");
    let message = newest_message(&app, DemoUser::Admin.email()).expect("a message");

    // The guardians as families know them: each person once, however many children.
    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    let students: Vec<StudentId> = {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = SqlUuid)]
            id: Uuid,
        }
        diesel::sql_query(
            "SELECT DISTINCT s.id FROM students s JOIN class_enrollments e ON e.student_id = s.id
             JOIN classes c ON c.id = e.class_id
             WHERE c.grade_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL
               AND c.status = 'active' AND c.deleted_at IS NULL AND s.status = 'active'
               AND s.deleted_at IS NULL",
        )
        .bind::<SqlUuid, _>(grade_3)
        .load::<Row>(&mut app.conn())
        .expect("students")
        .into_iter()
        .map(|r| StudentId::new(r.id))
        .collect()
    };
    let mut conn = app.conn();
    let mut tenant =
        homeroom::db::enter(&mut conn, &homeroom::db::Actor::system(northwind)).expect("tenant");
    let guardians = guardians_of(&mut tenant, &students, Purpose::Messages).expect("guardians");
    drop(conn);
    let recipients = count_of(
        &app,
        "SELECT count(*) AS n FROM message_recipients WHERE message_id = $1",
        message,
    );
    assert_eq!(
        recipients,
        guardians.len() as i64,
        "one recipient per guardian person"
    );

    let run = deliver(&app, &smtp, homeroom::clock::now());
    let with_address = guardians.iter().filter(|g| g.email.is_some()).count();
    assert_eq!(run.sent, with_address, "{run:?}");
    let shared = smtp.to("shared.parent@family.test");
    assert_eq!(
        shared.len(),
        1,
        "the parent of two Grade 3 children gets one copy"
    );
    let mail = &shared[0];
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Grade 3 trip on Friday")
    );
    let from = mail.header("From").unwrap_or_default();
    assert!(
        from.contains("Northwind"),
        "sent under the school's name: {from}"
    );
    assert!(
        !mail.mail_from.is_empty(),
        "the install's own address sends it"
    );
    assert!(
        mail.body().contains("the trip leaves at 9."),
        "{}",
        mail.body()
    );
    for guardian in guardians.iter().filter_map(|g| g.email.as_deref()) {
        assert_eq!(
            smtp.to(guardian).len(),
            1,
            "{guardian} gets exactly one copy"
        );
    }
    // Nothing is owed now, and the message reads as sent.
    assert_eq!(deliver(&app, &smtp, homeroom::clock::now()).sent, 0);
    let report = app
        .page(&admin, &format!("/messages/{message}/delivery"))
        .await;
    assert!(
        report.contains(&format!("data-tally=\"emailed\">{with_address}<")),
        "{report}"
    );
    assert!(report.contains("Sent"), "{report}");
}

#[actix_web::test]
async fn staff_with_accounts_get_an_inbox_copy_and_opening_it_records_a_read_receipt() {
    let (app, smtp) = app_with_smtp();
    let admin = app.signed_in(DemoUser::Admin).await;
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Staff meeting moved"),
            ("body", "We meet in the library at 4."),
            ("audience", "staff"),
            ("in_app", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("a message");
    assert_eq!(
        count_of(
            &app,
            "SELECT count(*) AS n FROM message_recipients WHERE message_id = $1 AND destination IS NOT NULL",
            message
        ),
        0,
        "in-app only: no e-mail owed"
    );
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let inbox = app.page(&teacher, "/inbox").await;
    assert!(
        inbox.contains("Staff meeting moved"),
        "the teacher's inbox lists it"
    );
    let copy = id_of(
        &app,
        "SELECT r.id FROM message_recipients r JOIN users u ON u.id = r.user_id
         WHERE u.email = $1 ORDER BY r.created_at DESC LIMIT 1",
        DemoUser::Teacher.email(),
    );
    let read_before = count_of(
        &app,
        "SELECT count(*) AS n FROM message_recipients WHERE message_id = $1 AND read_at IS NOT NULL",
        message,
    );
    assert_eq!(read_before, 0);
    let opened = app.page(&teacher, &format!("/inbox/{copy}")).await;
    assert!(opened.contains("We meet in the library at 4."));
    assert_eq!(
        count_of(
            &app,
            "SELECT count(*) AS n FROM message_recipients WHERE message_id = $1 AND read_at IS NOT NULL",
            message
        ),
        1,
        "opening it records the read receipt"
    );
    let report = app
        .page(&admin, &format!("/messages/{message}/delivery"))
        .await;
    assert!(report.contains("data-tally=\"read\">1<"), "{report}");
    assert!(smtp.arrived().is_empty(), "nothing was e-mailed");
}

#[actix_web::test]
async fn a_refused_address_is_tried_again_with_backoff_then_marked_failed_and_can_be_retried() {
    let (app, smtp) = app_with_smtp();
    let class = class_taught_by(&app, DemoUser::Teacher.email());
    diesel::sql_query(
        "UPDATE guardians SET email = 'refuse.me@family.test', person_id = NULL
         WHERE id = (SELECT g.id FROM guardians g JOIN class_enrollments e ON e.student_id = g.student_id
                     WHERE e.class_id = $1 AND e.status = 'active' AND g.receives_messages
                       AND g.deleted_at IS NULL ORDER BY g.id LIMIT 1)",
    )
    .bind::<SqlUuid, _>(class)
    .execute(&mut app.conn())
    .expect("a guardian with a refused address");
    let admin = app.signed_in(DemoUser::Admin).await;
    let class_field = class.to_string();
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Reading folders"),
            ("body", "Please send the folders back."),
            ("audience", "class"),
            ("class", &class_field),
            ("guardians", "on"),
            ("email", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("a message");
    let refused = |app: &crate::common::TestApp| -> (i32, String, Option<String>) {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            tries: i32,
            #[diesel(sql_type = Text)]
            status: String,
            #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
            error: Option<String>,
        }
        let row: Row = diesel::sql_query(
            "SELECT email_attempts AS tries, delivery_status::text AS status, email_error AS error
             FROM message_recipients WHERE message_id = $1 AND destination = 'refuse.me@family.test'",
        )
        .bind::<SqlUuid, _>(message)
        .get_result(&mut app.conn())
        .expect("the refused recipient");
        (row.tries, row.status, row.error)
    };
    let now = homeroom::clock::now();
    let first = deliver(&app, &smtp, now);
    assert_eq!(first.refused, 1, "{first:?}");
    assert!(first.sent > 0, "the other guardians get theirs");
    let (tries, status, error) = refused(&app);
    assert_eq!((tries, status.as_str()), (1, "pending"));
    assert!(error.unwrap_or_default().contains("No such mailbox"));
    // Not again before the backoff has passed.
    assert_eq!(
        deliver(&app, &smtp, now + chrono::Duration::minutes(1)).refused,
        0
    );
    assert_eq!(
        deliver(&app, &smtp, now + chrono::Duration::minutes(6)).refused,
        1
    );
    assert_eq!(refused(&app).0, 2);
    let last = deliver(&app, &smtp, now + chrono::Duration::minutes(40));
    assert_eq!((last.refused, last.given_up), (1, 1));
    let (tries, status, _) = refused(&app);
    assert_eq!((tries, status.as_str()), (3, "failed"));
    assert_eq!(
        deliver(&app, &smtp, now + chrono::Duration::days(1)).refused,
        0,
        "given up"
    );
    assert!(smtp.to("refuse.me@family.test").is_empty());

    let report = app
        .page(&admin, &format!("/messages/{message}/delivery"))
        .await;
    assert!(report.contains("data-tally=\"failed\">1<"), "{report}");
    assert!(report.contains("Refused after 3 tries"), "{report}");
    let retried = app
        .submit(
            &admin,
            &format!("/messages/{message}/delivery"),
            &format!("/messages/{message}/retry"),
            &[],
        )
        .await;
    assert_eq!(retried.status(), 303);
    let (tries, status, _) = refused(&app);
    assert_eq!((tries, status.as_str()), (0, "pending"), "owed again");
}

#[actix_web::test]
async fn a_scheduled_message_goes_out_at_its_time_and_not_before() {
    let (app, smtp) = app_with_smtp();
    let admin = app.signed_in(DemoUser::Admin).await;
    // The next day at 09:00 in the school's zone.
    let zone: chrono_tz::Tz = {
        #[derive(QueryableByName)]
        struct Zone {
            #[diesel(sql_type = Text)]
            time_zone: String,
        }
        diesel::sql_query("SELECT time_zone FROM organizations WHERE name = 'Northwind Academy'")
            .get_result::<Zone>(&mut app.conn())
            .expect("zone")
            .time_zone
            .parse()
            .expect("a zone")
    };
    let local = test_now().with_timezone(&zone).date_naive() + chrono::Duration::days(1);
    let at_local = local.and_hms_opt(9, 0, 0).expect("09:00");
    let at = chrono::TimeZone::from_local_datetime(&zone, &at_local)
        .earliest()
        .expect("a moment")
        .with_timezone(&chrono::Utc);
    let send_at = at_local.format("%Y-%m-%dT%H:%M").to_string();
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Tomorrow's assembly"),
            ("body", "Assembly starts at 10."),
            ("audience", "staff"),
            ("in_app", "on"),
            ("email", "on"),
            ("send_at", &send_at),
            ("intent", "schedule"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("a message");
    let recipients = |app: &crate::common::TestApp| {
        count_of(
            app,
            "SELECT count(*) AS n FROM message_recipients WHERE message_id = $1",
            message,
        )
    };
    let run = deliver(&app, &smtp, at - chrono::Duration::minutes(1));
    assert_eq!(run.released, 0, "not before its time");
    assert_eq!(recipients(&app), 0);
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert!(
        !app.page(&teacher, "/inbox")
            .await
            .contains("Tomorrow&#x27;s assembly")
    );
    assert!(
        !app.page(&teacher, "/inbox")
            .await
            .contains("Tomorrow's assembly")
    );

    let run = deliver(&app, &smtp, at);
    assert_eq!(run.released, 1, "at its time");
    assert!(recipients(&app) > 0);
    assert!(run.sent > 0, "its e-mail goes in the same run: {run:?}");
    assert_eq!(smtp.to(DemoUser::Teacher.email()).len(), 1);
    let inbox = app.page(&teacher, "/inbox").await;
    assert!(inbox.contains("assembly"), "the teacher's inbox has it");
}

//! The message benchmark: a message to 35,000 guardians (the district's size) is
//! written in one statement, and e-mail goes to a local SMTP server at a rate this
//! prints. Run it alone:
//! `cargo test --locked --test app -- --ignored --nocapture messages::bench`

use std::time::Instant;

use diesel::prelude::*;
use diesel::sql_types::Uuid as SqlUuid;

use super::{app_with_smtp, count_of, deliver, newest_message};
use crate::common::{DemoUser, organization_id};

/// Guardians the benchmark adds, each their own person, spread over the students.
const GUARDIANS: i64 = 35_000;
/// E-mails whose delivery is timed.
const EMAILED: i64 = 2_000;

#[actix_web::test]
#[ignore = "a benchmark; run it on its own"]
async fn a_message_to_35000_guardians_is_written_in_under_5_seconds() {
    let (app, smtp) = app_with_smtp();
    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    diesel::sql_query(format!(
        "WITH s AS (SELECT array_agg(id) AS ids FROM students
                    WHERE organization_id = $1 AND status = 'active' AND deleted_at IS NULL),
              p AS (INSERT INTO guardian_people (organization_id, full_name, email)
                    SELECT $1, 'Bench Parent ' || g, 'bench' || g || '@family.test'
                    FROM generate_series(1, {GUARDIANS}) g
                    RETURNING id, full_name, email)
         INSERT INTO guardians (organization_id, student_id, full_name, email, person_id,
                                receives_messages, relationship)
         SELECT $1, s.ids[1 + abs(hashtext(p.id::text)) % array_length(s.ids, 1)],
                p.full_name, p.email, p.id, true, 'father'
         FROM p, s"
    ))
    .bind::<SqlUuid, _>(northwind)
    .execute(&mut app.conn())
    .expect("the district's guardians");

    let admin = app.signed_in(DemoUser::Admin).await;
    let started = Instant::now();
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "School closed tomorrow"),
            (
                "body",
                "Because of the storm, the school is closed tomorrow.",
            ),
            ("audience", "guardians"),
            ("email", "on"),
            ("in_app", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    let written_in = started.elapsed();
    assert_eq!(response.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("sent");
    let recipients = count_of(
        &app,
        "SELECT count(*) AS n FROM message_recipients WHERE message_id = $1",
        message,
    );
    assert!(recipients >= GUARDIANS, "{recipients}");
    println!(
        "messages: {recipients} recipients written in {:.2} s (the form post, compose page included)",
        written_in.as_secs_f64()
    );
    assert!(written_in.as_secs_f64() < 5.0, "{written_in:?}");

    // Time the e-mail of the first EMAILED; the rest wait.
    diesel::sql_query(format!(
        "UPDATE message_recipients SET email_next_at = NULL
         WHERE message_id = $1 AND id NOT IN (
             SELECT id FROM message_recipients WHERE message_id = $1
             AND email_next_at IS NOT NULL ORDER BY id LIMIT {EMAILED})"
    ))
    .bind::<SqlUuid, _>(message)
    .execute(&mut app.conn())
    .expect("hold the rest back");
    let started = Instant::now();
    let run = deliver(&app, &smtp, homeroom::clock::now());
    let took = started.elapsed().as_secs_f64();
    assert_eq!(run.sent as i64, EMAILED, "{run:?}");
    assert_eq!(smtp.arrived().len() as i64, EMAILED);
    println!(
        "messages: {EMAILED} e-mails delivered to the local SMTP server in {took:.2} s ({:.0} a second)",
        EMAILED as f64 / took
    );
}

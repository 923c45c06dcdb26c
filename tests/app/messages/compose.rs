//! The compose form: a preview that counts, a draft, the old status field gone,
//! who may write to whom, and the pages in Spanish.

use super::{class_taught_by, count_of, newest_message};
use crate::common::{DemoUser, spawn_app};
use crate::languages::set_user_language;

#[actix_web::test]
async fn the_preview_counts_a_classes_families_and_writes_nothing() {
    let app = spawn_app().await;
    let class = class_taught_by(&app, DemoUser::Teacher.email());
    let admin = app.signed_in(DemoUser::Admin).await;
    let class_field = class.to_string();
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Class photo"),
            ("body", "Photos are on Tuesday."),
            ("audience", "class"),
            ("class", &class_field),
            ("guardians", "on"),
            ("in_app", "on"),
            ("intent", "preview"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("page");
    let expected = count_of(
        &app,
        "SELECT count(DISTINCT coalesce(g.person_id, g.id)) AS n FROM guardians g
         JOIN class_enrollments e ON e.student_id = g.student_id
         JOIN students s ON s.id = g.student_id AND s.status = 'active' AND s.deleted_at IS NULL
         WHERE e.class_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL
           AND g.deleted_at IS NULL AND g.receives_messages",
        class,
    );
    assert!(expected > 0);
    assert!(
        html.contains(&format!("This message reaches {expected} people.")),
        "{html}"
    );
    assert_eq!(
        newest_message(&app, DemoUser::Admin.email()),
        None,
        "a preview stores nothing"
    );
}

#[actix_web::test]
async fn a_teacher_cannot_message_the_whole_school_but_can_write_to_their_class() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let form = app.page(&teacher, "/messages/new").await;
    assert!(
        !form.contains("value=\"everyone\""),
        "the whole school is not offered"
    );
    let refused = super::compose(
        &app,
        &teacher,
        &[
            ("subject", "Hello everyone"),
            ("body", "To the whole school."),
            ("audience", "everyone"),
            ("guardians", "on"),
            ("staff", "on"),
            ("in_app", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 403);
    let html = refused.text().await.expect("page");
    assert!(html.contains("only to the students and families of the classes you teach"));
    assert_eq!(
        newest_message(&app, DemoUser::Teacher.email()),
        None,
        "nothing stored"
    );

    let class = class_taught_by(&app, DemoUser::Teacher.email()).to_string();
    let sent = super::compose(
        &app,
        &teacher,
        &[
            ("subject", "Spelling test"),
            ("body", "On Thursday."),
            ("audience", "class"),
            ("class", &class),
            ("guardians", "on"),
            ("in_app", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(sent.status(), 303);
    let message = newest_message(&app, DemoUser::Teacher.email()).expect("sent");
    let report = app
        .page(&teacher, &format!("/messages/{message}/delivery"))
        .await;
    assert!(
        report.contains("Spelling test"),
        "the teacher reads their report"
    );
}

#[actix_web::test]
async fn a_draft_keeps_its_audience_and_the_old_status_field_is_on_no_form() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let form = app.page(&admin, "/messages/new").await;
    assert!(!form.contains("name=\"status\""), "no status to pick");
    assert!(
        !form.contains("value=\"sms\""),
        "no SMS channel without a gateway"
    );
    let kept = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Half-written"),
            ("body", ""),
            ("audience", "staff"),
            ("in_app", "on"),
            ("intent", "keep"),
        ],
    )
    .await;
    assert_eq!(kept.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("a draft");
    assert_eq!(
        count_of(
            &app,
            "SELECT count(*) AS n FROM messages WHERE id = $1 AND status = 'draft' AND sent_at IS NULL",
            message
        ),
        1
    );
    let edit = app.page(&admin, &format!("/messages/{message}/edit")).await;
    assert!(edit.contains("Half-written"));
    assert!(!edit.contains("name=\"status\""));
    // A message that has gone out is not reopened for editing.
    let demo_sent = super::id_of(
        &app,
        "SELECT id FROM messages WHERE status = 'sent' AND subject <> $1 LIMIT 1",
        "",
    );
    let edit_sent = app
        .get(&admin, &format!("/messages/{demo_sent}/edit"))
        .await;
    assert_eq!(edit_sent.status(), 404, "a sent message cannot be edited");
}

#[actix_web::test]
async fn the_compose_and_delivery_pages_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let form = app.page(&admin, "/messages/new").await;
    assert!(
        form.contains("Nuevo mensaje") && form.contains("¿Para quién es?"),
        "{form}"
    );
    let response = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Reunión"),
            ("body", "Hoy a las 4."),
            ("audience", "staff"),
            ("in_app", "on"),
            ("intent", "preview"),
        ],
    )
    .await;
    let html = response.text().await.expect("page");
    assert!(html.contains("Este mensaje llega a"), "{html}");
    let sent = super::compose(
        &app,
        &admin,
        &[
            ("subject", "Reunión"),
            ("body", "Hoy a las 4."),
            ("audience", "staff"),
            ("in_app", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(sent.status(), 303);
    let message = newest_message(&app, DemoUser::Admin.email()).expect("sent");
    let report = app
        .page(&admin, &format!("/messages/{message}/delivery"))
        .await;
    assert!(
        report.contains("Destinatarios") && report.contains("En su bandeja"),
        "{report}"
    );
}

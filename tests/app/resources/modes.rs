//! What each kind of table lets people do: logs and delivery records are read-only,
//! install-wide records are the global user's, documents carry their file.

use diesel::prelude::*;

use super::{created_id, id_of, value_of};
use crate::common::fixtures::{
    AuditLogBuilder, LoginHistoryBuilder, MessageBuilder, MessageRecipientBuilder,
    ScheduledTaskBuilder, SyncLogBuilder,
};
use crate::common::{DemoUser, TestApp, count, csrf_token, organization_id, spawn_app};

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

/// One row of each read-only table for Northwind, Riverside and the install itself.
fn seed_logs(conn: &mut PgConnection) {
    let northwind = organization_id(conn, "Northwind Academy");
    let riverside = organization_id(conn, "Riverside School");
    for (org, who) in [
        (Some(northwind), "northwind"),
        (Some(riverside), "riverside"),
        (None, "install"),
    ] {
        LoginHistoryBuilder::new(&format!("trail-{who}@sign-in.test"))
            .in_organization(org)
            .insert(conn);
        AuditLogBuilder::new(org, &format!("trail_{who}")).insert(conn);
        ScheduledTaskBuilder::new(org, &format!("trail_{who}"))
            .described(&format!("Nightly tidy for {who}"))
            .insert(conn);
        SyncLogBuilder::new(org, &format!("trail_{who}")).insert(conn);
    }
    let message = MessageBuilder::new(northwind, "Snow day")
        .body("School is closed.")
        .insert(conn);
    MessageRecipientBuilder::new(northwind, message)
        .labelled("trail-recipient")
        .to("family@home.test")
        .insert(conn);
}

const READ_ONLY: &[(&str, &str, &str)] = &[
    (
        "/login-history",
        "login_history",
        "email = 'trail-northwind@sign-in.test'",
    ),
    ("/audit-log", "audit_log", "table_name = 'trail_northwind'"),
    (
        "/scheduled-tasks",
        "scheduled_tasks",
        "task_type = 'trail_northwind'",
    ),
    ("/sync-logs", "sync_logs", "sync_type = 'trail_northwind'"),
    (
        "/message-recipients",
        "message_recipients",
        "recipient_label = 'trail-recipient'",
    ),
];

#[actix_web::test]
async fn read_only_records_show_no_write_buttons_and_refuse_every_write() {
    let app = spawn_app().await;
    seed_logs(&mut app.conn());
    let admin = app.signed_in(DemoUser::Admin).await;
    let token = csrf_token(&app.page(&admin, "/").await).expect("token");
    for (path, table, which) in READ_ONLY {
        let id = id_of(
            &mut app.conn(),
            &format!("SELECT id FROM {table} WHERE {which}"),
        );
        let record = format!("{path}/{id}");
        let list = app.get(&admin, path).await;
        assert_eq!(list.status(), 200, "{path}");
        let list = list.text().await.expect("list");
        assert!(list.contains(&record), "{path} lists {record}");
        let export = app.get(&admin, &format!("{path}/export.csv")).await;
        assert_eq!(export.status(), 200, "{path} exports");
        assert!(
            export.text().await.expect("csv").lines().count() >= 2,
            "{path} exports its rows"
        );
        let page = app.get(&admin, &record).await;
        assert_eq!(page.status(), 200, "{record}");
        let page = page.text().await.expect("page");
        for button in [
            format!("{path}/new"),
            format!("{path}/import"),
            format!("{path}/trash"),
            format!("{record}/edit"),
            format!("{record}/delete"),
        ] {
            assert!(!list.contains(&button), "{path} offers {button}");
            assert!(!page.contains(&button), "{record} offers {button}");
        }
        let before = value_of(
            &mut app.conn(),
            &format!("SELECT t::text AS value FROM {table} t WHERE id = '{id}'"),
        );
        let rows = count(&mut app.conn(), table);
        for action in [
            path.to_string(),
            record.clone(),
            format!("{record}/delete"),
            format!("{record}/restore"),
            format!("{path}/import"),
        ] {
            let response = admin
                .post(app.url(&action))
                .header("X-CSRF-Token", &token)
                .form(&[("email", "changed@sign-in.test"), ("task_type", "changed")])
                .send()
                .await
                .expect("POST");
            assert!(
                matches!(response.status().as_u16(), 403..=405),
                "POST {action} answered {}",
                response.status()
            );
        }
        assert_eq!(count(&mut app.conn(), table), rows, "{table} gained no row");
        assert_eq!(
            value_of(
                &mut app.conn(),
                &format!("SELECT t::text AS value FROM {table} t WHERE id = '{id}'"),
            ),
            before,
            "{record} is unchanged"
        );
    }
    // The jobs page is where tasks are switched and run; the records point there.
    let task = id_of(
        &mut app.conn(),
        "SELECT id FROM scheduled_tasks WHERE task_type = 'trail_northwind'",
    );
    let page = app.page(&admin, &format!("/scheduled-tasks/{task}")).await;
    assert!(
        page.contains("href=\"/admin/jobs\""),
        "the task links to Jobs"
    );
}

#[actix_web::test]
async fn a_school_administrator_sees_only_their_own_sign_ins_and_audit_trail() {
    let app = spawn_app().await;
    seed_logs(&mut app.conn());
    let admin = app.signed_in(DemoUser::Admin).await;
    let root = app.signed_in(DemoUser::Root).await;
    for (path, northwind, riverside, install) in [
        (
            "/login-history?q=trail-",
            "trail-northwind@sign-in.test",
            "trail-riverside@sign-in.test",
            "trail-install@sign-in.test",
        ),
        (
            "/audit-log?q=trail_",
            "trail_northwind",
            "trail_riverside",
            "trail_install",
        ),
        (
            "/scheduled-tasks?q=trail_",
            "Nightly tidy for northwind",
            "Nightly tidy for riverside",
            "Nightly tidy for install",
        ),
        (
            "/sync-logs?q=trail_",
            "trail_northwind",
            "trail_riverside",
            "trail_install",
        ),
    ] {
        let seen = app.page(&admin, path).await;
        assert!(seen.contains(northwind), "{path} shows Northwind's row");
        assert!(!seen.contains(riverside), "{path} hides Riverside's row");
        assert!(!seen.contains(install), "{path} hides the install's row");
        let seen = app.page(&root, path).await;
        assert!(
            seen.contains(install),
            "{path} shows a global user the install's row"
        );
        assert!(
            !seen.contains(riverside),
            "{path} keeps Riverside's row to Riverside"
        );
    }
    let theirs = id_of(
        &mut app.conn(),
        "SELECT id FROM audit_log WHERE table_name = 'trail_riverside'",
    );
    assert_eq!(
        app.get(&admin, &format!("/audit-log/{theirs}"))
            .await
            .status(),
        404
    );
}

#[actix_web::test]
async fn only_a_global_user_lists_or_edits_organizations() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let root = app.signed_in(DemoUser::Root).await;
    let northwind = id_of(&mut app.conn(), &format!("SELECT {NW} AS id"));
    let record = format!("/organizations/{northwind}");
    for path in [
        "/organizations".to_owned(),
        record.clone(),
        format!("{record}/edit"),
    ] {
        assert_eq!(app.get(&admin, &path).await.status(), 403, "{path}");
    }
    assert!(
        !app.page(&admin, "/records")
            .await
            .contains("href=\"/organizations\""),
        "the records index does not offer organizations to a school"
    );
    let token = csrf_token(&app.page(&admin, "/").await).expect("token");
    let refused = admin
        .post(app.url(&record))
        .header("X-CSRF-Token", token)
        .form(&[
            ("name", "Taken Over"),
            ("time_zone", "UTC"),
            ("settings", "{}"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(refused.status(), 403);
    assert_eq!(
        value_of(
            &mut app.conn(),
            &format!("SELECT name AS value FROM organizations WHERE id = '{northwind}'"),
        )
        .as_deref(),
        Some("Northwind Academy")
    );
    let list = app.page(&root, "/organizations").await;
    assert!(list.contains("Northwind Academy") && list.contains("Riverside School"));

    // A time zone that does not exist is refused with a message.
    let response = app
        .submit(
            &root,
            "/organizations/new",
            "/organizations",
            &[
                ("name", "Nowhere High"),
                ("time_zone", "Mars/Olympus"),
                ("settings", "{}"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("form");
    assert!(page.contains("is not a time zone"), "{page}");
}

async fn new_document(app: &TestApp, client: &reqwest::Client) -> uuid::Uuid {
    let response = app
        .submit(
            client,
            "/documents/new",
            "/documents",
            &[
                ("name", "Field trip consent"),
                ("category", "legal"),
                ("entity_type", "class"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    created_id(&response, "/documents")
}

#[actix_web::test]
async fn a_document_gets_its_file_uploaded_and_listed_on_its_page() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = new_document(&app, &admin).await;
    let record = format!("/documents/{id}");
    let page = app.page(&admin, &record).await;
    assert!(page.contains("No file is attached yet."), "{page}");
    assert!(
        page.contains("action=\"/files?csrf_token=") && page.contains(&id.to_string()),
        "the page has the upload form"
    );
    let response = crate::files::upload(
        &app,
        &admin,
        "documents",
        id,
        "consent-form.png",
        &crate::files::png(40, 30),
    )
    .await;
    assert_eq!(response.status(), 303);
    let page = app.page(&admin, &record).await;
    assert!(page.contains("consent-form.png"), "{record} lists its file");
    assert!(!page.contains("No file is attached yet."));
    // A teacher without the right to change documents sees no upload form.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let seen = app.get(&teacher, &record).await;
    if seen.status() == 200 {
        assert!(
            !seen
                .text()
                .await
                .expect("page")
                .contains("action=\"/files?csrf_token=")
        );
    }
}

#[actix_web::test]
async fn a_walkthrough_record_links_to_its_walkthrough_page() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM walkthrough_checkins WHERE organization_id = {NW} AND deleted_at IS NULL LIMIT 1"
        ),
    );
    let page = app
        .page(&admin, &format!("/walkthrough-checkins/{id}"))
        .await;
    assert!(page.contains(&format!("href=\"/walkthroughs/{id}\"")));
}

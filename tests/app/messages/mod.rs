//! Messages staff write: compose, audiences, delivery to a real SMTP server, read
//! receipts, retries, scheduling, and who may write to whom.

mod attachments;
mod bench;
mod browser;
mod compose;
mod delivery;
mod people;
pub mod smtp;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use homeroom::communication::outgoing::{DeliveryRun, deliver_due};
use homeroom::config::Settings;
use homeroom::mail::Mailer;
use uuid::Uuid;

use crate::common::{TestApp, TestDatabase, spawn_app_configured};
use smtp::SmtpServer;

/// A Homeroom whose mail goes to a local SMTP server, and that server.
pub fn app_with_smtp() -> (TestApp, SmtpServer) {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_configured(TestDatabase::new(), |s| s.smtp_url = Some(url));
    (app, smtp)
}

/// Posts the compose form as `client` with `fields` (the CSRF token added).
pub async fn compose(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.submit(client, "/messages/new", "/messages/new", fields)
        .await
}

/// What the delivery task does at `now`, mailing through `smtp`.
pub fn deliver(app: &TestApp, smtp: &SmtpServer, now: DateTime<Utc>) -> DeliveryRun {
    let settings = Settings {
        smtp_url: Some(smtp.url()),
        ..Settings::for_tests(app.data_dir.clone())
    };
    let mailer = Mailer::from_settings(&settings).expect("a mailer");
    let files = homeroom::files::FileStore::reading(&app.data_dir);
    deliver_due(&mut app.conn(), &mailer, &files, now).expect("the delivery task runs")
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// The id of the first row `sql` finds (it selects `id`, binding `$1`).
pub fn id_of(app: &TestApp, sql: &str, bind: &str) -> Uuid {
    diesel::sql_query(sql)
        .bind::<Text, _>(bind)
        .get_result::<Id>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql} ({bind}): {e}"))
        .id
}

/// Northwind's grade of that name.
pub fn grade(app: &TestApp, name: &str) -> Uuid {
    id_of(
        app,
        "SELECT g.id FROM grades g JOIN organizations o ON o.id = g.organization_id
         WHERE o.name = 'Northwind Academy' AND g.name = $1 AND g.deleted_at IS NULL",
        name,
    )
}

/// A class the user (by e-mail) is the homeroom teacher of.
pub fn class_taught_by(app: &TestApp, email: &str) -> Uuid {
    id_of(
        app,
        "SELECT c.id FROM classes c JOIN staff s ON s.id = c.homeroom_teacher_id
         JOIN users u ON u.id = s.user_id
         WHERE u.email = $1 AND c.deleted_at IS NULL AND c.status = 'active'
         ORDER BY c.name LIMIT 1",
        email,
    )
}

/// The newest message written by the user (by e-mail).
pub fn newest_message(app: &TestApp, email: &str) -> Option<Uuid> {
    diesel::sql_query(
        "SELECT m.id FROM messages m JOIN users u ON u.id = m.created_by_id
         WHERE u.email = $1 ORDER BY m.created_at DESC LIMIT 1",
    )
    .bind::<Text, _>(email)
    .get_result::<Id>(&mut app.conn())
    .optional()
    .expect("messages")
    .map(|m| m.id)
}

/// The count `sql` gives (it selects `n`, binding `$1` as a uuid).
pub fn count_of(app: &TestApp, sql: &str, id: Uuid) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(id)
        .get_result::<N>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

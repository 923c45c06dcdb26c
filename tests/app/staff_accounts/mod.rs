//! Staff and their sign-in accounts: a staff record invited to sign in, linked to an
//! existing user or unlinked, everyone without an account invited at once, the link
//! seen and changed from the user's page, notes on users, and a new school set up
//! from nothing to its teacher's first roll.

mod bulk;
mod guide;
mod links;
mod new_school;
mod notes;
mod screens;

use diesel::prelude::*;
use homeroom::db::schema::{email_outbox, staff};
use uuid::Uuid;

use crate::common::TestApp;
use crate::resources::{created_id, form_fields, with};

/// Creates a record through its "New" form, as a person would; returns its id.
pub async fn create(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    values: &[(&str, &str)],
) -> Uuid {
    let mut fields = form_fields(app, client, &format!("{path}/new"), path).await;
    for (name, value) in values {
        fields = with(fields, name, value);
    }
    let response = client
        .post(app.url(path))
        .form(&fields)
        .send()
        .await
        .expect("POST");
    if response.status() != 303 {
        let page = response.text().await.unwrap_or_default();
        panic!("POST {path} {values:?} was refused: {page}");
    }
    created_id(&response, path)
}

/// A teacher's staff record made through the staff form.
pub async fn new_teacher(
    app: &TestApp,
    client: &reqwest::Client,
    (first, last): (&str, &str),
    email: Option<&str>,
) -> Uuid {
    let mut values = vec![
        ("first_name", first),
        ("last_name", last),
        ("staff_type", "teacher"),
        ("status", "active"),
    ];
    if let Some(email) = email {
        values.push(("email", email));
    }
    create(app, client, "/staff", &values).await
}

/// The account a staff record is linked to.
pub fn linked_user(app: &TestApp, staff_id: Uuid) -> Option<Uuid> {
    staff::table
        .find(staff_id)
        .select(staff::user_id)
        .first(&mut app.conn())
        .expect("the staff record")
}

/// The set-password link of the last e-mail to `to`, as a path on this server.
pub fn invitation_link(app: &TestApp, to: &str) -> String {
    let body: String = email_outbox::table
        .filter(email_outbox::to_address.eq(to))
        .order(email_outbox::created_at.desc())
        .select(email_outbox::body_text)
        .first(&mut app.conn())
        .unwrap_or_else(|e| panic!("an e-mail to {to}: {e}"));
    let at = body.find(&app.address).expect("a link to this server") + app.address.len();
    body[at..]
        .split_whitespace()
        .next()
        .expect("the link")
        .to_owned()
}

/// Posts the form of `page` that posts to `action`, with its fields and these values.
pub async fn post_page_form(
    app: &TestApp,
    client: &reqwest::Client,
    (page, action): (&str, &str),
    values: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = form_fields(app, client, page, action).await;
    for (name, value) in values {
        fields = with(fields, name, value);
    }
    client
        .post(app.url(action))
        .form(&fields)
        .send()
        .await
        .expect("POST")
}

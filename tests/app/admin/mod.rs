//! The administration screens: roles, users, and the way they keep tenants apart.

mod browser;
mod flow;
mod roles;
mod users;

use diesel::prelude::*;
use homeroom::db::schema::{
    permissions, roles as role_rows, roles_permissions, users_custom_permissions,
};
use uuid::Uuid;

use crate::common::{TestApp, csrf_token};

pub fn user_id(app: &TestApp, email: &str) -> Uuid {
    crate::common::user_id(&mut app.conn(), email)
}

pub fn role_id(app: &TestApp, name: &str) -> Uuid {
    role_rows::table
        .filter(role_rows::name.eq(name))
        .filter(role_rows::deleted_at.is_null())
        .select(role_rows::id)
        .first(&mut app.conn())
        .unwrap_or_else(|e| panic!("role {name}: {e}"))
}

/// The live permission names granted to a role.
pub fn role_grants(app: &TestApp, role: Uuid) -> Vec<String> {
    let mut names: Vec<String> = roles_permissions::table
        .inner_join(permissions::table)
        .filter(roles_permissions::role_id.eq(role))
        .filter(roles_permissions::deleted_at.is_null())
        .select(permissions::name)
        .load(&mut app.conn())
        .expect("role grants");
    names.sort();
    names
}

/// The live permission names granted to a user beyond their role.
pub fn custom_grants(app: &TestApp, user: Uuid) -> Vec<String> {
    let mut names: Vec<String> = users_custom_permissions::table
        .inner_join(
            permissions::table.on(permissions::id.eq(users_custom_permissions::permission_id)),
        )
        .filter(users_custom_permissions::user_id.eq(user))
        .filter(users_custom_permissions::deleted_at.is_null())
        .select(permissions::name)
        .load(&mut app.conn())
        .expect("custom grants");
    names.sort();
    names
}

/// The CSRF token a signed-in page carries.
pub async fn token(app: &TestApp, client: &reqwest::Client, page: &str) -> String {
    let html = app.get(client, page).await.text().await.expect("page");
    csrf_token(&html).unwrap_or_else(|| panic!("{page} carries a CSRF token"))
}

/// A form post the way htmx sends it: the header token and `HX-Request`.
pub async fn htmx_post(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", token)
        .form(fields)
        .send()
        .await
        .expect("htmx POST")
}

/// Follows a redirect's location with the same client.
pub async fn follow(
    app: &TestApp,
    client: &reqwest::Client,
    response: reqwest::Response,
) -> String {
    assert_eq!(response.status(), 303, "a redirect after the post");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    app.get(client, &location).await.text().await.expect("page")
}

/// Makes a role through its form; returns its id.
pub async fn create_role(app: &TestApp, client: &reqwest::Client, name: &str) -> Uuid {
    let response = app
        .submit(
            client,
            "/admin/roles/new",
            "/admin/roles",
            &[("name", name)],
        )
        .await;
    let page = follow(app, client, response).await;
    assert!(page.contains(&format!("Role “{name}” created.")));
    role_id(app, name)
}

/// Sends the invitation form.
pub async fn invite(
    app: &TestApp,
    client: &reqwest::Client,
    (first_name, last_name): (&str, &str),
    email: &str,
    role: Uuid,
) -> reqwest::Response {
    app.submit(
        client,
        "/admin/users/new",
        "/admin/users",
        &[
            ("first_name", first_name),
            ("last_name", last_name),
            ("email", email),
            ("role", &role.to_string()),
        ],
    )
    .await
}

//! The record engine: every described entity through one driver, then the
//! engine's own promises (validation, optimistic locking, deletes, CSV, audit).

pub(crate) mod csv;
mod entities;
mod export;
mod modes;
mod records;
mod rules;
mod screens;

use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::common::TestApp;

#[derive(QueryableByName)]
pub struct Id {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
}

#[derive(QueryableByName)]
pub struct Value {
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub value: Option<String>,
}

/// The first id an SQL query (over Northwind's data) returns.
pub fn id_of(conn: &mut PgConnection, sql: &str) -> String {
    diesel::sql_query(sql)
        .get_result::<Id>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .id
        .to_string()
}

/// One value as text, or None.
pub fn value_of(conn: &mut PgConnection, sql: &str) -> Option<String> {
    diesel::sql_query(sql)
        .get_result::<Value>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .value
}

/// The fields a browser would send with the form posting to `action` on `page`.
pub async fn form_fields(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
) -> Vec<(String, String)> {
    let html = app.page(client, page).await;
    form_fields_in(&html, action).unwrap_or_else(|| panic!("{page} has a form posting to {action}"))
}

/// The fields a browser would send with the form posting to `action` in a page's HTML.
pub fn form_fields_in(html: &str, action: &str) -> Option<Vec<(String, String)>> {
    let doc = scraper::Html::parse_document(html);
    let form_selector = scraper::Selector::parse("form").expect("selector");
    let field_selector =
        scraper::Selector::parse("input[name], select[name], textarea[name]").expect("selector");
    let option_selector = scraper::Selector::parse("option[selected]").expect("selector");
    let form = doc
        .select(&form_selector)
        .find(|f| f.value().attr("action") == Some(action))?;
    let mut fields = Vec::new();
    for field in form.select(&field_selector) {
        let el = field.value();
        let name = el.attr("name").unwrap_or_default().to_owned();
        let value = match el.name() {
            "select" => field
                .select(&option_selector)
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or_default()
                .to_owned(),
            "textarea" => field.text().collect(),
            _ => {
                let ticked = matches!(el.attr("type"), Some("checkbox" | "radio"));
                if ticked && el.attr("checked").is_none() {
                    continue;
                }
                el.attr("value").unwrap_or_default().to_owned()
            }
        };
        fields.push((name, value));
    }
    Some(fields)
}

/// Replaces (or adds) one field of a form.
pub fn with(mut fields: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    fields.retain(|(k, _)| k != name);
    fields.push((name.to_owned(), value.to_owned()));
    fields
}

/// The id at the end of a redirect to a record's page.
pub fn created_id(response: &reqwest::Response, path: &str) -> Uuid {
    let location = response.headers()["location"].to_str().expect("location");
    let id = location
        .strip_prefix(&format!("{path}/"))
        .unwrap_or_else(|| panic!("redirect to a {path} record, got {location}"));
    Uuid::parse_str(id).expect("an id")
}

pub fn northwind_id(conn: &mut PgConnection) -> Uuid {
    diesel::sql_query("SELECT id FROM organizations WHERE name = 'Northwind Academy'")
        .get_result::<Id>(conn)
        .expect("Northwind")
        .id
}

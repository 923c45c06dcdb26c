//! The school calendar: the month, week and agenda views of the demo's events with
//! whom each is for, who sees what, the event form, the `.ics` feed with its reset,
//! the reminders, and the pages in Spanish and in a browser.

mod browser;
mod feed;
mod pages;
mod reminders;

use chrono::NaiveDate;
use diesel::prelude::*;
use homeroom::db::schema::{communication_events, guardian_people, guardians, users};
use uuid::Uuid;

use crate::common::fixtures::{UserBuilder, school_today};
use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, organization_id};

const NORTHWIND: &str = "Northwind Academy";

/// The demo school's date today.
fn today(app: &TestApp) -> NaiveDate {
    let mut conn = app.conn();
    let org = organization_id(&mut conn, NORTHWIND);
    school_today(&mut conn, org)
}

/// The date of a demo event, by title.
fn event_date(app: &TestApp, title: &str) -> NaiveDate {
    let org = organization_id(&mut app.conn(), NORTHWIND);
    communication_events::table
        .filter(communication_events::organization_id.eq(org))
        .filter(communication_events::title.eq(title))
        .select(communication_events::event_date)
        .first(&mut app.conn())
        .unwrap_or_else(|e| panic!("the demo event {title}: {e}"))
}

/// An account for a Northwind guardian (by the address on their record), signed
/// in: a parent who has been given access.
async fn guardian_client(app: &TestApp) -> (reqwest::Client, String) {
    let mut conn = app.conn();
    let org = organization_id(&mut conn, NORTHWIND);
    let email: String = guardians::table
        .left_join(guardian_people::table)
        .filter(guardians::organization_id.eq(org))
        .filter(guardians::deleted_at.is_null())
        .select(diesel::dsl::sql::<diesel::sql_types::Text>(
            "coalesce(guardian_people.email, guardians.email)",
        ))
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            "coalesce(guardian_people.email, guardians.email) IS NOT NULL",
        ))
        .first(&mut conn)
        .expect("a demo guardian with an address");
    let hash: Option<String> = users::table
        .filter(users::email.eq(DemoUser::Teacher.email()))
        .select(users::password)
        .first(&mut conn)
        .expect("the teacher's password");
    UserBuilder::new(&email)
        .in_organization(org)
        .password_hash(&hash.expect("a password"))
        .insert(&mut conn);
    let client = app.client();
    let response = app.sign_in(&client, &email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 303, "the guardian signs in");
    (client, email)
}

/// The events the month view shows on `day`: (title, whom it is for).
fn events_on(html: &str, day: NaiveDate) -> Vec<(String, String)> {
    let page = scraper::Html::parse_document(html);
    let cell = scraper::Selector::parse(&format!("li.ecal-day[data-date='{day}'] li.ecal-ev"))
        .expect("a selector");
    let part = |css: &str| scraper::Selector::parse(css).expect("a selector");
    page.select(&cell)
        .map(|ev| {
            let text = |css: &str| {
                ev.select(&part(css))
                    .next()
                    .map(|e| e.text().collect::<String>().trim().to_owned())
                    .unwrap_or_default()
            };
            (text(".ecal-title"), text(".ecal-for"))
        })
        .collect()
}

/// The user's feed link as the calendar page shows it, as a path on the server.
fn feed_path(html: &str) -> String {
    let page = scraper::Html::parse_document(html);
    let input = scraper::Selector::parse("#feed-subscribe-url").expect("a selector");
    let url = page
        .select(&input)
        .next()
        .and_then(|i| i.value().attr("value"))
        .expect("the subscribe box shows the link")
        .to_owned();
    let at = url.find("/calendar/feed/").expect("a feed path");
    url[at..].to_owned()
}

fn id_of(app: &TestApp, title: &str) -> Uuid {
    communication_events::table
        .filter(communication_events::title.eq(title))
        .select(communication_events::id)
        .first(&mut app.conn())
        .unwrap_or_else(|e| panic!("the event {title}: {e}"))
}

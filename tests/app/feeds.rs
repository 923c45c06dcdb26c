//! Secret feed links: one per user and kind, the same link every time it is asked
//! for, found again by its token alone, and dead at once when reset.

use diesel::prelude::*;
use homeroom::db::{self, Actor};
use homeroom::feeds::{self, FeedKey, FeedKind};

use crate::common::{DemoUser, TestApp, organization_id, spawn_app, user_id};

fn key() -> FeedKey {
    FeedKey::of(&homeroom::config::Settings::for_tests(std::env::temp_dir())).expect("a feed key")
}

fn teacher_actor(app: &TestApp) -> Actor {
    let mut conn = app.conn();
    Actor::signed_in(
        organization_id(&mut conn, "Northwind Academy"),
        user_id(&mut conn, DemoUser::Teacher.email()),
        String::new(),
        chrono_tz::UTC,
    )
}

fn link_of(app: &TestApp, actor: &Actor, kind: FeedKind) -> String {
    app.conn()
        .transaction(|conn| {
            let mut tenant = db::enter(conn, actor)?;
            feeds::link(&mut tenant, &key(), kind)
        })
        .expect("the user's link")
}

fn owner_of(app: &TestApp, kind: FeedKind, token: &str) -> Option<uuid::Uuid> {
    feeds::resolve(&mut app.conn(), kind, token)
        .expect("resolve")
        .map(|reader| reader.user.uuid())
}

#[actix_web::test]
async fn a_teachers_feed_link_stays_the_same_and_names_the_teacher() {
    let app = spawn_app().await;
    let actor = teacher_actor(&app);
    let first = link_of(&app, &actor, FeedKind::Calendar);
    assert_eq!(link_of(&app, &actor, FeedKind::Calendar), first);
    assert_eq!(first.len(), 64);
    let lessons = link_of(&app, &actor, FeedKind::Lessons);
    assert_ne!(lessons, first, "each kind has a link of its own");

    let teacher = actor.user().map(|u| u.uuid());
    assert_eq!(owner_of(&app, FeedKind::Calendar, &first), teacher);
    assert_eq!(owner_of(&app, FeedKind::Lessons, &lessons), teacher);
    assert_eq!(
        owner_of(&app, FeedKind::Lessons, &first),
        None,
        "a link opens its own kind only"
    );
    assert_eq!(owner_of(&app, FeedKind::Calendar, &"0".repeat(64)), None);

    let stored: Vec<String> = homeroom::db::schema::feed_links::table
        .select(homeroom::db::schema::feed_links::token_hash)
        .load(&mut app.conn())
        .expect("the stored links");
    assert_eq!(stored.len(), 2);
    assert!(
        !stored.contains(&first) && !stored.contains(&lessons),
        "only hashes are kept"
    );
}

#[actix_web::test]
async fn resetting_a_feed_link_stops_the_old_one_at_once() {
    let app = spawn_app().await;
    let actor = teacher_actor(&app);
    let old = link_of(&app, &actor, FeedKind::Calendar);
    let lessons = link_of(&app, &actor, FeedKind::Lessons);

    let client = app.signed_in(DemoUser::Teacher).await;
    let response = app
        .submit(
            &client,
            "/profile",
            "/feeds/calendar/reset",
            &[("back", "/profile")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok()),
        Some("/profile")
    );
    let page = app.page(&client, "/profile").await;
    assert!(page.contains("Your feed link was reset."));

    assert_eq!(owner_of(&app, FeedKind::Calendar, &old), None);
    let new = link_of(&app, &actor, FeedKind::Calendar);
    assert_ne!(new, old);
    let teacher = actor.user().map(|u| u.uuid());
    assert_eq!(owner_of(&app, FeedKind::Calendar, &new), teacher);
    assert_eq!(
        owner_of(&app, FeedKind::Lessons, &lessons),
        teacher,
        "the other kind's link is untouched"
    );
}

#[actix_web::test]
async fn a_reset_for_an_unknown_kind_or_to_another_site_goes_nowhere_harmful() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Teacher).await;
    let unknown = app
        .submit(
            &client,
            "/profile",
            "/feeds/everything/reset",
            &[("back", "/")],
        )
        .await;
    assert_eq!(unknown.status(), 404);
    let away = app
        .submit(
            &client,
            "/profile",
            "/feeds/calendar/reset",
            &[("back", "//evil.example/")],
        )
        .await;
    assert_eq!(away.status(), 303);
    assert_eq!(
        away.headers().get("location").and_then(|l| l.to_str().ok()),
        Some("/")
    );
}

//! Sessions end when they should: idle, at their expiry, when revoked, when the
//! user is disabled, and everywhere at once when the user asks.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::auth::session::{self, Client};
use homeroom::db::schema::{auth_refresh_tokens, users};

use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, set_cookie, spawn_app};

/// A signed-in client and its session key.
async fn signed_in_with_key(app: &TestApp, who: DemoUser, keep: bool) -> (reqwest::Client, String) {
    let client = app.client();
    let mut fields = vec![("email", who.email()), ("password", DEMO_PASSWORD)];
    if keep {
        fields.push(("keep_signed_in", "1"));
    }
    let response = app.submit(&client, "/login", "/login", &fields).await;
    assert_eq!(response.status(), 303);
    let key = set_cookie(&response, "homeroom_session").expect("a session cookie");
    (client, key)
}

fn session_row(key: &str) -> auth_refresh_tokens::BoxedQuery<'static, diesel::pg::Pg> {
    auth_refresh_tokens::table
        .filter(auth_refresh_tokens::token_hash.eq(session::hash_key(key)))
        .into_boxed()
}

/// The session's id and when it expires.
fn id_and_expiry(app: &TestApp, key: &str) -> (uuid::Uuid, chrono::DateTime<Utc>) {
    session_row(key)
        .select((auth_refresh_tokens::id, auth_refresh_tokens::expires_at))
        .first(&mut app.conn())
        .expect("session")
}

async fn is_sent_to_sign_in(app: &TestApp, client: &reqwest::Client) -> bool {
    let response = app.get(client, "/").await;
    response.status() == 303
        && response.headers()["location"]
            .to_str()
            .is_ok_and(|l| l.starts_with("/login"))
}

#[actix_web::test]
async fn a_session_left_idle_too_long_sends_the_user_to_sign_in() {
    let app = spawn_app().await;
    let (client, key) = signed_in_with_key(&app, DemoUser::Teacher, false).await;
    assert!(!is_sent_to_sign_in(&app, &client).await);

    let (id, _) = id_and_expiry(&app, &key);
    diesel::update(auth_refresh_tokens::table.find(id))
        .set(
            auth_refresh_tokens::last_seen_at
                .eq(Utc::now() - Duration::hours(8) - Duration::minutes(1)),
        )
        .execute(&mut app.conn())
        .expect("age the session");
    assert!(is_sent_to_sign_in(&app, &client).await);
}

#[actix_web::test]
async fn without_keep_me_signed_in_a_session_ends_with_the_school_day() {
    let app = spawn_app().await;
    let (client, key) = signed_in_with_key(&app, DemoUser::Teacher, false).await;
    let (id, expires_at) = id_and_expiry(&app, &key);
    assert!(
        expires_at <= Utc::now() + Duration::hours(25),
        "ends by the next midnight"
    );

    diesel::update(auth_refresh_tokens::table.find(id))
        .set(auth_refresh_tokens::expires_at.eq(Utc::now() - Duration::minutes(1)))
        .execute(&mut app.conn())
        .expect("end the day");
    assert!(is_sent_to_sign_in(&app, &client).await);
}

#[actix_web::test]
async fn keep_me_signed_in_lasts_seven_days_and_no_longer() {
    let app = spawn_app().await;
    let (client, key) = signed_in_with_key(&app, DemoUser::Teacher, true).await;
    let (id, expires_at) = id_and_expiry(&app, &key);
    let seven_days = Utc::now() + Duration::days(7);
    assert!(
        (expires_at - seven_days).num_minutes().abs() < 2,
        "{expires_at}"
    );

    // Used every day, so never idle; the absolute limit still ends it.
    diesel::update(auth_refresh_tokens::table.find(id))
        .set((
            auth_refresh_tokens::expires_at.eq(Utc::now() - Duration::seconds(1)),
            auth_refresh_tokens::last_seen_at.eq(Utc::now()),
        ))
        .execute(&mut app.conn())
        .expect("reach the limit");
    assert!(is_sent_to_sign_in(&app, &client).await);
}

#[actix_web::test]
async fn a_disabled_user_is_signed_out_on_the_next_request() {
    let app = spawn_app().await;
    let (client, _) = signed_in_with_key(&app, DemoUser::Accountant, false).await;
    assert!(!is_sent_to_sign_in(&app, &client).await);
    diesel::update(users::table.filter(users::email.eq(DemoUser::Accountant.email())))
        .set(users::disabled.eq(true))
        .execute(&mut app.conn())
        .expect("disable");
    assert!(is_sent_to_sign_in(&app, &client).await);
}

#[actix_web::test]
async fn rotation_replaces_the_key_within_the_same_family() {
    let app = spawn_app().await;
    let (_, old_key) = signed_in_with_key(&app, DemoUser::Director, true).await;
    let client = Client {
        user_agent: Some("test".to_owned()),
        ip_address: Some("127.0.0.1".to_owned()),
    };
    let new = session::rotate(&mut app.conn(), &old_key, &client, None)
        .expect("rotate")
        .expect("a live session");
    assert!(
        session::rotate(&mut app.conn(), &old_key, &client, None)
            .expect("rotate")
            .is_none(),
        "an old key rotates no more"
    );

    type Row = (
        uuid::Uuid,
        uuid::Uuid,
        Option<uuid::Uuid>,
        Option<uuid::Uuid>,
        bool,
        chrono::DateTime<Utc>,
    );
    let select = (
        auth_refresh_tokens::id,
        auth_refresh_tokens::family_id,
        auth_refresh_tokens::previous_token_id,
        auth_refresh_tokens::replaced_by_token_id,
        auth_refresh_tokens::revoked_at.is_not_null(),
        auth_refresh_tokens::expires_at,
    );
    let old: Row = session_row(&old_key)
        .select(select)
        .first(&mut app.conn())
        .expect("old");
    let fresh: Row = session_row(&new.key)
        .select(select)
        .first(&mut app.conn())
        .expect("new");
    assert!(old.4, "the old row is revoked");
    assert_eq!(old.3, Some(fresh.0), "and points to its replacement");
    assert_eq!(fresh.2, Some(old.0), "which points back");
    assert_eq!(old.1, fresh.1, "one family");
    assert!(!fresh.4);
    assert_eq!(old.5, fresh.5, "rotation does not extend the session");

    let with_key = |key: String| {
        app.client()
            .get(app.url("/"))
            .header("Cookie", format!("homeroom_session={key}"))
            .send()
    };
    assert_eq!(with_key(old_key).await.expect("request").status(), 303);
    assert_eq!(with_key(new.key).await.expect("request").status(), 200);
}

#[actix_web::test]
async fn an_administrator_can_list_and_revoke_a_users_sessions() {
    let app = spawn_app().await;
    let (phone, _) = signed_in_with_key(&app, DemoUser::Office, false).await;
    let (tablet, _) = signed_in_with_key(&app, DemoUser::Office, false).await;
    let user_id: uuid::Uuid = users::table
        .filter(users::email.eq(DemoUser::Office.email()))
        .select(users::id)
        .first(&mut app.conn())
        .expect("user");
    let sessions = session::list_for_user(&mut app.conn(), user_id).expect("list");
    assert_eq!(sessions.len(), 2);
    assert!(
        sessions
            .iter()
            .all(|s| s.ip_address.as_deref() == Some("127.0.0.1"))
    );

    assert!(session::revoke_by_id(&mut app.conn(), user_id, sessions[0].id).expect("revoke"));
    assert!(!session::revoke_by_id(&mut app.conn(), user_id, sessions[0].id).expect("again"));
    let other_user = uuid::Uuid::new_v4();
    assert!(
        !session::revoke_by_id(&mut app.conn(), other_user, sessions[1].id).expect("not theirs")
    );
    let still_in = [
        is_sent_to_sign_in(&app, &phone).await,
        is_sent_to_sign_in(&app, &tablet).await,
    ];
    assert_eq!(
        still_in.iter().filter(|out| **out).count(),
        1,
        "exactly the revoked one is out"
    );

    assert_eq!(
        session::revoke_all_for_user(&mut app.conn(), user_id).expect("all"),
        1
    );
    assert!(is_sent_to_sign_in(&app, &phone).await);
    assert!(is_sent_to_sign_in(&app, &tablet).await);
}

#[actix_web::test]
async fn sign_out_everywhere_ends_every_session_including_this_one() {
    let app = spawn_app().await;
    let (laptop, _) = signed_in_with_key(&app, DemoUser::Teacher, true).await;
    let (tablet, _) = signed_in_with_key(&app, DemoUser::Teacher, false).await;
    let profile = app.page(&laptop, "/profile").await;
    assert!(profile.contains("This device"));
    assert!(profile.contains("Sign out everywhere"));

    let response = app
        .submit(&laptop, "/profile", "/profile/sessions/all", &[])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login");
    assert!(is_sent_to_sign_in(&app, &laptop).await);
    assert!(is_sent_to_sign_in(&app, &tablet).await);
    let live: i64 = auth_refresh_tokens::table
        .filter(auth_refresh_tokens::revoked_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(live, 0);
}

#[actix_web::test]
async fn sign_out_other_sessions_keeps_this_one() {
    let app = spawn_app().await;
    let (laptop, _) = signed_in_with_key(&app, DemoUser::Teacher, false).await;
    let (tablet, _) = signed_in_with_key(&app, DemoUser::Teacher, false).await;
    let response = app
        .submit(&laptop, "/profile", "/profile/sessions/others", &[])
        .await;
    assert_eq!(response.status(), 303);
    let page = app.page(&laptop, "/profile").await;
    assert!(page.contains("Signed out of 1 other session."));
    assert!(is_sent_to_sign_in(&app, &tablet).await);
}

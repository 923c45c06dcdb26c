//! Zone check-ins: one tap from the dashboard, a private note nobody else reads on
//! any path, a few a day, and campus figures only where five people checked in.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, count, organization_id, spawn_app, user_id};

/// Checks in as `client` from the dashboard's card.
async fn check_in(
    app: &TestApp,
    client: &reqwest::Client,
    zone: &str,
    note: &str,
) -> reqwest::Response {
    app.submit(
        client,
        "/",
        "/staff-development/zones/check-in",
        &[("zone", zone), ("note", note), ("back", "/")],
    )
    .await
}

fn check_ins_of(app: &TestApp, user: Uuid) -> i64 {
    count(
        &mut app.conn(),
        &format!(
            "user_progress WHERE progress_type = 'zone_check_in' AND user_id = '{user}' \
             AND deleted_at IS NULL AND created_at::date = '{}'",
            homeroom::clock::today(homeroom::clock::zone("UTC"))
        ),
    )
}

#[actix_web::test]
async fn a_teacher_checks_in_from_the_dashboard_with_a_note_and_sees_their_week() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let me = user_id(&mut app.conn(), DemoUser::Teacher.email());
    let before = check_ins_of(&app, me);
    let dashboard = app.page(&teacher, "/").await;
    assert!(dashboard.contains("How are you today?"));
    for word in ["Blue", "Green", "Yellow", "Red"] {
        assert!(dashboard.contains(&format!(">{word}</button>")), "{word}");
    }
    let response = check_in(&app, &teacher, "yellow", "Tired after bus duty").await;
    assert_eq!(response.status(), 303);
    assert_eq!(check_ins_of(&app, me), before + 1);
    let week = app.page(&teacher, "/staff-development/zones").await;
    assert!(week.contains("Checked in: Yellow"), "the flash says so");
    assert!(
        week.contains("Tired after bus duty"),
        "the note is theirs to read"
    );
}

#[actix_web::test]
async fn a_check_in_beyond_the_days_limit_is_refused_politely() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let me = user_id(&mut app.conn(), DemoUser::Teacher.email());
    let before = check_ins_of(&app, me);
    let room = 3 - before.min(3);
    for _ in 0..room {
        assert_eq!(check_in(&app, &teacher, "green", "").await.status(), 303);
    }
    let refused = check_in(&app, &teacher, "red", "").await;
    assert_eq!(refused.status(), 303);
    assert_eq!(check_ins_of(&app, me), before + room);
    let page = app.page(&teacher, "/staff-development/zones").await;
    assert!(page.contains("the most for a day"), "{page}");
    let unknown = check_in(&app, &teacher, "purple", "").await;
    assert_eq!(unknown.status(), 400);
}

/// A check-in of `user` on `campus` now, written as the module writes them.
fn seed_check_in(
    app: &TestApp,
    organization: Uuid,
    campus: Uuid,
    user: Uuid,
    zone: &str,
    note: &str,
) {
    let at: DateTime<Utc> = homeroom::clock::now();
    diesel::sql_query(
        "INSERT INTO user_progress (organization_id, campus_id, user_id, progress_type, \
         item_id, value, created_at) VALUES ($1, $2, $3, 'zone_check_in', $4, $5, $6)",
    )
    .bind::<SqlUuid, _>(organization)
    .bind::<SqlUuid, _>(campus)
    .bind::<SqlUuid, _>(user)
    .bind::<Text, _>(zone)
    .bind::<Text, _>(note)
    .bind::<Timestamptz, _>(at)
    .execute(&mut app.conn())
    .expect("a check-in");
}

/// A new campus of the demo school, so no seeded check-in counts towards it.
fn new_campus(app: &TestApp, organization: Uuid, name: &str) -> Uuid {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    diesel::sql_query("INSERT INTO campuses (organization_id, name) VALUES ($1, $2) RETURNING id")
        .bind::<SqlUuid, _>(organization)
        .bind::<Text, _>(name)
        .get_result::<Id>(&mut app.conn())
        .expect("a campus")
        .id
}

#[actix_web::test]
async fn campus_figures_are_hidden_with_four_people_and_shown_with_five() {
    let app = spawn_app().await;
    let org = organization_id(&mut app.conn(), "Northwind Academy");
    let campus = new_campus(&app, org, "Lakeside Annex");
    let people: Vec<Uuid> = [
        DemoUser::Admin,
        DemoUser::Director,
        DemoUser::Teacher,
        DemoUser::Accountant,
        DemoUser::Office,
    ]
    .iter()
    .map(|who| user_id(&mut app.conn(), who.email()))
    .collect();
    for user in &people[..4] {
        seed_check_in(&app, org, campus, *user, "green", "private words");
        seed_check_in(&app, org, campus, *user, "blue", "");
    }
    let director = app.signed_in(DemoUser::Director).await;
    let page = app
        .page(&director, "/staff-development/zones/campuses")
        .await;
    let row = section_of(&page, "Lakeside Annex");
    assert!(row.contains("Fewer than 5 people checked in"), "{row}");
    assert!(!row.contains("Green:"), "no figures for four people: {row}");

    seed_check_in(&app, org, campus, people[4], "red", "");
    let page = app
        .page(&director, "/staff-development/zones/campuses")
        .await;
    let row = section_of(&page, "Lakeside Annex");
    assert!(row.contains("Green: 4"), "{row}");
    assert!(row.contains("Blue: 4") && row.contains("Red: 1"), "{row}");
    assert!(!page.contains("private words"), "never a note");

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let refused = app.get(&teacher, "/staff-development/zones/campuses").await;
    assert_eq!(
        refused.status(),
        403,
        "teachers do not see the campus figures"
    );
}

/// The list item of the page that names `campus`.
fn section_of(page: &str, campus: &str) -> String {
    let start = page
        .find(campus)
        .unwrap_or_else(|| panic!("{campus} is listed: {page}"));
    let end = page[start..]
        .find("</li>")
        .map_or(page.len(), |e| start + e);
    page[start..end].to_owned()
}

#[actix_web::test]
async fn nobody_reads_another_persons_zone_note_on_any_path() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let response = check_in(&app, &teacher, "blue", "Secretnote about my week").await;
    assert_eq!(response.status(), 303);
    let own = app.page(&teacher, "/user-progress?q=blue").await;
    assert!(
        own.contains("Secretnote"),
        "the teacher reads their own row"
    );

    let others = [DemoUser::Admin, DemoUser::Director];
    for who in others {
        let client = app.signed_in(who).await;
        for path in [
            "/user-progress",
            "/user-progress?q=Secretno",
            "/user-progress/export.csv",
            "/search?q=Secretno",
            "/staff-development/zones",
            "/staff-development/zones/campuses",
        ] {
            let body = app.page(&client, path).await;
            assert!(
                !body.contains("Secretnote"),
                "{who:?} reads the note at {path}"
            );
        }
    }
}

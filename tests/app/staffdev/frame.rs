//! The weekly frame: a director writes and publishes it, staff read this week's
//! first and find a notice in their inbox once, drafts stay with their writers.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, count, spawn_app, user_id};

fn this_monday() -> NaiveDate {
    let today = homeroom::clock::today(homeroom::clock::zone("UTC"));
    today - Duration::days(i64::from(today.weekday().num_days_from_monday()))
}

/// The form of a whole-school frame for `week`, each section saying `word`.
fn frame_fields(week: NaiveDate, word: &str, action: &str) -> Vec<(String, String)> {
    let mut fields = vec![
        ("week_of".to_owned(), week.to_string()),
        ("campus".to_owned(), String::new()),
        ("action".to_owned(), action.to_owned()),
    ];
    for section in [
        "formal",
        "recognition",
        "application",
        "management",
        "emotional",
    ] {
        fields.push((section.to_owned(), format!("{word} {section}")));
    }
    fields
}

/// Posts the frame form as `client`; the response.
async fn post_frame(
    app: &TestApp,
    client: &reqwest::Client,
    action_path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.submit(client, "/staff-development/frame/new", action_path, &pairs)
        .await
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

fn frame_id(app: &TestApp, word: &str) -> Uuid {
    diesel::sql_query("SELECT id FROM frame_entries WHERE formal = $1")
        .bind::<Text, _>(format!("{word} formal"))
        .get_result::<Id>(&mut app.conn())
        .expect("the frame was stored")
        .id
}

/// The frame notices in the user's inbox.
fn notices_to(app: &TestApp, user: Uuid) -> i64 {
    count(
        &mut app.conn(),
        &format!(
            "message_recipients r JOIN messages m ON m.id = r.message_id \
             WHERE r.user_id = '{user}' AND m.body LIKE '%/staff-development/frame/%' \
             AND m.created_at > now() - interval '1 hour'"
        ),
    )
}

#[actix_web::test]
async fn publishing_a_frame_tells_staff_once_and_they_read_it_first() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let teacher = user_id(&mut app.conn(), DemoUser::Teacher.email());
    let before = notices_to(&app, teacher);

    let fields = frame_fields(this_monday(), "Lanterns", "draft");
    let response = post_frame(&app, &director, "/staff-development/frame", &fields).await;
    assert_eq!(response.status(), 303);
    let id = frame_id(&app, "Lanterns");
    assert_eq!(notices_to(&app, teacher), before, "a draft tells nobody");

    let page = format!("/staff-development/frame/{id}");
    let publish = format!("/staff-development/frame/{id}/publish");
    let first = app.submit(&director, &page, &publish, &[]).await;
    assert_eq!(first.status(), 303);
    assert_eq!(notices_to(&app, teacher), before + 1);
    let again = app.submit(&director, &page, &publish, &[]).await;
    assert_eq!(again.status(), 303);
    let told = app.page(&director, &page).await;
    assert!(told.contains("already published"), "{told}");
    assert_eq!(
        notices_to(&app, teacher),
        before + 1,
        "publishing twice tells the teacher once"
    );

    let reader = app.signed_in(DemoUser::Teacher).await;
    let html = app.page(&reader, "/staff-development/frame").await;
    let this_week = html
        .find("Lanterns formal")
        .expect("the teacher reads this week's frame");
    let earlier = html
        .find("Other weeks")
        .expect("the earlier weeks are listed");
    assert!(this_week < earlier, "this week's frame comes first");
    let inbox = app.page(&reader, "/inbox").await;
    assert!(inbox.contains("is published"), "the notice is in the inbox");
}

#[actix_web::test]
async fn a_draft_frame_is_read_by_its_writers_alone_on_every_path() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let fields = frame_fields(this_monday(), "Quietdraft", "draft");
    let response = post_frame(&app, &director, "/staff-development/frame", &fields).await;
    assert_eq!(response.status(), 303);
    let id = frame_id(&app, "Quietdraft");
    let mine = app.page(&director, "/staff-development/frame").await;
    assert!(mine.contains("Drafts"), "the writer sees their drafts");

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, "/staff-development/frame").await;
    assert!(!page.contains("Quietdraft"));
    let one = app
        .get(&teacher, &format!("/staff-development/frame/{id}"))
        .await;
    assert_eq!(one.status(), 404);
    let record = app.get(&teacher, &format!("/frame-entries/{id}")).await;
    assert_eq!(record.status(), 404, "the record engine hides a draft too");
    let list = app.page(&teacher, "/frame-entries?q=Quietdraft").await;
    assert!(!list.contains("Quietdraft formal"));
}

#[actix_web::test]
async fn a_frame_for_a_tuesday_or_with_an_empty_section_is_sent_back_with_the_fields_message() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let stored = count(&mut app.conn(), "frame_entries");
    let mut fields = frame_fields(this_monday() + Duration::days(1), "Tuesdaynote", "publish");
    fields.retain(|(k, _)| k != "emotional");
    let response = post_frame(&app, &director, "/staff-development/frame", &fields).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(html.contains("Choose the Monday the week starts on."));
    assert!(html.contains("Write this section."));
    assert!(
        html.contains("Tuesdaynote formal"),
        "what was typed is kept"
    );
    assert_eq!(count(&mut app.conn(), "frame_entries"), stored);
}

#[actix_web::test]
async fn a_teacher_may_read_the_frame_but_not_write_one_here_or_in_the_records() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(
        app.get(&teacher, "/staff-development/frame/new")
            .await
            .status(),
        403
    );
    let admin = app.signed_in(DemoUser::Admin).await;
    let engine = app.get(&admin, "/frame-entries/new").await;
    assert!(
        matches!(engine.status().as_u16(), 403..=405),
        "frames are written only on the frame's pages, not {}",
        engine.status()
    );
}

#[actix_web::test]
async fn the_frame_speaks_spanish() {
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, DemoUser::Director.email(), Some("es"));
    let director = app.signed_in(DemoUser::Director).await;
    let html = app.page(&director, "/staff-development/frame").await;
    assert!(html.contains("Marco semanal"), "{html}");
    let form = app.page(&director, "/staff-development/frame/new").await;
    assert!(form.contains("Guardar como borrador"));
}

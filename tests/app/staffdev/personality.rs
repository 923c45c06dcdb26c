//! The personality quiz: a teacher takes it and reads their type; the latest
//! attempt counts; nobody reads another's answers or type, and directors see only
//! how many of each campus's staff have each type.

use diesel::prelude::*;
use homeroom::db::schema::personality_quiz_results as pq;

use crate::common::{DemoUser, TestApp, spawn_app, user_id};
use crate::languages::set_user_language;

/// Answers every one of the demo's eight questions with the option at `pick`.
async fn take(app: &TestApp, client: &reqwest::Client, pick: &str) -> reqwest::Response {
    let names: Vec<String> = (0..8).map(|j| format!("p{j}")).collect();
    let fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), pick)).collect();
    app.submit(
        client,
        "/staff-development/personality?retake=1",
        "/staff-development/personality",
        &fields,
    )
    .await
}

#[actix_web::test]
async fn teacher_takes_the_personality_quiz_and_the_latest_type_counts() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, "/staff-development/personality").await;
    assert!(page.contains("A new term starts. You first…"), "{page}");

    let response = take(&app, &teacher, "1").await;
    assert_eq!(response.status(), 303);
    let page = app.page(&teacher, "/staff-development/personality").await;
    assert!(page.contains("The Encourager"), "{page}");
    assert!(page.contains("You notice how people feel"));

    take(&app, &teacher, "3").await;
    let page = app.page(&teacher, "/staff-development/personality").await;
    assert!(page.contains("The Anchor"), "the latest counts: {page}");
    let mut conn = app.conn();
    let me = user_id(&mut conn, DemoUser::Teacher.email());
    let kinds: Vec<String> = pq::table
        .filter(pq::user_id.eq(me))
        .order(pq::completed_at.asc())
        .select(pq::personality_type)
        .load(&mut conn)
        .expect("the results");
    assert_eq!(kinds, vec!["encourager", "anchor"]);
}

#[actix_web::test]
async fn an_incomplete_personality_quiz_is_not_stored() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let response = app
        .submit(
            &teacher,
            "/staff-development/personality",
            "/staff-development/personality",
            &[("p0", "1")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let mut conn = app.conn();
    let me = user_id(&mut conn, DemoUser::Teacher.email());
    let n: i64 = pq::table
        .filter(pq::user_id.eq(me))
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(n, 0);
}

#[actix_web::test]
async fn a_teacher_cannot_read_anothers_personality_answers() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let me = user_id(&mut conn, DemoUser::Teacher.email());
    let (other, kind): (uuid::Uuid, String) = pq::table
        .filter(pq::user_id.ne(me))
        .filter(pq::deleted_at.is_null())
        .select((pq::id, pq::personality_type))
        .first(&mut conn)
        .expect("a colleague's result from the demo");
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let response = app
        .get(&teacher, &format!("/personality-quiz-results/{other}"))
        .await;
    assert_eq!(
        response.status(),
        404,
        "the record engine refuses another's row"
    );
    let list = app.page(&teacher, "/personality-quiz-results").await;
    assert!(!list.contains(&other.to_string()));
    assert!(!list.contains(&kind), "no colleague's type in the list");
    let export = app
        .get(&teacher, "/personality-quiz-results/export.csv")
        .await;
    let csv = export.text().await.unwrap_or_default();
    assert!(!csv.contains(&kind), "nor in the export");
}

#[actix_web::test]
async fn directors_see_the_team_mix_as_counts_only() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let page = app
        .page(&director, "/staff-development/personality/team")
        .await;
    assert!(page.contains("Team personality mix"));
    for name in [
        "The Organiser",
        "The Encourager",
        "The Explorer",
        "The Anchor",
    ] {
        assert!(page.contains(name), "{name}");
    }
    // Counts only: nobody's name appears on the page.
    let names: Vec<(Option<String>, Option<String>)> = homeroom::db::schema::users::table
        .inner_join(pq::table.on(pq::user_id.eq(homeroom::db::schema::users::id.nullable())))
        .select((
            homeroom::db::schema::users::first_name,
            homeroom::db::schema::users::last_name,
        ))
        .limit(20)
        .load(&mut app.conn())
        .expect("people with a type");
    assert!(!names.is_empty());
    for (first, last) in names {
        let full = format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default());
        assert!(!page.contains(&full), "{full} is not named");
    }
    // The director's record-engine path to others' rows is closed too.
    let list = app.get(&director, "/personality-quiz-results").await;
    let html = list.text().await.unwrap_or_default();
    assert!(!html.contains("organiser") && !html.contains("encourager"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(
        app.get(&teacher, "/staff-development/personality/team")
            .await
            .status(),
        403
    );
}

#[actix_web::test]
async fn the_personality_quiz_speaks_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, "/staff-development/personality").await;
    assert!(page.contains("Test de personalidad"), "{page}");
    assert!(page.contains("No hay respuestas correctas ni incorrectas"));
}

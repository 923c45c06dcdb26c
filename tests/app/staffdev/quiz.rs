//! Safety quizzes: a teacher takes this week's quiz on the demo's bank and the
//! server scores it; retakes keep the best; directors follow completion and remind
//! who has not taken it; the bank's editor is for super administrators only.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Uuid as SqlUuid};
use homeroom::db::schema::{content_catalog, safety_quiz_results as sq};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, csrf_token, spawn_app, user_id};
use crate::languages::set_user_language;

/// The demo bank's quiz of the pinned week: "Playground and trips", three
/// questions, the first option always the right one.
const THIS_WEEK: &str = "demo-safety-5";

/// The teacher's attempts of this week, newest first: (score, total).
fn attempts(app: &TestApp, email: &str) -> Vec<(i32, i32)> {
    let mut conn = app.conn();
    let user = user_id(&mut conn, email);
    sq::table
        .filter(sq::user_id.eq(user))
        .filter(sq::quiz_id.eq(THIS_WEEK))
        .order(sq::completed_at.desc())
        .select((sq::score, sq::total_questions))
        .load(&mut conn)
        .expect("the attempts")
}

/// Takes this week's quiz with `answers` (plus any `extra` field), as the plain form does.
async fn take(
    app: &TestApp,
    client: &reqwest::Client,
    answers: &[&str],
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let names: Vec<String> = (0..answers.len()).map(|j| format!("a{j}")).collect();
    let mut fields: Vec<(&str, &str)> = vec![("quiz", THIS_WEEK)];
    fields.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(answers.iter().copied()),
    );
    fields.extend_from_slice(extra);
    app.submit(
        client,
        "/staff-development/quiz",
        "/staff-development/quiz",
        &fields,
    )
    .await
}

#[actix_web::test]
async fn teacher_takes_this_weeks_quiz_and_the_stored_score_matches_the_answers() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, "/staff-development/quiz").await;
    assert!(page.contains("Playground and trips"), "{page}");
    assert!(page.contains("Question 1 of 3"));

    let response = take(&app, &teacher, &["0", "1", "0"], &[]).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        location.starts_with("/staff-development/quiz/attempts/"),
        "{location}"
    );
    assert_eq!(attempts(&app, DemoUser::Teacher.email()), vec![(2, 3)]);

    let mut conn = app.conn();
    let user = user_id(&mut conn, DemoUser::Teacher.email());
    let (name, role, answers): (String, String, serde_json::Value) = sq::table
        .filter(sq::user_id.eq(user))
        .select((sq::user_name, sq::user_role, sq::answers))
        .first(&mut conn)
        .expect("the attempt");
    assert_eq!(role, "Teacher");
    assert!(!name.is_empty());
    assert_eq!(answers[1]["chosen"], 1);
    assert_eq!(answers[1]["correct"], false);

    let result = app.page(&teacher, &location).await;
    assert!(result.contains("You scored 2 out of 3."), "{result}");
    assert!(result.contains("The right answer: Check the register, consent forms and medicines"));
    assert!(result.contains("Register, consent and medicines travel with the group every time."));
}

#[actix_web::test]
async fn a_forged_client_score_is_ignored() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let forged = [("score", "3"), ("total_questions", "3"), ("correct", "3")];
    let response = take(&app, &teacher, &["2", "3", "1"], &forged).await;
    assert_eq!(response.status(), 303);
    assert_eq!(attempts(&app, DemoUser::Teacher.email()), vec![(0, 3)]);
}

#[actix_web::test]
async fn an_unanswered_question_brings_the_quiz_back_and_stores_nothing() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let response = take(&app, &teacher, &["0", "9"], &[]).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap_or_default();
    assert!(page.contains("Answer questions 2, 3 to finish."), "{page}");
    assert!(attempts(&app, DemoUser::Teacher.email()).is_empty());
}

#[actix_web::test]
async fn the_best_attempt_of_the_week_counts() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    for answers in [["0", "1", "1"], ["0", "0", "0"], ["1", "0", "0"]] {
        take(&app, &teacher, &answers, &[]).await;
    }
    assert_eq!(attempts(&app, DemoUser::Teacher.email()).len(), 3);
    let page = app.page(&teacher, "/staff-development/quiz").await;
    assert!(
        page.contains("Your best this week: 3 out of 3 (3 attempts)."),
        "{page}"
    );
}

#[actix_web::test]
async fn the_steps_show_one_question_at_a_time_and_carry_the_answers() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let html = app.page(&teacher, "/staff-development/quiz").await;
    let token = csrf_token(&html).expect("a token");
    let step = app
        .post_form(
            &teacher,
            "/staff-development/quiz/step",
            &[("csrf_token", &token), ("a0", "0")],
        )
        .await;
    assert_eq!(step.status(), 200);
    let fragment = step.text().await.unwrap_or_default();
    assert!(fragment.contains("Question 2 of 3"), "{fragment}");
    assert!(fragment.contains(r#"name="a0" value="0""#));
    assert!(!fragment.contains("Question 3 of 3"));
    assert!(fragment.contains(r#"hx-post="/staff-development/quiz/step""#));
}

/// The display name of a demo account, as the completion list shows it.
fn name_of(app: &TestApp, email: &str) -> String {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }
    let found: Name = diesel::sql_query(
        "SELECT concat_ws(' ', s.first_name, s.last_name) AS name FROM staff s \
         JOIN users u ON u.id = s.user_id WHERE u.email = $1 AND s.deleted_at IS NULL",
    )
    .bind::<Text, _>(email)
    .get_result(&mut app.conn())
    .expect("the staff record");
    found.name
}

/// How many quiz reminders reached `user`'s inbox.
fn reminders(app: &TestApp, user: Uuid) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let found: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM messages m JOIN message_recipients r ON r.message_id = m.id \
         WHERE r.user_id = $1 AND m.subject = 'This week''s safety quiz is waiting for you'",
    )
    .bind::<SqlUuid, _>(user)
    .get_result(&mut app.conn())
    .expect("the reminders");
    found.n
}

#[actix_web::test]
async fn the_completion_list_names_who_has_not_taken_it_and_the_reminder_reaches_each_once() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let teacher_name = name_of(&app, DemoUser::Teacher.email());
    let page = app
        .page(&director, "/staff-development/quiz/completion")
        .await;
    assert!(page.contains("Safety quiz completion"));
    assert!(
        page.contains(&teacher_name),
        "the teacher has not taken it: {page}"
    );
    assert!(page.contains("Mean best score"));

    let teacher = app.signed_in(DemoUser::Teacher).await;
    take(&app, &teacher, &["0", "0", "0"], &[]).await;
    let page = app
        .page(&director, "/staff-development/quiz/completion")
        .await;
    assert!(!page.contains(&teacher_name), "the teacher took it");

    // Every campus's reminder, once: each person who has not taken it gets one notice.
    let mut conn = app.conn();
    #[derive(QueryableByName)]
    struct Missing {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
        #[diesel(sql_type = diesel::sql_types::Nullable<SqlUuid>)]
        campus_id: Option<Uuid>,
    }
    let week = homeroom::staffdev::quiz::rules::week_of(homeroom::clock::today(chrono_tz::UTC))
        .to_string();
    let missing: Vec<Missing> = diesel::sql_query(
        "SELECT u.id, s.campus_id FROM staff s JOIN users u ON u.id = s.user_id \
         JOIN organizations o ON o.id = s.organization_id \
         WHERE o.name = 'Northwind Academy' AND s.deleted_at IS NULL AND u.deleted_at IS NULL \
           AND NOT u.disabled AND NOT EXISTS (SELECT 1 FROM safety_quiz_results q \
             WHERE q.user_id = u.id AND q.week_of = $1 AND q.deleted_at IS NULL)",
    )
    .bind::<Text, _>(&week)
    .load(&mut conn)
    .expect("who has not taken it");
    assert!(!missing.is_empty());
    let campuses: std::collections::BTreeSet<Option<Uuid>> =
        missing.iter().map(|m| m.campus_id).collect();
    let html = app
        .page(&director, "/staff-development/quiz/completion")
        .await;
    let token = csrf_token(&html).expect("a token");
    for campus in &campuses {
        let campus = campus.map(|c| c.to_string()).unwrap_or_default();
        let response = app
            .post_form(
                &director,
                "/staff-development/quiz/completion/remind",
                &[("csrf_token", &token), ("week", &week), ("campus", &campus)],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    for m in &missing {
        assert_eq!(reminders(&app, m.id), 1, "one reminder each");
    }
    let teacher_id = user_id(&mut conn, DemoUser::Teacher.email());
    assert_eq!(
        reminders(&app, teacher_id),
        0,
        "who took it is not reminded"
    );
}

#[actix_web::test]
async fn a_teacher_cannot_see_completion() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let response = app
        .get(&teacher, "/staff-development/quiz/completion")
        .await;
    assert_eq!(response.status(), 403);
}

/// The stored bank, as JSON.
fn stored_bank(app: &TestApp) -> serde_json::Value {
    content_catalog::table
        .filter(content_catalog::content_type.eq("safety_quizzes"))
        .filter(content_catalog::deleted_at.is_null())
        .select(content_catalog::payload)
        .first(&mut app.conn())
        .expect("the demo bank")
}

#[actix_web::test]
async fn an_invalid_quiz_is_refused_in_the_editor_with_the_fields_message() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let before = stored_bank(&app);
    let page = app
        .page(&root, "/staff-development/content/safety-quizzes")
        .await;
    assert!(page.contains("Fire evacuation"));
    let editor = format!("/staff-development/content/safety-quizzes/{THIS_WEEK}");
    let form = app.page(&root, &editor).await;
    assert!(form.contains("Playground and trips"));
    assert!(!form.contains("payload"), "no raw JSON");
    let response = app
        .submit(
            &root,
            &editor,
            &editor,
            &[
                ("title", "Playground and trips"),
                ("week", "49"),
                ("questions", "2"),
                ("q0.prompt", "Who watches the gate?"),
                ("q0.options", "1"),
                ("q0.o0", "The adult on the rota"),
                ("q0.correct", "0"),
                ("q0.explanation", "The rota says who."),
                ("q1.prompt", "Before a trip you check…"),
                ("q1.options", "2"),
                ("q1.o0", "The register"),
                ("q1.o1", "The weather"),
                ("q1.correct", "0"),
                ("q1.correct", "1"),
                ("q1.explanation", "The register first."),
                ("do", "save"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap_or_default();
    assert!(
        html.contains(r#"id="q0-options-error">A question needs at least two options."#),
        "{html}"
    );
    assert!(html.contains(r#"id="q1-options-error">Mark only one option as right."#));
    assert!(
        html.contains("Who watches the gate?"),
        "the form keeps what was typed"
    );
    assert_eq!(stored_bank(&app), before, "nothing stored");
}

#[actix_web::test]
async fn a_super_administrator_adds_a_question_row_and_saves_the_quiz() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let editor = "/staff-development/content/safety-quizzes/quiz-new-one";
    let mut fields = vec![
        ("title", "Visitors"),
        ("week", "2"),
        ("questions", "1"),
        ("q0.prompt", "A visitor has no badge. You…"),
        ("q0.options", "2"),
        ("q0.o0", "Walk them to reception"),
        ("q0.o1", "Let them carry on"),
        ("q0.correct", "0"),
        ("q0.explanation", "Every visitor signs in at reception."),
    ];
    let mut with_row = fields.clone();
    with_row.push(("do", "add-option:0"));
    let response = app.submit(&root, editor, editor, &with_row).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap_or_default();
    assert!(html.contains(r#"name="q0.o2""#), "a third option row");
    fields.push(("do", "save"));
    let response = app.submit(&root, editor, editor, &fields).await;
    assert_eq!(response.status(), 303);
    let bank = stored_bank(&app);
    let quizzes = bank["quizzes"].as_array().cloned().unwrap_or_default();
    let added = quizzes
        .iter()
        .find(|q| q["id"] == "quiz-new-one")
        .expect("the new quiz");
    assert_eq!(added["title"], "Visitors");
    assert_eq!(added["questions"][0]["options"][0]["correct"], true);
}

#[actix_web::test]
async fn only_a_super_administrator_edits_the_catalog() {
    let app = spawn_app().await;
    let before = stored_bank(&app);
    for who in [DemoUser::Admin, DemoUser::Director, DemoUser::Teacher] {
        let client = app.signed_in(who).await;
        for path in [
            "/staff-development/content/safety-quizzes",
            "/staff-development/content/personality",
        ] {
            assert_eq!(app.get(&client, path).await.status(), 403, "{who:?} {path}");
        }
        let html = app.page(&client, "/staff-development/quiz").await;
        let token = csrf_token(&html).expect("a token");
        let response = app
            .post_form(
                &client,
                "/staff-development/content/safety-quizzes/demo-safety-1",
                &[
                    ("csrf_token", &token),
                    ("title", "Taken over"),
                    ("questions", "0"),
                    ("do", "save"),
                ],
            )
            .await;
        assert_eq!(response.status(), 403, "{who:?}");
    }
    assert_eq!(stored_bank(&app), before);
}

#[actix_web::test]
async fn a_module_switched_off_hides_its_pages_and_menu_entries() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let today = app.page(&teacher, "/today").await;
    assert!(today.contains(r#"href="/staff-development/quiz""#));
    assert!(today.contains(r#"href="/staff-development/personality""#));

    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app
        .submit(
            &admin,
            "/settings",
            "/settings/staff-development",
            &[("frame", "on"), ("zones", "on"), ("signs", "on")],
        )
        .await;
    assert_eq!(response.status(), 303);

    let today = app.page(&teacher, "/today").await;
    assert!(!today.contains(r#"href="/staff-development/quiz""#));
    assert!(!today.contains(r#"href="/staff-development/personality""#));
    for path in ["/staff-development/quiz", "/staff-development/personality"] {
        assert_eq!(app.get(&teacher, path).await.status(), 404, "{path}");
    }
    let director = app.signed_in(DemoUser::Director).await;
    let response = app
        .get(&director, "/staff-development/quiz/completion")
        .await;
    assert_eq!(response.status(), 404);
}

#[actix_web::test]
async fn the_quiz_and_its_completion_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    set_user_language(&app, DemoUser::Director.email(), Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app.page(&teacher, "/staff-development/quiz").await;
    assert!(
        page.contains("Cuestionario de seguridad de esta semana"),
        "{page}"
    );
    assert!(page.contains("Pregunta 1 de 3"));
    let response = take(&app, &teacher, &["0", "0", "1"], &[]).await;
    let location = response.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    let result = app.page(&teacher, &location).await;
    assert!(result.contains("Has acertado 2 de 3."), "{result}");
    let director = app.signed_in(DemoUser::Director).await;
    let page = app
        .page(&director, "/staff-development/quiz/completion")
        .await;
    assert!(page.contains("Participación en el cuestionario de seguridad"));
    assert!(page.contains("Mejor puntuación media"));
}

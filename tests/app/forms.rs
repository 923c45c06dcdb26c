//! Forms that never lose or double work: a resubmitted new-record form creates one
//! record and shows it, and a form sent after the session ended comes back filled
//! once its user has signed in again.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use fantoccini::Locator;

use crate::attendance::browser::{banner, tap, until_saved};
use crate::attendance::{records, teachers_roll};
use crate::browser::{
    TABLET, browser, open, screenshot, sign_in, sign_in_with_the_form, start_driver,
};

use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, count, spawn_app, user_id};
use crate::resources::{form_fields, form_fields_in, id_of};
use crate::walkthroughs::{find_lesson, visit_fields};

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

/// The new-student form as the browser would send it, filled in for one child.
async fn new_student_form(
    app: &TestApp,
    client: &reqwest::Client,
    number: &str,
) -> Vec<(String, String)> {
    let campus = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM campuses WHERE organization_id = {NW} ORDER BY created_at, id LIMIT 1"
        ),
    );
    let mut fields = form_fields(app, client, "/students/new", "/students").await;
    let typed = [
        ("student_number", number),
        ("first_name", "Zephyrine"),
        ("last_name", "Okonkwo"),
        ("gender", "female"),
        ("date_of_birth", "2014-03-09"),
        ("campus_id", campus.as_str()),
        ("enrollment_date", "2026-09-01"),
        ("status", "applicant"),
    ];
    for (name, value) in typed {
        fields.retain(|(k, _)| k != name);
        fields.push((name.to_owned(), value.to_owned()));
    }
    fields
}

/// Owned fields as the pairs `post_form` sends.
fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn students_numbered(app: &TestApp, number: &str) -> i64 {
    count(
        &mut app.conn(),
        &format!("students WHERE student_number = '{number}'"),
    )
}

#[actix_web::test]
async fn back_button_resubmit_creates_one_student() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let form = new_student_form(&app, &office, "T-91001").await;

    let first = app.post_form(&office, "/students", &pairs(&form)).await;
    assert_eq!(first.status(), 303);
    let record = location(&first);
    assert!(record.starts_with("/students/"), "to the student: {record}");

    // Back, then Save again: the same form, with the same token.
    let again = app.post_form(&office, "/students", &pairs(&form)).await;
    assert_eq!(again.status(), 303);
    assert_eq!(
        location(&again),
        record,
        "to the student saved the first time"
    );
    assert_eq!(students_numbered(&app, "T-91001"), 1, "one student row");
    let page = app.page(&office, &record).await;
    assert!(
        page.contains("Already saved"),
        "the page says why nothing new was added"
    );
    assert!(page.contains("Zephyrine"));
}

#[actix_web::test]
async fn a_form_sent_back_with_messages_still_creates_once() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let mut form = new_student_form(&app, &office, "T-91002").await;
    form.retain(|(k, _)| k != "last_name");
    let refused = app.post_form(&office, "/students", &pairs(&form)).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the form again");
    let token = form_token(&html);
    assert_eq!(
        Some(token.as_str()),
        form.iter()
            .find(|(k, _)| k == "form_token")
            .map(|(_, v)| v.as_str()),
        "the form comes back with the token it was sent with"
    );
    form.push(("last_name".to_owned(), "Okonkwo".to_owned()));
    let saved = app.post_form(&office, "/students", &pairs(&form)).await;
    assert_eq!(saved.status(), 303);
    let twice = app.post_form(&office, "/students", &pairs(&form)).await;
    assert_eq!(location(&twice), location(&saved));
    assert_eq!(students_numbered(&app, "T-91002"), 1);
}

#[actix_web::test]
async fn two_saves_sent_at_once_with_one_token_create_one_student() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    // Three different children: one with the name and birthday of another is warned about.
    for (round, first_name) in ["Zephyrine", "Ottoline", "Wilhelmina"].iter().enumerate() {
        let number = format!("T-9110{round}");
        let mut form = new_student_form(&app, &office, &number).await;
        form.retain(|(k, _)| k != "first_name");
        form.push(("first_name".to_owned(), (*first_name).to_owned()));
        let sent = pairs(&form);
        let (a, b) = tokio::join!(
            app.post_form(&office, "/students", &sent),
            app.post_form(&office, "/students", &sent)
        );
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
        assert_eq!(location(&a), location(&b), "both show the one student");
        assert_eq!(students_numbered(&app, &number), 1, "round {round}");
    }
}

fn form_token(html: &str) -> String {
    let at = html
        .find("name=\"form_token\" value=\"")
        .expect("a form token");
    let rest = &html[at + "name=\"form_token\" value=\"".len()..];
    rest[..rest.find('"').expect("closing quote")].to_owned()
}

/// Ends the user's sessions the way time does: they expire.
fn expire_sessions(app: &TestApp, who: DemoUser) {
    let user = user_id(&mut app.conn(), who.email());
    diesel::sql_query(
        "UPDATE auth_refresh_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(user)
    .execute(&mut app.conn())
    .expect("expire the sessions");
}

/// The office fills in a new student, their session expires, and they press Save.
async fn save_after_expiry(app: &TestApp, number: &str) -> (reqwest::Client, reqwest::Response) {
    let office = app.signed_in(DemoUser::Office).await;
    let form = new_student_form(app, &office, number).await;
    expire_sessions(app, DemoUser::Office);
    let response = app.post_form(&office, "/students", &pairs(&form)).await;
    (office, response)
}

/// The `next` of a redirect to sign-in.
fn next_of(login: &str) -> String {
    let url = url::Url::parse(&format!("http://x{login}")).expect("a sign-in address");
    assert_eq!(url.path(), "/login", "to sign-in: {login}");
    url.query_pairs()
        .find(|(k, _)| k == "next")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("sign-in with a next: {login}"))
}

/// Signs in through the sign-in page the redirect named; returns where sign-in sends.
async fn sign_in_at(app: &TestApp, client: &reqwest::Client, login: &str, who: DemoUser) -> String {
    let next = next_of(login);
    let response = app
        .submit(
            client,
            login,
            "/login",
            &[
                ("email", who.email()),
                ("password", DEMO_PASSWORD),
                ("next", &next),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    location(&response)
}

#[actix_web::test]
async fn a_save_after_session_expiry_returns_to_the_form_with_the_typed_values_after_signing_in() {
    let app = spawn_app().await;
    let (office, refused) = save_after_expiry(&app, "T-91201").await;
    assert_eq!(refused.status(), 303);
    assert_eq!(students_numbered(&app, "T-91201"), 0, "nothing saved yet");
    let login = location(&refused);
    let page = app.page(&office, &login).await;
    assert!(
        page.contains(
            "Your session ended — sign in again and your form will come back as you left it"
        ),
        "the sign-in page says why"
    );
    let back = sign_in_at(&app, &office, &login, DemoUser::Office).await;
    assert!(
        back.starts_with("/students/new?restore="),
        "to the form: {back}"
    );

    let html = app.page(&office, &back).await;
    assert!(html.contains("Restored what you typed; check it and save"));
    for typed in [
        "value=\"T-91201\"",
        "value=\"Zephyrine\"",
        "value=\"2014-03-09\"",
    ] {
        assert!(html.contains(typed), "the form shows {typed}");
    }
    let again = form_fields(&app, &office, &back, "/students").await;
    assert!(
        again.iter().all(|(k, v)| k != "first_name" || v.is_empty()),
        "a stash comes back once"
    );

    // Saved from the restored form, twice: one student.
    let restored = form_fields_in(&html, "/students").expect("the restored form");
    let saved = app.post_form(&office, "/students", &pairs(&restored)).await;
    assert_eq!(saved.status(), 303, "saved");
    let resent = app.post_form(&office, "/students", &pairs(&restored)).await;
    assert_eq!(location(&resent), location(&saved));
    assert_eq!(students_numbered(&app, "T-91201"), 1, "one student row");
}

#[actix_web::test]
async fn a_form_with_a_control_character_sent_after_its_session_ended_is_refused_and_not_kept() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let mut form = new_student_form(&app, &office, "T-91401").await;
    form.retain(|(k, _)| k != "first_name");
    form.push(("first_name".to_owned(), "Zeph\u{0}yrine".to_owned()));
    expire_sessions(&app, DemoUser::Office);
    let response = app.post_form(&office, "/students", &pairs(&form)).await;
    assert_eq!(response.status(), 400, "read as every form is read");
    let page = response.text().await.expect("the error page");
    assert!(page.contains("control characters"), "{page}");
    assert_eq!(count(&mut app.conn(), "form_stashes"), 0, "nothing kept");
    assert_eq!(students_numbered(&app, "T-91401"), 0, "nothing saved");
}

#[actix_web::test]
async fn a_kept_form_comes_back_only_to_the_user_who_typed_it() {
    let app = spawn_app().await;
    let (office, refused) = save_after_expiry(&app, "T-91301").await;
    let login = location(&refused);

    // Someone else signs in with the same link.
    let stranger = app.client();
    let back = sign_in_at(&app, &stranger, &login, DemoUser::Admin).await;
    let html = app.page(&stranger, &back).await;
    assert!(html.contains("could not be brought back"), "{html}");
    assert!(
        !html.contains("Zephyrine"),
        "another user's input stays hidden"
    );

    // A garbage or unknown restore id opens the form empty, never an error.
    for id in ["garbage", "00000000-0000-0000-0000-000000000000", "%00%FF"] {
        let response = app
            .get(&stranger, &format!("/students/new?restore={id}"))
            .await;
        assert_eq!(response.status(), 200, "restore={id}");
        let html = response.text().await.expect("the form");
        assert!(html.contains("could not be brought back"));
    }

    // The user who typed it still gets it back.
    let back = sign_in_at(&app, &office, &login, DemoUser::Office).await;
    let html = app.page(&office, &back).await;
    assert!(
        html.contains("value=\"Zephyrine\""),
        "the typist gets it back"
    );
}

#[actix_web::test]
async fn a_walkthrough_saved_after_the_session_ended_comes_back_and_is_recorded_once() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let page = app.page(&director, "/walkthroughs/new").await;
    let mut form: Vec<(String, String)> = form_fields_in(&page, "/walkthroughs")
        .expect("the walkthrough form")
        .into_iter()
        .filter(|(k, _)| ["csrf_token", "form_page", "form_token"].contains(&k.as_str()))
        .collect();
    form.extend(visit_fields(&lesson, "4"));
    expire_sessions(&app, DemoUser::Director);
    let visits = || count(&mut app.conn(), "walkthrough_checkins");
    let before = visits();

    let refused = app
        .post_form(&director, "/walkthroughs", &pairs(&form))
        .await;
    assert_eq!(refused.status(), 303);
    assert_eq!(visits(), before, "nothing saved yet");
    let back = sign_in_at(&app, &director, &location(&refused), DemoUser::Director).await;
    assert!(back.starts_with("/walkthroughs/new?restore="), "{back}");
    let html = app.page(&director, &back).await;
    assert!(html.contains("Restored what you typed; check it and save"));
    let room = form.iter().find(|(k, _)| k == "classroom").expect("a room");
    assert!(html.contains(&format!("value=\"{}\"", room.1)));
    assert!(html.contains("Calm start, clear goals."));

    let restored = form_fields_in(&html, "/walkthroughs").expect("the restored form");
    let saved = app
        .post_form(&director, "/walkthroughs", &pairs(&restored))
        .await;
    assert_eq!(saved.status(), 303, "saved");
    let resent = app
        .post_form(&director, "/walkthroughs", &pairs(&restored))
        .await;
    let visit = location(&saved);
    assert!(
        visit.starts_with(&location(&resent)),
        "{visit} is shown again"
    );
    assert_eq!(visits(), before + 1, "one visit recorded");
}

#[actix_web::test]
async fn a_roll_mark_made_after_the_session_ended_waits_and_is_sent_after_signing_in() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let driver = start_driver();
    let client = browser(&driver, TABLET).await;
    let teacher = DemoUser::Teacher.email();
    sign_in(&client, &app.url("/login"), teacher, ".roll-cards, .empty").await;
    open(&client, &app.url(&roll.path), ".roll-row").await;
    tap(&client, 1, ".mark-absent span").await;
    until_saved(&client).await;

    expire_sessions(&app, DemoUser::Teacher);
    tap(&client, 2, ".mark-absent span").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !banner(&client).await.starts_with("Your session ended") {
        assert!(
            Instant::now() < deadline,
            "banner: {:?}",
            banner(&client).await
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&client, "roll-signed-out-tablet").await;
    let waiting = records(&app, &roll);
    assert_eq!(waiting.len(), 1, "the second mark waits on the tablet");

    client
        .find(Locator::Css("[data-roll-banner] a"))
        .await
        .expect("a link to sign in")
        .click()
        .await
        .expect("follow it");
    client
        .wait()
        .for_element(Locator::Css("#email"))
        .await
        .expect("the sign-in page");
    sign_in_with_the_form(&client, teacher).await;
    client
        .wait()
        .for_element(Locator::Css(".roll-row"))
        .await
        .expect("back on the roll");
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), roll.path, "sign-in returns to the roll");
    until_saved(&client).await;
    let stored = records(&app, &roll);
    assert_eq!(stored.len(), 2, "the waiting mark was sent");
    assert!(
        stored
            .iter()
            .any(|r| r.student_id == roll.students[1] && r.status == "absent")
    );
    client.close().await.expect("close the browser");
}

//! Text as people and their devices send it: a NUL byte or another control
//! character never reaches the database, Unicode is stored composed (NFC), and
//! names and file names cannot carry characters that reverse the direction of text.

use diesel::prelude::*;
use serde_json::json;

use crate::attendance::{form_fields, post_marks, post_roll, records, teachers_roll};
use crate::common::{DemoUser, TestApp, count, csrf_token, expect_page, spawn_app};
use crate::files::{a_student, png, upload};

#[derive(QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    text: String,
}

fn text_of(app: &TestApp, sql: &str) -> String {
    diesel::sql_query(sql)
        .get_result::<Text>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .text
}

/// The new-student form as the browser sends it, with one field changed.
async fn student_form(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    value: &str,
) -> reqwest::Response {
    let campus = text_of(
        app,
        "SELECT id::text AS text FROM campuses WHERE organization_id = \
         (SELECT id FROM organizations WHERE name = 'Northwind Academy') ORDER BY name LIMIT 1",
    );
    let mut fields = vec![
        ("student_number", "T-4242".to_owned()),
        ("first_name", "Ines".to_owned()),
        ("last_name", "Okafor".to_owned()),
        ("campus_id", campus),
        ("status", "applicant".to_owned()),
    ];
    fields.retain(|(k, _)| *k != name);
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.push((name, value));
    app.submit(client, "/students/new", "/students", &all).await
}

#[actix_web::test]
async fn a_nul_in_a_relation_field_comes_back_as_a_message_on_the_form() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let before = count(&mut app.conn(), "guardians");
    for (field, value) in [
        ("student_id", "Ana\0"),
        ("student_id__q", "\0"),
        ("full_name", "Bea\0trix"),
    ] {
        let mut fields = vec![
            ("full_name", "Beatrix Quince"),
            ("relationship", "mother"),
            ("student_id", ""),
        ];
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let response = app
            .submit(&admin, "/guardians/new", "/guardians", &fields)
            .await;
        let html = expect_page(response, 422, "contains characters that cannot be stored").await;
        assert!(
            html.contains("Nothing was saved yet"),
            "{field}: the form comes back"
        );
    }
    assert_eq!(
        count(&mut app.conn(), "guardians"),
        before,
        "nothing stored"
    );
}

#[actix_web::test]
async fn a_nul_in_a_search_is_dropped_and_the_list_still_answers() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (_, last_name) = a_student(&app, "Northwind Academy");
    let html = expect_page(
        app.get(&admin, &format!("/students?q={last_name}%00"))
            .await,
        200,
        &last_name,
    )
    .await;
    assert!(
        html.contains(&format!("value=\"{last_name}\"")),
        "the search box shows what was searched, without the NUL"
    );
    for path in [
        "/students/export.csv?q=%00",
        "/students/trash?q=%00",
        "/students/options?q=%00",
        "/campuses/options?campus_id__q=North%00",
        "/admin/users?q=%00",
        "/guardians?q=%01%1F%7F",
    ] {
        assert_eq!(app.get(&admin, path).await.status(), 200, "{path}");
    }
}

#[actix_web::test]
async fn a_nul_in_a_roll_remark_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let student = roll.students[0];

    let response = post_marks(
        &app,
        &teacher,
        &roll,
        &json!({"date": roll.date.to_string(), "sent_at": 0, "marks": [
            {"id": "m1", "student_id": student, "status": "late", "remarks": "bus\u{0}late", "marked_at": 0}
        ]}),
    )
    .await;
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("json");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("cannot be stored")),
        "{body}"
    );

    let mut fields = form_fields(&roll, &[(student, "late", None)]);
    fields.push((format!("remarks-{student}"), "bus\u{0}late".to_owned()));
    let response = post_roll(&app, &teacher, &roll, &fields).await;
    expect_page(response, 400, "cannot be stored").await;
    assert!(records(&app, &roll).is_empty(), "nothing was stored");
}

#[actix_web::test]
async fn a_nul_in_a_csv_cell_is_shown_on_its_row_and_nothing_is_imported() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let before = count(&mut app.conn(), "guardians");
    let csv = "full_name,student_id,relationship\nNia Quince,Ana\0,mother\n";
    let form = app.page(&admin, "/guardians/import").await;
    let token = csrf_token(&form).expect("token");
    let boundary = "----homeroom-input-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"guardians.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let response = admin
        .post(app.url(&format!("/guardians/import?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("upload");
    let response = crate::resources::csv::preview_of(&app, &admin, response).await;
    let html = expect_page(response, 200, "Student: Student contains characters").await;
    assert!(html.contains("<strong>Line 2</strong>"), "the row is named");
    assert_eq!(count(&mut app.conn(), "guardians"), before);
}

#[actix_web::test]
async fn names_typed_with_combining_accents_are_stored_composed() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    // "Zoé" typed as Z, o, e and a combining acute accent.
    let response = student_form(&app, &admin, "first_name", "Zoe\u{301}").await;
    assert_eq!(response.status(), 303);
    let stored = text_of(
        &app,
        "SELECT first_name AS text FROM students WHERE student_number = 'T-4242'",
    );
    assert_eq!(stored, "Zo\u{e9}", "one composed character");
    // A search typed the other way finds the same student.
    let html = app.page(&admin, "/students?q=Zoe%CC%81").await;
    assert!(html.contains("Okafor"));
}

#[actix_web::test]
async fn a_name_that_reverses_the_direction_of_text_is_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    for sneaky in ["Ana\u{202E}lirpa", "\u{2066}Ana\u{2069}"] {
        let response = student_form(&app, &admin, "last_name", sneaky).await;
        expect_page(
            response,
            422,
            "Last name cannot contain characters that change the direction of text.",
        )
        .await;
    }
    assert_eq!(
        text_of(
            &app,
            "SELECT count(*)::text AS text FROM students WHERE student_number = 'T-4242'"
        ),
        "0"
    );
}

#[actix_web::test]
async fn a_file_name_that_disguises_its_type_is_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let before = count(&mut app.conn(), "file");
    // Shown as "photoexe.png" but ends in ".exe" once the override is undone.
    let response = upload(
        &app,
        &admin,
        "students",
        student,
        "photo\u{202E}gnp.exe",
        &png(8, 8),
    )
    .await;
    expect_page(
        response,
        422,
        "The file name has characters that change the direction of text",
    )
    .await;
    assert_eq!(count(&mut app.conn(), "file"), before);
}

//! No student data in the logs: with a broad walk through the pages that show
//! students (as an administrator and as a teacher), including a search for a
//! student's name, a refused form, a page not found and a stored file gone
//! missing, the log every server of this test run wrote (see `common::logs`) names
//! no demo student and holds no guardian's e-mail address.

use diesel::prelude::*;
use diesel::sql_types::Text;
use homeroom::db::schema::file;
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, logs, spawn_app};

#[derive(QueryableByName)]
struct Personal {
    #[diesel(sql_type = Text)]
    value: String,
}

/// Every demo student's full name and every e-mail address of a student or guardian.
fn personal_data(app: &TestApp) -> Vec<String> {
    diesel::sql_query(
        "SELECT first_name || ' ' || last_name AS value FROM students \
         UNION SELECT email FROM students WHERE email LIKE '%@%' \
         UNION SELECT email FROM guardians WHERE email LIKE '%@%' \
         UNION SELECT email FROM guardian_people WHERE email LIKE '%@%'",
    )
    .load::<Personal>(&mut app.conn())
    .expect("the demo's personal data")
    .into_iter()
    .map(|p| p.value)
    .collect()
}

async fn visit(app: &TestApp, client: &reqwest::Client, path: &str) {
    // What the page says does not matter here, only what the server logged.
    let _ = app.get(client, path).await.bytes().await;
}

#[actix_web::test]
async fn the_server_log_names_no_student_and_holds_no_guardian_address() {
    let app = spawn_app().await;
    let roll = crate::attendance::teachers_roll(&app);
    let student = roll.students[0];
    let name: (String, String) = homeroom::db::schema::students::table
        .find(student)
        .select((
            homeroom::db::schema::students::first_name,
            homeroom::db::schema::students::last_name,
        ))
        .first(&mut app.conn())
        .expect("the student");
    let full_name = format!("{} {}", name.0, name.1);
    let book = crate::gradebook::teachers_book(&app);

    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let profile = format!("/students/{student}/profile");
    for client in [&admin, &teacher] {
        visit(&app, client, &profile).await;
        for tab in [
            "attendance",
            "results",
            "invoices",
            "documents",
            "history",
            "seen",
        ] {
            visit(&app, client, &format!("{profile}?tab={tab}")).await;
        }
        for path in [
            format!("/students/{student}"),
            format!("/attendance/students/{student}"),
            format!("/search?q={}", name.1),
            format!("/students?q={}", name.0),
            roll.path.clone(),
            format!("/gradebook/{}", book.id),
            format!("/attendance/classes/{}/export.csv", roll.class_id),
            format!("/students/{}/profile?q={}", Uuid::new_v4(), name.1),
            format!("/no-such-page?who={}", name.1),
        ] {
            visit(&app, client, &path).await;
        }
    }
    for path in [
        format!("/students/{student}/edit"),
        format!("/finance/desk/students/{student}"),
        format!("/finance/statements/students/{student}"),
        "/students/export.csv".to_owned(),
        "/guardians/export.csv".to_owned(),
        "/guardian-people/export.csv".to_owned(),
    ] {
        visit(&app, &admin, &path).await;
    }

    // A form refused: the student's name typed with a birthday that is not a date.
    let response = app
        .submit(
            &admin,
            &format!("/students/{student}/edit"),
            &format!("/students/{student}"),
            &[
                ("first_name", name.0.as_str()),
                ("last_name", name.1.as_str()),
                ("date_of_birth", "the day before yesterday"),
            ],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());

    // A student's document named after them, gone from the disk when asked for.
    let png = crate::files::png(20, 20);
    let response = crate::files::upload(
        &app,
        &admin,
        "students",
        student,
        &format!("{full_name} consent.png"),
        &png,
    )
    .await;
    assert_eq!(response.status(), 303);
    let (stored, key): (Uuid, Option<String>) = file::table
        .filter(file::belongs_to_id.eq(student))
        .order(file::created_at.desc())
        .select((file::id, file::storage_key))
        .first(&mut app.conn())
        .expect("the stored document");
    let key = key.expect("kept on disk");
    std::fs::remove_file(app.data_dir.join("files").join(&key)).expect("take the file away");
    let response = app.get(&admin, &format!("/files/{stored}")).await;
    assert_eq!(response.status(), 404);

    let log = logs::text();
    assert!(
        log.contains("/students/{id}/profile"),
        "the servers' log is captured"
    );
    let found: Vec<String> = personal_data(&app)
        .into_iter()
        .filter(|value| log.contains(value.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "the log holds student data: {found:?}\n{}",
        log.lines()
            .filter(|line| found.iter().any(|f| line.contains(f.as_str())))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

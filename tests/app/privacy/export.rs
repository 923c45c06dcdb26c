//! "Download everything held on this student": the ZIP an administrator starts from
//! the profile holds every row of every table that references the student (the
//! tables found from the database's own foreign keys, so a table added later fails
//! here until the export covers it), the student's files, documents, messages to
//! their family and the audit trail, and nothing of another student's. Making it
//! and downloading it are recorded in the access log; only holders of the
//! permission in the school reach it, and it is deleted after a day.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use diesel::prelude::*;
use diesel::sql_types::{Array, Text};
use uuid::Uuid;

use super::{Logged, wait_for_view};
use crate::common::fixtures::{MessageBuilder, MessageRecipientBuilder};
use crate::common::{DemoUser, TestApp, organization_id, spawn_app, user_id};
use crate::languages::escaped;

#[derive(QueryableByName)]
struct Reference {
    #[diesel(sql_type = Text)]
    child: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    parent: String,
}

/// The schema's foreign keys onto `id` columns, as information_schema lists them.
fn references(conn: &mut PgConnection) -> Vec<Reference> {
    diesel::sql_query(
        "SELECT kcu.table_name::text AS child, kcu.column_name::text AS column_name,
                ccu.table_name::text AS parent
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_schema = tc.constraint_schema
          AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_schema = tc.constraint_schema
          AND ccu.constraint_name = tc.constraint_name
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'
           AND ccu.column_name = 'id'",
    )
    .load(conn)
    .expect("the foreign keys")
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Every table that references students, directly or through rows that do, with
/// the ids of its rows about `student`: the student's own row, then the rows
/// holding one of those ids, until nothing new is found. Another student's row is
/// never followed.
fn rows_about(conn: &mut PgConnection, student: Uuid) -> BTreeMap<String, BTreeSet<String>> {
    let references = references(conn);
    let mut held: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    held.insert("students".to_owned(), BTreeSet::from([student.to_string()]));
    loop {
        let mut grew = false;
        for r in &references {
            if r.child == "students" || !held.contains_key(&r.parent) {
                continue;
            }
            let parents: Vec<String> = held[&r.parent].iter().cloned().collect();
            let found: Vec<Id> = diesel::sql_query(format!(
                "SELECT id::text AS id FROM \"{}\" WHERE \"{}\"::text = ANY($1)",
                r.child, r.column_name
            ))
            .bind::<Array<Text>, _>(parents)
            .load(conn)
            .expect("rows holding a found id");
            let ids = held.entry(r.child.clone()).or_insert_with(|| {
                grew = true;
                BTreeSet::new()
            });
            for row in found {
                grew |= ids.insert(row.id);
            }
        }
        if !grew {
            return held;
        }
    }
}

/// A Northwind student with a payment on an invoice, and a guardian with an
/// address; and another with none of the first one's guardians.
fn two_unrelated_students(app: &TestApp) -> ((Uuid, String), (Uuid, String)) {
    #[derive(QueryableByName)]
    struct Named {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
        #[diesel(sql_type = Text)]
        name: String,
    }
    let mut conn = app.conn();
    let org = organization_id(&mut conn, "Northwind Academy");
    let first: Named = diesel::sql_query(
        "SELECT s.id, s.first_name || ' ' || s.last_name AS name FROM students s
         WHERE s.organization_id = $1 AND s.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM invoices i JOIN payments p ON p.invoice_id = i.id
                       WHERE i.student_id = s.id)
           AND EXISTS (SELECT 1 FROM guardians g WHERE g.student_id = s.id AND g.email LIKE '%@%')
           AND EXISTS (SELECT 1 FROM attendance_records a WHERE a.student_id = s.id)
         ORDER BY s.last_name, s.first_name LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .get_result(&mut conn)
    .expect("a demo student with a payment, a guardian and attendance");
    let other: Named = diesel::sql_query(
        "SELECT s.id, s.first_name || ' ' || s.last_name AS name FROM students s
         WHERE s.organization_id = $1 AND s.deleted_at IS NULL AND s.id <> $2
           AND s.last_name <> (SELECT last_name FROM students WHERE id = $2)
           AND NOT EXISTS (
               SELECT 1 FROM guardians g JOIN guardians mine ON mine.student_id = $2
               WHERE g.student_id = s.id
                 AND (g.person_id = mine.person_id OR lower(g.email) = lower(mine.email)))
         ORDER BY s.last_name DESC, s.first_name DESC LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .bind::<diesel::sql_types::Uuid, _>(first.id)
    .get_result(&mut conn)
    .expect("another demo student of another family");
    ((first.id, first.name), (other.id, other.name))
}

/// The ids of the access log's rows about `student`.
fn access_rows(app: &TestApp, student: Uuid) -> BTreeSet<String> {
    use homeroom::db::schema::access_log;
    access_log::table
        .filter(access_log::student_id.eq(student))
        .select(access_log::id)
        .load::<Uuid>(&mut app.conn())
        .expect("the access log")
        .iter()
        .map(Uuid::to_string)
        .collect()
}

/// Starts the export from the profile, as its button does; the export's page.
async fn start_export(app: &TestApp, client: &reqwest::Client, student: Uuid) -> String {
    let profile = format!("/students/{student}/profile");
    let action = format!("/students/{student}/export");
    let html = app.page(client, &profile).await;
    assert!(
        html.contains(&format!("action=\"{action}\"")),
        "the profile offers the export"
    );
    let response = app.submit(client, &profile, &action, &[]).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"]
        .to_str()
        .expect("a location")
        .to_owned();
    assert!(location.starts_with("/privacy/exports/"), "{location}");
    location
}

/// The export's page once it no longer runs (at most thirty seconds).
async fn finished(app: &TestApp, client: &reqwest::Client, page: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let html = app.page(client, page).await;
        if !html.contains("hx-trigger=\"every 1s\"") {
            return html;
        }
        assert!(std::time::Instant::now() < deadline, "the export finishes");
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Every entry of the archive: name and bytes.
fn entries(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a ZIP file");
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("the entry's bytes");
        let name = entry.name().expect("the entry's name").into_owned();
        out.insert(name, bytes);
    }
    out
}

/// The ids of a table's rows in the archive.
fn exported_ids(entries: &BTreeMap<String, Vec<u8>>, table: &str) -> BTreeSet<String> {
    let bytes = entries
        .get(&format!("data/{table}.json"))
        .unwrap_or_else(|| panic!("the export covers {table}"));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(bytes).expect("JSON rows");
    rows.iter()
        .map(|row| {
            row["id"]
                .as_str()
                .unwrap_or_else(|| panic!("a row of {table} with its id"))
                .to_owned()
        })
        .collect()
}

#[actix_web::test]
async fn the_export_holds_every_row_about_the_student_and_nobody_elses() {
    let app = spawn_app().await;
    let ((student, name), (other, other_name)) = two_unrelated_students(&app);
    let admin = app.signed_in(DemoUser::Admin).await;
    let admin_id = user_id(&mut app.conn(), DemoUser::Admin.email());
    let org = organization_id(&mut app.conn(), "Northwind Academy");

    // A photo, a document filed under the student, and a message to the family
    // (its delivery to another family stays out).
    let png = crate::files::png(12, 12);
    let uploaded = crate::files::upload(&app, &admin, "students", student, "photo.png", &png).await;
    assert_eq!(uploaded.status(), 303);
    let (photo, document, message, to_family, to_others) = {
        let mut conn = app.conn();
        let photo: Uuid = homeroom::db::schema::file::table
            .filter(homeroom::db::schema::file::belongs_to_id.eq(student))
            .select(homeroom::db::schema::file::id)
            .first(&mut conn)
            .expect("the photo");
        #[derive(QueryableByName)]
        struct Inserted {
            #[diesel(sql_type = diesel::sql_types::Uuid)]
            id: Uuid,
        }
        let document: Inserted = diesel::sql_query(
            "INSERT INTO documents (organization_id, entity_type, entity_reference, name, category)
             VALUES ($1, 'student', $2::text, 'Enrolment form', 'enrollment') RETURNING id",
        )
        .bind::<diesel::sql_types::Uuid, _>(org)
        .bind::<diesel::sql_types::Uuid, _>(student)
        .get_result(&mut conn)
        .expect("a document");
        let guardian_email: String = homeroom::db::schema::guardians::table
            .filter(homeroom::db::schema::guardians::student_id.eq(student))
            .filter(homeroom::db::schema::guardians::email.like("%@%"))
            .select(homeroom::db::schema::guardians::email.assume_not_null())
            .first(&mut conn)
            .expect("a guardian's address");
        let message = MessageBuilder::new(org, "Trip on Friday").insert(&mut conn);
        let to_family = MessageRecipientBuilder::new(org, message)
            .to(&guardian_email.to_uppercase())
            .insert(&mut conn);
        let to_others = MessageRecipientBuilder::new(org, message)
            .labelled("Someone else")
            .to("someone.else@example.test")
            .insert(&mut conn);
        (photo, document.id, message, to_family, to_others)
    };
    // The log's rows written before the export starts are in it; views the
    // writer stores later (the profile's, the export's own) may not be.
    let profile = app
        .get(&admin, &format!("/students/{student}/profile"))
        .await;
    assert_eq!(profile.status(), 200);
    wait_for_view(&app, |r| r.student_id == Some(student)).await;
    let logged_before = access_rows(&app, student);
    assert!(!logged_before.is_empty());
    let page = start_export(&app, &admin, student).await;
    let html = finished(&app, &admin, &page).await;
    let download = format!("{page}/download");
    assert!(
        html.contains(&format!("href=\"{download}\"")),
        "the finished export offers its download: {html}"
    );
    assert!(html.contains(&escaped(&name)), "the page names the student");

    let response = app.get(&admin, &download).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let zip = response.bytes().await.expect("the archive");
    let entries = entries(&zip);

    // Every table that references students, row for row.
    let mut expected = rows_about(&mut app.conn(), student);
    let logged_after = expected.remove("access_log").unwrap_or_default();
    let logged = exported_ids(&entries, "access_log");
    assert!(
        logged_before.is_subset(&logged),
        "{logged_before:?} {logged:?}"
    );
    assert!(logged.is_subset(&logged_after));
    for table in [
        "guardians",
        "class_enrollments",
        "attendance_records",
        "invoices",
        "payments",
    ] {
        assert!(
            expected.get(table).is_some_and(|ids| !ids.is_empty()),
            "the demo student has {table}"
        );
    }
    for (table, ids) in &expected {
        assert_eq!(&exported_ids(&entries, table), ids, "{table}");
    }

    // What the database cannot declare: the file and its bytes, the document, the
    // message to the family and its delivery, the guardians' persons, the audit trail.
    let file_ids = exported_ids(&entries, "file");
    assert!(file_ids.contains(&photo.to_string()));
    assert_eq!(
        entries.get(&format!("files/{photo}-photo.png")),
        Some(&png),
        "the photo's bytes"
    );
    assert!(exported_ids(&entries, "documents").contains(&document.to_string()));
    assert!(exported_ids(&entries, "messages").contains(&message.to_string()));
    let deliveries = exported_ids(&entries, "message_recipients");
    assert!(deliveries.contains(&to_family.to_string()));
    assert!(!deliveries.contains(&to_others.to_string()));
    let persons: BTreeSet<String> = homeroom::db::schema::guardians::table
        .filter(homeroom::db::schema::guardians::student_id.eq(student))
        .select(homeroom::db::schema::guardians::person_id.assume_not_null())
        .filter(homeroom::db::schema::guardians::person_id.is_not_null())
        .load::<Uuid>(&mut app.conn())
        .expect("the guardians' persons")
        .iter()
        .map(Uuid::to_string)
        .collect();
    assert!(!persons.is_empty());
    assert!(persons.is_subset(&exported_ids(&entries, "guardian_people")));
    let audited: Vec<serde_json::Value> =
        serde_json::from_slice(&entries["data/audit_log.json"]).expect("the audit trail");
    assert!(
        audited.iter().any(|row| row["row_id"] == photo.to_string()),
        "the photo's upload is in the audit trail"
    );

    // A readable summary in the school's language.
    let summary = String::from_utf8(entries["summary.html"].clone()).expect("text");
    assert!(summary.contains(&escaped(&format!("Everything held on {name}"))));
    assert!(summary.contains("Invoices") && summary.contains("Attendance records"));

    // Nobody else's.
    for (entry, bytes) in &entries {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(&other.to_string()), "{entry} names {other}");
        assert!(!text.contains(&other_name), "{entry} names {other_name}");
        assert!(
            !text.contains(&escaped(&other_name)),
            "{entry} names {other_name}"
        );
    }

    // Making the export and downloading it are both in the access log.
    let rows = wait_for_view(&app, |r| r.route == "/privacy/exports/{export}/download").await;
    let made = Logged {
        user_id: Some(admin_id),
        student_id: Some(student),
        students_count: 1,
        route: "/students/{id}/export".to_owned(),
    };
    assert!(rows.contains(&made), "{rows:?}");
    assert!(
        rows.contains(&Logged {
            route: "/privacy/exports/{export}/download".to_owned(),
            ..made
        }),
        "{rows:?}"
    );
}

#[actix_web::test]
async fn only_holders_of_the_permission_in_the_school_reach_an_export() {
    let app = spawn_app().await;
    let ((student, _), _) = two_unrelated_students(&app);
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = start_export(&app, &admin, student).await;
    finished(&app, &admin, &page).await;
    let download = format!("{page}/download");

    for who in [DemoUser::Teacher, DemoUser::Office] {
        let client = app.signed_in(who).await;
        let profile = app
            .page(&client, &format!("/students/{student}/profile"))
            .await;
        assert!(!profile.contains("/export\""), "{who:?} is not offered it");
        let refused = app
            .submit(
                &client,
                &format!("/students/{student}/profile"),
                &format!("/students/{student}/export"),
                &[],
            )
            .await;
        assert_eq!(refused.status(), 403, "{who:?}");
        assert_eq!(app.get(&client, &page).await.status(), 403, "{who:?}");
        assert_eq!(app.get(&client, &download).await.status(), 403, "{who:?}");
    }

    // Another school's administrator holds the permission, in their own school.
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    assert_eq!(app.get(&riverside, &page).await.status(), 404);
    assert_eq!(app.get(&riverside, &download).await.status(), 404);
    let riverside_home = app.page(&riverside, "/").await;
    let token = crate::common::csrf_token(&riverside_home).expect("a token");
    let response = app
        .post_form(
            &riverside,
            &format!("/students/{student}/export"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(response.status(), 404, "a student of another school");
    let exports: i64 = homeroom::db::schema::student_exports::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(exports, 1, "no export was started for the other school");
}

#[actix_web::test]
async fn an_archive_is_deleted_after_a_day_and_no_longer_served() {
    let app = spawn_app().await;
    let ((student, _), _) = two_unrelated_students(&app);
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = start_export(&app, &admin, student).await;
    let html = finished(&app, &admin, &page).await;
    assert!(html.contains("It can be downloaded until"), "{html}");
    let key: String = homeroom::db::schema::student_exports::table
        .select(homeroom::db::schema::student_exports::storage_key.assume_not_null())
        .first(&mut app.conn())
        .expect("the archive's key");
    let stored = app.data_dir.join("files").join(&key);
    assert!(stored.exists(), "the archive is in the file store");

    let now = homeroom::clock::now();
    let mut conn = app.conn();
    let early = homeroom::privacy::export::remove_expired(
        &mut conn,
        &app.data_dir,
        now + chrono::Duration::hours(23),
    )
    .expect("the clean-up");
    assert_eq!(early, 0, "kept for a day");
    let removed = homeroom::privacy::export::remove_expired(
        &mut conn,
        &app.data_dir,
        now + chrono::Duration::hours(25),
    )
    .expect("the clean-up");
    drop(conn);
    assert_eq!(removed, 1);
    assert!(!stored.exists(), "the archive is deleted");
    let response = app.get(&admin, &format!("{page}/download")).await;
    assert_eq!(response.status(), 404);
    let html = app.page(&admin, &page).await;
    assert!(html.contains("This archive was deleted on"), "{html}");
    assert!(html.contains("Start a new export"));
}

#[actix_web::test]
async fn the_export_page_and_its_summary_fit_a_phone_a_tablet_and_a_desktop() {
    use crate::browser::{
        DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot,
        signed_in_browser,
    };
    let app = spawn_app().await;
    let ((student, name), _) = two_unrelated_students(&app);
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = start_export(&app, &admin, student).await;
    finished(&app, &admin, &page).await;
    let zip = app
        .get(&admin, &format!("{page}/download"))
        .await
        .bytes()
        .await
        .expect("the archive");
    let summary = entries(&zip)
        .remove("summary.html")
        .expect("the archive holds its summary");
    let folder = std::env::temp_dir().join(format!("homeroom-export-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&folder).expect("a folder for the summary");
    let summary_file = folder.join("summary.html");
    std::fs::write(&summary_file, &summary).expect("write the summary");

    let (_driver, client) =
        signed_in_browser(&app, PHONE, DemoUser::Admin.email(), "main h1").await;
    let pages = [
        ("export-es", app.url(&page), "main h1"),
        (
            "export-summary",
            format!("file://{}", summary_file.display()),
            "h1",
        ),
    ];
    for (shot, url, heading) in pages {
        for (size, label) in [(PHONE, "390"), (TABLET, "820"), (DESKTOP, "1440")] {
            resize(&client, size).await;
            open(&client, &url, heading).await;
            let title = crate::browser::read_text(
                &client,
                &format!("return document.querySelector('{heading}').innerText"),
            )
            .await;
            assert!(
                title.contains(&name),
                "{shot} at {label} names the student: {title}"
            );
            assert_no_sideways_scrolling(&client, &format!("{shot} at {label}")).await;
            screenshot(&client, &format!("privacy/{shot}-{label}")).await;
        }
    }
    client.close().await.expect("close the browser");
    std::fs::remove_dir_all(&folder).ok();
}

//! CSV round trips: what one organization exports, another imports as the same
//! records; importing again adds nothing; bad rows are shown and block the import
//! unless the user asks for the good rows alone.

use diesel::prelude::*;
use homeroom::resources::{csv_cell, parse_csv};

use homeroom::db::schema::campuses;

use super::value_of;
use crate::common::fixtures::{CampusBuilder, OrganizationBuilder, SyncLogBuilder, UserBuilder};
use crate::common::{DemoUser, TestApp, csrf_token, expect_page, organization_id, spawn_app};

const PASSWORD: &str = "lakeside-admin-pass";

/// A new organization with the same campus names as Northwind, and its administrator.
async fn empty_organization(app: &TestApp) -> (reqwest::Client, String) {
    let org = {
        let mut conn = app.conn();
        let org = OrganizationBuilder::new("Lakeside College").insert(&mut conn);
        let northwind = organization_id(&mut conn, "Northwind Academy");
        let campuses: Vec<(String, Option<String>, bool)> = campuses::table
            .filter(campuses::organization_id.eq(northwind))
            .select((campuses::name, campuses::code, campuses::active))
            .load(&mut conn)
            .expect("Northwind's campuses");
        for (name, code, active) in campuses {
            CampusBuilder::new(org, &name)
                .code(code.as_deref())
                .active(active)
                .insert(&mut conn);
        }
        UserBuilder::new("admin@lakeside.test")
            .in_organization(org)
            .with_role_named("Administrator")
            .password(PASSWORD)
            .insert(&mut conn);
        org.to_string()
    };
    let client = app.client();
    let response = app.sign_in(&client, "admin@lakeside.test", PASSWORD).await;
    assert_eq!(response.status(), 303);
    (client, org)
}

/// Uploads a file on the students' import page; returns the preview.
async fn upload(app: &TestApp, client: &reqwest::Client, csv: &str) -> (u16, String) {
    upload_to(app, client, "/students", csv).await
}

/// Uploads a file on the import page of the list at `path`; returns the preview.
pub async fn upload_to(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    csv: &str,
) -> (u16, String) {
    let response = send_upload(app, client, path, csv).await;
    let response = preview_of(app, client, response).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("preview"))
}

/// Sends a file from the import page of the list at `path`; returns the answer to the upload.
pub async fn send_upload(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    csv: &str,
) -> reqwest::Response {
    let form = app.page(client, &format!("{path}/import")).await;
    let token = csrf_token(&form).expect("token");
    let boundary = "----homeroom-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"records.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    client
        .post(app.url(&format!("{path}/import?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("upload")
}

/// The preview an accepted upload redirects to (an address without the CSRF token),
/// or the refusal itself.
pub async fn preview_of(
    app: &TestApp,
    client: &reqwest::Client,
    response: reqwest::Response,
) -> reqwest::Response {
    if response.status() != 303 {
        return response;
    }
    let location = response.headers()["location"]
        .to_str()
        .expect("a location")
        .to_owned();
    assert!(
        location.contains("/import?upload=") && !location.contains("csrf_token"),
        "{location}"
    );
    app.get(client, &location).await
}

/// Commits the previewed students' upload; returns the response.
async fn commit(
    app: &TestApp,
    client: &reqwest::Client,
    preview: &str,
    good_rows: bool,
) -> reqwest::Response {
    commit_to(app, client, "/students", preview, good_rows).await
}

/// Commits the previewed upload to the list at `path`; returns the response.
pub async fn commit_to(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    preview: &str,
    good_rows: bool,
) -> reqwest::Response {
    let doc = scraper::Html::parse_document(preview);
    let pick = |name: &str| {
        let sel = scraper::Selector::parse(&format!("input[name={name}]")).expect("selector");
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_owned()
    };
    let mut fields = vec![
        ("csrf_token", pick("csrf_token")),
        ("upload", pick("upload")),
    ];
    if good_rows {
        fields.push(("good_rows", "on".to_owned()));
    }
    client
        .post(app.url(&format!("{path}/import")))
        .form(&fields)
        .send()
        .await
        .expect("commit")
}

/// Follows a started import until it finishes; returns its final page.
pub async fn finished(
    app: &TestApp,
    client: &reqwest::Client,
    started: reqwest::Response,
) -> String {
    assert_eq!(started.status(), 303, "the import starts");
    let location = started.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    for _ in 0..300 {
        let page = app.page(client, &location).await;
        if !page.contains("every 1s") {
            assert!(page.contains("Import finished"), "{page}");
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the import did not finish");
}

/// The CSV of `records` (a header row first) with the cells named by `(row, column,
/// value)` set to values an import refuses.
pub fn with_bad_cells(records: &[Vec<String>], bad: &[(usize, &str, &str)]) -> String {
    let mut records = records.to_vec();
    let header = records[0].clone();
    for (row, column, value) in bad {
        let at = header.iter().position(|h| h == column).expect("a column");
        records[*row][at] = (*value).to_owned();
    }
    records
        .iter()
        .map(|r| r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",") + "\r\n")
        .collect()
}

/// Every live student of an organization as one text, in student number order.
fn students_of(conn: &mut PgConnection, org: &str) -> String {
    value_of(
        conn,
        &format!(
            "SELECT string_agg(concat_ws('|', s.student_number, s.first_name, s.last_name, s.gender, \
             s.date_of_birth, s.enrollment_date, s.status, s.email, s.phone, s.address, c.name), \
             E'\\n' ORDER BY s.student_number) AS value \
             FROM students s JOIN campuses c ON c.id = s.campus_id \
             WHERE s.organization_id = {org} AND s.deleted_at IS NULL"
        ),
    )
    .unwrap_or_default()
}

const NORTHWIND: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

async fn exported_students(app: &TestApp) -> String {
    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app.get(&admin, "/students/export.csv").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .expect("header")
            .starts_with("attachment; filename=\"students-")
    );
    response.text().await.expect("csv")
}

#[actix_web::test]
async fn exported_students_import_into_another_organization_as_the_same_records_once() {
    let app = spawn_app().await;
    let csv = exported_students(&app).await;
    let (lakeside, org) = empty_organization(&app).await;
    let quoted = format!("'{org}'");

    let (status, preview) = upload(&app, &lakeside, &csv).await;
    assert_eq!(status, 200);
    assert!(preview.contains("with problems"), "{preview}");
    assert!(preview.contains("<strong>student_number</strong> → Student number"));
    let done = finished(
        &app,
        &lakeside,
        commit(&app, &lakeside, &preview, false).await,
    )
    .await;
    let rows = parse_csv(&csv).expect("csv").len() - 1;
    assert!(done.contains(&format!("{rows} added")), "{done}");
    assert_eq!(
        students_of(&mut app.conn(), &quoted),
        students_of(&mut app.conn(), NORTHWIND),
        "the same students, field for field"
    );

    // The same file again changes nothing.
    let (_, preview) = upload(&app, &lakeside, &csv).await;
    let again = finished(
        &app,
        &lakeside,
        commit(&app, &lakeside, &preview, false).await,
    )
    .await;
    assert!(again.contains("0 added, 0 updated"), "{again}");
    let count = value_of(
        &mut app.conn(),
        &format!("SELECT count(*)::text AS value FROM students WHERE organization_id = {quoted}"),
    );
    assert_eq!(count, Some(rows.to_string()));
    let logged = value_of(
        &mut app.conn(),
        &format!(
            "SELECT string_agg(records_created || '/' || records_updated || '/' || status, ',' ORDER BY started_at) \
             AS value FROM sync_logs WHERE organization_id = {quoted} AND sync_type = 'import:students'"
        ),
    );
    assert_eq!(logged, Some(format!("{rows}/0/success,0/0/success")));
}

#[actix_web::test]
async fn three_bad_rows_block_the_import_until_fixed_or_left_out() {
    let app = spawn_app().await;
    let csv = exported_students(&app).await;
    let (lakeside, org) = empty_organization(&app).await;
    let quoted = format!("'{org}'");
    let records = parse_csv(&csv).expect("csv");
    let bad = with_bad_cells(
        &records,
        &[
            (2, "date_of_birth", "2014-13-45"),
            (3, "status", "expelled"),
            (4, "campus_id", "Nowhere Campus"),
        ],
    );
    let count = |app: &TestApp| {
        value_of(
            &mut app.conn(),
            &format!(
                "SELECT count(*)::text AS value FROM students WHERE organization_id = {quoted}"
            ),
        )
        .unwrap_or_default()
    };

    let (_, preview) = upload(&app, &lakeside, &bad).await;
    for line in [
        "<strong>Line 3</strong>",
        "<strong>Line 4</strong>",
        "<strong>Line 5</strong>",
    ] {
        assert!(preview.contains(line), "the preview lists {line}");
    }
    assert!(preview.contains("3 with problems"));
    assert!(preview.contains("No campus “Nowhere Campus” here."));
    let refused = commit(&app, &lakeside, &preview, false).await;
    expect_page(refused, 422, "Nothing was imported: 3 of").await;
    assert_eq!(count(&app), "0", "nothing was imported");

    let total = records.len() - 1;
    let done = finished(
        &app,
        &lakeside,
        commit(&app, &lakeside, &preview, true).await,
    )
    .await;
    assert!(done.contains(&format!("{} added", total - 3)), "{done}");
    assert_eq!(count(&app), (total - 3).to_string());

    // The fixed file brings the last three and nothing twice.
    let (_, preview) = upload(&app, &lakeside, &csv).await;
    let done = finished(
        &app,
        &lakeside,
        commit(&app, &lakeside, &preview, false).await,
    )
    .await;
    assert!(done.contains("3 added, 0 updated"), "{done}");
    assert_eq!(count(&app), total.to_string());
}

/// The value of the first input named `name` on a page.
fn input_value(html: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("input[name={name}]")).expect("selector");
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_else(|| panic!("an input named {name}"))
        .to_owned()
}

#[actix_web::test]
async fn an_import_whose_server_died_shows_it_was_interrupted_and_runs_again_once() {
    let app = spawn_app().await;
    let csv = exported_students(&app).await;
    let (lakeside, org) = empty_organization(&app).await;
    let quoted = format!("'{org}'");
    let org_id: uuid::Uuid = org.parse().expect("the organization's id");
    let rows = parse_csv(&csv).expect("csv").len() - 1;
    let (status, preview) = upload(&app, &lakeside, &csv).await;
    assert_eq!(status, 200);

    // The import was committed and its server was killed 1000 rows in: its log still
    // says running, and no connection holds its run any more.
    let upload_id = input_value(&preview, "upload");
    let log = SyncLogBuilder::new(Some(org_id), "import:students")
        .running(1000)
        .created(1000)
        .import_hash(&format!("import:{upload_id}"))
        .insert(&mut app.conn());

    let page = app
        .page(&lakeside, &format!("/students/import/{log}?rows={rows}"))
        .await;
    assert!(!page.contains("Imported 1000"), "{page}");
    assert!(!page.contains("every 1s"), "the page stops waiting");
    assert!(
        page.contains("it was interrupted after 1000 rows, when the server running it stopped."),
        "{page}"
    );
    assert!(page.contains("Run again"));
    let logged = value_of(
        &mut app.conn(),
        &format!(
            "SELECT status || '/' || records_created || '/' || (error_message LIKE '%interrupted%') \
             AS value FROM sync_logs WHERE id = '{log}'"
        ),
    );
    assert_eq!(logged, Some("failed/0/true".to_owned()));

    // "Run again" commits the same upload: every row once.
    let again = lakeside
        .post(app.url("/students/import"))
        .form(&[
            ("csrf_token", input_value(&page, "csrf_token")),
            ("upload", input_value(&page, "upload")),
        ])
        .send()
        .await
        .expect("run again");
    assert_eq!(
        again.headers()["location"].to_str().expect("location"),
        format!("/students/import/{log}?rows={rows}"),
        "the same run, started again"
    );
    let done = finished(&app, &lakeside, again).await;
    assert!(done.contains(&format!("{rows} added")), "{done}");
    let students = |app: &TestApp| {
        value_of(
            &mut app.conn(),
            &format!(
                "SELECT count(*)::text AS value FROM students WHERE organization_id = {quoted}"
            ),
        )
    };
    assert_eq!(students(&app), Some(rows.to_string()));

    // The finished run's upload is gone, so committing its preview once more adds nothing.
    let twice = commit(&app, &lakeside, &preview, false).await;
    expect_page(twice, 422, "That upload is no longer here.").await;
    assert_eq!(students(&app), Some(rows.to_string()));
    let runs = value_of(
        &mut app.conn(),
        &format!(
            "SELECT string_agg(status::text, ',') AS value FROM sync_logs \
             WHERE organization_id = {quoted} AND sync_type = 'import:students'"
        ),
    );
    assert_eq!(runs, Some("success".to_owned()));
}

//! Files attached to records: uploading, downloading with the record's permission,
//! thumbnails, refusals by content and size, and other organizations' files.

use diesel::prelude::*;
use homeroom::db::schema::{file, invoices, organizations, students};
use homeroom::files::{EntityKind, photo_thumbnails};
use uuid::Uuid;

use crate::common::{
    DemoUser, TestApp, TestDatabase, count, csrf_token, spawn_app, spawn_app_configured,
};

fn organization(conn: &mut PgConnection, name: &str) -> Uuid {
    organizations::table
        .filter(organizations::name.eq(name))
        .select(organizations::id)
        .first(conn)
        .expect("demo organization")
}

/// The first live student of an organization, by name.
pub(crate) fn a_student(app: &TestApp, org: &str) -> (Uuid, String) {
    let mut conn = app.conn();
    let org = organization(&mut conn, org);
    students::table
        .filter(students::organization_id.eq(org))
        .filter(students::deleted_at.is_null())
        .order((students::last_name, students::first_name))
        .select((students::id, students::last_name))
        .first(&mut conn)
        .expect("a demo student")
}

fn an_invoice(app: &TestApp) -> Uuid {
    let mut conn = app.conn();
    let org = organization(&mut conn, "Northwind Academy");
    invoices::table
        .filter(invoices::organization_id.eq(org))
        .filter(invoices::deleted_at.is_null())
        .order(invoices::invoice_number)
        .select(invoices::id)
        .first(&mut conn)
        .expect("a demo invoice")
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode a PNG");
    out.into_inner()
}

/// A picture that does not compress, for a large file.
fn noise_png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        let n = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).rotate_left(x % 13);
        image::Rgb([n as u8, (n >> 8) as u8, (n >> 16) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode a PNG");
    out.into_inner()
}

pub(crate) const BOUNDARY: &str = "----homeroom-test-boundary-7MA4YWxk";

/// A multipart body as a browser sends the upload form.
pub(crate) fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Opens a record's files page, as the user would, and sends its upload form with a file.
pub(crate) async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    table: &str,
    record: Uuid,
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let page = app
        .page(
            client,
            &format!("/files?entity_type={table}&entity_id={record}"),
        )
        .await;
    let token = csrf_token(&page).expect("the page carries the session's token");
    upload_with_token(app, client, &token, table, record, file_name, bytes).await
}

async fn upload_with_token(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    table: &str,
    record: Uuid,
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let record = record.to_string();
    client
        .post(app.url(&format!("/files?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(
            &[
                ("entity_type", table),
                ("entity_id", &record),
                ("return_to", "/"),
            ],
            file_name,
            bytes,
        ))
        .send()
        .await
        .expect("upload")
}

#[derive(Queryable, Debug)]
struct FileRow {
    id: Uuid,
    name: String,
    content_type: Option<String>,
    belongs_to_column: Option<String>,
    storage_key: Option<String>,
    thumbnail_key: Option<String>,
}

fn files_of(app: &TestApp, record: Uuid) -> Vec<FileRow> {
    file::table
        .filter(file::belongs_to_id.eq(record))
        .filter(file::deleted_at.is_null())
        .select((
            file::id,
            file::name,
            file::content_type,
            file::belongs_to_column,
            file::storage_key,
            file::thumbnail_key,
        ))
        .load(&mut app.conn())
        .expect("file rows")
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[actix_web::test]
async fn administrator_uploads_a_student_photo_and_sees_it_with_its_thumbnail() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, last_name) = a_student(&app, "Northwind Academy");
    let photo = png(640, 480);

    let response = upload(&app, &admin, "students", student, "ada at camp.png", &photo).await;
    assert_eq!(response.status(), 303);
    assert_eq!(header(&response, "location"), "/");

    let rows = files_of(&app, student);
    assert_eq!(rows.len(), 1, "one photo stored");
    let row = &rows[0];
    assert_eq!(row.name, "ada at camp.png");
    assert_eq!(row.content_type.as_deref(), Some("image/png"));
    assert_eq!(row.belongs_to_column.as_deref(), Some("photo"));
    let key = row.storage_key.clone().expect("a storage key");
    let stored_name = key.rsplit('/').next().unwrap_or_default();
    assert!(
        stored_name.len() == 64 && stored_name.chars().all(|c| c.is_ascii_hexdigit()),
        "stored under a random name, not {key}"
    );
    let on_disk = std::fs::read(app.data_dir.join("files").join(&key)).expect("the stored file");
    assert_eq!(on_disk, photo);

    let page = app
        .page(
            &admin,
            &format!("/files?entity_type=students&entity_id={student}"),
        )
        .await;
    assert!(page.contains("ada at camp.png"));
    assert!(page.contains(&format!("/files/{}/thumbnail", row.id)));

    let original = app.get(&admin, &format!("/files/{}", row.id)).await;
    assert_eq!(original.status(), 200);
    assert_eq!(header(&original, "content-type"), "image/png");
    assert_eq!(header(&original, "x-content-type-options"), "nosniff");
    let disposition = header(&original, "content-disposition").to_owned();
    assert!(disposition.starts_with("inline"), "{disposition}");
    assert!(
        disposition.contains("filename=\"ada at camp.png\""),
        "{disposition}"
    );
    assert_eq!(
        original.bytes().await.expect("body").as_ref(),
        photo.as_slice()
    );

    let thumbnail = app
        .get(&admin, &format!("/files/{}/thumbnail", row.id))
        .await;
    assert_eq!(thumbnail.status(), 200);
    assert_eq!(header(&thumbnail, "content-type"), "image/jpeg");
    assert!(header(&thumbnail, "content-disposition").starts_with("inline"));
    let small = image::load_from_memory(&thumbnail.bytes().await.expect("body")).expect("decodes");
    assert_eq!((small.width(), small.height()), (160, 120));

    // The roll call and the search show the same thumbnail.
    let org = organization(&mut app.conn(), "Northwind Academy");
    let mut conn = app.conn();
    let thumbnails = conn
        .transaction(|conn| {
            let mut tenant = homeroom::db::enter(conn, &homeroom::db::Actor::system(org))?;
            photo_thumbnails(&mut tenant, EntityKind::Student, &[student])
        })
        .expect("query");
    assert_eq!(
        thumbnails.get(&student),
        Some(&format!("/files/{}/thumbnail", row.id))
    );
    let found = app
        .page(&admin, &format!("/search?q={}", last_name.to_lowercase()))
        .await;
    assert!(found.contains(&format!("/files/{}/thumbnail", row.id)));

    // A new photo replaces the old one.
    let response = upload(&app, &admin, "students", student, "new.png", &png(50, 50)).await;
    assert_eq!(response.status(), 303);
    let rows = files_of(&app, student);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "new.png");
}

#[actix_web::test]
async fn a_web_page_or_program_named_like_a_photo_is_refused_with_a_message() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let before = count(&mut app.conn(), "file");

    let page = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";
    let response = upload(&app, &admin, "students", student, "photo.png", page).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("page");
    assert!(
        html.contains("This file is a web page."),
        "the form says why"
    );
    assert!(html.contains("type=\"file\""), "the form is back");

    let mut program = b"\x7fELF\x02\x01\x01\0".to_vec();
    program.resize(4096, 0);
    let response = upload(&app, &admin, "students", student, "photo.png", &program).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("This file is a program.")
    );

    // A PDF is a fine attachment but not a photo.
    let response = upload(
        &app,
        &admin,
        "students",
        student,
        "photo.png",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("A photo must be a photo")
    );
    assert_eq!(count(&mut app.conn(), "file"), before, "nothing stored");
}

#[actix_web::test]
async fn a_file_over_the_configured_limit_is_refused() {
    let app = spawn_app_configured(TestDatabase::new(), |settings| {
        settings.max_upload_bytes = 20 * 1024;
    });
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let page = app
        .page(
            &admin,
            &format!("/files?entity_type=students&entity_id={student}"),
        )
        .await;
    assert!(page.contains("up to 20 KB"), "the form says the limit");

    let big = noise_png(200, 200);
    assert!(big.len() > 20 * 1024, "the photo is over the limit");
    let response = upload(&app, &admin, "students", student, "big.png", &big).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("page");
    assert!(html.contains("The file is larger than 20 KB"), "says why");
    assert!(files_of(&app, student).is_empty());

    let small = upload(&app, &admin, "students", student, "small.png", &png(20, 20)).await;
    assert_eq!(small.status(), 303, "a file under the limit is kept");
}

#[actix_web::test]
async fn a_teacher_cannot_download_an_invoice_attachment_but_the_accountant_can() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let invoice = an_invoice(&app);
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    let response = upload(&app, &admin, "invoices", invoice, "Relevé 2026.pdf", pdf).await;
    assert_eq!(response.status(), 303);
    let rows = files_of(&app, invoice);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].belongs_to_column.as_deref(), Some("attachments"));
    assert_eq!(rows[0].thumbnail_key, None, "a PDF has no thumbnail");
    let url = format!("/files/{}", rows[0].id);

    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher, &url).await.status(), 403);
    assert_eq!(
        app.get(&teacher, &format!("{url}/thumbnail"))
            .await
            .status(),
        403
    );

    let accountant = app.signed_in(DemoUser::Accountant).await;
    let download = app.get(&accountant, &url).await;
    assert_eq!(download.status(), 200);
    assert_eq!(header(&download, "content-type"), "application/pdf");
    let disposition = header(&download, "content-disposition").to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''Relev%C3%A9%202026.pdf"),
        "{disposition}"
    );
    assert_eq!(download.bytes().await.expect("body").as_ref(), pdf);
}

#[actix_web::test]
async fn a_teacher_may_see_a_student_photo_but_not_change_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    upload(&app, &admin, "students", student, "a.png", &png(30, 30)).await;
    let photo = files_of(&app, student).remove(0);

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let thumb = app
        .get(&teacher, &format!("/files/{}/thumbnail", photo.id))
        .await;
    assert_eq!(thumb.status(), 200);
    let page = app
        .page(
            &teacher,
            &format!("/files?entity_type=students&entity_id={student}"),
        )
        .await;
    assert!(!page.contains("type=\"file\""), "no upload form");
    let token = csrf_token(&page).expect("token");
    let response = upload_with_token(
        &app,
        &teacher,
        &token,
        "students",
        student,
        "b.png",
        &png(9, 9),
    )
    .await;
    assert_eq!(response.status(), 403);
    let removed = teacher
        .post(app.url(&format!("/files/{}/delete", photo.id)))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(removed.status(), 403);
    assert_eq!(files_of(&app, student).len(), 1, "still there");
}

#[actix_web::test]
async fn another_organizations_files_and_records_are_not_found() {
    let app = spawn_app().await;
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let (their_student, _) = a_student(&app, "Riverside School");
    let response = upload(
        &app,
        &riverside,
        "students",
        their_student,
        "r.png",
        &png(40, 40),
    )
    .await;
    assert_eq!(response.status(), 303);
    let theirs = files_of(&app, their_student).remove(0);

    let northwind = app.signed_in(DemoUser::Admin).await;
    for path in [
        format!("/files/{}", theirs.id),
        format!("/files/{}/thumbnail", theirs.id),
        format!("/files?entity_type=students&entity_id={their_student}"),
    ] {
        assert_eq!(app.get(&northwind, &path).await.status(), 404, "{path}");
    }
    let page = app.page(&northwind, "/").await;
    let token = csrf_token(&page).expect("token");
    let before = count(&mut app.conn(), "file");
    let response = upload_with_token(
        &app,
        &northwind,
        &token,
        "students",
        their_student,
        "x.png",
        &png(10, 10),
    )
    .await;
    assert_eq!(response.status(), 404);
    let removed = northwind
        .post(app.url(&format!("/files/{}/delete", theirs.id)))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(removed.status(), 404);
    assert_eq!(count(&mut app.conn(), "file"), before, "nothing stored");
    assert_eq!(files_of(&app, their_student).len(), 1, "theirs untouched");
}

#[actix_web::test]
async fn a_removed_file_is_no_longer_served() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let invoice = an_invoice(&app);
    upload(
        &app,
        &admin,
        "invoices",
        invoice,
        "notes.csv",
        b"item,amount\nbooks,12.50\n",
    )
    .await;
    let stored = files_of(&app, invoice).remove(0);
    assert_eq!(stored.content_type.as_deref(), Some("text/csv"));
    let download = app.get(&admin, &format!("/files/{}", stored.id)).await;
    assert_eq!(header(&download, "content-type"), "text/csv; charset=utf-8");

    let page = app
        .page(
            &admin,
            &format!("/files?entity_type=invoices&entity_id={invoice}"),
        )
        .await;
    let response = app
        .submit(
            &admin,
            &format!("/files?entity_type=invoices&entity_id={invoice}"),
            &format!("/files/{}/delete", stored.id),
            &[("return_to", "/")],
        )
        .await;
    assert!(page.contains("notes.csv"));
    assert_eq!(response.status(), 303);
    assert!(files_of(&app, invoice).is_empty());
    let gone = app.get(&admin, &format!("/files/{}", stored.id)).await;
    assert_eq!(gone.status(), 404);
}

#[actix_web::test]
async fn malformed_uploads_are_refused_with_a_message_not_an_error() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let token = csrf_token(&app.page(&admin, "/").await).expect("token");
    let (student, _) = a_student(&app, "Northwind Academy");
    let before = count(&mut app.conn(), "file");

    // A plain form instead of an upload.
    let plain = admin
        .post(app.url("/files"))
        .header("X-CSRF-Token", &token)
        .form(&[("entity_type", "students"), ("entity_id", "x")])
        .send()
        .await
        .expect("post");
    assert_eq!(plain.status(), 400);

    for (table, id) in [
        ("users", student.to_string()),
        ("students", "not-an-id".to_owned()),
        ("<script>alert(1)</script>", student.to_string()),
        ("students' OR 1=1 --", student.to_string()),
    ] {
        let response = admin
            .post(app.url(&format!("/files?csrf_token={token}")))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(multipart(
                &[("entity_type", table), ("entity_id", &id)],
                "a.png",
                &png(8, 8),
            ))
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 400, "{table} {id}");
        assert!(
            response
                .text()
                .await
                .expect("page")
                .contains("Something is not right"),
            "{table}"
        );
    }
    // An upload without the session's token.
    let forged = admin
        .post(app.url("/files"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(
            &[
                ("entity_type", "students"),
                ("entity_id", &student.to_string()),
            ],
            "a.png",
            &png(8, 8),
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);

    // A body cut off halfway.
    let mut cut = multipart(&[("entity_type", "students")], "a.png", &png(8, 8));
    cut.truncate(cut.len() / 2);
    let response = admin
        .post(app.url(&format!("/files?csrf_token={token}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(cut)
        .send()
        .await
        .expect("post");
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(app.get(&admin, "/files/not-an-id").await.status(), 404);
    assert_eq!(count(&mut app.conn(), "file"), before, "nothing stored");
}

//! Files served as a phone's video player and a browser's cache expect: a range of
//! bytes answers 206 with those bytes, a repeat with the ETag or date it was given
//! answers 304, and neither gets past the record's permission.

use diesel::prelude::*;
use homeroom::db::schema::file;
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, spawn_app};
use crate::files::{a_student, png, upload};

/// The student's stored photo.
fn photo_of(app: &TestApp, student: Uuid) -> Uuid {
    file::table
        .filter(file::belongs_to_id.eq(student))
        .filter(file::deleted_at.is_null())
        .select(file::id)
        .first(&mut app.conn())
        .expect("the stored photo")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn a_range_of_a_file_answers_206_with_those_bytes_and_a_repeat_answers_304() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let picture = png(40, 30);
    let response = upload(&app, &admin, "students", student, "face.png", &picture).await;
    assert_eq!(response.status(), 303);
    let id = photo_of(&app, student);
    let url = app.url(&format!("/files/{id}"));

    let part = admin
        .get(&url)
        .header("Range", "bytes=10-29")
        .send()
        .await
        .expect("a range");
    assert_eq!(part.status(), 206);
    assert_eq!(
        header(&part, "content-range"),
        format!("bytes 10-29/{}", picture.len())
    );
    assert_eq!(header(&part, "x-content-type-options"), "nosniff");
    assert_eq!(
        part.bytes().await.expect("bytes").as_ref(),
        &picture[10..30]
    );

    let whole = admin.get(&url).send().await.expect("the file");
    assert_eq!(whole.status(), 200);
    assert_eq!(header(&whole, "accept-ranges"), "bytes");
    assert!(header(&whole, "content-disposition").starts_with("inline"));
    let etag = header(&whole, "etag");
    let modified = header(&whole, "last-modified");
    assert!(
        !etag.is_empty() && !modified.is_empty(),
        "an ETag and a date"
    );
    assert_eq!(
        whole.bytes().await.expect("bytes").as_ref(),
        picture.as_slice()
    );

    let repeat = admin
        .get(&url)
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("a repeat");
    assert_eq!(repeat.status(), 304);
    assert!(repeat.bytes().await.expect("no body").is_empty());
    let by_date = admin
        .get(&url)
        .header("If-Modified-Since", &modified)
        .send()
        .await
        .expect("a repeat by date");
    assert_eq!(by_date.status(), 304);
}

#[actix_web::test]
async fn a_range_request_does_not_get_past_the_records_permission() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (student, _) = a_student(&app, "Northwind Academy");
    let response = upload(&app, &admin, "students", student, "face.png", &png(8, 8)).await;
    assert_eq!(response.status(), 303);
    let id = photo_of(&app, student);
    let outsider = app.signed_in(DemoUser::RiversideAdmin).await;
    let part = outsider
        .get(app.url(&format!("/files/{id}")))
        .header("Range", "bytes=0-3")
        .send()
        .await
        .expect("a range");
    assert_eq!(part.status(), 404, "another school's file is not found");
}

//! An address or headers longer than any page of Homeroom needs are refused at once
//! with the status that says so (414, 431) and the site's error page, never left to
//! time out.

use std::time::Duration;

use crate::common::{DemoUser, spawn_app};

/// Sends a request and waits for its answer, less time than a request may take to arrive.
async fn answer(request: reqwest::RequestBuilder) -> (u16, String) {
    let response = tokio::time::timeout(Duration::from_secs(4), request.send())
        .await
        .expect("an answer before the request could time out")
        .expect("an answer");
    let status = response.status().as_u16();
    (status, response.text().await.expect("the page"))
}

#[actix_web::test]
async fn a_ten_kilobyte_address_is_refused_as_too_long_at_once() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Admin).await;
    let search = format!("/students?q={}", "a".repeat(10 * 1024));
    let (status, page) = answer(client.get(app.url(&search))).await;
    assert_eq!(status, 414, "URI Too Long");
    assert!(page.contains("Address too long"), "{page}");

    // The same client goes on with ordinary pages.
    let ordinary = app.get(&client, "/students?q=ab").await;
    assert_eq!(ordinary.status(), 200);
}

#[actix_web::test]
async fn over_long_headers_are_refused_with_431_at_once() {
    let app = spawn_app().await;
    let padded = app
        .client()
        .get(app.url("/login"))
        .header("x-padding", "b".repeat(40 * 1024));
    let (status, page) = answer(padded).await;
    assert_eq!(status, 431, "Request Header Fields Too Large");
    assert!(page.contains("cookies"), "{page}");
}

//! The record pages in a real browser: typing a search swaps the table and keeps
//! the address; list, record and form fit a phone.

use fantoccini::Locator;

use crate::browser::{
    PHONE, TABLET, assert_no_sideways_scrolling, browser, screenshot, sign_in, start_driver,
};
use crate::common::spawn_app;

#[actix_web::test]
async fn office_searches_students_as_they_type_and_the_address_follows() {
    let app = spawn_app().await;
    let driver = start_driver();
    let client = browser(&driver, TABLET).await;
    sign_in(
        &client,
        &app.url("/login"),
        "office@northwind.test",
        ".page-head h1",
    )
    .await;
    client.goto(&app.url("/students")).await.expect("students");
    let search = client
        .wait()
        .for_element(Locator::Css("#q"))
        .await
        .expect("the search box");
    search.send_keys("zzzznobody").await.expect("type");
    client
        .wait()
        .for_element(Locator::XPath("//p[contains(., 'No students match')]"))
        .await
        .expect("the table is swapped for the empty state");
    let url = client.current_url().await.expect("url");
    assert_eq!(
        url.query(),
        Some("q=zzzznobody"),
        "the address keeps the search"
    );
    screenshot(&client, "students-search-empty-tablet").await;

    client.goto(&app.url("/students")).await.expect("students");
    let first = client
        .wait()
        .for_element(Locator::Css("table.records tbody a"))
        .await
        .expect("a student");
    first.click().await.expect("open the student");
    client
        .wait()
        .for_element(Locator::Css(".stu-head"))
        .await
        .expect("the student's profile");
    screenshot(&client, "student-profile-tablet").await;
    // The record page with every column stays one address away from the profile.
    let profile = client.current_url().await.expect("url").path().to_owned();
    let record = profile.trim_end_matches("/profile").to_owned();
    client.goto(&app.url(&record)).await.expect("the record");
    client
        .wait()
        .for_element(Locator::Css("#tab-panel"))
        .await
        .expect("the student's related records");
    screenshot(&client, "student-record-tablet").await;

    client
        .set_window_size(PHONE.0, PHONE.1)
        .await
        .expect("phone size");
    let record = client.current_url().await.expect("url").path().to_owned();
    for (path, ready, name) in [
        ("/students".to_owned(), "table.records", "students-phone"),
        (record.clone(), "#tab-panel", "student-record-phone"),
        (
            format!("{record}/edit"),
            "form.record-form",
            "student-form-phone",
        ),
    ] {
        client.goto(&app.url(&path)).await.expect("open the page");
        client
            .wait()
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, &path).await;
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn a_document_with_its_file_and_the_audit_log_fit_a_phone() {
    let app = spawn_app().await;
    let admin = app.signed_in(crate::common::DemoUser::Admin).await;
    let response = app
        .submit(
            &admin,
            "/documents/new",
            "/documents",
            &[
                ("name", "Bus route permission slip"),
                ("category", "legal"),
                ("entity_type", "class"),
            ],
        )
        .await;
    let id = super::created_id(&response, "/documents");
    let uploaded = crate::files::upload(
        &app,
        &admin,
        "documents",
        id,
        "permission-slip.png",
        &crate::files::png(60, 40),
    )
    .await;
    assert_eq!(uploaded.status(), 303);

    let driver = start_driver();
    let client = browser(&driver, PHONE).await;
    sign_in(
        &client,
        &app.url("/login"),
        "admin@northwind.test",
        ".page-head h1",
    )
    .await;
    for (path, ready, name) in [
        (
            format!("/documents/{id}"),
            ".file-list",
            "document-record-phone",
        ),
        ("/audit-log".to_owned(), "table.records", "audit-log-phone"),
    ] {
        client.goto(&app.url(&path)).await.expect("open the page");
        client
            .wait()
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, &path).await;
        client
            .execute(
                &format!("document.querySelector('{ready}').scrollIntoView()"),
                vec![],
            )
            .await
            .expect("scroll to the part that matters");
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

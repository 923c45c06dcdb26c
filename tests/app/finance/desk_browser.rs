//! In Chromium: the accountant takes a payment at the desk, prints the receipt and
//! the family's statement, at desktop, tablet and phone widths (and in Spanish on a
//! phone); the receipt's PDF is kept beside the screenshots to look at.

use fantoccini::{Client, Locator};

use super::assert_balances_hold;
use super::desk::{household, invoice};
use crate::browser::{
    DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot, screenshot_dir,
    signed_in_browser,
};
use crate::common::{DemoUser, spawn_app};
use crate::languages::set_user_language;

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// Looks at the open page at each width: nothing scrolls sideways, and a screenshot.
async fn at_every_width(client: &Client, name: &str) {
    for size in [DESKTOP, TABLET, PHONE] {
        resize(client, size).await;
        screenshot(client, &format!("finance/{name}-{}", size.0)).await;
        assert_no_sideways_scrolling(client, &format!("{name} at {}px", size.0)).await;
    }
}

#[actix_web::test]
async fn the_accountant_takes_a_payment_and_prints_the_receipt_and_statement() {
    let app = spawn_app().await;
    let home = household(&app);
    invoice(&app, home.first, "DESK-A", "100.00", 60);
    invoice(&app, home.second, "DESK-B", "80.00", 10);
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, DemoUser::Accountant.email(), "main h1").await;
    let desk = app.url(&format!("/finance/desk/families/{}", home.family));
    open(&client, &desk, "#amount").await;
    at_every_width(&client, "desk").await;
    resize(&client, DESKTOP).await;
    client
        .find(Locator::Css("#amount"))
        .await
        .expect("the amount")
        .send_keys("120")
        .await
        .expect("type the amount");
    click(&client, ".fdesk-form button[type=submit]").await;
    client
        .wait()
        .for_element(Locator::Css(".fdesk-receipt"))
        .await
        .expect("the receipt");
    let receipt = client.current_url().await.expect("the receipt's address");
    let text = client
        .find(Locator::Css(".fdesk-receipt"))
        .await
        .expect("the receipt")
        .text()
        .await
        .expect("its text");
    assert!(text.contains("DESK-A") && text.contains("DESK-B"), "{text}");
    assert!(text.contains("$60.00"), "what is still owed: {text}");
    at_every_width(&client, "receipt").await;

    // The receipt's PDF with the browser's session, kept to look at.
    let cookies: Vec<String> = client
        .get_all_cookies()
        .await
        .expect("the session")
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect();
    let bytes = reqwest::Client::new()
        .get(format!("{receipt}/pdf"))
        .header("cookie", cookies.join("; "))
        .send()
        .await
        .expect("the PDF")
        .bytes()
        .await
        .expect("its bytes");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    std::fs::write(screenshot_dir().join("finance/receipt.pdf"), &bytes).expect("keep the PDF");

    let statement = app.url(&format!("/finance/statements/families/{}", home.family));
    open(&client, &statement, ".fdesk-statement").await;
    let closing = client
        .find(Locator::Css(".fdesk-closing"))
        .await
        .expect("the closing balance")
        .text()
        .await
        .expect("its text");
    assert_eq!(closing, "$60.00");
    at_every_width(&client, "statement").await;

    client.close().await.expect("close the browser");

    // A phone in Spanish: the longer words still fit.
    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let (_driver, client) =
        signed_in_browser(&app, PHONE, DemoUser::Accountant.email(), "main h1").await;
    open(&client, &statement, ".fdesk-statement").await;
    assert_no_sideways_scrolling(&client, "the statement in Spanish").await;
    screenshot(&client, "finance/statement-es-390").await;
    open(&client, &desk, "#amount").await;
    assert_no_sideways_scrolling(&client, "the desk in Spanish").await;
    screenshot(&client, "finance/desk-es-390").await;
    client.close().await.expect("close the browser");
    assert_balances_hold(&app);
}

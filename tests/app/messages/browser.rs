//! In the browser: an administrator writes to a class, previews the count, sends,
//! and the class's teacher reads it in their inbox.

use fantoccini::Locator;

use super::class_taught_by;
use crate::browser::{
    DESKTOP, PHONE, assert_no_sideways_scrolling, open, resize, screenshot, signed_in_browser,
};
use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn an_administrator_previews_a_message_to_a_class_sends_it_and_the_teacher_reads_it() {
    let app = spawn_app().await;
    let class = class_taught_by(&app, DemoUser::Teacher.email());
    let (_driver, admin) = signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), "h1").await;
    open(&admin, &app.url("/messages/new"), "form.msg-compose").await;
    let type_into = |css: &'static str, text: &'static str| {
        let admin = admin.clone();
        async move {
            admin
                .find(Locator::Css(css))
                .await
                .expect(css)
                .send_keys(text)
                .await
                .expect("type");
        }
    };
    type_into("#subject", "Class trip forms").await;
    type_into("#body", "Please return the trip forms by Friday.").await;
    for css in [
        "input[name=audience][value=class]".to_owned(),
        format!("#class option[value='{class}']"),
        "input[name=staff]".to_owned(),
        "button[value=preview]".to_owned(),
    ] {
        admin
            .find(Locator::Css(&css))
            .await
            .expect(&css)
            .click()
            .await
            .expect("click");
    }
    admin
        .wait()
        .for_element(Locator::Css(".msg-preview"))
        .await
        .expect("the preview");
    let counted = admin
        .find(Locator::Css(".msg-preview h2"))
        .await
        .expect("the count")
        .text()
        .await
        .expect("text");
    assert!(counted.starts_with("This message reaches "), "{counted}");
    screenshot(&admin, "messages/compose-preview-1440").await;
    resize(&admin, PHONE).await;
    assert_no_sideways_scrolling(&admin, "/messages/new").await;
    screenshot(&admin, "messages/compose-preview-390").await;
    admin
        .find(Locator::Css("button[value=send]"))
        .await
        .expect("send")
        .click()
        .await
        .expect("click send");
    admin
        .wait()
        .for_element(Locator::Css(".msg-tally"))
        .await
        .expect("the delivery report");
    assert_no_sideways_scrolling(&admin, "the delivery report").await;
    screenshot(&admin, "messages/delivery-390").await;

    let (_driver2, teacher) = signed_in_browser(
        &app,
        PHONE,
        DemoUser::Teacher.email(),
        ".roll-cards, .empty",
    )
    .await;
    open(&teacher, &app.url("/inbox"), ".inbox").await;
    let link = teacher.find(Locator::LinkText("Class trip forms")).await;
    let link = match link {
        Ok(link) => link,
        Err(_) => teacher
            .find(Locator::XPath("//a[.//strong[text()='Class trip forms']]"))
            .await
            .expect("the message in the inbox"),
    };
    link.click().await.expect("open it");
    teacher
        .wait()
        .for_element(Locator::Css(".message-body"))
        .await
        .expect("the message");
    let body = teacher
        .find(Locator::Css(".message-body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text");
    assert!(body.contains("Please return the trip forms by Friday."));
    screenshot(&teacher, "messages/inbox-read-390").await;
}

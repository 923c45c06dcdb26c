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

#[actix_web::test]
async fn an_administrator_picks_a_guardian_by_typing_and_attaches_a_file() {
    let app = spawn_app().await;
    let guardian = super::attachments::a_guardian(&app, "Northwind Academy");
    let pdf = std::env::temp_dir().join(format!("homeroom-{}-trip.pdf", std::process::id()));
    std::fs::write(&pdf, super::attachments::timetable_pdf()).expect("a file to attach");
    let (_driver, admin) = signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), "h1").await;
    open(&admin, &app.url("/messages/new"), "form.msg-compose").await;
    let find = |css: String| {
        let admin = admin.clone();
        async move { admin.find(Locator::Css(&css)).await.expect(&css) }
    };
    find("#subject".into())
        .await
        .send_keys("Trip consent")
        .await
        .expect("type");
    find("#body".into())
        .await
        .send_keys("The consent form is attached.")
        .await
        .expect("type");
    let typed = format!(
        "{} {}",
        guardian.name.chars().take(3).collect::<String>(),
        guardian.name.split_whitespace().last().unwrap_or_default()
    );
    find("#person_q".into())
        .await
        .send_keys(&typed)
        .await
        .expect("type a name");
    let add = format!(".msg-add[hx-get$='{}']", guardian.id);
    admin
        .wait()
        .for_element(Locator::Css(&add))
        .await
        .expect("the guardian found as the name is typed");
    find(add).await.click().await.expect("add them");
    admin
        .wait()
        .for_element(Locator::Css(".msg-chip input:checked"))
        .await
        .expect("their chip");
    assert!(
        find("#audience-custom".into())
            .await
            .is_selected()
            .await
            .expect("the audience"),
        "picking someone chooses people by hand"
    );
    find("#attachment".into())
        .await
        .send_keys(&pdf.to_string_lossy())
        .await
        .expect("choose the file");
    screenshot(&admin, "messages/compose-people-1440").await;
    resize(&admin, crate::browser::TABLET).await;
    screenshot(&admin, "messages/compose-people-820").await;
    resize(&admin, PHONE).await;
    assert_no_sideways_scrolling(&admin, "/messages/new with a chosen person").await;
    screenshot(&admin, "messages/compose-people-390").await;
    find("button[value=preview]".into())
        .await
        .click()
        .await
        .expect("preview");
    admin
        .wait()
        .for_element(Locator::Css(".msg-preview"))
        .await
        .expect("the preview");
    let files = find(".msg-files".into())
        .await
        .text()
        .await
        .expect("the kept files");
    let kept = pdf.file_name().map(|n| n.to_string_lossy().into_owned());
    assert!(
        files.contains(kept.as_deref().unwrap_or_default()),
        "{files}"
    );
    let counted = find(".msg-preview h2".into())
        .await
        .text()
        .await
        .expect("the count");
    assert_eq!(counted, "This message reaches 1 person.");
    assert_no_sideways_scrolling(&admin, "the preview with a file").await;
    admin
        .execute(
            "document.querySelector('.msg-files').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scroll to the files");
    screenshot(&admin, "messages/compose-file-kept-390").await;
    let _ = std::fs::remove_file(&pdf);
}

#[actix_web::test]
async fn the_compose_form_in_spanish_fits_a_phone() {
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let (_driver, admin) = signed_in_browser(&app, PHONE, DemoUser::Admin.email(), "h1").await;
    open(&admin, &app.url("/messages/new"), "form.msg-compose").await;
    let label = admin
        .find(Locator::Css("label[for=attachment]"))
        .await
        .expect("the attachments label")
        .text()
        .await
        .expect("text");
    assert_eq!(label, "Archivos adjuntos");
    assert_no_sideways_scrolling(&admin, "/messages/new in Spanish").await;
    admin
        .execute(
            "document.querySelector('.msg-people').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scroll to the chooser");
    screenshot(&admin, "messages/compose-es-390").await;
}

use homeroom::config::Settings;
use homeroom::mail::{Email, Mailer};

use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn administrator_reads_mail_kept_in_the_outbox_with_working_links() {
    let app = spawn_app().await;
    let northwind = crate::common::organization_id(&mut app.conn(), "Northwind Academy");
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    assert!(!mailer.uses_smtp());
    let (_, status) = mailer
        .send(
            &mut app.conn(),
            &Email {
                organization_id: Some(northwind),
                to: "new.teacher@northwind.test".to_owned(),
                subject: "Welcome to Homeroom".to_owned(),
                body: format!("Choose your password here:\n{}/login\n", app.address),
                sent_by: None,
            },
        )
        .expect("store the e-mail");
    assert_eq!(status, homeroom::db::enums::EmailStatus::Stored);

    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app.get(&admin, "/admin/outbox").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("outbox");
    assert!(html.contains("Welcome to Homeroom"));
    assert!(html.contains("to new.teacher@northwind.test"));
    assert!(
        html.contains(&format!(r#"<a href="{}/login">"#, app.address)),
        "the link is clickable"
    );

    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let other = app
        .get(&riverside, "/admin/outbox")
        .await
        .text()
        .await
        .expect("outbox");
    assert!(
        !other.contains("Welcome to Homeroom"),
        "another organization's mail stays private"
    );
}

#[actix_web::test]
async fn teachers_cannot_read_the_outbox() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let response = app.get(&teacher, "/admin/outbox").await;
    assert_eq!(response.status(), 403);
    assert!(response.text().await.expect("page").contains("Not allowed"));
    let dashboard = app
        .get(&teacher, "/")
        .await
        .text()
        .await
        .expect("dashboard");
    assert!(
        !dashboard.contains("/admin/outbox"),
        "the menu hides what the teacher may not open"
    );
}

//! Inviting everyone on the staff with an e-mail and no account, after a preview.

use super::{linked_user, new_teacher};
use crate::common::{DemoUser, count, spawn_app};

#[actix_web::test]
async fn administrator_previews_and_sends_the_invitations_of_every_staff_member_without_an_account()
{
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let ana = new_teacher(
        &app,
        &admin,
        ("Ana", "Reyes"),
        Some("ana.reyes@northwind.test"),
    )
    .await;
    let ben = new_teacher(
        &app,
        &admin,
        ("Ben", "Ortiz"),
        Some("ben.ortiz@northwind.test"),
    )
    .await;
    let cy = new_teacher(&app, &admin, ("Cy", "Nobody"), None).await;
    let taken = new_teacher(&app, &admin, ("Di", "Twin"), Some(DemoUser::Office.email())).await;

    let list = app.page(&admin, "/staff").await;
    assert!(list.contains(r#"href="/staff/invitations""#));
    let preview = app.page(&admin, "/staff/invitations").await;
    assert!(preview.contains("2 invitations will be sent."));
    assert!(preview.contains("One staff member has no e-mail address and will not be invited."));
    assert!(preview.contains("Cy Nobody"));
    assert!(preview.contains(&format!(
        "An account with the e-mail {} already exists",
        DemoUser::Office.email()
    )));
    assert!(preview.contains("Send 2 invitations"));
    let emails = count(&mut app.conn(), "email_outbox");
    assert_eq!(linked_user(&app, ana), None, "the preview sends nothing");

    let token = crate::common::csrf_token(&preview).expect("token");
    let sent = app
        .post_form(&admin, "/staff/invitations", &[("csrf_token", &token)])
        .await;
    assert_eq!(sent.status(), 200);
    let result = sent.text().await.expect("the result");
    assert!(result.contains("2 invitations were sent."));
    assert!(result.contains("Ana Reyes") && result.contains("Ben Ortiz"));
    assert!(linked_user(&app, ana).is_some());
    assert!(linked_user(&app, ben).is_some());
    assert_eq!(linked_user(&app, cy), None);
    assert_eq!(linked_user(&app, taken), None);
    assert_eq!(count(&mut app.conn(), "email_outbox"), emails + 2);

    // Sent again, nobody is invited twice.
    let again = app
        .post_form(&admin, "/staff/invitations", &[("csrf_token", &token)])
        .await;
    assert!(
        again
            .text()
            .await
            .expect("page")
            .contains("No invitation was sent.")
    );
    assert_eq!(count(&mut app.conn(), "email_outbox"), emails + 2);

    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher, "/staff/invitations").await.status(), 403);
}

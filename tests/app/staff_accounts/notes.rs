//! Notes on a user: for those who manage users only, and in the trail without their text.

use diesel::prelude::*;
use homeroom::db::schema::{audit_log, users};

use super::post_page_form;
use crate::admin::{follow, user_id};
use crate::common::fixtures::{RoleBuilder, UserBuilder};
use crate::common::{DEMO_PASSWORD, DemoUser, expect_page, organization_id, spawn_app};

#[actix_web::test]
async fn administrator_writes_notes_on_a_user_that_only_user_managers_see() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = user_id(&app, DemoUser::Teacher.email());
    let page = format!("/admin/users/{teacher}");
    let action = format!("{page}/notes");
    let note = "Covers the library on Fridays.\nKey card 114.";

    let saved = post_page_form(&app, &admin, (&page, &action), &[("notes", note)]).await;
    let html = follow(&app, &admin, saved).await;
    assert!(html.contains("The notes on"));
    assert!(html.contains("Covers the library on Fridays."));
    let stored: Option<String> = users::table
        .find(teacher)
        .select(users::notes)
        .first(&mut app.conn())
        .expect("the user");
    assert_eq!(stored.as_deref(), Some(note));

    // The trail says who changed the notes, not what they say.
    let trail: Vec<(Option<uuid::Uuid>, serde_json::Value)> = audit_log::table
        .filter(audit_log::table_name.eq("users"))
        .filter(audit_log::row_id.eq(teacher))
        .select((audit_log::user_id, audit_log::changes))
        .load(&mut app.conn())
        .expect("the trail");
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].0, Some(user_id(&app, DemoUser::Admin.email())));
    assert!(trail[0].1.get("notes").is_some());
    assert!(!trail[0].1.to_string().contains("library"));

    // Someone who reads users but does not manage them sees the page without the notes.
    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    let reader = RoleBuilder::new("User Reader")
        .granting("READ_USERS")
        .insert(&mut app.conn());
    UserBuilder::new("reader@northwind.test")
        .in_organization(northwind)
        .with_role(reader)
        .password(DEMO_PASSWORD)
        .insert(&mut app.conn());
    let client = app.client();
    assert_eq!(
        app.sign_in(&client, "reader@northwind.test", DEMO_PASSWORD)
            .await
            .status(),
        303
    );
    let seen = app.get(&client, &page).await;
    let seen = expect_page(seen, 200, DemoUser::Teacher.email()).await;
    assert!(!seen.contains("library"), "the notes are not shown to them");
    assert!(!seen.contains(&action));
    let token = crate::common::csrf_token(&seen).expect("token");
    let refused = app
        .post_form(&client, &action, &[("csrf_token", &token), ("notes", "x")])
        .await;
    assert_eq!(refused.status(), 403);

    // Too long is refused with a message; cleared notes are stored as none.
    let long = "a".repeat(4001);
    let bad = post_page_form(&app, &admin, (&page, &action), &[("notes", &long)]).await;
    expect_page(bad, 409, "Notes may be at most 4,000 characters long.").await;
    let cleared = post_page_form(&app, &admin, (&page, &action), &[("notes", "  ")]).await;
    assert_eq!(cleared.status(), 303);
    let stored: Option<String> = users::table
        .find(teacher)
        .select(users::notes)
        .first(&mut app.conn())
        .expect("the user");
    assert_eq!(stored, None);
}

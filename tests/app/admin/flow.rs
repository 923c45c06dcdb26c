//! The issue's story as far as administration goes: a role made, given a
//! permission with the grid, and a person invited with it by e-mail.

use diesel::prelude::*;
use homeroom::auth::tokens;
use homeroom::db::schema::{email_outbox, users};
use uuid::Uuid;

use super::{create_role, htmx_post, invite, role_grants, token};
use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn super_administrator_makes_a_role_and_invites_someone_with_it() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;

    let role = create_role(&app, &root, "Librarian").await;
    let role_page = format!("/admin/roles/{role}");
    assert!(
        role_grants(&app, role).is_empty(),
        "a new role holds nothing"
    );

    let csrf = token(&app, &root, &role_page).await;
    let cell = htmx_post(
        &app,
        &root,
        &csrf,
        &format!("{role_page}/permissions"),
        &[("toggle", "READ_STUDENTS"), ("permission", "READ_STUDENTS")],
    )
    .await;
    assert_eq!(cell.status(), 200);
    assert!(cell.text().await.expect("cell").contains("checked"));
    assert_eq!(role_grants(&app, role), vec!["READ_STUDENTS"]);

    let form = app
        .get(&root, "/admin/users/new")
        .await
        .text()
        .await
        .expect("form");
    assert!(form.contains(&format!(r#"<option value="{role}">Librarian</option>"#)));
    let invited = invite(
        &app,
        &root,
        ("Lena", "Booker"),
        "Lena.Booker@Northwind.test",
        role,
    )
    .await;
    assert_eq!(invited.status(), 303);

    let mut conn = app.conn();
    let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
    let (lena, org, role_of_lena, password): (Uuid, Option<Uuid>, Option<Uuid>, Option<String>) =
        users::table
            .filter(users::email.eq("lena.booker@northwind.test"))
            .select((
                users::id,
                users::organization_id,
                users::app_role_id,
                users::password,
            ))
            .first(&mut conn)
            .expect("the invited user, e-mail in lower case");
    assert_eq!(org, Some(northwind), "invited into the acting organization");
    assert_eq!(role_of_lena, Some(role));
    assert!(password.is_none(), "she chooses her own password");

    let outbox = app
        .get(&root, "/admin/outbox")
        .await
        .text()
        .await
        .expect("outbox");
    assert!(outbox.contains("invited to Homeroom at Northwind Academy"));
    let body: String = email_outbox::table
        .filter(email_outbox::to_address.eq("lena.booker@northwind.test"))
        .select(email_outbox::body_text)
        .first(&mut conn)
        .expect("the invitation e-mail");
    let prefix = format!("{}/password/set/", app.address);
    let at = body.find(&prefix).expect("a set-password link") + prefix.len();
    let token: String = body[at..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(
        tokens::user_for_password_token(&mut conn, &token).expect("look up"),
        Some(lena),
        "the link in the e-mail belongs to the invited user"
    );
    assert!(body.contains("Librarian"), "the e-mail says which role");
}

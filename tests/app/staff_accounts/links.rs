//! A staff record and its account: invited, linked, unlinked, refused.

use diesel::prelude::*;
use homeroom::db::schema::{audit_log, staff, users};
use uuid::Uuid;

use super::{invitation_link, linked_user, new_teacher, post_page_form};
use crate::admin::{follow, role_id, user_id};
use crate::common::fixtures::UserBuilder;
use crate::common::{DemoUser, count, expect_page, organization_id, spawn_app};

#[actix_web::test]
async fn administrator_invites_a_staff_member_with_the_role_of_their_staff_type() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let email = "imogen.wilde@northwind.test";
    let id = new_teacher(&app, &admin, ("Imogen", "Wilde"), Some(email)).await;

    let record = app.page(&admin, &format!("/staff/{id}")).await;
    let account = format!("/staff/{id}/account");
    assert!(record.contains(&format!(r#"href="{account}""#)));
    assert!(record.contains("Sign-in account"));
    let page = app.page(&admin, &account).await;
    let teacher = role_id(&app, "Teacher");
    assert!(
        page.contains(&format!(
            r#"<option value="{teacher}" selected>Teacher</option>"#
        )),
        "a teacher's account gets the Teacher role unless another is chosen"
    );

    let action = format!("{account}/invite");
    let sent = post_page_form(&app, &admin, (&account, &action), &[]).await;
    let page = follow(&app, &admin, sent).await;
    assert!(page.contains(&format!(
        "Imogen Wilde is invited: the invitation went to {email}."
    )));
    assert!(page.contains("Signs in as Imogen Wilde"));

    let user = linked_user(&app, id).expect("the staff record is linked");
    let (role, password): (Option<Uuid>, Option<String>) = users::table
        .find(user)
        .select((users::app_role_id, users::password))
        .first(&mut app.conn())
        .expect("the new account");
    assert_eq!(role, Some(teacher));
    assert!(password.is_none(), "they choose their own password");
    assert!(invitation_link(&app, email).starts_with("/password/set/"));

    let by: Vec<Option<Uuid>> = audit_log::table
        .filter(audit_log::table_name.eq("staff"))
        .filter(audit_log::row_id.eq(id))
        .filter(audit_log::changes.has_key("user_id"))
        .select(audit_log::user_id)
        .load(&mut app.conn())
        .expect("the trail");
    let admin_id = user_id(&app, DemoUser::Admin.email());
    assert_eq!(
        by,
        vec![Some(admin_id)],
        "the link is in the trail, by whom"
    );
}

#[actix_web::test]
async fn administrator_links_an_existing_user_and_unlinks_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let northwind = organization_id(&mut app.conn(), "Northwind Academy");
    let user = UserBuilder::new("kit.marlow@northwind.test")
        .in_organization(northwind)
        .with_role_named("Teacher")
        .insert(&mut app.conn());
    let id = new_teacher(&app, &admin, ("Kit", "Marlow"), None).await;
    let account = format!("/staff/{id}/account");
    let page = app.page(&admin, &account).await;
    assert!(page.contains(&format!(r#"<option value="{user}">"#)));
    assert!(
        !page.contains(DemoUser::Teacher.email()),
        "a user with a staff record is not offered"
    );

    let action = format!("{account}/link");
    let user_value = user.to_string();
    let linked = post_page_form(&app, &admin, (&account, &action), &[("user", &user_value)]).await;
    let page = follow(&app, &admin, linked).await;
    assert!(page.contains("Kit Marlow now signs in as kit.marlow@northwind.test."));
    assert_eq!(linked_user(&app, id), Some(user));

    let action = format!("{account}/unlink");
    let unlinked = post_page_form(&app, &admin, (&account, &action), &[]).await;
    let page = follow(&app, &admin, unlinked).await;
    assert!(page.contains("Kit Marlow has no sign-in account any more."));
    assert_eq!(linked_user(&app, id), None);
    let kept: i64 = users::table
        .filter(users::id.eq(user))
        .filter(users::deleted_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("the account");
    assert_eq!(kept, 1, "unlinking keeps the account");
}

#[actix_web::test]
async fn a_user_already_linked_to_another_staff_record_is_refused_with_a_message() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = user_id(&app, DemoUser::Teacher.email());
    let id = new_teacher(&app, &admin, ("Second", "Record"), None).await;

    let account = format!("/staff/{id}/account");
    let token = crate::common::csrf_token(&app.page(&admin, &account).await).expect("token");
    let teacher_value = teacher.to_string();
    let refused = app
        .post_form(
            &admin,
            &format!("{account}/link"),
            &[("csrf_token", &token), ("user", &teacher_value)],
        )
        .await;
    expect_page(refused, 409, "is already linked to the staff record of").await;
    assert_eq!(linked_user(&app, id), None, "nothing changed");

    // The database holds the rule too, whatever writes the link.
    let written = diesel::update(staff::table.find(id))
        .set(staff::user_id.eq(teacher))
        .execute(&mut app.conn());
    assert!(
        matches!(
            written,
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        ),
        "a second staff record for one user is refused: {written:?}"
    );
}

#[actix_web::test]
async fn a_staff_member_without_a_usable_email_is_not_invited_and_the_page_says_why() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = role_id(&app, "Teacher").to_string();
    let users_before = count(&mut app.conn(), "users");

    let no_email = new_teacher(&app, &admin, ("No", "Address"), None).await;
    let account = format!("/staff/{no_email}/account");
    let page = app.page(&admin, &account).await;
    assert!(page.contains("This staff member has no e-mail address"));
    let token = crate::common::csrf_token(&page).expect("token");
    let refused = app
        .post_form(
            &admin,
            &format!("{account}/invite"),
            &[("csrf_token", &token), ("role", &teacher)],
        )
        .await;
    expect_page(refused, 409, "no invitation can be sent").await;

    let taken = DemoUser::Director.email();
    let twin = new_teacher(&app, &admin, ("Same", "Address"), Some(taken)).await;
    let account = format!("/staff/{twin}/account");
    let refused = post_page_form(&app, &admin, (&account, &format!("{account}/invite")), &[]).await;
    expect_page(
        refused,
        409,
        &format!("An account with the e-mail {taken} already exists: link it instead."),
    )
    .await;

    let unknown_role = post_page_form(
        &app,
        &admin,
        (&account, &format!("{account}/invite")),
        &[("role", "not-a-role")],
    )
    .await;
    assert_eq!(unknown_role.status(), 409);
    assert_eq!(
        count(&mut app.conn(), "users"),
        users_before,
        "no account made"
    );
    assert_eq!(linked_user(&app, no_email), None);
    assert_eq!(linked_user(&app, twin), None);
}

#[actix_web::test]
async fn only_those_who_manage_users_reach_a_staff_members_account() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = new_teacher(
        &app,
        &admin,
        ("Private", "Person"),
        Some("p.person@northwind.test"),
    )
    .await;
    let account = format!("/staff/{id}/account");
    for who in [DemoUser::Director, DemoUser::Teacher] {
        let client = app.signed_in(who).await;
        assert_eq!(app.get(&client, &account).await.status(), 403, "{who:?}");
        let record = app.page(&client, &format!("/staff/{id}")).await;
        assert!(!record.contains(&account), "{who:?} sees no link to it");
    }
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    assert_eq!(
        app.get(&riverside, &account).await.status(),
        404,
        "another school's staff record is not found"
    );
}

#[actix_web::test]
async fn the_user_page_shows_the_linked_staff_record_and_changes_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = user_id(&app, DemoUser::Teacher.email());
    let staff_id: Uuid = staff::table
        .filter(staff::user_id.eq(teacher))
        .select(staff::id)
        .first(&mut app.conn())
        .expect("the demo teacher's staff record");
    let page_path = format!("/admin/users/{teacher}");
    let action = format!("{page_path}/staff");

    let page = app.page(&admin, &page_path).await;
    assert!(page.contains("Staff record"));
    assert!(page.contains(&format!(r#"<a href="/staff/{staff_id}">"#)));

    let unlinked = post_page_form(&app, &admin, (&page_path, &action), &[]).await;
    let page = follow(&app, &admin, unlinked).await;
    assert!(page.contains("has no sign-in account any more"));
    assert!(page.contains("Not linked to a staff record."));
    assert_eq!(linked_user(&app, staff_id), None);

    let staff_value = staff_id.to_string();
    let linked = post_page_form(
        &app,
        &admin,
        (&page_path, &action),
        &[("staff", &staff_value)],
    )
    .await;
    let page = follow(&app, &admin, linked).await;
    assert!(page.contains(&format!(r#"<a href="/staff/{staff_id}">"#)));
    assert_eq!(linked_user(&app, staff_id), Some(teacher));

    let token = crate::common::csrf_token(&page).expect("token");
    let refused = app
        .post_form(
            &admin,
            &action,
            &[("csrf_token", &token), ("staff", "nonsense")],
        )
        .await;
    expect_page(refused, 409, "Choose a staff record").await;
}

#[actix_web::test]
async fn the_sign_in_account_page_speaks_spanish() {
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = new_teacher(
        &app,
        &admin,
        ("Lucía", "Prieto"),
        Some("lucia.prieto@northwind.test"),
    )
    .await;
    let page = app.page(&admin, &format!("/staff/{id}/account")).await;
    assert!(page.contains("Cuenta de acceso de Lucía Prieto"));
    assert!(page.contains("Invitar a iniciar sesión"));
    let list = app.page(&admin, "/staff/invitations").await;
    assert!(list.contains("Invitar al personal sin cuenta"));
}

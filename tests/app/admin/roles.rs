use diesel::prelude::*;
use homeroom::db::schema::{roles, users};

use super::{create_role, follow, htmx_post, role_grants, role_id, token, user_id};
use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn the_role_list_shows_how_many_people_have_each_role() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app.get(&admin, "/admin/roles").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("roles");
    for role in [
        "Super Administrator",
        "Administrator",
        "Teacher",
        "Front Office",
    ] {
        assert!(html.contains(&format!("<strong>{role}</strong>")), "{role}");
    }
    let northwind: Option<uuid::Uuid> = users::table
        .filter(users::email.eq("teacher@northwind.test"))
        .select(users::organization_id)
        .first(&mut app.conn())
        .expect("Northwind");
    let teachers: i64 = users::table
        .filter(users::app_role_id.eq(role_id(&app, "Teacher")))
        .filter(users::organization_id.eq(northwind))
        .filter(users::deleted_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert!(teachers > 1);
    let row_at = html.find("<strong>Teacher</strong>").expect("teacher row");
    let row = &html[row_at..row_at + html[row_at..].find("</tr>").expect("row end")];
    assert!(
        row.contains(&format!(r#"<td class="num">{teachers}</td>"#)),
        "the count is this organization's: {row}"
    );
    assert!(
        !html.contains(r#"href="/admin/roles/new""#),
        "an organization's administrator is not offered a new role"
    );
    assert!(
        html.contains(r#"href="/admin/users""#),
        "the menu has Users"
    );
}

#[actix_web::test]
async fn an_organization_administrator_reads_roles_but_cannot_change_them() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = role_id(&app, "Teacher");
    let page = format!("/admin/roles/{teacher}");
    let before = role_grants(&app, teacher);

    let html = app.get(&admin, &page).await.text().await.expect("role");
    assert!(html.contains("only a Super Administrator can change them"));
    assert!(!html.contains("Save details"));
    assert!(!html.contains("hx-post"), "no box toggles");
    assert!(!html.contains("/delete"), "no delete button");

    let csrf = token(&app, &admin, &page).await;
    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (page.clone(), vec![("name", "Teachers")]),
        (
            format!("{page}/permissions"),
            vec![("permission", "READ_INVOICES")],
        ),
        (
            format!("{page}/permissions"),
            vec![("toggle", "READ_INVOICES"), ("permission", "READ_INVOICES")],
        ),
        (format!("{page}/delete"), vec![]),
        ("/admin/roles".to_owned(), vec![("name", "Librarian")]),
    ];
    for (path, fields) in attempts {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend(fields);
        let response = app.post_form(&admin, &path, &all).await;
        assert_eq!(response.status(), 403, "POST {path}");
    }
    assert_eq!(app.get(&admin, "/admin/roles/new").await.status(), 403);
    assert_eq!(role_grants(&app, teacher), before);
    assert_eq!(role_id(&app, "Teacher"), teacher, "the name is unchanged");
    assert_eq!(crate::common::count(&mut app.conn(), "roles"), 6);
}

#[actix_web::test]
async fn a_grid_box_saves_at_once_and_answers_with_only_its_cell() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let teacher = role_id(&app, "Teacher");
    let page = format!("/admin/roles/{teacher}");
    let csrf = token(&app, &root, &page).await;
    assert!(!role_grants(&app, teacher).contains(&"READ_INVOICES".to_owned()));

    let on = htmx_post(
        &app,
        &root,
        &csrf,
        &format!("{page}/permissions"),
        // htmx sends the whole form along; only the toggled box counts.
        &[
            ("toggle", "READ_INVOICES"),
            ("permission", "READ_INVOICES"),
            ("permission", "READ_STUDENTS"),
        ],
    )
    .await;
    assert_eq!(on.status(), 200);
    assert!(
        on.headers()["vary"]
            .to_str()
            .expect("vary")
            .contains("HX-Request")
    );
    let cell = on.text().await.expect("cell");
    assert!(
        cell.trim_start()
            .starts_with(r#"<td id="cell-READ_INVOICES""#),
        "{cell}"
    );
    assert!(
        !cell.contains("<html") && !cell.contains("<table"),
        "only the cell"
    );
    assert!(cell.contains("checked") && cell.contains("Saved"));
    assert!(role_grants(&app, teacher).contains(&"READ_INVOICES".to_owned()));

    let off = htmx_post(
        &app,
        &root,
        &csrf,
        &format!("{page}/permissions"),
        &[("toggle", "READ_INVOICES"), ("permission", "READ_STUDENTS")],
    )
    .await;
    let cell = off.text().await.expect("cell");
    assert!(!cell.contains("checked"), "{cell}");
    let grants = role_grants(&app, teacher);
    assert!(!grants.contains(&"READ_INVOICES".to_owned()));
    assert!(
        grants.contains(&"READ_STUDENTS".to_owned()),
        "other boxes untouched"
    );

    let nonsense = htmx_post(
        &app,
        &root,
        &csrf,
        &format!("{page}/permissions"),
        &[("toggle", "FLY_STUDENTS")],
    )
    .await;
    assert_eq!(nonsense.status(), 400);
}

#[actix_web::test]
async fn the_whole_grid_also_saves_as_one_plain_form() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let nurse = create_role(&app, &root, "Nurse").await;
    let page = format!("/admin/roles/{nurse}");
    let saved = app
        .submit(
            &root,
            &page,
            &format!("{page}/permissions"),
            &[
                ("permission", "READ_STUDENTS"),
                ("permission", "READ_GUARDIANS"),
            ],
        )
        .await;
    let html = follow(&app, &root, saved).await;
    assert!(html.contains("Permissions saved."));
    assert_eq!(
        role_grants(&app, nurse),
        vec!["READ_GUARDIANS", "READ_STUDENTS"]
    );
    assert!(html.contains(r#"value="READ_STUDENTS" checked"#));

    let saved = app
        .submit(
            &root,
            &page,
            &format!("{page}/permissions"),
            &[("permission", "READ_GUARDIANS")],
        )
        .await;
    follow(&app, &root, saved).await;
    assert_eq!(
        role_grants(&app, nurse),
        vec!["READ_GUARDIANS"],
        "unticked boxes are removed"
    );
}

#[actix_web::test]
async fn a_role_is_renamed_set_to_require_mfa_and_checked_for_mistakes() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let teacher = role_id(&app, "Teacher");
    let page = format!("/admin/roles/{teacher}");

    let empty = app
        .submit(
            &root,
            &page,
            &page,
            &[("name", "  "), ("description", "Kept")],
        )
        .await;
    assert_eq!(empty.status(), 422);
    let html = empty.text().await.expect("form");
    assert!(html.contains("Enter the name."));
    assert!(
        html.contains(r#"value="Kept""#),
        "the description typed is kept"
    );

    let taken = app
        .submit(&root, &page, &page, &[("name", "administrator")])
        .await;
    assert_eq!(taken.status(), 422);
    assert!(
        taken
            .text()
            .await
            .expect("form")
            .contains("Another role already has this name.")
    );

    let saved = app
        .submit(
            &root,
            &page,
            &page,
            &[
                ("name", "Class Teacher"),
                ("description", ""),
                ("require_mfa", "on"),
            ],
        )
        .await;
    let html = follow(&app, &root, saved).await;
    assert!(html.contains("Role saved."));
    let (name, mfa): (String, bool) = roles::table
        .find(teacher)
        .select((roles::name, roles::require_mfa))
        .first(&mut app.conn())
        .expect("role");
    assert_eq!((name.as_str(), mfa), ("Class Teacher", true));
    let list = app
        .get(&root, "/admin/roles")
        .await
        .text()
        .await
        .expect("list");
    assert!(list.contains("MFA required"));
}

#[actix_web::test]
async fn built_in_roles_and_roles_in_use_are_not_deleted() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let teacher = role_id(&app, "Teacher");
    let refused = app
        .submit(
            &root,
            &format!("/admin/roles/{teacher}"),
            &format!("/admin/roles/{teacher}/delete"),
            &[],
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .expect("page")
            .contains("comes with Homeroom and cannot be deleted")
    );

    let coach = create_role(&app, &root, "Coach").await;
    let page = format!("/admin/roles/{coach}");
    let office = user_id(&app, "office@northwind.test");
    let front_office = role_id(&app, "Front Office");
    let set_role = |role| {
        diesel::update(users::table.find(office))
            .set(users::app_role_id.eq(role))
            .execute(&mut app.conn())
            .expect("set role")
    };
    set_role(coach);
    let in_use = app
        .submit(&root, &page, &format!("{page}/delete"), &[])
        .await;
    assert_eq!(in_use.status(), 409);
    assert!(
        in_use
            .text()
            .await
            .expect("page")
            .contains("cannot be deleted while 1 user has it")
    );

    set_role(front_office);
    let deleted = app
        .submit(&root, &page, &format!("{page}/delete"), &[])
        .await;
    let list = follow(&app, &root, deleted).await;
    assert!(list.contains("Role “Coach” deleted."));
    assert!(!list.contains("<strong>Coach</strong>"));
    let deleted_at: Option<chrono::DateTime<chrono::Utc>> = roles::table
        .find(coach)
        .select(roles::deleted_at)
        .first(&mut app.conn())
        .expect("the row is kept");
    assert!(deleted_at.is_some(), "soft-deleted");
    assert_eq!(app.get(&root, &page).await.status(), 404);
}

#[actix_web::test]
async fn nobody_removes_the_last_way_to_change_roles_or_their_own_user_administration() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let super_admin = role_id(&app, "Super Administrator");
    let page = format!("/admin/roles/{super_admin}");
    let csrf = token(&app, &root, &page).await;

    let cell = htmx_post(
        &app,
        &root,
        &csrf,
        &format!("{page}/permissions"),
        &[("toggle", "UPDATE_ROLES")],
    )
    .await;
    assert_eq!(cell.status(), 200);
    let cell = cell.text().await.expect("cell");
    assert!(cell.contains("checked"), "the box stays ticked: {cell}");
    assert!(cell.contains("no active user with global access who can change roles"));
    assert!(role_grants(&app, super_admin).contains(&"UPDATE_ROLES".to_owned()));

    // The plain form without that box is refused as a whole.
    let everything_but: Vec<String> = role_grants(&app, super_admin)
        .into_iter()
        .filter(|p| p != "UPDATE_USERS")
        .collect();
    let mut fields: Vec<(&str, &str)> = everything_but
        .iter()
        .map(|p| ("permission", p.as_str()))
        .collect();
    fields.push(("csrf_token", &csrf));
    let refused = app
        .post_form(&root, &format!("{page}/permissions"), &fields)
        .await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .expect("page")
            .contains("That would take away your own permission to manage users.")
    );
    assert!(role_grants(&app, super_admin).contains(&"UPDATE_USERS".to_owned()));
}

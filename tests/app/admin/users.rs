use diesel::prelude::*;
use homeroom::auth::tokens;
use homeroom::db::schema::{auth_refresh_tokens, email_outbox, users};
use homeroom::startup::route_table;
use uuid::Uuid;

use super::{custom_grants, follow, htmx_post, invite, role_id, token, user_id};
use crate::common::{DEMO_PASSWORD, DemoUser, count, spawn_app};

fn live_sessions(app: &crate::common::TestApp, user: Uuid) -> i64 {
    auth_refresh_tokens::table
        .filter(auth_refresh_tokens::user_id.eq(user))
        .filter(auth_refresh_tokens::revoked_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("sessions")
}

fn is_disabled(app: &crate::common::TestApp, user: Uuid) -> bool {
    users::table
        .find(user)
        .select(users::disabled)
        .first(&mut app.conn())
        .expect("user")
}

#[actix_web::test]
async fn administrator_searches_and_filters_the_users_of_the_school() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let all = app
        .get(&admin, "/admin/users")
        .await
        .text()
        .await
        .expect("list");
    assert!(all.contains("teacher@northwind.test"));
    assert!(all.contains("director@northwind.test"));
    assert!(!all.contains("@riverside.test"), "only this organization");
    assert!(!all.contains("root@homeroom.test"));

    let found = app
        .get(&admin, "/admin/users?q=TEACHER%40north")
        .await
        .text()
        .await
        .expect("search");
    assert!(found.contains("teacher@northwind.test"));
    assert!(!found.contains("director@northwind.test"));
    assert!(
        found.contains(r#"value="TEACHER@north""#),
        "the search stays in the box"
    );

    let teacher_role = role_id(&app, "Teacher");
    let teachers = app
        .get(&admin, &format!("/admin/users?role={teacher_role}"))
        .await
        .text()
        .await
        .expect("filtered");
    assert!(teachers.contains("teacher@northwind.test"));
    assert!(!teachers.contains("director@northwind.test"));
    assert!(teachers.contains(&format!(r#"<option value="{teacher_role}" selected>"#)));

    let none = app
        .get(&admin, "/admin/users?status=disabled&q=%25")
        .await
        .text()
        .await
        .expect("filtered");
    assert!(
        none.contains("No users match."),
        "a % is searched for literally"
    );
    assert!(none.contains(r#"<option value="disabled" selected>"#));

    let fragment = admin
        .get(app.url("/admin/users?q=director"))
        .header("HX-Request", "true")
        .send()
        .await
        .expect("htmx");
    assert_eq!(fragment.status(), 200);
    let html = fragment.text().await.expect("fragment");
    assert!(
        html.trim_start()
            .starts_with(r#"<section id="user-results""#),
        "{html}"
    );
    assert!(html.contains("director@northwind.test"));
    assert!(!html.contains("<html") && !html.contains("<form"));

    let garbage = app
        .get(&admin, "/admin/users?role=nope&status=%3Cb%3E&page=-4")
        .await;
    assert_eq!(garbage.status(), 200, "unusable filters are ignored");
}

#[actix_web::test]
async fn administrator_finds_a_colleague_without_typing_the_accents() {
    let app = spawn_app().await;
    let teacher = user_id(&app, "teacher@northwind.test");
    diesel::update(users::table.find(teacher))
        .set((
            users::first_name.eq("Zoë"),
            users::last_name.eq("Nguyễn-Østergaard"),
        ))
        .execute(&mut app.conn())
        .expect("rename the teacher");
    let admin = app.signed_in(DemoUser::Admin).await;
    for q in ["nguyen", "ZOE", "ostergaard"] {
        let found = app
            .get(&admin, &format!("/admin/users?q={q}"))
            .await
            .text()
            .await
            .expect("search");
        assert!(found.contains("teacher@northwind.test"), "{q} finds them");
        assert!(found.contains("Nguyễn-Østergaard"), "shown as written");
        assert!(!found.contains("director@northwind.test"), "{q}");
    }
}

#[actix_web::test]
async fn the_invitation_form_explains_each_problem_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let users_before = count(&mut app.conn(), "users");
    let teacher_role = role_id(&app, "Teacher").to_string();

    let response = app
        .submit(
            &admin,
            "/admin/users/new",
            "/admin/users",
            &[
                ("first_name", " "),
                ("last_name", "<script>alert(1)</script>"),
                ("email", "not-an-address"),
                ("role", &teacher_role),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("form");
    assert!(html.contains("Enter the first name."));
    assert!(html.contains("Enter an e-mail address like name@school.org."));
    assert!(html.contains(r#"value="not-an-address""#));
    assert!(html.contains(r#"value="&#60;script&#62;alert(1)&#60;/script&#62;""#));
    assert!(
        !html.contains("<script>alert"),
        "typed text comes back escaped"
    );
    assert!(html.contains(&format!(r#"<option value="{teacher_role}" selected>"#)));

    let taken = app
        .submit(
            &admin,
            "/admin/users/new",
            "/admin/users",
            &[
                ("first_name", "Tess"),
                ("last_name", "Twice"),
                ("email", " Teacher@Northwind.TEST "),
                ("role", ""),
            ],
        )
        .await;
    assert_eq!(taken.status(), 422);
    let html = taken.text().await.expect("form");
    assert!(html.contains("Someone already has an account with this e-mail address."));
    assert!(html.contains("Choose a role."));
    assert_eq!(count(&mut app.conn(), "users"), users_before);
    assert_eq!(count(&mut app.conn(), "email_outbox"), 0);
}

#[actix_web::test]
async fn administrators_without_global_access_cannot_hand_it_out() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let super_admin = role_id(&app, "Super Administrator").to_string();
    let form = app
        .get(&admin, "/admin/users/new")
        .await
        .text()
        .await
        .expect("form");
    assert!(!form.contains(&super_admin), "not offered");
    assert!(form.contains(">Teacher</option>"));

    let invite = app
        .submit(
            &admin,
            "/admin/users/new",
            "/admin/users",
            &[
                ("first_name", "Sam"),
                ("last_name", "Sneaky"),
                ("email", "sam@northwind.test"),
                ("role", &super_admin),
            ],
        )
        .await;
    assert_eq!(invite.status(), 422);
    assert!(
        invite
            .text()
            .await
            .expect("form")
            .contains("Choose one of the roles in the list.")
    );

    let director = user_id(&app, "director@northwind.test");
    let page = format!("/admin/users/{director}");
    let promote = app
        .submit(
            &admin,
            &page,
            &format!("{page}/role"),
            &[("role", &super_admin)],
        )
        .await;
    assert_eq!(promote.status(), 422);
    let role: Option<Uuid> = users::table
        .find(director)
        .select(users::app_role_id)
        .first(&mut app.conn())
        .expect("director");
    assert_eq!(role, Some(role_id(&app, "Director")));

    // Nor grant themselves what their role does not hold.
    let admin_id = user_id(&app, "admin@northwind.test");
    let own = format!("/admin/users/{admin_id}");
    let csrf = token(&app, &admin, &own).await;
    let grab = htmx_post(
        &app,
        &admin,
        &csrf,
        &format!("{own}/permissions"),
        &[
            ("toggle", "CREATE_ORGANIZATIONS"),
            ("permission", "CREATE_ORGANIZATIONS"),
        ],
    )
    .await;
    assert_eq!(grab.status(), 403);
    assert!(custom_grants(&app, admin_id).is_empty());
}

#[actix_web::test]
async fn a_user_gets_a_new_role_and_extra_permissions_from_the_same_grid() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = user_id(&app, "teacher@northwind.test");
    let page = format!("/admin/users/{teacher}");
    let html = app.get(&admin, &page).await.text().await.expect("user");
    assert!(
        html.contains(r#"value="READ_STUDENTS" checked disabled"#),
        "the role's permissions show, greyed"
    );
    assert!(html.contains("Sign-in history"));

    let csrf = token(&app, &admin, &page).await;
    let cell = htmx_post(
        &app,
        &admin,
        &csrf,
        &format!("{page}/permissions"),
        &[("toggle", "READ_INVOICES"), ("permission", "READ_INVOICES")],
    )
    .await;
    assert_eq!(cell.status(), 200);
    let cell = cell.text().await.expect("cell");
    assert!(
        cell.trim_start()
            .starts_with(r#"<td id="cell-READ_INVOICES""#)
    );
    assert_eq!(custom_grants(&app, teacher), vec!["READ_INVOICES"]);

    let plain = app
        .submit(
            &admin,
            &page,
            &format!("{page}/permissions"),
            &[
                ("permission", "READ_INVOICES"),
                ("permission", "READ_PAYMENTS"),
            ],
        )
        .await;
    follow(&app, &admin, plain).await;
    assert_eq!(
        custom_grants(&app, teacher),
        vec!["READ_INVOICES", "READ_PAYMENTS"]
    );

    let director_role = role_id(&app, "Director");
    let changed = app
        .submit(
            &admin,
            &page,
            &format!("{page}/role"),
            &[("role", &director_role.to_string())],
        )
        .await;
    let html = follow(&app, &admin, changed).await;
    assert!(html.contains("is now Director."));
}

#[actix_web::test]
async fn disabling_a_user_signs_them_out_on_their_next_request() {
    let app = spawn_app().await;
    let teacher_client = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher_client, "/").await.status(), 200);
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = user_id(&app, "teacher@northwind.test");
    let page = format!("/admin/users/{teacher}");

    let disabled = app
        .submit(&admin, &page, &format!("{page}/disable"), &[])
        .await;
    let html = follow(&app, &admin, disabled).await;
    assert!(html.contains("is disabled and signed out everywhere."));
    assert!(is_disabled(&app, teacher));
    assert_eq!(live_sessions(&app, teacher), 0);

    let next = app.get(&teacher_client, "/").await;
    assert_eq!(next.status(), 303);
    assert!(
        next.headers()["location"]
            .to_str()
            .expect("location")
            .starts_with("/login")
    );
    let again = app
        .sign_in(&app.client(), "teacher@northwind.test", DEMO_PASSWORD)
        .await;
    assert_eq!(again.status(), 401, "a disabled account cannot sign in");

    let enabled = app
        .submit(&admin, &page, &format!("{page}/enable"), &[])
        .await;
    follow(&app, &admin, enabled).await;
    assert!(!is_disabled(&app, teacher));
    app.signed_in(DemoUser::Teacher).await;
}

#[actix_web::test]
async fn administrators_cannot_disable_themselves_or_give_up_their_own_user_administration() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let me = user_id(&app, "admin@northwind.test");
    let page = format!("/admin/users/{me}");
    let html = app.get(&admin, &page).await.text().await.expect("own page");
    assert!(!html.contains("/disable"), "no button to disable oneself");

    let refused = app
        .submit(&admin, &page, &format!("{page}/disable"), &[])
        .await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .expect("page")
            .contains("You cannot disable your own account.")
    );
    assert!(!is_disabled(&app, me));

    let teacher_role = role_id(&app, "Teacher").to_string();
    let demoted = app
        .submit(
            &admin,
            &page,
            &format!("{page}/role"),
            &[("role", &teacher_role)],
        )
        .await;
    assert_eq!(demoted.status(), 409);
    let html = demoted.text().await.expect("page");
    assert!(html.contains("That would take away your own permission to manage users."));
    let administrator = role_id(&app, "Administrator");
    assert!(
        html.contains(&format!(r#"<option value="{administrator}" selected>"#)),
        "the form shows the role that was kept"
    );
    let role: Option<Uuid> = users::table
        .find(me)
        .select(users::app_role_id)
        .first(&mut app.conn())
        .expect("admin");
    assert_eq!(role, Some(administrator));
    assert_eq!(app.get(&admin, "/admin/users").await.status(), 200);
}

#[actix_web::test]
async fn an_administrator_sees_sign_ins_and_ends_one_session() {
    let app = spawn_app().await;
    let phone = app.signed_in(DemoUser::Teacher).await;
    let tablet = app.signed_in(DemoUser::Teacher).await;
    let failed = app
        .sign_in(&app.client(), "teacher@northwind.test", "wrong password")
        .await;
    assert_eq!(failed.status(), 401);
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher = user_id(&app, "teacher@northwind.test");
    let page = format!("/admin/users/{teacher}");

    let html = app.get(&admin, &page).await.text().await.expect("user");
    assert!(
        html.contains("Wrong password"),
        "the failed attempt is listed"
    );
    assert_eq!(
        html.matches(r#"<span class="badge ok">Signed in</span>"#)
            .count(),
        2
    );
    let sessions: Vec<Uuid> = auth_refresh_tokens::table
        .filter(auth_refresh_tokens::user_id.eq(teacher))
        .order(auth_refresh_tokens::created_at.asc())
        .select(auth_refresh_tokens::id)
        .load(&mut app.conn())
        .expect("sessions");
    assert_eq!(sessions.len(), 2);
    for s in &sessions {
        assert!(html.contains(&format!("/sessions/{s}/revoke")));
    }

    let ended = app
        .submit(
            &admin,
            &page,
            &format!("{page}/sessions/{}/revoke", sessions[0]),
            &[],
        )
        .await;
    let html = follow(&app, &admin, ended).await;
    assert!(html.contains("The session is ended"));
    assert_eq!(
        app.get(&phone, "/").await.status(),
        303,
        "the first device is signed out"
    );
    assert_eq!(
        app.get(&tablet, "/").await.status(),
        200,
        "the other keeps working"
    );
}

#[actix_web::test]
async fn a_new_invitation_replaces_the_earlier_link() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher_role = role_id(&app, "Teacher");
    let invited = invite(
        &app,
        &admin,
        ("Ian", "Vite"),
        "ian@northwind.test",
        teacher_role,
    )
    .await;
    let page = invited.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let html = app.get(&admin, &page).await.text().await.expect("user");
    assert!(html.contains("Invitation sent to ian@northwind.test."));
    assert!(html.contains(r#"<span class="badge warn">Invited</span>"#));

    let resent = app
        .submit(&admin, &page, &format!("{page}/invitation"), &[])
        .await;
    assert!(
        follow(&app, &admin, resent)
            .await
            .contains("The earlier link no longer works.")
    );

    let mut conn = app.conn();
    let bodies: Vec<String> = email_outbox::table
        .filter(email_outbox::to_address.eq("ian@northwind.test"))
        .order(email_outbox::created_at.asc())
        .select(email_outbox::body_text)
        .load(&mut conn)
        .expect("e-mails");
    assert_eq!(bodies.len(), 2);
    let token_in = |body: &str| -> String {
        let at = body.find("/password/set/").expect("link") + "/password/set/".len();
        body[at..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect()
    };
    let ian = user_id(&app, "ian@northwind.test");
    assert_eq!(
        tokens::user_for_password_token(&mut conn, &token_in(&bodies[0])).expect("lookup"),
        None
    );
    assert_eq!(
        tokens::user_for_password_token(&mut conn, &token_in(&bodies[1])).expect("lookup"),
        Some(ian)
    );

    let teacher = user_id(&app, "teacher@northwind.test");
    let active = app
        .submit(
            &admin,
            &format!("/admin/users/{teacher}"),
            &format!("/admin/users/{teacher}/invitation"),
            &[],
        )
        .await;
    assert_eq!(
        active.status(),
        409,
        "someone with a password gets no invitation"
    );
}

#[actix_web::test]
async fn a_riverside_administrator_cannot_see_or_change_northwind_people() {
    let app = spawn_app().await;
    let teacher_client = app.signed_in(DemoUser::Teacher).await;
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let teacher = user_id(&app, "teacher@northwind.test");
    let session: Uuid = auth_refresh_tokens::table
        .filter(auth_refresh_tokens::user_id.eq(teacher))
        .select(auth_refresh_tokens::id)
        .first(&mut app.conn())
        .expect("the teacher's session");
    let riverside_teacher_role = role_id(&app, "Teacher").to_string();

    let list = app
        .get(&riverside, "/admin/users?q=northwind")
        .await
        .text()
        .await
        .expect("list");
    assert!(list.contains("No users match."));
    let page = format!("/admin/users/{teacher}");
    assert_eq!(app.get(&riverside, &page).await.status(), 404);

    let csrf = token(&app, &riverside, "/admin/users").await;
    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("{page}/disable"), vec![]),
        (format!("{page}/enable"), vec![]),
        (format!("{page}/invitation"), vec![]),
        (
            format!("{page}/role"),
            vec![("role", &riverside_teacher_role)],
        ),
        (
            format!("{page}/permissions"),
            vec![("permission", "READ_INVOICES")],
        ),
        (
            format!("{page}/permissions"),
            vec![("toggle", "READ_INVOICES"), ("permission", "READ_INVOICES")],
        ),
        (format!("{page}/sessions/{session}/revoke"), vec![]),
    ];
    for (path, fields) in attempts {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend(fields);
        let response = app.post_form(&riverside, &path, &all).await;
        assert_eq!(response.status(), 404, "POST {path}");
    }
    assert!(!is_disabled(&app, teacher));
    assert_eq!(live_sessions(&app, teacher), 1);
    assert!(custom_grants(&app, teacher).is_empty());
    assert_eq!(count(&mut app.conn(), "email_outbox"), 0);
    assert_eq!(
        app.get(&teacher_client, "/").await.status(),
        200,
        "still signed in"
    );
}

#[actix_web::test]
async fn a_teacher_is_refused_on_every_administration_page_and_action() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let csrf = token(&app, &teacher, "/").await;
    let director = user_id(&app, "director@northwind.test").to_string();
    let role = role_id(&app, "Teacher").to_string();
    let users_before = count(&mut app.conn(), "users");
    let roles_before = count(&mut app.conn(), "roles");

    let dashboard = app
        .get(&teacher, "/")
        .await
        .text()
        .await
        .expect("dashboard");
    assert!(
        !dashboard.contains(r#"href="/admin/users""#)
            && !dashboard.contains(r#"href="/admin/roles""#)
    );

    let admin_routes: Vec<_> = route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/admin"))
        .collect();
    assert!(
        admin_routes.len() >= 17,
        "roles, users and outbox are registered"
    );
    for route in admin_routes {
        let id = if route.path.starts_with("/admin/roles") {
            &role
        } else {
            &director
        };
        let path = route
            .path
            .replace("{id}", id)
            .replace("{session_id}", "00000000-0000-4000-8000-000000000000");
        let response = if route.method == actix_web::http::Method::GET {
            app.get(&teacher, &path).await
        } else {
            app.post_form(
                &teacher,
                &path,
                &[
                    ("csrf_token", &csrf),
                    ("name", "x"),
                    ("role", &role),
                    ("toggle", "READ_INVOICES"),
                ],
            )
            .await
        };
        assert_eq!(response.status(), 403, "{} {path}", route.method);
    }
    assert_eq!(count(&mut app.conn(), "users"), users_before);
    assert_eq!(count(&mut app.conn(), "roles"), roles_before);
}

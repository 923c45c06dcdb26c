//! One organization never sees another's rows: through the pages, and in the
//! database itself through row-level security.

use diesel::prelude::*;
use homeroom::db::schema::{campuses, students};
use homeroom::db::{Actor, enter};

use crate::common::{DemoUser, organization_id, spawn_app};

#[actix_web::test]
async fn an_unscoped_query_returns_no_rows_of_another_organization() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let northwind = organization_id(&mut conn, "Northwind Academy");
    let riverside = organization_id(&mut conn, "Riverside School");
    let everyone: i64 = students::table
        .count()
        .get_result(&mut conn)
        .expect("count");

    conn.transaction(|conn| {
        enter(conn, &Actor::system(riverside))?;
        let visible: i64 = students::table.count().get_result(conn)?;
        let of_northwind: i64 = students::table
            .filter(students::organization_id.eq(northwind))
            .count()
            .get_result(conn)?;
        assert!(
            visible > 0 && visible < everyone,
            "Riverside sees only its {visible} of {everyone}"
        );
        assert_eq!(
            of_northwind, 0,
            "Northwind's students are invisible from Riverside"
        );
        diesel::result::QueryResult::Ok(())
    })
    .expect("scoped transaction");

    conn.transaction(|conn| {
        diesel::sql_query("SELECT set_config('role', 'homeroom_app', true)").execute(conn)?;
        let visible: i64 = students::table.count().get_result(conn)?;
        assert_eq!(
            visible, 0,
            "without an organization the application role sees nothing"
        );
        diesel::result::QueryResult::Ok(())
    })
    .expect("unscoped transaction");
}

#[actix_web::test]
async fn writing_into_another_organization_is_refused_by_the_database() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let northwind = organization_id(&mut conn, "Northwind Academy");
    let riverside = organization_id(&mut conn, "Riverside School");
    let before: i64 = campuses::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    let refused = conn.transaction(|conn| {
        enter(conn, &Actor::system(riverside))?;
        diesel::insert_into(campuses::table)
            .values((
                campuses::organization_id.eq(northwind),
                campuses::name.eq("Smuggled Campus"),
            ))
            .execute(conn)
    });
    assert!(refused.is_err(), "row-level security rejects the row");
    let after: i64 = campuses::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(before, after);
}

#[actix_web::test]
async fn super_administrator_switches_organization_from_the_header() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let dashboard = app.get(&root, "/").await.text().await.expect("dashboard");
    assert!(
        dashboard.contains(r#"href="/organization""#),
        "the header offers the switcher"
    );

    let riverside = organization_id(&mut app.conn(), "Riverside School");
    let choose = app
        .get(&root, "/organization")
        .await
        .text()
        .await
        .expect("choices");
    assert!(choose.contains("Northwind Academy") && choose.contains("Riverside School"));
    let switched = app
        .submit(
            &root,
            "/organization",
            "/organization",
            &[("organization_id", &riverside.to_string())],
        )
        .await;
    assert_eq!(switched.status(), 303);
    assert!(
        crate::common::set_cookie(&switched, "homeroom_session").is_some(),
        "acting in another organization rotates the session key"
    );
    let now = app.get(&root, "/").await.text().await.expect("dashboard");
    assert!(now.contains("You are now working in Riverside School."));
    assert!(now.contains(r#"<a class="org-switch" href="/organization">Riverside School</a>"#));
}

#[actix_web::test]
async fn organization_administrators_cannot_switch_organization() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    assert_eq!(app.get(&admin, "/organization").await.status(), 403);
    let riverside = organization_id(&mut app.conn(), "Riverside School");
    let attempt = app
        .submit(
            &admin,
            "/",
            "/organization",
            &[("organization_id", &riverside.to_string())],
        )
        .await;
    assert_eq!(attempt.status(), 403);
    let still = app.get(&admin, "/").await.text().await.expect("dashboard");
    assert!(still.contains("Northwind Academy"));
    assert!(!still.contains(r#"href="/organization""#));
}

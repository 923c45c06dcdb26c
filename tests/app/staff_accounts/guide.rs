//! A guide per role: attached on the role page, downloaded by those who hold the role.

use diesel::prelude::*;
use homeroom::db::schema::file;
use uuid::Uuid;

use crate::admin::role_id;
use crate::common::{DemoUser, spawn_app};

#[actix_web::test]
async fn a_role_guide_is_downloaded_by_those_who_hold_the_role_and_nobody_else() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let teacher_role = role_id(&app, "Teacher");
    let text = b"Take the roll before 09:30.";
    let uploaded = crate::files::upload(
        &app,
        &admin,
        "roles",
        teacher_role,
        "teacher-guide.txt",
        text,
    )
    .await;
    assert_eq!(uploaded.status(), 303);
    let role_page = app
        .page(&admin, &format!("/admin/roles/{teacher_role}"))
        .await;
    assert!(role_page.contains("Guide for this role"));
    assert!(role_page.contains("teacher-guide.txt"));
    let guide: Uuid = file::table
        .filter(file::belongs_to.eq("roles"))
        .filter(file::belongs_to_id.eq(teacher_role))
        .select(file::id)
        .first(&mut app.conn())
        .expect("the guide");
    let link = format!("/files/{guide}");

    crate::languages::set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let profile = app.page(&teacher, "/profile").await;
    assert!(profile.contains("La guía de su rol"));
    assert!(profile.contains(&format!(r#"href="{link}""#)));
    let downloaded = app.get(&teacher, &link).await;
    assert_eq!(downloaded.status(), 200);
    assert_eq!(downloaded.bytes().await.expect("the file").as_ref(), text);

    let director = app.signed_in(DemoUser::Director).await;
    assert!(!app.page(&director, "/profile").await.contains(&link));
    assert_eq!(app.get(&director, &link).await.status(), 403);
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    assert_eq!(app.get(&riverside, &link).await.status(), 404);
}

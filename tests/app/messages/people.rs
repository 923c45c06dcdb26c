//! Choosing people by hand: a search as the writer types (htmx), the same search
//! as a plain form, no list of everyone, and only people the writer may see.

use super::attachments::{a_guardian, post_with_files};
use super::{compose, newest_message};
use crate::common::{DemoUser, spawn_app};
use crate::languages::set_user_language;

/// Part of a name, as one types it: the first three letters of the first name and
/// the last name ("Ama Okafor" for "Amara Okafor").
fn part_of(name: &str) -> String {
    let first: String = name.chars().take(3).collect();
    let last = name.split_whitespace().last().unwrap_or_default();
    format!("{first} {last}")
}

#[actix_web::test]
async fn the_type_ahead_finds_a_guardian_by_part_of_the_name_and_not_another_schools() {
    let app = spawn_app().await;
    let ours = a_guardian(&app, "Northwind Academy");
    let theirs = a_guardian(&app, "Riverside School");
    let admin = app.signed_in(DemoUser::Admin).await;

    let found = admin
        .get(app.url("/messages/people"))
        .query(&[("person_q", part_of(&ours.name))])
        .header("HX-Request", "true")
        .send()
        .await
        .expect("the chooser's search");
    assert_eq!(found.status(), 200);
    let html = found.text().await.expect("the list");
    assert!(
        html.contains(&format!("/messages/people/pick?id={}", ours.id)),
        "{html}"
    );
    assert!(html.contains(&ours.name));

    let chip = app
        .page(&admin, &format!("/messages/people/pick?id={}", ours.id))
        .await;
    assert!(
        chip.contains(&format!("name=\"person\" value=\"{}\" checked", ours.id)),
        "{chip}"
    );

    // Another school's guardian is nobody to this school's writer.
    let elsewhere = app
        .page(
            &admin,
            &format!(
                "/messages/people?person_q={}",
                theirs.name.replace(' ', "+")
            ),
        )
        .await;
    assert!(!elsewhere.contains(&theirs.id.to_string()), "{elsewhere}");
    let picked = app
        .get(&admin, &format!("/messages/people/pick?id={}", theirs.id))
        .await;
    assert_eq!(picked.status(), 404);
    let theirs_id = theirs.id.to_string();
    let preview = compose(
        &app,
        &admin,
        &[
            ("subject", "Hello"),
            ("body", "Hi."),
            ("audience", "custom"),
            ("person", &theirs_id),
            ("email", "on"),
            ("intent", "preview"),
        ],
    )
    .await;
    let html = preview.text().await.expect("the form");
    assert!(!html.contains("This message reaches 1 person."), "{html}");
    assert!(!html.contains(&theirs.name), "their name is not shown");

    // A teacher writes to their classes only: the chooser is not theirs.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let refused = app
        .get(
            &teacher,
            &format!("/messages/people?person_q={}", part_of(&ours.name)),
        )
        .await;
    assert_eq!(refused.status(), 403);
}

#[actix_web::test]
async fn without_javascript_the_search_button_lists_people_to_tick_and_the_message_reaches_them() {
    let app = spawn_app().await;
    let guardian = a_guardian(&app, "Northwind Academy");
    let admin = app.signed_in(DemoUser::Admin).await;
    let form = app.page(&admin, "/messages/new").await;
    assert!(
        !form.contains("<select id=\"person\""),
        "no list of every account"
    );
    let query = part_of(&guardian.name);
    let found = compose(
        &app,
        &admin,
        &[
            ("subject", "Meeting"),
            ("person_q", &query),
            ("email", "on"),
            ("intent", "find"),
        ],
    )
    .await;
    assert_eq!(found.status(), 200);
    let html = found.text().await.expect("the form with people found");
    assert!(
        html.contains(&format!(
            "<input type=\"checkbox\" name=\"person\" value=\"{}\">",
            guardian.id
        )),
        "{html}"
    );
    assert!(html.contains("value=\"Meeting\""), "the subject is kept");
    assert!(!html.contains("Write the message."), "no complaint yet");

    let person = guardian.id.to_string();
    let preview = compose(
        &app,
        &admin,
        &[
            ("subject", "Meeting"),
            ("body", "Can we meet on Monday?"),
            ("audience", "custom"),
            ("person", &person),
            ("email", "on"),
            ("intent", "preview"),
        ],
    )
    .await;
    let html = preview.text().await.expect("the preview");
    assert!(html.contains("This message reaches 1 person."), "{html}");
    assert!(html.contains(&guardian.name));
    assert_eq!(newest_message(&app, DemoUser::Admin.email()), None);
}

#[actix_web::test]
async fn the_chooser_and_attachments_read_in_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let guardian = a_guardian(&app, "Northwind Academy");
    let admin = app.signed_in(DemoUser::Admin).await;
    let form = app.page(&admin, "/messages/new").await;
    assert!(form.contains("Archivos adjuntos"), "{form}");
    assert!(form.contains("Buscar una persona"));
    let found = app.page(&admin, "/messages/people?person_q=zzzqqq").await;
    assert!(found.contains("Nadie coincide con «zzzqqq»."), "{found}");

    let person = guardian.id.to_string();
    let pdf = super::attachments::timetable_pdf();
    let again = post_with_files(
        &app,
        &admin,
        "/messages/new",
        &[
            ("subject", ""),
            ("body", "Adjunto el horario."),
            ("audience", "custom"),
            ("person", &person),
            ("email", "on"),
            ("intent", "send"),
        ],
        &[("horario.pdf", &pdf)],
    )
    .await;
    assert_eq!(again.status(), 422);
    let html = again.text().await.expect("the form again");
    assert!(html.contains("Vuelve a elegirlos."), "{html}");
}

#[actix_web::test]
async fn a_writer_picks_only_people_of_the_kinds_they_may_read() {
    use crate::common::fixtures::RoleBuilder;
    use diesel::prelude::*;
    use homeroom::db::schema::{staff, users};
    let app = spawn_app().await;
    let guardian = a_guardian(&app, "Northwind Academy");
    let (member, member_name) = {
        let mut conn = app.conn();
        // Writes to anyone, but reads guardians only: no staff, no students.
        let role = RoleBuilder::new("Family liaison")
            .granting("READ_MESSAGES")
            .granting("CREATE_MESSAGES")
            .granting("CREATE_MESSAGE_RECIPIENTS")
            .granting("READ_GUARDIANS")
            .insert(&mut conn);
        diesel::update(users::table.filter(users::email.eq(DemoUser::Office.email())))
            .set(users::app_role_id.eq(role))
            .execute(&mut conn)
            .expect("the office's new role");
        let (id, first, last): (uuid::Uuid, Option<String>, Option<String>) = staff::table
            .filter(staff::deleted_at.is_null())
            .filter(staff::email.is_not_null())
            .order(staff::id)
            .select((staff::id, staff::first_name, staff::last_name))
            .first(&mut conn)
            .expect("a member of staff");
        (
            id,
            format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default()),
        )
    };
    let liaison = app.signed_in(DemoUser::Office).await;

    let chip = app
        .get(&liaison, &format!("/messages/people/pick?id={member}"))
        .await;
    assert_eq!(chip.status(), 404, "staff are not theirs to pick");
    let chip = app
        .get(
            &liaison,
            &format!("/messages/people/pick?id={}", guardian.id),
        )
        .await;
    assert_eq!(chip.status(), 200, "guardians are");

    let (member, guardian_id) = (member.to_string(), guardian.id.to_string());
    let preview = compose(
        &app,
        &liaison,
        &[
            ("subject", "Hello"),
            ("body", "Hi."),
            ("audience", "custom"),
            ("person", &member),
            ("person", &guardian_id),
            ("email", "on"),
            ("intent", "preview"),
        ],
    )
    .await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.expect("the preview");
    assert!(html.contains("This message reaches 1 person."), "{html}");
    assert!(html.contains(&guardian.name), "{html}");
    assert!(!html.contains(member_name.trim()), "{html}");

    let refused = compose(
        &app,
        &liaison,
        &[
            ("subject", "Hello"),
            ("body", "Hi."),
            ("audience", "custom"),
            ("person", &member),
            ("email", "on"),
            ("intent", "send"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the form");
    assert!(
        html.contains("Choose at least one campus, grade, class or person."),
        "{html}"
    );
}

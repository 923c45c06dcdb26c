//! Inviting everyone on the staff with an e-mail and no account, after a preview.

use diesel::prelude::*;

use super::{linked_user, new_teacher};
use crate::common::{DemoUser, TestApp, count, spawn_app};
use crate::resources::csv::{finished, upload_to};

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

/// The hidden fields of the progress form in a batch's answer, as the page posts them next.
fn progress_fields(html: &str) -> Vec<(String, String)> {
    let page = scraper::Html::parse_fragment(html);
    let hidden = scraper::Selector::parse("#invite-progress input[type=hidden]").expect("selector");
    page.select(&hidden)
        .filter_map(|input| {
            let name = input.value().attr("name")?;
            Some((
                name.to_owned(),
                input.value().attr("value").unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

#[actix_web::test]
async fn administrator_watches_the_invitations_go_out_batch_by_batch_with_a_progress_bar() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    for i in 0..27 {
        let last = format!("Batch{i:02}");
        let email = format!("pat.batch{i:02}@northwind.test");
        new_teacher(&app, &admin, ("Pat", &last), Some(&email)).await;
    }
    // An address the form would refuse, written before the form checked it.
    let broken = new_teacher(
        &app,
        &admin,
        ("Zed", "Broken"),
        Some("zed.broken@northwind.test"),
    )
    .await;
    diesel::sql_query("UPDATE staff SET email = 'zed at northwind' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(broken)
        .execute(&mut app.conn())
        .expect("a broken address");
    let emails = count(&mut app.conn(), "email_outbox");

    let preview = app.page(&admin, "/staff/invitations").await;
    assert!(
        preview.contains("28 invitations will be sent."),
        "{preview}"
    );
    assert!(preview.contains(r#"hx-post="/staff/invitations/batch""#));
    let token = crate::common::csrf_token(&preview).expect("token");

    let first = app
        .post_form(
            &admin,
            "/staff/invitations/batch",
            &[("csrf_token", &token), ("total", "28")],
        )
        .await;
    assert_eq!(first.status(), 200);
    let first = first.text().await.expect("the progress");
    assert!(first.contains("25 of 28 invitations handled"), "{first}");
    assert!(
        first.contains(r#"<progress max="28" value="25">"#),
        "{first}"
    );
    assert!(
        first.contains(r#"hx-trigger="load""#),
        "the page asks for the next batch"
    );
    assert_eq!(count(&mut app.conn(), "email_outbox"), emails + 25);

    let last = post_batch(&app, &admin, &progress_fields(&first)).await;
    assert!(last.contains("27 invitations were sent."), "{last}");
    assert!(
        !last.contains(r#"hx-trigger="load""#),
        "nothing is left to ask for"
    );
    assert!(last.contains(r#"hx-swap-oob="beforeend:#invite-refused""#));
    assert!(
        last.contains("Zed Broken"),
        "the refused address is named: {last}"
    );
    assert_eq!(count(&mut app.conn(), "email_outbox"), emails + 27);
    assert_eq!(linked_user(&app, broken), None);

    // The finished form posted again (a double click, a reload) sends nothing more.
    let again = post_batch(&app, &admin, &progress_fields(&last)).await;
    assert!(again.contains("27 invitations were sent."), "{again}");
    assert_eq!(count(&mut app.conn(), "email_outbox"), emails + 27);
}

/// Posts a progress form's fields to the next batch; returns the answer's text.
async fn post_batch(app: &TestApp, admin: &reqwest::Client, fields: &[(String, String)]) -> String {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = app
        .post_form(admin, "/staff/invitations/batch", &fields)
        .await;
    assert_eq!(answer.status(), 200);
    answer.text().await.expect("the batch's answer")
}

#[actix_web::test]
async fn a_staff_import_with_the_tick_invites_the_staff_it_added_and_no_one_else() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let outside = new_teacher(
        &app,
        &admin,
        ("Olga", "Outside"),
        Some("olga.outside@northwind.test"),
    )
    .await;
    let csv = "employee_number,first_name,last_name,email,staff_type,status\r\n\
               IMP-001,Iris,Import,iris.import@northwind.test,teacher,active\r\n\
               IMP-002,Ivo,Import,ivo.import@northwind.test,teacher,active\r\n\
               IMP-003,Ina,Nomail,,teacher,active\r\n";
    let (status, preview) = upload_to(&app, &admin, "/staff", csv).await;
    assert_eq!(status, 200, "{preview}");
    assert!(
        preview.contains(r#"name="invite""#),
        "the import offers the tick"
    );
    let token = crate::common::csrf_token(&preview).expect("token");
    let upload = scraper::Html::parse_document(&preview)
        .select(&scraper::Selector::parse("input[name=upload]").expect("selector"))
        .next()
        .and_then(|e| e.value().attr("value").map(str::to_owned))
        .expect("the upload");
    let started = app
        .post_form(
            &admin,
            "/staff/import",
            &[
                ("csrf_token", &token),
                ("upload", &upload),
                ("invite", "on"),
            ],
        )
        .await;
    let emails = count(&mut app.conn(), "email_outbox");
    let done = finished(&app, &admin, started).await;
    assert!(done.contains("3 added"), "{done}");
    assert!(
        done.contains("Inviting the imported staff to sign in"),
        "{done}"
    );

    let last = post_batch(&app, &admin, &progress_fields(&done)).await;
    assert!(last.contains("2 invitations were sent."), "{last}");
    let iris = staff_with_email(&app, "iris.import@northwind.test");
    assert!(linked_user(&app, iris).is_some());
    assert_eq!(
        linked_user(&app, outside),
        None,
        "staff outside the file wait"
    );
    assert_eq!(count(&mut app.conn(), "email_outbox"), emails + 2);

    // The same import without the tick invites nobody.
    let (_, preview) = upload_to(&app, &admin, "/staff", csv).await;
    assert!(preview.contains(r#"name="invite""#));
    let started = crate::resources::csv::commit_to(&app, &admin, "/staff", &preview, false).await;
    let done = finished(&app, &admin, started).await;
    assert!(!done.contains("invite-progress"), "{done}");
}

/// The live staff record with this e-mail.
fn staff_with_email(app: &TestApp, email: &str) -> uuid::Uuid {
    use homeroom::db::schema::staff;
    staff::table
        .filter(staff::email.eq(email))
        .filter(staff::deleted_at.is_null())
        .select(staff::id)
        .first(&mut app.conn())
        .expect("the imported staff record")
}

//! A whole school's report cards in the background: one PDF per class, a progress
//! bar that reaches 100 %, an interrupted run shown as such, and "Run again" that
//! writes only the classes still missing.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bytea, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, csrf_token, spawn_app};

/// The term the report cards page offers (its run form's hidden field).
fn offered_term(page: &str) -> String {
    let at = page
        .find("name=\"term\" value=\"")
        .expect("the run form names its term");
    let rest = &page[at + "name=\"term\" value=\"".len()..];
    rest[..rest.find('"').expect("the value ends")].to_owned()
}

/// Starts a run of the whole school for the page's term; the run's address.
async fn start_school_run(
    app: &TestApp,
    admin: &reqwest::Client,
    fields: &[(&str, &str)],
) -> String {
    let page = app.page(admin, "/report-cards").await;
    assert!(page.contains("Cards for the whole school"), "{page}");
    let token = csrf_token(&page).expect("a CSRF token");
    let term = offered_term(&page);
    let mut form = vec![("csrf_token", token.as_str()), ("term", term.as_str())];
    form.extend_from_slice(fields);
    let started = app.post_form(admin, "/report-cards/runs", &form).await;
    assert_eq!(started.status(), 303, "the run starts and shows its page");
    started.headers()["location"]
        .to_str()
        .expect("a location")
        .to_owned()
}

/// Polls the run's page until it no longer shows as running; the page.
async fn wait_for(app: &TestApp, client: &reqwest::Client, run: &str) -> String {
    for _ in 0..720 {
        let page = app.page(client, run).await;
        if !page.contains("hx-trigger=\"every 1s\"") {
            return page;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the run did not finish within three minutes");
}

fn run_id(run: &str) -> Uuid {
    Uuid::parse_str(run.trim_start_matches("/report-cards/runs/")).expect("the run's id")
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The live classes of the run's term's year.
fn classes_of_run(app: &TestApp, run: Uuid) -> i64 {
    diesel::sql_query(
        "SELECT count(*) AS n FROM classes c \
         JOIN academic_terms t ON t.academic_year_id = c.academic_year_id \
         JOIN report_card_runs r ON r.term_id = t.id \
         WHERE r.id = $1 AND c.deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(run)
    .get_result::<N>(&mut app.conn())
    .expect("count classes")
    .n
}

#[derive(QueryableByName)]
struct Kept {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    class_id: Uuid,
    #[diesel(sql_type = Text)]
    file_name: String,
    #[diesel(sql_type = Bytea)]
    content: Vec<u8>,
}

fn kept(app: &TestApp, run: Uuid) -> Vec<Kept> {
    diesel::sql_query(
        "SELECT id, class_id, file_name, content FROM report_card_files \
         WHERE run_id = $1 ORDER BY class_id",
    )
    .bind::<SqlUuid, _>(run)
    .load(&mut app.conn())
    .expect("the run's files")
}

#[actix_web::test]
async fn a_school_run_makes_one_pdf_per_class_and_its_progress_reaches_100_percent() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let run = start_school_run(&app, &admin, &[("campus", ""), ("grade", "")]).await;
    let done = wait_for(&app, &admin, &run).await;

    let id = run_id(&run);
    let classes = classes_of_run(&app, id);
    assert!(classes > 1, "the demo school has several classes");
    let files = kept(&app, id);
    assert_eq!(files.len() as i64, classes, "one document per class");
    let mut seen: Vec<Uuid> = files.iter().map(|f| f.class_id).collect();
    seen.dedup();
    assert_eq!(seen.len(), files.len(), "no class twice");
    assert!(files.iter().all(|f| f.content.starts_with(b"%PDF")));
    assert!(
        done.contains("<progress max=\"100\" value=\"100\">"),
        "{done}"
    );
    assert!(done.contains("cards to download"), "{done}");

    let first = &files[0];
    let download = app.get(&admin, &format!("{run}/files/{}", first.id)).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .expect("a header")
            .contains(&first.file_name)
    );
    assert_eq!(
        download.bytes().await.expect("the PDF").as_ref(),
        first.content.as_slice()
    );

    // A teacher, who does not make the school's cards, cannot open the run.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let refused = app.get(&teacher, &run).await;
    assert!(refused.status().is_client_error(), "{}", refused.status());
    // Nor can another school's administrator.
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let elsewhere = app.get(&riverside, &run).await;
    assert_eq!(elsewhere.status(), 404);
    let file = app
        .get(&riverside, &format!("{run}/files/{}", first.id))
        .await;
    assert_eq!(file.status(), 404);
}

#[actix_web::test]
async fn an_interrupted_run_shows_as_such_and_running_it_again_does_not_double() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let run = start_school_run(&app, &admin, &[("paper", "letter")]).await;
    wait_for(&app, &admin, &run).await;
    let id = run_id(&run);
    let before = kept(&app, id);

    // The server died half way: half the classes kept, the log still says running.
    let half: Vec<Uuid> = before.iter().skip(before.len() / 2).map(|f| f.id).collect();
    diesel::sql_query("DELETE FROM report_card_files WHERE id = ANY($1)")
        .bind::<diesel::sql_types::Array<SqlUuid>, _>(&half)
        .execute(&mut app.conn())
        .expect("lose half");
    diesel::sql_query(
        "UPDATE sync_logs SET status = 'running', completed_at = NULL, records_processed = $2 \
         WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<diesel::sql_types::Integer, _>((before.len() / 2) as i32)
    .execute(&mut app.conn())
    .expect("running, with nobody running it");

    let page = app.page(&admin, &run).await;
    assert!(
        page.contains("when the server running it stopped"),
        "{page}"
    );
    assert!(page.contains("Run again"));
    let token = csrf_token(&page).expect("a CSRF token");
    let again = app
        .post_form(
            &admin,
            &format!("{run}/again"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(again.status(), 303);
    let done = wait_for(&app, &admin, &run).await;
    assert!(done.contains("value=\"100\""), "{done}");

    let after = kept(&app, id);
    assert_eq!(after.len(), before.len(), "every class once, none twice");
    let kept_before: Vec<Uuid> = before.iter().take(before.len() / 2).map(|f| f.id).collect();
    for id in kept_before {
        assert!(
            after.iter().any(|f| f.id == id),
            "a class already made is not made again"
        );
    }
    assert!(after.iter().all(|f| f.content.starts_with(b"%PDF")));
}

#[actix_web::test]
async fn the_school_run_speaks_spanish() {
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&admin, "/report-cards").await;
    assert!(page.contains("Boletines de todo el colegio"), "{page}");
    let token = csrf_token(&page).expect("a CSRF token");
    let term = offered_term(&page);
    let started = app
        .post_form(
            &admin,
            "/report-cards/runs",
            &[("csrf_token", token.as_str()), ("term", term.as_str())],
        )
        .await;
    let run = started.headers()["location"]
        .to_str()
        .expect("a location")
        .to_owned();
    let done = wait_for(&app, &admin, &run).await;
    assert!(done.contains("Boletines en segundo plano"), "{done}");
    assert!(done.contains("Listo: los boletines de"), "{done}");
}

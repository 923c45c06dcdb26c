use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::config::Settings;
use homeroom::db::enums::{InvoiceStatus, SyncStatus};
use homeroom::db::schema::{invoices, scheduled_tasks, sync_logs};
use homeroom::jobs::{JobContext, ensure_tasks, run_due};
use homeroom::mail::Mailer;
use uuid::Uuid;

use crate::common::fixtures::SyncLogBuilder;
use crate::common::{DemoUser, csrf_token, organization_id, spawn_app};

fn task_id(conn: &mut PgConnection, task_type: &str) -> Uuid {
    scheduled_tasks::table
        .filter(scheduled_tasks::task_type.eq(task_type))
        .select(scheduled_tasks::id)
        .first(conn)
        .expect("task")
}

/// An unpaid Northwind invoice whose due date has just passed.
fn invoice_past_due(conn: &mut PgConnection) -> Uuid {
    let northwind = organization_id(conn, "Northwind Academy");
    let id: Uuid = invoices::table
        .filter(invoices::organization_id.eq(northwind))
        .filter(invoices::status.eq(InvoiceStatus::Issued))
        .select(invoices::id)
        .first(conn)
        .expect("an issued invoice");
    diesel::update(invoices::table.find(id))
        .set(invoices::due_date.eq((homeroom::clock::now() - Duration::days(3)).date_naive()))
        .execute(conn)
        .expect("backdate");
    id
}

#[actix_web::test]
async fn install_administrator_runs_the_overdue_task_now_and_sees_the_run() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let page = app.page(&root, "/admin/jobs").await;
    assert!(page.contains("overdue_invoices") && page.contains("session_cleanup"));
    assert!(page.contains("Nothing has run yet"));

    let mut conn = app.conn();
    let invoice = invoice_past_due(&mut conn);
    let task = task_id(&mut conn, "overdue_invoices");
    let response = app
        .post_form(
            &root,
            &format!("/admin/jobs/{task}/run"),
            &[("csrf_token", csrf_token(&page).expect("token").as_str())],
        )
        .await;
    assert_eq!(response.status(), 303);
    let after = app.page(&root, "/admin/jobs").await;
    assert!(after.contains("overdue_invoices ran:"), "{after}");

    let status: InvoiceStatus = invoices::table
        .find(invoice)
        .select(invoices::status)
        .first(&mut conn)
        .expect("invoice");
    assert_eq!(status, InvoiceStatus::Overdue);
    let (log_status, updated): (SyncStatus, i32) = sync_logs::table
        .filter(sync_logs::scheduled_task_id.eq(task))
        .select((sync_logs::status, sync_logs::records_updated))
        .first(&mut conn)
        .expect("the run's log");
    assert_eq!(log_status, SyncStatus::Success);
    assert!(updated >= 1);
}

#[actix_web::test]
async fn a_disabled_task_waits_until_it_is_enabled_again() {
    let app = spawn_app().await;
    let root = app.signed_in(DemoUser::Root).await;
    let page = app.page(&root, "/admin/jobs").await;
    let token = csrf_token(&page).expect("token");
    let mut conn = app.conn();
    let task = task_id(&mut conn, "session_cleanup");
    app.post_form(
        &root,
        &format!("/admin/jobs/{task}/disable"),
        &[("csrf_token", token.as_str())],
    )
    .await;
    let enabled = |conn: &mut PgConnection| -> bool {
        scheduled_tasks::table
            .find(task)
            .select(scheduled_tasks::enabled)
            .first(conn)
            .expect("task")
    };
    assert!(!enabled(&mut conn));
    assert!(app.page(&root, "/admin/jobs").await.contains("is disabled"));

    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let ctx = JobContext {
        mailer: &mailer,
        now: Utc::now(),
        data_dir: &app.data_dir,
    };
    // Only the enabled tasks are due; once run, nothing is due until its next time.
    let enabled_tasks = homeroom::jobs::Task::ALL.len() - 1;
    assert_eq!(
        run_due(&mut conn, &ctx, "test").expect("run"),
        enabled_tasks
    );
    assert_eq!(run_due(&mut conn, &ctx, "test").expect("run"), 0);

    app.post_form(
        &root,
        &format!("/admin/jobs/{task}/enable"),
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert!(enabled(&mut conn));
    assert_eq!(run_due(&mut conn, &ctx, "test").expect("run"), 1);
    ensure_tasks(&mut conn).expect("ensure again");
    assert_eq!(
        crate::common::count(&mut conn, "scheduled_tasks"),
        homeroom::jobs::Task::ALL.len() as i64
    );
}

#[actix_web::test]
async fn a_school_administrator_cannot_run_install_wide_tasks() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&admin, "/admin/jobs").await;
    assert!(!page.contains("session_cleanup"));
    let mut conn = app.conn();
    let task = task_id(&mut conn, "session_cleanup");
    let response = app
        .post_form(
            &admin,
            &format!("/admin/jobs/{task}/run"),
            &[("csrf_token", csrf_token(&page).expect("token").as_str())],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(crate::common::count(&mut conn, "sync_logs"), 0);
}

/// Runs a task through "Run now" on /admin/jobs as the install administrator;
/// returns the page after.
async fn run_now_as_root(app: &crate::common::TestApp, task_type: &str) -> String {
    let root = app.signed_in(DemoUser::Root).await;
    let page = app.page(&root, "/admin/jobs").await;
    assert!(page.contains(task_type), "/admin/jobs lists {task_type}");
    let task = task_id(&mut app.conn(), task_type);
    let response = app
        .post_form(
            &root,
            &format!("/admin/jobs/{task}/run"),
            &[("csrf_token", csrf_token(&page).expect("token").as_str())],
        )
        .await;
    assert_eq!(response.status(), 303);
    app.page(&root, "/admin/jobs").await
}

/// A running import's log, as `commit` leaves it; returns its id.
fn running_import(conn: &mut PgConnection, org: Uuid) -> Uuid {
    SyncLogBuilder::new(Some(org), "import:students")
        .running(300)
        .import_hash(&format!("import:{}", Uuid::new_v4()))
        .insert(conn)
}

#[actix_web::test]
async fn imports_whose_server_died_are_marked_interrupted_and_live_ones_run_on() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let northwind = organization_id(&mut conn, "Northwind Academy");
    let dead = running_import(&mut conn, northwind);
    let live = running_import(&mut conn, northwind);
    // The live run's server holds its run the way a running import does (the lock
    // space of src/resources/import.rs, RUN_LOCK, and the log's id hashed).
    let mut server = app.conn();
    diesel::sql_query("SELECT pg_advisory_lock(1229803602, hashtext($1::text))")
        .bind::<diesel::sql_types::Uuid, _>(live)
        .execute(&mut server)
        .expect("the live run's lock");

    let after = run_now_as_root(&app, "interrupted_imports").await;
    assert!(
        after.contains("interrupted_imports ran: 1 processed"),
        "{after}"
    );
    let state = |conn: &mut PgConnection, id: Uuid| -> (SyncStatus, Option<String>) {
        sync_logs::table
            .find(id)
            .select((sync_logs::status, sync_logs::error_message))
            .first(conn)
            .expect("log")
    };
    let (status, message) = state(&mut conn, dead);
    assert_eq!(status, SyncStatus::Failed);
    assert_eq!(
        message.as_deref(),
        Some("it was interrupted after 300 rows, when the server running it stopped.")
    );
    assert_eq!(state(&mut conn, live), (SyncStatus::Running, None));
}

#[actix_web::test]
async fn uploads_left_over_a_day_are_removed_and_fresh_ones_kept() {
    let app = spawn_app().await;
    let folder = app
        .data_dir
        .join("imports")
        .join(Uuid::new_v4().to_string());
    std::fs::create_dir_all(&folder).expect("uploads folder");
    let old = folder.join(format!("students-{}.csv", Uuid::new_v4()));
    let fresh = folder.join(format!("students-{}.csv", Uuid::new_v4()));
    let hour_old = folder.join(format!("staff-{}.csv", Uuid::new_v4()));
    for file in [&old, &fresh, &hour_old] {
        std::fs::write(file, "student_number\n1\n").expect("an upload");
    }
    let ago =
        |hours: u64| std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .and_then(|f| f.set_modified(ago(25)))
        .expect("a day old");
    std::fs::File::options()
        .write(true)
        .open(&hour_old)
        .and_then(|f| f.set_modified(ago(23)))
        .expect("less than a day old");

    let after = run_now_as_root(&app, "upload_cleanup").await;
    assert!(after.contains("upload_cleanup ran: 1 processed"), "{after}");
    assert!(!old.exists(), "the upload over a day old is gone");
    assert!(fresh.exists() && hour_old.exists(), "younger uploads stay");
}

#[actix_web::test]
async fn a_scheduled_run_that_finds_nothing_is_counted_beside_its_task_not_listed() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let ctx = JobContext {
        mailer: &mailer,
        now: Utc::now(),
        data_dir: &app.data_dir,
    };
    // The demo has no roll today, so the absence alerts find no one to tell; an
    // invoice past due gives the overdue task something to do.
    invoice_past_due(&mut conn);
    ensure_tasks(&mut conn).expect("the tasks");
    let alerts = task_id(&mut conn, "absence_alerts");
    for _ in 0..3 {
        diesel::update(scheduled_tasks::table)
            .set(scheduled_tasks::next_run_at.eq(Utc::now() - Duration::minutes(1)))
            .execute(&mut conn)
            .expect("make every task due");
        run_due(&mut conn, &ctx, "test").expect("run");
    }
    let logged = |conn: &mut PgConnection, task: Uuid| -> i64 {
        sync_logs::table
            .filter(sync_logs::scheduled_task_id.eq(task))
            .count()
            .get_result(conn)
            .expect("logs")
    };
    assert_eq!(logged(&mut conn, alerts), 0, "empty runs leave no log rows");
    let overdue = task_id(&mut conn, "overdue_invoices");
    assert_eq!(
        logged(&mut conn, overdue),
        1,
        "the run that did work is logged"
    );

    let root = app.signed_in(DemoUser::Root).await;
    let page = app.page(&root, "/admin/jobs").await;
    let doc = scraper::Html::parse_document(&page);
    let text = |css: &str| -> String {
        doc.select(&scraper::Selector::parse(css).expect("selector"))
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert!(
        text("#task-absence_alerts .quiet-runs").starts_with("3 runs found nothing to do since"),
        "{}",
        text("#task-absence_alerts")
    );
    let runs = text("table.sync-logs tbody");
    assert!(runs.contains("overdue_invoices"), "{runs}");
    assert!(!runs.contains("absence_alerts"), "{runs}");
}

#[actix_web::test]
async fn a_task_left_running_by_a_server_that_stopped_runs_again_at_once() {
    use homeroom::db::enums::TaskStatus;
    let app = spawn_app().await;
    let mut conn = app.conn();
    ensure_tasks(&mut conn).expect("the tasks");
    let task = task_id(&mut conn, "overdue_invoices");
    let invoice = invoice_past_due(&mut conn);
    diesel::update(scheduled_tasks::table.find(task))
        .set((
            scheduled_tasks::status.eq(TaskStatus::Running),
            scheduled_tasks::locked_by.eq(Some("school-server:4242")),
            scheduled_tasks::locked_at.eq(Some(Utc::now())),
        ))
        .execute(&mut conn)
        .expect("the task marked running");

    // While the server running it is up, it holds the task's lock ("TASK" and the
    // task's id hashed) and "Run now" says where the task is running.
    let mut server = app.db.connect();
    diesel::sql_query("SELECT pg_advisory_lock(1413567307, hashtext($1::text))")
        .bind::<diesel::sql_types::Uuid, _>(task)
        .execute(&mut server)
        .expect("the running server's lock");
    let busy = run_now_as_root(&app, "overdue_invoices").await;
    assert!(
        busy.contains("overdue_invoices is running right now on school-server:4242"),
        "{busy}"
    );

    // The server stops (its connection and lock go with it): the task runs at once,
    // not half an hour later.
    drop(server);
    let mut gone = false;
    for _ in 0..50 {
        let held: i64 = diesel::sql_query(
            "SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' \
             AND classid = 1413567307::oid AND objid = hashtext($1::text)::oid",
        )
        .bind::<diesel::sql_types::Uuid, _>(task)
        .get_result::<Held>(&mut conn)
        .expect("the locks")
        .count;
        if held == 0 {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(gone, "the stopped server's lock went with its connection");
    let ran = run_now_as_root(&app, "overdue_invoices").await;
    assert!(ran.contains("overdue_invoices ran:"), "{ran}");
    let status: InvoiceStatus = invoices::table
        .find(invoice)
        .select(invoices::status)
        .first(&mut conn)
        .expect("invoice");
    assert_eq!(status, InvoiceStatus::Overdue);
    let (state, holder): (TaskStatus, Option<String>) = scheduled_tasks::table
        .find(task)
        .select((scheduled_tasks::status, scheduled_tasks::locked_by))
        .first(&mut conn)
        .expect("the task");
    assert_eq!((state, holder), (TaskStatus::Idle, None));
}

#[derive(QueryableByName)]
struct Held {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

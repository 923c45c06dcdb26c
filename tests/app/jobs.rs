use chrono::{Duration, Utc};
use diesel::prelude::*;
use homeroom::config::Settings;
use homeroom::db::enums::{InvoiceStatus, SyncStatus};
use homeroom::db::schema::{invoices, scheduled_tasks, sync_logs};
use homeroom::jobs::{JobContext, ensure_tasks, run_due};
use homeroom::mail::Mailer;
use uuid::Uuid;

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

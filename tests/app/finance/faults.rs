//! Bulk invoicing when things go wrong: the process writing a run dies halfway
//! (its page says so, and running it again completes it once per student), and
//! payment reminders look guardians up once per school, not once per invoice.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::prelude::*;
use diesel::sql_types::{Date, Integer, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use homeroom::config::Settings;
use homeroom::finance::reminders::send_due_reminders;
use homeroom::mail::Mailer;
use uuid::Uuid;

use super::billing::{eligible, invoices_this_term, request, run, today};
use super::{assert_balances_hold, count_of, ids, northwind};
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app, user_id};
use crate::languages::set_user_language;

/// A billing run's log left marked running by a process that is gone: it wrote
/// `processed` of `total` and has said nothing for five minutes.
fn orphaned_run(app: &TestApp, processed: i32, total: i32) -> Uuid {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let asked = serde_json::to_value(request(app)).expect("the request as JSON");
    let by = user_id(&mut app.conn(), DemoUser::Accountant.email());
    diesel::sql_query(
        "INSERT INTO sync_logs (organization_id, sync_type, status, records_processed, \
             records_total, worker_id, request, created_by_id, started_at, updated_at) \
         VALUES ($1, 'billing', 'running', $2, $3, gen_random_uuid(), $4, $5, \
                 now() - interval '6 minutes', now() - interval '5 minutes') RETURNING id",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Integer, _>(processed)
    .bind::<Integer, _>(total)
    .bind::<Jsonb, _>(asked)
    .bind::<SqlUuid, _>(by)
    .get_result::<Id>(&mut app.conn())
    .expect("a run left running")
    .id
}

#[actix_web::test]
async fn a_run_whose_process_died_shows_as_interrupted_and_running_it_again_completes_it() {
    let app = spawn_app().await;
    let expected = eligible(&app);
    // One batch is written, then the process dies without closing its log.
    let cut = run(&app, Some(1));
    assert!(cut.created > 0 && (cut.created as i64) < expected);
    let log = orphaned_run(&app, cut.processed as i32, expected as i32);

    let client = app.signed_in(DemoUser::Accountant).await;
    let page = app
        .page(&client, &format!("/finance/billing/runs/{log}"))
        .await;
    assert!(
        !page.contains("<progress"),
        "no progress bar polling forever"
    );
    assert!(!page.contains("hx-trigger=\"every 1s\""), "{page}");
    assert!(
        page.contains(&format!(
            "This run was interrupted: the process writing it stopped after {} of {expected} invoices.",
            cut.processed
        )),
        "{page}"
    );
    assert!(page.contains("Run again"), "{page}");

    set_user_language(&app, DemoUser::Accountant.email(), Some("es"));
    let spanish = app.signed_in(DemoUser::Accountant).await;
    let page = app
        .page(&spanish, &format!("/finance/billing/runs/{log}"))
        .await;
    assert!(page.contains("La facturación se interrumpió"), "{page}");
    assert!(page.contains("Volver a ejecutar"), "{page}");
    set_user_language(&app, DemoUser::Accountant.email(), None);

    // "Run again" writes only what is missing: one invoice per student in all.
    let page = app
        .page(&client, &format!("/finance/billing/runs/{log}"))
        .await;
    let token = csrf_token(&page).expect("the page's token");
    let again = app
        .post_form(
            &client,
            &format!("/finance/billing/runs/{log}/again"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(again.status(), 303);
    let next = again
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("the new run's page")
        .to_owned();
    assert_ne!(next, format!("/finance/billing/runs/{log}"));
    let mut done = String::new();
    for _ in 0..240 {
        done = app.page(&client, &next).await;
        if !done.contains("<progress") {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    let rest = expected - cut.created as i64;
    assert!(
        done.contains(&format!("Invoicing finished: {rest} invoices created.")),
        "{done}"
    );
    assert_eq!(invoices_this_term(&app), expected);
    let stale = count_of(
        &app,
        &format!("SELECT count(*) AS n FROM sync_logs WHERE id = '{log}' AND status = 'failed'"),
    );
    assert_eq!(stale, 1, "the interrupted run is closed as such");
    assert_eq!(doubles(&app), 0);
    assert_balances_hold(&app);
}

fn doubles(app: &TestApp) -> i64 {
    count_of(
        app,
        "SELECT count(*) AS n FROM (SELECT 1 FROM invoices WHERE billing_period_start IS NOT NULL \
         GROUP BY student_id, fee_plan_id, billing_period_start HAVING count(*) > 1) x",
    )
}

const MANY: i64 = 5_000;

/// A grade of its own in this year with a class of 5,000 active students and a
/// termly fee plan for it, written set-based.
fn five_thousand_students(app: &TestApp) {
    diesel::sql_query(
        "WITH y AS (SELECT id FROM academic_years WHERE organization_id = $1 \
                     AND $2 BETWEEN start_date AND end_date AND deleted_at IS NULL LIMIT 1), \
              c AS (SELECT id FROM campuses WHERE organization_id = $1 AND deleted_at IS NULL \
                     ORDER BY name LIMIT 1), \
              g AS (INSERT INTO grades (organization_id, name) VALUES ($1, 'Fault grade') \
                     RETURNING id), \
              cl AS (INSERT INTO classes (organization_id, campus_id, academic_year_id, grade_id, \
                         name, status) \
                     SELECT $1, c.id, y.id, g.id, 'Fault class', 'active' FROM c, y, g \
                     RETURNING id, campus_id), \
              s AS (INSERT INTO students (organization_id, campus_id, first_name, last_name, status) \
                     SELECT $1, cl.campus_id, 'Pupil', 'Number ' || n, 'active' \
                     FROM cl, generate_series(1, $3) n RETURNING id), \
              e AS (INSERT INTO class_enrollments (organization_id, class_id, student_id, status) \
                     SELECT $1, cl.id, s.id, 'active' FROM cl, s RETURNING 1) \
         INSERT INTO fee_plans (organization_id, name, billing_cycle, total_amount, active, \
                                grade_id, academic_year_id) \
         SELECT $1, 'Fault fee', 'termly', 300, true, g.id, y.id \
         FROM g, y WHERE (SELECT count(*) FROM e) = $3",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Date, _>(today())
    .bind::<Integer, _>(MANY as i32)
    .execute(&mut app.conn())
    .expect("5,000 students and their fee plan");
}

/// `homeroom bill` of the fault plan on the test's database, in small batches.
fn bill(app: &TestApp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_homeroom"));
    command
        .args(["bill", "--organization", "Northwind Academy", "--as"])
        .arg(DemoUser::Accountant.email())
        .args(["--plan", "Fault fee", "--batch", "50", "--on"])
        .arg(today().to_string())
        .env("DATABASE_URL", &app.db.url)
        .env("HOMEROOM_DATA_DIR", &app.data_dir)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The latest billing run's (processed, total, status), once it has a log.
fn latest_run(app: &TestApp) -> Option<(i32, i32, String)> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Integer)]
        processed: i32,
        #[diesel(sql_type = Nullable<Integer>)]
        total: Option<i32>,
        #[diesel(sql_type = Text)]
        status: String,
    }
    diesel::sql_query(
        "SELECT records_processed AS processed, records_total AS total, status::text AS status \
         FROM sync_logs WHERE organization_id = $1 AND sync_type = 'billing' \
         ORDER BY started_at DESC LIMIT 1",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .get_result::<Row>(&mut app.conn())
    .optional()
    .expect("the run's log")
    .map(|r| (r.processed, r.total.unwrap_or(0), r.status))
}

/// Kills `child` with SIGKILL once its run is between 20 % and 80 % done; the
/// share it had reached.
fn kill_halfway(app: &TestApp, child: &mut Child) -> f64 {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(300) {
        if let Some((processed, total, _)) = latest_run(app)
            && total > 0
        {
            let share = f64::from(processed) / f64::from(total);
            if (0.2..=0.8).contains(&share) {
                child.kill().expect("SIGKILL the invoicing process");
                child.wait().expect("the killed process");
                return share;
            }
            assert!(share < 0.8, "the run got past 80 % between two looks");
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the invoicing process ended before it was killed: {status}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the run never reached 20 %");
}

fn fault_invoices(app: &TestApp) -> i64 {
    count_of(
        app,
        "SELECT count(*) AS n FROM invoices i JOIN fee_plans f ON f.id = i.fee_plan_id \
         WHERE f.name = 'Fault fee'",
    )
}

#[actix_web::test]
async fn bulk_invoicing_killed_halfway_then_run_again_invoices_each_of_5000_students_once() {
    let app = spawn_app().await;
    five_thousand_students(&app);
    let mut child = bill(&app).spawn().expect("start homeroom bill");
    let share = kill_halfway(&app, &mut child);
    let written = fault_invoices(&app);
    assert!(
        written > 0 && written < MANY,
        "{written} invoices at {share:.2}"
    );
    let (_, _, status) = latest_run(&app).expect("the killed run's log");
    assert_eq!(status, "running", "the killed process never closed its log");

    let rerun = bill(&app).output().expect("run homeroom bill again");
    let said = String::from_utf8_lossy(&rerun.stdout);
    assert!(
        rerun.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    assert!(
        said.contains(&format!("{} invoices written", MANY - written)),
        "{said}"
    );
    assert_eq!(fault_invoices(&app), MANY);
    let not_once = count_of(
        &app,
        "SELECT count(*) AS n FROM students s JOIN class_enrollments e ON e.student_id = s.id \
         JOIN classes c ON c.id = e.class_id AND c.name = 'Fault class' \
         WHERE (SELECT count(*) FROM invoices i JOIN fee_plans f ON f.id = i.fee_plan_id \
                WHERE i.student_id = s.id AND f.name = 'Fault fee') <> 1",
    );
    assert_eq!(
        not_once, 0,
        "every student has exactly one invoice for the term"
    );
    assert_eq!(doubles(&app), 0);
    assert_balances_hold(&app);
}

/// The statements that read guardians (a test's own inserts left out).
#[derive(Clone, Default)]
struct GuardianLookups(Arc<Mutex<Vec<String>>>);

impl Instrumentation for GuardianLookups {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { query, .. } = event
            && query.to_string().trim_start().starts_with("SELECT")
            && query.to_string().contains("guardians")
        {
            let sql = query.to_string();
            self.0.lock().unwrap_or_else(|p| p.into_inner()).push(sql);
        }
    }
}

/// `n` overdue invoices, each of a different student whose guardians receive invoices.
fn overdue_invoices(app: &TestApp, prefix: &str, n: i64) -> i64 {
    let now = homeroom::clock::now();
    diesel::sql_query(
        "INSERT INTO invoices (organization_id, campus_id, student_id, invoice_number, \
             issue_date, due_date, subtotal, total_amount, balance_due, status) \
         SELECT $1, s.campus_id, s.id, $4 || row_number() OVER (ORDER BY s.id), \
                $3::date - 40, $3::date - 10, 50, 50, 50, 'overdue' \
         FROM students s WHERE s.organization_id = $1 AND s.status = 'active' \
           AND EXISTS (SELECT 1 FROM guardians g WHERE g.student_id = s.id \
                       AND g.deleted_at IS NULL AND g.receives_invoices) \
         ORDER BY s.id LIMIT $2",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<diesel::sql_types::BigInt, _>(n)
    .bind::<Text, _>(now.date_naive().to_string())
    .bind::<Text, _>(prefix)
    .execute(&mut app.conn())
    .expect("overdue invoices") as i64
}

#[actix_web::test]
async fn reminders_look_guardians_up_once_per_school_however_many_invoices() {
    let app = spawn_app().await;
    let now = homeroom::clock::now();
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    // Everything already owed was reminded about just now.
    diesel::sql_query("UPDATE invoices SET last_reminded_at = $1")
        .bind::<Timestamptz, _>(now)
        .execute(&mut app.conn())
        .expect("quiet the others");
    let remind = |count: &GuardianLookups| {
        let mut conn = app.conn();
        conn.set_instrumentation(count.clone());
        send_due_reminders(&mut conn, &mailer, now).expect("reminders")
    };

    assert_eq!(overdue_invoices(&app, "FEW-", 2), 2);
    let few = GuardianLookups::default();
    assert_eq!(remind(&few), 2);
    assert_eq!(overdue_invoices(&app, "MANY-", 40), 40);
    let many = GuardianLookups::default();
    assert_eq!(remind(&many), 40, "the forty new ones only");
    let (few, many) = (
        few.0.lock().unwrap().clone(),
        many.0.lock().unwrap().clone(),
    );
    assert_eq!(
        few.len(),
        many.len(),
        "guardian lookups do not grow: {few:?} {many:?}"
    );
    assert_eq!(many.len(), 1, "one lookup for the one school: {many:?}");

    // Each invoice's own guardians hear, once each.
    let expected = count_of(
        &app,
        "SELECT count(*) AS n FROM invoices i \
         JOIN guardians g ON g.student_id = i.student_id AND g.deleted_at IS NULL \
              AND g.receives_invoices \
         LEFT JOIN guardian_people p ON p.id = g.person_id \
         WHERE i.invoice_number LIKE 'MANY-%' AND coalesce(p.email, g.email) <> ''",
    );
    let sent = count_of(
        &app,
        "SELECT count(*) AS n FROM email_outbox WHERE subject LIKE '%MANY-%'",
    );
    assert!(expected > 0);
    assert_eq!(sent, expected, "one reminder per invoice and guardian");
    let students = ids(
        &app,
        "SELECT student_id AS id FROM invoices WHERE organization_id = $1 \
         AND invoice_number LIKE 'MANY-%' AND last_reminded_at IS NULL",
        northwind(&app),
    );
    assert!(students.is_empty(), "every invoice is marked reminded");
    assert_balances_hold(&app);
}

//! The year rollover: the demo school turns over into next year with every active
//! student promoted exactly once, the top grade graduated and last year's
//! attendance untouched; a second run changes nothing; a repeat and a leave are
//! honoured; bad dates are refused with nothing made; the pages speak Spanish and
//! fit a phone.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::attendance_in_languages::post_fields;
use crate::browser::{
    DESKTOP, PHONE, assert_no_sideways_scrolling, open, resize, screenshot, signed_in_browser,
};
use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::set_user_language;
use crate::resources::{form_fields_in, with};

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Digest {
    #[diesel(sql_type = Text)]
    digest: String,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

fn number(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<N>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

/// An md5 of every row of the tables, in id order.
fn digest(app: &TestApp, tables: &[&str]) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|t| {
            format!("(SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x.id)), '') FROM {t} x)")
        })
        .collect();
    let sql = format!("SELECT {} AS digest", parts.join(" || "));
    diesel::sql_query(&sql)
        .get_result::<Digest>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .digest
}

const LAST_YEARS_RECORDS: &[&str] = &[
    "attendance_sessions",
    "attendance_records",
    "assessments",
    "assessment_results",
];

const WHAT_THE_ROLLOVER_WRITES: &[&str] = &[
    "academic_years",
    "classes",
    "class_subjects",
    "class_enrollments",
    "students",
    "academic_terms",
    "timetables",
    "timetable_periods",
    "audit_log",
];

/// Northwind's active students in an active class of the current year.
const ACTIVE_IN_CLASSES: &str = "
    SELECT count(DISTINCT e.student_id) AS n FROM class_enrollments e
    JOIN classes c ON c.id = e.class_id AND c.deleted_at IS NULL AND c.status = 'active'
    JOIN academic_years y ON y.id = c.academic_year_id AND y.current
    JOIN organizations o ON o.id = y.organization_id AND o.name = 'Northwind Academy'
    JOIN students s ON s.id = e.student_id AND s.status = 'active' AND s.deleted_at IS NULL
    WHERE e.status = 'active' AND e.deleted_at IS NULL";

/// Of those, the ones in the school's top grade (the highest sort order with classes).
const IN_TOP_GRADE: &str = "
    WITH this_year AS (
        SELECT c.* FROM classes c
        JOIN academic_years y ON y.id = c.academic_year_id AND y.current
        JOIN organizations o ON o.id = y.organization_id AND o.name = 'Northwind Academy'
        WHERE c.deleted_at IS NULL AND c.status = 'active'
    ), top AS (
        SELECT g.id FROM grades g WHERE g.id IN (SELECT grade_id FROM this_year)
        ORDER BY g.sort_order DESC NULLS FIRST, g.name DESC, g.id DESC LIMIT 1
    )
    SELECT count(DISTINCT e.student_id) AS n FROM class_enrollments e
    JOIN this_year c ON c.id = e.class_id AND c.grade_id = (SELECT id FROM top)
    JOIN students s ON s.id = e.student_id AND s.status = 'active' AND s.deleted_at IS NULL
    WHERE e.status = 'active' AND e.deleted_at IS NULL";

/// Enrolments in Northwind's classes of the year named `year`.
fn enrolments_in(app: &TestApp, year: &str) -> (i64, i64) {
    let sql = format!(
        "SELECT count(*) AS n FROM class_enrollments e
         JOIN classes c ON c.id = e.class_id
         JOIN academic_years y ON y.id = c.academic_year_id AND y.name = '{year}'
         JOIN organizations o ON o.id = y.organization_id AND o.name = 'Northwind Academy'
         WHERE e.status = 'active' AND e.deleted_at IS NULL"
    );
    let distinct = sql.replace("count(*)", "count(DISTINCT e.student_id)");
    (number(app, &sql), number(app, &distinct))
}

/// The rollover page's form as the page proposes it, with `intent`.
async fn proposed_form(
    app: &TestApp,
    client: &reqwest::Client,
    intent: &str,
) -> Vec<(String, String)> {
    let html = app.page(client, "/rollover").await;
    let fields = form_fields_in(&html, "/rollover").expect("the rollover form");
    with(fields, "intent", intent)
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("the form has {name}"))
}

#[actix_web::test]
async fn rollover_of_the_demo_school_promotes_each_student_once_graduates_the_top_grade_and_runs_once()
 {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Admin).await;
    let active = number(&app, ACTIVE_IN_CLASSES);
    let top = number(&app, IN_TOP_GRADE);
    assert!(
        active > 100 && top > 0,
        "{active} active, {top} in the top grade"
    );
    let records_before = digest(&app, LAST_YEARS_RECORDS);

    let page = app.page(&client, "/rollover").await;
    assert!(page.contains("Year rollover"), "{page}");
    let fields = proposed_form(&app, &client, "run").await;
    let next = field(&fields, "year_name").to_owned();
    let response = post_fields(&app, &client, "/rollover", &fields).await;
    assert_eq!(response.status(), 303, "the rollover runs");
    let after_run = app.page(&client, "/rollover").await;
    assert!(
        after_run.contains("is done"),
        "the office is told: {after_run}"
    );

    let (enrolments, students) = enrolments_in(&app, &next);
    assert_eq!(
        enrolments,
        active - top,
        "every active student below the top grade is enrolled next year"
    );
    assert_eq!(students, enrolments, "nobody is enrolled twice");
    assert_eq!(
        number(
            &app,
            "SELECT count(*) AS n FROM students s JOIN organizations o ON o.id = s.organization_id \
             AND o.name = 'Northwind Academy' WHERE s.status = 'graduated'"
        ),
        top,
        "the top grade graduates"
    );
    assert_eq!(
        number(
            &app,
            "SELECT count(*) AS n FROM student_status_changes h \
             JOIN organizations o ON o.id = h.organization_id AND o.name = 'Northwind Academy' \
             WHERE h.from_status = 'active' AND h.to_status = 'graduated'"
        ),
        top,
        "each graduation is in the students' status history"
    );
    assert_eq!(
        number(&app, &ACTIVE_IN_CLASSES.replace("AND y.current", "")),
        enrolments,
        "only next year's enrolments are still active"
    );
    let this_year = "FROM class_enrollments e JOIN classes c ON c.id = e.class_id \
        JOIN academic_years y ON y.id = c.academic_year_id AND y.current \
        JOIN organizations o ON o.id = y.organization_id AND o.name = 'Northwind Academy'";
    assert_eq!(
        number(
            &app,
            &format!("SELECT count(*) AS n {this_year} WHERE e.status = 'active'")
        ),
        0,
        "no enrolment of this year stays active"
    );
    assert!(
        number(
            &app,
            &format!(
                "SELECT count(*) AS n {this_year} \
                 WHERE e.status = 'completed' AND e.ended_on = y.end_date"
            )
        ) >= active,
        "this year's enrolments are completed on the year's last day"
    );
    assert!(
        number(
            &app,
            &format!(
                "SELECT count(*) AS n FROM timetables t JOIN academic_years y \
                 ON y.id = t.academic_year_id AND y.name = '{next}' WHERE t.status = 'draft'"
            )
        ) > 0,
        "timetables are copied as drafts"
    );
    assert_eq!(
        digest(&app, LAST_YEARS_RECORDS),
        records_before,
        "last year's attendance and results are untouched"
    );

    let written = digest(&app, WHAT_THE_ROLLOVER_WRITES);
    let again = post_fields(&app, &client, "/rollover", &fields).await;
    assert_eq!(again.status(), 303, "a second run is accepted");
    assert_eq!(
        digest(&app, WHAT_THE_ROLLOVER_WRITES),
        written,
        "a second run changes nothing"
    );
}

/// A class below the top grade with at least two active students, and two of them.
fn class_with_two_students(app: &TestApp) -> (Uuid, Uuid, Uuid) {
    let class = diesel::sql_query(
        "SELECT c.id FROM classes c
         JOIN academic_years y ON y.id = c.academic_year_id AND y.current
         JOIN organizations o ON o.id = y.organization_id AND o.name = 'Northwind Academy'
         JOIN grades g ON g.id = c.grade_id
         WHERE c.status = 'active' AND c.deleted_at IS NULL
           AND (SELECT count(*) FROM class_enrollments e WHERE e.class_id = c.id
                AND e.status = 'active' AND e.deleted_at IS NULL) >= 2
         ORDER BY g.sort_order, c.name LIMIT 1",
    )
    .get_result::<Id>(&mut app.conn())
    .expect("a class")
    .id;
    let students: Vec<Uuid> = diesel::sql_query(
        "SELECT e.student_id AS id FROM class_enrollments e
         JOIN students s ON s.id = e.student_id AND s.status = 'active'
         WHERE e.class_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL
         ORDER BY s.last_name, s.first_name, s.id LIMIT 2",
    )
    .bind::<SqlUuid, _>(class)
    .load::<Id>(&mut app.conn())
    .expect("students")
    .into_iter()
    .map(|i| i.id)
    .collect();
    (class, students[0], students[1])
}

/// The class (name, grade) a student is actively enrolled in for the year `year`.
fn placed_in(app: &TestApp, student: Uuid, year: &str) -> Vec<(String, String)> {
    #[derive(QueryableByName)]
    struct Placed {
        #[diesel(sql_type = Text)]
        class: String,
        #[diesel(sql_type = Text)]
        grade: String,
    }
    diesel::sql_query(
        "SELECT c.name || coalesce(' ' || c.section, '') AS class, g.name AS grade
         FROM class_enrollments e JOIN classes c ON c.id = e.class_id
         JOIN grades g ON g.id = c.grade_id
         JOIN academic_years y ON y.id = c.academic_year_id AND y.name = $2
         WHERE e.student_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<Text, _>(year)
    .load::<Placed>(&mut app.conn())
    .expect("placements")
    .into_iter()
    .map(|p| (p.class, p.grade))
    .collect()
}

fn status_of(app: &TestApp, student: Uuid) -> String {
    diesel::sql_query("SELECT status::text AS digest FROM students WHERE id = $1")
        .bind::<SqlUuid, _>(student)
        .get_result::<Digest>(&mut app.conn())
        .expect("a student")
        .digest
}

#[actix_web::test]
async fn office_has_one_student_repeat_the_year_and_another_leave() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Admin).await;
    let (class, repeater, leaver) = class_with_two_students(&app);
    let this_year = placed_in(&app, repeater, &current_year_name(&app));
    let path = format!("/rollover/classes/{class}");
    let page = app.page(&client, &path).await;
    assert!(page.contains("Repeats the year"), "{page}");

    let choices = [
        (format!("choice-{repeater}"), "repeat".to_owned()),
        (format!("choice-{leaver}"), "leave".to_owned()),
    ];
    let saved = app
        .submit(
            &client,
            &path,
            &path,
            &choices
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(saved.status(), 303);
    let page = app.page(&client, &path).await;
    assert!(
        page.contains("1 repeating") && page.contains("1 leaving"),
        "the class shows its choices: {page}"
    );

    let fields = proposed_form(&app, &client, "run").await;
    let next = field(&fields, "year_name").to_owned();
    assert_eq!(
        post_fields(&app, &client, "/rollover", &fields)
            .await
            .status(),
        303
    );

    assert_eq!(
        placed_in(&app, repeater, &next),
        this_year,
        "the repeater joins the same class next year"
    );
    assert!(
        placed_in(&app, leaver, &next).is_empty(),
        "the leaver is enrolled nowhere"
    );
    assert_eq!(status_of(&app, leaver), "withdrawn");
    assert_eq!(status_of(&app, repeater), "active");
}

fn current_year_name(app: &TestApp) -> String {
    diesel::sql_query(
        "SELECT y.name AS digest FROM academic_years y JOIN organizations o ON o.id = y.organization_id \
         AND o.name = 'Northwind Academy' WHERE y.current",
    )
    .get_result::<Digest>(&mut app.conn())
    .expect("the current year")
    .digest
}

#[actix_web::test]
async fn a_next_year_ending_before_it_starts_is_refused_and_nothing_is_made() {
    let app = spawn_app().await;
    let client = app.signed_in(DemoUser::Admin).await;
    let before = digest(&app, WHAT_THE_ROLLOVER_WRITES);
    let fields = proposed_form(&app, &client, "run").await;
    let start = chrono::NaiveDate::parse_from_str(field(&fields, "year_start"), "%Y-%m-%d")
        .expect("a proposed start");
    let day_before = start.pred_opt().expect("a day before").to_string();
    let fields = with(fields, "year_end", &day_before);
    let response = post_fields(&app, &client, "/rollover", &fields).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("a page");
    assert!(
        html.contains("The last day comes on or after the first day."),
        "{html}"
    );
    assert_eq!(digest(&app, WHAT_THE_ROLLOVER_WRITES), before);
}

#[actix_web::test]
async fn the_rollover_pages_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let client = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&client, "/rollover").await;
    assert!(page.contains("Cambio de curso escolar"), "{page}");
    assert!(page.contains("Ejecutar el cambio de curso"), "{page}");
    let (class, _, _) = class_with_two_students(&app);
    let page = app
        .page(&client, &format!("/rollover/classes/{class}"))
        .await;
    assert!(page.contains("Repite el curso"), "{page}");
}

/// Scrolls the page until `css` is at the top of the window.
async fn show(client: &fantoccini::Client, css: &str) {
    client
        .execute(
            &format!("document.querySelector({css:?}).scrollIntoView()"),
            vec![],
        )
        .await
        .expect("scroll");
}

#[actix_web::test]
async fn the_rollover_preview_fits_a_desktop_and_a_phone() {
    let app = spawn_app().await;
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, DemoUser::Admin.email(), ".page-head").await;
    open(&client, &app.url("/rollover"), ".rollover-classes").await;
    screenshot(&client, "rollover/preview-1440").await;
    assert_no_sideways_scrolling(&client, "/rollover at 1440 px").await;
    show(&client, ".rollover-classes").await;
    screenshot(&client, "rollover/preview-plan-1440").await;
    resize(&client, PHONE).await;
    screenshot(&client, "rollover/preview-390").await;
    show(&client, ".rollover-classes").await;
    screenshot(&client, "rollover/preview-plan-390").await;
    assert_no_sideways_scrolling(&client, "/rollover at 390 px").await;
    let (class, _, _) = class_with_two_students(&app);
    open(
        &client,
        &app.url(&format!("/rollover/classes/{class}")),
        ".rollover-students",
    )
    .await;
    screenshot(&client, "rollover/class-390").await;
    assert_no_sideways_scrolling(&client, "a class's rollover at 390 px").await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    open(&client, &app.url("/rollover"), ".rollover-classes").await;
    show(&client, ".rollover-classes").await;
    screenshot(&client, "rollover/preview-390-es").await;
    assert_no_sideways_scrolling(&client, "/rollover in Spanish at 390 px").await;
}

//! A list's CSV export is streamed a batch at a time: the file holds exactly the
//! rows of the database, in the list's order, none missing or repeated where one
//! batch ends and the next begins, even among rows that sort the same.

use diesel::prelude::*;
use diesel::sql_types::{Array, Nullable, Text};
use homeroom::resources::csv_cell;

use crate::common::{DemoUser, TestApp, TestDatabase, organization_id, spawn_app_configured};

/// Rows a batch holds in these tests: a few thousand rows make hundreds of batches.
const BATCH: i64 = 7;

/// The students' columns as exported, in the engine's field order.
const COLUMNS: &str = "student_number,first_name,last_name,gender,date_of_birth,campus_id,\
                       enrollment_date,status,email,phone,address";

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Array<Nullable<Text>>)]
    cells: Vec<Option<String>>,
}

/// Adds `count` students to Northwind whose names and enrolment dates repeat (so many
/// rows share a sort value), a few with cells a spreadsheet would run or split.
fn add_look_alike_students(app: &TestApp, count: i32) {
    let mut conn = app.conn();
    let org = organization_id(&mut conn, "Northwind Academy");
    diesel::sql_query(
        "INSERT INTO students (organization_id, campus_id, student_number, first_name, \
                               last_name, enrollment_date, status, address) \
         SELECT $1, (SELECT id FROM campuses WHERE organization_id = $1 \
                     ORDER BY name OFFSET (n % 2) LIMIT 1), \
                'LA-' || n, (ARRAY['Ana', 'Ben'])[1 + n % 2], \
                (ARRAY['Ng', 'Okafor', 'Silva'])[1 + n % 3], \
                CASE WHEN n % 5 = 0 THEN NULL ELSE DATE '2026-08-20' + (n % 3) END, \
                'active'::student_status, \
                CASE WHEN n % 97 = 0 THEN '=HYPERLINK(\"x\"), flat ' || n END \
         FROM generate_series(1, $2) AS n",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .bind::<diesel::sql_types::Integer, _>(count)
    .execute(&mut conn)
    .expect("the look-alike students");
}

/// The file the database's live students of Northwind make, in `order`, written
/// as the export writes it.
fn expected_file(app: &TestApp, filter: &str, order: &str) -> String {
    let mut conn = app.conn();
    let org = organization_id(&mut conn, "Northwind Academy");
    let lines: Vec<Line> = diesel::sql_query(format!(
        "SELECT ARRAY[t.student_number, t.first_name, t.last_name, t.gender::text, \
                      t.date_of_birth::text, coalesce(nullif(c.name, ''), t.campus_id::text), \
                      t.enrollment_date::text, t.status::text, t.email, t.phone, t.address] AS cells \
         FROM students t LEFT JOIN campuses c ON c.id = t.campus_id \
         WHERE t.organization_id = $1 AND t.deleted_at IS NULL {filter} \
         ORDER BY {order}"
    ))
    .bind::<diesel::sql_types::Uuid, _>(org)
    .load(&mut conn)
    .expect("the students as stored");
    let mut file = format!("{COLUMNS}\r\n");
    for line in lines {
        let cells: Vec<String> = line
            .cells
            .iter()
            .map(|c| csv_cell(c.as_deref().unwrap_or("")))
            .collect();
        file.push_str(&cells.join(","));
        file.push_str("\r\n");
    }
    file
}

async fn exported(app: &TestApp, path: &str) -> String {
    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app.get(&admin, path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    response.text().await.expect("the whole file")
}

#[actix_web::test]
async fn a_long_export_read_in_small_batches_holds_every_row_once_in_the_lists_order() {
    let app = spawn_app_configured(TestDatabase::new(), |s| s.export_batch_rows = BATCH);
    add_look_alike_students(&app, 3000);

    let file = exported(&app, "/students/export.csv").await;
    let expected = expected_file(&app, "", "t.last_name, t.first_name, t.id");
    assert!(
        expected.lines().count() > 3000,
        "the demo's students and the added ones"
    );
    assert_eq!(
        file.lines().count(),
        expected.lines().count(),
        "no row missed or repeated"
    );
    assert!(file == expected, "the same bytes as the rows, in order");
    assert!(
        file.contains("\"'=HYPERLINK(\"\"x\"\"), flat 97\""),
        "cells are guarded"
    );
}

#[actix_web::test]
async fn a_sorted_and_filtered_export_streams_the_rows_the_list_shows_in_its_order() {
    let app = spawn_app_configured(TestDatabase::new(), |s| s.export_batch_rows = BATCH);
    add_look_alike_students(&app, 2000);

    let file = exported(
        &app,
        "/students/export.csv?status=active&sort=-enrollment_date",
    )
    .await;
    let expected = expected_file(
        &app,
        "AND t.status = 'active'",
        "t.enrollment_date DESC NULLS LAST, t.id",
    );
    assert!(expected.lines().count() > 2000);
    assert!(file == expected, "the same bytes as the rows, in order");
}

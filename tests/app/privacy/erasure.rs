//! Retention and erasure: the school's administrator sees the students who left
//! longer ago than the school keeps records, erases one by typing their name, and
//! afterwards no table and no stored file holds the student's name, e-mail, date of
//! birth or files, while the school's invoice and payment totals and attendance
//! counts stay. Only an administrator may erase; the scheduled review lists exactly
//! the students past retention and purges the students deleted long ago.

use bigdecimal::BigDecimal;
use chrono::{Duration, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Numeric, Text, Timestamptz};
use homeroom::db::schema::{students, sync_logs};
use homeroom::files::FileStore;
use homeroom::privacy::erasure::{self, ERASURE_LOG};
use uuid::Uuid;

use crate::common::fixtures::{StudentBuilder, school_today};
use crate::common::{DemoUser, TestApp, csrf_token, organization_id, spawn_app};

type SqlUuid = diesel::sql_types::Uuid;

const PAGE: &str = "/privacy/retention";

fn northwind(app: &TestApp) -> Uuid {
    organization_id(&mut app.conn(), "Northwind Academy")
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Money {
    #[diesel(sql_type = Nullable<Numeric>)]
    total: Option<BigDecimal>,
}

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Text)]
    value: String,
}

fn count(conn: &mut PgConnection, sql: &str, student: Uuid) -> i64 {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(student)
        .get_result::<Count>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

fn money(conn: &mut PgConnection, sql: &str, org: Uuid) -> Option<BigDecimal> {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(org)
        .get_result::<Money>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .total
}

/// The school's totals the law asks it to keep: invoiced, still owed, and paid.
fn totals(app: &TestApp, org: Uuid) -> Vec<Option<BigDecimal>> {
    let mut conn = app.conn();
    vec![
        money(
            &mut conn,
            "SELECT sum(total_amount) AS total FROM invoices WHERE organization_id = $1",
            org,
        ),
        money(
            &mut conn,
            "SELECT sum(balance_due) AS total FROM invoices WHERE organization_id = $1",
            org,
        ),
        money(
            &mut conn,
            "SELECT sum(amount) AS total FROM payments WHERE organization_id = $1",
            org,
        ),
    ]
}

/// Every `table.column` of the database holding text or JSON (arrays included)
/// where one of `values` appears, case aside.
fn traces(conn: &mut PgConnection, values: &[String]) -> Vec<String> {
    let columns: Vec<Column> = diesel::sql_query(
        "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
                OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
         ORDER BY 1, 2",
    )
    .load(conn)
    .expect("the text columns");
    assert!(columns.len() > 100, "every text column is scanned");
    let mut found = Vec::new();
    for column in columns {
        let hits: Vec<Value> = diesel::sql_query(format!(
            "SELECT v AS value FROM unnest($1::text[]) v WHERE EXISTS
               (SELECT 1 FROM \"{}\" WHERE strpos(lower(\"{}\"::text), lower(v)) > 0)",
            column.table_name, column.column_name
        ))
        .bind::<diesel::sql_types::Array<Text>, _>(values)
        .load(conn)
        .expect("a scan");
        found.extend(hits.into_iter().map(|v| {
            format!(
                "{}.{} holds {:?}",
                column.table_name, column.column_name, v.value
            )
        }));
    }
    found
}

/// A Northwind student with guardians and an invoice that has a payment.
fn a_paying_family(app: &TestApp, org: Uuid) -> Uuid {
    diesel::sql_query(
        "SELECT s.id FROM students s
         WHERE s.organization_id = $1 AND s.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM guardians g WHERE g.student_id = s.id AND g.email IS NOT NULL)
           AND EXISTS (SELECT 1 FROM invoices i JOIN payments p ON p.invoice_id = i.id
                        WHERE i.student_id = s.id)
           AND EXISTS (SELECT 1 FROM attendance_records a WHERE a.student_id = s.id)
         ORDER BY s.last_name, s.first_name LIMIT 1",
    )
    .bind::<SqlUuid, _>(org)
    .get_result::<Id>(&mut app.conn())
    .expect("a demo student with a family, a paid invoice and attendance")
    .id
}

/// Makes a student one who left on `on` with `status`, no longer in any class.
fn left_on(conn: &mut PgConnection, student: Uuid, status: &str, on: NaiveDate) {
    diesel::sql_query(format!(
        "UPDATE students SET status = '{status}' WHERE id = $1"
    ))
    .bind::<SqlUuid, _>(student)
    .execute(conn)
    .expect("the student left");
    diesel::sql_query(format!(
        "INSERT INTO student_status_changes (organization_id, student_id, from_status, to_status, on_date, reason)
         SELECT organization_id, id, 'active', '{status}', $2, 'Moved abroad with the family'
         FROM students WHERE id = $1"
    ))
    .bind::<SqlUuid, _>(student)
    .bind::<Date, _>(on)
    .execute(conn)
    .expect("the status change");
    diesel::sql_query(
        "UPDATE class_enrollments SET status = 'completed', ended_on = greatest(enrolled_on, $2)
         WHERE student_id = $1 AND status = 'active'",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<Date, _>(on)
    .execute(conn)
    .expect("the enrolments ended");
}

/// A new student of `org` who withdrew `days` ago.
fn a_student_who_left(app: &TestApp, org: Uuid, (first, last): (&str, &str), days: i64) -> Uuid {
    let mut conn = app.conn();
    let today = school_today(&mut conn, org);
    let student = StudentBuilder::new(org)
        .named(first, last)
        .insert(&mut conn);
    left_on(
        &mut conn,
        student,
        "withdrawn",
        today - Duration::days(days),
    );
    student
}

/// The student ids the retention page lists.
fn listed(html: &str) -> Vec<Uuid> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse("#past-retention tbody tr").expect("selector");
    doc.select(&rows)
        .filter_map(|r| r.value().id()?.strip_prefix("student-")?.parse().ok())
        .collect()
}

async fn erase(
    app: &TestApp,
    client: &reqwest::Client,
    student: Uuid,
    typed: &str,
) -> reqwest::Response {
    let html = app.page(client, PAGE).await;
    let token = csrf_token(&html).expect("the page's token");
    app.post_form(
        client,
        &format!("{PAGE}/{student}/erase"),
        &[("csrf_token", token.as_str()), ("confirm", typed)],
    )
    .await
}

#[test]
fn every_table_naming_a_student_is_covered_by_erasure() {
    let db = crate::common::TestDatabase::new();
    let mut conn = db.connect();
    let referencing: Vec<Value> = diesel::sql_query(
        "SELECT DISTINCT tc.table_name::text AS value
         FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage cu
           ON cu.constraint_name = tc.constraint_name AND cu.table_schema = tc.table_schema
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'
           AND cu.table_name = 'students'
         ORDER BY 1",
    )
    .load(&mut conn)
    .expect("the foreign keys to students");
    let referencing: Vec<String> = referencing.into_iter().map(|v| v.value).collect();
    let covered: Vec<String> = erasure::STUDENT_TABLES
        .iter()
        .map(|(table, _)| (*table).to_owned())
        .collect();
    assert_eq!(
        referencing, covered,
        "a table that names a student must say what erasure does with its rows"
    );
}

#[actix_web::test]
async fn an_erased_student_leaves_no_trace_in_any_table_or_file_and_the_totals_stay() {
    let app = spawn_app().await;
    let org = northwind(&app);
    let student = a_paying_family(&app, org);
    let today = school_today(&mut app.conn(), org);

    // The name the demo's messages and mail use, then distinctive values, changed
    // the way a school would (the audit trail keeps the old ones).
    let mut conn = app.conn();
    let (first, last): (String, String) = students::table
        .find(student)
        .select((students::first_name, students::last_name))
        .first(&mut conn)
        .expect("the student");
    let former = format!("{first} {last}");
    let (new_first, new_last) = ("Zebulon", "Quillfeather-Oduya");
    let name = format!("{new_first} {new_last}");
    let (email, born) = ("quill.erasure@family.test", "1999-02-27");
    diesel::sql_query(
        "UPDATE students SET first_name = $2, last_name = $3, email = $4,
             date_of_birth = $5::date WHERE id = $1",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<Text, _>(new_first)
    .bind::<Text, _>(new_last)
    .bind::<Text, _>(email)
    .bind::<Text, _>(born)
    .execute(&mut conn)
    .expect("the student's new name and contact");
    left_on(
        &mut conn,
        student,
        "withdrawn",
        today - Duration::days(8 * 366),
    );
    // The guardians no other student of the school has are the family's alone.
    let family_emails: Vec<Value> = diesel::sql_query(
        "SELECT DISTINCT p.email AS value FROM guardians g JOIN guardian_people p ON p.id = g.person_id
         WHERE g.student_id = $1 AND p.email IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM guardians o WHERE o.person_id = p.id AND o.student_id <> $1)",
    )
    .bind::<SqlUuid, _>(student)
    .load(&mut conn)
    .expect("the family's addresses");
    // A message and a mail naming the student, as the absence alerts write them.
    diesel::sql_query(
        "INSERT INTO messages (organization_id, subject, body, channel, audience, status)
         VALUES ($1, 'Absence', $2 || ' was absent today.', 'email', 'custom', 'sent')",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<Text, _>(&name)
    .execute(&mut conn)
    .expect("a message");
    diesel::sql_query(
        "INSERT INTO email_outbox (organization_id, to_address, subject, body_text, status)
         VALUES ($1, 'office@northwind.test', 'Absence', $2 || ' was absent today.', 'sent')",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<Text, _>(&name)
    .execute(&mut conn)
    .expect("a mail");
    let marks = "SELECT count(*) AS n FROM attendance_records WHERE student_id = $1";
    let marked = count(&mut conn, marks, student);
    drop(conn);

    let admin = app.signed_in(DemoUser::Admin).await;
    // The student's photo and a file on one of their invoices.
    let png = crate::files::png(16, 16);
    let response = crate::files::upload(&app, &admin, "students", student, "photo.png", &png).await;
    assert_eq!(response.status(), 303);
    let invoice: Id = diesel::sql_query("SELECT id FROM invoices WHERE student_id = $1 LIMIT 1")
        .bind::<SqlUuid, _>(student)
        .get_result(&mut app.conn())
        .expect("an invoice");
    let response =
        crate::files::upload(&app, &admin, "invoices", invoice.id, "receipt.png", &png).await;
    assert_eq!(response.status(), 303);
    let keys: Vec<Value> = diesel::sql_query(
        "SELECT storage_key AS value FROM file
         WHERE belongs_to_id = $1 OR belongs_to_id = $2
         UNION SELECT thumbnail_key FROM file
         WHERE (belongs_to_id = $1 OR belongs_to_id = $2) AND thumbnail_key IS NOT NULL",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<SqlUuid, _>(invoice.id)
    .load(&mut app.conn())
    .expect("the stored files");
    assert!(keys.len() >= 2, "both files are stored");
    let store = FileStore::reading(&app.data_dir);
    for key in &keys {
        assert!(
            store.local_path(&key.value).is_ok(),
            "{} is on disk",
            key.value
        );
    }
    assert_eq!(
        app.get(&admin, &format!("/students/{student}/profile"))
            .await
            .status(),
        200
    );
    let before = totals(&app, org);

    let mut personal = vec![
        former.clone(),
        new_first.to_owned(),
        new_last.to_owned(),
        email.to_owned(),
        born.to_owned(),
    ];
    personal.extend(family_emails.into_iter().map(|v| v.value));
    assert!(
        !traces(&mut app.conn(), &personal).is_empty(),
        "the scan finds the student before"
    );

    // Listed, and erased only with the name typed.
    let html = app.page(&admin, PAGE).await;
    assert!(listed(&html).contains(&student), "{html}");
    let response = erase(&app, &admin, student, "someone else").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the page");
    assert!(html.contains("name exactly as shown to confirm"), "{html}");
    assert!(
        students::table
            .find(student)
            .select(students::erased_at.is_null())
            .first::<bool>(&mut app.conn())
            .expect("the student"),
        "nothing is erased"
    );

    let response = erase(
        &app,
        &admin,
        student,
        &format!("  {}  ", name.to_uppercase()),
    )
    .await;
    assert_eq!(response.status(), 303);
    let html = app.page(&admin, PAGE).await;
    assert!(html.contains("The record was erased."), "{html}");
    assert!(!listed(&html).contains(&student));
    assert!(!html.contains(&name));

    // Asked again, it is said to be done, and nothing more happens.
    let response = erase(&app, &admin, student, &name).await;
    assert_eq!(response.status(), 303);
    assert!(
        app.page(&admin, PAGE)
            .await
            .contains("This record was already erased.")
    );

    let found = traces(&mut app.conn(), &personal);
    assert!(found.is_empty(), "traces left: {found:#?}");
    for key in &keys {
        assert!(
            store.local_path(&key.value).is_err(),
            "{} is removed",
            key.value
        );
    }
    assert_eq!(totals(&app, org), before, "invoice and payment totals stay");
    assert_eq!(
        count(&mut app.conn(), marks, student),
        marked,
        "attendance counts stay"
    );
    let logged: Vec<(i32, i32, Option<String>)> = sync_logs::table
        .filter(sync_logs::sync_type.eq(ERASURE_LOG))
        .select((
            sync_logs::records_processed,
            sync_logs::records_updated,
            sync_logs::error_message,
        ))
        .load(&mut app.conn())
        .expect("the erasure's log");
    assert_eq!(
        logged.len(),
        1,
        "one row says a record was erased: {logged:?}"
    );
    assert!(logged[0].0 > logged[0].1 && logged[0].1 > 0, "{logged:?}");
    assert_eq!(logged[0].2, None);

    // The invoice still names a student, without the name.
    let still: (String, Option<NaiveDate>, Option<String>) = students::table
        .find(student)
        .select((
            students::first_name,
            students::date_of_birth,
            students::email,
        ))
        .first(&mut app.conn())
        .expect("the anonymized row");
    assert_eq!(still, ("Erased".to_owned(), None, None));
}

#[actix_web::test]
async fn only_an_administrator_may_see_the_list_or_erase() {
    let app = spawn_app().await;
    let org = northwind(&app);
    let student = a_student_who_left(&app, org, ("Orla", "Vantongeren"), 3650);
    let admin = app.signed_in(DemoUser::Admin).await;
    let token = csrf_token(&app.page(&admin, PAGE).await).expect("token");
    for who in [
        DemoUser::Office,
        DemoUser::Teacher,
        DemoUser::Accountant,
        DemoUser::Director,
    ] {
        let client = app.signed_in(who).await;
        assert_eq!(app.get(&client, PAGE).await.status(), 403, "{who:?}");
        let home = app.page(&client, "/").await;
        assert!(!home.contains(PAGE), "{who:?} is not offered the page");
        let other = csrf_token(&home).unwrap_or_else(|| token.clone());
        let response = app
            .post_form(
                &client,
                &format!("{PAGE}/{student}/erase"),
                &[
                    ("csrf_token", other.as_str()),
                    ("confirm", "Orla Vantongeren"),
                ],
            )
            .await;
        assert_eq!(response.status(), 403, "{who:?}");
    }
    // Another school's administrator does not find the student.
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    let response = erase(&app, &riverside, student, "Orla Vantongeren").await;
    assert_eq!(response.status(), 404);
    let erased: bool = students::table
        .find(student)
        .select(students::erased_at.is_not_null())
        .first(&mut app.conn())
        .expect("the student");
    assert!(!erased, "nobody but the school's administrator erased it");
}

#[actix_web::test]
async fn an_erased_record_cannot_be_restored_from_the_trash() {
    let app = spawn_app().await;
    let org = northwind(&app);
    let student = a_student_who_left(&app, org, ("Ines", "Halvorsen"), 3650);
    let admin = app.signed_in(DemoUser::Admin).await;
    let erased = erase(&app, &admin, student, "Ines Halvorsen").await;
    assert!(erased.status().is_success() || erased.status().is_redirection());

    let refused = app
        .submit(&admin, "/", &format!("/students/{student}/restore"), &[])
        .await;
    assert_eq!(refused.status(), 303);
    let trash = app.page(&admin, "/students/trash").await;
    assert!(
        trash.contains(
            "An erased record cannot come back or take new details: erasure cannot be undone."
        ),
        "{trash}"
    );
    let still_deleted: bool = students::table
        .find(student)
        .select(students::deleted_at.is_not_null())
        .first(&mut app.conn())
        .expect("the student");
    assert!(still_deleted, "the erased record stays in the trash");
}

#[actix_web::test]
async fn the_review_lists_exactly_the_students_past_retention_and_purges_the_long_deleted() {
    let app = spawn_app().await;
    let org = northwind(&app);
    let today = school_today(&mut app.conn(), org);
    let admin = app.signed_in(DemoUser::Admin).await;
    let html = app.page(&admin, PAGE).await;
    assert!(html.contains("Years kept after a student leaves"), "{html}");
    let demo = listed(&html);

    let mut conn = app.conn();
    let mut student = |first: &str| {
        StudentBuilder::new(org)
            .named(first, "Retentionson")
            .insert(&mut conn)
    };
    let (long_gone, recent, on_the_day, active, enrolled, purged, deleted_lately) = (
        student("Longgone"),
        student("Recent"),
        student("Ontheday"),
        student("Active"),
        student("Enrolled"),
        student("Purged"),
        student("Lately"),
    );
    let mut conn = app.conn();
    let years_ago = |n: u32| {
        today
            .checked_sub_months(chrono::Months::new(12 * n))
            .expect("a day")
    };
    left_on(&mut conn, long_gone, "withdrawn", years_ago(8));
    left_on(&mut conn, recent, "transferred", years_ago(6));
    left_on(&mut conn, on_the_day, "graduated", years_ago(7));
    left_on(&mut conn, enrolled, "withdrawn", years_ago(10));
    diesel::sql_query(
        "INSERT INTO class_enrollments (organization_id, class_id, student_id, enrolled_on, status)
         SELECT s.organization_id, c.id, s.id, $2, 'active'
         FROM students s, classes c WHERE s.id = $1 AND c.organization_id = s.organization_id
         LIMIT 1",
    )
    .bind::<SqlUuid, _>(enrolled)
    .bind::<Date, _>(years_ago(11))
    .execute(&mut conn)
    .expect("still in a class");
    let delete = |conn: &mut PgConnection, id: Uuid, days: i64| {
        diesel::sql_query("UPDATE students SET deleted_at = $2 WHERE id = $1")
            .bind::<SqlUuid, _>(id)
            .bind::<Timestamptz, _>(Utc::now() - Duration::days(days))
            .execute(conn)
            .expect("deleted");
    };
    delete(&mut conn, purged, 91);
    delete(&mut conn, deleted_lately, 89);

    // Seven years by default: gone eight years and gone seven years today are past it.
    let mut expected = demo.clone();
    expected.extend([long_gone, on_the_day]);
    let html = app.page(&admin, PAGE).await;
    let mut shown = listed(&html);
    shown.sort();
    expected.sort();
    assert_eq!(shown, expected, "{html}");

    // Each other student is refused, with why.
    for (who, typed, says) in [
        (
            recent,
            "Recent Retentionson",
            "The school keeps this record until",
        ),
        (
            enrolled,
            "Enrolled Retentionson",
            "still enrolled in a class",
        ),
        (active, "Active Retentionson", "has not left the school"),
    ] {
        let response = erase(&app, &admin, who, typed).await;
        assert_eq!(response.status(), 422, "{typed}");
        let html = response.text().await.expect("the page");
        assert!(html.contains(says), "{typed}: {html}");
    }
    let response = erase(&app, &admin, purged, "Purged Retentionson").await;
    assert_eq!(
        response.status(),
        404,
        "a deleted student waits for the purge"
    );

    // A shorter retention lists the one who left six years ago too.
    let response = app
        .submit(
            &admin,
            PAGE,
            &format!("{PAGE}/settings"),
            &[("years", "5"), ("purge_days", "90")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let html = app.page(&admin, PAGE).await;
    assert!(listed(&html).contains(&recent), "{html}");
    let response = app
        .submit(
            &admin,
            PAGE,
            &format!("{PAGE}/settings"),
            &[("years", "0"), ("purge_days", "ninety")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the page");
    assert!(
        html.contains("Enter a whole number of years from 1 to 100"),
        "{html}"
    );
    assert!(
        html.contains("Enter a whole number of days from 1 to 3650"),
        "{html}"
    );

    // The scheduled review: it counts those past retention and purges the long deleted.
    let store = FileStore::reading(&app.data_dir);
    let review = conn
        .transaction(|conn| erasure::review_schools(conn, &store, Utc::now()))
        .expect("the review");
    assert_eq!(review.purged, 1, "{review:?}");
    assert!(review.past_retention >= 3, "{review:?}");
    let erased = |conn: &mut PgConnection, id: Uuid| -> (bool, String) {
        students::table
            .find(id)
            .select((students::erased_at.is_not_null(), students::first_name))
            .first(conn)
            .expect("the student")
    };
    assert_eq!(erased(&mut conn, purged), (true, "Erased".to_owned()));
    assert_eq!(
        erased(&mut conn, deleted_lately),
        (false, "Lately".to_owned())
    );
    assert_eq!(
        erased(&mut conn, long_gone),
        (false, "Longgone".to_owned()),
        "listed, not erased"
    );
    let found = traces(&mut conn, &["Purged Retentionson".to_owned()]);
    assert!(found.is_empty(), "{found:#?}");
}

#[actix_web::test]
async fn the_retention_page_fits_a_phone_a_tablet_and_a_desktop_in_spanish() {
    use crate::browser::{
        DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, resize, screenshot,
        signed_in_browser,
    };
    let app = spawn_app().await;
    let org = northwind(&app);
    a_student_who_left(
        &app,
        org,
        ("Maximiliana Esperanza", "Villalobos-Santacruz"),
        4000,
    );
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let (_driver, client) =
        signed_in_browser(&app, PHONE, DemoUser::Admin.email(), "main h1").await;
    let url = app.url(PAGE);
    for (size, label) in [(PHONE, "390"), (TABLET, "820"), (DESKTOP, "1440")] {
        resize(&client, size).await;
        open(&client, &url, "main h1").await;
        assert_no_sideways_scrolling(&client, &format!("retention at {label}")).await;
        screenshot(&client, &format!("privacy/retention-es-{label}")).await;
    }
    client.close().await.expect("close the browser");
}

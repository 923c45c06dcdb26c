//! Attendance, the inbox and absence alerts in the reader's language: the oversight
//! pages and a student's calendar in Spanish, and each guardian's absence alert in
//! the guardian's language, else the school's.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Uuid as SqlUuid};
use homeroom::attendance::alerts::send_due_alerts;
use homeroom::config::Settings;
use homeroom::mail::Mailer;
use uuid::Uuid;

use crate::attendance::{form_fields, post_roll, teachers_roll};
use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::set_school_language;

/// Sets the user's own language before they sign in, as their profile would.
fn reads(app: &TestApp, who: DemoUser, language: &str) {
    diesel::sql_query("UPDATE users SET language = $1 WHERE email = $2")
        .bind::<Text, _>(language)
        .bind::<Text, _>(who.email())
        .execute(&mut app.conn())
        .expect("set the user's language");
}

async fn signed_in_in_spanish(app: &TestApp, who: DemoUser) -> reqwest::Client {
    reads(app, who, "es");
    app.signed_in(who).await
}

/// The page's text, tags left out, so phrases split by markup still read whole.
fn text_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    doc.root_element().text().collect::<Vec<_>>().join(" ")
}

fn assert_spanish(html: &str, spanish: &[&str], english: &[&str]) {
    for phrase in spanish {
        assert!(html.contains(phrase), "{phrase:?} is on the page:\n{html}");
    }
    let text = text_of(html);
    for phrase in english {
        assert!(
            !text.contains(phrase),
            "{phrase:?} is still English:\n{text}"
        );
    }
}

async fn get_page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = app.get(client, path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.expect("the page")
}

#[actix_web::test]
async fn the_director_reads_attendance_today_and_missing_rolls_in_spanish() {
    let app = spawn_app().await;
    let director = signed_in_in_spanish(&app, DemoUser::Director).await;

    let overview = get_page(&app, &director, "/attendance/overview").await;
    assert_spanish(
        &overview,
        &[
            "<h1>Asistencia de hoy</h1>",
            "presentes o con retraso",
            "listas diarias pasadas",
            "Ver las cifras",
            "Todas las sedes",
            "Asistencia en los últimos",
        ],
        &[
            "Attendance today",
            "present or late",
            "daily rolls taken",
            "Show the numbers",
            "All campuses",
            "school days",
            "Not marked",
            "All grades",
        ],
    );

    let missing = get_page(&app, &director, "/attendance/missing").await;
    assert_spanish(
        &missing,
        &[
            "<h1>Listas sin pasar</h1>",
            "Aún en plazo",
            "fuera de plazo",
        ],
        &[
            "Missing rolls",
            "Not due yet",
            "past their deadline",
            "Not taken in time",
            "as of",
            "min late",
            "daily roll",
        ],
    );
}

#[actix_web::test]
async fn a_class_grid_and_a_students_calendar_read_in_spanish() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let student = roll.students[0];
    let fields = form_fields(&roll, &[(student, "late", Some("10"))]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let director = signed_in_in_spanish(&app, DemoUser::Director).await;

    let grid = get_page(
        &app,
        &director,
        &format!("/attendance/classes/{}", roll.class_id),
    )
    .await;
    assert_spanish(
        &grid,
        &[
            "Marcas por día",
            r#"aria-label="Leyenda""#,
            "Sin lista",
            "Descargar CSV",
            r#"title="Tarde""#,
        ],
        &[
            "Marks by day",
            "Download CSV",
            "No roll",
            "Legend",
            "Student",
        ],
    );

    let calendar = get_page(&app, &director, &format!("/attendance/students/{student}")).await;
    assert_spanish(
        &calendar,
        &[
            "Totales de",
            "Curso escolar",
            "Tarde 10 min",
            "Mes anterior",
        ],
        &["totals", "Academic year", "Late", "Marks", "Previous month"],
    );
}

#[actix_web::test]
async fn a_report_with_a_bad_date_is_refused_in_spanish() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let director = signed_in_in_spanish(&app, DemoUser::Director).await;
    let response = app
        .get(
            &director,
            &format!("/attendance/classes/{}?from=31/12/2026", roll.class_id),
        )
        .await;
    assert_eq!(response.status(), 400);
    let html = response.text().await.expect("the refusal");
    assert_spanish(
        &html,
        &["La fecha de inicio debe tener la forma 2026-11-20; «31/12/2026» no es una fecha."],
        &["must look like"],
    );
}

#[actix_web::test]
async fn the_inbox_and_a_notice_read_in_spanish() {
    let app = spawn_app().await;
    let teacher = signed_in_in_spanish(&app, DemoUser::Teacher).await;
    let inbox = get_page(&app, &teacher, "/inbox").await;
    assert_spanish(
        &inbox,
        &[
            "<h1>Bandeja de entrada</h1>",
            "Los avisos que te envía el colegio",
            r#"<span class="muted">de "#,
        ],
        &["Notices the school sends you", "Your inbox is empty"],
    );
    assert!(!inbox.contains(r#"<span class="muted">from "#));
    let doc = scraper::Html::parse_document(&inbox);
    let link = scraper::Selector::parse(".inbox a").expect("selector");
    let href = doc
        .select(&link)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("the demo teacher has a notice")
        .to_owned();
    let notice = get_page(&app, &teacher, &href).await;
    assert_spanish(
        &notice,
        &["Bandeja de entrada</a>", r#"<p class="muted">de "#],
        &["Inbox"],
    );
    assert!(!notice.contains(r#"<p class="muted">from "#));
}

// ------------------------------------------------------------------ absence alerts

/// Gives the student exactly these guardians (name, e-mail, language).
fn guardians_of(app: &TestApp, student: Uuid, guardians: &[(&str, &str, Option<&str>)]) {
    let mut conn = app.conn();
    diesel::sql_query("UPDATE guardians SET deleted_at = now() WHERE student_id = $1")
        .bind::<SqlUuid, _>(student)
        .execute(&mut conn)
        .expect("retire the demo guardians");
    for (k, (name, email, language)) in guardians.iter().enumerate() {
        diesel::sql_query(
            "INSERT INTO guardians (organization_id, student_id, full_name, relationship, \
             email, primary_contact, language) \
             SELECT organization_id, id, $2, 'mother', $3, $4, $5 FROM students WHERE id = $1",
        )
        .bind::<SqlUuid, _>(student)
        .bind::<Text, _>(*name)
        .bind::<Text, _>(*email)
        .bind::<diesel::sql_types::Bool, _>(k == 0)
        .bind::<Nullable<Text>, _>(*language)
        .execute(&mut conn)
        .expect("add a guardian");
    }
}

#[derive(QueryableByName, Debug)]
struct Sent {
    #[diesel(sql_type = Text)]
    subject: String,
    #[diesel(sql_type = Text)]
    body_text: String,
}

/// The e-mail the alert job left for `to`.
fn email_to(app: &TestApp, to: &str) -> Sent {
    diesel::sql_query("SELECT subject, body_text FROM email_outbox WHERE to_address = $1")
        .bind::<Text, _>(to)
        .get_result(&mut app.conn())
        .unwrap_or_else(|e| panic!("one e-mail to {to}: {e}"))
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[actix_web::test]
async fn each_guardian_hears_of_an_absence_in_their_language_else_the_schools() {
    let app = spawn_app().await;
    set_school_language(&app, Some("fr"));
    let roll = teachers_roll(&app);
    let student = roll.students[2];
    guardians_of(
        &app,
        student,
        &[
            ("Lucía Ortega", "lucia.ortega@family.test", Some("es")),
            ("Claire Martin", "claire.martin@family.test", None),
            ("Grace Hill", "grace.hill@family.test", Some("en")),
        ],
    );
    let name = diesel::sql_query(
        "SELECT concat_ws(' ', first_name, last_name) AS name FROM students WHERE id = $1",
    )
    .bind::<SqlUuid, _>(student)
    .get_result::<Name>(&mut app.conn())
    .expect("the student's name")
    .name;

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let fields = form_fields(&roll, &[(student, "absent", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let run = send_due_alerts(&mut app.conn(), &mailer, Utc::now() + Duration::minutes(20))
        .expect("the alert job runs");
    assert_eq!(run.sent, 1);

    let es = homeroom::i18n::choose(Some("es"), None, None);
    let spanish = email_to(&app, "lucia.ortega@family.test");
    assert_eq!(
        spanish.subject,
        format!("Inasistencia de {name} el {}", es.weekday_date(roll.date))
    );
    assert!(
        spanish.body_text.starts_with(&format!(
            "{name} figura como ausente el {}. Si conoce el motivo",
            es.long_date(roll.date)
        )),
        "{spanish:?}"
    );
    assert!(spanish.body_text.contains("se corregirá la asistencia"));

    let fr = homeroom::i18n::choose(Some("fr"), None, None);
    let french = email_to(&app, "claire.martin@family.test");
    assert_eq!(
        french.subject,
        format!("Absence de {name} le {}", fr.weekday_date(roll.date))
    );
    assert!(
        french.body_text.contains("l'appel sera corrigé"),
        "{french:?}"
    );

    let en = homeroom::i18n::choose(Some("en"), None, None);
    let english = email_to(&app, "grace.hill@family.test");
    assert_eq!(
        english.subject,
        format!("{name} was marked absent on {}", en.weekday_date(roll.date))
    );
    assert!(english.body_text.contains("the roll will be corrected"));

    // One notice per language, each in the office's message log with its recipients.
    let notices: i64 = diesel::sql_query(
        "SELECT count(DISTINCT m.id) AS n FROM messages m \
         JOIN message_recipients r ON r.message_id = m.id \
         WHERE r.destination LIKE '%@family.test'",
    )
    .get_result::<N>(&mut app.conn())
    .expect("the notices")
    .n;
    assert_eq!(notices, 3);
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

// ------------------------------------------------------------ a guardian's language

fn guardian_language(app: &TestApp, id: &str) -> Option<String> {
    crate::resources::value_of(
        &mut app.conn(),
        &format!("SELECT language AS value FROM guardians WHERE id = '{id}'"),
    )
}

pub(crate) async fn post_fields(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(client, path, &refs).await
}

#[actix_web::test]
async fn the_office_records_the_language_a_guardian_reads() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let id = crate::resources::id_of(
        &mut app.conn(),
        "SELECT id FROM guardians WHERE language IS NULL AND deleted_at IS NULL \
         ORDER BY full_name LIMIT 1",
    );
    let record = format!("/guardians/{id}");
    let edit = format!("{record}/edit");
    let form = app.page(&office, &edit).await;
    assert!(
        form.contains(r#"<option value="es">Español</option>"#),
        "the languages Homeroom ships are offered: {form}"
    );

    let fields = crate::resources::form_fields(&app, &office, &edit, &record).await;
    let chosen = crate::resources::with(fields, "language", "es");
    let response = post_fields(&app, &office, &record, &chosen).await;
    assert_eq!(response.status(), 303);
    assert_eq!(guardian_language(&app, &id).as_deref(), Some("es"));
    let shown = app.page(&office, &record).await;
    assert!(shown.contains("Español"), "the record shows the language");

    // A language Homeroom does not ship is refused, and the stored one stays.
    let fields = crate::resources::form_fields(&app, &office, &edit, &record).await;
    let unknown = crate::resources::with(fields, "language", "tlh");
    let response = post_fields(&app, &office, &record, &unknown).await;
    crate::common::expect_page(response, 422, "Choose one of: English").await;
    assert_eq!(guardian_language(&app, &id).as_deref(), Some("es"));
}

#[actix_web::test]
async fn a_guardians_language_comes_in_with_a_csv_import() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let exported = app
        .get(&admin, "/guardians/export.csv")
        .await
        .text()
        .await
        .expect("the guardians' CSV");
    // The first guardian again under a new name, reading Spanish, named as people write it.
    let mut reader = ::csv::Reader::from_reader(exported.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let at = |name: &str| header.iter().position(|c| c == name).expect(name);
    let mut row: Vec<String> = reader
        .records()
        .next()
        .expect("a guardian")
        .expect("a row")
        .iter()
        .map(str::to_owned)
        .collect();
    row[at("full_name")] = "Inés Duarte".to_owned();
    row[at("language")] = "Español".to_owned();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).expect("header");
    writer.write_record(&row).expect("row");
    let csv = String::from_utf8(writer.into_inner().expect("the CSV")).expect("UTF-8");
    let (status, preview) =
        crate::resources::csv::upload_to(&app, &admin, "/guardians", &csv).await;
    assert_eq!(status, 200, "{preview}");
    let started =
        crate::resources::csv::commit_to(&app, &admin, "/guardians", &preview, false).await;
    crate::resources::csv::finished(&app, &admin, started).await;
    let id = crate::resources::id_of(
        &mut app.conn(),
        "SELECT id FROM guardians WHERE full_name = 'Inés Duarte'",
    );
    assert_eq!(guardian_language(&app, &id).as_deref(), Some("es"));
}

// ------------------------------------------------------------------- on a phone

#[actix_web::test]
async fn the_attendance_pages_fit_a_phone_in_spanish() {
    use crate::browser::{
        PHONE, assert_no_sideways_scrolling, browser_speaking, open, screenshot, sign_in,
        start_driver,
    };
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    reads(&app, DemoUser::Director, "es");
    let driver = start_driver();
    let client = browser_speaking(&driver, PHONE, "es-ES,es").await;
    sign_in(
        &client,
        &app.url("/login"),
        DemoUser::Director.email(),
        "h1",
    )
    .await;
    let pages = [
        ("overview", "/attendance/overview".to_owned()),
        ("missing", "/attendance/missing".to_owned()),
        ("class", format!("/attendance/classes/{}", roll.class_id)),
        (
            "student",
            format!("/attendance/students/{}", roll.students[0]),
        ),
        ("staff", "/attendance/staff".to_owned()),
    ];
    for (name, path) in pages {
        open(&client, &app.url(&path), "h1").await;
        assert_no_sideways_scrolling(&client, &path).await;
        screenshot(&client, &format!("attendance-spanish/{name}-390")).await;
    }
    client.close().await.expect("close the browser");
}

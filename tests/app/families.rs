//! Families: a parent entered once for all their children hears once per absent
//! child; duplicate guardians merge into one person keeping every link; a new
//! student gets the school's next number and is warned about when entered twice;
//! the family pages and panels speak Spanish.

use chrono::{Datelike, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use homeroom::attendance::alerts::send_due_alerts;
use homeroom::config::Settings;
use homeroom::db::{Actor, enter};
use homeroom::mail::Mailer;
use uuid::Uuid;

use crate::attendance::{form_fields, post_roll, teachers_roll};
use crate::common::{DemoUser, TestApp, count, organization_id, spawn_app};
use crate::languages::set_user_language;
use crate::resources::form_fields as page_form_fields;

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Nullable<Text>)]
    value: Option<String>,
}

fn number(app: &TestApp, sql: &str, id: Uuid) -> i64 {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(id)
        .get_result::<N>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

fn northwind(app: &TestApp) -> Uuid {
    organization_id(&mut app.conn(), "Northwind Academy")
}

/// A parent and guardian person of Northwind, entered once.
fn new_person(app: &TestApp, name: &str, email: Option<&str>, phone: Option<&str>) -> Uuid {
    diesel::sql_query(
        "INSERT INTO guardian_people (organization_id, full_name, email, phone) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .bind::<Text, _>(name)
    .bind::<Nullable<Text>, _>(email)
    .bind::<Nullable<Text>, _>(phone)
    .get_result::<Id>(&mut app.conn())
    .expect("a guardian person")
    .id
}

/// Links a person to a student, as the guardians page would (the name and contact
/// come from the person).
fn link(app: &TestApp, person: Uuid, student: Uuid, primary: bool) -> Uuid {
    diesel::sql_query(
        "INSERT INTO guardians (organization_id, student_id, person_id, relationship, primary_contact) \
         SELECT organization_id, id, $2, 'mother', $3 FROM students WHERE id = $1 RETURNING id",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<SqlUuid, _>(person)
    .bind::<diesel::sql_types::Bool, _>(primary)
    .get_result::<Id>(&mut app.conn())
    .expect("a guardian link")
    .id
}

fn retire_guardians(app: &TestApp, student: Uuid) {
    diesel::sql_query("UPDATE guardians SET deleted_at = now() WHERE student_id = $1")
        .bind::<SqlUuid, _>(student)
        .execute(&mut app.conn())
        .expect("retire the demo guardians");
}

fn emails_to(app: &TestApp, to: &str) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Subject {
        #[diesel(sql_type = Text)]
        subject: String,
    }
    diesel::sql_query(
        "SELECT subject FROM email_outbox WHERE lower(to_address) = $1 ORDER BY subject",
    )
    .bind::<Text, _>(to)
    .load::<Subject>(&mut app.conn())
    .expect("the outbox")
    .into_iter()
    .map(|s| s.subject)
    .collect()
}

fn student_name(app: &TestApp, id: Uuid) -> String {
    diesel::sql_query(
        "SELECT concat_ws(' ', first_name, last_name) AS value FROM students WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .get_result::<Value>(&mut app.conn())
    .expect("a student")
    .value
    .unwrap_or_default()
}

#[actix_web::test]
async fn a_parent_of_two_absent_children_entered_once_gets_one_alert_per_child() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let (first, second) = (roll.students[0], roll.students[1]);
    retire_guardians(&app, first);
    retire_guardians(&app, second);
    let parent = new_person(
        &app,
        "Rosa Bergstrom",
        Some("rosa.bergstrom@family.test"),
        None,
    );
    link(&app, parent, first, true);
    link(&app, parent, second, true);
    // The office typed her again for the first child, in capitals: the same person.
    diesel::sql_query(
        "INSERT INTO guardians (organization_id, student_id, full_name, relationship, email) \
         SELECT organization_id, id, 'ROSA BERGSTROM', 'mother', 'Rosa.Bergstrom@family.test' \
         FROM students WHERE id = $1",
    )
    .bind::<SqlUuid, _>(first)
    .execute(&mut app.conn())
    .expect("the same parent typed again");

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let fields = form_fields(&roll, &[(first, "absent", None), (second, "absent", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let run = send_due_alerts(&mut app.conn(), &mailer, Utc::now() + Duration::minutes(20))
        .expect("the alert job runs");
    assert_eq!(run.sent, 2);

    let subjects = emails_to(&app, "rosa.bergstrom@family.test");
    assert_eq!(
        subjects.len(),
        2,
        "one alert per absent child: {subjects:?}"
    );
    for child in [first, second] {
        let name = student_name(&app, child);
        assert_eq!(
            subjects.iter().filter(|s| s.contains(&name)).count(),
            1,
            "{name}: {subjects:?}"
        );
    }
}

#[actix_web::test]
async fn merging_duplicate_guardians_keeps_every_link_and_a_second_run_changes_nothing() {
    let app = spawn_app().await;
    let students: Vec<Uuid> = diesel::sql_query(
        "SELECT id FROM students WHERE organization_id = $1 AND deleted_at IS NULL \
         ORDER BY last_name, first_name LIMIT 3",
    )
    .bind::<SqlUuid, _>(northwind(&app))
    .load::<Id>(&mut app.conn())
    .expect("three students")
    .into_iter()
    .map(|r| r.id)
    .collect();
    // The same father entered three times: by e-mail in another case, and once
    // without an e-mail but with his name and phone written differently.
    let original = new_person(
        &app,
        "Tomás Ibarra",
        Some("tomas.ibarra@family.test"),
        Some("+1 555 010 2030"),
    );
    let by_email = new_person(&app, "Tomas Ibarra", Some("TOMAS.IBARRA@family.test"), None);
    let by_phone = new_person(&app, "tomás ibarra", None, Some("(555) 010-2030"));
    let links = [
        link(&app, original, students[0], true),
        link(&app, by_email, students[1], false),
        link(&app, by_phone, students[2], false),
        // Entered twice for the first child.
        link(&app, by_email, students[0], false),
    ];

    let mut conn = app.conn();
    let merged = conn
        .transaction(|conn| {
            let mut tenant = enter(conn, &Actor::system(northwind(&app)))?;
            homeroom::families::merge_duplicate_guardians(&mut tenant)
        })
        .expect("the merge runs");
    assert_eq!(merged.people_merged, 2, "{merged:?}");
    assert_eq!(merged.links_merged, 1, "{merged:?}");

    for person in [by_email, by_phone] {
        assert_eq!(
            number(
                &app,
                "SELECT count(*) AS n FROM guardian_people WHERE id = $1 AND deleted_at IS NULL",
                person
            ),
            0
        );
    }
    // Every child still has Tomás, once.
    for student in &students {
        assert_eq!(
            number(
                &app,
                &format!(
                    "SELECT count(*) AS n FROM guardians WHERE student_id = $1 AND deleted_at IS NULL \
                     AND person_id = '{original}'"
                ),
                *student,
            ),
            1
        );
    }
    // The links moved, none was lost except the repeated one.
    let live = number(
        &app,
        &format!(
            "SELECT count(*) AS n FROM guardians WHERE deleted_at IS NULL AND person_id = $1 \
             AND id IN ('{}', '{}', '{}', '{}')",
            links[0], links[1], links[2], links[3]
        ),
        original,
    );
    assert_eq!(live, 3);

    let again = conn
        .transaction(|conn| {
            let mut tenant = enter(conn, &Actor::system(northwind(&app)))?;
            homeroom::families::merge_duplicate_guardians(&mut tenant)
        })
        .expect("the merge runs again");
    assert_eq!(again, Default::default());
}

/// The new-student form as a browser sends it, with these values.
async fn new_student_form(
    app: &TestApp,
    client: &reqwest::Client,
    values: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut fields = page_form_fields(app, client, "/students/new", "/students").await;
    let campus = diesel::sql_query(
        "SELECT id FROM campuses WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY name LIMIT 1",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .get_result::<Id>(&mut app.conn())
    .expect("a campus")
    .id
    .to_string();
    fields.retain(|(k, _)| k != "campus_id");
    fields.push(("campus_id".to_owned(), campus));
    for (name, value) in values {
        fields.retain(|(k, _)| k != name);
        fields.push(((*name).to_owned(), (*value).to_owned()));
    }
    fields
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(String, String)],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(client, "/students", &refs).await
}

fn stored(app: &TestApp, first: &str, column: &str) -> Vec<Option<String>> {
    diesel::sql_query(format!(
        "SELECT {column}::text AS value FROM students WHERE first_name = $1 AND deleted_at IS NULL \
         ORDER BY created_at"
    ))
    .bind::<Text, _>(first)
    .load::<Value>(&mut app.conn())
    .expect("students")
    .into_iter()
    .map(|v| v.value)
    .collect()
}

#[actix_web::test]
async fn a_new_student_left_without_a_number_gets_the_next_of_the_year_and_is_active() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let year = homeroom::clock::today(chrono_tz::UTC).year().to_string();
    for first in ["Quillon", "Quillane"] {
        let fields = new_student_form(
            &app,
            &admin,
            &[
                ("first_name", first),
                ("last_name", "Okafor"),
                ("student_number", ""),
            ],
        )
        .await;
        assert!(
            fields.iter().any(|(k, v)| k == "status" && v == "active"),
            "the form starts at active"
        );
        assert_eq!(post(&app, &admin, &fields).await.status(), 303);
    }
    assert_eq!(
        stored(&app, "Quillon", "student_number"),
        [Some(format!("{year}-00001"))]
    );
    assert_eq!(
        stored(&app, "Quillane", "student_number"),
        [Some(format!("{year}-00002"))]
    );
    assert_eq!(
        stored(&app, "Quillane", "status"),
        [Some("active".to_owned())]
    );
}

#[actix_web::test]
async fn a_student_entered_twice_is_warned_and_added_only_with_the_tick() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    #[derive(QueryableByName)]
    struct Existing {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
        #[diesel(sql_type = Text)]
        first_name: String,
        #[diesel(sql_type = Text)]
        last_name: String,
        #[diesel(sql_type = Date)]
        date_of_birth: chrono::NaiveDate,
    }
    let existing: Existing = diesel::sql_query(
        "SELECT id, first_name, last_name, date_of_birth FROM students \
         WHERE organization_id = $1 AND deleted_at IS NULL AND date_of_birth IS NOT NULL \
         ORDER BY last_name, first_name LIMIT 1",
    )
    .bind::<SqlUuid, _>(northwind(&app))
    .get_result(&mut app.conn())
    .expect("a demo student");
    let born = existing.date_of_birth.to_string();
    let first = existing.first_name.to_uppercase();
    let students = count(&mut app.conn(), "students");
    let fields = new_student_form(
        &app,
        &admin,
        &[
            ("first_name", first.as_str()),
            ("last_name", existing.last_name.as_str()),
            ("date_of_birth", born.as_str()),
        ],
    )
    .await;

    let warned = post(&app, &admin, &fields).await;
    assert_eq!(warned.status(), 422);
    let page = warned.text().await.expect("the form again");
    assert!(page.contains("is already on file"), "{page}");
    assert!(page.contains(&format!("href=\"/students/{}\"", existing.id)));
    assert!(page.contains("name=\"confirm_warning\""));
    assert_eq!(
        count(&mut app.conn(), "students"),
        students,
        "nothing added"
    );

    let mut confirmed = crate::resources::form_fields_in(&page, "/students").expect("the form");
    confirmed.push(("confirm_warning".to_owned(), "on".to_owned()));
    assert_eq!(post(&app, &admin, &confirmed).await.status(), 303);
    assert_eq!(count(&mut app.conn(), "students"), students + 1);
}

#[actix_web::test]
async fn adding_a_guardian_picks_the_parent_on_file_instead_of_typing_them_again() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let parent = new_person(
        &app,
        "Ines Varga",
        Some("ines.varga@family.test"),
        Some("555 0142"),
    );
    let student = diesel::sql_query(
        "SELECT id FROM students WHERE organization_id = $1 AND deleted_at IS NULL \
         ORDER BY first_name DESC LIMIT 1",
    )
    .bind::<SqlUuid, _>(northwind(&app))
    .get_result::<Id>(&mut app.conn())
    .expect("a student")
    .id;
    let people = count(&mut app.conn(), "guardian_people");
    let new = format!("/guardians/new?student_id={student}");
    let mut fields = page_form_fields(&app, &admin, &new, "/guardians").await;
    fields.retain(|(k, _)| k != "person_id");
    fields.push(("person_id".to_owned(), parent.to_string()));
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        app.post_form(&admin, "/guardians", &refs).await.status(),
        303
    );

    assert_eq!(
        count(&mut app.conn(), "guardian_people"),
        people,
        "no second person"
    );
    let name = diesel::sql_query(
        "SELECT full_name AS value FROM guardians WHERE person_id = $1 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(parent)
    .get_result::<Value>(&mut app.conn())
    .expect("the link")
    .value;
    assert_eq!(name.as_deref(), Some("Ines Varga"));
    let person_page = app
        .page(&admin, &format!("/guardian-people/{parent}"))
        .await;
    assert!(
        person_page.contains(&student_name(&app, student)),
        "the child is listed"
    );
}

/// A demo parent with two or more children at the school: their id, name and children.
fn parent_of_siblings(app: &TestApp) -> (Uuid, String, Vec<Uuid>) {
    let parent = diesel::sql_query(
        "SELECT person_id AS id FROM guardians WHERE organization_id = $1 AND deleted_at IS NULL \
         GROUP BY person_id HAVING count(DISTINCT student_id) >= 2 ORDER BY person_id LIMIT 1",
    )
    .bind::<SqlUuid, _>(northwind(app))
    .get_result::<Id>(&mut app.conn())
    .expect("the demo has brothers and sisters")
    .id;
    let name = diesel::sql_query("SELECT full_name AS value FROM guardian_people WHERE id = $1")
        .bind::<SqlUuid, _>(parent)
        .get_result::<Value>(&mut app.conn())
        .expect("the parent")
        .value
        .unwrap_or_default();
    let children = diesel::sql_query(
        "SELECT DISTINCT student_id AS id FROM guardians WHERE person_id = $1 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(parent)
    .load::<Id>(&mut app.conn())
    .expect("the children")
    .into_iter()
    .map(|r| r.id)
    .collect();
    (parent, name, children)
}

#[actix_web::test]
async fn searching_a_parents_name_shows_them_once_however_many_children_they_have() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (parent, name, _) = parent_of_siblings(&app);
    let found = admin
        .get(app.url("/search"))
        .query(&[("q", name.as_str())])
        .send()
        .await
        .expect("search")
        .text()
        .await
        .expect("the results");
    assert_eq!(
        found
            .matches(&format!("href=\"/guardian-people/{parent}\""))
            .count(),
        1,
        "{found}"
    );
}

#[actix_web::test]
async fn family_pages_and_the_siblings_panel_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let (parent, _, children) = parent_of_siblings(&app);

    let student = app
        .page(&admin, &format!("/students/{}", children[0]))
        .await;
    assert!(student.contains("Hermanos"), "{student}");
    assert!(student.contains(&student_name(&app, children[1])));

    let person = app
        .page(&admin, &format!("/guardian-people/{parent}"))
        .await;
    assert!(person.contains("Hijos"));
    assert!(
        person.contains("Recibe mensajes y avisos"),
        "the links' flags"
    );
    for child in &children {
        assert!(person.contains(&student_name(&app, *child)));
    }
    let family = diesel::sql_query("SELECT family_id AS id FROM guardian_people WHERE id = $1")
        .bind::<SqlUuid, _>(parent)
        .get_result::<Id>(&mut app.conn())
        .expect("the parent's family")
        .id;
    let household = app.page(&admin, &format!("/families/{family}")).await;
    assert!(household.contains("Padres y tutores"), "{household}");
    assert!(household.contains("Hijos"));
    for child in &children {
        assert!(household.contains(&student_name(&app, *child)));
    }
}

#[actix_web::test]
async fn the_office_sets_the_pattern_of_student_numbers_and_the_next_student_gets_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let year = homeroom::clock::today(chrono_tz::UTC).year().to_string();
    let settings = app.page(&admin, "/settings").await;
    assert!(
        settings.contains(&format!("The next new student gets {year}-00001.")),
        "the preview under the stored pattern"
    );

    let refused = app
        .submit(
            &admin,
            "/settings",
            "/settings/student-numbers",
            &[("number_pattern", "NW-{year}")],
        )
        .await;
    let page =
        crate::common::expect_page(refused, 422, "Put {seq} (or {seq:05}) in the pattern").await;
    assert!(
        page.contains(r#"value="NW-{year}""#),
        "the pattern as typed"
    );

    let saved = app
        .submit(
            &admin,
            "/settings",
            "/settings/student-numbers",
            &[("number_pattern", "NW-{year}-{seq:04}")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let settings = app.page(&admin, "/settings").await;
    assert!(settings.contains(&format!("The next new student gets NW-{year}-0001.")));

    let fields = new_student_form(
        &app,
        &admin,
        &[
            ("first_name", "Quintessa"),
            ("last_name", "Okafor"),
            ("student_number", ""),
        ],
    )
    .await;
    assert_eq!(post(&app, &admin, &fields).await.status(), 303);
    assert_eq!(
        stored(&app, "Quintessa", "student_number"),
        [Some(format!("NW-{year}-0001"))]
    );
}

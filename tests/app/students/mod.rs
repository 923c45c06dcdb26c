//! The student pages as a school office uses them: an applicant entered from the
//! paper form, accepted and enrolled with a number, grade and class; the profile
//! with class, guardians, siblings and medical notes for those who may read them;
//! enrolling five students at once; moving a student between classes; a class's
//! capacity warned about; a withdrawal kept in the history; every page in Spanish.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

mod screens;

use crate::common::{DemoUser, TestApp, organization_id, spawn_app};
use crate::languages::set_user_language;

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

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Day {
    #[diesel(sql_type = Nullable<Date>)]
    day: Option<NaiveDate>,
}

fn id(app: &TestApp, sql: &str, bind: Uuid) -> Uuid {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(bind)
        .get_result::<Id>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .id
}

fn text(app: &TestApp, sql: &str, bind: Uuid) -> Option<String> {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(bind)
        .get_result::<Value>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .value
}

fn number(app: &TestApp, sql: &str, bind: Uuid) -> i64 {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(bind)
        .get_result::<N>(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

fn run(app: &TestApp, sql: &str, bind: Uuid) {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(bind)
        .execute(&mut app.conn())
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn northwind(app: &TestApp) -> Uuid {
    organization_id(&mut app.conn(), "Northwind Academy")
}

/// The school's day, as the pinned clock has it.
fn today() -> NaiveDate {
    homeroom::clock::now().date_naive()
}

/// A class of Northwind's current year with room for anyone (no capacity).
fn open_class(app: &TestApp, other_than: Option<Uuid>) -> Uuid {
    let class = id(
        app,
        "SELECT c.id FROM classes c JOIN academic_years y ON y.id = c.academic_year_id \
         WHERE c.organization_id = $1 AND c.deleted_at IS NULL AND y.current \
         ORDER BY c.id = coalesce($2, '00000000-0000-0000-0000-000000000000'::uuid), c.name LIMIT 1"
            .replace("$2", &format!("'{}'::uuid", other_than.unwrap_or_default()))
            .as_str(),
        northwind(app),
    );
    run(
        app,
        "UPDATE classes SET capacity = NULL WHERE id = $1",
        class,
    );
    class
}

/// A Northwind student actively enrolled in a class of the current year, with that class.
pub(crate) fn enrolled_student(app: &TestApp) -> (Uuid, Uuid) {
    let student = id(
        app,
        "SELECT e.student_id AS id FROM class_enrollments e \
         JOIN classes c ON c.id = e.class_id JOIN academic_years y ON y.id = c.academic_year_id \
         JOIN students s ON s.id = e.student_id \
         WHERE e.organization_id = $1 AND e.deleted_at IS NULL AND e.status = 'active' \
           AND y.current AND s.status = 'active' \
         ORDER BY s.last_name, s.first_name LIMIT 1",
        northwind(app),
    );
    let class = id(
        app,
        "SELECT e.class_id AS id FROM class_enrollments e JOIN classes c ON c.id = e.class_id \
         JOIN academic_years y ON y.id = c.academic_year_id \
         WHERE e.student_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL AND y.current",
        student,
    );
    (student, class)
}

fn class_name(app: &TestApp, class: Uuid) -> String {
    text(
        app,
        "SELECT name AS value FROM classes WHERE id = $1",
        class,
    )
    .unwrap_or_default()
}

fn grade_of(app: &TestApp, class: Uuid) -> (Uuid, String) {
    let grade = id(
        app,
        "SELECT grade_id AS id FROM classes WHERE id = $1",
        class,
    );
    let name = text(app, "SELECT name AS value FROM grades WHERE id = $1", grade);
    (grade, name.unwrap_or_default())
}

fn student_named(app: &TestApp, first: &str, last: &str) -> Uuid {
    diesel::sql_query("SELECT id FROM students WHERE first_name = $1 AND last_name = $2")
        .bind::<Text, _>(first)
        .bind::<Text, _>(last)
        .get_result::<Id>(&mut app.conn())
        .expect("the student")
        .id
}

fn admission_of(app: &TestApp, student: Uuid) -> Uuid {
    id(
        app,
        "SELECT id FROM admissions WHERE student_id = $1",
        student,
    )
}

fn stage(app: &TestApp, admission: Uuid) -> String {
    text(
        app,
        "SELECT stage::text AS value FROM admissions WHERE id = $1",
        admission,
    )
    .unwrap_or_default()
}

fn status(app: &TestApp, student: Uuid) -> String {
    text(
        app,
        "SELECT status::text AS value FROM students WHERE id = $1",
        student,
    )
    .unwrap_or_default()
}

#[actix_web::test]
async fn an_applicant_from_the_paper_form_is_accepted_and_enrolled_with_a_number_grade_and_class() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let campus = id(
        &app,
        "SELECT id FROM campuses WHERE organization_id = $1 ORDER BY name LIMIT 1",
        northwind(&app),
    );
    let class = open_class(&app, None);
    let (grade, grade_name) = grade_of(&app, class);
    let (campus, grade_text, day) = (campus.to_string(), grade.to_string(), today().to_string());
    let response = app
        .submit(
            &office,
            "/admissions/new",
            "/admissions",
            &[
                ("first_name", "Mateo"),
                ("last_name", "Quispe"),
                ("date_of_birth", "2019-03-04"),
                ("campus_id", &campus),
                ("grade_id", &grade_text),
                ("applied_on", &day),
                ("notes", "Paper form handed in at the front desk"),
                ("guardian_name", "Rosa Quispe"),
                ("guardian_relationship", "mother"),
                ("guardian_email", "rosa.quispe@example.test"),
                ("guardian_phone", "+51 555 0101"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let student = student_named(&app, "Mateo", "Quispe");
    let admission = admission_of(&app, student);
    assert_eq!(stage(&app, admission), "applied");
    assert_eq!(status(&app, student), "applicant");
    let listed = app.page(&office, "/admissions").await;
    assert!(listed.contains("Mateo Quispe") && listed.contains("Applied"));
    assert!(listed.contains(&grade_name), "the grade applied for");

    let accept = format!("/admissions/{admission}/accept");
    let response = app.submit(&office, "/admissions", &accept, &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(stage(&app, admission), "accepted");

    let enrol = format!("/admissions/{admission}/enrol");
    let class_text = class.to_string();
    let response = app
        .submit(&office, "/admissions", &enrol, &[("class_id", &class_text)])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(stage(&app, admission), "enrolled");
    assert_eq!(status(&app, student), "active");
    let generated = text(
        &app,
        "SELECT student_number AS value FROM students WHERE id = $1",
        student,
    )
    .expect("a generated number");
    assert!(generated.starts_with("2026-"), "{generated}");
    assert_eq!(
        number(
            &app,
            "SELECT count(*) AS n FROM class_enrollments WHERE student_id = $1 \
             AND status = 'active' AND deleted_at IS NULL",
            student
        ),
        1
    );
    assert_eq!(
        id(
            &app,
            "SELECT class_id AS id FROM class_enrollments WHERE student_id = $1",
            student
        ),
        class
    );
    let guardian = text(
        &app,
        "SELECT p.full_name AS value FROM guardians g JOIN guardian_people p ON p.id = g.person_id \
         WHERE g.student_id = $1",
        student,
    );
    assert_eq!(
        guardian.as_deref(),
        Some("Rosa Quispe"),
        "a guardian person"
    );

    let profile = app
        .page(&office, &format!("/students/{student}/profile"))
        .await;
    for shown in [
        generated.as_str(),
        grade_name.as_str(),
        &class_name(&app, class),
        "Rosa Quispe",
        "mailto:rosa.quispe@example.test",
        "tel:+515550101",
    ] {
        assert!(profile.contains(shown), "{shown} on the profile");
    }
    let history = app
        .page(&office, &format!("/students/{student}/profile?tab=history"))
        .await;
    assert!(history.contains("Applicant → Active"), "{history}");
}

#[actix_web::test]
async fn a_declined_application_needs_a_reason_and_keeps_it() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let campus = id(
        &app,
        "SELECT id FROM campuses WHERE organization_id = $1 ORDER BY name LIMIT 1",
        northwind(&app),
    )
    .to_string();
    let day = today().to_string();
    let fields = [
        ("first_name", "Lucía"),
        ("last_name", "Mamani"),
        ("campus_id", campus.as_str()),
        ("applied_on", day.as_str()),
    ];
    let response = app
        .submit(&office, "/admissions/new", "/admissions", &fields)
        .await;
    assert_eq!(response.status(), 303);
    let admission = admission_of(&app, student_named(&app, "Lucía", "Mamani"));
    let decline = format!("/admissions/{admission}/decline");
    let response = app
        .submit(&office, "/admissions", &decline, &[("reason", " ")])
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap_or_default()
            .contains("Reason is required")
    );
    assert_eq!(stage(&app, admission), "applied");
    let response = app
        .submit(
            &office,
            "/admissions",
            &decline,
            &[("reason", "No place in the grade")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(stage(&app, admission), "declined");
    let listed = app.page(&office, "/admissions").await;
    assert!(listed.contains("No place in the grade"));
}

/// Links a new parent to the student and to another child of the school (a
/// sibling); returns the sibling and the parent.
pub(crate) fn give_a_parent_of_two(app: &TestApp, student: Uuid) -> (Uuid, Uuid) {
    let sibling = id(
        app,
        "SELECT id FROM students WHERE organization_id = (SELECT organization_id FROM students WHERE id = $1) \
         AND id <> $1 AND deleted_at IS NULL ORDER BY last_name DESC LIMIT 1",
        student,
    );
    let person = id(
        app,
        "INSERT INTO guardian_people (organization_id, full_name, email, phone) \
         SELECT organization_id, 'Carmen Huaman', 'carmen.huaman@example.test', '555 777 1234' \
         FROM students WHERE id = $1 RETURNING id",
        student,
    );
    for child in [student, sibling] {
        diesel::sql_query(
            "INSERT INTO guardians (organization_id, student_id, person_id, relationship, \
             primary_contact, emergency_contact, pickup_allowed) \
             SELECT organization_id, id, $2, 'mother', false, true, true FROM students WHERE id = $1",
        )
        .bind::<SqlUuid, _>(child)
        .bind::<SqlUuid, _>(person)
        .execute(&mut app.conn())
        .expect("a guardian link");
    }
    (sibling, person)
}

#[actix_web::test]
async fn the_profile_shows_grade_class_guardians_siblings_and_medical_notes_only_to_those_allowed()
{
    let app = spawn_app().await;
    let (student, class) = enrolled_student(&app);
    let (sibling, _) = give_a_parent_of_two(&app, student);
    let office = app.signed_in(DemoUser::Office).await;
    let medical = format!("/students/{student}/medical");
    let response = app
        .submit(
            &office,
            &medical,
            &medical,
            &[
                ("allergies", "Peanuts and tree nuts"),
                ("medical_notes", "Carries an inhaler"),
                ("emergency_contacts", "Aunt Julia 555 0199"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    let path = format!("/students/{student}/profile");
    let seen = app.page(&office, &path).await;
    let (_, grade) = grade_of(&app, class);
    let sibling_name = text(
        &app,
        "SELECT first_name || ' ' || last_name AS value FROM students WHERE id = $1",
        sibling,
    )
    .unwrap_or_default();
    for shown in [
        grade.as_str(),
        &class_name(&app, class),
        "Carmen Huaman",
        "Emergency contact",
        "May pick up",
        "tel:5557771234",
        "mailto:carmen.huaman@example.test",
        &sibling_name,
        "Peanuts and tree nuts",
        "Carries an inhaler",
        "Aunt Julia 555 0199",
    ] {
        assert!(seen.contains(shown), "{shown} on the office's view");
    }
    assert!(seen.contains("years old"), "the age");
    for who in [DemoUser::Accountant, DemoUser::Teacher] {
        let client = app.signed_in(who).await;
        let seen = app.page(&client, &path).await;
        assert!(
            seen.contains("Carmen Huaman"),
            "{who:?} reads the guardians"
        );
        assert!(
            !seen.contains("Peanuts"),
            "{who:?} may not read medical notes"
        );
        assert!(!seen.contains("Medical and emergency"), "{who:?}");
        let form = app.get(&client, &medical).await;
        assert_eq!(form.status(), 403, "{who:?}");
    }
    // The student list and the search open the profile.
    let list = app.page(&office, "/students").await;
    assert!(list.contains(&path), "the list links to the profile");
}

/// Five new active students on a campus, in no class.
fn five_new_students(app: &TestApp) -> Vec<Uuid> {
    (1..=5)
        .map(|i| {
            id(
                app,
                &format!(
                    "INSERT INTO students (organization_id, campus_id, first_name, last_name, status) \
                     SELECT $1, (SELECT id FROM campuses WHERE organization_id = $1 ORDER BY name LIMIT 1), \
                     'Newcomer', 'Number {i}', 'active' RETURNING id"
                ),
                northwind(app),
            )
        })
        .collect()
}

#[actix_web::test]
async fn five_students_are_enrolled_in_a_class_at_once() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let students = five_new_students(&app);
    let class = open_class(&app, None);
    let picker = app.page(&office, "/enrolment").await;
    for s in &students {
        assert!(picker.contains(&s.to_string()), "offered: {s}");
    }
    let ids: Vec<String> = students.iter().map(Uuid::to_string).collect();
    let (class_text, day) = (class.to_string(), today().to_string());
    let mut fields = vec![("class_id", class_text.as_str()), ("on", day.as_str())];
    fields.extend(ids.iter().map(|s| ("student", s.as_str())));
    let response = app
        .submit(&office, "/enrolment", "/enrolment", &fields)
        .await;
    assert_eq!(response.status(), 303);
    for s in &students {
        assert_eq!(
            number(
                &app,
                &format!(
                    "SELECT count(*) AS n FROM class_enrollments WHERE student_id = $1 \
                     AND class_id = '{class}' AND status = 'active' AND enrolled_on = '{day}'"
                ),
                *s
            ),
            1
        );
    }
    let picker = app.page(&office, "/enrolment").await;
    assert!(!picker.contains(&ids[0]), "no longer offered once enrolled");
}

#[actix_web::test]
async fn moving_a_student_ends_the_old_enrolment_on_the_day() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let (student, from) = enrolled_student(&app);
    let to = open_class(&app, Some(from));
    assert_ne!(from, to);
    let path = format!("/students/{student}/move");
    let (to_text, day) = (to.to_string(), today().to_string());
    let response = app
        .submit(
            &office,
            &path,
            &path,
            &[("class_id", &to_text), ("on", &day)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let ended = diesel::sql_query(
        "SELECT ended_on AS day FROM class_enrollments WHERE student_id = $1 AND class_id = $2",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<SqlUuid, _>(from)
    .get_result::<Day>(&mut app.conn())
    .expect("the old enrolment")
    .day;
    assert_eq!(ended, Some(today()));
    assert_eq!(
        text(
            &app,
            &format!(
                "SELECT status::text AS value FROM class_enrollments WHERE student_id = $1 AND class_id = '{from}'"
            ),
            student
        )
        .as_deref(),
        Some("transferred")
    );
    let started = diesel::sql_query(
        "SELECT enrolled_on AS day FROM class_enrollments WHERE student_id = $1 AND class_id = $2 \
         AND status = 'active'",
    )
    .bind::<SqlUuid, _>(student)
    .bind::<SqlUuid, _>(to)
    .get_result::<Day>(&mut app.conn())
    .expect("the new enrolment")
    .day;
    assert_eq!(started, Some(today()));
}

#[actix_web::test]
async fn a_class_over_capacity_is_warned_about_and_needs_the_tick() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let (student, from) = enrolled_student(&app);
    let to = open_class(&app, Some(from));
    // Full: as many places as students already in it.
    run(
        &app,
        "UPDATE classes SET capacity = (SELECT count(*) FROM class_enrollments \
         WHERE class_id = $1 AND status = 'active' AND deleted_at IS NULL) WHERE id = $1",
        to,
    );
    let path = format!("/students/{student}/move");
    let (to_text, day) = (to.to_string(), today().to_string());
    let response = app
        .submit(
            &office,
            &path,
            &path,
            &[("class_id", &to_text), ("on", &day)],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap_or_default();
    assert!(page.contains("this would make"), "{page}");
    assert!(
        page.contains("name=\"confirm_capacity\""),
        "the tick is offered"
    );
    let still = format!(
        "SELECT count(*) AS n FROM class_enrollments WHERE student_id = $1 AND class_id = '{from}' \
         AND status = 'active'"
    );
    assert_eq!(number(&app, &still, student), 1, "nothing moved");

    let response = app
        .submit(
            &office,
            &path,
            &path,
            &[
                ("class_id", &to_text),
                ("on", &day),
                ("confirm_capacity", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(number(&app, &still, student), 0, "moved once confirmed");
}

#[actix_web::test]
async fn a_withdrawal_with_a_reason_is_kept_in_the_history() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let (student, _) = enrolled_student(&app);
    let path = format!("/students/{student}/withdraw");
    let day = today().to_string();
    let response = app
        .submit(
            &office,
            &path,
            &path,
            &[("status", "withdrawn"), ("on", &day), ("reason", "")],
        )
        .await;
    assert_eq!(response.status(), 422, "a reason is needed");
    assert_eq!(status(&app, student), "active");
    let response = app
        .submit(
            &office,
            &path,
            &path,
            &[
                ("status", "withdrawn"),
                ("on", &day),
                ("reason", "Family moved to Arequipa"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status(&app, student), "withdrawn");
    assert_eq!(
        text(
            &app,
            "SELECT reason AS value FROM student_status_changes WHERE student_id = $1 \
             AND from_status = 'active' AND to_status = 'withdrawn'",
            student
        )
        .as_deref(),
        Some("Family moved to Arequipa")
    );
    assert_eq!(
        number(
            &app,
            "SELECT count(*) AS n FROM class_enrollments WHERE student_id = $1 AND status = 'active' \
             AND deleted_at IS NULL",
            student
        ),
        0,
        "the classes ended"
    );
    let history = app
        .page(&office, &format!("/students/{student}/profile?tab=history"))
        .await;
    assert!(history.contains("Family moved to Arequipa"), "{history}");
    assert!(history.contains("Active → Withdrawn"));
}

#[actix_web::test]
async fn the_student_pages_speak_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Office.email(), Some("es"));
    let office = app.signed_in(DemoUser::Office).await;
    let (student, _) = enrolled_student(&app);
    for (path, phrase) in [
        (format!("/students/{student}/profile"), "Padres y tutores"),
        (
            format!("/students/{student}/profile?tab=history"),
            "Historial",
        ),
        (format!("/students/{student}/medical"), "Información médica"),
        (format!("/students/{student}/move"), "Cambiar a"),
        (
            format!("/students/{student}/withdraw"),
            "Dar de baja o trasladar",
        ),
        ("/admissions".to_owned(), "Nueva solicitud"),
        ("/admissions/new".to_owned(), "Un padre o tutor"),
        ("/enrolment".to_owned(), "Matricular alumnos en un curso"),
    ] {
        let page = app.page(&office, &path).await;
        assert!(page.contains(phrase), "{path}: {phrase}");
    }
}

#[derive(QueryableByName)]
struct Known {
    #[diesel(sql_type = Text)]
    first_name: String,
    #[diesel(sql_type = Text)]
    last_name: String,
    #[diesel(sql_type = Date)]
    born: NaiveDate,
    #[diesel(sql_type = SqlUuid)]
    campus_id: Uuid,
}

#[actix_web::test]
async fn an_application_for_a_child_already_on_file_is_warned_about_and_needs_the_tick() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let known: Known = diesel::sql_query(
        "SELECT first_name, last_name, date_of_birth AS born, campus_id FROM students \
         WHERE organization_id = $1 AND deleted_at IS NULL AND date_of_birth IS NOT NULL \
         ORDER BY last_name, first_name LIMIT 1",
    )
    .bind::<SqlUuid, _>(northwind(&app))
    .get_result(&mut app.conn())
    .expect("a student with a birthday");
    let (born, campus, day) = (
        known.born.to_string(),
        known.campus_id.to_string(),
        today().to_string(),
    );
    let folded_first = known.first_name.to_uppercase();
    let fields = [
        ("first_name", folded_first.as_str()),
        ("last_name", known.last_name.as_str()),
        ("date_of_birth", born.as_str()),
        ("campus_id", campus.as_str()),
        ("applied_on", day.as_str()),
        ("guardian_name", "Ines Twin"),
    ];
    let live = |app: &TestApp| {
        number(
            app,
            "SELECT count(*) AS n FROM students WHERE organization_id = $1 AND deleted_at IS NULL",
            northwind(app),
        )
    };
    let before = live(&app);

    let warned = app
        .submit(&office, "/admissions/new", "/admissions", &fields)
        .await;
    assert_eq!(warned.status(), 422);
    let page = warned.text().await.expect("the form again");
    assert!(page.contains(r#"id="record-warning""#), "{page}");
    assert!(page.contains(r#"name="confirm_warning""#));
    assert!(
        page.contains(&format!(r#"value="{folded_first}""#)),
        "what was typed stays"
    );
    assert_eq!(live(&app), before, "nothing is stored before the tick");

    let mut ticked = fields.to_vec();
    ticked.push(("confirm_warning", "on"));
    let stored = app
        .submit(&office, "/admissions/new", "/admissions", &ticked)
        .await;
    assert_eq!(stored.status(), 303);
    assert_eq!(
        live(&app),
        before + 1,
        "with the tick the applicant is stored"
    );
}

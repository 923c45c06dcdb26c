//! The access log: a student's pages, files and exports are recorded (who, when,
//! which student or how many, which page) off the request's path; holders of the
//! access-log permission read them on the profile's tab and by staff member.

mod browser;
mod erasure;
mod export;
mod logs;

use diesel::prelude::*;
use homeroom::db::schema::{access_log, file, organizations, students};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, spawn_app, user_id};

/// A view as the log holds it.
#[derive(Queryable, Debug, Clone, PartialEq)]
struct Logged {
    user_id: Option<Uuid>,
    student_id: Option<Uuid>,
    students_count: i32,
    route: String,
}

fn logged(app: &TestApp) -> Vec<Logged> {
    access_log::table
        .order(access_log::created_at)
        .select((
            access_log::user_id,
            access_log::student_id,
            access_log::students_count,
            access_log::route,
        ))
        .load(&mut app.conn())
        .expect("the access log")
}

/// Waits (up to ten seconds) until the log holds a row `wanted` accepts: the
/// writer stores views in batches after the answer has gone.
async fn wait_for_view(app: &TestApp, wanted: impl Fn(&Logged) -> bool) -> Vec<Logged> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let rows = logged(app);
        if rows.iter().any(&wanted) || std::time::Instant::now() > deadline {
            return rows;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A live Northwind student: id and full name.
fn a_student(app: &TestApp) -> (Uuid, String) {
    let mut conn = app.conn();
    let (id, first, last): (Uuid, String, String) = students::table
        .inner_join(organizations::table)
        .filter(organizations::name.eq("Northwind Academy"))
        .filter(students::deleted_at.is_null())
        .order((students::last_name, students::first_name))
        .select((students::id, students::first_name, students::last_name))
        .first(&mut conn)
        .expect("a demo student");
    (id, format!("{first} {last}"))
}

fn northwind_today(app: &TestApp) -> chrono::NaiveDate {
    let zone: String = organizations::table
        .filter(organizations::name.eq("Northwind Academy"))
        .select(organizations::time_zone)
        .first(&mut app.conn())
        .expect("the school's zone");
    homeroom::clock::today(homeroom::clock::zone(&zone))
}

#[actix_web::test]
async fn viewing_a_profile_records_who_saw_which_student_on_which_page() {
    let app = spawn_app().await;
    let (student, _) = a_student(&app);
    let office = app.signed_in(DemoUser::Office).await;
    let office_id = user_id(&mut app.conn(), DemoUser::Office.email());

    let response = app
        .get(&office, &format!("/students/{student}/profile?tab=history"))
        .await;
    assert_eq!(response.status(), 200);

    let rows = wait_for_view(&app, |r| r.student_id == Some(student)).await;
    assert_eq!(
        rows,
        vec![Logged {
            user_id: Some(office_id),
            student_id: Some(student),
            students_count: 1,
            route: "/students/{id}/profile".to_owned(),
        }],
        "one row: the pattern, never the query string"
    );

    // A student of no record is not found, and nothing is recorded for it.
    let missing = Uuid::new_v4();
    let response = app
        .get(&office, &format!("/students/{missing}/profile"))
        .await;
    assert_eq!(response.status(), 404);
    app.get(&office, &format!("/attendance/students/{student}"))
        .await;
    let rows = wait_for_view(&app, |r| r.route == "/attendance/students/{id}").await;
    assert!(
        rows.iter().all(|r| r.student_id == Some(student)),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
}

#[actix_web::test]
async fn downloading_a_students_file_records_the_student() {
    let app = spawn_app().await;
    let (student, _) = a_student(&app);
    let admin = app.signed_in(DemoUser::Admin).await;
    let png = crate::files::png(20, 20);
    let response = crate::files::upload(&app, &admin, "students", student, "photo.png", &png).await;
    assert_eq!(response.status(), 303);
    let stored: Uuid = file::table
        .filter(file::belongs_to_id.eq(student))
        .select(file::id)
        .first(&mut app.conn())
        .expect("the stored photo");

    let response = app.get(&admin, &format!("/files/{stored}")).await;
    assert_eq!(response.status(), 200);

    let rows = wait_for_view(&app, |r| r.route == "/files/{id}").await;
    let download: Vec<&Logged> = rows.iter().filter(|r| r.route == "/files/{id}").collect();
    assert_eq!(download.len(), 1, "{rows:?}");
    assert_eq!(download[0].student_id, Some(student));
    assert_eq!(
        download[0].user_id,
        Some(user_id(&mut app.conn(), DemoUser::Admin.email()))
    );
}

#[actix_web::test]
async fn exporting_the_students_list_records_how_many_students_it_held() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let response = app.get(&admin, "/students/export.csv").await;
    assert_eq!(response.status(), 200);
    let csv = response.text().await.expect("the export");
    let exported = csv.lines().count() - 1;
    assert!(exported > 10, "the demo school has students");

    let rows = wait_for_view(&app, |r| r.route == "/students/export.csv").await;
    assert_eq!(
        rows,
        vec![Logged {
            user_id: Some(user_id(&mut app.conn(), DemoUser::Admin.email())),
            student_id: None,
            students_count: i32::try_from(exported).expect("a count"),
            route: "/students/export.csv".to_owned(),
        }]
    );
}

#[actix_web::test]
async fn a_teacher_without_the_permission_sees_neither_the_tab_nor_the_staff_page() {
    let app = spawn_app().await;
    let roll = crate::attendance::teachers_roll(&app);
    let student = roll.students[0];
    let teacher = app.signed_in(DemoUser::Teacher).await;

    let profile = format!("/students/{student}/profile");
    let html = app.page(&teacher, &profile).await;
    assert!(
        html.contains("tab=history"),
        "the teacher reads the profile"
    );
    assert!(!html.contains("tab=seen"), "but is not offered the tab");
    assert!(!html.contains("Who has seen this record"));
    let asked = app.page(&teacher, &format!("{profile}?tab=seen")).await;
    assert!(!asked.contains("Who has seen this record"));
    assert!(
        !asked.contains("/students/{id}/profile"),
        "no view is listed"
    );

    let response = app.get(&teacher, "/privacy/access").await;
    assert_eq!(response.status(), 403);
    let home = app.page(&teacher, "/").await;
    assert!(!home.contains("/privacy/access"), "nor offered the page");
}

#[actix_web::test]
async fn the_administrator_reads_who_saw_a_student_and_what_one_staff_member_saw_that_day() {
    let app = spawn_app().await;
    let (student, name) = a_student(&app);
    let office = app.signed_in(DemoUser::Office).await;
    let office_id = user_id(&mut app.conn(), DemoUser::Office.email());
    assert_eq!(
        app.get(&office, &format!("/students/{student}/profile"))
            .await
            .status(),
        200
    );
    assert_eq!(app.get(&office, "/students/export.csv").await.status(), 200);
    let rows = wait_for_view(&app, |r| r.route == "/students/export.csv").await;
    assert_eq!(rows.len(), 2, "{rows:?}");

    let admin = app.signed_in(DemoUser::Admin).await;
    let tab = app
        .page(&admin, &format!("/students/{student}/profile?tab=seen"))
        .await;
    assert!(tab.contains("Who has seen this record"), "{tab}");
    let office_name: (Option<String>, Option<String>, String) = homeroom::db::schema::users::table
        .find(office_id)
        .select((
            homeroom::db::schema::users::first_name,
            homeroom::db::schema::users::last_name,
            homeroom::db::schema::users::email,
        ))
        .first(&mut app.conn())
        .expect("the office's account");
    let office_name = homeroom::access::display_name(
        office_name.0.as_deref(),
        office_name.1.as_deref(),
        &office_name.2,
    );
    assert!(
        tab.contains(&office_name),
        "the office's view is listed: {tab}"
    );
    assert!(tab.contains("/students/{id}/profile"));

    let today = northwind_today(&app);
    let html = app
        .page(
            &admin,
            &format!("/privacy/access?user={office_id}&from={today}&to={today}"),
        )
        .await;
    assert!(
        html.contains(&name),
        "the student the office opened: {html}"
    );
    assert!(html.contains("An export of"), "and the export: {html}");
    let yesterday = today.pred_opt().expect("a day before");
    let html = app
        .page(
            &admin,
            &format!("/privacy/access?user={office_id}&from={yesterday}&to={yesterday}"),
        )
        .await;
    assert!(html.contains("viewed no student records on these days"));
    assert!(!html.contains(&name));

    // A date that is not one is said so, and nothing is listed.
    let response = app
        .get(
            &admin,
            &format!("/privacy/access?user={office_id}&from=soon"),
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("page");
    assert!(html.contains("Enter a date such as"), "{html}");
    assert!(!html.contains(&name));
}

#[actix_web::test]
async fn the_access_log_pages_speak_spanish() {
    let app = spawn_app().await;
    let (student, _) = a_student(&app);
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let tab = app
        .page(&admin, &format!("/students/{student}/profile?tab=seen"))
        .await;
    assert!(tab.contains("Quién ha visto este expediente"), "{tab}");
    let page = app.page(&admin, "/privacy/access").await;
    assert!(page.contains("Quién vio qué"), "{page}");
    assert!(page.contains("Elija un miembro del personal"));
}

/// A live Northwind invoice and the student it bills.
fn an_invoice(app: &TestApp) -> (Uuid, Uuid) {
    use homeroom::db::schema::invoices;
    invoices::table
        .inner_join(organizations::table)
        .filter(organizations::name.eq("Northwind Academy"))
        .filter(invoices::deleted_at.is_null())
        .order(invoices::invoice_number)
        .select((invoices::id, invoices::student_id))
        .first(&mut app.conn())
        .expect("a demo invoice")
}

#[actix_web::test]
async fn opening_an_invoice_and_its_pdf_records_the_student_it_bills() {
    let app = spawn_app().await;
    let (invoice, student) = an_invoice(&app);
    let accountant = app.signed_in(DemoUser::Accountant).await;
    let me = user_id(&mut app.conn(), DemoUser::Accountant.email());

    for path in [
        format!("/finance/invoices/{invoice}"),
        format!("/finance/invoices/{invoice}/pdf"),
    ] {
        let response = app.get(&accountant, &path).await;
        assert_eq!(response.status(), 200, "{path}");
    }

    let rows = wait_for_view(&app, |r| r.route == "/finance/invoices/{id}/pdf").await;
    for route in ["/finance/invoices/{id}", "/finance/invoices/{id}/pdf"] {
        assert_eq!(
            rows.iter().filter(|r| r.route == route).collect::<Vec<_>>(),
            vec![&Logged {
                user_id: Some(me),
                student_id: Some(student),
                students_count: 1,
                route: route.to_owned(),
            }],
            "{route}"
        );
    }
}

#[actix_web::test]
async fn a_familys_statement_records_each_of_its_children() {
    let app = spawn_app().await;
    #[derive(QueryableByName)]
    struct Child {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        family_id: Uuid,
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        student_id: Uuid,
    }
    let children: Vec<Child> = diesel::sql_query(
        "WITH family AS (
            SELECT p.family_id FROM guardian_people p
            JOIN guardians g ON g.person_id = p.id AND g.deleted_at IS NULL
            JOIN students s ON s.id = g.student_id AND s.deleted_at IS NULL
            WHERE p.family_id IS NOT NULL AND p.deleted_at IS NULL
            GROUP BY p.family_id HAVING count(DISTINCT s.id) >= 2
            ORDER BY p.family_id LIMIT 1)
         SELECT DISTINCT p.family_id, g.student_id FROM guardian_people p
         JOIN family f ON f.family_id = p.family_id
         JOIN guardians g ON g.person_id = p.id AND g.deleted_at IS NULL
         JOIN students s ON s.id = g.student_id AND s.deleted_at IS NULL
         WHERE p.deleted_at IS NULL",
    )
    .load(&mut app.conn())
    .expect("a family of two or more children");
    assert!(children.len() >= 2, "the demo has families of siblings");
    let family = children[0].family_id;
    let accountant = app.signed_in(DemoUser::Accountant).await;

    let path = format!("/finance/statements/families/{family}");
    assert_eq!(app.get(&accountant, &path).await.status(), 200);

    let route = "/finance/statements/families/{id}";
    let rows = wait_for_view(&app, |r| r.route == route).await;
    let mut seen: Vec<Uuid> = rows
        .iter()
        .filter(|r| r.route == route)
        .filter_map(|r| r.student_id)
        .collect();
    let mut expected: Vec<Uuid> = children.iter().map(|c| c.student_id).collect();
    seen.sort();
    expected.sort();
    assert_eq!(seen, expected, "one row for each child on the statement");
}

#[actix_web::test]
async fn a_record_page_about_a_student_records_that_student() {
    use homeroom::db::schema::guardians;
    let app = spawn_app().await;
    let (guardian, student): (Uuid, Uuid) = guardians::table
        .inner_join(organizations::table)
        .filter(organizations::name.eq("Northwind Academy"))
        .filter(guardians::deleted_at.is_null())
        .order(guardians::id)
        .select((guardians::id, guardians::student_id))
        .first(&mut app.conn())
        .expect("a demo guardian");
    let admin = app.signed_in(DemoUser::Admin).await;

    let response = app.get(&admin, &format!("/guardians/{guardian}")).await;
    assert_eq!(response.status(), 200);

    let rows = wait_for_view(&app, |r| r.route == "/guardians/{id}").await;
    assert_eq!(
        rows.iter()
            .filter(|r| r.route == "/guardians/{id}")
            .map(|r| r.student_id)
            .collect::<Vec<_>>(),
        vec![Some(student)]
    );
}

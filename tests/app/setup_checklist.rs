//! A new school sets itself up: the dashboard's checklist names every missing piece
//! with the page that adds it and shrinks as the school fills in its records; pages
//! that need what is missing say so in words instead of showing an empty table.

use diesel::prelude::*;
use homeroom::db::schema::users;
use uuid::Uuid;

use crate::common::fixtures::{OrganizationBuilder, UserBuilder};
use crate::common::{DemoUser, TestApp, expect_page, spawn_app};
use crate::languages::set_user_language;

const LAKESIDE_ADMIN: &str = "head@lakeside.example";

/// Every step's link on an empty school's checklist, in the order a school takes them.
const EVERY_STEP: [&str; 10] = [
    "/campuses/new",
    "/academic-years/new",
    "/grades/new",
    "/subjects/new",
    "/classes/new",
    "/staff/new",
    "/students/new",
    "/class-enrollments/new",
    "/timetables/new",
    "/fee-plans/new",
];

/// The demo password's hash, so accounts made here sign in without hashing again.
fn demo_password_hash(app: &TestApp) -> String {
    users::table
        .filter(users::email.eq(DemoUser::Admin.email()))
        .select(users::password)
        .first::<Option<String>>(&mut app.conn())
        .expect("the demo administrator")
        .expect("a password")
}

/// A school that has just been created (as `create-admin` makes it): an
/// organization with nothing in it but one account with `role`.
fn new_school_account(app: &TestApp, email: &str, role: &str) -> Uuid {
    // `create-admin` makes the same: tests/app/cli.rs runs it on a bare database.
    let hash = demo_password_hash(app);
    let org = OrganizationBuilder::new("Lakeside School").insert(&mut app.conn());
    UserBuilder::new(email)
        .in_organization(org)
        .with_role_named(role)
        .password_hash(&hash)
        .insert(&mut app.conn());
    org
}

/// The new school's administrator, signed in.
async fn new_school_administrator(app: &TestApp) -> reqwest::Client {
    new_school_account(app, LAKESIDE_ADMIN, "Administrator");
    signed_in_as(app, LAKESIDE_ADMIN).await
}

async fn signed_in_as(app: &TestApp, email: &str) -> reqwest::Client {
    let client = app.client();
    let response = app
        .sign_in(&client, email, crate::common::DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), 303, "{email} signs in");
    client
}

/// The checklist section of the dashboard, or `None` when there is none.
pub(crate) async fn checklist(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    let html = expect_page(app.get(client, "/").await, 200, "</main>").await;
    let start = html.find("class=\"card setup-checklist\"")?;
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    Some(html[start..end].to_owned())
}

fn links_in(section: &str) -> Vec<&str> {
    EVERY_STEP
        .iter()
        .copied()
        .filter(|href| section.contains(&format!("href=\"{href}\"")))
        .collect()
}

/// Creates a record through its form and returns its id from where the page goes next.
async fn create(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let response = app
        .submit(client, &format!("{path}/new"), path, fields)
        .await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    match (status.as_u16(), location) {
        (303, Some(location)) => location
            .rsplit('/')
            .next()
            .expect("an id in the address")
            .to_owned(),
        _ => panic!(
            "POST {path} {fields:?} was refused: {}",
            response.text().await.unwrap_or_default()
        ),
    }
}

#[actix_web::test]
async fn a_new_schools_dashboard_lists_every_missing_step_with_the_page_that_adds_it() {
    let app = spawn_app().await;
    let admin = new_school_administrator(&app).await;

    let section = checklist(&app, &admin)
        .await
        .expect("a new school's administrator sees the set-up checklist");
    assert!(section.contains("Set up your school"));
    assert!(section.contains("0 of 10 steps done"));
    assert_eq!(links_in(&section), EVERY_STEP, "every step, in order");
    for missing in [
        "No campus yet",
        "No academic year covers today.",
        "No grades yet.",
        "No subjects yet.",
        "No class belongs to this academic year yet.",
        "No staff members yet.",
        "No students yet.",
        "No student is enrolled in a class yet.",
        "No timetable yet",
        "No fee plans yet.",
    ] {
        assert!(section.contains(missing), "the checklist says {missing:?}");
    }
}

#[actix_web::test]
async fn the_checklist_shrinks_as_the_school_adds_its_records_through_the_pages() {
    let app = spawn_app().await;
    let lakeside = new_school_account(&app, LAKESIDE_ADMIN, "Administrator");
    let admin = signed_in_as(&app, LAKESIDE_ADMIN).await;

    // Each step is taken on the page its link opens; then its link is gone.
    let campus = create(
        &app,
        &admin,
        "/campuses",
        &[("name", "Lakeside Main"), ("active", "on")],
    )
    .await;
    let after_campus = checklist(&app, &admin).await.expect("still a checklist");
    assert!(after_campus.contains("1 of 10 steps done"));
    assert_eq!(links_in(&after_campus), &EVERY_STEP[1..]);

    let year_fields = [
        ("name", "2026–2027"),
        ("start_date", "2026-09-01"),
        ("end_date", "2027-06-30"),
        ("current", "on"),
    ];
    let year = create(&app, &admin, "/academic-years", &year_fields).await;
    let grade = create(&app, &admin, "/grades", &[("name", "Grade 5")]).await;
    let subject = create(&app, &admin, "/subjects", &[("name", "Geography")]).await;
    let class_fields = [
        ("name", "5A"),
        ("campus_id", campus.as_str()),
        ("academic_year_id", year.as_str()),
        ("grade_id", grade.as_str()),
        ("status", "active"),
    ];
    let class = create(&app, &admin, "/classes", &class_fields).await;
    let after_class = checklist(&app, &admin).await.expect("still a checklist");
    assert!(after_class.contains("5 of 10 steps done"));
    assert_eq!(links_in(&after_class), &EVERY_STEP[5..]);

    // A staff member added without a sign-in turns the staff step into an invitation.
    let staff_fields = [
        ("first_name", "Imogen"),
        ("last_name", "Hartley"),
        ("email", "imogen@lakeside.example"),
        ("staff_type", "teacher"),
        ("campus_id", campus.as_str()),
        ("status", "active"),
    ];
    let teacher = create(&app, &admin, "/staff", &staff_fields).await;
    let after_staff = checklist(&app, &admin).await.expect("still a checklist");
    assert!(after_staff.contains("One staff member has no sign-in."));
    assert!(after_staff.contains("href=\"/staff\""));
    assert!(!after_staff.contains("href=\"/staff/new\""));

    let student_fields = [
        ("first_name", "Noor"),
        ("last_name", "Haddad"),
        ("campus_id", campus.as_str()),
        ("status", "active"),
    ];
    let student = create(&app, &admin, "/students", &student_fields).await;
    let enrolment = [
        ("student_id", student.as_str()),
        ("class_id", class.as_str()),
        ("status", "active"),
    ];
    create(&app, &admin, "/class-enrollments", &enrolment).await;
    let fee_plan = [
        ("name", "Tuition"),
        ("billing_cycle", "termly"),
        ("total_amount", "900.00"),
        ("active", "on"),
    ];
    create(&app, &admin, "/fee-plans", &fee_plan).await;
    let after_fees = checklist(&app, &admin).await.expect("still a checklist");
    assert!(after_fees.contains("8 of 10 steps done"));
    assert_eq!(links_in(&after_fees), ["/timetables/new"]);

    // A published timetable with no periods asks for its periods next.
    let timetable_fields = [
        ("name", "Autumn timetable"),
        ("campus_id", campus.as_str()),
        ("academic_year_id", year.as_str()),
        ("status", "published"),
    ];
    let timetable = create(&app, &admin, "/timetables", &timetable_fields).await;
    let after_timetable = checklist(&app, &admin).await.expect("still a checklist");
    assert!(after_timetable.contains("The published timetable has no periods yet."));
    assert!(after_timetable.contains("href=\"/timetable-periods/new\""));

    let lesson_fields = [
        ("class_id", class.as_str()),
        ("subject_id", subject.as_str()),
        ("teacher_id", teacher.as_str()),
        ("status", "active"),
    ];
    let lesson = create(&app, &admin, "/class-subjects", &lesson_fields).await;
    let period = [
        ("timetable_id", timetable.as_str()),
        ("class_subject_id", lesson.as_str()),
        ("day_of_week", "monday"),
        ("starts_at", "09:00"),
        ("ends_at", "09:45"),
    ];
    create(&app, &admin, "/timetable-periods", &period).await;
    let last = checklist(&app, &admin)
        .await
        .expect("the invitation is left");
    assert!(last.contains("9 of 10 steps done"));
    assert!(last.contains("One staff member has no sign-in."));

    // The teacher's account (made here as an invitation would) completes the school.
    let teacher_user = UserBuilder::new("imogen@lakeside.example")
        .in_organization(lakeside)
        .with_role_named("Teacher")
        .insert(&mut app.conn());
    diesel::update(homeroom::db::schema::staff::table)
        .filter(homeroom::db::schema::staff::id.eq(teacher.parse::<Uuid>().expect("an id")))
        .set(homeroom::db::schema::staff::user_id.eq(teacher_user))
        .execute(&mut app.conn())
        .expect("link the teacher");
    assert_eq!(
        checklist(&app, &admin).await,
        None,
        "a set-up school has no checklist"
    );
}

#[actix_web::test]
async fn the_demo_school_is_set_up_so_its_administrator_sees_no_checklist() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let dashboard = expect_page(app.get(&admin, "/").await, 200, "Fees outstanding").await;
    assert!(!dashboard.contains("setup-checklist"));
    assert!(!dashboard.contains("Set up your school"));
}

#[actix_web::test]
async fn a_teacher_never_sees_the_checklist_even_in_a_school_still_being_set_up() {
    let app = spawn_app().await;
    new_school_account(&app, "teacher@lakeside.example", "Teacher");
    let teacher = signed_in_as(&app, "teacher@lakeside.example").await;
    let dashboard = expect_page(app.get(&teacher, "/").await, 200, "Hello").await;
    assert!(!dashboard.contains("setup-checklist"));
    assert!(!dashboard.contains("/campuses/new"));

    let demo_teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(checklist(&app, &demo_teacher).await, None);
}

#[actix_web::test]
async fn today_tells_a_teacher_without_a_staff_record_to_ask_their_administrator() {
    let app = spawn_app().await;
    let org = crate::common::organization_id(&mut app.conn(), "Northwind Academy");
    let hash = demo_password_hash(&app);
    UserBuilder::new("new.teacher@northwind.test")
        .in_organization(org)
        .with_role_named("Teacher")
        .password_hash(&hash)
        .insert(&mut app.conn());
    let teacher = signed_in_as(&app, "new.teacher@northwind.test").await;

    let today = expect_page(app.get(&teacher, "/today").await, 200, "Today").await;
    assert!(today.contains(
        "Your account is not linked to a staff record; ask your administrator to link it."
    ));
    assert!(
        !today.contains("Link it on the staff list"),
        "a teacher cannot link it"
    );
}

#[actix_web::test]
async fn today_tells_a_teacher_when_no_published_timetable_covers_the_day() {
    let app = spawn_app().await;
    let teacher_user = crate::common::user_id(&mut app.conn(), DemoUser::Teacher.email());
    // The school takes its timetable back to draft; the teacher keeps only subject lessons.
    diesel::sql_query("UPDATE timetables SET status = 'draft'")
        .execute(&mut app.conn())
        .expect("unpublish the timetables");
    diesel::sql_query(
        "UPDATE classes SET homeroom_teacher_id = NULL WHERE homeroom_teacher_id IN \
         (SELECT id FROM staff WHERE user_id = $1)",
    )
    .bind::<diesel::sql_types::Uuid, _>(teacher_user)
    .execute(&mut app.conn())
    .expect("no homeroom class");
    let teacher = app.signed_in(DemoUser::Teacher).await;

    let today = expect_page(app.get(&teacher, "/today").await, 200, "Today").await;
    assert!(
        today.contains(
            "No published timetable covers today; ask your administrator to publish one."
        )
    );
    assert!(!today.contains("class=\"roll-card"), "no roll to open");
}

#[actix_web::test]
async fn today_shows_an_administrator_without_a_staff_record_where_to_link_it() {
    let app = spawn_app().await;
    let admin = new_school_administrator(&app).await;
    let today = expect_page(app.get(&admin, "/today").await, 200, "Today").await;
    assert!(today.contains("Your account is not linked to a staff record"));
    assert!(
        today.contains(
            "<a class=\"button secondary\" href=\"/staff\">Link it on the staff list</a>"
        )
    );
}

#[actix_web::test]
async fn the_roll_of_a_class_with_no_students_says_so_and_links_to_enrolling_them() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let campus = northwind(&app, "campuses", "deleted_at IS NULL");
    let year = northwind(&app, "academic_years", "current");
    let grade = northwind(&app, "grades", "deleted_at IS NULL");
    let class_fields = [
        ("name", "Late Starters"),
        ("campus_id", campus.as_str()),
        ("academic_year_id", year.as_str()),
        ("grade_id", grade.as_str()),
        ("status", "active"),
    ];
    let class = create(&app, &admin, "/classes", &class_fields).await;

    let roll = expect_page(
        app.get(&admin, &format!("/roll/classes/{class}")).await,
        200,
        "Late Starters",
    )
    .await;
    assert!(roll.contains("No students are enrolled in this class."));
    assert!(roll.contains(&format!(
        "<a class=\"button secondary\" href=\"/class-enrollments/new?class_id={class}\">Enrol students</a>"
    )));
    assert!(
        !roll.contains("Mark all present"),
        "nothing to mark on an empty roll"
    );
}

#[actix_web::test]
async fn pages_that_list_classes_or_staff_say_what_a_new_school_is_missing() {
    let app = spawn_app().await;
    let admin = new_school_administrator(&app).await;

    let overview = expect_page(
        app.get(&admin, "/attendance/overview").await,
        200,
        "</main>",
    )
    .await;
    assert!(overview.contains("No classes have been set up yet."));
    assert!(
        overview.contains("<a class=\"button secondary\" href=\"/classes/new\">Add a class</a>")
    );

    let walkthrough = expect_page(app.get(&admin, "/walkthroughs/new").await, 200, "</main>").await;
    assert!(walkthrough.contains("There is nobody on the staff list to visit yet."));
    assert!(
        walkthrough
            .contains("<a class=\"button secondary\" href=\"/staff/new\">Add a staff member</a>")
    );
}

#[actix_web::test]
async fn the_checklist_speaks_spanish_to_an_administrator_who_reads_spanish() {
    let app = spawn_app().await;
    new_school_account(&app, LAKESIDE_ADMIN, "Administrator");
    set_user_language(&app, LAKESIDE_ADMIN, Some("es"));
    let admin = signed_in_as(&app, LAKESIDE_ADMIN).await;
    let section = checklist(&app, &admin).await.expect("the checklist");
    assert!(section.contains("Configura tu centro"));
    assert!(section.contains("0 de 10 pasos hechos"));
    assert!(section.contains("Añadir una sede"));
}

#[actix_web::test]
async fn the_checklist_fits_a_desktop_a_tablet_and_a_phone_in_english_and_spanish() {
    use crate::browser::{
        DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, open, screenshot, signed_in_browser,
    };
    let app = spawn_app().await;
    new_school_account(&app, LAKESIDE_ADMIN, "Administrator");
    let (_driver, client) =
        signed_in_browser(&app, DESKTOP, LAKESIDE_ADMIN, ".setup-checklist").await;
    for (language, sizes) in [
        ("en", vec![DESKTOP, TABLET, PHONE]),
        ("es", vec![PHONE, DESKTOP]),
    ] {
        set_user_language(&app, LAKESIDE_ADMIN, Some(language));
        for (width, height) in sizes {
            client
                .set_window_size(width, height)
                .await
                .expect("window size");
            open(&client, &app.url("/"), ".setup-checklist .setup-steps").await;
            assert_no_sideways_scrolling(&client, &format!("{width}px {language} dashboard")).await;
            screenshot(&client, &format!("setup-checklist-{language}-{width}")).await;
        }
    }
}

/// The first id of a Northwind table that meets `condition`.
fn northwind(app: &TestApp, table: &str, condition: &str) -> String {
    crate::resources::id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM {table} WHERE organization_id = \
             (SELECT id FROM organizations WHERE name = 'Northwind Academy') \
             AND {condition} ORDER BY id LIMIT 1"
        ),
    )
}

#[actix_web::test]
async fn a_school_without_a_campus_is_told_on_the_staff_attendance_page_where_to_add_one() {
    let app = spawn_app().await;
    let admin = new_school_administrator(&app).await;
    let page = expect_page(app.get(&admin, "/attendance/staff").await, 200, "</main>").await;
    assert!(
        page.contains("No campus yet: every class and student belongs to one."),
        "{page}"
    );
    assert!(page.contains(r#"href="/campuses/new""#), "{page}");
}

#[actix_web::test]
async fn a_class_of_last_year_does_not_count_as_this_years_on_the_checklist_or_the_dashboard() {
    let app = spawn_app().await;
    new_school_account(&app, LAKESIDE_ADMIN, "Administrator");
    let admin = signed_in_as(&app, LAKESIDE_ADMIN).await;
    let campus = create(
        &app,
        &admin,
        "/campuses",
        &[("name", "Lakeside Main"), ("active", "on")],
    )
    .await;
    let last_year = [
        ("name", "2025–2026"),
        ("start_date", "2025-09-01"),
        ("end_date", "2026-06-30"),
    ];
    let last_year = create(&app, &admin, "/academic-years", &last_year).await;
    let this_year = [
        ("name", "2026–2027"),
        ("start_date", "2026-09-01"),
        ("end_date", "2027-06-30"),
        ("current", "on"),
    ];
    create(&app, &admin, "/academic-years", &this_year).await;
    let grade = create(&app, &admin, "/grades", &[("name", "Grade 5")]).await;
    let class_fields = [
        ("name", "5A"),
        ("campus_id", campus.as_str()),
        ("academic_year_id", last_year.as_str()),
        ("grade_id", grade.as_str()),
        ("status", "active"),
    ];
    create(&app, &admin, "/classes", &class_fields).await;
    let section = checklist(&app, &admin).await.expect("a checklist");
    assert!(
        section.contains("No class belongs to this academic year yet."),
        "{section}"
    );
    assert!(section.contains("href=\"/classes/new\""));
}

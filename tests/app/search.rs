//! The people search in the header: students, staff and guardians by name, number
//! or e-mail, only those the user may read, only in their organization.

use crate::browser::open;
use diesel::prelude::*;
use homeroom::db::enums::StudentStatus;
use homeroom::db::schema::{
    campuses, guardians, organizations, permissions, roles, roles_permissions,
};
use homeroom::db::schema::{staff, students};
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, spawn_app};

fn organization(conn: &mut PgConnection, name: &str) -> Uuid {
    organizations::table
        .filter(organizations::name.eq(name))
        .select(organizations::id)
        .first(conn)
        .expect("demo organization")
}

/// A Northwind student with a number: id, first name, last name, number.
fn a_student(app: &TestApp) -> (Uuid, String, String, String) {
    let mut conn = app.conn();
    let org = organization(&mut conn, "Northwind Academy");
    let (id, first, last, number): (Uuid, String, String, Option<String>) = students::table
        .filter(students::organization_id.eq(org))
        .filter(students::deleted_at.is_null())
        .filter(students::student_number.is_not_null())
        .order(students::student_number.desc())
        .select((
            students::id,
            students::first_name,
            students::last_name,
            students::student_number,
        ))
        .first(&mut conn)
        .expect("a numbered demo student");
    (id, first, last, number.expect("a number"))
}

fn a_guardian_with_email(app: &TestApp) -> (Uuid, String, String) {
    let mut conn = app.conn();
    let org = organization(&mut conn, "Northwind Academy");
    let (id, name, email): (Uuid, String, Option<String>) = guardians::table
        .filter(guardians::organization_id.eq(org))
        .filter(guardians::deleted_at.is_null())
        .filter(guardians::email.is_not_null())
        .order(guardians::email)
        .select((
            guardians::person_id.assume_not_null(),
            guardians::full_name,
            guardians::email,
        ))
        .first(&mut conn)
        .expect("a demo guardian with an e-mail");
    (id, name, email.expect("an e-mail"))
}

/// A Northwind student the office has just enrolled, written as the family writes it: their id.
fn enrol(app: &TestApp, first: &str, last: &str, number: &str, phone: Option<&str>) -> Uuid {
    let mut conn = app.conn();
    let org = organization(&mut conn, "Northwind Academy");
    let campus: Uuid = campuses::table
        .filter(campuses::organization_id.eq(org))
        .order(campuses::name)
        .select(campuses::id)
        .first(&mut conn)
        .expect("a Northwind campus");
    diesel::insert_into(students::table)
        .values((
            students::organization_id.eq(org),
            students::campus_id.eq(campus),
            students::first_name.eq(first),
            students::last_name.eq(last),
            students::student_number.eq(number),
            students::phone.eq(phone),
            students::status.eq(StudentStatus::Active),
        ))
        .returning(students::id)
        .get_result(&mut conn)
        .expect("enrol a student")
}

/// The students list searched for `q`, as the office's list page shows it.
async fn students_list(app: &TestApp, client: &reqwest::Client, q: &str) -> String {
    let response = client
        .get(app.url("/students"))
        .query(&[("q", q)])
        .send()
        .await
        .expect("students list");
    assert_eq!(response.status(), 200, "{q}");
    response.text().await.expect("list")
}

/// The choices a student picker offers as the user types `q`.
async fn student_picker(app: &TestApp, client: &reqwest::Client, q: &str) -> String {
    let response = client
        .get(app.url("/students/options"))
        .query(&[("q", q)])
        .header("HX-Request", "true")
        .send()
        .await
        .expect("picker");
    assert_eq!(response.status(), 200, "{q}");
    response.text().await.expect("options")
}

/// Where `needle` first appears in `html`, for comparing the order of results.
fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} is not shown: {html}"))
}

async fn search(app: &TestApp, client: &reqwest::Client, q: &str) -> String {
    let response = client
        .get(app.url("/search"))
        .query(&[("q", q)])
        .send()
        .await
        .expect("search");
    assert_eq!(response.status(), 200, "{q}");
    response.text().await.expect("page")
}

/// What the header's box shows as the user types (htmx asks for the fragment).
async fn dropdown(app: &TestApp, client: &reqwest::Client, q: &str) -> String {
    let response = client
        .get(app.url("/search"))
        .query(&[("q", q)])
        .header("HX-Request", "true")
        .send()
        .await
        .expect("search");
    assert_eq!(response.status(), 200, "{q}");
    response.text().await.expect("fragment")
}

#[actix_web::test]
async fn administrator_finds_a_student_by_part_of_the_last_name_and_by_number() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (id, first, last, number) = a_student(&app);
    let link = format!("href=\"/students/{id}/profile\"");

    let home = app.page(&admin, "/").await;
    assert!(
        home.contains("hx-get=\"/search\""),
        "the header has the box"
    );

    let part: String = last.chars().skip(1).take(4).collect();
    let typed = dropdown(&app, &admin, &format!("{first} {part}")).await;
    assert!(!typed.contains("<html"), "only the list");
    assert!(typed.contains(&link), "found by name: {typed}");
    assert!(typed.contains("All results for"));

    let by_number = search(&app, &admin, &number).await;
    assert!(
        by_number.contains("<html"),
        "a whole page without JavaScript"
    );
    assert!(by_number.contains(&link), "found by number");
    assert!(by_number.contains(&number));

    let nobody = search(&app, &admin, "zzqxv").await;
    assert!(nobody.contains("No one matches “zzqxv”."));
}

#[actix_web::test]
async fn administrator_finds_a_guardian_by_email() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (id, name, email) = a_guardian_with_email(&app);
    let found = dropdown(&app, &admin, &email.to_uppercase()).await;
    assert!(
        found.contains(&format!("href=\"/guardian-people/{id}\"")),
        "{found}"
    );
    assert!(found.contains(&name));
    assert!(found.contains("Guardians"));
}

#[actix_web::test]
async fn people_the_user_may_not_read_stay_out_of_the_results() {
    let app = spawn_app().await;
    let (_, name, email) = a_guardian_with_email(&app);
    // The accountant reads students and guardians but not staff.
    let staff_email: String = {
        let mut conn = app.conn();
        let org = organization(&mut conn, "Northwind Academy");
        staff::table
            .filter(staff::organization_id.eq(org))
            .filter(staff::email.is_not_null())
            .select(staff::email.assume_not_null())
            .first(&mut conn)
            .expect("a staff e-mail")
    };
    let accountant = app.signed_in(DemoUser::Accountant).await;
    assert!(search(&app, &accountant, &email).await.contains(&name));
    let staff_search = search(&app, &accountant, &staff_email).await;
    assert!(!staff_search.contains("href=\"/staff/"), "no staff");

    // A school that takes READ_GUARDIANS away from its teachers.
    {
        let mut conn = app.conn();
        let teacher_role: Uuid = roles::table
            .filter(roles::name.eq("Teacher"))
            .select(roles::id)
            .first(&mut conn)
            .expect("teacher role");
        let read_guardians: Uuid = permissions::table
            .filter(permissions::name.eq("READ_GUARDIANS"))
            .select(permissions::id)
            .first(&mut conn)
            .expect("permission");
        let changed = diesel::update(
            roles_permissions::table
                .filter(roles_permissions::role_id.eq(teacher_role))
                .filter(roles_permissions::permission_id.eq(read_guardians)),
        )
        .set(roles_permissions::deleted_at.eq(chrono::Utc::now()))
        .execute(&mut conn)
        .expect("revoke");
        assert_eq!(changed, 1);
    }
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let found = dropdown(&app, &teacher, &email).await;
    assert!(!found.contains("href=\"/guardian-people/"), "{found}");
    assert!(found.contains("No one matches"));
    let (id, _, _, number) = a_student(&app);
    assert!(
        dropdown(&app, &teacher, &number)
            .await
            .contains(&format!("href=\"/students/{id}/profile\"")),
        "students still found"
    );
}

#[actix_web::test]
async fn riverside_does_not_find_northwind_students() {
    let app = spawn_app().await;
    let (id, _, last, number) = a_student(&app);
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    for q in [number.as_str(), last.as_str()] {
        let found = search(&app, &riverside, q).await;
        assert!(!found.contains(&id.to_string()), "{q}");
    }
    let found = search(&app, &riverside, &number).await;
    assert!(found.contains("No one matches"));
}

#[actix_web::test]
async fn hostile_or_short_queries_answer_with_a_message() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    assert!(
        search(&app, &admin, "a")
            .await
            .contains("Type at least 2 letters")
    );
    for q in ["%", "_%_", "' OR 1=1 --", "<script>alert(1)</script>", "\\"] {
        let page = search(&app, &admin, q).await;
        assert!(!page.contains("<script>alert(1)</script>"), "escaped");
        assert!(
            page.contains("No one matches") || page.contains("Type at least"),
            "{q}"
        );
    }
    let long = "x".repeat(5000);
    assert!(search(&app, &admin, &long).await.contains("No one matches"));
}

#[actix_web::test]
async fn office_finds_a_student_from_the_header_on_a_tablet_and_a_phone() {
    use crate::browser::{
        PHONE, TABLET, assert_no_sideways_scrolling, browser, screenshot, sign_in_with_the_form,
        start_driver,
    };
    use fantoccini::Locator;

    let app = spawn_app().await;
    let (student, last) = crate::files::a_student(&app, "Northwind Academy");
    let admin = app.signed_in(DemoUser::Admin).await;
    let photo = crate::files::png(320, 320);
    let uploaded =
        crate::files::upload(&app, &admin, "students", student, "portrait.png", &photo).await;
    assert_eq!(uploaded.status(), 303);

    let driver = start_driver();
    let client = browser(&driver, TABLET).await;
    client
        .goto(&app.url("/login"))
        .await
        .expect("open Homeroom");
    sign_in_with_the_form(&client, "office@northwind.test").await;
    let search_box = client
        .wait()
        .for_element(Locator::Css("#people-search-q"))
        .await
        .expect("the header's search box");
    search_box.send_keys(&last).await.expect("type a name");
    let hit = client
        .wait()
        .for_element(Locator::Css("#people-search-results .search-hit"))
        .await
        .expect("people found as the user types");
    assert!(
        hit.attr("href")
            .await
            .expect("link")
            .is_some_and(|h| h.starts_with("/students/") || h.starts_with("/guardian-people/"))
    );
    client
        .wait()
        .for_element(Locator::Css("#people-search-results img.search-photo"))
        .await
        .expect("the student's photo in the list");
    screenshot(&client, "people-search-tablet").await;

    let files_page = format!("/files?entity_type=students&entity_id={student}");
    open(&client, &app.url(&files_page), ".file-thumb img").await;
    screenshot(&client, "student-photo-tablet").await;

    client
        .set_window_size(PHONE.0, PHONE.1)
        .await
        .expect("phone size");
    for (path, ready, name) in [
        (
            format!("/search?q={last}"),
            ".search-hit",
            "people-search-phone",
        ),
        (files_page.clone(), ".file-thumb img", "student-photo-phone"),
    ] {
        client.goto(&app.url(&path)).await.expect("open the page");
        client
            .wait()
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, &path).await;
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn searching_nguyen_finds_nguyen_with_its_accents() {
    let app = spawn_app().await;
    let zoe = enrol(&app, "Zoë", "Nguyễn-Østergaard", "NW-Z-0001", None);
    let admin = app.signed_in(DemoUser::Admin).await;
    let link = format!("href=\"/students/{zoe}/profile\"");
    let option = format!("value=\"{zoe}\"");
    for q in ["nguyen", "zoe", "ZOE NGUYEN", "ostergaard", "Nguyễn"] {
        let found = dropdown(&app, &admin, q).await;
        assert!(found.contains(&link), "the header finds {q:?}: {found}");
        assert!(
            found.contains("Zoë Nguyễn-Østergaard"),
            "written as the family writes it"
        );
        assert!(
            search(&app, &admin, q).await.contains(&link),
            "the search page finds {q:?}"
        );
        assert!(
            students_list(&app, &admin, q).await.contains(&link),
            "the students list finds {q:?}"
        );
        assert!(
            student_picker(&app, &admin, q).await.contains(&option),
            "the student picker offers {q:?}"
        );
    }
    let nobody = students_list(&app, &admin, "nguyenx").await;
    assert!(!nobody.contains(&link), "every letter still counts");
}

#[actix_web::test]
async fn a_one_character_chinese_surname_finds_its_students() {
    let app = spawn_app().await;
    let wei = enrol(&app, "伟", "王", "NW-W-0001", None);
    let admin = app.signed_in(DemoUser::Admin).await;
    let link = format!("href=\"/students/{wei}/profile\"");
    let found = dropdown(&app, &admin, "王").await;
    assert!(found.contains(&link), "the header finds 王: {found}");
    assert!(!found.contains("Type at least"));
    assert!(search(&app, &admin, "王").await.contains(&link));
    assert!(students_list(&app, &admin, "王").await.contains(&link));
    assert!(
        student_picker(&app, &admin, "王")
            .await
            .contains(&format!("value=\"{wei}\""))
    );
    // One Latin letter still matches too much to be a search.
    assert!(
        search(&app, &admin, "w")
            .await
            .contains("Type at least 2 letters")
    );
}

#[actix_web::test]
async fn a_student_number_typed_whole_comes_first() {
    let app = spawn_app().await;
    // Two students whose numbers start with the typed one, and whose names sort first.
    let longer = enrol(&app, "Abel", "Aabye", "NW-7700-1", None);
    let other = enrol(&app, "Abla", "Aabye", "NW-7700-2", None);
    let typed = enrol(&app, "Yara", "Zylstra", "NW-7700", None);
    let admin = app.signed_in(DemoUser::Admin).await;
    let link = |id: Uuid| format!("href=\"/students/{id}/profile\"");
    for (page, html) in [
        ("header", dropdown(&app, &admin, "nw-7700").await),
        ("search page", search(&app, &admin, "NW-7700").await),
        (
            "students list",
            students_list(&app, &admin, "NW-7700").await,
        ),
    ] {
        let first = position(&html, &link(typed));
        assert!(
            first < position(&html, &link(longer)) && first < position(&html, &link(other)),
            "the {page} shows NW-7700 first"
        );
    }
    let picker = student_picker(&app, &admin, "NW-7700").await;
    let option = |id: Uuid| format!("value=\"{id}\"");
    assert!(position(&picker, &option(typed)) < position(&picker, &option(longer)));

    // A phone number typed whole, as stored or with spaces for its dashes.
    let called = enrol(
        &app,
        "Yusuf",
        "Zylberg",
        "NW-7701",
        Some("+44 20 7946-0018"),
    );
    let neighbour = enrol(&app, "Abdi", "Aabye", "NW-7702", Some("+44 20 7946-00181"));
    for q in ["+44 20 7946-0018", "+44 20 7946 0018"] {
        let html = search(&app, &admin, q).await;
        assert!(
            position(&html, &link(called)) < position(&html, &link(neighbour)),
            "{q} finds the exact phone first"
        );
    }
}

//! What the engine promises beyond the happy path: bad input comes back with the
//! user's values, a stale edit shows both versions, parents with children stay,
//! and deleting a student takes their guardians to the trash and back.

use super::{form_fields, id_of, value_of, with};
use crate::common::{DemoUser, count, expect_page, spawn_app};

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

#[actix_web::test]
async fn office_sees_each_bad_field_explained_and_keeps_what_they_typed() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    let before = count(&mut app.conn(), "students");
    let response = app
        .submit(
            &office,
            "/students/new",
            "/students",
            &[
                ("first_name", "Marisol"),
                ("last_name", ""),
                ("date_of_birth", "31/02/2014"),
                ("status", "expelled"),
                ("email", "not-an-address"),
                ("campus_id__q", "Atlantis Campus"),
            ],
        )
        .await;
    let html = expect_page(response, 422, "value=\"Marisol\"").await;
    for message in [
        "Enter the last name.",
        "as a date like 2026-09-01",
        "Choose one of: Applicant",
        "Enter an e-mail address like name@school.org.",
        "No campus “Atlantis Campus” here.",
    ] {
        assert!(html.contains(message), "the form says {message:?}");
    }
    assert!(
        html.contains("value=\"31/02/2014\""),
        "the typed date is kept"
    );
    assert_eq!(
        count(&mut app.conn(), "students"),
        before,
        "nothing was stored"
    );
}

#[actix_web::test]
async fn a_stale_edit_shows_both_versions_and_keeps_the_users_input() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = id_of(
        &mut app.conn(),
        &format!("SELECT id FROM students WHERE organization_id = {NW} ORDER BY id LIMIT 1"),
    );
    let record = format!("/students/{id}");
    let mine = with(
        form_fields(&app, &admin, &format!("{record}/edit"), &record).await,
        "phone",
        "+1 555 0123",
    );
    // Someone else saves first.
    diesel::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "UPDATE students SET phone = '+1 555 0999' WHERE id = '{id}'"
        )),
        &mut app.conn(),
    )
    .expect("a concurrent change");
    let response = admin
        .post(app.url(&record))
        .form(&mine)
        .send()
        .await
        .expect("POST");
    let html = expect_page(response, 409, "changed this student while you were editing").await;
    assert!(html.contains("+1 555 0999"), "their version is shown");
    assert!(
        html.contains("value=\"+1 555 0123\""),
        "my input is kept in the form"
    );
    let stored = value_of(
        &mut app.conn(),
        &format!("SELECT phone AS value FROM students WHERE id = '{id}'"),
    );
    assert_eq!(
        stored.as_deref(),
        Some("+1 555 0999"),
        "nothing was overwritten"
    );

    // Saving again, having seen both, keeps mine.
    let doc = scraper::Html::parse_document(&html);
    let stamp = scraper::Selector::parse("input[name=updated_at]").expect("selector");
    let fresh = doc
        .select(&stamp)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a fresh stamp")
        .to_owned();
    let resubmit = with(mine, "updated_at", &fresh);
    let response = admin
        .post(app.url(&record))
        .form(&resubmit)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303);
    let stored = value_of(
        &mut app.conn(),
        &format!("SELECT phone AS value FROM students WHERE id = '{id}'"),
    );
    assert_eq!(stored.as_deref(), Some("+1 555 0123"));
}

#[actix_web::test]
async fn a_campus_with_students_is_not_deleted_and_says_why() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT campus_id AS id FROM students WHERE organization_id = {NW} GROUP BY campus_id ORDER BY count(*) DESC LIMIT 1"
        ),
    );
    let students = value_of(
        &mut app.conn(),
        &format!("SELECT count(*)::text AS value FROM students WHERE campus_id = '{id}' AND deleted_at IS NULL"),
    )
    .expect("a count");
    let page = app.page(&admin, &format!("/campuses/{id}/delete")).await;
    assert!(
        page.contains(&format!("This campus still has {students} students")),
        "{page}"
    );
    let response = app
        .submit(&admin, "/", &format!("/campuses/{id}/delete"), &[])
        .await;
    expect_page(response, 409, "Move them elsewhere or delete them first.").await;
    let deleted = value_of(
        &mut app.conn(),
        &format!("SELECT deleted_at::text AS value FROM campuses WHERE id = '{id}'"),
    );
    assert_eq!(deleted, None, "the campus stays");
}

#[actix_web::test]
async fn deleting_a_student_takes_their_guardians_along_and_restoring_brings_them_back() {
    let app = spawn_app().await;
    let office = app.signed_in(DemoUser::Office).await;
    // Marks, results and invoices keep a student from being deleted; guardians go along.
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT g.student_id AS id FROM guardians g WHERE g.organization_id = {NW} \
             AND g.deleted_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM attendance_records r WHERE r.student_id = g.student_id AND r.deleted_at IS NULL) \
             AND NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.student_id = g.student_id AND r.deleted_at IS NULL) \
             AND NOT EXISTS (SELECT 1 FROM invoices r WHERE r.student_id = g.student_id AND r.deleted_at IS NULL) \
             LIMIT 1"
        ),
    );
    let live = |conn: &mut diesel::PgConnection| {
        value_of(
            conn,
            &format!(
                "SELECT count(*)::text AS value FROM guardians WHERE student_id = '{id}' AND deleted_at IS NULL"
            ),
        )
    };
    let guardians = live(&mut app.conn());
    let page = app.page(&office, &format!("/students/{id}/delete")).await;
    assert!(
        page.contains("will be deleted with it"),
        "the page warns what goes along"
    );
    let response = app
        .submit(&office, "/", &format!("/students/{id}/delete"), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        live(&mut app.conn()).as_deref(),
        Some("0"),
        "the guardians went too"
    );
    let response = app
        .submit(&office, "/", &format!("/students/{id}/restore"), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        live(&mut app.conn()),
        guardians,
        "and came back with the student"
    );
}

#[actix_web::test]
async fn a_record_page_shows_related_records_in_tabs() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT student_id AS id FROM guardians WHERE organization_id = {NW} AND deleted_at IS NULL LIMIT 1"
        ),
    );
    let name = value_of(
        &mut app.conn(),
        &format!("SELECT full_name AS value FROM guardians WHERE student_id = '{id}' AND deleted_at IS NULL LIMIT 1"),
    )
    .expect("a guardian's name");
    let page = app
        .page(&director, &format!("/students/{id}?tab=guardians"))
        .await;
    assert!(page.contains(&name), "the guardians tab lists {name}");
    assert!(
        page.contains("Class enrolments"),
        "the enrolments tab is offered"
    );
    // htmx asks for the tab alone.
    let fragment = director
        .get(app.url(&format!("/students/{id}?tab=class_enrollments")))
        .header("HX-Request", "true")
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("fragment");
    assert!(
        fragment.contains("id=\"tab-panel\"") && !fragment.contains("<html"),
        "{fragment}"
    );
    // A director reads but does not edit.
    assert!(!page.contains(&format!("/students/{id}/edit")));
}

#[actix_web::test]
async fn the_records_page_lists_what_the_role_may_read() {
    let app = spawn_app().await;
    let accountant = app.signed_in(DemoUser::Accountant).await;
    let page = app.page(&accountant, "/records").await;
    assert!(page.contains("href=\"/students\""));
    assert!(
        !page.contains("href=\"/staff\""),
        "accountants do not read staff records"
    );
    assert_eq!(app.get(&accountant, "/staff").await.status(), 403);
}

#[actix_web::test]
async fn the_student_list_is_searched_filtered_sorted_and_paged_in_the_address() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&admin, "/students").await;
    assert!(
        page.contains("page=2"),
        "600 students take more than one page"
    );
    assert!(
        page.contains("hx-push-url=\"true\""),
        "htmx keeps the address"
    );
    let last = value_of(
        &mut app.conn(),
        &format!("SELECT last_name AS value FROM students WHERE organization_id = {NW} ORDER BY last_name DESC LIMIT 1"),
    )
    .expect("a name");
    let sorted = app.page(&admin, "/students?sort=-last_name").await;
    let first_row = sorted.split("<tbody>").nth(1).expect("rows");
    assert!(first_row[..first_row.find("</tr>").expect("a row")].contains(&last));
    let fragment = admin
        .get(app.url("/students?q=zzzznobody"))
        .header("HX-Request", "true")
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("fragment");
    assert!(
        fragment.contains("No students match"),
        "an empty search says what to do"
    );
    assert!(!fragment.contains("<html"), "htmx gets the table alone");
}

/// The record ids a list page shows, in its order.
fn listed_ids(html: &str, base: &str) -> Vec<String> {
    let rows = html.split("<tbody>").nth(1).unwrap_or_default();
    let rows = &rows[..rows.find("</tbody>").unwrap_or(rows.len())];
    let mut ids: Vec<String> = Vec::new();
    for piece in rows.split(&format!("href=\"{base}/")).skip(1) {
        let id: String = piece
            .chars()
            .take_while(|c| *c != '"' && *c != '/')
            .collect();
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
    ids
}

#[actix_web::test]
async fn lists_sort_by_a_related_record_as_that_record_sorts() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let ids = |sql: String| -> String {
        value_of(
            &mut app.conn(),
            &format!(
                "SELECT string_agg(id::text, ',' ORDER BY n) AS value FROM ({sql}) o WHERE n <= 50"
            ),
        )
        .expect("rows")
    };
    // Class subjects: by class (its grade, then its name), then by subject.
    let by_class_then_subject = ids(format!(
        "SELECT cs.id, row_number() OVER (ORDER BY g.sort_order, g.name, c.name, c.section, \
           s.name, cs.id) AS n \
         FROM class_subjects cs JOIN classes c ON c.id = cs.class_id \
         LEFT JOIN grades g ON g.id = c.grade_id JOIN subjects s ON s.id = cs.subject_id \
         WHERE cs.organization_id = {NW} AND cs.deleted_at IS NULL"
    ));
    let listed = listed_ids(
        &app.page(&admin, "/class-subjects").await,
        "/class-subjects",
    );
    assert_eq!(
        listed.join(","),
        by_class_then_subject,
        "the youngest grade's first class first, its subjects by name"
    );
    let options = app.page(&admin, "/class-subjects/options").await;
    let first = options
        .split("<option value=\"")
        .filter_map(|o| o.split('"').next())
        .find(|v| !v.is_empty())
        .expect("an option")
        .to_owned();
    assert_eq!(
        Some(first.as_str()),
        by_class_then_subject.split(',').next(),
        "a picker starts where the list does"
    );

    // Classes sorted by their grade, either way: the grade's own order.
    for (sort, direction) in [("grade_id", "ASC"), ("-grade_id", "DESC NULLS LAST")] {
        let expected = ids(format!(
            "SELECT c.id, row_number() OVER (ORDER BY g.sort_order {direction}, \
               g.name {direction}, c.id) AS n \
             FROM classes c LEFT JOIN grades g ON g.id = c.grade_id \
             WHERE c.organization_id = {NW} AND c.deleted_at IS NULL"
        ));
        let listed = listed_ids(
            &app.page(&admin, &format!("/classes?sort={sort}")).await,
            "/classes",
        );
        assert_eq!(listed.join(","), expected, "classes by grade, {direction}");
    }
}

#[actix_web::test]
async fn writes_outside_the_record_pages_are_audited_too() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let seeded = value_of(
        &mut conn,
        "SELECT count(*)::text AS value FROM audit_log WHERE table_name = 'attendance_records' AND action = 'create'",
    )
    .expect("a count");
    assert_ne!(seeded, "0", "the demo seed's roll calls are in the trail");

    // A workflow's write: a transaction acting for a teacher, as a roll call does.
    let teacher = id_of(
        &mut conn,
        "SELECT id FROM users WHERE email = 'teacher@northwind.test'",
    );
    let org = super::northwind_id(&mut conn);
    let student = id_of(
        &mut conn,
        &format!("SELECT id FROM students WHERE organization_id = {NW} ORDER BY id LIMIT 1"),
    );
    diesel::Connection::transaction::<_, diesel::result::Error, _>(&mut *conn, |conn| {
        homeroom::db::enter(conn, &homeroom::db::Actor::system(org))?;
        homeroom::resources::audit::act_as(conn, teacher.parse().expect("uuid"))?;
        diesel::RunQueryDsl::execute(
            diesel::sql_query(format!(
                "UPDATE students SET phone = '+1 555 042' WHERE id = '{student}'"
            )),
            conn,
        )?;
        Ok(())
    })
    .expect("a workflow write");
    let entry = value_of(
        &mut conn,
        &format!(
            "SELECT a.action || ' by ' || u.email || ': ' || (a.changes -> 'phone' ->> 'to') AS value \
             FROM audit_log a JOIN users u ON u.id = a.user_id \
             WHERE a.row_id = '{student}' ORDER BY a.created_at DESC LIMIT 1"
        ),
    );
    assert_eq!(
        entry.as_deref(),
        Some("update by teacher@northwind.test: +1 555 042")
    );
}

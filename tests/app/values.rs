//! Values as the school reads them on every page: relations by name, choices by
//! label, one date format, money in the school's currency, grades in their order,
//! classes named once, class subjects with their class, counts in good English,
//! and filters that ask for a name instead of listing every record.

use chrono::NaiveDate;

use crate::common::{DemoUser, csrf_token, expect_page, spawn_app};
use crate::resources::csv::send_upload;
use crate::resources::{created_id, id_of, value_of};

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

/// The texts of the elements `selector` picks, in page order.
fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Messages are written on their own page now (their record pages only read), so a
/// staff member's record shows the history: a relation and a choice, both named.
#[actix_web::test]
async fn history_names_the_campus_and_labels_the_choice() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let campus = id_of(
        &mut app.conn(),
        &format!("SELECT id FROM campuses WHERE organization_id = {NW} AND name = 'North Campus'"),
    );
    let created = app
        .submit(
            &admin,
            "/staff/new",
            "/staff",
            &[
                ("first_name", "Marta"),
                ("last_name", "Quiroga"),
                ("staff_type", "administrator"),
                ("campus_id", &campus),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let id = created_id(&created, "/staff");
    let page = app.page(&admin, &format!("/staff/{id}")).await;
    let history = texts(&page, ".history-list .changes li");
    assert!(
        history.contains(&"Campus: North Campus".to_owned()),
        "{history:?}"
    );
    assert!(
        history.contains(&"Staff type: Administrator".to_owned()),
        "{history:?}"
    );
    assert!(
        !history
            .iter()
            .any(|h| h.contains(&campus) || h.contains("administrator")),
        "no stored ids or values: {history:?}"
    );
}

#[actix_web::test]
async fn a_students_list_and_page_show_the_same_human_date() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let number = value_of(
        &mut app.conn(),
        &format!(
            "SELECT student_number AS value FROM students WHERE organization_id = {NW} \
             AND enrollment_date IS NOT NULL ORDER BY student_number LIMIT 1"
        ),
    )
    .expect("a student number");
    let iso = value_of(
        &mut app.conn(),
        &format!(
            "SELECT enrollment_date::text AS value FROM students WHERE student_number = '{number}'"
        ),
    )
    .expect("an enrolment date");
    let human = NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
        .expect("a date")
        .format("%-d %b %Y")
        .to_string();
    let id = id_of(
        &mut app.conn(),
        &format!("SELECT id FROM students WHERE student_number = '{number}'"),
    );
    let list = app.page(&admin, &format!("/students?q={number}")).await;
    let cells = texts(&list, "table.records td");
    assert!(cells.contains(&human), "the list says {human}: {cells:?}");
    let page = app.page(&admin, &format!("/students/{id}")).await;
    assert!(page.contains(&human), "the record page says {human}");
    assert!(!page.contains(&iso), "the record page does not say {iso}");
    assert!(!list.contains(&iso), "the list does not say {iso}");
}

#[actix_web::test]
async fn the_invoice_list_shows_the_school_currency_and_stays_small() {
    let app = spawn_app().await;
    let accounts = app.signed_in(DemoUser::Accountant).await;
    let response = app.get(&accounts, "/invoices").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("the list");
    let options = html.matches("<option").count();
    assert!(options <= 100, "{options} options in the filters");
    assert!(
        html.len() < 40_000,
        "the invoice list is {} bytes",
        html.len()
    );
    let totals = texts(&html, "table.records td");
    assert!(
        totals
            .iter()
            .any(|t| t.starts_with('$') && t.ends_with(".00")),
        "amounts in dollars: {totals:?}"
    );
    // A school that counts in euros sees euros, on the list and the dashboard.
    diesel::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "UPDATE organizations SET currency = 'EUR' WHERE id = {NW}"
        )),
        &mut app.conn(),
    )
    .expect("currency");
    let html = app.page(&accounts, "/invoices").await;
    let totals = texts(&html, "table.records td");
    assert!(totals.iter().any(|t| t.starts_with('€')), "{totals:?}");
    let dashboard = app.page(&accounts, "/").await;
    let stats = texts(&dashboard, ".stat .value");
    assert!(
        stats.iter().any(|s| s.starts_with('€') && s.contains(',')),
        "fees outstanding in euros: {stats:?}"
    );
}

#[actix_web::test]
async fn grades_and_classes_list_in_the_grades_real_order() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let numbered = |names: Vec<String>| -> Vec<u32> {
        names
            .iter()
            .filter_map(|n| n.strip_prefix("Grade ")?.split(' ').next()?.parse().ok())
            .collect()
    };
    let classes = app.page(&admin, "/classes").await;
    let filter = numbered(texts(&classes, "#filter-grade_id option"));
    assert_eq!(filter, (1..=12).collect::<Vec<_>>(), "the grade filter");
    let grades = numbered(texts(
        &app.page(&admin, "/grades").await,
        "table.records td a",
    ));
    assert_eq!(grades, (1..=12).collect::<Vec<_>>(), "the grades list");
    let listed = numbered(texts(&classes, "table.records td a strong"));
    let mut sorted = listed.clone();
    sorted.sort();
    assert!(listed.len() > 12, "{listed:?}");
    assert_eq!(listed, sorted, "classes by grade");
    let picker = app.page(&admin, "/classes/new").await;
    let offered = numbered(texts(&picker, "#grade_id option"));
    assert_eq!(
        offered,
        (1..=12).collect::<Vec<_>>(),
        "the form's grade picker"
    );
}

#[actix_web::test]
async fn a_class_reads_its_name_once_and_lists_show_one_name_column() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let classes = app.page(&admin, "/classes?q=Grade 3").await;
    let names = texts(&classes, "table.records td a strong");
    assert!(names.contains(&"Grade 3 A".to_owned()), "{names:?}");
    assert!(
        !classes.contains("Grade 3 A A"),
        "the section is not repeated"
    );
    let headers = texts(&classes, "table.records th");
    assert_eq!(
        headers.iter().filter(|h| *h == "Name").count(),
        1,
        "{headers:?}"
    );
    let students = app.page(&admin, "/students").await;
    let headers = texts(&students, "table.records th");
    assert_eq!(headers.first().map(String::as_str), Some("Name"));
    assert!(
        !headers
            .iter()
            .any(|h| h == "First name" || h == "Last name"),
        "{headers:?}"
    );
    assert!(
        students.contains("href=\"/students?sort=last_name\""),
        "the name column sorts by last name"
    );
}

#[actix_web::test]
async fn a_class_subject_is_labelled_with_its_class() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let list = app.page(&admin, "/class-subjects?q=Grade 3 A").await;
    let names = texts(&list, "table.records td a strong");
    assert!(names.iter().any(|n| n == "Grade 3 A · Music"), "{names:?}");
    let options = app
        .page(&admin, "/class-subjects/options?q=Grade 3 A Music")
        .await;
    assert!(options.contains(">Grade 3 A · Music<"), "{options}");
    // The assessments' filter asks for a name rather than listing every class subject.
    let assessments = app.page(&admin, "/assessments").await;
    assert!(
        assessments.contains("name=\"class_subject_id__q\""),
        "the filter is a type-ahead"
    );
    let offered = texts(&assessments, "#filter-class_subject_id option");
    assert!(offered.len() <= 26, "{} choices", offered.len());
    assert!(
        offered.iter().skip(1).all(|o| o.contains(" · ")),
        "{offered:?}"
    );
}

#[actix_web::test]
async fn an_import_with_one_good_row_says_so_in_the_singular_and_hides_the_token() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let csv = "student_number,first_name,last_name,campus_id,status\r\n\
               NW-990001,Ada,Quince,North Campus,active\r\n\
               NW-990002,Bo,Quince,Nowhere Campus,active\r\n";
    let form = app.page(&admin, "/students/import").await;
    let token = csrf_token(&form).expect("token");
    let uploaded = send_upload(&app, &admin, "/students", csv).await;
    assert_eq!(uploaded.status(), 303, "the preview has its own address");
    let location = uploaded.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(!location.contains(&token), "{location}");
    let preview = expect_page(
        app.get(&admin, &location).await,
        200,
        "Import the 1 good row and",
    )
    .await;
    assert!(preview.contains("2 rows, 1 with problems"), "{preview}");
    assert!(!preview.contains("1 good rows"));
}

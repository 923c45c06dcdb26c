//! Report cards: a class's cards hold each student's subjects, averages, comments
//! and days on the roll; issued cards keep what they showed; the server's PDF, the
//! term results grid and its CSV; and the pages in Spanish.

use diesel::prelude::*;
use diesel::sql_types::{Date, Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::{Book, assessment, fill_class, post_cell, set_aside_demo_assessments, teachers_book};
use crate::common::fixtures::school_today;
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app};

/// The subject's name of a gradebook, and its teacher's.
fn subject_of(app: &TestApp, book: &Book) -> (String, String) {
    #[derive(QueryableByName)]
    struct Names {
        #[diesel(sql_type = Text)]
        subject: String,
        #[diesel(sql_type = Text)]
        teacher: String,
    }
    let row: Names = diesel::sql_query(
        "SELECT s.name AS subject, concat_ws(' ', t.first_name, t.last_name) AS teacher
         FROM class_subjects cs JOIN subjects s ON s.id = cs.subject_id
         JOIN staff t ON t.id = cs.teacher_id WHERE cs.id = $1",
    )
    .bind::<SqlUuid, _>(book.id)
    .get_result(&mut app.conn())
    .expect("the subject");
    (row.subject, row.teacher)
}

/// Quizzes alone count in the class subject's averages (weights 100 % quiz).
fn quizzes_only(app: &TestApp, book: &Book) {
    diesel::sql_query(
        "INSERT INTO assessment_weights (organization_id, class_subject_id, assessment_type, weight_percent)
         VALUES ($1, $2, 'quiz', 100)",
    )
    .bind::<SqlUuid, _>(book.org)
    .bind::<SqlUuid, _>(book.id)
    .execute(&mut app.conn())
    .expect("weights");
}

/// Names a student so the test can find them on the cards.
fn rename(app: &TestApp, student: Uuid, first: &str, last: &str) {
    diesel::sql_query("UPDATE students SET first_name = $1, last_name = $2 WHERE id = $3")
        .bind::<Text, _>(first)
        .bind::<Text, _>(last)
        .bind::<SqlUuid, _>(student)
        .execute(&mut app.conn())
        .expect("rename");
}

/// Marks a student on three of the class's daily rolls of the term: present, late
/// and absent (their only marks: the student is new to the class).
fn mark_three_days(app: &TestApp, book: &Book, student: Uuid) {
    let mut conn = app.conn();
    let today = school_today(&mut conn, book.org);
    #[derive(QueryableByName)]
    struct Session {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let sessions: Vec<Session> = diesel::sql_query(
        "SELECT s.id FROM attendance_sessions s JOIN academic_terms t ON t.id = $2
         WHERE s.class_id = $1 AND s.session_type = 'daily' AND s.deleted_at IS NULL
           AND s.session_date BETWEEN t.starts_on AND LEAST(t.ends_on, $3)
         ORDER BY s.session_date DESC LIMIT 3",
    )
    .bind::<SqlUuid, _>(book.class)
    .bind::<SqlUuid, _>(book.term)
    .bind::<Date, _>(today)
    .load(&mut conn)
    .expect("daily rolls");
    assert_eq!(
        sessions.len(),
        3,
        "the demo class has daily rolls this term"
    );
    for (session, status) in sessions.iter().zip(["present", "late", "absent"]) {
        diesel::sql_query(
            "INSERT INTO attendance_records (organization_id, attendance_session_id, student_id, status)
             VALUES ($1, $2, $3, $4::attendance_status)",
        )
        .bind::<SqlUuid, _>(book.org)
        .bind::<SqlUuid, _>(session.id)
        .bind::<SqlUuid, _>(student)
        .bind::<Text, _>(status)
        .execute(&mut conn)
        .expect("a mark");
    }
}

/// Posts a form with the page's CSRF token.
async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    (page, action): (&str, &str),
    fields: &[(String, String)],
) -> reqwest::Response {
    let html = app.page(client, page).await;
    let mut form = fields.to_vec();
    form.push(("csrf_token".into(), csrf_token(&html).expect("token")));
    client
        .post(app.url(action))
        .form(&form)
        .send()
        .await
        .expect("POST")
}

/// The text of the card of `student` on the cards page, cells split by " | ".
fn card_text(html: &str, student: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("article.rc-card").expect("selector");
    let cell = scraper::Selector::parse("p, h2, h3, th, td").expect("selector");
    doc.select(&selector)
        .find(|card| card.value().attr("aria-label") == Some(student))
        .map(|card| {
            card.select(&cell)
                .map(|e| e.text().collect::<String>().trim().to_owned())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_else(|| panic!("a card for {student}"))
}

/// A class set up for its cards: two quizzes (and a draft that must not count) with
/// scores for a new student, "Zoë Núñez", marked on three daily rolls.
struct Setup {
    book: Book,
    student: Uuid,
    subject: String,
    teacher: String,
    quizzes: [Uuid; 2],
}

async fn class_with_scores(app: &TestApp, teacher: &reqwest::Client) -> Setup {
    let book = teachers_book(app);
    set_aside_demo_assessments(app, &book);
    quizzes_only(app, &book);
    let have = crate::common::fixtures::enrolled_students(&mut app.conn(), book.class).len();
    let student = *fill_class(app, &book, have + 1)
        .last()
        .expect("a new student");
    rename(app, student, "Zoë", "Núñez");
    mark_three_days(app, &book, student);
    let first = assessment(app, &book, ("quiz", 50, "published"));
    let second = assessment(app, &book, ("quiz", 10, "graded"));
    let draft = assessment(app, &book, ("quiz", 10, "draft"));
    for (quiz, score) in [(first, "40"), (second, "9"), (draft, "1")] {
        let (status, cell) = post_cell(app, teacher, &book, (quiz, student), score).await;
        assert_eq!(status, 200, "{cell}");
    }
    let (subject, teacher) = subject_of(app, &book);
    Setup {
        subject,
        teacher,
        book,
        student,
        quizzes: [first, second],
    }
}

#[actix_web::test]
async fn a_class_report_cards_hold_each_students_averages_comments_and_attendance() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let s = class_with_scores(&app, &teacher).await;
    let (book, term) = (&s.book, s.book.term);

    // The subject teacher's comment, from the gradebook's comment cell.
    let grid = app
        .page(&teacher, &format!("/gradebook/{}?term={term}", book.id))
        .await;
    assert!(
        grid.contains("Report card comment"),
        "the grid has the comment column"
    );
    let saved = teacher
        .post(app.url(&format!("/gradebook/{}/comments", book.id)))
        .header("HX-Request", "true")
        .form(&[
            ("csrf_token", csrf_token(&grid).expect("token").as_str()),
            ("student", &s.student.to_string()),
            ("term", &term.to_string()),
            ("comment", "Careful work in every quiz."),
        ])
        .send()
        .await
        .expect("POST a comment");
    assert_eq!(saved.status(), 200);
    assert!(saved.text().await.expect("cell").contains("Saved"));
    // The homeroom and principal comments, each from its class page.
    let cards_path = format!("/report-cards/{}", book.class);
    for (kind, text) in [
        ("homeroom", "A kind classmate."),
        ("principal", "Well done."),
    ] {
        let page = format!("{cards_path}/comments/{kind}?term={term}");
        let fields = [
            ("term".to_owned(), term.to_string()),
            (format!("comment-{}", s.student), text.to_owned()),
        ];
        let action = format!("{cards_path}/comments/{kind}");
        let response = post(&app, &admin, (&page, &action), &fields).await;
        assert_eq!(response.status(), 303, "{kind}");
    }

    let html = app.page(&admin, &format!("{cards_path}?term={term}")).await;
    let card = card_text(&html, "Zoë Núñez");
    // 40/50 and 9/10: (80 % + 90 %) / 2 = 85 %, a B; the draft does not count.
    assert!(
        card.contains(&format!(
            "| {}{} | 85.0% | B | Careful work in every quiz.",
            s.subject, s.teacher
        )),
        "{card}"
    );
    assert!(
        card.contains("Days present: 1 · late: 1 · absent: 1 · excused: 0"),
        "{card}"
    );
    assert!(card.contains("A kind classmate."), "{card}");
    assert!(card.contains("Well done."), "{card}");
    assert!(card.contains("Northwind"), "the school's name: {card}");
    let cards = html.matches("class=\"rc-card\"").count();
    let roster = crate::common::fixtures::enrolled_students(&mut app.conn(), book.class).len();
    assert_eq!(cards, roster, "one card per student");
}

#[actix_web::test]
async fn issued_report_cards_do_not_change_after_a_score_changes() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let s = class_with_scores(&app, &teacher).await;
    let term = s.book.term;
    let cards_path = format!("/report-cards/{}", s.book.class);
    let page = format!("{cards_path}?term={term}");

    // A teacher may not issue; an administrator does.
    let fields = [("term".to_owned(), term.to_string())];
    let action = format!("{cards_path}/issue");
    let refused = post(&app, &teacher, (&page, &action), &fields).await;
    assert_eq!(refused.status(), 403);
    let issued = post(&app, &admin, (&page, &action), &fields).await;
    assert_eq!(issued.status(), 303);
    let roster = crate::common::fixtures::enrolled_students(&mut app.conn(), s.book.class).len();
    assert_eq!(
        crate::common::count(&mut app.conn(), "report_cards") as usize,
        roster,
        "a stored card per student"
    );

    // The teacher lowers a score: the gradebook follows, the issued card does not.
    let (status, _) = post_cell(&app, &teacher, &s.book, (s.quizzes[0], s.student), "10").await;
    assert_eq!(status, 200);
    let html = app.page(&admin, &page).await;
    let card = card_text(&html, "Zoë Núñez");
    let line = format!("| {}{} | 85.0% | B", s.subject, s.teacher);
    assert!(card.contains(&line), "{card}");
    assert!(card.contains("Issued on"), "{card}");
    let results = app
        .page(&admin, &format!("{cards_path}/results?term={term}"))
        .await;
    assert!(
        results.contains("85.0%"),
        "the results grid shows the issued card"
    );
    // Issuing again keeps the first issue.
    let again = post(&app, &admin, (&page, &action), &fields).await;
    assert_eq!(again.status(), 303);
    let card = card_text(&app.page(&admin, &page).await, "Zoë Núñez");
    assert!(card.contains("85.0%"), "{card}");
}

/// Whether the PDF holds `text` as a text string outside its compressed streams
/// (hex UTF-16, as the outline names each student: the page text itself is glyphs
/// in compressed streams).
fn pdf_holds(bytes: &[u8], text: &str) -> bool {
    let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
    String::from_utf8_lossy(bytes).contains(&format!("<FEFF{hex}>"))
}

#[actix_web::test]
async fn the_server_pdf_of_a_class_holds_each_student() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let s = class_with_scores(&app, &teacher).await;
    let path = format!("/report-cards/{}/pdf?term={}", s.book.class, s.book.term);
    for paper in ["a4", "letter"] {
        let response = app.get(&teacher, &format!("{path}&paper={paper}")).await;
        assert_eq!(response.status(), 200, "{paper}");
        assert_eq!(
            response.headers()["content-type"].to_str().expect("type"),
            "application/pdf"
        );
        let bytes = response.bytes().await.expect("the PDF");
        assert!(bytes.starts_with(b"%PDF"), "{paper}");
        assert!(
            pdf_holds(&bytes, "Zoë Núñez"),
            "the student's name, {paper}"
        );
        let size = if paper == "a4" {
            "595.28 841.89"
        } else {
            "612 792"
        };
        assert!(
            String::from_utf8_lossy(&bytes).contains(&format!("/MediaBox [0 0 {size}]")),
            "{paper} pages"
        );
    }
    let wrong = app.get(&teacher, &format!("{path}&paper=tabloid")).await;
    assert_eq!(wrong.status(), 400);
}

#[actix_web::test]
async fn the_term_results_csv_has_a_row_per_student() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let s = class_with_scores(&app, &teacher).await;
    let path = format!(
        "/report-cards/{}/results.csv?term={}",
        s.book.class, s.book.term
    );
    let response = app.get(&teacher, &path).await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("CSV");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "Last name");
    let column = header
        .iter()
        .position(|h| h == format!("{}: average", s.subject))
        .expect("the subject's average column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let roster = crate::common::fixtures::enrolled_students(&mut app.conn(), s.book.class).len();
    assert_eq!(rows.len(), roster, "one row per student");
    let zoe = rows.iter().find(|r| &r[0] == "Núñez").expect("Zoë's row");
    assert_eq!(&zoe[column], "85.0");
    assert_eq!(&zoe[column + 1], "B");
}

#[actix_web::test]
async fn report_card_pages_speak_spanish() {
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let book = teachers_book(&app);
    let base = format!("/report-cards/{}", book.class);
    let term = book.term;
    for (path, phrase) in [
        ("/report-cards".to_owned(), "Boletines de calificaciones"),
        (
            format!("{base}?term={term}"),
            "Comentario del profesor jefe",
        ),
        (
            format!("{base}/results?term={term}"),
            "Resultados del periodo",
        ),
        (
            format!("{base}/comments/homeroom?term={term}"),
            "Guardar comentarios",
        ),
        (
            format!("{base}/comments/principal?term={term}"),
            "Comentarios de la dirección",
        ),
    ] {
        let html = app.page(&admin, &path).await;
        assert!(html.contains(phrase), "{path}: {phrase}");
    }
    let grid = app
        .page(&admin, &format!("/gradebook/{}?term={term}", book.id))
        .await;
    assert!(
        grid.contains("Comentario del boletín"),
        "the gradebook's column"
    );
}

#[actix_web::test]
async fn a_teacher_may_not_write_the_principals_comments_nor_another_class_students() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let book = teachers_book(&app);
    let term = book.term;
    let base = format!("/report-cards/{}", book.class);
    let student = crate::common::fixtures::enrolled_students(&mut app.conn(), book.class)[0];
    let page = format!("{base}/comments/principal?term={term}");
    let html = app.page(&teacher, &page).await;
    assert!(
        html.contains("only an administrator"),
        "read only for a teacher"
    );
    let fields = [
        ("term".to_owned(), term.to_string()),
        (format!("comment-{student}"), "Mine now.".to_owned()),
    ];
    let action = format!("{base}/comments/principal");
    let refused = post(&app, &teacher, (&page, &action), &fields).await;
    assert_eq!(refused.status(), 403);
    // A comment longer than 2,000 characters comes back with its message.
    let admin = app.signed_in(DemoUser::Admin).await;
    let long = [
        ("term".to_owned(), term.to_string()),
        (format!("comment-{student}"), "x".repeat(2001)),
    ];
    let refused = post(&app, &admin, (&page, &action), &long).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("A comment can be at most"), "{page}");
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let stored: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM report_card_comments WHERE body LIKE 'Mine%' OR body LIKE 'xxx%'",
    )
    .get_result(&mut app.conn())
    .expect("count");
    assert_eq!(stored.n, 0, "nothing refused was stored");
}

/// A class's cards printed by Chromium at 820 × 1180 on A4, and the server's PDF of
/// the same class, both written beside the screenshots to be looked at.
#[actix_web::test]
async fn a_class_report_cards_print_from_chromium_and_from_the_server() {
    use fantoccini::wd::{PrintConfiguration, PrintSize};
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let (_driver, client) = crate::browser::signed_in_browser(
        &app,
        crate::browser::TABLET,
        DemoUser::Admin.email(),
        "main",
    )
    .await;
    let path = format!("/report-cards/{}?term={}", book.class, book.term);
    crate::browser::open(&client, &app.url(&path), "article.rc-card").await;
    crate::browser::screenshot(&client, "report-cards-820").await;
    let config = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .background(true)
        .build()
        .expect("print settings");
    let printed = client
        .print(config)
        .await
        .expect("Chromium prints the page");
    assert!(printed.starts_with(b"%PDF"));
    let dir = crate::browser::screenshot_dir();
    std::fs::write(dir.join("report-cards-chromium.pdf"), &printed).expect("write");
    // One student per page: as many pages as cards.
    let cards = crate::common::fixtures::enrolled_students(&mut app.conn(), book.class).len();
    // The page tree's "/Count N": the most pages any node counts.
    let text = String::from_utf8_lossy(&printed);
    let pages = text
        .split("/Count ")
        .skip(1)
        .filter_map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse::<usize>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    assert!(pages >= cards, "{pages} printed pages for {cards} students");

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let pdf = app
        .get(
            &teacher,
            &format!(
                "/report-cards/{}/pdf?term={}&paper=a4",
                book.class, book.term
            ),
        )
        .await
        .bytes()
        .await
        .expect("the server's PDF");
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::write(dir.join("report-cards-server.pdf"), &pdf).expect("write");
}

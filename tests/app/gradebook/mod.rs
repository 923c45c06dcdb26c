//! The gradebook: a teacher's scores through the grid's endpoints, letters from the
//! school's scale, averages that count only what is published, weights, the
//! workflow's closed state, who may write, terms and the scale's own checks.

mod browser;
mod report_cards;
mod results_tab;
mod school_runs;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable, Numeric, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::common::fixtures::{StudentBuilder, UserBuilder, enrolled_students, school_today};
use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, csrf_token, spawn_app};

/// The demo teacher's first class subject, its class and the term holding today.
pub struct Book {
    pub id: Uuid,
    pub class: Uuid,
    pub org: Uuid,
    pub term: Uuid,
}

#[derive(QueryableByName)]
struct BookRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    class: Uuid,
    #[diesel(sql_type = SqlUuid)]
    org: Uuid,
    #[diesel(sql_type = SqlUuid)]
    year: Uuid,
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

pub fn teachers_book(app: &TestApp) -> Book {
    let mut conn = app.conn();
    let row: BookRow = diesel::sql_query(
        "SELECT cs.id, cs.class_id AS class, cs.organization_id AS org, c.academic_year_id AS year
         FROM class_subjects cs
         JOIN classes c ON c.id = cs.class_id
         JOIN staff s ON s.id = cs.teacher_id
         JOIN users u ON u.id = s.user_id
         WHERE u.email = $1 AND cs.deleted_at IS NULL
         ORDER BY cs.id LIMIT 1",
    )
    .bind::<Text, _>(DemoUser::Teacher.email())
    .get_result(&mut conn)
    .expect("a class subject the demo teacher teaches");
    let today = school_today(&mut conn, row.org);
    let term: IdRow = diesel::sql_query(
        "SELECT id FROM academic_terms
         WHERE academic_year_id = $1 AND starts_on <= $2 AND ends_on >= $2 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(row.year)
    .bind::<Date, _>(today)
    .get_result(&mut conn)
    .expect("the demo year has a term holding today");
    Book {
        id: row.id,
        class: row.class,
        org: row.org,
        term: term.id,
    }
}

/// Sets an assessment in the book's term (straight into the database).
pub fn assessment(app: &TestApp, book: &Book, (kind, max, status): (&str, i64, &str)) -> Uuid {
    let row: IdRow = diesel::sql_query(
        "INSERT INTO assessments (organization_id, class_subject_id, academic_term_id, name,
             assessment_type, max_score, status)
         VALUES ($1, $2, $3, $4 || ' ' || substr(gen_random_uuid()::text, 1, 4),
             $4::assessment_type, $5, $6::assessment_status)
         RETURNING id",
    )
    .bind::<SqlUuid, _>(book.org)
    .bind::<SqlUuid, _>(book.id)
    .bind::<SqlUuid, _>(book.term)
    .bind::<Text, _>(kind)
    .bind::<Numeric, _>(bigdecimal::BigDecimal::from(max))
    .bind::<Text, _>(status)
    .get_result(&mut app.conn())
    .expect("an assessment");
    row.id
}

#[derive(QueryableByName)]
struct ResultRow {
    #[diesel(sql_type = SqlUuid)]
    student_id: Uuid,
    #[diesel(sql_type = Nullable<Numeric>)]
    score: Option<bigdecimal::BigDecimal>,
    #[diesel(sql_type = Nullable<Text>)]
    letter: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    mark: Option<String>,
}

/// The live results of an assessment: student, score, letter, mark.
fn results(app: &TestApp, assessment: Uuid) -> Vec<ResultRow> {
    diesel::sql_query(
        "SELECT student_id, score, grade_letter::text AS letter, mark::text AS mark
         FROM assessment_results WHERE assessment_id = $1 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(assessment)
    .load(&mut app.conn())
    .expect("results")
}

/// Posts one cell as the grid's script does; returns the status and the cell's HTML.
pub async fn post_cell(
    app: &TestApp,
    client: &reqwest::Client,
    book: &Book,
    (assessment, student): (Uuid, Uuid),
    value: &str,
) -> (u16, String) {
    let html = app.page(client, &format!("/gradebook/{}", book.id)).await;
    let token = csrf_token(&html).expect("the grid has a CSRF token");
    let response = client
        .post(app.url(&format!("/gradebook/{}/cells", book.id)))
        .header("HX-Request", "true")
        .form(&[
            ("csrf_token", token.as_str()),
            ("assessment", &assessment.to_string()),
            ("student", &student.to_string()),
            ("value", value),
            ("term", &book.term.to_string()),
        ])
        .send()
        .await
        .expect("POST a cell");
    let status = response.status().as_u16();
    (status, response.text().await.expect("the cell"))
}

/// The text of a student's average on the grid.
fn average_on(html: &str, student: Uuid) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("#avg-{student}")).expect("selector");
    doc.select(&selector)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_else(|| panic!("the grid shows the average of {student}"))
}

/// Sets the demo's own assessments of the class subject aside, so only a test's count.
fn set_aside_demo_assessments(app: &TestApp, book: &Book) {
    diesel::sql_query("UPDATE assessments SET deleted_at = now() WHERE class_subject_id = $1")
        .bind::<SqlUuid, _>(book.id)
        .execute(&mut app.conn())
        .expect("set the demo's assessments aside");
}

/// Posts a scale (the lowest percentage of each letter, A+ first) from `/grading`.
async fn post_scale(
    app: &TestApp,
    admin: &reqwest::Client,
    bands: [&str; 13],
) -> reqwest::Response {
    let page = app.page(admin, "/grading").await;
    let mut fields: Vec<(String, String)> = bands
        .iter()
        .enumerate()
        .map(|(i, b)| (format!("band-{i}"), (*b).to_owned()))
        .collect();
    fields.push(("csrf_token".to_owned(), csrf_token(&page).expect("token")));
    admin
        .post(app.url("/grading/scale"))
        .form(&fields)
        .send()
        .await
        .expect("POST the scale")
}

/// Enrols new students until the class has `n`.
fn fill_class(app: &TestApp, book: &Book, n: usize) -> Vec<Uuid> {
    let mut conn = app.conn();
    let mut students = enrolled_students(&mut conn, book.class);
    let mut i = 0;
    while students.len() < n {
        i += 1;
        let id = StudentBuilder::new(book.org)
            .named("Extra", &format!("Pupil {i:02}"))
            .insert(&mut conn);
        diesel::sql_query(
            "INSERT INTO class_enrollments (organization_id, class_id, student_id, status)
             VALUES ($1, $2, $3, 'active')",
        )
        .bind::<SqlUuid, _>(book.org)
        .bind::<SqlUuid, _>(book.class)
        .bind::<SqlUuid, _>(id)
        .execute(&mut conn)
        .expect("enrol a student");
        students.push(id);
    }
    students.truncate(n);
    students
}

/// The usual scale, as a school office would read it off the settings page.
fn usual_letter(percent: f64) -> &'static str {
    const FLOORS: [(f64, &str); 12] = [
        (97.0, "A+"),
        (93.0, "A"),
        (90.0, "A-"),
        (87.0, "B+"),
        (83.0, "B"),
        (80.0, "B-"),
        (77.0, "C+"),
        (73.0, "C"),
        (70.0, "C-"),
        (67.0, "D+"),
        (63.0, "D"),
        (60.0, "D-"),
    ];
    FLOORS
        .iter()
        .find(|(floor, _)| percent >= *floor)
        .map_or("F", |(_, l)| l)
}

#[actix_web::test]
async fn teacher_enters_a_column_of_thirty_scores_and_the_letters_follow_the_scale() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let students = fill_class(&app, &book, 30);
    let quiz = assessment(&app, &book, ("quiz", 50, "published"));
    let teacher = app.signed_in(DemoUser::Teacher).await;

    for (i, student) in students.iter().enumerate() {
        let score = (20 + i).to_string();
        let (status, cell) = post_cell(&app, &teacher, &book, (quiz, *student), &score).await;
        assert_eq!(status, 200, "{cell}");
        let letter = usual_letter((20 + i) as f64 * 2.0);
        assert!(
            cell.contains(&format!("<span class=\"cell-letter\">{letter}</span>")),
            "{score}/50 reads {letter}: {cell}"
        );
    }
    let stored = results(&app, quiz);
    assert_eq!(stored.len(), 30, "one result per student");
    for row in &stored {
        let i = students
            .iter()
            .position(|s| *s == row.student_id)
            .expect("a student of the class");
        assert_eq!(row.score, Some(bigdecimal::BigDecimal::from(20 + i as i64)));
        let expected = usual_letter((20 + i) as f64 * 2.0);
        assert_eq!(row.letter.as_deref(), Some(expected), "{}/50", 20 + i);
    }
    let grid = app.page(&teacher, &format!("/gradebook/{}", book.id)).await;
    assert!(grid.contains("value=\"49\""), "the grid shows the scores");

    // A new scale gives every open result its letter again: 40 % and up is now a D-.
    let admin = app.signed_in(DemoUser::Admin).await;
    let bands = [
        "97", "93", "90", "87", "83", "80", "77", "73", "70", "67", "63", "40", "0",
    ];
    let saved = post_scale(&app, &admin, bands).await;
    assert_eq!(saved.status(), 303);
    let lowest = students[0];
    let row = results(&app, quiz)
        .into_iter()
        .find(|r| r.student_id == lowest)
        .expect("the lowest score");
    assert_eq!(row.letter.as_deref(), Some("D-"), "20/50 is 40 %, a D- now");
}

#[actix_web::test]
async fn an_over_maximum_score_is_refused_in_its_cell_and_stores_nothing() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let quiz = assessment(&app, &book, ("quiz", 20, "published"));
    let teacher = app.signed_in(DemoUser::Teacher).await;

    let (status, cell) = post_cell(&app, &teacher, &book, (quiz, student), "21").await;
    assert_eq!(status, 422);
    assert!(cell.contains("The highest score is 20."), "{cell}");
    assert!(
        cell.contains("value=\"21\""),
        "the cell keeps what was typed"
    );
    for (typed, message) in [
        ("-2", "A score cannot be below 0."),
        ("twelve", "Type a number, EX or M."),
    ] {
        let (status, cell) = post_cell(&app, &teacher, &book, (quiz, student), typed).await;
        assert_eq!(status, 422, "{typed}");
        assert!(cell.contains(message), "{typed}: {cell}");
    }
    assert!(results(&app, quiz).is_empty(), "nothing was stored");

    // The plain form saves a column all or nothing.
    let students = enrolled_students(&mut app.conn(), book.class);
    let grid = app.page(&teacher, &format!("/gradebook/{}", book.id)).await;
    let token = csrf_token(&grid).expect("token");
    let action = format!("/gradebook/{}/assessments/{quiz}", book.id);
    let column = |second: &str| {
        vec![
            ("csrf_token".to_owned(), token.clone()),
            (format!("score-{}", students[0]), "15".to_owned()),
            (format!("score-{}", students[1]), second.to_owned()),
            (format!("score-{}", students[2]), "ex".to_owned()),
        ]
    };
    let refused = teacher
        .post(app.url(&action))
        .form(&column("25"))
        .send()
        .await
        .expect("POST a column");
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("the grid");
    assert!(page.contains("Nothing was saved: some scores need a second look."));
    assert!(page.contains("The highest score is 20."));
    assert!(
        results(&app, quiz).is_empty(),
        "a refused column stores nothing"
    );
    let saved = teacher
        .post(app.url(&action))
        .form(&column("m"))
        .send()
        .await
        .expect("POST a column");
    assert_eq!(saved.status(), 303);
    let stored = results(&app, quiz);
    assert_eq!(stored.len(), 3);
    let of = |s: Uuid| stored.iter().find(|r| r.student_id == s).expect("stored");
    assert_eq!(of(students[1]).mark.as_deref(), Some("missing"));
    assert_eq!(of(students[1]).score, None, "missing is not a score of 0");
    assert_eq!(of(students[2]).mark.as_deref(), Some("excused"));
    assert_eq!(
        of(students[0]).letter.as_deref(),
        Some("C"),
        "15/20 is 75 %, a C"
    );
}

#[actix_web::test]
async fn a_draft_assessment_counts_in_no_average_until_it_is_published() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    // Only these two count: the demo's own assessments of the term are set aside.
    set_aside_demo_assessments(&app, &book);
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let published = assessment(&app, &book, ("test", 50, "published"));
    let draft = assessment(&app, &book, ("test", 50, "draft"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(
        post_cell(&app, &teacher, &book, (published, student), "40")
            .await
            .0,
        200
    );
    let (status, cell) = post_cell(&app, &teacher, &book, (draft, student), "10").await;
    assert_eq!(status, 200);
    assert!(
        cell.contains(">80.0% · B-<"),
        "the draft's 20 % does not count: {cell}"
    );

    let path = format!("/gradebook/{}", book.id);
    let grid = app.page(&teacher, &path).await;
    assert_eq!(average_on(&grid, student), "80.0% · B-");
    // A director reads the gradebook without the draft.
    let director = app.signed_in(DemoUser::Director).await;
    let read = app.page(&director, &path).await;
    assert!(read.contains("only its teacher can change it"));
    assert!(
        !read.contains(&draft.to_string()),
        "a draft is the teacher's own"
    );

    let token = csrf_token(&grid).expect("token");
    let publish = teacher
        .post(app.url(&format!("{path}/assessments/{draft}/status")))
        .form(&[("csrf_token", token.as_str()), ("status", "published")])
        .send()
        .await
        .expect("publish");
    assert_eq!(publish.status(), 303);
    let grid = app.page(&teacher, &path).await;
    assert_eq!(average_on(&grid, student), "50.0% · F", "(80 + 20) / 2");
    assert!(
        app.page(&director, &path)
            .await
            .contains(&draft.to_string())
    );
}

#[actix_web::test]
async fn the_weighted_average_matches_a_hand_computation() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    set_aside_demo_assessments(&app, &book);
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let path = format!("/gradebook/{}", book.id);

    // Tests 60 %, homework 40 %.
    let grid = app.page(&teacher, &path).await;
    let token = csrf_token(&grid).expect("token");
    let weights = |test: &str, homework: &str| {
        vec![
            ("csrf_token".to_owned(), token.clone()),
            ("weight-0".to_owned(), homework.to_owned()),
            ("weight-2".to_owned(), test.to_owned()),
        ]
    };
    let short = teacher
        .post(app.url(&format!("{path}/weights")))
        .form(&weights("60", "30"))
        .send()
        .await
        .expect("weights");
    assert_eq!(short.status(), 422, "weights must make 100 %");
    assert!(
        short
            .text()
            .await
            .expect("page")
            .contains("The weights add up to 90.00%")
    );
    let saved = teacher
        .post(app.url(&format!("{path}/weights")))
        .form(&weights("60", "40"))
        .send()
        .await
        .expect("weights");
    assert_eq!(saved.status(), 303);

    let cells = [
        (("test", 50), "40"),     // 80 %
        (("test", 50), "45"),     // 90 %
        (("homework", 10), "8"),  // 80 %
        (("homework", 10), "M"),  // missing: 0 %
        (("homework", 10), "EX"), // excused: left out
    ];
    for ((kind, max), value) in cells {
        let id = assessment(&app, &book, (kind, max, "graded"));
        let (status, cell) = post_cell(&app, &teacher, &book, (id, student), value).await;
        assert_eq!(status, 200, "{value}: {cell}");
    }
    // Tests (80 + 90) / 2 = 85; homework (80 + 0) / 2 = 40; 0.6 × 85 + 0.4 × 40 = 67.
    let grid = app.page(&teacher, &path).await;
    assert_eq!(average_on(&grid, student), "67.0% · D+");
}

#[actix_web::test]
async fn a_closed_assessment_refuses_a_teachers_edit_but_not_an_administrators() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let exam = assessment(&app, &book, ("exam", 100, "closed"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let (status, cell) = post_cell(&app, &teacher, &book, (exam, student), "70").await;
    assert_eq!(status, 403);
    assert!(
        cell.contains("only an administrator can change it"),
        "{cell}"
    );
    assert!(results(&app, exam).is_empty());

    let admin = app.signed_in(DemoUser::Admin).await;
    let (status, _) = post_cell(&app, &admin, &book, (exam, student), "70").await;
    assert_eq!(status, 200, "an administrator may still correct it");
    assert_eq!(results(&app, exam).len(), 1);
}

#[actix_web::test]
async fn another_teacher_reads_the_gradebook_but_is_refused_a_change() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let quiz = assessment(&app, &book, ("quiz", 20, "published"));
    UserBuilder::new("colleague@northwind.test")
        .in_organization(book.org)
        .with_role_named("Teacher")
        .password(DEMO_PASSWORD)
        .insert(&mut app.conn());
    let colleague = app.client();
    let signed = app
        .sign_in(&colleague, "colleague@northwind.test", DEMO_PASSWORD)
        .await;
    assert_eq!(signed.status(), 303);
    let grid = app
        .page(&colleague, &format!("/gradebook/{}", book.id))
        .await;
    assert!(grid.contains("only its teacher can change it"));
    assert!(
        !grid.contains("class=\"cell-input\""),
        "no cell to type into"
    );
    let (status, _) = post_cell(&app, &colleague, &book, (quiz, student), "12").await;
    assert_eq!(status, 403);
    assert!(results(&app, quiz).is_empty());
}

#[actix_web::test]
async fn a_term_that_meets_another_or_leaves_its_year_is_refused() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let admin = app.signed_in(DemoUser::Admin).await;
    let year: IdRow =
        diesel::sql_query("SELECT academic_year_id AS id FROM academic_terms WHERE id = $1")
            .bind::<SqlUuid, _>(book.term)
            .get_result(&mut app.conn())
            .expect("the term's year");
    let (starts, ends): (NaiveDate, NaiveDate) = {
        use homeroom::db::schema::academic_terms as t;
        t::table
            .filter(t::id.eq(book.term))
            .select((t::starts_on, t::ends_on))
            .first(&mut app.conn())
            .expect("the term")
    };
    let fields =
        crate::resources::form_fields(&app, &admin, "/academic-terms/new", "/academic-terms").await;
    let with = |from: NaiveDate, until: NaiveDate| {
        let f = crate::resources::with(fields.clone(), "academic_year_id", &year.id.to_string());
        let f = crate::resources::with(f, "name", "Mid-term week");
        let f = crate::resources::with(f, "starts_on", &from.to_string());
        crate::resources::with(f, "ends_on", &until.to_string())
    };
    let overlapping = admin
        .post(app.url("/academic-terms"))
        .form(&with(
            starts + chrono::Duration::days(3),
            ends + chrono::Duration::days(3),
        ))
        .send()
        .await
        .expect("POST a term");
    assert_eq!(overlapping.status(), 422);
    let page = overlapping.text().await.expect("the form");
    assert!(page.contains("terms of a year do not overlap"), "{page}");
    let outside = admin
        .post(app.url("/academic-terms"))
        .form(&with(
            NaiveDate::from_ymd_opt(2000, 1, 1).expect("date"),
            NaiveDate::from_ymd_opt(2000, 2, 1).expect("date"),
        ))
        .send()
        .await
        .expect("POST a term");
    assert_eq!(outside.status(), 422);
    assert!(
        outside
            .text()
            .await
            .expect("form")
            .contains("A term lies within its year")
    );
    let count: i64 = {
        use homeroom::db::schema::academic_terms as t;
        t::table
            .filter(t::name.eq("Mid-term week"))
            .count()
            .get_result(&mut app.conn())
            .expect("count")
    };
    assert_eq!(count, 0, "no term was stored");
    // The database holds the same line for any other path.
    let direct = diesel::sql_query(
        "INSERT INTO academic_terms (organization_id, academic_year_id, name, starts_on, ends_on)
         VALUES ($1, $2, 'Sneaky', $3, $4)",
    )
    .bind::<SqlUuid, _>(book.org)
    .bind::<SqlUuid, _>(year.id)
    .bind::<Date, _>(starts)
    .bind::<Date, _>(starts)
    .execute(&mut app.conn());
    assert!(
        direct.is_err(),
        "the exclusion constraint refuses an overlap"
    );
}

#[actix_web::test]
async fn a_scale_with_a_gap_or_out_of_order_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let gap = post_scale(
        &app,
        &admin,
        [
            "97", "93", "90", "87", "83", "80", "77", "73", "70", "67", "63", "60", "10",
        ],
    )
    .await;
    assert_eq!(gap.status(), 422);
    assert!(
        gap.text()
            .await
            .expect("page")
            .contains("F starts at 0, so every percentage has a letter.")
    );
    let overlap = post_scale(
        &app,
        &admin,
        [
            "97", "93", "95", "87", "83", "80", "77", "73", "70", "67", "63", "60", "0",
        ],
    )
    .await;
    assert_eq!(overlap.status(), 422);
    assert!(
        overlap
            .text()
            .await
            .expect("page")
            .contains("Start below A, so the two letters do not overlap.")
    );
    let stored: Vec<String> = {
        use homeroom::db::schema::grading_scale_bands as b;
        b::table
            .filter(b::deleted_at.is_null())
            .filter(b::min_percent.eq(bigdecimal::BigDecimal::from(10)))
            .select(b::id)
            .load::<Uuid>(&mut app.conn())
            .expect("bands")
            .into_iter()
            .map(|id| id.to_string())
            .collect()
    };
    assert!(stored.is_empty(), "the refused scale was not stored");
    // A teacher reads the scale but may not change it.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let read = app.page(&teacher, "/grading").await;
    assert!(read.contains("Lowest percentage of each letter"));
    assert!(!read.contains("Save the scale"));
}

#[actix_web::test]
async fn the_gradebook_speaks_spanish() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    crate::languages::set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let quiz = assessment(&app, &book, ("quiz", 20, "published"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let grid = app.page(&teacher, &format!("/gradebook/{}", book.id)).await;
    for phrase in ["Promedio", "Guardar columna", "Nueva evaluación", "Periodo"] {
        assert!(grid.contains(phrase), "the grid in Spanish says {phrase:?}");
    }
    assert!(!grid.contains("Save column"));
    let (status, cell) = post_cell(&app, &teacher, &book, (quiz, student), "25").await;
    assert_eq!(status, 422);
    assert!(cell.contains("La nota máxima es 20."), "{cell}");
    let (status, cell) = post_cell(&app, &teacher, &book, (quiz, student), "17,5").await;
    assert_eq!(status, 200, "a decimal comma: {cell}");
    assert!(cell.contains("value=\"17,5\""), "{cell}");
    let index = app.page(&teacher, "/gradebook").await;
    assert!(index.contains("Calificaciones"));
    let grading = app.page(&teacher, "/grading").await;
    assert!(grading.contains("Porcentaje mínimo de cada letra"));
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[actix_web::test]
async fn the_demo_gives_every_class_subject_results_in_the_current_term() {
    let app = spawn_app().await;
    let book = teachers_book(&app);
    let today = school_today(&mut app.conn(), book.org);
    let without: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM class_subjects cs
         JOIN classes c ON c.id = cs.class_id
         JOIN academic_terms t ON t.academic_year_id = c.academic_year_id
              AND t.starts_on <= $2 AND t.ends_on >= $2 AND t.deleted_at IS NULL
         WHERE cs.organization_id = $1 AND cs.deleted_at IS NULL
           AND NOT EXISTS (
               SELECT 1 FROM assessments a JOIN assessment_results r ON r.assessment_id = a.id
               WHERE a.class_subject_id = cs.id AND a.academic_term_id = t.id
                 AND a.status <> 'draft' AND r.score IS NOT NULL)",
    )
    .bind::<SqlUuid, _>(book.org)
    .bind::<Date, _>(today)
    .get_result(&mut app.conn())
    .expect("class subjects without results this term");
    assert_eq!(without.n, 0, "every gradebook opens on a term with results");
    let terms: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM academic_terms WHERE organization_id = $1 AND deleted_at IS NULL",
    )
    .bind::<SqlUuid, _>(book.org)
    .get_result(&mut app.conn())
    .expect("terms");
    assert!(
        (2..=3).contains(&terms.n),
        "the year has 2 or 3 terms: {}",
        terms.n
    );
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let grid = app.page(&teacher, &format!("/gradebook/{}", book.id)).await;
    assert!(
        grid.contains("% · "),
        "averages show on the teacher's gradebook"
    );
    let today_page = app.page(&teacher, "/today").await;
    assert!(
        today_page.contains("href=\"/gradebook\""),
        "/today leads to the gradebooks"
    );
    let index = app.page(&teacher, "/gradebook").await;
    assert!(index.contains(&format!("href=\"/gradebook/{}\"", book.id)));
}

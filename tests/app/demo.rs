use diesel::prelude::*;
use homeroom::db::schema::{staff, students, users};

use crate::common::{DemoUser, TestDatabase, count};

const TABLES: &[&str] = &[
    "organizations",
    "campuses",
    "users",
    "staff",
    "students",
    "guardians",
    "academic_years",
    "grades",
    "subjects",
    "classes",
    "class_enrollments",
    "class_subjects",
    "timetables",
    "timetable_periods",
    "attendance_sessions",
    "attendance_records",
    "campus_attendance_summaries",
    "fee_plans",
    "invoices",
    "payments",
    "messages",
    "message_recipients",
    "communication_events",
    "walkthrough_checkins",
];

#[test]
fn seeding_the_demo_twice_creates_nothing_new() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let before: Vec<i64> = TABLES.iter().map(|t| count(&mut conn, t)).collect();
    let summary = homeroom::demo::seed(&mut conn).expect("second seed");
    let after: Vec<i64> = TABLES.iter().map(|t| count(&mut conn, t)).collect();
    assert_eq!(before, after);
    assert!(
        summary.to_string().contains("admin@northwind.test"),
        "the accounts are printed again"
    );
}

#[test]
fn the_demo_school_is_the_size_the_readme_promises() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
    let pupils: i64 = students::table
        .filter(students::organization_id.eq(northwind))
        .count()
        .get_result(&mut conn)
        .expect("students");
    assert!(
        (550..=650).contains(&pupils),
        "about 600 students, got {pupils}"
    );
    let team: i64 = staff::table
        .filter(staff::organization_id.eq(northwind))
        .count()
        .get_result(&mut conn)
        .expect("staff");
    assert!((35..=45).contains(&team), "about 40 staff, got {team}");
    let without_account: i64 = staff::table
        .filter(staff::organization_id.eq(northwind))
        .filter(staff::user_id.is_null())
        .count()
        .get_result(&mut conn)
        .expect("staff without account");
    assert_eq!(without_account, 0, "every staff member has a user account");
    for table in TABLES {
        assert!(count(&mut conn, table) > 0, "the demo fills {table}");
    }
    let root_org: Option<uuid::Uuid> = users::table
        .filter(users::email.eq("root@homeroom.test"))
        .select(users::organization_id)
        .first(&mut conn)
        .expect("root account");
    assert_eq!(
        root_org, None,
        "the super administrator belongs to no single organization"
    );
}

#[test]
fn an_empty_database_is_recognised_and_a_seeded_one_is_not() {
    let seeded = TestDatabase::new();
    assert!(!homeroom::demo::database_is_empty(&mut seeded.connect()).expect("query"));
    let empty = TestDatabase::empty();
    let mut conn = empty.connect();
    homeroom::db::migrate(&mut conn).expect("migrate");
    assert!(homeroom::demo::database_is_empty(&mut conn).expect("query"));
}

#[actix_web::test]
async fn the_demo_teacher_has_a_notice_in_the_inbox_for_every_walkthrough_about_them() {
    use homeroom::db::schema::walkthrough_checkins as w;
    let app = crate::common::spawn_app().await;
    let teacher_staff: uuid::Uuid = staff::table
        .inner_join(users::table.on(staff::user_id.eq(users::id.nullable())))
        .filter(users::email.eq(DemoUser::Teacher.email()))
        .select(staff::id)
        .first(&mut app.conn())
        .expect("the demo teacher's staff record");
    let visits: Vec<uuid::Uuid> = w::table
        .filter(w::teacher_id.eq(teacher_staff))
        .filter(w::deleted_at.is_null())
        .select(w::id)
        .load(&mut app.conn())
        .expect("walkthroughs about the teacher");
    assert!(!visits.is_empty(), "the demo teacher has been visited");

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let inbox = app.page(&teacher, "/inbox").await;
    let doc = scraper::Html::parse_document(&inbox);
    let items = scraper::Selector::parse("ul.inbox li a").expect("selector");
    let notices: Vec<String> = doc
        .select(&items)
        .filter(|a| a.text().collect::<String>().contains("Walkthrough of"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(
        notices.len(),
        visits.len(),
        "one notice per walkthrough about the teacher"
    );

    // A notice reads as a live one and links to its walkthrough, which opens.
    let message = app.page(&teacher, &notices[0]).await;
    assert!(message.contains("and recorded a walkthrough."), "{message}");
    assert!(message.contains("Lesson plan: "), "the ratings are listed");
    let doc = scraper::Html::parse_document(&message);
    let link = scraper::Selector::parse(".message-body a").expect("selector");
    let href = doc
        .select(&link)
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.starts_with("/walkthroughs/"))
        .expect("a link to the walkthrough")
        .to_owned();
    let id: uuid::Uuid = href["/walkthroughs/".len()..].parse().expect("an id");
    assert!(
        visits.contains(&id),
        "the link names a walkthrough about the teacher"
    );
    assert_eq!(app.get(&teacher, &href).await.status(), 200);
}

#[derive(QueryableByName)]
struct AssessmentFacts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    class_subjects: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    fewest_per_subject: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    graded_without_results: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    results: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    off_the_scale: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    results_before_due: i64,
}

#[test]
fn the_demo_has_assessments_with_results_graded_on_the_letter_scale() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let northwind = crate::common::organization_id(&mut conn, "Northwind Academy");
    let facts: AssessmentFacts = diesel::sql_query(
        "WITH per_subject AS (
            SELECT cs.id, count(a.id) AS n
            FROM class_subjects cs
            LEFT JOIN assessments a ON a.class_subject_id = cs.id AND a.deleted_at IS NULL
            WHERE cs.organization_id = $1 AND cs.deleted_at IS NULL
            GROUP BY cs.id
         ), graded AS (
            SELECT a.id, a.max_score, a.due_at,
                   (SELECT count(*) FROM assessment_results r WHERE r.assessment_id = a.id) AS n
            FROM assessments a WHERE a.organization_id = $1 AND a.status = 'graded'
         ), scored AS (
            SELECT r.grade_letter, 100 * r.score / a.max_score AS pct, a.due_at, r.created_at
            FROM assessment_results r JOIN assessments a ON a.id = r.assessment_id
            WHERE r.organization_id = $1
         )
         SELECT (SELECT count(*) FROM per_subject) AS class_subjects,
                (SELECT coalesce(min(n), 0) FROM per_subject) AS fewest_per_subject,
                (SELECT count(*) FROM graded WHERE n = 0) AS graded_without_results,
                (SELECT count(*) FROM scored) AS results,
                (SELECT count(*) FROM scored
                 WHERE pct > 100 OR pct < 0
                    OR (grade_letter = 'A+') <> (pct >= 97)
                    OR (grade_letter = 'F') <> (pct < 60)
                    OR (grade_letter IN ('B+', 'B', 'B-')) <> (pct >= 80 AND pct < 90))
                  AS off_the_scale,
                (SELECT count(*) FROM assessment_results r
                 JOIN assessments a ON a.id = r.assessment_id
                 WHERE r.organization_id = $1 AND a.status <> 'graded') AS results_before_due",
    )
    .bind::<diesel::sql_types::Uuid, _>(northwind)
    .get_result(&mut conn)
    .expect("assessment facts");
    assert!(facts.class_subjects > 0);
    assert!(
        facts.fewest_per_subject >= 3,
        "a handful of assessments in every class subject, fewest {}",
        facts.fewest_per_subject
    );
    assert!(
        facts.results > 1_000,
        "results for the graded ones: {}",
        facts.results
    );
    assert_eq!(
        facts.graded_without_results, 0,
        "a graded assessment has its results"
    );
    assert_eq!(
        facts.results_before_due, 0,
        "results only for graded assessments"
    );
    assert_eq!(facts.off_the_scale, 0, "letters follow the scores");
}

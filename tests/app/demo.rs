use diesel::prelude::*;
use homeroom::db::schema::{staff, students, users};

use crate::common::{TestDatabase, count};

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

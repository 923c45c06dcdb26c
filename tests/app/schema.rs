//! The database holds the whole seed data model (school-schema.txt), in
//! domain.md's conventions, and every migration can be reversed.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_migrations::MigrationHarness;
use homeroom::db::{self, enums};

use crate::common::TestDatabase;

/// Tables and their columns as the seed document lists them, in snake_case.
fn seed_tables() -> BTreeMap<String, Vec<String>> {
    let text = include_str!("../fixtures/school-schema.txt");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut tables = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        if *line != "| Column | Type | Null | Default | Notes |" {
            continue;
        }
        // The table's name stands two lines above the header, over its description.
        let name = lines[i - 2].to_owned();
        let mut columns = Vec::new();
        for l in &lines[i + 2..] {
            if l.starts_with("Relations:") || l.contains("| Column |") {
                break;
            }
            if let Some(col) = l.strip_suffix(" |")
                && !col.contains('|')
                && col.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                columns.push(snake_case(col));
            }
        }
        tables.insert(name, columns);
    }
    tables
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(QueryableByName)]
struct TableColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

fn database_columns(conn: &mut PgConnection) -> BTreeSet<(String, String)> {
    diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name \
         FROM information_schema.columns WHERE table_schema = 'public'",
    )
    .load::<TableColumn>(conn)
    .expect("columns")
    .into_iter()
    .map(|c| (c.table_name, c.column_name))
    .collect()
}

#[test]
fn the_seed_document_is_read_whole() {
    let tables = seed_tables();
    assert_eq!(
        tables.len(),
        38,
        "the seed describes 38 tables: {:?}",
        tables.keys()
    );
    assert!(tables["students"].contains(&"date_of_birth".to_owned()));
    assert!(tables["campuses"].contains(&"bg_gradient".to_owned()));
    assert!(tables["fee_plans"].contains(&"academic_year_id".to_owned()));
    assert!(tables["walkthrough_checkins"].contains(&"emergency_exit_rating".to_owned()));
    assert_eq!(snake_case("app_roleId"), "app_role_id");
    assert_eq!(snake_case("sizeInBytes"), "size_in_bytes");
}

#[test]
fn every_seed_table_and_column_exists_in_snake_case() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let present = database_columns(&mut conn);
    let mut missing = Vec::new();
    for (table, columns) in seed_tables() {
        for column in columns {
            if !present.contains(&(table.clone(), column.clone())) {
                missing.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing from the database: {missing:?}");
}

#[test]
fn domain_conventions_hold_for_every_table() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let present = database_columns(&mut conn);
    let tables: BTreeSet<&String> = present.iter().map(|(t, _)| t).collect();
    let has = |t: &str, c: &str| present.contains(&(t.to_owned(), c.to_owned()));
    for table in tables {
        if table == "__diesel_schema_migrations" {
            continue;
        }
        assert!(has(table, "id"), "{table} has an id");
        assert!(has(table, "created_at"), "{table} has created_at");
        assert!(
            !present
                .iter()
                .any(|(t, c)| t == table && c.chars().any(|ch| ch.is_ascii_uppercase())),
            "{table} uses snake_case"
        );
    }
    for (table, _) in seed_tables() {
        for column in ["updated_at", "deleted_at", "import_hash"] {
            if table == "auth_refresh_tokens" && column != "updated_at" {
                continue;
            }
            assert!(has(&table, column), "{table}.{column}");
        }
    }
}

#[derive(QueryableByName)]
struct Unindexed {
    #[diesel(sql_type = Text)]
    fk: String,
}

#[test]
fn every_foreign_key_column_is_indexed() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    // A foreign key is covered when some non-partial index starts with its column.
    let unindexed: Vec<Unindexed> = diesel::sql_query(
        "SELECT c.conrelid::regclass::text || '.' || a.attname AS fk
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
           AND NOT EXISTS (
             SELECT 1 FROM pg_index i
             WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1] AND i.indpred IS NULL)",
    )
    .load(&mut conn)
    .expect("foreign keys");
    let names: Vec<String> = unindexed.into_iter().map(|u| u.fk).collect();
    assert!(names.is_empty(), "foreign keys without an index: {names:?}");
}

#[derive(QueryableByName)]
struct EnumValue {
    #[diesel(sql_type = Text)]
    type_name: String,
    #[diesel(sql_type = Text)]
    value: String,
}

#[test]
fn rust_enums_match_the_database_enums() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let rows: Vec<EnumValue> = diesel::sql_query(
        "SELECT t.typname::text AS type_name, e.enumlabel::text AS value
         FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder",
    )
    .load(&mut conn)
    .expect("enum values");
    let mut in_db: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows {
        in_db.entry(r.type_name).or_default().push(r.value);
    }
    let values = |all: Vec<&'static str>| all.into_iter().map(str::to_owned).collect::<Vec<_>>();
    macro_rules! check {
        ($($ty:ident => $pg:literal),+ $(,)?) => {$(
            assert_eq!(
                in_db.get($pg).cloned().unwrap_or_default(),
                values(enums::$ty::ALL.iter().map(|v| v.as_str()).collect()),
                "{} against {}", stringify!($ty), $pg
            );
        )+};
    }
    check!(
        StudentGender => "student_gender",
        StudentStatus => "student_status",
        GuardianRelationship => "guardian_relationship",
        StaffType => "staff_type",
        StaffStatus => "staff_status",
        ClassStatus => "class_status",
        ClassEnrollmentStatus => "class_enrollment_status",
        ClassSubjectStatus => "class_subject_status",
        TimetableStatus => "timetable_status",
        DayOfWeek => "day_of_week",
        AssessmentType => "assessment_type",
        AssessmentStatus => "assessment_status",
        GradeLetter => "grade_letter",
        AttendanceSessionType => "attendance_session_type",
        AttendanceStatus => "attendance_status",
        StaffAttendanceStatus => "staff_attendance_status",
        BillingCycle => "billing_cycle",
        InvoiceStatus => "invoice_status",
        PaymentMethod => "payment_method",
        MessageChannel => "message_channel",
        MessageAudience => "message_audience",
        MessageStatus => "message_status",
        RecipientType => "recipient_type",
        DeliveryStatus => "delivery_status",
        DocumentEntityType => "document_entity_type",
        DocumentCategory => "document_category",
        LoginMethod => "login_method",
        AuditAction => "audit_action",
        TaskStatus => "task_status",
        SyncStatus => "sync_status",
        EmailStatus => "email_status",
        AbsenceAlertStatus => "absence_alert_status",
        ResultMark => "result_mark",
        AdmissionStage => "admission_stage",
    );
    assert_eq!(
        in_db.len(),
        34,
        "every database enum has a Rust counterpart"
    );
}

fn policies(conn: &mut PgConnection) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query("SELECT count(*) AS n FROM pg_policies WHERE schemaname = 'public'")
        .get_result::<Count>(conn)
        .expect("policies")
        .n
}

#[test]
fn every_migration_reverts_and_applies_again() {
    let db = TestDatabase::empty();
    let mut conn = db.connect();
    let applied = db::migrate(&mut conn).expect("apply");
    assert!(applied.len() >= 9);
    let before = database_columns(&mut conn);
    assert!(
        policies(&mut conn) > 0,
        "tenant tables carry row-level security policies"
    );
    // Step back until the policies are gone: their own down.sql must remove them,
    // while the tenant tables still stand.
    while policies(&mut conn) > 0 {
        conn.revert_last_migration(db::MIGRATIONS)
            .expect("revert one migration");
    }
    assert!(
        database_columns(&mut conn)
            .iter()
            .any(|(t, _)| t == "students"),
        "the policies went with their own migration, not with the tables"
    );
    db::migrate(&mut conn).expect("apply it again");
    conn.revert_all_migrations(db::MIGRATIONS)
        .expect("revert every migration");
    let after_revert = database_columns(&mut conn);
    assert!(
        after_revert
            .iter()
            .all(|(t, _)| t == "__diesel_schema_migrations"),
        "reverting leaves no table behind: {after_revert:?}"
    );
    db::migrate(&mut conn).expect("apply again");
    assert_eq!(database_columns(&mut conn), before);
}

#[test]
fn the_permission_catalog_covers_every_table() {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let tables: BTreeSet<String> = database_columns(&mut conn)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let covered: BTreeSet<String> = homeroom::access::Entity::ALL
        .iter()
        .map(|e| e.table().to_owned())
        .chain(
            homeroom::access::catalog::JOIN_TABLES
                .iter()
                .map(|t| (*t).to_owned()),
        )
        .chain(
            homeroom::access::catalog::FORM_TABLES
                .iter()
                .chain(homeroom::access::catalog::FEED_TABLES)
                .chain(homeroom::access::catalog::COUNTER_TABLES)
                .chain(homeroom::access::catalog::PLAN_TABLES)
                .chain(homeroom::access::catalog::RESULT_TABLES)
                .chain(homeroom::access::catalog::FINANCE_TABLES)
                .chain(homeroom::access::catalog::TIMETABLE_TABLES)
                .map(|t| (*t).to_owned()),
        )
        .chain(["__diesel_schema_migrations".to_owned()])
        .collect();
    assert_eq!(tables, covered);
    let names: Vec<String> = homeroom::db::schema::permissions::table
        .select(homeroom::db::schema::permissions::name)
        .load(&mut conn)
        .expect("permissions");
    assert_eq!(names.len(), homeroom::access::Entity::ALL.len() * 4);
    assert!(names.contains(&"READ_CAMPUSES".to_owned()));
    assert!(names.contains(&"UPDATE_ATTENDANCE_RECORDS".to_owned()));
}

//! Who reads which personal rows. The rules, restated here as the school would say
//! them:
//! - walkthroughs: administrators the whole school; a director their campus and
//!   the visits they wrote; a teacher (and anyone else) the visits to their own
//!   classroom;
//! - attendance sessions and marks: those who oversee attendance the whole school;
//!   a teacher the classes they teach;
//! - messages: those who write them all but the personal ones (a walkthrough's
//!   notice to the teacher), which only their sender and recipients read; others
//!   what they wrote, what was sent to them and what went to all staff or everyone;
//! - staff attendance: those who record it everyone's; others their own days;
//! - zone check-ins and progress, safety and personality quiz answers: those who
//!   manage them everyone's; others their own.
//!
//! The sweep signs in as every demo role, visits every GET route of the route
//! table (record pages of every row it can name, their tabs, exports, pickers,
//! fragments), and fails on any page that shows a row the role's rule keeps from
//! it: by the row's id, or by a marker written into each row's text.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Uuid as SqlUuid;
use homeroom::startup::route_table;
use uuid::Uuid;

use crate::common::fixtures::{
    PersonalityQuizResultBuilder, SafetyQuizResultBuilder, StaffAttendanceBuilder,
    UserProgressBuilder, staff_members,
};
use crate::common::{DemoUser, TestApp, organization_id, spawn_app, user_id};
use homeroom::communication::{Notice, Recipient, notify};
use homeroom::config::Settings;
use homeroom::db::enums::RecipientType;
use homeroom::mail::Mailer;

/// The tables whose rows are personal, and the text column that carries each row's marker.
const PERSONAL: &[(&str, &str)] = &[
    ("walkthrough_checkins", "overall_notes"),
    ("attendance_sessions", "notes"),
    ("attendance_records", "remarks"),
    ("staff_attendance_records", "note"),
    ("messages", "subject"),
    ("message_recipients", "recipient_label"),
    ("user_progress", "value"),
    ("safety_quiz_results", "quiz_title"),
    ("personality_quiz_results", "personality_type"),
];

#[allow(dead_code)]
fn marker(id: Uuid) -> String {
    format!("rowmark{}", id.simple())
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

fn ids(conn: &mut PgConnection, sql: &str, org: Uuid, user: Uuid) -> BTreeSet<Uuid> {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(org)
        .bind::<SqlUuid, _>(user)
        .load::<Row>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// What each demo role may read of the personal tables, in words of the rules above.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reach {
    /// Administrators: all of their organization.
    Everything,
    /// A director: their campus's visits and their own, all attendance and staff
    /// attendance, their own answers.
    Director,
    /// The front office: all attendance and staff attendance, visits to their own
    /// classroom (none), their own answers.
    Office,
    /// A teacher or an accountant: visits to their classroom, the classes they teach,
    /// their own days and answers.
    Own,
}

fn reach_of(who: DemoUser) -> Reach {
    match who {
        DemoUser::Admin | DemoUser::RiversideAdmin | DemoUser::Root => Reach::Everything,
        DemoUser::Director => Reach::Director,
        DemoUser::Office => Reach::Office,
        DemoUser::Teacher | DemoUser::Accountant => Reach::Own,
    }
}

const OWN_STAFF: &str = "SELECT id FROM staff WHERE user_id = $2 AND deleted_at IS NULL";

/// The messages of the organization one who reads all messages reads: all but the
/// personal ones they neither sent, wrote nor received. (Administrators still meet
/// those in the audit log, which records every write.)
const ALL_BUT_OTHERS_PERSONAL: &str = "SELECT m.id FROM messages m WHERE m.organization_id = $1 \
     AND (NOT m.personal OR m.created_by_id = $2 OR m.sent_by_id = $2 \
          OR m.id IN (SELECT r.message_id FROM message_recipients r WHERE r.user_id = $2))";

/// The rows of `table` a person with `reach`, acting in `org`, may read.
fn allowed(
    conn: &mut PgConnection,
    table: &str,
    reach: Reach,
    org: Uuid,
    user: Uuid,
) -> BTreeSet<Uuid> {
    let everything = format!("SELECT id FROM {table} WHERE organization_id = $1");
    let taught = format!(
        "SELECT c.id FROM classes c WHERE c.deleted_at IS NULL AND c.homeroom_teacher_id IN ({OWN_STAFF}) \
         UNION SELECT cs.class_id FROM class_subjects cs WHERE cs.deleted_at IS NULL AND cs.teacher_id IN ({OWN_STAFF})"
    );
    let own_answers = format!(
        "SELECT id FROM {table} WHERE organization_id = $1 \
         AND (user_id = $2 OR (user_id IS NULL AND created_by_id = $2))"
    );
    let sql = match (table, reach) {
        ("messages", Reach::Director | Reach::Office) => {
            ALL_BUT_OTHERS_PERSONAL.to_owned()
        }
        ("message_recipients", Reach::Director | Reach::Office) => format!(
            "SELECT id FROM message_recipients WHERE organization_id = $1 \
             AND message_id IN ({ALL_BUT_OTHERS_PERSONAL})"
        ),
        (_, Reach::Everything) => everything,
        ("walkthrough_checkins", Reach::Director) => 
            "SELECT w.id FROM walkthrough_checkins w WHERE w.organization_id = $1 AND ( \
               w.created_by_id = $2 \
               OR (SELECT s.campus_id FROM staff s WHERE s.user_id = $2 AND s.deleted_at IS NULL \
                   ORDER BY s.created_at, s.id LIMIT 1) = w.campus_id \
               OR EXISTS (SELECT 1 FROM (SELECT s.campus_id FROM staff s WHERE s.user_id = $2 \
                   AND s.deleted_at IS NULL ORDER BY s.created_at, s.id LIMIT 1) f WHERE f.campus_id IS NULL))"
            .to_owned(),
        ("walkthrough_checkins", _) => format!(
            "SELECT id FROM walkthrough_checkins WHERE organization_id = $1 AND teacher_id IN ({OWN_STAFF})"
        ),
        (
            "attendance_sessions" | "attendance_records" | "staff_attendance_records",
            Reach::Director | Reach::Office,
        ) => everything,
        ("messages", Reach::Own) => {
            "SELECT m.id FROM messages m WHERE m.organization_id = $1 AND ( \
             m.created_by_id = $2 OR m.sent_by_id = $2 OR m.audience IN ('everyone', 'staff') \
             OR m.id IN (SELECT r.message_id FROM message_recipients r WHERE r.user_id = $2))"
                .to_owned()
        }
        ("message_recipients", Reach::Own) => "SELECT id FROM message_recipients \
             WHERE organization_id = $1 AND (user_id = $2 OR created_by_id = $2)"
            .to_owned(),
        ("attendance_sessions", Reach::Own) => format!(
            "SELECT id FROM attendance_sessions WHERE organization_id = $1 AND class_id IN ({taught})"
        ),
        ("attendance_records", Reach::Own) => format!(
            "SELECT r.id FROM attendance_records r JOIN attendance_sessions s ON s.id = r.attendance_session_id \
             WHERE r.organization_id = $1 AND s.class_id IN ({taught})"
        ),
        ("staff_attendance_records", Reach::Own) => format!(
            "SELECT id FROM staff_attendance_records WHERE organization_id = $1 \
             AND (user_id = $2 OR staff_id IN ({OWN_STAFF}))"
        ),
        _ => own_answers,
    };
    ids(conn, &sql, org, user)
}

/// Gives every personal table rows of several people in both organizations, and
/// writes each row's marker into its text.
fn plant(app: &TestApp) {
    let conn = &mut app.conn();
    let people = staff_members(
        conn,
        &[
            "teacher@northwind.test",
            "director@northwind.test",
            "office@northwind.test",
            "accounts@northwind.test",
            "admin@riverside.test",
        ],
    );
    let quiz_week = NaiveDate::from_ymd_opt(2026, 3, 9).expect("a date");
    let worked = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    for person in &people {
        UserProgressBuilder::zone_checkin(person, "green").insert(conn);
        SafetyQuizResultBuilder::new(person, "fire-drill", "Fire drill", quiz_week).insert(conn);
        PersonalityQuizResultBuilder::new(person, "Navigator").insert(conn);
        StaffAttendanceBuilder::new(person, worked).insert(conn);
    }
    tell_teacher_personally(app, conn);
    for (table, column) in PERSONAL {
        let sql = format!("UPDATE {table} SET {column} = 'rowmark' || replace(id::text, '-', '')");
        diesel::sql_query(&sql)
            .execute(conn)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

/// A personal notice from the director to the teacher, as a walkthrough sends it:
/// only the two of them read it, not the office that reads the school's messages.
fn tell_teacher_personally(app: &TestApp, conn: &mut PgConnection) {
    let northwind = organization_id(conn, "Northwind Academy");
    let teacher = user_id(conn, DemoUser::Teacher.email());
    let director = user_id(conn, DemoUser::Director.email());
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let recipients = [Recipient {
        kind: RecipientType::Staff,
        label: "The observed teacher".to_owned(),
        user_id: Some(teacher),
        email: None,
    }];
    let mut tenant =
        homeroom::db::enter(conn, &homeroom::db::Actor::system(northwind)).expect("tenant");
    notify(
        &mut tenant,
        &mailer,
        &Notice {
            campus_id: None,
            sent_by: Some(director),
            subject: "Walkthrough of 7B",
            body: "Vibes: 2 of 5",
            recipients: &recipients,
            personal: true,
        },
    )
    .expect("notify");
}

/// The ids and markers of personal rows a page shows.
fn shown(body: &str, known: &HashSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = body.as_bytes();
    // Markers: `rowmark` and 32 hex digits.
    let mut at = 0;
    while let Some(i) = body[at..].find("rowmark") {
        let start = at + i + "rowmark".len();
        if let Some(hex) = body.get(start..start + 32) {
            found.insert(hex.to_owned());
        }
        at = start;
    }
    // Ids as links and values carry them: 36 characters with hyphens.
    for i in 0..bytes.len().saturating_sub(35) {
        if bytes[i + 8] == b'-'
            && bytes[i + 13] == b'-'
            && bytes[i + 18] == b'-'
            && bytes[i + 23] == b'-'
            && let Some(candidate) = body.get(i..i + 36)
        {
            let simple = candidate.replace('-', "");
            if known.contains(&simple) {
                found.insert(simple);
            }
        }
    }
    found.retain(|id| known.contains(id));
    found
}

/// The table a path's `{param}` names.
pub(crate) fn table_for(path: &str) -> Option<&'static str> {
    let before = path[..path.find('{')?].trim_end_matches('/');
    let segment = before.rsplit('/').next()?;
    Some(match segment {
        "walkthroughs" | "walkthrough-checkins" => "walkthrough_checkins",
        "teachers" | "staff" => "staff",
        "campuses" => "campuses",
        "students" => "students",
        "classes" => "classes",
        "class-subjects" => "class_subjects",
        "files" => "file",
        "inbox" => "message_recipients",
        "users" => "users",
        "roles" => "roles",
        other => {
            return ENGINE_TABLES
                .iter()
                .copied()
                .find(|t| t.replace('_', "-") == other);
        }
    })
}

/// Every table the record engine serves, by the path segment of its pages.
const ENGINE_TABLES: &[&str] = &[
    "campuses",
    "students",
    "guardians",
    "staff",
    "academic_years",
    "grades",
    "subjects",
    "classes",
    "class_enrollments",
    "class_subjects",
    "timetables",
    "timetable_periods",
    "assessments",
    "assessment_results",
    "attendance_sessions",
    "attendance_records",
    "campus_attendance_config",
    "campus_attendance_summaries",
    "staff_attendance_records",
    "fee_plans",
    "invoices",
    "payments",
    "messages",
    "message_recipients",
    "communication_events",
    "content_catalog",
    "documents",
    "frame_entries",
    "user_progress",
    "safety_quiz_results",
    "personality_quiz_results",
    "walkthrough_checkins",
    "organizations",
    "login_history",
    "audit_log",
    "sync_logs",
    "scheduled_tasks",
];

/// Ids to put in a route's `{param}`: for personal tables the rows the role may not
/// read and a few it may; for the classes, students and staff whose pages show
/// attendance and visits, many; for the rest a few of the organization's.
pub(crate) fn candidates(
    conn: &mut PgConnection,
    table: &str,
    org: Uuid,
    allowed: &BTreeMap<&str, BTreeSet<Uuid>>,
    forbidden: &BTreeMap<&str, BTreeSet<Uuid>>,
) -> Vec<Uuid> {
    if let (Some(no), Some(yes)) = (forbidden.get(table), allowed.get(table)) {
        return no
            .iter()
            .take(12)
            .chain(yes.iter().take(3))
            .copied()
            .collect();
    }
    let limit = match table {
        "classes" | "class_subjects" | "staff" => 60,
        "students" => 12,
        _ => 3,
    };
    let has_org: bool = !matches!(
        table,
        "organizations" | "roles" | "content_catalog" | "scheduled_tasks"
    );
    let sql = if has_org {
        format!(
            "SELECT id FROM {table} WHERE organization_id = $1 AND $2 = $2 ORDER BY id LIMIT {limit}"
        )
    } else {
        format!("SELECT id FROM {table} WHERE $1 = $1 AND $2 = $2 ORDER BY id LIMIT {limit}")
    };
    ids(conn, &sql, org, Uuid::nil()).into_iter().collect()
}

/// Links to a record's tabs, so every tab is visited too.
fn tab_links(body: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(body);
    let links = scraper::Selector::parse("a[href*='tab=']").expect("selector");
    doc.select(&links)
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with('/'))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

struct Sweep {
    pages: usize,
    /// Personal rows seen, by table, whatever the role.
    seen: BTreeMap<&'static str, usize>,
    leaks: Vec<String>,
}

async fn sweep_as(app: &TestApp, who: DemoUser) -> Sweep {
    let client = app.signed_in(who).await;
    let mut conn = app.conn();
    let user = user_id(&mut conn, who.email());
    let org: Uuid = {
        use homeroom::db::schema::auth_refresh_tokens as t;
        t::table
            .filter(t::user_id.eq(user))
            .order(t::created_at.desc())
            .select(t::organization_id)
            .first::<Option<Uuid>>(&mut conn)
            .expect("session")
            .expect("the session acts in an organization")
    };
    let reach = reach_of(who);
    let mut allowed_rows = BTreeMap::new();
    let mut forbidden_rows = BTreeMap::new();
    let mut table_of_row: std::collections::HashMap<String, &'static str> = Default::default();
    for (table, _) in PERSONAL {
        let all = ids(
            &mut conn,
            &format!("SELECT id FROM {table} WHERE $1 = $1 AND $2 = $2"),
            org,
            user,
        );
        let yes = allowed(&mut conn, table, reach, org, user);
        let no: BTreeSet<Uuid> = all.difference(&yes).copied().collect();
        for id in &all {
            table_of_row.insert(id.simple().to_string(), *table);
        }
        allowed_rows.insert(*table, yes);
        forbidden_rows.insert(*table, no);
    }
    let forbidden: HashSet<String> = forbidden_rows
        .values()
        .flatten()
        .map(|id| id.simple().to_string())
        .collect();
    let known: HashSet<String> = table_of_row.keys().cloned().collect();

    // Pages without a parameter are also asked for as htmx fragments.
    let mut queue: Vec<(String, bool)> = Vec::new();
    for route in route_table() {
        if route.method.as_str() != "GET" || route.path.starts_with("/static/") {
            continue;
        }
        if !route.path.contains('{') {
            queue.push((route.path.to_owned(), false));
            queue.push((route.path.to_owned(), true));
            continue;
        }
        let Some(table) = table_for(route.path) else {
            continue;
        };
        for id in candidates(&mut conn, table, org, &allowed_rows, &forbidden_rows) {
            queue.push((crate::common::fill_path(route.path, &id.to_string()), false));
        }
    }
    drop(conn);

    let mut sweep = Sweep {
        pages: 0,
        seen: BTreeMap::new(),
        leaks: Vec::new(),
    };
    let mut visited: HashSet<String> = HashSet::new();
    while let Some((path, fragment)) = queue.pop() {
        if !visited.insert(format!("{fragment}{path}")) {
            continue;
        }
        // A kept-alive connection the server closes just as the next request goes out
        // fails without an answer; that request is sent once more on a fresh one.
        let mut answer = None;
        let mut failure = String::new();
        for _ in 0..2 {
            let mut request = client.get(app.url(&path));
            if fragment {
                request = request.header("HX-Request", "true");
            }
            match request.send().await {
                Ok(response) => {
                    answer = Some(response);
                    break;
                }
                Err(e) => failure = e.to_string(),
            }
        }
        let Some(response) = answer else {
            sweep.leaks.push(format!("{path}: no answer ({failure})"));
            continue;
        };
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        sweep.pages += 1;
        assert!(status < 500, "{who:?} GET {path} answered {status}");
        for row in shown(&body, &known) {
            let table = table_of_row[&row];
            *sweep.seen.entry(table).or_default() += 1;
            if forbidden.contains(&row) {
                sweep.leaks.push(format!(
                    "{who:?} sees {table} {row} on GET {path} (HX-Request: {fragment})"
                ));
            }
        }
        if status == 200 && !fragment {
            for tab in tab_links(&body) {
                queue.push((tab, false));
            }
        }
    }
    sweep
}

#[actix_web::test]
async fn every_page_shows_each_role_only_the_personal_rows_its_rule_allows() {
    let app = spawn_app().await;
    plant(&app);
    {
        // The office reads the school's messages, but not the teacher's personal notice.
        let mut conn = app.conn();
        let northwind = organization_id(&mut conn, "Northwind Academy");
        let office = user_id(&mut conn, DemoUser::Office.email());
        let all = ids(
            &mut conn,
            "SELECT id FROM messages WHERE organization_id = $1 AND $2 = $2",
            northwind,
            office,
        );
        let readable = allowed(&mut conn, "messages", Reach::Office, northwind, office);
        assert!(
            all.difference(&readable).count() > 0,
            "the sweep plants a personal message the office may not read"
        );
    }
    let mut pages = 0;
    let mut leaks = Vec::new();
    for who in DemoUser::ALL {
        let sweep = sweep_as(&app, who).await;
        pages += sweep.pages;
        if who == DemoUser::Admin {
            // The sweep reaches every personal table: as an administrator it sees them all.
            for (table, _) in PERSONAL {
                assert!(
                    sweep.seen.get(table).copied().unwrap_or(0) > 0,
                    "the sweep never shows a row of {table}, so it could not catch a leak there"
                );
            }
        }
        if who == DemoUser::Teacher {
            for table in [
                "walkthrough_checkins",
                "attendance_records",
                "user_progress",
            ] {
                assert!(
                    sweep.seen.get(table).copied().unwrap_or(0) > 0,
                    "the teacher sees their own {table}"
                );
            }
        }
        leaks.extend(sweep.leaks);
    }
    eprintln!(
        "row visibility sweep: {pages} pages over {} roles",
        DemoUser::ALL.len()
    );
    assert!(
        leaks.is_empty(),
        "{} pages show rows their reader may not read:\n{}",
        leaks.len(),
        leaks
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[actix_web::test]
async fn a_teacher_reads_only_the_walkthroughs_of_their_own_classroom_through_the_record_pages() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let mut conn = app.conn();
    let org = organization_id(&mut conn, "Northwind Academy");
    let user = user_id(&mut conn, DemoUser::Teacher.email());
    let others: Vec<Uuid> = ids(
        &mut conn,
        &format!(
            "SELECT id FROM walkthrough_checkins WHERE organization_id = $1 AND deleted_at IS NULL \
             AND teacher_id NOT IN ({OWN_STAFF}) ORDER BY id LIMIT 5"
        ),
        org,
        user,
    )
    .into_iter()
    .collect();
    assert!(!others.is_empty(), "the demo has visits to other teachers");
    let list = app.page(&teacher, "/walkthrough-checkins").await;
    let export = app.page(&teacher, "/walkthrough-checkins/export.csv").await;
    for id in &others {
        assert!(
            !list.contains(&id.to_string()),
            "the list shows another teacher's visit"
        );
        let page = app
            .get(&teacher, &format!("/walkthrough-checkins/{id}"))
            .await;
        assert_eq!(page.status(), 404, "another teacher's visit is not found");
    }
    let rows_exported = csv::Reader::from_reader(export.as_bytes())
        .records()
        .count() as i64;
    let own: i64 = diesel::sql_query(format!(
        "SELECT count(*)::int8 AS n FROM walkthrough_checkins WHERE organization_id = $1 \
         AND deleted_at IS NULL AND teacher_id IN ({OWN_STAFF})"
    ))
    .bind::<SqlUuid, _>(org)
    .bind::<SqlUuid, _>(user)
    .get_result::<Count>(&mut conn)
    .expect("count")
    .n;
    assert_eq!(
        rows_exported, own,
        "the export holds exactly the teacher's own visits"
    );
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

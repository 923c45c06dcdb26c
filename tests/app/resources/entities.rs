//! One driver for every described entity: a permitted role creates the record,
//! finds it by search and by a filter, edits, deletes and restores it, and a role
//! without the permission is refused. A new entity adds one `Sample`.

use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use homeroom::access::Action;
use homeroom::access::roles::BuiltinRole;
use homeroom::resources::Mode;

use super::{created_id, form_fields, id_of, northwind_id, value_of, with};
use crate::common::fixtures::{SessionBuilder, StudentBuilder, SubjectBuilder, first_class};
use crate::common::{DemoUser, TestApp, spawn_app};

/// What the driver needs to know about one entity.
struct Sample {
    path: &'static str,
    table: &'static str,
    /// Valid form values (relations by id, found in the demo data).
    form: fn(&mut PgConnection) -> Vec<(&'static str, String)>,
    /// A word that finds the new record.
    search: &'static str,
    /// A filter that keeps the new record, and one that leaves it out (subjects
    /// have nothing to filter by).
    filter: Option<(&'static str, &'static str)>,
    /// A field to change on edit, its new value, and the column to check.
    edit: (&'static str, &'static str),
}

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

fn first(conn: &mut PgConnection, table: &str) -> String {
    id_of(
        conn,
        &format!(
            "SELECT id FROM {table} WHERE organization_id = {NW} AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1"
        ),
    )
}

fn owned(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

const SAMPLES: &[Sample] = &[
    Sample {
        path: "/campuses",
        table: "campuses",
        form: |_| {
            owned(&[
                ("name", "Harbour Campus"),
                ("code", "HRB-9"),
                ("active", "on"),
            ])
        },
        search: "Harbour",
        filter: Some(("active=true", "active=false")),
        edit: ("name", "Harbour View Campus"),
    },
    Sample {
        path: "/students",
        table: "students",
        form: |c| {
            let campus = first(c, "campuses");
            vec![
                ("student_number", "T-90001".into()),
                ("first_name", "Zephyrine".into()),
                ("last_name", "Okonkwo".into()),
                ("gender", "female".into()),
                ("date_of_birth", "2014-03-09".into()),
                ("campus_id", campus),
                ("enrollment_date", "2026-09-01".into()),
                ("status", "applicant".into()),
                ("email", "zephyrine@family.test".into()),
            ]
        },
        search: "Zephyrine",
        filter: Some(("status=applicant", "status=withdrawn")),
        edit: ("last_name", "Okonkwo-Reyes"),
    },
    Sample {
        path: "/guardians",
        table: "guardians",
        form: |c| {
            let student = first(c, "students");
            vec![
                ("full_name", "Bartholomew Quince".into()),
                ("student_id", student),
                ("relationship", "grandparent".into()),
                ("phone", "+1 555 0100".into()),
            ]
        },
        search: "Quince",
        filter: Some(("relationship=grandparent", "relationship=mother")),
        edit: ("phone", "+1 555 0199"),
    },
    Sample {
        path: "/guardian-people",
        table: "guardian_people",
        form: |_| {
            vec![
                ("full_name", "Perpetua Lindqvist".into()),
                ("email", "perpetua.lindqvist@family.test".into()),
                ("phone", "+1 555 0171".into()),
            ]
        },
        search: "Lindqvist",
        filter: None,
        edit: ("phone", "+1 555 0177"),
    },
    Sample {
        path: "/families",
        table: "families",
        form: |_| {
            vec![
                ("name", "Oduya-Lindqvist".into()),
                ("address", "4 Quay Row".into()),
            ]
        },
        search: "Oduya",
        filter: None,
        edit: ("address", "12 Harbour Lane"),
    },
    Sample {
        path: "/staff",
        table: "staff",
        form: |c| {
            let campus = first(c, "campuses");
            vec![
                ("employee_number", "E-7777".into()),
                ("first_name", "Ottoline".into()),
                ("last_name", "Marchetti".into()),
                ("staff_type", "counselor".into()),
                ("campus_id", campus),
                ("hire_date", "2025-08-15".into()),
                ("status", "active".into()),
            ]
        },
        search: "Ottoline",
        filter: Some(("staff_type=counselor", "staff_type=support")),
        edit: ("job_title", "School counselor"),
    },
    Sample {
        path: "/academic-years",
        table: "academic_years",
        form: |_| {
            owned(&[
                ("name", "2031–2032"),
                ("start_date", "2031-09-01"),
                ("end_date", "2032-06-30"),
            ])
        },
        search: "2031",
        filter: Some(("start_date_from=2031-01-01", "start_date_to=2030-12-31")),
        edit: ("end_date", "2032-07-15"),
    },
    Sample {
        path: "/academic-terms",
        table: "academic_terms",
        // The demo year's terms fill it, so the new term goes in a year of its own.
        form: |c| {
            let year = id_of(
                c,
                &format!(
                    "WITH y AS (INSERT INTO academic_years (organization_id, name, start_date, end_date) \
                     SELECT {NW}, '2040–2041', '2040-09-01', '2041-06-30' ON CONFLICT DO NOTHING RETURNING id) \
                     SELECT id FROM y UNION ALL SELECT id FROM academic_years \
                     WHERE organization_id = {NW} AND name = '2040–2041' LIMIT 1"
                ),
            );
            vec![
                ("academic_year_id", year),
                ("name", "Autumn Intensive".into()),
                ("starts_on", "2040-09-01".into()),
                ("ends_on", "2040-11-30".into()),
            ]
        },
        search: "Intensive",
        filter: Some(("starts_on_from=2040-01-01", "starts_on_to=2039-12-31")),
        edit: ("ends_on", "2040-12-15"),
    },
    Sample {
        path: "/grades",
        table: "grades",
        form: |_| {
            owned(&[
                ("name", "Pre-Kindergarten"),
                ("code", "PK"),
                ("sort_order", "0"),
            ])
        },
        search: "Pre-Kinder",
        filter: Some(("sort_order_to=0", "sort_order_from=1")),
        edit: ("description", "Four-year-olds"),
    },
    Sample {
        path: "/subjects",
        table: "subjects",
        form: |_| owned(&[("name", "Astronomy"), ("code", "AST")]),
        search: "Astronomy",
        filter: None,
        edit: ("code", "ASTR"),
    },
    Sample {
        path: "/classes",
        table: "classes",
        form: |c| {
            vec![
                ("name", "Robotics Club".into()),
                ("section", "R".into()),
                ("campus_id", first(c, "campuses")),
                ("academic_year_id", first(c, "academic_years")),
                ("grade_id", first(c, "grades")),
                ("capacity", "18".into()),
                ("status", "archived".into()),
            ]
        },
        search: "Robotics",
        filter: Some(("status=archived", "status=active")),
        edit: ("capacity", "24"),
    },
    Sample {
        path: "/class-enrollments",
        table: "class_enrollments",
        form: |c| {
            let student = id_of(
                c,
                &format!(
                    "SELECT id FROM students WHERE organization_id = {NW} AND last_name = 'Okafor-Lindqvist' LIMIT 1"
                ),
            );
            vec![
                ("student_id", student),
                ("class_id", first(c, "classes")),
                ("enrolled_on", "2026-09-01".into()),
                ("status", "dropped".into()),
            ]
        },
        search: "Okafor-Lindqvist",
        filter: Some(("status=dropped", "status=completed")),
        edit: ("ended_on", "2026-12-20"),
    },
    Sample {
        path: "/class-subjects",
        table: "class_subjects",
        form: |c| {
            let subject = id_of(
                c,
                &format!(
                    "SELECT id FROM subjects WHERE organization_id = {NW} AND name = 'Cartography' LIMIT 1"
                ),
            );
            vec![
                ("class_id", first(c, "classes")),
                ("subject_id", subject),
                ("status", "inactive".into()),
            ]
        },
        search: "Cartography",
        filter: Some(("status=inactive", "status=active")),
        edit: ("status", "active"),
    },
    Sample {
        path: "/communication-events",
        table: "communication_events",
        form: |_| {
            owned(&[
                ("title", "Lantern walk"),
                ("event_date", "2026-12-03"),
                ("event_type", "Community"),
            ])
        },
        search: "Lantern",
        filter: Some(("event_date_from=2026-12-01", "event_date_from=2026-12-04")),
        edit: ("title", "Lantern walk and cocoa"),
    },
    Sample {
        path: "/documents",
        table: "documents",
        form: |_| {
            owned(&[
                ("name", "Allergy action plan for Zora"),
                ("category", "medical"),
                ("entity_type", "student"),
                ("entity_reference", "S-1001"),
                ("notes", "Signed by the family doctor."),
            ])
        },
        search: "Allergy",
        filter: Some(("category=medical", "category=legal")),
        edit: ("name", "Allergy action plan for Zora (2027)"),
    },
    Sample {
        path: "/walkthrough-checkins",
        table: "walkthrough_checkins",
        form: |_| {
            owned(&[
                ("check_in_date", "2026-11-30"),
                ("check_in_time", "10:15"),
                ("teacher_name", "Bartholomew Finch"),
                ("classroom", "Room 12"),
                ("director_name", "Ada Okoro"),
                ("attitude_rating", "4"),
                ("classroom_management_rating", "5"),
                ("cleanliness_rating", "3"),
                ("vibes_rating", "4"),
                ("team_dynamics_rating", "4"),
                ("emergency_exit_rating", "5"),
                ("lesson_plan_rating", "4"),
            ])
        },
        search: "Bartholomew",
        filter: Some((
            "check_in_date_from=2026-11-29",
            "check_in_date_from=2026-12-01",
        )),
        edit: ("classroom", "Room 14"),
    },
    Sample {
        path: "/organizations",
        table: "organizations",
        form: |_| {
            owned(&[
                ("name", "Lakeside Preparatory"),
                ("time_zone", "Europe/Lisbon"),
                ("email_sender", "office@lakeside.test"),
                ("brand_color", "#225588"),
                ("settings", "{}"),
            ])
        },
        search: "Lakeside",
        filter: None,
        edit: ("name", "Lakeside Preparatory School"),
    },
    Sample {
        path: "/timetables",
        table: "timetables",
        form: |c| {
            vec![
                ("name", "Winter Electives".into()),
                ("campus_id", first(c, "campuses")),
                ("academic_year_id", first(c, "academic_years")),
                ("effective_from", "2027-01-04".into()),
                ("effective_to", "2027-03-26".into()),
                ("status", "archived".into()),
            ]
        },
        search: "Electives",
        filter: Some(("status=archived", "status=draft")),
        edit: ("effective_to", "2027-04-16"),
    },
    Sample {
        path: "/timetable-periods",
        table: "timetable_periods",
        form: |c| {
            vec![
                ("timetable_id", first(c, "timetables")),
                ("class_subject_id", first(c, "class_subjects")),
                ("day_of_week", "sunday".into()),
                ("starts_at", "07:15".into()),
                ("ends_at", "07:55".into()),
                ("room", "Observatory".into()),
            ]
        },
        search: "Observatory",
        filter: Some(("day_of_week=sunday", "day_of_week=monday")),
        edit: ("room", "Observatory Deck"),
    },
    Sample {
        path: "/assessments",
        table: "assessments",
        form: |c| {
            vec![
                ("name", "Comet Sketchbook".into()),
                ("class_subject_id", first(c, "class_subjects")),
                ("assessment_type", "project".into()),
                ("due_at", "2026-12-01T09:00".into()),
                ("max_score", "40".into()),
                ("status", "draft".into()),
            ]
        },
        search: "Comet",
        filter: Some(("assessment_type=project", "assessment_type=quiz")),
        edit: ("instructions", "Sketch three comets"),
    },
    Sample {
        path: "/assessment-results",
        table: "assessment_results",
        form: |c| {
            vec![
                // Out of 10, 6.10 is 61 %: a D- on the school's scale.
                (
                    "assessment_id",
                    id_of(
                        c,
                        &format!(
                            "SELECT id FROM assessments WHERE organization_id = {NW} \
                             AND max_score = 10 AND deleted_at IS NULL ORDER BY id LIMIT 1"
                        ),
                    ),
                ),
                ("student_id", lone_student(c)),
                ("score", "6.10".into()),
            ]
        },
        search: "Okafor-Lindqvist",
        filter: Some(("grade_letter=D-", "grade_letter=B")),
        edit: ("remarks", "Handed in late"),
    },
    Sample {
        path: "/attendance-sessions",
        table: "attendance_sessions",
        form: |c| {
            vec![
                ("class_id", first(c, "classes")),
                ("session_date", "2031-05-05".into()),
                ("session_type", "event".into()),
            ]
        },
        search: "2031-05-05",
        filter: Some(("session_type=event", "session_type=daily")),
        edit: ("notes", "Science fair"),
    },
    Sample {
        path: "/attendance-records",
        table: "attendance_records",
        form: |c| {
            let session = id_of(
                c,
                &format!(
                    "SELECT id FROM attendance_sessions WHERE organization_id = {NW} AND session_date = '2031-05-06'"
                ),
            );
            vec![
                ("attendance_session_id", session),
                ("student_id", lone_student(c)),
                ("status", "late".into()),
                ("minutes_late", "12".into()),
            ]
        },
        search: "Okafor-Lindqvist",
        filter: Some(("status=late", "status=absent")),
        edit: ("minutes_late", "20"),
    },
    Sample {
        path: "/campus-attendance-config",
        table: "campus_attendance_config",
        form: |c| {
            let campus = id_of(
                c,
                &format!("SELECT id FROM campuses WHERE organization_id = {NW} AND code = 'HRB-9'"),
            );
            vec![
                ("campus_id", campus),
                ("school_starts_at", "08:00".into()),
                ("daily_roll_deadline", "09:00".into()),
                ("period_roll_grace_minutes", "25".into()),
                (
                    "attendance_link",
                    "https://roll.example.test/harbour".into(),
                ),
            ]
        },
        search: "HRB-9",
        filter: Some((
            "period_roll_grace_minutes_from=25",
            "period_roll_grace_minutes_to=24",
        )),
        edit: ("period_roll_grace_minutes", "40"),
    },
    Sample {
        path: "/staff-attendance-records",
        table: "staff_attendance_records",
        form: |c| {
            vec![
                ("staff_id", first(c, "staff")),
                ("attendance_date", "2031-05-07".into()),
                ("status", "late".into()),
                ("checked_in_at", "2031-05-07T08:47".into()),
                ("note", "Train delay".into()),
            ]
        },
        search: "Train",
        filter: Some(("status=late", "status=absent")),
        edit: ("note", "Train delay at the junction"),
    },
    Sample {
        path: "/fee-plans",
        table: "fee_plans",
        form: |_| {
            owned(&[
                ("name", "Observatory Levy"),
                ("billing_cycle", "quarterly"),
                ("total_amount", "85.00"),
                ("active", "on"),
            ])
        },
        search: "Levy",
        filter: Some(("billing_cycle=quarterly", "billing_cycle=monthly")),
        edit: ("total_amount", "90.00"),
    },
    Sample {
        path: "/invoices",
        table: "invoices",
        form: |c| {
            vec![
                ("student_id", lone_student(c)),
                ("issue_date", "2031-01-10".into()),
                ("due_date", "2031-02-10".into()),
                ("subtotal", "500.00".into()),
                ("discount_amount", "50.00".into()),
                ("status", "issued".into()),
                ("notes", "Observatory trip".into()),
            ]
        },
        search: "INV-2031",
        filter: Some(("status=issued", "status=paid")),
        edit: ("notes", "Observatory trip, two nights"),
    },
    Sample {
        path: "/payments",
        table: "payments",
        form: |c| {
            let invoice = id_of(
                c,
                &format!(
                    "SELECT id FROM invoices WHERE organization_id = {NW} AND invoice_number = 'INV-2031-00001'"
                ),
            );
            vec![
                ("invoice_id", invoice),
                ("paid_at", "2031-01-15T10:00".into()),
                ("amount", "100.00".into()),
                ("method", "cash".into()),
            ]
        },
        search: "RCT-2031",
        filter: Some(("method=cash", "method=card")),
        edit: ("reference_code", "DESK-7"),
    },
];

/// The student `prepare` adds, who has no classes, marks, results or invoices yet.
fn lone_student(conn: &mut PgConnection) -> String {
    id_of(
        conn,
        &format!(
            "SELECT id FROM students WHERE organization_id = {NW} AND last_name = 'Okafor-Lindqvist' LIMIT 1"
        ),
    )
}

/// Demo rows some samples need that the demo school does not have.
fn prepare(conn: &mut PgConnection) {
    let northwind = northwind_id(conn);
    // A student without enrolments.
    StudentBuilder::new(northwind)
        .named("Ingrid", "Okafor-Lindqvist")
        .insert(conn);
    // A subject no class has.
    SubjectBuilder::new(northwind, "Cartography").insert(conn);
    // A daily roll nobody has marked.
    let class = first_class(conn, northwind);
    SessionBuilder::daily(northwind, class)
        .on(NaiveDate::from_ymd_opt(2031, 5, 6).expect("a date"))
        .insert(conn);
}

async fn lists(app: &TestApp, client: &reqwest::Client, path: &str, query: &str) -> String {
    let response = app.get(client, &format!("{path}?{query}")).await;
    assert_eq!(response.status(), 200, "{path}?{query}");
    response.text().await.expect("list")
}

/// Who may write the records, and who is refused: install-wide records are the
/// global user's, which a school's administrator may not change; elsewhere the
/// first of the teacher, the office and the accountant who may not add them.
fn roles(table: &str) -> (DemoUser, DemoUser) {
    let resource = homeroom::resources::entities::ALL
        .iter()
        .find(|r| r.table() == table)
        .unwrap_or_else(|| panic!("{table} is described"));
    if matches!(resource.mode, Mode::InstallWide { .. }) {
        return (DemoUser::Root, DemoUser::Admin);
    }
    let create = resource.permission(Action::Create);
    let refused = [
        (DemoUser::Teacher, BuiltinRole::Teacher),
        (DemoUser::Office, BuiltinRole::FrontOffice),
        (DemoUser::Accountant, BuiltinRole::Accountant),
    ]
    .into_iter()
    .find(|(_, role)| !role.permissions().contains(create))
    .map(|(user, _)| user)
    .unwrap_or_else(|| panic!("someone may not add {table}"));
    (DemoUser::Admin, refused)
}

async fn drive(app: &TestApp, sample: &Sample) {
    let path = sample.path;
    let (permitted, refused_as) = roles(sample.table);
    let admin = app.signed_in(permitted).await;
    let outsider = app.signed_in(refused_as).await;
    let form: Vec<(&str, String)> = (sample.form)(&mut app.conn());
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = crate::common::count(&mut app.conn(), sample.table);

    // The refused role (one without the permission, or a school's administrator
    // for install-wide records) may not add records here.
    assert_eq!(
        app.get(&outsider, &format!("{path}/new")).await.status(),
        403,
        "{path}/new"
    );
    let token = crate::common::csrf_token(&app.page(&outsider, "/").await).expect("token");
    let refused = outsider
        .post(app.url(path))
        .header("X-CSRF-Token", token)
        .form(&fields)
        .send()
        .await
        .expect("POST");
    assert_eq!(
        refused.status(),
        403,
        "POST {path} as {}",
        refused_as.email()
    );
    assert_eq!(crate::common::count(&mut app.conn(), sample.table), before);

    // Create.
    let response = app
        .submit(&admin, &format!("{path}/new"), path, &fields)
        .await;
    if response.status() != 303 {
        let page = response.text().await.unwrap_or_default();
        panic!("POST {path} {fields:?} was refused: {page}");
    }
    let id: Uuid = created_id(&response, path);
    let record = format!("{path}/{id}");
    let page = app.page(&admin, &record).await;
    assert!(page.contains("Created"), "{record} shows its history");

    // Find it by search, and by a filter.
    let q = format!("q={}", sample.search);
    assert!(
        lists(app, &admin, path, &q).await.contains(&record),
        "{path}?{q}"
    );
    if let Some((keeps, drops)) = sample.filter {
        let kept = lists(app, &admin, path, &format!("{q}&{keeps}")).await;
        assert!(kept.contains(&record), "{path}?{q}&{keeps}");
        let dropped = lists(app, &admin, path, &format!("{q}&{drops}")).await;
        assert!(!dropped.contains(&record), "{path}?{q}&{drops}");
    }

    // Edit.
    let (field, value) = sample.edit;
    let current = form_fields(app, &admin, &format!("{record}/edit"), &record).await;
    let edited = with(current, field, value);
    let response = admin
        .post(app.url(&record))
        .form(&edited)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303, "POST {record} {edited:?}");
    let stored = value_of(
        &mut app.conn(),
        &format!(
            "SELECT {field}::text AS value FROM {} WHERE id = '{id}'",
            sample.table
        ),
    );
    assert_eq!(stored.as_deref(), Some(value), "{record} saved {field}");

    // Delete, then restore.
    let delete = form_fields(
        app,
        &admin,
        &format!("{record}/delete"),
        &format!("{record}/delete"),
    )
    .await;
    let response = admin
        .post(app.url(&format!("{record}/delete")))
        .form(&delete)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303, "delete {record}");
    let deleted = value_of(
        &mut app.conn(),
        &format!(
            "SELECT deleted_at::text AS value FROM {} WHERE id = '{id}'",
            sample.table
        ),
    );
    assert!(deleted.is_some(), "{record} is in the trash, not gone");
    assert!(!lists(app, &admin, path, &q).await.contains(&record));
    assert!(
        app.page(&admin, &format!("{path}/trash"))
            .await
            .contains(&record)
    );
    let restore = form_fields(
        app,
        &admin,
        &format!("{path}/trash"),
        &format!("{record}/restore"),
    )
    .await;
    let response = admin
        .post(app.url(&format!("{record}/restore")))
        .form(&restore)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303, "restore {record}");
    assert!(lists(app, &admin, path, &q).await.contains(&record));

    // The audit trail has all four steps, by the administrator.
    let actions = value_of(
        &mut app.conn(),
        &format!(
            "SELECT string_agg(a.action::text, ',' ORDER BY a.created_at) AS value FROM audit_log a \
             JOIN users u ON u.id = a.user_id WHERE a.row_id = '{id}' AND u.email = '{}'",
            permitted.email()
        ),
    );
    assert_eq!(
        actions.as_deref(),
        Some("create,update,delete,restore"),
        "{record}"
    );
    let history = app.page(&admin, &record).await;
    for word in ["Created", "Changed", "Deleted", "Restored"] {
        assert!(history.contains(word), "{record} history says {word}");
    }
}

#[actix_web::test]
async fn every_entity_is_created_found_edited_deleted_and_restored_by_a_permitted_role() {
    let app = spawn_app().await;
    prepare(&mut app.conn());
    for sample in SAMPLES {
        drive(&app, sample).await;
    }
    let mut described: Vec<&str> = homeroom::resources::entities::ALL
        .iter()
        .filter(|r| matches!(r.mode, Mode::Tenant | Mode::InstallWide { .. }))
        .map(|r| r.table())
        .collect();
    let mut sampled: Vec<&str> = SAMPLES.iter().map(|s| s.table).collect();
    described.sort_unstable();
    sampled.sort_unstable();
    assert_eq!(described, sampled, "every editable entity has a sample");
}

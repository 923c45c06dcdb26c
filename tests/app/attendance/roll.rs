//! Taking a roll: the teacher's day, marks with minutes late, re-saves, strangers,
//! permissions, the campus summary, and the tablet's queued marks.

use diesel::prelude::*;
use homeroom::db::schema::users;
use serde_json::json;
use uuid::Uuid;

use super::{form_fields, post_marks, post_roll, records, teachers_roll};
use crate::common::fixtures::RoleBuilder;
use crate::common::{DEMO_PASSWORD, DemoUser, count, spawn_app};

#[actix_web::test]
async fn a_teacher_lands_on_today_and_sees_each_roll_with_its_state() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app
        .sign_in(&client, DemoUser::Teacher.email(), DEMO_PASSWORD)
        .await;
    assert_eq!(response.headers()["location"], "/today");
    let director = app.client();
    let response = app
        .sign_in(&director, DemoUser::Director.email(), DEMO_PASSWORD)
        .await;
    assert_eq!(
        response.headers()["location"],
        "/",
        "a director lands on the dashboard"
    );

    // The demo teacher's class meets every day of the week (a weekend study hall),
    // so whichever day the calendar is pinned to, the daily roll is on today's list.
    let roll = teachers_roll(&app);
    let html = app.page(&client, "/today").await;
    let link = format!(r#"href="{}?date={}""#, roll.path, roll.date);
    assert!(html.contains(&link), "today links to the daily roll");
    assert!(html.contains("Daily roll"));
    assert!(html.contains("Not taken"));

    // Three marked: partly taken; everyone marked: taken, at the school's time.
    let some: Vec<_> = roll.students[..3]
        .iter()
        .map(|s| (*s, "present", None))
        .collect();
    let saved = post_roll(&app, &client, &roll, &form_fields(&roll, &some)).await;
    assert_eq!(saved.status(), 303);
    let html = app.page(&client, "/today").await;
    assert!(
        html.contains(&format!("Partly taken (3 of {})", roll.students.len())),
        "the daily roll is partly taken"
    );
    let mut all = form_fields(&roll, &[]);
    all.push(("intent".to_owned(), "all_present".to_owned()));
    assert_eq!(post_roll(&app, &client, &roll, &all).await.status(), 303);
    let html = app.page(&client, "/today").await;
    assert!(html.contains("Taken at "), "the daily roll is taken");
}

#[actix_web::test]
async fn teacher_marks_late_student_with_minutes() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let (late, absent) = (roll.students[0], roll.students[1]);
    let mut fields = form_fields(&roll, &[(absent, "absent", None)]);
    fields.push((format!("status-{late}"), "late".to_owned()));
    fields.push((format!("minutes-{late}"), "10".to_owned()));
    fields.push((format!("remarks-{late}"), "Bus was late".to_owned()));
    fields.push(("intent".to_owned(), "all_present".to_owned()));

    let response = post_roll(&app, &teacher, &roll, &fields).await;
    assert_eq!(response.status(), 303);
    let html = app
        .page(&teacher, &format!("{}?date={}", roll.path, roll.date))
        .await;
    assert!(html.contains(&format!(
        "Roll saved: {n} of {n} marked.",
        n = roll.students.len()
    )));

    let stored = records(&app, &roll);
    assert_eq!(stored.len(), roll.students.len(), "everyone is marked");
    let of = |id: Uuid| stored.iter().find(|r| r.student_id == id).expect("a mark");
    assert_eq!(of(late).status, "late");
    assert_eq!(of(late).minutes_late, Some(10));
    assert_eq!(of(late).remarks.as_deref(), Some("Bus was late"));
    assert_eq!(of(absent).status, "absent");
    assert_eq!(of(absent).minutes_late, None);
    assert_eq!(of(roll.students[2]).status, "present");

    // Reopening shows the saved marks, the 10 as its quick pick.
    assert!(html.contains(&format!(r#"name="status-{late}" value="late" checked"#)));
    assert!(html.contains(&format!(r#"name="minutes-{late}" value="10" checked"#)));
    assert!(html.contains(&format!(r#"name="status-{absent}" value="absent" checked"#)));
}

#[actix_web::test]
async fn resaving_a_roll_updates_the_marks_rather_than_duplicating_them() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let mut all = form_fields(&roll, &[]);
    all.push(("intent".to_owned(), "all_present".to_owned()));
    assert_eq!(post_roll(&app, &teacher, &roll, &all).await.status(), 303);
    let sessions = count(&mut app.conn(), "attendance_sessions");
    let marks = count(&mut app.conn(), "attendance_records");

    let first = roll.students[0];
    let fields = form_fields(&roll, &[(first, "late", Some("25"))]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    assert_eq!(post_roll(&app, &teacher, &roll, &all).await.status(), 303);

    assert_eq!(count(&mut app.conn(), "attendance_sessions"), sessions);
    assert_eq!(count(&mut app.conn(), "attendance_records"), marks);
    let stored = records(&app, &roll);
    let mark = stored.iter().find(|r| r.student_id == first).expect("mark");
    assert_eq!(
        (mark.status.as_str(), mark.minutes_late),
        ("late", Some(25)),
        "'mark all present' leaves marked students alone"
    );
}

#[actix_web::test]
async fn a_post_with_a_student_not_enrolled_in_the_class_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let stranger: Uuid = diesel::sql_query(
        "SELECT s.id FROM students s WHERE s.organization_id = \
           (SELECT organization_id FROM classes WHERE id = $1) \
         AND NOT EXISTS (SELECT 1 FROM class_enrollments e WHERE e.student_id = s.id AND e.class_id = $1) \
         LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(roll.class_id)
    .get_result::<IdRow>(&mut app.conn())
    .expect("a student of another class")
    .id;
    let before = count(&mut app.conn(), "attendance_records");

    let fields = form_fields(
        &roll,
        &[
            (roll.students[0], "present", None),
            (stranger, "absent", None),
        ],
    );
    let response = post_roll(&app, &teacher, &roll, &fields).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("page");
    assert!(html.contains("not enrolled in this class; nothing was saved"));

    let response = post_marks(
        &app,
        &teacher,
        &roll,
        &json!({"date": roll.date.to_string(), "sent_at": 0, "marks": [
            {"id": "a", "student_id": stranger, "status": "absent", "marked_at": 0}
        ]}),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["students"][0], json!(stranger));
    assert_eq!(count(&mut app.conn(), "attendance_records"), before);
    assert_eq!(count(&mut app.conn(), "absence_alerts"), 0);
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

#[actix_web::test]
async fn bad_minutes_come_back_with_the_teachers_marks_and_a_message() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let late = roll.students[0];
    let fields = form_fields(
        &roll,
        &[
            (late, "late", Some("700")),
            (roll.students[1], "absent", None),
        ],
    );
    let response = post_roll(&app, &teacher, &roll, &fields).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("page");
    assert!(html.contains("Minutes late must be a whole number from 0 to 600."));
    assert!(html.contains(&format!(r#"name="minutes_other-{late}" value="700""#)));
    assert!(html.contains(&format!(
        r#"name="status-{}" value="absent" checked"#,
        roll.students[1]
    )));
    assert!(records(&app, &roll).is_empty(), "nothing was stored");
}

#[actix_web::test]
async fn a_teacher_without_the_permission_to_mark_is_refused() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    {
        // A role that may read attendance but not record it.
        let mut conn = app.conn();
        let role = RoleBuilder::new("Observer")
            .granting("READ_ATTENDANCE_RECORDS")
            .insert(&mut conn);
        diesel::update(users::table.filter(users::email.eq(DemoUser::Teacher.email())))
            .set(users::app_role_id.eq(role))
            .execute(&mut conn)
            .expect("the teacher's new role");
    }
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let page = app
        .page(&teacher, &format!("{}?date={}", roll.path, roll.date))
        .await;
    assert!(page.contains("You can see this roll"));
    assert!(!page.contains("Mark all present"));

    let fields = form_fields(&roll, &[(roll.students[0], "present", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        403
    );
    let response = post_marks(
        &app,
        &teacher,
        &roll,
        &json!({"date": roll.date.to_string(), "sent_at": 0, "marks": [
            {"id": "a", "student_id": roll.students[0], "status": "present", "marked_at": 0}
        ]}),
    )
    .await;
    assert_eq!(response.status(), 403);
    assert!(records(&app, &roll).is_empty());
}

#[actix_web::test]
async fn a_teacher_cannot_take_the_roll_of_a_class_they_do_not_teach() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let mine = teachers_roll(&app);
    let other: Uuid = diesel::sql_query(
        "SELECT c.id FROM classes c WHERE c.campus_id = $1 AND c.id <> $2 \
           AND c.homeroom_teacher_id IS DISTINCT FROM (SELECT homeroom_teacher_id FROM classes WHERE id = $2) \
           AND NOT EXISTS (SELECT 1 FROM class_subjects cs WHERE cs.class_id = c.id \
                           AND cs.teacher_id = (SELECT homeroom_teacher_id FROM classes WHERE id = $2)) \
         LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(mine.campus_id)
    .bind::<diesel::sql_types::Uuid, _>(mine.class_id)
    .get_result::<IdRow>(&mut app.conn())
    .expect("a class the teacher does not teach")
    .id;
    let path = format!("/roll/classes/{other}");
    let html = app.page(&teacher, &path).await;
    assert!(html.contains("only its teachers"));
    let token = crate::common::csrf_token(&html).expect("token");
    let response = app
        .post_form(
            &teacher,
            &path,
            &[("csrf_token", &token), ("intent", "all_present")],
        )
        .await;
    assert_eq!(response.status(), 403);

    // An administrator, who manages classes, may take it.
    let admin = app.signed_in(DemoUser::Admin).await;
    let html = app.page(&admin, &path).await;
    let token = crate::common::csrf_token(&html).expect("token");
    let response = app
        .post_form(
            &admin,
            &path,
            &[("csrf_token", &token), ("intent", "all_present")],
        )
        .await;
    assert_eq!(response.status(), 303);
}

#[derive(QueryableByName, Debug, PartialEq)]
struct Summary {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_enrolled: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_present: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_absent: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_tardy: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    attendance_percentage: String,
}

fn summary_of(app: &crate::common::TestApp, campus: Uuid, date: chrono::NaiveDate) -> Summary {
    diesel::sql_query(
        "SELECT total_enrolled, total_present, total_absent, total_tardy, \
                attendance_percentage::text AS attendance_percentage \
         FROM campus_attendance_summaries \
         WHERE campus_id = $1 AND attendance_date = $2 AND deleted_at IS NULL",
    )
    .bind::<diesel::sql_types::Uuid, _>(campus)
    .bind::<diesel::sql_types::Date, _>(date)
    .get_result(&mut app.conn())
    .expect("the campus's summary for the day")
}

/// The summary as counted straight from the day's daily-roll marks.
fn counted(app: &crate::common::TestApp, campus: Uuid, date: chrono::NaiveDate) -> Summary {
    diesel::sql_query(
        "SELECT count(*)::int AS total_enrolled, \
                (count(*) FILTER (WHERE r.status = 'present'))::int AS total_present, \
                (count(*) FILTER (WHERE r.status IN ('absent', 'excused')))::int AS total_absent, \
                (count(*) FILTER (WHERE r.status = 'late'))::int AS total_tardy, \
                to_char(100.0 * count(*) FILTER (WHERE r.status IN ('present', 'late')) / count(*), 'FM990.00') \
                  AS attendance_percentage \
         FROM attendance_records r JOIN attendance_sessions s ON s.id = r.attendance_session_id \
         WHERE s.campus_id = $1 AND s.session_date = $2 AND s.session_type = 'daily' \
           AND r.deleted_at IS NULL AND s.deleted_at IS NULL",
    )
    .bind::<diesel::sql_types::Uuid, _>(campus)
    .bind::<diesel::sql_types::Date, _>(date)
    .get_result(&mut app.conn())
    .expect("counted")
}

/// Every figure of a campus's day as the dashboard reads it.
#[derive(QueryableByName, Debug, PartialEq)]
struct DayTotals {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_enrolled: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_present: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_absent: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_tardy: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_excused: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    attendance_percentage: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    students_enrolled: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    rolls_due: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    rolls_taken: i32,
}

/// The campus's day as stored, and the same day counted again in full from the
/// marks and enrolments (the recount is rolled back).
fn stored_and_recounted(
    app: &crate::common::TestApp,
    campus: Uuid,
    date: chrono::NaiveDate,
) -> (DayTotals, DayTotals) {
    fn read(
        conn: &mut PgConnection,
        campus: Uuid,
        date: chrono::NaiveDate,
    ) -> QueryResult<DayTotals> {
        diesel::sql_query(
            "SELECT total_enrolled, total_present, total_absent, total_tardy, total_excused, \
                    attendance_percentage::text AS attendance_percentage, \
                    students_enrolled, rolls_due, rolls_taken \
             FROM campus_attendance_summaries \
             WHERE campus_id = $1 AND attendance_date = $2 AND deleted_at IS NULL",
        )
        .bind::<diesel::sql_types::Uuid, _>(campus)
        .bind::<diesel::sql_types::Date, _>(date)
        .get_result(conn)
    }
    let mut both = None;
    let rolled_back = app
        .conn()
        .transaction::<(), diesel::result::Error, _>(|conn| {
            let stored = read(conn, campus, date)?;
            diesel::sql_query(
                "SELECT homeroom_refresh_attendance_summaries(organization_id, id, $2, $2) \
                 FROM campuses WHERE id = $1",
            )
            .bind::<diesel::sql_types::Uuid, _>(campus)
            .bind::<diesel::sql_types::Date, _>(date)
            .execute(conn)?;
            both = Some((stored, read(conn, campus, date)?));
            Err(diesel::result::Error::RollbackTransaction)
        });
    assert!(matches!(
        rolled_back,
        Err(diesel::result::Error::RollbackTransaction)
    ));
    both.expect("the day stored and recounted")
}

#[actix_web::test]
async fn the_campus_summary_matches_the_marks_after_every_save() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let s = &roll.students;
    let mut fields = form_fields(
        &roll,
        &[
            (s[0], "late", Some("5")),
            (s[1], "absent", None),
            (s[2], "excused", None),
        ],
    );
    fields.push(("intent".to_owned(), "all_present".to_owned()));
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let summary = summary_of(&app, roll.campus_id, roll.date);
    assert_eq!(summary, counted(&app, roll.campus_id, roll.date));
    let n = i32::try_from(s.len()).expect("a class");
    assert_eq!(summary.total_enrolled, n);
    assert_eq!(summary.total_present, n - 3);
    assert_eq!(summary.total_absent, 2);
    assert_eq!(summary.total_tardy, 1);
    let expected = format!("{:.2}", f64::from(n - 2) * 100.0 / f64::from(n));
    assert_eq!(summary.attendance_percentage, expected);

    // A correction moves the summary with it.
    let fields = form_fields(&roll, &[(s[1], "present", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let summary = summary_of(&app, roll.campus_id, roll.date);
    assert_eq!(summary, counted(&app, roll.campus_id, roll.date));
    assert_eq!(summary.total_absent, 1);

    // The demo's past days come from the same computation.
    let yesterday: Summary = diesel::sql_query(
        "SELECT total_enrolled, total_present, total_absent, total_tardy, \
                attendance_percentage::text AS attendance_percentage \
         FROM campus_attendance_summaries WHERE campus_id = $1 AND attendance_date < $2 \
         ORDER BY attendance_date DESC LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(roll.campus_id)
    .bind::<diesel::sql_types::Date, _>(roll.date)
    .get_result(&mut app.conn())
    .expect("a past summary");
    let day: chrono::NaiveDate = diesel::sql_query(
        "SELECT max(attendance_date) AS id FROM campus_attendance_summaries \
         WHERE campus_id = $1 AND attendance_date < $2",
    )
    .bind::<diesel::sql_types::Uuid, _>(roll.campus_id)
    .bind::<diesel::sql_types::Date, _>(roll.date)
    .get_result::<DateRow>(&mut app.conn())
    .expect("day")
    .id;
    assert_eq!(yesterday, counted(&app, roll.campus_id, day));
}

/// One class's daily roll as an administrator's browser holds it, ready to post.
struct OpenRoll {
    client: reqwest::Client,
    url: String,
    token: String,
    students: Vec<Uuid>,
}

#[actix_web::test]
async fn rolls_saved_at_once_on_one_campus_leave_its_summary_matching_the_marks() {
    const ROUNDS: usize = 12;
    let app = spawn_app().await;
    let mine = teachers_roll(&app);
    let classes: Vec<IdRow> = diesel::sql_query(
        "SELECT c.id FROM classes c WHERE c.campus_id = $1 AND c.deleted_at IS NULL \
           AND c.status = 'active' AND EXISTS (SELECT 1 FROM class_enrollments e \
               WHERE e.class_id = c.id AND e.status = 'active' AND e.deleted_at IS NULL) \
         ORDER BY c.name LIMIT 6",
    )
    .bind::<diesel::sql_types::Uuid, _>(mine.campus_id)
    .load(&mut app.conn())
    .expect("the campus's classes");
    assert!(classes.len() >= 4, "the demo campus has several classes");

    // Six office staff, each with one class's roll open.
    let mut rolls = Vec::new();
    for class in &classes {
        let students: Vec<IdRow> = diesel::sql_query(
            "SELECT s.id FROM class_enrollments e JOIN students s ON s.id = e.student_id \
             WHERE e.class_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL \
               AND s.status = 'active' AND s.deleted_at IS NULL ORDER BY s.id",
        )
        .bind::<diesel::sql_types::Uuid, _>(class.id)
        .load(&mut app.conn())
        .expect("the class's students");
        let client = app.signed_in(DemoUser::Admin).await;
        let path = format!("/roll/classes/{}", class.id);
        let html = app
            .page(&client, &format!("{path}?date={}", mine.date))
            .await;
        rolls.push(OpenRoll {
            token: crate::common::csrf_token(&html).expect("the roll's token"),
            client,
            url: app.url(&path),
            students: students.into_iter().map(|s| s.id).collect(),
        });
    }

    // Every round all of them save at once, each marking a different share absent.
    let mut stale = Vec::new();
    for round in 0..ROUNDS {
        let mut saves = Vec::new();
        for (k, roll) in rolls.iter().enumerate() {
            let every = 2 + (round + k) % 3;
            let mut fields = vec![
                ("csrf_token".to_owned(), roll.token.clone()),
                ("date".to_owned(), mine.date.to_string()),
            ];
            for (i, student) in roll.students.iter().enumerate() {
                let status = if (i + round) % every == 0 {
                    "absent"
                } else {
                    "present"
                };
                fields.push((format!("status-{student}"), status.to_owned()));
            }
            let (client, url) = (roll.client.clone(), roll.url.clone());
            saves.push(tokio::spawn(async move {
                client
                    .post(url)
                    .form(&fields)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            }));
        }
        for save in saves {
            assert_eq!(save.await.expect("joined").expect("posted"), 303);
        }
        let summary = summary_of(&app, mine.campus_id, mine.date);
        let marks = counted(&app, mine.campus_id, mine.date);
        if summary != marks {
            stale.push(format!(
                "round {round}: {summary:?} where the marks give {marks:?}"
            ));
        }
        // The rolls taken and who is enrolled agree with a full count too.
        let (stored, recounted) = stored_and_recounted(&app, mine.campus_id, mine.date);
        if stored != recounted {
            stale.push(format!(
                "round {round}: {stored:?} where a full count gives {recounted:?}"
            ));
        }
    }
    assert!(stale.is_empty(), "stale summaries:\n{}", stale.join("\n"));
}

#[actix_web::test]
async fn enrolments_changed_after_the_roll_are_counted_on_that_days_summary() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let mut fields = form_fields(&roll, &[(roll.students[0], "absent", None)]);
    fields.push(("intent".to_owned(), "all_present".to_owned()));
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let (before, recounted) = stored_and_recounted(&app, roll.campus_id, roll.date);
    assert_eq!(before, recounted);

    // A new student joins the class after the roll was taken: the campus has one
    // more student today and the class's roll is no longer complete.
    let org = crate::common::fixtures::organization_of_campus(&mut app.conn(), roll.campus_id);
    let newcomer = crate::common::fixtures::StudentBuilder::new(org)
        .named("Nadia", "Newcomer")
        .on_campus(roll.campus_id)
        .insert(&mut app.conn());
    diesel::sql_query(
        "INSERT INTO class_enrollments (organization_id, class_id, student_id, status, enrolled_on) \
         VALUES ($1, $2, $3, 'active', $4)",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .bind::<diesel::sql_types::Uuid, _>(roll.class_id)
    .bind::<diesel::sql_types::Uuid, _>(newcomer)
    .bind::<diesel::sql_types::Date, _>(roll.date)
    .execute(&mut app.conn())
    .expect("the newcomer enrolled");
    let (joined, recounted) = stored_and_recounted(&app, roll.campus_id, roll.date);
    assert_eq!(joined, recounted);
    assert_eq!(joined.students_enrolled, before.students_enrolled + 1);
    assert_eq!(joined.rolls_taken, before.rolls_taken - 1);
    assert_eq!(
        joined.total_enrolled, before.total_enrolled,
        "the marks are unchanged"
    );

    // The teacher marks the newcomer: the roll is complete again.
    let fields = form_fields(&roll, &[(newcomer, "present", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let (marked, recounted) = stored_and_recounted(&app, roll.campus_id, roll.date);
    assert_eq!(marked, recounted);
    assert_eq!(marked.rolls_taken, before.rolls_taken);
    assert_eq!(marked.total_enrolled, before.total_enrolled + 1);
    assert_eq!(marked.total_present, before.total_present + 1);

    // The newcomer's family moves away the same day: withdrawn, they no longer count.
    diesel::sql_query("UPDATE students SET status = 'withdrawn' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(newcomer)
        .execute(&mut app.conn())
        .expect("the newcomer withdrawn");
    let (left, recounted) = stored_and_recounted(&app, roll.campus_id, roll.date);
    assert_eq!(left, recounted);
    assert_eq!(left.students_enrolled, before.students_enrolled);
}

#[derive(QueryableByName)]
struct DateRow {
    #[diesel(sql_type = diesel::sql_types::Date)]
    id: chrono::NaiveDate,
}

#[actix_web::test]
async fn queued_marks_sent_twice_are_stored_once_and_an_old_mark_never_wins() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let (a, b) = (roll.students[0], roll.students[1]);
    let now = chrono::Utc::now().timestamp_millis();
    // Two taps made offline a minute ago, sent now, and sent again (the reply was lost).
    let queued = json!({"date": roll.date.to_string(), "sent_at": now, "marks": [
        {"id": "m1", "student_id": a, "status": "late", "minutes_late": 10, "remarks": "", "marked_at": now - 60_000},
        {"id": "m2", "student_id": b, "status": "absent", "minutes_late": null, "remarks": "Sick", "marked_at": now - 59_000}
    ]});
    for _ in 0..2 {
        let response = post_marks(&app, &teacher, &roll, &queued).await;
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["received"], json!(["m1", "m2"]));
    }
    let stored = records(&app, &roll);
    assert_eq!(stored.len(), 2, "each mark is stored once");
    assert_eq!(count(&mut app.conn(), "absence_alerts"), 1);

    // Another device marks b present now; the first device's older queued mark
    // for b, arriving after it, does not overwrite it.
    let newer = json!({"date": roll.date.to_string(), "sent_at": now, "marks": [
        {"id": "n1", "student_id": b, "status": "present", "remarks": "", "marked_at": now}
    ]});
    assert_eq!(
        post_marks(&app, &teacher, &roll, &newer).await.status(),
        200
    );
    let response = post_marks(&app, &teacher, &roll, &queued).await;
    let body: serde_json::Value = response.json().await.expect("json");
    let b_now = body["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .find(|m| m["student_id"] == json!(b))
        .expect("b's mark");
    assert_eq!(
        b_now["status"], "present",
        "the device is told the newer mark"
    );
    let stored = records(&app, &roll);
    assert_eq!(stored.len(), 2);
    let of = |id: Uuid| stored.iter().find(|r| r.student_id == id).expect("mark");
    assert_eq!(of(b).status, "present");
    assert_eq!(of(a).minutes_late, Some(10));
}

#[actix_web::test]
async fn two_devices_each_see_the_others_marks_on_reopening() {
    let app = spawn_app().await;
    let tablet = app.signed_in(DemoUser::Teacher).await;
    let phone = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let (a, b) = (roll.students[0], roll.students[1]);
    let on_tablet = form_fields(&roll, &[(a, "absent", None)]);
    assert_eq!(
        post_roll(&app, &tablet, &roll, &on_tablet).await.status(),
        303
    );
    let on_phone = form_fields(&roll, &[(a, "present", None), (b, "late", Some("5"))]);
    assert_eq!(
        post_roll(&app, &phone, &roll, &on_phone).await.status(),
        303
    );

    let page = format!("{}?date={}", roll.path, roll.date);
    let html = app.page(&tablet, &page).await;
    assert!(html.contains(&format!(r#"name="status-{a}" value="present" checked"#)));
    assert!(html.contains(&format!(r#"name="status-{b}" value="late" checked"#)));
    assert!(html.contains(&format!(r#"name="minutes-{b}" value="5" checked"#)));
}

#[actix_web::test]
async fn a_roll_for_a_day_still_to_come_is_refused() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let roll = teachers_roll(&app);
    let tomorrow = roll.date.succ_opt().expect("tomorrow");
    let response = app
        .get(&teacher, &format!("{}?date={tomorrow}", roll.path))
        .await;
    assert_eq!(response.status(), 400);
    let response = app.get(&teacher, &format!("{}?date=soon", roll.path)).await;
    assert_eq!(response.status(), 400);
}

#[actix_web::test]
async fn a_student_with_a_photo_shows_its_thumbnail_on_the_roll() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let pictured = roll.students[0];
    let admin = app.signed_in(DemoUser::Admin).await;
    let uploaded = crate::files::upload(
        &app,
        &admin,
        "students",
        pictured,
        "portrait.png",
        &crate::files::png(320, 240),
    )
    .await;
    assert_eq!(uploaded.status(), 303);

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let html = app
        .page(&teacher, &format!("{}?date={}", roll.path, roll.date))
        .await;
    let doc = scraper::Html::parse_document(&html);
    let thumbnails: Vec<String> = doc
        .select(&scraper::Selector::parse(".avatar img").expect("selector"))
        .filter_map(|img| img.value().attr("src").map(str::to_owned))
        .collect();
    assert_eq!(thumbnails.len(), 1, "only the pictured student has a photo");
    assert!(thumbnails[0].ends_with("/thumbnail"), "{thumbnails:?}");
    let image = app.get(&teacher, &thumbnails[0]).await;
    assert_eq!(image.status(), 200);
    assert!(
        image
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("image/"))
    );
}

//! A new school from nothing: `create-admin`, then only pages, to its teacher's first roll.

use chrono::{Datelike, TimeDelta};
use diesel::prelude::*;
use homeroom::db::enums::DayOfWeek;
use homeroom::db::schema::attendance_records;

use super::{create, invitation_link, new_teacher, post_page_form};
use crate::admin::follow;
use crate::common::{TestDatabase, expect_page, spawn_app_on};
use crate::resources::{form_fields, with};
use crate::setup_checklist::checklist;

const HEAD: &str = "head@lakeside.example";
const HEAD_PASSWORD: &str = "lakeside head secret 61";
const TEACHER: &str = "nora.quill@lakeside.example";
const TEACHER_PASSWORD: &str = "violet tractor harbour 44";

#[actix_web::test]
async fn new_school_sets_up_from_nothing_and_its_teacher_takes_a_roll() {
    let db = TestDatabase::empty();
    let made = crate::cli::create_admin(&db.url, HEAD, "Lakeside School", HEAD_PASSWORD);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let app = spawn_app_on(db);
    let head = app.client();
    assert_eq!(app.sign_in(&head, HEAD, HEAD_PASSWORD).await.status(), 303);

    let today = homeroom::clock::today(chrono_tz::UTC);
    let (year_start, year_end) = (today - TimeDelta::days(90), today + TimeDelta::days(180));
    let (start, end) = (year_start.to_string(), year_end.to_string());
    let campus = create(
        &app,
        &head,
        "/campuses",
        &[("name", "Lakeside Main"), ("active", "on")],
    )
    .await;
    let campus = campus.to_string();
    let steps = checklist(&app, &head).await.expect("a checklist");
    assert!(steps.contains("1 of 10 steps done"), "{steps}");
    let year = create(
        &app,
        &head,
        "/academic-years",
        &[
            ("name", "This year"),
            ("start_date", &start),
            ("end_date", &end),
            ("current", "on"),
        ],
    )
    .await
    .to_string();
    let grade = create(&app, &head, "/grades", &[("name", "Grade 5")])
        .await
        .to_string();
    let subject = create(&app, &head, "/subjects", &[("name", "Mathematics")])
        .await
        .to_string();
    let class = create(
        &app,
        &head,
        "/classes",
        &[
            ("name", "5A"),
            ("campus_id", &campus),
            ("academic_year_id", &year),
            ("grade_id", &grade),
            ("status", "active"),
        ],
    )
    .await
    .to_string();
    let steps = checklist(&app, &head).await.expect("a checklist");
    assert!(steps.contains("5 of 10 steps done"), "{steps}");
    let nora = new_teacher(&app, &head, ("Nora", "Quill"), Some(TEACHER)).await;
    let class_subject = create(
        &app,
        &head,
        "/class-subjects",
        &[
            ("class_id", &class),
            ("subject_id", &subject),
            ("teacher_id", &nora.to_string()),
            ("status", "active"),
        ],
    )
    .await;
    let timetable = create(
        &app,
        &head,
        "/timetables",
        &[
            ("name", "Main timetable"),
            ("campus_id", &campus),
            ("academic_year_id", &year),
            ("effective_from", &start),
            ("status", "published"),
        ],
    )
    .await
    .to_string();
    let weekday = DayOfWeek::from(today.weekday());
    create(
        &app,
        &head,
        "/timetable-periods",
        &[
            ("timetable_id", &timetable),
            ("class_subject_id", &class_subject.to_string()),
            ("day_of_week", weekday.as_str()),
            ("starts_at", "09:00"),
            ("ends_at", "09:45"),
            ("room", "Room 12"),
        ],
    )
    .await;
    let student = create(
        &app,
        &head,
        "/students",
        &[
            ("first_name", "Ada"),
            ("last_name", "Byrne"),
            ("campus_id", &campus),
            ("status", "active"),
        ],
    )
    .await
    .to_string();
    create(
        &app,
        &head,
        "/class-enrollments",
        &[
            ("student_id", &student),
            ("class_id", &class),
            ("enrolled_on", &start),
            ("status", "active"),
        ],
    )
    .await;

    let steps = checklist(&app, &head).await.expect("a checklist");
    assert!(steps.contains("8 of 10 steps done"), "{steps}");
    assert!(
        steps.contains("One staff member has no sign-in."),
        "{steps}"
    );

    // The teacher is invited from her staff record, with the role her staff type suggests.
    let account = format!("/staff/{nora}/account");
    let invited = post_page_form(&app, &head, (&account, &format!("{account}/invite")), &[]).await;
    let page = follow(&app, &head, invited).await;
    assert!(page.contains(&format!("the invitation went to {TEACHER}")));
    let outbox = app.page(&head, "/admin/outbox").await;
    assert!(outbox.contains(TEACHER), "the invitation is in the outbox");
    let steps = checklist(&app, &head).await.expect("fee plans are left");
    assert!(steps.contains("9 of 10 steps done"), "{steps}");
    create(
        &app,
        &head,
        "/fee-plans",
        &[
            ("name", "Tuition"),
            ("billing_cycle", "termly"),
            ("total_amount", "900.00"),
            ("active", "on"),
        ],
    )
    .await;
    assert_eq!(
        checklist(&app, &head).await,
        None,
        "the set-up school has no checklist left"
    );

    // She follows the link, chooses a password and signs in to her day.
    let teacher = app.client();
    let link = invitation_link(&app, TEACHER);
    let chosen = app
        .submit(
            &teacher,
            &link,
            &link,
            &[
                ("password", TEACHER_PASSWORD),
                ("password_again", TEACHER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(chosen.status(), 303);
    let signed_in = app.sign_in(&teacher, TEACHER, TEACHER_PASSWORD).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(
        signed_in.headers()["location"],
        "/today",
        "a teacher lands on Today"
    );
    let day = app.page(&teacher, "/today").await;
    assert!(
        day.contains("5A · Mathematics"),
        "her class is on Today: {day}"
    );
    assert!(day.contains("Not taken"));
    let roll = format!("/roll/class-subjects/{class_subject}");
    let roll_page = format!("{roll}?date={today}");
    assert!(day.contains(&format!(r#"href="{roll_page}""#)));

    // She takes the roll: everyone present.
    let fields = form_fields(&app, &teacher, &roll_page, &roll).await;
    let fields = with(fields, "intent", "all_present");
    let saved = teacher
        .post(app.url(&roll))
        .form(&fields)
        .send()
        .await
        .expect("POST the roll");
    assert_eq!(saved.status(), 303);
    let day = app.get(&teacher, "/today").await;
    expect_page(day, 200, "Taken at ").await;
    let marks: i64 = attendance_records::table
        .filter(attendance_records::deleted_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .expect("marks");
    assert_eq!(marks, 1, "Ada's mark is stored");
}

//! Staff attendance: the office marks staff, a staff member checks in.

use chrono::NaiveTime;
use diesel::prelude::*;
use homeroom::access::local_today;
use homeroom::db::enums::{StaffAttendanceStatus, StaffStatus};
use homeroom::db::schema::{staff, staff_attendance_records};
use uuid::Uuid;

use crate::attendance::{northwind, staff_id_of};
use crate::common::{DemoUser, count, csrf_token, expect_page, spawn_app};

fn records_of(
    app: &crate::common::TestApp,
    staff_id: Uuid,
) -> Vec<(StaffAttendanceStatus, Option<chrono::DateTime<chrono::Utc>>)> {
    staff_attendance_records::table
        .filter(staff_attendance_records::staff_id.eq(staff_id))
        .filter(staff_attendance_records::deleted_at.is_null())
        .select((
            staff_attendance_records::status,
            staff_attendance_records::checked_in_at,
        ))
        .load(&mut app.conn())
        .expect("records")
}

#[actix_web::test]
async fn the_office_marks_a_teacher_late_and_changes_it_with_one_tap() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let teacher = staff_id_of(&app, "teacher@northwind.test");
    let campus: Uuid = staff::table
        .find(teacher)
        .select(staff::campus_id.assume_not_null())
        .first(&mut app.conn())
        .expect("the teacher's campus");
    let office = app.signed_in(DemoUser::Office).await;
    let overview = expect_page(
        app.get(&office, "/attendance/staff").await,
        200,
        "Mark staff by campus",
    )
    .await;
    let sheet_path = format!("/attendance/campuses/{campus}/staff");
    assert!(overview.contains(&sheet_path));
    let sheet = expect_page(app.get(&office, &sheet_path).await, 200, "Staff today").await;
    assert!(
        sheet.contains(&format!("value=\"{teacher}\"")),
        "the teacher is on the sheet"
    );

    // Without JavaScript: a plain form post, then back to the sheet.
    let response = app
        .submit(
            &office,
            &sheet_path,
            &sheet_path,
            &[("staff_id", &teacher.to_string()), ("status", "late")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let records = records_of(&app, teacher);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].0, StaffAttendanceStatus::Late);
    let sheet = app.page(&office, &sheet_path).await;
    assert!(
        sheet.contains("is marked late."),
        "the office sees it saved"
    );

    // With htmx: the row comes back, marked present, still one record.
    let token = csrf_token(&sheet).expect("token");
    let row = office
        .post(app.url(&sheet_path))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", token)
        .form(&[
            ("staff_id", teacher.to_string().as_str()),
            ("status", "present"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(row.status(), 200);
    let fragment = row.text().await.expect("row");
    assert!(
        fragment.starts_with("<tr id=\"staff-"),
        "only the row: {fragment}"
    );
    assert!(fragment.contains("value=\"present\" class=\"seg-present\" aria-pressed=\"true\""));
    let records = records_of(&app, teacher);
    assert_eq!(records.len(), 1, "marking again changes the one record");
    assert_eq!(records[0].0, StaffAttendanceStatus::Present);
    let date: chrono::NaiveDate = staff_attendance_records::table
        .filter(staff_attendance_records::staff_id.eq(teacher))
        .select(staff_attendance_records::attendance_date)
        .first(&mut app.conn())
        .expect("date");
    assert_eq!(date, local_today(homeroom::clock::zone(&tz)));
    let _ = org;

    // A wrong status is refused with a message; a staff member of another campus is not found.
    let bad = app
        .submit(
            &office,
            &sheet_path,
            &sheet_path,
            &[("staff_id", &teacher.to_string()), ("status", "asleep")],
        )
        .await;
    expect_page(bad, 400, "Choose present, late or absent.").await;
    let elsewhere: Uuid = staff::table
        .filter(staff::organization_id.eq(org))
        .filter(staff::campus_id.ne(campus))
        .filter(staff::status.eq(StaffStatus::Active))
        .select(staff::id)
        .first(&mut app.conn())
        .expect("staff of another campus");
    let other = app
        .submit(
            &office,
            &sheet_path,
            &sheet_path,
            &[("staff_id", &elsewhere.to_string()), ("status", "late")],
        )
        .await;
    assert_eq!(other.status(), 404);
    assert!(records_of(&app, elsewhere).is_empty());
}

#[actix_web::test]
async fn a_teacher_checks_in_once_however_often_they_tap() {
    let app = spawn_app().await;
    let (_, tz) = northwind(&app);
    let teacher_staff = staff_id_of(&app, "teacher@northwind.test");
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let before = count(&mut app.conn(), "staff_attendance_records");

    let home = expect_page(app.get(&teacher, "/").await, 200, "Your check-in").await;
    assert!(home.contains("action=\"/attendance/check-in\""));
    let first = app
        .submit(&teacher, "/", "/attendance/check-in", &[("back", "/")])
        .await;
    assert_eq!(first.status(), 303);
    assert_eq!(first.headers()["location"], "/");
    let second = app
        .submit(
            &teacher,
            "/attendance/staff",
            "/attendance/check-in",
            &[("back", "https://evil.test/")],
        )
        .await;
    assert_eq!(second.headers()["location"], "/", "only our own pages");

    let records = records_of(&app, teacher_staff);
    assert_eq!(records.len(), 1, "one record however often they tap");
    assert_eq!(
        count(&mut app.conn(), "staff_attendance_records"),
        before + 1
    );
    let (status, at) = records[0];
    let at = at.expect("the moment of the check-in");
    let local = at
        .with_timezone(&tz.parse::<chrono_tz::Tz>().expect("zone"))
        .time();
    let starts = NaiveTime::from_hms_opt(8, 30, 0).expect("time");
    let expected = if local > starts {
        StaffAttendanceStatus::Late
    } else {
        StaffAttendanceStatus::Present
    };
    assert_eq!(status, expected, "late after the campus's 08:30 start");

    let home = app.page(&teacher, "/").await;
    assert!(home.contains(&format!("You checked in at {}", local.format("%H:%M"))));
    assert!(
        !home.contains("action=\"/attendance/check-in\""),
        "no second button"
    );
}

#[actix_web::test]
async fn teachers_check_in_but_cannot_mark_other_staff() {
    let app = spawn_app().await;
    let teacher_staff = staff_id_of(&app, "teacher@northwind.test");
    let campus: Uuid = staff::table
        .find(teacher_staff)
        .select(staff::campus_id.assume_not_null())
        .first(&mut app.conn())
        .expect("campus");
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let path = format!("/attendance/campuses/{campus}/staff");
    assert_eq!(app.get(&teacher, &path).await.status(), 403);
    let page = expect_page(
        app.get(&teacher, "/attendance/staff").await,
        200,
        "Your check-in",
    )
    .await;
    assert!(!page.contains("Mark staff by campus"));
    let refused = app
        .submit(
            &teacher,
            "/attendance/staff",
            &path,
            &[
                ("staff_id", &teacher_staff.to_string()),
                ("status", "present"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert!(records_of(&app, teacher_staff).is_empty());

    let accountant = app.signed_in(DemoUser::Accountant).await;
    assert_eq!(
        app.get(&accountant, "/attendance/staff").await.status(),
        403
    );
}

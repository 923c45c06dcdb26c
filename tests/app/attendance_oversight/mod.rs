//! Directors and the office overseeing attendance: missing rolls, today's campus
//! attendance and its trend, reports with CSV, staff attendance and check-in.

mod browser;
mod reports;
mod staff;
mod today;

use chrono::NaiveDate;
use diesel::prelude::*;
use homeroom::db::enums::{AttendanceSessionType, AttendanceStatus};
use homeroom::db::schema::{attendance_records, attendance_sessions, class_enrollments, students};
use uuid::Uuid;

use crate::common::TestApp;

/// The text of every `.stat` card on a page, label → value.
pub fn stat_cards(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let card = scraper::Selector::parse(".stat").expect("selector");
    let value = scraper::Selector::parse(".value").expect("selector");
    let label = scraper::Selector::parse(".label").expect("selector");
    doc.select(&card)
        .filter_map(|c| {
            let v = c.select(&value).next()?.text().collect::<String>();
            let l = c.select(&label).next()?.text().collect::<String>();
            Some((l.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

pub fn stat(html: &str, label: &str) -> String {
    stat_cards(html)
        .into_iter()
        .find(|(l, _)| l == label)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("a {label:?} card"))
}

/// The students actively enrolled in a class, in a stable order.
pub fn roster(app: &TestApp, class_id: Uuid) -> Vec<Uuid> {
    class_enrollments::table
        .inner_join(students::table)
        .filter(class_enrollments::class_id.eq(class_id))
        .filter(class_enrollments::deleted_at.is_null())
        .filter(class_enrollments::status.eq(homeroom::db::enums::ClassEnrollmentStatus::Active))
        .filter(students::deleted_at.is_null())
        .filter(students::status.eq(homeroom::db::enums::StudentStatus::Active))
        .order(students::last_name.asc())
        .select(students::id)
        .load(&mut app.conn())
        .expect("roster")
}

/// Takes a roll directly in the database: one session and one mark per student.
pub fn take_roll(
    app: &TestApp,
    org: Uuid,
    campus_id: Uuid,
    class_id: Uuid,
    class_subject_id: Option<Uuid>,
    date: NaiveDate,
    marks: &[(Uuid, AttendanceStatus)],
) -> Uuid {
    let mut conn = app.conn();
    let session: Uuid = diesel::insert_into(attendance_sessions::table)
        .values((
            attendance_sessions::organization_id.eq(org),
            attendance_sessions::campus_id.eq(campus_id),
            attendance_sessions::class_id.eq(class_id),
            attendance_sessions::class_subject_id.eq(class_subject_id),
            attendance_sessions::session_date.eq(date),
            attendance_sessions::session_type.eq(if class_subject_id.is_some() {
                AttendanceSessionType::Period
            } else {
                AttendanceSessionType::Daily
            }),
        ))
        .returning(attendance_sessions::id)
        .get_result(&mut conn)
        .expect("session");
    let rows: Vec<_> = marks
        .iter()
        .map(|(student, status)| {
            (
                attendance_records::organization_id.eq(org),
                attendance_records::attendance_session_id.eq(session),
                attendance_records::student_id.eq(*student),
                attendance_records::status.eq(*status),
                attendance_records::minutes_late
                    .eq((*status == AttendanceStatus::Late).then_some(10)),
            )
        })
        .collect();
    diesel::insert_into(attendance_records::table)
        .values(&rows)
        .execute(&mut conn)
        .expect("records");
    session
}

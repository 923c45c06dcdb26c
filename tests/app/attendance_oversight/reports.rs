//! A student's calendar, a class's grid with its CSV, and the chronic absence list.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use diesel::prelude::*;
use homeroom::access::local_today;
use homeroom::db::enums::AttendanceStatus;
use homeroom::db::schema::{attendance_records, attendance_sessions, classes, students};
use uuid::Uuid;

use super::roster;
use crate::attendance::northwind;
use crate::common::{DemoUser, expect_page, spawn_app};

/// A Northwind class that had rolls in the demo weeks.
fn class_with_rolls(app: &crate::common::TestApp, org: Uuid) -> Uuid {
    attendance_sessions::table
        .inner_join(classes::table)
        .filter(attendance_sessions::organization_id.eq(org))
        .order((
            classes::name.asc(),
            attendance_sessions::session_date.desc(),
        ))
        .select(classes::id)
        .first(&mut app.conn())
        .expect("a class with rolls")
}

fn marks_of(
    app: &crate::common::TestApp,
    student: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, AttendanceStatus)> {
    attendance_records::table
        .inner_join(attendance_sessions::table)
        .filter(attendance_records::student_id.eq(student))
        .filter(attendance_sessions::session_date.between(from, to))
        .order(attendance_sessions::session_date.asc())
        .select((
            attendance_sessions::session_date,
            attendance_records::status,
        ))
        .load(&mut app.conn())
        .expect("marks")
}

/// The first `.att-totals` list on a page, term → number.
fn totals(html: &str) -> BTreeMap<String, i64> {
    let doc = scraper::Html::parse_document(html);
    let item = scraper::Selector::parse(".att-totals div").expect("selector");
    let dt = scraper::Selector::parse("dt").expect("selector");
    let dd = scraper::Selector::parse("dd").expect("selector");
    let first = scraper::Selector::parse(".att-totals").expect("selector");
    let list = doc.select(&first).next().expect("a totals list");
    list.select(&item)
        .map(|d| {
            (
                d.select(&dt).next().expect("dt").text().collect(),
                d.select(&dd)
                    .next()
                    .expect("dd")
                    .text()
                    .collect::<String>()
                    .trim()
                    .parse()
                    .expect("a number"),
            )
        })
        .collect()
}

#[actix_web::test]
async fn a_students_calendar_colours_each_day_and_totals_the_month() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let class = class_with_rolls(&app, org);
    let student = roster(&app, class)[0];
    let latest: NaiveDate = attendance_sessions::table
        .filter(attendance_sessions::class_id.eq(class))
        .select(diesel::dsl::max(attendance_sessions::session_date))
        .first::<Option<NaiveDate>>(&mut app.conn())
        .expect("latest")
        .expect("a roll");
    let month = latest.with_day(1).expect("first");
    let month_end = (month + chrono::Months::new(1)) - Days::new(1);
    // One late mark so the month shows more than one status.
    let late_session: Uuid = attendance_sessions::table
        .filter(attendance_sessions::class_id.eq(class))
        .filter(attendance_sessions::session_date.eq(latest))
        .select(attendance_sessions::id)
        .first(&mut app.conn())
        .expect("session");
    diesel::update(
        attendance_records::table
            .filter(attendance_records::attendance_session_id.eq(late_session))
            .filter(attendance_records::student_id.eq(student)),
    )
    .set((
        attendance_records::status.eq(AttendanceStatus::Late),
        attendance_records::minutes_late.eq(Some(12)),
    ))
    .execute(&mut app.conn())
    .expect("late");
    let marks = marks_of(&app, student, month, month_end);
    let count = |s| marks.iter().filter(|(_, st)| *st == s).count() as i64;

    let director = app.signed_in(DemoUser::Director).await;
    let path = format!(
        "/attendance/students/{student}?month={}",
        month.format("%Y-%m")
    );
    let html = expect_page(
        app.get(&director, &path).await,
        200,
        &month.format("%B %Y").to_string(),
    )
    .await;
    let t = totals(&html);
    assert_eq!(t["Present"], count(AttendanceStatus::Present));
    assert_eq!(t["Late"], count(AttendanceStatus::Late));
    assert_eq!(t["Absent"], count(AttendanceStatus::Absent));
    assert_eq!(t["Excused"], count(AttendanceStatus::Excused));
    assert_eq!(t["Marks"], marks.len() as i64);

    // Each marked day is coloured and says its status in words.
    let doc = scraper::Html::parse_document(&html);
    let late = scraper::Selector::parse("#calendar td.st-late").expect("selector");
    let cells: Vec<String> = doc.select(&late).map(|c| c.text().collect()).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.contains(&latest.day().to_string()) && c.contains("Late 12 min")),
        "the late day reads as late with its minutes: {cells:?}"
    );
    assert!(
        html.contains("class=\"att-legend\""),
        "a legend explains the colours"
    );

    let bad = app
        .get(
            &director,
            &format!("/attendance/students/{student}?month=2026-13"),
        )
        .await;
    expect_page(bad, 400, "The month must look like 2026-11").await;
    let _ = tz;
}

#[actix_web::test]
async fn a_class_grid_exports_the_same_marks_as_csv() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    let class = class_with_rolls(&app, org);
    let from = today - Days::new(10);
    let director = app.signed_in(DemoUser::Director).await;
    let query = format!("from={from}&to={today}");

    let page = app
        .get(&director, &format!("/attendance/classes/{class}?{query}"))
        .await;
    let html = expect_page(page, 200, "Download CSV").await;
    let doc = scraper::Html::parse_document(&html);
    let download = scraper::Selector::parse("a[download]").expect("selector");
    let href = doc
        .select(&download)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a download link");
    assert_eq!(
        href,
        format!("/attendance/classes/{class}/export.csv?{query}"),
        "the download keeps the range"
    );

    let response = app
        .get(
            &director,
            &format!("/attendance/classes/{class}/export.csv?{query}"),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv"),
        "a CSV file"
    );
    let body = response.text().await.expect("csv");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "Student number");
    assert_eq!(header[1], "Last name, first name");

    let dates: Vec<NaiveDate> = attendance_sessions::table
        .filter(attendance_sessions::class_id.eq(class))
        .filter(attendance_sessions::session_date.between(from, today))
        .select(attendance_sessions::session_date)
        .distinct()
        .order(attendance_sessions::session_date.asc())
        .load(&mut app.conn())
        .expect("dates");
    assert!(!dates.is_empty());
    let date_columns: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(&header[2..2 + dates.len()], date_columns.as_slice());
    assert_eq!(
        &header[2 + dates.len()..],
        ["Present", "Late", "Absent", "Excused"]
    );

    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), roster(&app, class).len(), "one row per student");
    let student = roster(&app, class)[0];
    let (first, last, number): (String, String, Option<String>) = students::table
        .find(student)
        .select((
            students::first_name,
            students::last_name,
            students::student_number,
        ))
        .first(&mut app.conn())
        .expect("student");
    let row = rows
        .iter()
        .find(|r| r[1] == format!("{last}, {first}") && r[0] == number.clone().unwrap_or_default())
        .expect("the student's row");
    let marks = marks_of(&app, student, from, today);
    for (i, date) in dates.iter().enumerate() {
        let expected = marks
            .iter()
            .find(|(d, _)| d == date)
            .map(|(_, s)| s.label())
            .unwrap_or_default();
        assert_eq!(&row[2 + i], expected, "{date}");
    }
    let present = marks
        .iter()
        .filter(|(_, s)| *s == AttendanceStatus::Present)
        .count();
    assert_eq!(row[2 + dates.len()], present.to_string());

    // Bad input gets a message, never a server error.
    for (q, message) in [
        ("from=yesterday", "The start date must look like 2026-11-20"),
        ("from=2026-11-20&to=2026-11-01", "on or before the end date"),
        ("from=2020-01-01&to=2026-01-01", "Choose at most"),
    ] {
        let response = app
            .get(
                &director,
                &format!("/attendance/classes/{class}/export.csv?{q}"),
            )
            .await;
        expect_page(response, 400, message).await;
    }
}

#[actix_web::test]
async fn the_chronic_absence_list_holds_students_absent_a_tenth_of_their_sessions() {
    let app = spawn_app().await;
    let (org, _) = northwind(&app);
    let class = class_with_rolls(&app, org);
    let kids = roster(&app, class);
    let (often, seldom) = (kids[0], kids[1]);
    // `often` misses exactly a tenth of their marks, `seldom` one fewer.
    for (student, extra) in [(often, 0usize), (seldom, 1)] {
        let ids: Vec<Uuid> = attendance_records::table
            .filter(attendance_records::student_id.eq(student))
            .order(attendance_records::id.asc())
            .select(attendance_records::id)
            .load(&mut app.conn())
            .expect("records");
        assert!(ids.len() >= 10, "four weeks of rolls");
        let absent = ids.len().div_ceil(10) - extra;
        diesel::update(attendance_records::table.filter(attendance_records::id.eq_any(&ids)))
            .set((
                attendance_records::status.eq(AttendanceStatus::Present),
                attendance_records::minutes_late.eq(None::<i32>),
            ))
            .execute(&mut app.conn())
            .expect("present");
        diesel::update(
            attendance_records::table.filter(attendance_records::id.eq_any(&ids[..absent])),
        )
        .set(attendance_records::status.eq(AttendanceStatus::Absent))
        .execute(&mut app.conn())
        .expect("absent");
    }
    let name = |id: Uuid| -> String {
        let (first, last): (String, String) = students::table
            .find(id)
            .select((students::first_name, students::last_name))
            .first(&mut app.conn())
            .expect("student");
        format!("{last}, {first}")
    };
    let (often_name, seldom_name) = (name(often), name(seldom));

    let office = app.signed_in(DemoUser::Office).await;
    let html = expect_page(
        app.get(&office, "/attendance/chronic").await,
        200,
        "Chronic absence",
    )
    .await;
    assert!(
        html.contains(&format!("/attendance/students/{often}")),
        "{often_name} is listed"
    );
    assert!(
        !html.contains(&format!("/attendance/students/{seldom}")),
        "{seldom_name} is not"
    );

    let csv = app.get(&office, "/attendance/chronic/export.csv").await;
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.expect("csv");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let listed: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            format!("{}, {}", &r[1], &r[2])
        })
        .collect();
    assert!(listed.contains(&often_name));
    assert!(!listed.contains(&seldom_name));

    // The grade filter keeps only that grade's students.
    let grade: Uuid = classes::table
        .find(class)
        .select(classes::grade_id)
        .first(&mut app.conn())
        .expect("grade");
    let filtered = app
        .page(&office, &format!("/attendance/chronic?grade={grade}"))
        .await;
    assert!(filtered.contains(&format!("/attendance/students/{often}")));
    let bad = app.get(&office, "/attendance/chronic?grade=nope").await;
    expect_page(bad, 400, "Choose a grade from the list.").await;
}

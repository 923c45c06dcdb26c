//! Missing rolls and today's campus attendance with its trend.

use chrono::{Datelike, Days, NaiveTime};
use diesel::prelude::*;
use homeroom::access::local_today;
use homeroom::attendance::schedule::Scope;
use homeroom::db::enums::{AttendanceSessionType, AttendanceStatus, DayOfWeek};
use homeroom::db::schema::{
    attendance_records, attendance_sessions, campuses, class_subjects, classes, timetable_periods,
};
use uuid::Uuid;

use super::{roster, stat, take_roll};
use crate::attendance::{northwind, scheduled_rolls};
use crate::common::fixtures::{CampusAttendanceConfigBuilder, CampusSummaryBuilder};
use crate::common::{DemoUser, expect_page, spawn_app};

#[actix_web::test]
async fn missing_rolls_lists_an_untaken_period_past_its_deadline_but_not_a_taken_one() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    // Two classes of one campus have a lesson today at midnight, whatever day today
    // is, and the campus allows no grace: both are due now.
    let lessons: Vec<(Uuid, Uuid, Uuid)> = timetable_periods::table
        .inner_join(
            class_subjects::table.on(class_subjects::id.eq(timetable_periods::class_subject_id)),
        )
        .inner_join(classes::table.on(classes::id.eq(class_subjects::class_id)))
        .filter(timetable_periods::organization_id.eq(org))
        .filter(timetable_periods::deleted_at.is_null())
        .filter(class_subjects::deleted_at.is_null())
        .order((classes::campus_id, classes::name, class_subjects::id))
        .select((class_subjects::id, classes::id, classes::campus_id))
        .load(&mut app.conn())
        .expect("lessons");
    let (first, first_class, campus) = lessons[0];
    let (second, _, _) = *lessons
        .iter()
        .find(|(_, class, c)| *class != first_class && *c == campus)
        .expect("another class's lesson on the campus");
    let midnight = NaiveTime::from_hms_opt(0, 0, 0).expect("time");
    {
        let mut conn = app.conn();
        for class_subject in [first, second] {
            diesel::update(
                timetable_periods::table
                    .filter(timetable_periods::class_subject_id.eq(class_subject)),
            )
            // Every lesson of the class subject at once: a clash the timetable would
            // refuse, kept here as one from before the clash rules.
            .set((
                timetable_periods::starts_at.eq(midnight),
                timetable_periods::day_of_week.eq(DayOfWeek::from(today.weekday())),
                timetable_periods::clash_exempt.eq(true),
            ))
            .execute(&mut conn)
            .expect("move the period");
        }
        CampusAttendanceConfigBuilder::new(org, campus)
            .period_grace_minutes(0)
            .insert(&mut conn);
    }
    let rolls = scheduled_rolls(&mut app.conn(), org, today, Scope::Organization).expect("rolls");
    let roll_of = |class_subject| {
        rolls
            .iter()
            .find(|r| r.class_subject_id == Some(class_subject))
            .expect("the moved lesson is on today's schedule")
            .clone()
    };
    let (untaken, taken) = (roll_of(first), roll_of(second));
    let marks: Vec<_> = roster(&app, taken.class_id)
        .into_iter()
        .map(|s| (s, AttendanceStatus::Present))
        .collect();
    take_roll(
        &app,
        org,
        taken.campus_id,
        taken.class_id,
        taken.class_subject_id,
        today,
        &marks,
    );

    let director = app.signed_in(DemoUser::Director).await;
    let html = expect_page(
        app.get(
            &director,
            &format!("/attendance/missing?campus={}", untaken.campus_id),
        )
        .await,
        200,
        "Missing rolls",
    )
    .await;
    let doc = scraper::Html::parse_document(&html);
    let rows: Vec<String> = doc
        .select(&scraper::Selector::parse("#missing-rolls tbody tr").expect("selector"))
        .map(|r| r.text().collect::<String>())
        .collect();
    let what = |r: &homeroom::attendance::schedule::ScheduledRoll| {
        format!(
            "{} · {}",
            r.class_name,
            r.subject_name.clone().expect("subject")
        )
    };
    let row = rows
        .iter()
        .find(|t| t.contains(&what(&untaken)))
        .unwrap_or_else(|| panic!("{} is listed as missing", what(&untaken)));
    assert!(row.contains("00:00"), "due at midnight: {row}");
    assert!(row.contains("Not taken"));
    if let Some(teacher) = &untaken.teacher_name {
        assert!(
            row.contains(teacher.as_str()),
            "the teacher is named: {row}"
        );
    }
    assert!(
        !rows.iter().any(|t| t.contains(&what(&taken))),
        "the taken roll is not missing"
    );
}

#[actix_web::test]
async fn the_campus_dashboard_counts_todays_marks_by_status() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    let rolls = scheduled_rolls(&mut app.conn(), org, today, Scope::Organization).expect("rolls");
    let daily = rolls
        .iter()
        .find(|r| r.session_type == AttendanceSessionType::Daily)
        .expect("a daily roll today");
    let students = roster(&app, daily.class_id);
    assert!(students.len() >= 5, "a class of several students");
    let statuses = [
        AttendanceStatus::Absent,
        AttendanceStatus::Late,
        AttendanceStatus::Excused,
        AttendanceStatus::Late,
    ];
    let marks: Vec<_> = students
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                *s,
                statuses
                    .get(i)
                    .copied()
                    .unwrap_or(AttendanceStatus::Present),
            )
        })
        .collect();
    take_roll(
        &app,
        org,
        daily.campus_id,
        daily.class_id,
        None,
        today,
        &marks,
    );

    // What the records of the day hold, for the whole organization.
    let counts: Vec<(AttendanceStatus, i64)> = attendance_records::table
        .inner_join(attendance_sessions::table)
        .filter(attendance_sessions::organization_id.eq(org))
        .filter(attendance_sessions::session_date.eq(today))
        .filter(attendance_sessions::session_type.eq(AttendanceSessionType::Daily))
        .group_by(attendance_records::status)
        .select((attendance_records::status, diesel::dsl::count_star()))
        .load(&mut app.conn())
        .expect("counts");
    let of = |s| {
        counts
            .iter()
            .find(|(st, _)| *st == s)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(of(AttendanceStatus::Late), 2);

    let director = app.signed_in(DemoUser::Director).await;
    let html = expect_page(
        app.get(&director, "/attendance/overview").await,
        200,
        "Attendance today",
    )
    .await;
    assert_eq!(
        stat(&html, "Present"),
        of(AttendanceStatus::Present).to_string()
    );
    assert_eq!(
        stat(&html, "Absent"),
        of(AttendanceStatus::Absent).to_string()
    );
    assert_eq!(stat(&html, "Late"), of(AttendanceStatus::Late).to_string());
    assert_eq!(
        stat(&html, "Excused"),
        of(AttendanceStatus::Excused).to_string()
    );

    // The campus's own table adds up to the same marks, with its percentage.
    let doc = scraper::Html::parse_document(&html);
    let total = scraper::Selector::parse(&format!("#campus-table-{} tfoot td", daily.campus_id))
        .expect("selector");
    let cells: Vec<String> = doc
        .select(&total)
        .map(|c| c.text().collect::<String>())
        .collect();
    let enrolled: i64 = cells[0].parse().expect("enrolled");
    assert_eq!(cells[1], of(AttendanceStatus::Present).to_string());
    assert_eq!(cells[2], "2");
    let attended = of(AttendanceStatus::Present) + 2;
    assert_eq!(
        cells[6],
        format!("{:.1}%", attended as f64 * 100.0 / enrolled as f64),
        "present and late over enrolled"
    );
}

#[actix_web::test]
async fn the_trend_chart_draws_the_last_thirty_school_days() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    // The demo holds four weeks; older summaries make the trend longer than 30 days.
    let mut conn = app.conn();
    let campus: Uuid = campuses::table
        .filter(campuses::organization_id.eq(org))
        .select(campuses::id)
        .first(&mut conn)
        .expect("campus");
    for n in 40..80u64 {
        CampusSummaryBuilder::new(org, campus, today - Days::new(n), 100)
            .counts(90, 5, 5)
            .insert(&mut conn);
    }

    let director = app.signed_in(DemoUser::Director).await;
    let html = app.page(&director, "/attendance/overview").await;
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| {
        doc.select(&scraper::Selector::parse(css).expect("selector"))
            .count()
    };
    assert_eq!(select("svg.trend-chart circle.trend-point"), 30);
    assert_eq!(
        select("svg.trend-chart > title"),
        1,
        "the chart has a title"
    );
    assert_eq!(select("svg.trend-chart > desc"), 1, "and a description");
    assert_eq!(
        select(".trend-data tbody tr"),
        30,
        "and its numbers as a table"
    );
    assert!(html.contains("Attendance over the last 30 school days"));
}

#[actix_web::test]
async fn teachers_and_accountants_cannot_open_the_oversight_pages() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    for path in [
        "/attendance/missing",
        "/attendance/overview",
        "/attendance/chronic",
    ] {
        assert_eq!(app.get(&teacher, path).await.status(), 403, "{path}");
    }
    let office = app.signed_in(DemoUser::Office).await;
    for path in [
        "/attendance/missing",
        "/attendance/overview",
        "/attendance/chronic",
    ] {
        assert_eq!(app.get(&office, path).await.status(), 200, "{path}");
    }
    let home = app.page(&office, "/").await;
    assert!(
        home.contains("href=\"/attendance/missing\""),
        "the office has it in the menu"
    );
    let home = app.page(&teacher, "/").await;
    assert!(!home.contains("href=\"/attendance/missing\""));
}

#[actix_web::test]
async fn a_campus_of_another_organization_is_refused_as_a_filter() {
    let app = spawn_app().await;
    let riverside: Uuid = campuses::table
        .inner_join(homeroom::db::schema::organizations::table)
        .filter(homeroom::db::schema::organizations::name.eq("Riverside School"))
        .select(campuses::id)
        .first(&mut app.conn())
        .expect("a Riverside campus");
    let admin = app.signed_in(DemoUser::Admin).await;
    for path in [
        "/attendance/missing",
        "/attendance/overview",
        "/attendance/chronic",
    ] {
        let response = app.get(&admin, &format!("{path}?campus={riverside}")).await;
        expect_page(response, 400, "Choose a campus from the list.").await;
    }
    let response = app
        .get(&admin, "/attendance/overview?campus=%3Cscript%3E")
        .await;
    expect_page(response, 400, "Choose a campus from the list.").await;
}

#[derive(QueryableByName)]
struct DayCounts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    attended: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    enrolled: i64,
}

#[actix_web::test]
async fn dashboard_and_overview_agree_for_a_day_with_partial_rolls() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    // Three of one campus's daily rolls are taken this morning, the others not yet.
    let rolls = scheduled_rolls(&mut app.conn(), org, today, Scope::Organization).expect("rolls");
    let daily: Vec<_> = rolls
        .iter()
        .filter(|r| r.session_type == AttendanceSessionType::Daily)
        .collect();
    let campus = daily.first().expect("daily rolls today").campus_id;
    let taken: Vec<_> = daily
        .iter()
        .filter(|r| r.campus_id == campus)
        .take(3)
        .collect();
    assert!(daily.len() > taken.len(), "some rolls stay untaken");
    let cycle = [
        AttendanceStatus::Present,
        AttendanceStatus::Present,
        AttendanceStatus::Late,
        AttendanceStatus::Present,
        AttendanceStatus::Absent,
        AttendanceStatus::Excused,
    ];
    for roll in &taken {
        let marks: Vec<_> = roster(&app, roll.class_id)
            .into_iter()
            .zip(cycle.iter().cycle().copied())
            .collect();
        take_roll(
            &app,
            org,
            roll.campus_id,
            roll.class_id,
            None,
            today,
            &marks,
        );
    }

    // The figure straight from the rows: present or late over everyone enrolled today.
    let counts: DayCounts = diesel::sql_query(
        "SELECT (SELECT count(*) FROM attendance_records r
                 JOIN attendance_sessions s ON s.id = r.attendance_session_id
                 WHERE s.organization_id = $1 AND s.session_date = $2
                   AND s.session_type = 'daily' AND s.deleted_at IS NULL
                   AND r.deleted_at IS NULL AND r.status IN ('present', 'late')) AS attended,
                (SELECT count(*) FROM (
                   SELECT DISTINCT c.campus_id, c.grade_id, ce.student_id
                   FROM class_enrollments ce
                   JOIN classes c ON c.id = ce.class_id
                   JOIN academic_years y ON y.id = c.academic_year_id
                   JOIN students st ON st.id = ce.student_id
                   WHERE ce.organization_id = $1 AND ce.deleted_at IS NULL
                     AND ce.status = 'active'
                     AND (ce.enrolled_on IS NULL OR ce.enrolled_on <= $2)
                     AND (ce.ended_on IS NULL OR ce.ended_on >= $2)
                     AND c.deleted_at IS NULL AND c.status = 'active'
                     AND y.deleted_at IS NULL AND $2 BETWEEN y.start_date AND y.end_date
                     AND st.deleted_at IS NULL AND st.status = 'active') e) AS enrolled",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .bind::<diesel::sql_types::Date, _>(today)
    .get_result(&mut app.conn())
    .expect("the day's counts");
    let expected = format!(
        "{:.1}%",
        counts.attended as f64 * 100.0 / counts.enrolled as f64
    );

    let director = app.signed_in(DemoUser::Director).await;
    let dashboard = app.page(&director, "/").await;
    let overview = app.page(&director, "/attendance/overview").await;
    let on_dashboard = stat(&dashboard, "present or late");
    let on_overview = stat(&overview, "present or late");
    assert_eq!(on_dashboard, on_overview, "both pages show one figure");
    assert_eq!(on_overview, expected, "present or late over enrolled");
    let rolls_line = format!("{} of {} daily rolls taken", taken.len(), daily.len());
    assert!(
        dashboard.contains(&rolls_line),
        "{rolls_line} on the dashboard"
    );
    assert!(
        overview.contains(&rolls_line),
        "{rolls_line} on the overview"
    );
}

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
async fn a_morning_of_missed_rolls_is_read_a_hundred_at_a_time() {
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    {
        let mut conn = app.conn();
        // One lesson of every class subject of the school falls due at midnight
        // today, with no grace.
        let day = DayOfWeek::from(today.weekday());
        diesel::sql_query(format!(
            "UPDATE timetable_periods p SET starts_at = '00:00', day_of_week = '{}', \
               clash_exempt = true \
             FROM (SELECT DISTINCT ON (class_subject_id) id FROM timetable_periods \
                   WHERE organization_id = '{org}' AND deleted_at IS NULL \
                   ORDER BY class_subject_id, id) one \
             WHERE p.id = one.id",
            day.as_str()
        ))
        .execute(&mut conn)
        .expect("move the lessons");
        let campuses: Vec<Uuid> = campuses::table
            .filter(campuses::organization_id.eq(org))
            .select(campuses::id)
            .load(&mut conn)
            .expect("campuses");
        for campus in campuses {
            CampusAttendanceConfigBuilder::new(org, campus)
                .period_grace_minutes(0)
                .insert(&mut conn);
        }
    }
    let director = app.signed_in(DemoUser::Director).await;
    let rows_of = |html: &str| -> Vec<String> {
        let doc = scraper::Html::parse_document(html);
        doc.select(&scraper::Selector::parse("#missing-rolls tbody tr").expect("selector"))
            .map(|r| r.inner_html())
            .collect()
    };
    let first = app.page(&director, "/attendance/missing").await;
    let missing: usize = {
        let doc = scraper::Html::parse_document(&first);
        let value = doc
            .select(&scraper::Selector::parse(".stat .value").expect("selector"))
            .next()
            .expect("the missing count")
            .text()
            .collect::<String>();
        value.trim().replace(',', "").parse().expect("a number")
    };
    assert!(
        missing > 100,
        "the school misses more than a page: {missing}"
    );
    let page_one = rows_of(&first);
    assert_eq!(page_one.len(), 100, "a page holds a hundred rolls");
    assert!(first.contains(&format!("Rolls 1–100 of {missing}")));
    assert!(first.contains("href=\"/attendance/missing?page=2\""));
    assert!(!first.contains("?page=0"), "no page before the first");

    let mut seen = page_one.clone();
    let mut page = 2;
    loop {
        let html = app
            .page(&director, &format!("/attendance/missing?page={page}"))
            .await;
        let rows = rows_of(&html);
        assert!(!rows.is_empty(), "page {page} has rolls");
        seen.extend(rows);
        if !html.contains(&format!("?page={}", page + 1)) {
            break;
        }
        page += 1;
    }
    assert_eq!(
        seen.len(),
        missing,
        "every missing roll is on one of the pages"
    );
    let distinct: std::collections::HashSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), missing, "and on one only");

    // A page past the end shows the last; a page that is not a number, the first.
    let past = app.page(&director, "/attendance/missing?page=9999").await;
    assert_eq!(rows_of(&past).last(), seen.last());
    let odd = app.page(&director, "/attendance/missing?page=two").await;
    assert_eq!(rows_of(&odd), page_one);
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

/// The trend's rows as the page prints them: students enrolled and present or late.
fn trend_rows(html: &str) -> Vec<(i64, i64)> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse(".trend-data tbody tr").expect("selector");
    let cells = scraper::Selector::parse("td").expect("selector");
    doc.select(&rows)
        .map(|row| {
            let numbers: Vec<i64> = row
                .select(&cells)
                .take(2)
                .map(|td| {
                    let text: String = td.text().collect();
                    text.trim().parse().expect("a count")
                })
                .collect();
            (numbers[0], numbers[1])
        })
        .collect()
}

#[actix_web::test]
async fn the_trend_reads_each_campus_summary_and_counts_a_campus_without_marks_from_its_enrolments()
{
    let app = spawn_app().await;
    let (org, tz) = northwind(&app);
    let today = local_today(homeroom::clock::zone(&tz));
    let director = app.signed_in(DemoUser::Director).await;
    let before = trend_rows(&app.page(&director, "/attendance/overview").await);
    let &(enrolled, attended) = before.last().expect("the demo's trend has days");

    // The newest day of the trend, and its campuses' figures as summarised.
    use homeroom::db::schema::campus_attendance_summaries as s;
    let mut conn = app.conn();
    let day: chrono::NaiveDate = s::table
        .filter(s::organization_id.eq(org))
        .filter(s::deleted_at.is_null())
        .filter(s::attendance_date.le(today))
        .select(diesel::dsl::max(s::attendance_date))
        .first::<Option<chrono::NaiveDate>>(&mut conn)
        .expect("the newest day")
        .expect("a summarised day");
    let campuses: Vec<(Uuid, i32, i32)> = s::table
        .filter(s::organization_id.eq(org))
        .filter(s::deleted_at.is_null())
        .filter(s::attendance_date.eq(day))
        .order(s::campus_id)
        .select((
            s::campus_id.assume_not_null(),
            s::total_present,
            s::total_tardy,
        ))
        .load(&mut conn)
        .expect("the day's campuses");
    assert!(campuses.len() >= 2, "the demo marks every campus");
    let (gone, gone_present, gone_late) = campuses[0];
    let (kept, ..) = campuses[1];

    // One campus's summary of that day goes (as if it had taken no roll), and the
    // other's stored count of students is set apart from the enrolments.
    diesel::update(
        s::table
            .filter(s::campus_id.eq(gone))
            .filter(s::attendance_date.eq(day)),
    )
    .set(s::deleted_at.eq(diesel::dsl::now))
    .execute(&mut conn)
    .expect("the campus's summary goes");
    diesel::update(
        s::table
            .filter(s::campus_id.eq(kept))
            .filter(s::attendance_date.eq(day))
            .filter(s::deleted_at.is_null()),
    )
    .set(s::students_enrolled.eq(s::students_enrolled + 1000))
    .execute(&mut conn)
    .expect("the stored count moves");

    let after = trend_rows(&app.page(&director, "/attendance/overview").await);
    let &(enrolled_now, attended_now) = after.last().expect("the day is still in the trend");
    assert_eq!(
        enrolled_now,
        enrolled + 1000,
        "the campus without a summary still counts its students; the other's come from its summary"
    );
    assert_eq!(
        attended_now,
        attended - i64::from(gone_present + gone_late),
        "only the summarised campus's marks are counted"
    );
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

/// A day's figures counted straight from the rows, as the dashboard's card shows them.
#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct CardCounts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    present: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    late: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    absent: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    excused: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    enrolled: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rolls_taken: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rolls_due: i64,
}

fn counted_card(app: &crate::common::TestApp, org: Uuid, day: chrono::NaiveDate) -> CardCounts {
    diesel::sql_query(
        "WITH marks AS (
            SELECT s.class_id, r.status FROM attendance_records r
            JOIN attendance_sessions s ON s.id = r.attendance_session_id
            WHERE s.organization_id = $1 AND s.session_date = $2
              AND s.session_type = 'daily' AND s.deleted_at IS NULL AND r.deleted_at IS NULL
         ), enrolled AS (
            SELECT DISTINCT c.id AS class_id, c.campus_id, c.grade_id, ce.student_id
            FROM class_enrollments ce
            JOIN classes c ON c.id = ce.class_id
            JOIN academic_years y ON y.id = c.academic_year_id
            JOIN students st ON st.id = ce.student_id
            WHERE ce.organization_id = $1 AND ce.deleted_at IS NULL AND ce.status = 'active'
              AND (ce.enrolled_on IS NULL OR ce.enrolled_on <= $2)
              AND (ce.ended_on IS NULL OR ce.ended_on >= $2)
              AND c.deleted_at IS NULL AND c.status = 'active'
              AND y.deleted_at IS NULL AND $2 BETWEEN y.start_date AND y.end_date
              AND st.deleted_at IS NULL AND st.status = 'active'
         ), classes_due AS (
            SELECT class_id, count(*) AS n FROM enrolled GROUP BY class_id
         )
         SELECT (SELECT count(*) FROM marks WHERE status = 'present') AS present,
                (SELECT count(*) FROM marks WHERE status = 'late') AS late,
                (SELECT count(*) FROM marks WHERE status = 'absent') AS absent,
                (SELECT count(*) FROM marks WHERE status = 'excused') AS excused,
                (SELECT count(*) FROM (SELECT DISTINCT campus_id, grade_id, student_id
                                       FROM enrolled) e) AS enrolled,
                (SELECT count(*) FROM classes_due d
                 WHERE (SELECT count(*) FROM marks m WHERE m.class_id = d.class_id) >= d.n)
                    AS rolls_taken,
                (SELECT count(*) FROM classes_due) AS rolls_due",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .bind::<diesel::sql_types::Date, _>(day)
    .get_result(&mut app.conn())
    .expect("the day's counts")
}

/// The dashboard's attendance card: each count by its label, and its sentences.
fn card_of(html: &str) -> (Vec<(String, String)>, String) {
    let doc = scraper::Html::parse_document(html);
    let card = scraper::Selector::parse(r#"section[aria-labelledby="attendance-head"]"#)
        .expect("selector");
    let item = scraper::Selector::parse("li").expect("selector");
    let what = scraper::Selector::parse(".what").expect("selector");
    let badge = scraper::Selector::parse(".badge").expect("selector");
    let section = doc.select(&card).next().expect("the attendance card");
    let counts = section
        .select(&item)
        .filter_map(|li| {
            let w = li.select(&what).next()?.text().collect::<String>();
            let b = li.select(&badge).next()?.text().collect::<String>();
            Some((w.trim().to_owned(), b.trim().to_owned()))
        })
        .collect();
    // Numbers as written in the sentences, without their thousands separators.
    let text = section
        .text()
        .collect::<String>()
        .replace([',', '\u{a0}', '\u{202f}'], "");
    (counts, text)
}

async fn card_matches_the_marks(
    app: &crate::common::TestApp,
    director: &reqwest::Client,
    org: Uuid,
    day: chrono::NaiveDate,
) {
    let c = counted_card(app, org, day);
    let dashboard = app.page(director, "/").await;
    let (counts, text) = card_of(&dashboard);
    let marked = c.present + c.late + c.absent + c.excused;
    let expected: Vec<(String, String)> = [
        ("Present", c.present),
        ("Late", c.late),
        ("Absent", c.absent),
        ("Excused", c.excused),
        ("Not yet marked", (c.enrolled - marked).max(0)),
    ]
    .iter()
    .map(|(l, n)| ((*l).to_owned(), n.to_string()))
    .collect();
    assert_eq!(counts, expected, "the card's counts are the marks' ({c:?})");
    assert_eq!(
        stat(&dashboard, "present or late"),
        format!(
            "{:.1}%",
            (c.present + c.late) as f64 * 100.0 / c.enrolled as f64
        )
    );
    let rolls = format!("{} of {} daily rolls taken", c.rolls_taken, c.rolls_due);
    assert!(text.contains(&rolls), "{rolls} on the card: {text}");
    let enrolled = format!("of {} enrolled", c.enrolled);
    assert!(text.contains(&enrolled), "{enrolled} on the card: {text}");
}

#[actix_web::test]
async fn the_dashboard_card_counts_what_a_roll_saved_and_what_its_edit_changed() {
    let app = spawn_app().await;
    let (org, _) = northwind(&app);
    let roll = crate::attendance::teachers_roll(&app);
    assert!(roll.students.len() >= 8, "a class of several students");
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let director = app.signed_in(DemoUser::Director).await;
    let statuses = ["present", "late", "absent", "excused"];
    let save = |turn: usize, marked_at: i64| {
        let marks: Vec<serde_json::Value> = roll
            .students
            .iter()
            .enumerate()
            // The edit leaves the last student unmarked: their roll is no longer taken.
            .filter(|(i, _)| turn == 0 || *i + 1 < roll.students.len())
            .map(|(i, student)| {
                let status = statuses[(i + turn) % statuses.len()];
                serde_json::json!({
                    "id": format!("m{turn}-{i}"),
                    "student_id": student,
                    "status": status,
                    "minutes_late": (status == "late").then_some(5),
                    "remarks": "",
                    "marked_at": marked_at,
                })
            })
            .collect();
        serde_json::json!({"date": roll.date.to_string(), "sent_at": marked_at, "marks": marks})
    };

    // The teacher's roll with every status, excused among them.
    let response = crate::attendance::post_marks(&app, &teacher, &roll, &save(0, 1_000)).await;
    assert_eq!(response.status(), 200);
    let first = counted_card(&app, org, roll.date);
    assert!(first.excused > 0 && first.late > 0 && first.absent > 0 && first.present > 0);
    assert!(first.rolls_taken >= 1, "the teacher's roll is taken");
    card_matches_the_marks(&app, &director, org, roll.date).await;

    // The roll edited: every status moves on one, and one mark is taken back.
    let response = crate::attendance::post_marks(&app, &teacher, &roll, &save(1, 2_000)).await;
    assert_eq!(response.status(), 200);
    let last = roll.students.last().expect("a student");
    diesel::sql_query(
        "UPDATE attendance_records r SET deleted_at = now() FROM attendance_sessions s
         WHERE s.id = r.attendance_session_id AND s.class_id = $1 AND s.session_date = $2
           AND s.session_type = 'daily' AND r.student_id = $3 AND r.deleted_at IS NULL",
    )
    .bind::<diesel::sql_types::Uuid, _>(roll.class_id)
    .bind::<diesel::sql_types::Date, _>(roll.date)
    .bind::<diesel::sql_types::Uuid, _>(*last)
    .execute(&mut app.conn())
    .expect("a mark taken back");
    let edited = counted_card(&app, org, roll.date);
    assert_ne!(edited, first, "the edit changed the day's counts");
    assert_eq!(
        edited.rolls_taken,
        first.rolls_taken - 1,
        "the roll is no longer whole"
    );
    card_matches_the_marks(&app, &director, org, roll.date).await;
}

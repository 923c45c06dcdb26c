//! Roll call: the teacher's day, taking and saving rolls, summaries and absence alerts.

mod alerts;
pub(crate) mod browser;
mod roll;
mod schedule;

use chrono::{Datelike, NaiveDate, Weekday};
use diesel::prelude::*;
use diesel::sql_types;
use homeroom::db::schema::{organizations, staff, users};
use uuid::Uuid;

use crate::common::TestApp;

/// The rolls of `day` in `org` for `scope`, read as Homeroom itself reads them.
pub fn scheduled_rolls(
    conn: &mut PgConnection,
    org: Uuid,
    day: NaiveDate,
    scope: homeroom::attendance::schedule::Scope,
) -> QueryResult<Vec<homeroom::attendance::schedule::ScheduledRoll>> {
    conn.transaction(|conn| {
        let mut tenant = homeroom::db::enter(conn, &homeroom::db::Actor::system(org))?;
        homeroom::attendance::schedule::scheduled_rolls(&mut tenant, day, scope)
    })
}

/// The demo school's organization id and time zone.
pub fn northwind(app: &TestApp) -> (Uuid, String) {
    organizations::table
        .filter(organizations::name.ilike("Northwind%"))
        .select((organizations::id, organizations::time_zone))
        .first(&mut app.conn())
        .expect("the Northwind organization")
}

/// The staff record of a demo account.
pub fn staff_id_of(app: &TestApp, email: &str) -> Uuid {
    staff::table
        .inner_join(users::table.on(staff::user_id.eq(users::id.nullable())))
        .filter(users::email.eq(email))
        .select(staff::id)
        .first(&mut app.conn())
        .unwrap_or_else(|e| panic!("staff record of {email}: {e}"))
}

/// Today in the school's time zone, or the next Monday when today is a weekend:
/// the demo teacher teaches every weekday.
pub fn school_day(time_zone: &str) -> NaiveDate {
    let mut day = homeroom::access::local_today(homeroom::clock::zone(time_zone));
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.succ_opt().expect("a next day");
    }
    day
}

/// A roll to take in tests: the demo teacher's daily roll today, its students by last name.
pub struct TestRoll {
    pub class_id: Uuid,
    pub campus_id: Uuid,
    pub date: NaiveDate,
    pub path: String,
    pub students: Vec<Uuid>,
}

#[derive(QueryableByName)]
struct ClassRow {
    #[diesel(sql_type = sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = sql_types::Uuid)]
    campus_id: Uuid,
}

#[derive(QueryableByName)]
struct StudentRow {
    #[diesel(sql_type = sql_types::Uuid)]
    id: Uuid,
}

/// The daily roll of the class whose homeroom teacher is the demo teacher.
pub fn teachers_roll(app: &TestApp) -> TestRoll {
    let (_, tz) = northwind(app);
    let teacher = staff_id_of(app, "teacher@northwind.test");
    let mut conn = app.conn();
    let class: ClassRow = diesel::sql_query(
        "SELECT id, campus_id FROM classes WHERE homeroom_teacher_id = $1 \
         AND deleted_at IS NULL AND status = 'active' ORDER BY name LIMIT 1",
    )
    .bind::<sql_types::Uuid, _>(teacher)
    .get_result(&mut conn)
    .expect("the demo teacher's class");
    let students: Vec<StudentRow> = diesel::sql_query(
        "SELECT s.id FROM class_enrollments e JOIN students s ON s.id = e.student_id \
         WHERE e.class_id = $1 AND e.status = 'active' AND e.deleted_at IS NULL \
           AND s.status = 'active' AND s.deleted_at IS NULL \
         ORDER BY s.last_name, s.first_name, s.id",
    )
    .bind::<sql_types::Uuid, _>(class.id)
    .load(&mut conn)
    .expect("the class's students");
    TestRoll {
        class_id: class.id,
        campus_id: class.campus_id,
        date: homeroom::access::local_today(homeroom::clock::zone(&tz)),
        path: format!("/roll/classes/{}", class.id),
        students: students.into_iter().map(|s| s.id).collect(),
    }
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
pub struct StoredRecord {
    #[diesel(sql_type = sql_types::Uuid)]
    pub student_id: Uuid,
    #[diesel(sql_type = sql_types::Text)]
    pub status: String,
    #[diesel(sql_type = sql_types::Nullable<sql_types::Integer>)]
    pub minutes_late: Option<i32>,
    #[diesel(sql_type = sql_types::Nullable<sql_types::Text>)]
    pub remarks: Option<String>,
}

/// Every live mark of the class's daily roll on the date.
pub fn records(app: &TestApp, roll: &TestRoll) -> Vec<StoredRecord> {
    diesel::sql_query(
        "SELECT r.student_id, r.status::text AS status, r.minutes_late, r.remarks \
         FROM attendance_records r JOIN attendance_sessions s ON s.id = r.attendance_session_id \
         WHERE s.class_id = $1 AND s.session_date = $2 AND s.session_type = 'daily' \
           AND r.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY r.student_id",
    )
    .bind::<sql_types::Uuid, _>(roll.class_id)
    .bind::<sql_types::Date, _>(roll.date)
    .load(&mut app.conn())
    .expect("records")
}

/// The roll's plain form fields: each given student's status (and minutes late).
pub fn form_fields(roll: &TestRoll, marks: &[(Uuid, &str, Option<&str>)]) -> Vec<(String, String)> {
    let mut fields = vec![("date".to_owned(), roll.date.to_string())];
    for (student, status, minutes) in marks {
        fields.push((format!("status-{student}"), (*status).to_owned()));
        if let Some(m) = minutes {
            fields.push((format!("minutes_other-{student}"), (*m).to_owned()));
        }
    }
    fields
}

/// Posts the roll's plain form as the client, with the page's CSRF token.
pub async fn post_roll(
    app: &TestApp,
    client: &reqwest::Client,
    roll: &TestRoll,
    fields: &[(String, String)],
) -> reqwest::Response {
    let page = format!("{}?date={}", roll.path, roll.date);
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.submit(client, &page, &roll.path, &refs).await
}

/// Posts marks the way the roll page's script does.
pub async fn post_marks(
    app: &TestApp,
    client: &reqwest::Client,
    roll: &TestRoll,
    body: &serde_json::Value,
) -> reqwest::Response {
    let html = app
        .page(client, &format!("{}?date={}", roll.path, roll.date))
        .await;
    let token = crate::common::csrf_token(&html).expect("the roll page's token");
    client
        .post(app.url(&format!("{}/marks", roll.path)))
        .header("X-CSRF-Token", token)
        .json(body)
        .send()
        .await
        .expect("POST marks")
}

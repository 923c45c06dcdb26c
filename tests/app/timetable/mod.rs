//! The timetable builder: clashes refused with the other lesson named, the clash
//! report, publishing from a date, and the pages in Spanish.

mod browser;
mod clashes;
mod feed;
mod pages;
mod publishing;
mod week;

use diesel::prelude::*;
use diesel::sql_types;
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, csrf_token};

/// The published timetable of the demo teacher's campus.
pub fn published_timetable(app: &TestApp) -> Uuid {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = sql_types::Uuid)]
        id: Uuid,
    }
    let teacher = crate::attendance::staff_id_of(app, "teacher@northwind.test");
    let row: Row = diesel::sql_query(
        "SELECT t.id FROM timetables t JOIN classes c ON c.campus_id = t.campus_id \
         WHERE c.homeroom_teacher_id = $1 AND t.status = 'published' AND t.deleted_at IS NULL \
         ORDER BY t.effective_from DESC LIMIT 1",
    )
    .bind::<sql_types::Uuid, _>(teacher)
    .get_result(&mut app.conn())
    .expect("the demo campus's published timetable");
    row.id
}

/// An administrator makes a draft copy of the published timetable; its id.
pub async fn make_draft(app: &TestApp, admin: &reqwest::Client) -> Uuid {
    let published = published_timetable(app);
    let response = app
        .submit(
            admin,
            "/timetable",
            &format!("/timetable/{published}/draft"),
            &[],
        )
        .await;
    assert_eq!(
        response.status(),
        303,
        "making a draft copy redirects to it"
    );
    let location = response.headers()["location"]
        .to_str()
        .expect("a location")
        .to_owned();
    let id = location.trim_start_matches("/timetable/");
    Uuid::parse_str(id).expect("the draft's id")
}

/// A class subject of the draft's campus: its id, class, teacher and names.
#[derive(QueryableByName, Clone, Debug)]
pub struct Subject {
    #[diesel(sql_type = sql_types::Uuid)]
    pub id: Uuid,
    #[diesel(sql_type = sql_types::Uuid)]
    pub class_id: Uuid,
    #[diesel(sql_type = sql_types::Uuid)]
    pub teacher_id: Uuid,
    #[diesel(sql_type = sql_types::Text)]
    pub class_name: String,
    #[diesel(sql_type = sql_types::Text)]
    pub subject_name: String,
    #[diesel(sql_type = sql_types::Text)]
    pub teacher_name: String,
}

pub fn subjects_of(app: &TestApp, timetable: Uuid) -> Vec<Subject> {
    diesel::sql_query(
        "SELECT cs.id, cs.class_id, cs.teacher_id, c.name AS class_name, s.name AS subject_name, \
                concat_ws(' ', st.first_name, st.last_name) AS teacher_name \
         FROM timetables t \
         JOIN classes c ON c.campus_id = t.campus_id AND c.academic_year_id = t.academic_year_id \
         JOIN class_subjects cs ON cs.class_id = c.id AND cs.deleted_at IS NULL \
         JOIN subjects s ON s.id = cs.subject_id \
         JOIN staff st ON st.id = cs.teacher_id \
         WHERE t.id = $1 AND c.deleted_at IS NULL ORDER BY c.name, s.name",
    )
    .bind::<sql_types::Uuid, _>(timetable)
    .load(&mut app.conn())
    .expect("the campus's class subjects")
}

/// The live lessons of a timetable.
pub fn lesson_count(app: &TestApp, timetable: Uuid) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = sql_types::BigInt)]
        n: i64,
    }
    let n: N = diesel::sql_query(
        "SELECT count(*) AS n FROM timetable_periods WHERE timetable_id = $1 AND deleted_at IS NULL",
    )
    .bind::<sql_types::Uuid, _>(timetable)
    .get_result(&mut app.conn())
    .expect("count the lessons");
    n.n
}

/// Adds a lesson through the grid's form (as a browser without JavaScript posts it).
pub async fn add_lesson(
    app: &TestApp,
    admin: &reqwest::Client,
    timetable: Uuid,
    subject: &Subject,
    (day, starts, ends): (&str, &str, &str),
    room: &str,
) -> reqwest::Response {
    let page = app.page(admin, &format!("/timetable/{timetable}")).await;
    let token = csrf_token(&page).expect("the grid has a CSRF token");
    let class = subject.class_id.to_string();
    let cs = subject.id.to_string();
    app.post_form(
        admin,
        &format!("/timetable/{timetable}/lessons"),
        &[
            ("csrf_token", token.as_str()),
            ("class", class.as_str()),
            ("day", day),
            ("starts", starts),
            ("ends", ends),
            ("class_subject", cs.as_str()),
            ("room", room),
        ],
    )
    .await
}

pub async fn admin(app: &TestApp) -> reqwest::Client {
    app.signed_in(DemoUser::Admin).await
}

/// A page's text with Askama's escapes undone, to look for names that hold them.
pub fn unescaped(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

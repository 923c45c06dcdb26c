//! Walkthroughs: a director records a visit with the teacher the timetable suggests,
//! the rules of the form, who sees and changes what, the teacher's acknowledgement,
//! the notice to the teacher, and the insight pages.

use crate::browser::open;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use diesel::prelude::*;
use diesel::sql_types::{Date, Integer, Nullable, Text, Time, Uuid as SqlUuid};
use fantoccini::Locator;
use uuid::Uuid;

use crate::browser::{
    PHONE, assert_no_sideways_scrolling, browser, measure, screenshot, start_driver,
};
use crate::common::fixtures::{AcademicYearBuilder, WalkthroughBuilder, organization_of_campus};
use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, count, csrf_token, spawn_app};

const AREAS: [&str; 7] = [
    "attitude",
    "classroom_management",
    "cleanliness",
    "vibes",
    "team_dynamics",
    "emergency_exit",
    "lesson_plan",
];

/// A lesson of the published timetable, on a school day of the past week.
#[derive(QueryableByName, Clone, Debug)]
pub(crate) struct Lesson {
    #[diesel(sql_type = Text)]
    pub(crate) room: String,
    #[diesel(sql_type = SqlUuid)]
    pub(crate) campus_id: Uuid,
    #[diesel(sql_type = Text)]
    day: String,
    #[diesel(sql_type = Time)]
    starts_at: NaiveTime,
    #[diesel(sql_type = SqlUuid)]
    pub(crate) teacher_id: Uuid,
    #[diesel(sql_type = Text)]
    pub(crate) teacher_name: String,
    #[diesel(sql_type = SqlUuid)]
    class_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    teacher_email: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub(crate) teacher_user_id: Option<Uuid>,
}

impl Lesson {
    /// The latest past date on the lesson's weekday (never today, so never the future).
    pub(crate) fn date(&self) -> NaiveDate {
        let today = homeroom::clock::now().date_naive() - Duration::days(1);
        (0..7)
            .map(|k| today - Duration::days(k))
            .find(|d| {
                d.weekday()
                    .to_string()
                    .to_lowercase()
                    .starts_with(&self.day[..3])
            })
            .expect("a day of that weekday")
    }

    fn date_text(&self) -> String {
        self.date().format("%Y-%m-%d").to_string()
    }

    /// Ten minutes into the lesson.
    fn time_text(&self) -> String {
        (self.starts_at + Duration::minutes(10))
            .format("%H:%M")
            .to_string()
    }
}

/// The campus of a demo staff member, by job title.
fn campus_of(app: &TestApp, job_title: &str) -> Uuid {
    use homeroom::db::schema::staff;
    staff::table
        .filter(staff::job_title.eq(job_title))
        .select(staff::campus_id)
        .first::<Option<Uuid>>(&mut app.conn())
        .expect("staff member")
        .expect("a campus")
}

/// A weekday lesson at Northwind, at `campus` (any when `None`), not taught by
/// `not_teacher`, whose teacher's name nobody else has.
pub(crate) fn find_lesson(
    app: &TestApp,
    campus: Option<Uuid>,
    not_teacher: Option<Uuid>,
) -> Lesson {
    let mut conn = app.conn();
    diesel::sql_query(
        "SELECT p.room, t.campus_id, p.day_of_week::text AS day, p.starts_at, \
                s.id AS teacher_id, s.first_name || ' ' || s.last_name AS teacher_name, \
                cs.class_id, s.email AS teacher_email, s.user_id AS teacher_user_id \
         FROM timetable_periods p \
         JOIN timetables t ON t.id = p.timetable_id AND t.status = 'published' \
         JOIN class_subjects cs ON cs.id = p.class_subject_id \
         JOIN staff s ON s.id = cs.teacher_id \
         JOIN organizations o ON o.id = p.organization_id AND o.name = 'Northwind Academy' \
         WHERE p.day_of_week NOT IN ('saturday', 'sunday') AND p.room IS NOT NULL \
           AND ($1::uuid IS NULL OR t.campus_id = $1) \
           AND ($2::uuid IS NULL OR s.id <> $2) \
           AND (SELECT count(*) FROM staff s2 WHERE s2.organization_id = s.organization_id \
                AND s2.first_name = s.first_name AND s2.last_name = s.last_name) = 1 \
         ORDER BY p.room, p.day_of_week, p.starts_at LIMIT 1",
    )
    .bind::<Nullable<SqlUuid>, _>(campus)
    .bind::<Nullable<SqlUuid>, _>(not_teacher)
    .get_result(&mut conn)
    .expect("a lesson on the demo timetable")
}

/// The fields of a complete walkthrough of `lesson`, every area rated `rating`.
pub(crate) fn visit_fields(lesson: &Lesson, rating: &str) -> Vec<(String, String)> {
    let mut fields = vec![
        ("classroom".to_owned(), lesson.room.clone()),
        ("teacher".to_owned(), lesson.teacher_name.clone()),
        ("check_in_date".to_owned(), lesson.date_text()),
        ("check_in_time".to_owned(), lesson.time_text()),
        (
            "overall_notes".to_owned(),
            "Calm start, clear goals.".to_owned(),
        ),
    ];
    for area in AREAS {
        fields.push((format!("{area}_rating"), rating.to_owned()));
    }
    fields.push((
        "vibes_comment".to_owned(),
        "Lots of laughter, on topic.".to_owned(),
    ));
    fields
}

pub(crate) fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        fields.iter().filter(|(k, _)| k != name).cloned().collect();
    out.push((name.to_owned(), value.to_owned()));
    out
}

pub(crate) async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    form_page: &str,
    action: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.submit(client, form_page, action, &refs).await
}

/// Records a walkthrough through the form and returns its id.
pub(crate) async fn record(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(String, String)],
) -> Uuid {
    let response = post(app, client, "/walkthroughs/new", "/walkthroughs", fields).await;
    assert_eq!(response.status(), 303, "the walkthrough is saved");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let id = location
        .trim_start_matches("/walkthroughs/")
        .split('?')
        .next()
        .expect("id");
    Uuid::parse_str(id).expect("the new walkthrough's id")
}

fn walkthrough_count(app: &TestApp) -> i64 {
    count(&mut app.conn(), "walkthrough_checkins")
}

/// The value of the `id="teacher"` input of a page or fragment.
fn teacher_value(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_fragment(html);
    let input = scraper::Selector::parse("#teacher").expect("selector");
    doc.select(&input)
        .next()
        .and_then(|e| e.value().attr("value"))
        .map(str::to_owned)
}

async fn sign_in_as_staff(app: &TestApp, job_title: &str) -> reqwest::Client {
    let email: String = {
        use homeroom::db::schema::staff;
        staff::table
            .filter(staff::job_title.eq(job_title))
            .select(staff::email)
            .first::<Option<String>>(&mut app.conn())
            .expect("staff member")
            .expect("an e-mail address")
    };
    let client = app.client();
    let response = app.sign_in(&client, &email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 303, "{email} signs in");
    client
}

#[actix_web::test]
async fn director_records_a_walkthrough_with_the_teacher_the_timetable_suggests() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);

    let form = app.page(&director, "/walkthroughs/new").await;
    assert!(
        form.contains(&format!("<option value=\"{}\">", lesson.room)),
        "the room is offered"
    );

    let query = serde_urlencoded::to_string([
        ("classroom", lesson.room.as_str()),
        ("teacher", ""),
        ("check_in_date", &lesson.date_text()),
        ("check_in_time", &lesson.time_text()),
    ])
    .expect("query");
    let fragment = app
        .page(&director, &format!("/walkthroughs/new/teacher?{query}"))
        .await;
    assert!(fragment.contains("Timetable:"), "{fragment}");
    let suggested = teacher_value(&fragment).expect("a suggested teacher");
    assert_eq!(suggested, lesson.teacher_name);

    // A teacher the director typed instead of the suggestion is not overwritten.
    let query = serde_urlencoded::to_string([
        ("classroom", lesson.room.as_str()),
        ("teacher", "Someone Else"),
        ("suggested", ""),
        ("check_in_date", &lesson.date_text()),
        ("check_in_time", &lesson.time_text()),
    ])
    .expect("query");
    let kept = app
        .page(&director, &format!("/walkthroughs/new/teacher?{query}"))
        .await;
    assert_eq!(teacher_value(&kept).as_deref(), Some("Someone Else"));
    assert!(
        kept.contains("Timetable:"),
        "the hint still names the timetable's teacher"
    );

    let before_messages = count(&mut app.conn(), "messages");
    let fields = with(&visit_fields(&lesson, "4"), "teacher", &suggested);
    let id = record(&app, &director, &fields).await;

    #[derive(QueryableByName)]
    struct Stored {
        #[diesel(sql_type = Nullable<SqlUuid>)]
        teacher_id: Option<Uuid>,
        #[diesel(sql_type = Nullable<SqlUuid>)]
        class_id: Option<Uuid>,
        #[diesel(sql_type = Nullable<SqlUuid>)]
        campus_id: Option<Uuid>,
        #[diesel(sql_type = Integer)]
        vibes_rating: i32,
        #[diesel(sql_type = Nullable<Text>)]
        vibes_comment: Option<String>,
        #[diesel(sql_type = Date)]
        check_in_date: NaiveDate,
    }
    let stored: Stored = diesel::sql_query(
        "SELECT teacher_id, class_id, campus_id, vibes_rating, vibes_comment, check_in_date \
         FROM walkthrough_checkins WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .get_result(&mut app.conn())
    .expect("the stored walkthrough");
    assert_eq!(stored.teacher_id, Some(lesson.teacher_id));
    assert_eq!(stored.class_id, Some(lesson.class_id));
    assert_eq!(stored.campus_id, Some(lesson.campus_id));
    assert_eq!(stored.vibes_rating, 4);
    assert_eq!(
        stored.vibes_comment.as_deref(),
        Some("Lots of laughter, on topic.")
    );
    assert_eq!(stored.check_in_date, lesson.date());

    let detail = app
        .page(&director, &format!("/walkthroughs/{id}?saved=1"))
        .await;
    assert!(detail.contains(&lesson.teacher_name));
    assert!(detail.contains("Walkthrough saved"));
    assert!(
        detail.contains("data-draft-clear"),
        "the page releases the draft"
    );

    // The teacher is told: one message, with the teacher as its recipient.
    assert_eq!(count(&mut app.conn(), "messages"), before_messages + 1);
    #[derive(QueryableByName)]
    struct Told {
        #[diesel(sql_type = Text)]
        subject: String,
        #[diesel(sql_type = Nullable<SqlUuid>)]
        user_id: Option<Uuid>,
        #[diesel(sql_type = Nullable<Text>)]
        destination: Option<String>,
    }
    let told: Told = diesel::sql_query(
        "SELECT m.subject, r.user_id, r.destination FROM messages m \
         JOIN message_recipients r ON r.message_id = m.id \
         WHERE m.subject LIKE 'Walkthrough of %' ORDER BY m.created_at DESC LIMIT 1",
    )
    .get_result(&mut app.conn())
    .expect("a notice to the teacher");
    assert_eq!(
        told.subject,
        format!(
            "Walkthrough of {} on {}",
            lesson.room,
            lesson.date().format("%-d %B %Y")
        )
    );
    assert_eq!(told.user_id, lesson.teacher_user_id);
    assert_eq!(told.destination, lesson.teacher_email);
}

#[actix_web::test]
async fn ratings_outside_one_to_five_are_refused_and_everything_typed_stays() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let before = walkthrough_count(&app);
    let fields = with(
        &with(&visit_fields(&lesson, "3"), "attitude_rating", "0"),
        "lesson_plan_rating",
        "6",
    );
    let response = post(
        &app,
        &director,
        "/walkthroughs/new",
        "/walkthroughs",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(html.contains("Rate attitude from 1 to 5."));
    assert!(html.contains("Rate lesson plan from 1 to 5."));
    assert!(
        html.contains("Lots of laughter, on topic."),
        "the comment is kept"
    );
    assert!(
        html.contains("Calm start, clear goals."),
        "the notes are kept"
    );
    assert!(
        html.contains(&format!("value=\"{}\"", lesson.room)),
        "the classroom is kept"
    );
    assert!(
        html.contains(r#"name="vibes_rating" value="3" checked"#),
        "the valid ratings are kept"
    );
    assert!(
        html.contains(r#"data-draft-restore="false""#),
        "the draft follows the form"
    );
    assert_eq!(walkthrough_count(&app), before, "nothing is stored");
}

#[actix_web::test]
async fn teacher_and_classroom_are_required() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let before = walkthrough_count(&app);
    let fields = with(
        &with(&visit_fields(&lesson, "5"), "teacher", " "),
        "classroom",
        "",
    );
    let response = post(
        &app,
        &director,
        "/walkthroughs/new",
        "/walkthroughs",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(html.contains("Choose the classroom you are in."));
    assert!(html.contains("Choose the teacher you observed."));

    let unknown = with(&visit_fields(&lesson, "5"), "teacher", "Nobody Atall");
    let response = post(
        &app,
        &director,
        "/walkthroughs/new",
        "/walkthroughs",
        &unknown,
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("form")
            .contains("Choose a teacher from the list.")
    );
    assert_eq!(walkthrough_count(&app), before);
}

#[actix_web::test]
async fn a_visit_in_the_future_is_refused() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let before = walkthrough_count(&app);
    let later = (homeroom::clock::now() + Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let fields = with(&visit_fields(&lesson, "4"), "check_in_date", &later);
    let response = post(
        &app,
        &director,
        "/walkthroughs/new",
        "/walkthroughs",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("the form again");
    assert!(html.contains("This date is in the future."));
    assert!(
        html.contains(&format!("value=\"{later}\"")),
        "the date typed is kept"
    );
    assert_eq!(walkthrough_count(&app), before);
}

#[actix_web::test]
async fn author_changes_a_walkthrough_within_the_window_but_not_after() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let id = record(&app, &director, &visit_fields(&lesson, "4")).await;

    let changed = with(
        &visit_fields(&lesson, "4"),
        "overall_notes",
        "Second look: strong.",
    );
    let edit_page = format!("/walkthroughs/{id}/edit");
    let response = post(
        &app,
        &director,
        &edit_page,
        &format!("/walkthroughs/{id}"),
        &changed,
    )
    .await;
    assert_eq!(response.status(), 303);
    let notes = |app: &TestApp| -> Option<String> {
        use homeroom::db::schema::walkthrough_checkins as w;
        w::table
            .find(id)
            .select(w::overall_notes)
            .first(&mut app.conn())
            .expect("walkthrough")
    };
    assert_eq!(notes(&app).as_deref(), Some("Second look: strong."));

    // Another director may not change it, even within the window.
    let other = sign_in_as_staff(&app, "Campus Director, North Campus").await;
    let expected = if lesson.campus_id == campus_of(&app, "Campus Director, North Campus") {
        403
    } else {
        404
    };
    assert_eq!(app.get(&other, &edit_page).await.status(), expected);

    diesel::sql_query(
        "UPDATE walkthrough_checkins SET created_at = now() - interval '25 hours' WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .execute(&mut app.conn())
    .expect("age the walkthrough");
    assert_eq!(app.get(&director, &edit_page).await.status(), 403);
    let detail = app.page(&director, &format!("/walkthroughs/{id}")).await;
    assert!(
        !detail.contains(&edit_page),
        "no Change button after the window"
    );
    let token = csrf_token(&detail).expect("token");
    let mut late = with(&changed, "overall_notes", "Too late.");
    late.push(("csrf_token".to_owned(), token));
    let response = director
        .post(app.url(&format!("/walkthroughs/{id}")))
        .form(&late)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    assert_eq!(notes(&app).as_deref(), Some("Second look: strong."));
}

#[actix_web::test]
async fn only_administrators_delete_and_deletion_is_soft() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let id = record(&app, &director, &visit_fields(&lesson, "2")).await;
    let page = format!("/walkthroughs/{id}");
    let action = format!("/walkthroughs/{id}/delete");

    let refused = app.submit(&director, &page, &action, &[]).await;
    assert_eq!(refused.status(), 403);

    let admin = app.signed_in(DemoUser::Admin).await;
    let detail = app.page(&admin, &page).await;
    assert!(detail.contains(&action), "administrators see Delete");
    let response = app.submit(&admin, &page, &action, &[]).await;
    assert_eq!(response.status(), 303);

    let deleted_at: Option<chrono::DateTime<chrono::Utc>> = {
        use homeroom::db::schema::walkthrough_checkins as w;
        w::table
            .find(id)
            .select(w::deleted_at)
            .first(&mut app.conn())
            .expect("the row stays")
    };
    assert!(deleted_at.is_some(), "deletion is soft");
    assert_eq!(app.get(&admin, &page).await.status(), 404);
    let list = app.page(&admin, "/walkthroughs").await;
    assert!(!list.contains(&page));
}

#[actix_web::test]
async fn teacher_cannot_record_walkthroughs_and_sees_only_their_own() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert_eq!(app.get(&teacher, "/walkthroughs/new").await.status(), 403);
    let token = csrf_token(&app.page(&teacher, "/").await).expect("token");
    let response = teacher
        .post(app.url("/walkthroughs"))
        .form(&[("csrf_token", token.as_str()), ("classroom", "N-11")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);

    let list = app.page(&teacher, "/walkthroughs").await;
    assert!(!list.contains("New walkthrough"));
    let own: Vec<Uuid> = own_walkthroughs(&app, "teacher@northwind.test");
    assert!(!own.is_empty(), "the demo teacher has been visited");
    let others: Vec<Uuid> = {
        use homeroom::db::schema::walkthrough_checkins as w;
        w::table
            .filter(w::id.ne_all(&own))
            .select(w::id)
            .load(&mut app.conn())
            .expect("others")
    };
    for id in &own {
        assert!(
            list.contains(&format!("/walkthroughs/{id}")),
            "their own visit {id}"
        );
    }
    for id in &others {
        assert!(!list.contains(&format!("/walkthroughs/{id}")));
    }
    let someone_else = others.first().expect("visits to other teachers");
    assert_eq!(
        app.get(&teacher, &format!("/walkthroughs/{someone_else}"))
            .await
            .status(),
        404
    );
}

fn own_walkthroughs(app: &TestApp, email: &str) -> Vec<Uuid> {
    use homeroom::db::schema::{staff, users, walkthrough_checkins as w};
    w::table
        .inner_join(staff::table.on(staff::id.nullable().eq(w::teacher_id)))
        .inner_join(users::table.on(users::id.nullable().eq(staff::user_id)))
        .filter(users::email.eq(email))
        .filter(w::deleted_at.is_null())
        .select(w::id)
        .load(&mut app.conn())
        .expect("own walkthroughs")
}

/// The demo teacher's staff record and one of their lessons.
pub(crate) fn demo_teacher_lesson(app: &TestApp) -> Lesson {
    let mut conn = app.conn();
    diesel::sql_query(
        "SELECT p.room, t.campus_id, p.day_of_week::text AS day, p.starts_at, \
                s.id AS teacher_id, s.first_name || ' ' || s.last_name AS teacher_name, \
                cs.class_id, s.email AS teacher_email, s.user_id AS teacher_user_id \
         FROM timetable_periods p \
         JOIN timetables t ON t.id = p.timetable_id \
         JOIN class_subjects cs ON cs.id = p.class_subject_id \
         JOIN staff s ON s.id = cs.teacher_id \
         JOIN users u ON u.id = s.user_id AND u.email = 'teacher@northwind.test' \
         WHERE p.day_of_week NOT IN ('saturday', 'sunday') \
         ORDER BY p.day_of_week, p.starts_at LIMIT 1",
    )
    .get_result(&mut conn)
    .expect("the demo teacher's lesson")
}

#[actix_web::test]
async fn teacher_acknowledges_with_a_reply_and_the_director_sees_it() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = demo_teacher_lesson(&app);
    let id = record(&app, &director, &visit_fields(&lesson, "5")).await;
    let page = format!("/walkthroughs/{id}");

    let before = app.page(&director, "/walkthroughs").await;
    assert!(before.contains("Not yet"));

    let teacher = app.signed_in(DemoUser::Teacher).await;
    let mine = app.page(&teacher, "/walkthroughs").await;
    assert!(mine.contains(&page), "the teacher sees the visit");
    let response = app
        .submit(
            &teacher,
            &page,
            &format!("{page}/acknowledge"),
            &[("reply", "Thank you, I will post the exit map.")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let again = app
        .submit(
            &teacher,
            &page,
            &format!("{page}/acknowledge"),
            &[("reply", "Twice")],
        )
        .await;
    assert_eq!(
        again.status(),
        303,
        "a second acknowledgement changes nothing"
    );

    let (at, reply): (Option<chrono::DateTime<chrono::Utc>>, Option<String>) = {
        use homeroom::db::schema::walkthrough_checkins as w;
        w::table
            .find(id)
            .select((w::acknowledged_at, w::acknowledgement_reply))
            .first(&mut app.conn())
            .expect("walkthrough")
    };
    assert!(at.is_some());
    assert_eq!(
        reply.as_deref(),
        Some("Thank you, I will post the exit map.")
    );

    let detail = app.page(&director, &page).await;
    assert!(detail.contains("Acknowledged"));
    assert!(detail.contains("Thank you, I will post the exit map."));
    let list = app
        .page(
            &director,
            &format!("/walkthroughs?teacher={}", lesson.teacher_id),
        )
        .await;
    assert!(
        list.contains("Yes, replied"),
        "the list shows who acknowledged"
    );

    // The director cannot acknowledge for the teacher.
    let other = record(&app, &director, &visit_fields(&lesson, "3")).await;
    let response = app
        .submit(
            &director,
            &format!("/walkthroughs/{other}"),
            &format!("/walkthroughs/{other}/acknowledge"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 403);
}

#[actix_web::test]
async fn campus_director_sees_only_their_campus() {
    let app = spawn_app().await;
    let head = app.signed_in(DemoUser::Director).await;
    let harbor_lesson = find_lesson(
        &app,
        Some(campus_of(&app, "Campus Director, Harbor Campus")),
        None,
    );
    let north_lesson = find_lesson(
        &app,
        Some(campus_of(&app, "Campus Director, North Campus")),
        None,
    );
    let harbor = record(&app, &head, &visit_fields(&harbor_lesson, "4")).await;
    let north = record(&app, &head, &visit_fields(&north_lesson, "4")).await;

    let campus_director = sign_in_as_staff(&app, "Campus Director, Harbor Campus").await;
    let list = app.page(&campus_director, "/walkthroughs").await;
    assert!(list.contains(&format!("/walkthroughs/{harbor}")));
    assert!(!list.contains(&format!("/walkthroughs/{north}")));
    assert_eq!(
        app.get(&campus_director, &format!("/walkthroughs/{north}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(
            &campus_director,
            &format!("/walkthroughs/campuses/{}", north_lesson.campus_id)
        )
        .await
        .status(),
        404
    );
    let form = app.page(&campus_director, "/walkthroughs/new").await;
    assert!(form.contains(&format!("<option value=\"{}\">", harbor_lesson.room)));
    assert!(!form.contains(&format!("<option value=\"{}\">", north_lesson.room)));
}

#[actix_web::test]
async fn trend_and_coverage_pages_show_the_right_numbers() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = find_lesson(&app, None, None);
    let mut conn = app.conn();
    // Start from a clean campus history: only the visits below count.
    diesel::sql_query("UPDATE walkthrough_checkins SET deleted_at = now() WHERE campus_id = $1")
        .bind::<SqlUuid, _>(lesson.campus_id)
        .execute(&mut conn)
        .expect("clear the campus");
    drop(conn);
    record(&app, &director, &visit_fields(&lesson, "2")).await;
    record(&app, &director, &visit_fields(&lesson, "5")).await;

    let trend = app
        .page(
            &director,
            &format!("/walkthroughs/teachers/{}", lesson.teacher_id),
        )
        .await;
    assert!(trend.contains("<svg class=\"trend-chart\""));
    assert!(trend.contains("<title id=\"trend-title\">"));
    assert!(trend.contains("2 walkthroughs"));
    assert!(
        trend.contains("<td class=\"num total\">3.5</td>"),
        "(2 + 5) / 2 per area"
    );
    assert!(
        trend.contains("Lots of laughter, on topic."),
        "latest comments"
    );

    // Last term holds one visit rated 1 everywhere. Terms are those set on the
    // academic year's page (the demo sets three); when today is in the first, last
    // term is the second half of a previous year without terms (added here).
    let mut conn = app.conn();
    let (year_id, name, start): (uuid::Uuid, String, NaiveDate) = {
        use homeroom::db::schema::{academic_years as y, campuses};
        y::table
            .inner_join(campuses::table.on(campuses::organization_id.eq(y::organization_id)))
            .filter(campuses::id.eq(lesson.campus_id))
            .filter(y::current.eq(true))
            .select((y::id, y::name, y::start_date))
            .first(&mut conn)
            .expect("the current academic year")
    };
    let set: Vec<(String, NaiveDate, NaiveDate)> = {
        use homeroom::db::schema::academic_terms as t;
        t::table
            .filter(t::academic_year_id.eq(year_id))
            .filter(t::deleted_at.is_null())
            .order(t::starts_on)
            .select((t::name, t::starts_on, t::ends_on))
            .load(&mut conn)
            .expect("the year's terms")
    };
    assert!(set.len() >= 2, "the demo year has terms");
    let today = homeroom::clock::now().date_naive();
    let current = set
        .iter()
        .rposition(|(_, from, _)| *from <= today)
        .expect("a term has begun");
    let (old_visit, last_term) = match current.checked_sub(1).map(|i| &set[i]) {
        Some((term, _, until)) => (*until - Duration::days(10), format!("{name}, {term}")),
        None => {
            let org = organization_of_campus(&mut conn, lesson.campus_id);
            AcademicYearBuilder::new(
                org,
                "Previous year",
                start - Duration::days(365),
                start - Duration::days(40),
            )
            .insert(&mut conn);
            (
                start - Duration::days(60),
                "Previous year, second term".to_owned(),
            )
        }
    };
    let other = find_lesson(&app, Some(lesson.campus_id), Some(lesson.teacher_id));
    WalkthroughBuilder::at_campus(lesson.campus_id)
        .of_teacher(other.teacher_id, "Old visit")
        .in_classroom("Old room")
        .by_director("Someone")
        .on(old_visit)
        .at(NaiveTime::from_hms_opt(10, 0, 0).expect("10:00"))
        .rated(1)
        .insert(&mut conn);
    drop(conn);

    let campus = app
        .page(
            &director,
            &format!("/walkthroughs/campuses/{}", lesson.campus_id),
        )
        .await;
    assert!(
        campus.contains(&format!("{last_term}, 1 visit.")),
        "{campus}"
    );
    assert!(campus.contains(
        "<td class=\"num\">1.0</td><td class=\"num\">3.5</td><td class=\"num trend-up\">+2.5</td>"
    ));
    // Coverage: the teacher just visited is covered; the one visited last year is not.
    let coverage_row = |name: &str| format!(">{name}</a>");
    assert!(!campus.contains(&coverage_row(&lesson.teacher_name)));
    assert!(campus.contains(&coverage_row(&other.teacher_name)));
    let never = campus.find("Never").expect("teachers never visited");
    let old = campus
        .find(&coverage_row(&other.teacher_name))
        .expect("the old visit");
    assert!(never < old, "never visited come first");

    let wide = app
        .page(
            &director,
            &format!("/walkthroughs/campuses/{}?days=800", lesson.campus_id),
        )
        .await;
    assert!(wide.contains("Enter a number of days from 1 to 730"));
}

#[actix_web::test]
async fn another_organizations_walkthroughs_are_not_found() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let (theirs, staff_id, campus_id): (Uuid, Option<Uuid>, Option<Uuid>) = {
        use homeroom::db::schema::{organizations, walkthrough_checkins as w};
        w::table
            .inner_join(organizations::table)
            .filter(organizations::name.eq("Riverside School"))
            .select((w::id, w::teacher_id, w::campus_id))
            .first(&mut app.conn())
            .expect("a Riverside walkthrough")
    };
    let row = |app: &TestApp| -> String {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = Text)]
            row: String,
        }
        diesel::sql_query("SELECT t::text AS row FROM walkthrough_checkins t WHERE id = $1")
            .bind::<SqlUuid, _>(theirs)
            .get_result::<Row>(&mut app.conn())
            .expect("their walkthrough")
            .row
    };
    let before = row(&app);
    let token = csrf_token(&app.page(&admin, "/").await).expect("token");
    for path in [
        format!("/walkthroughs/{theirs}"),
        format!("/walkthroughs/{theirs}/edit"),
        format!("/walkthroughs/teachers/{}", staff_id.expect("teacher")),
        format!("/walkthroughs/campuses/{}", campus_id.expect("campus")),
    ] {
        assert_eq!(app.get(&admin, &path).await.status(), 404, "{path}");
    }
    for path in [
        format!("/walkthroughs/{theirs}"),
        format!("/walkthroughs/{theirs}/delete"),
        format!("/walkthroughs/{theirs}/acknowledge"),
    ] {
        let response = admin
            .post(app.url(&path))
            .form(&[
                ("csrf_token", token.as_str()),
                ("reply", "x"),
                ("overall_notes", "x"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 404, "{path}");
    }
    assert_eq!(row(&app), before, "their walkthrough is untouched");
}

/// Scrolls an element to the middle of the screen, as a thumb would, and taps it.
async fn tap(client: &fantoccini::Client, css: &str) {
    let element = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&element).expect("element")],
        )
        .await
        .expect("scroll");
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("tapping {css}: {e}"));
}

#[actix_web::test]
async fn director_records_a_walkthrough_on_a_phone_and_sees_it_in_the_teachers_trend() {
    let app = spawn_app().await;
    let lesson = find_lesson(&app, None, None);
    let driver = start_driver();
    let client = browser(&driver, PHONE).await;
    crate::browser::sign_in(&client, &app.url("/login"), "director@northwind.test", "h1").await;

    open(&client, &app.url("/walkthroughs/new"), "#classroom").await;
    assert_no_sideways_scrolling(&client, "the walkthrough form").await;
    screenshot(&client, "walkthrough-new-phone").await;

    // The visit happened during a lesson of the timetable; date and time default to now.
    client
        .execute(
            "document.getElementById('check_in_date').value = arguments[0];\
             document.getElementById('check_in_time').value = arguments[1];",
            vec![lesson.date_text().into(), lesson.time_text().into()],
        )
        .await
        .expect("set the date and time");
    client
        .find(Locator::Css("#classroom"))
        .await
        .expect("classroom")
        .send_keys(&lesson.room)
        .await
        .expect("type the room");
    client
        .find(Locator::Css("#ratings-head"))
        .await
        .expect("heading")
        .click()
        .await
        .expect("leave the field");
    let hint = client
        .wait()
        .for_element(Locator::Css(".suggestion.found"))
        .await
        .expect("the timetable's suggestion");
    assert!(
        hint.text()
            .await
            .expect("hint")
            .contains(&lesson.teacher_name)
    );
    let teacher = client
        .find(Locator::Css("#teacher"))
        .await
        .expect("teacher field")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(teacher.as_deref(), Some(lesson.teacher_name.as_str()));

    for (i, area) in AREAS.iter().enumerate() {
        let score = if i % 2 == 0 { 4 } else { 5 };
        tap(&client, &format!("#{area} .scale label:nth-child({score})")).await;
    }
    let tap = measure(
        &client,
        "return document.querySelector('#attitude .scale label').getBoundingClientRect().height",
    )
    .await;
    assert!(
        tap >= 44.0,
        "rating buttons are large tap targets, got {tap}"
    );
    client
        .find(Locator::Css("#overall_notes"))
        .await
        .expect("notes")
        .send_keys("Calm, focused lesson.")
        .await
        .expect("type notes");
    screenshot(&client, "walkthrough-rated-phone").await;

    // A dropped connection or a closed tab: the draft comes back.
    client.refresh().await.expect("reload");
    client
        .wait()
        .for_element(Locator::Css(".draft-bar:not([hidden])"))
        .await
        .expect("the draft is restored");
    let notes = client
        .find(Locator::Css("#overall_notes"))
        .await
        .expect("notes")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(notes.as_deref(), Some("Calm, focused lesson."));
    let hint = client
        .wait()
        .for_element(Locator::Css(".suggestion.found"))
        .await
        .expect("the timetable is asked again about the restored classroom");
    assert!(
        hint.text()
            .await
            .expect("hint")
            .contains(&lesson.teacher_name)
    );
    assert_no_sideways_scrolling(&client, "the rated form").await;
    client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .expect("back to the top");
    screenshot(&client, "walkthrough-draft-restored-phone").await;

    client
        .find(Locator::Css(".walk-actions button[type=submit]"))
        .await
        .expect("save")
        .click()
        .await
        .expect("save the walkthrough");
    client
        .wait()
        .for_element(Locator::Css("#acknowledgement"))
        .await
        .expect("the saved walkthrough");
    let drafts = measure(&client, "return window.localStorage.length").await;
    assert_eq!(drafts, 0.0, "the draft is gone once saved");
    assert_no_sideways_scrolling(&client, "the walkthrough").await;
    screenshot(&client, "walkthrough-saved-phone").await;

    client
        .find(Locator::Css(&format!(
            "a[href='/walkthroughs/teachers/{}']",
            lesson.teacher_id
        )))
        .await
        .expect("the teacher's trend link")
        .click()
        .await
        .expect("open the trend");
    client
        .wait()
        .for_element(Locator::Css("svg.trend-chart"))
        .await
        .expect("the trend chart");
    let page = client.source().await.expect("page");
    assert!(
        page.contains("Calm, focused lesson."),
        "the new visit is in the trend"
    );
    assert_no_sideways_scrolling(&client, "the trend").await;
    screenshot(&client, "walkthrough-trend-phone").await;

    for (path, ready, name) in [
        (
            "/walkthroughs".to_owned(),
            "#walkthrough-results",
            "walkthrough-list-phone",
        ),
        (
            format!("/walkthroughs/campuses/{}", lesson.campus_id),
            "#coverage-head",
            "walkthrough-campus-phone",
        ),
    ] {
        client.goto(&app.url(&path)).await.expect("open the page");
        client
            .wait()
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, &path).await;
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn the_office_does_not_read_a_walkthrough_notice_sent_to_a_teacher() {
    use crate::attendance::{form_fields, post_roll, teachers_roll};
    use homeroom::attendance::alerts::send_due_alerts;
    use homeroom::config::Settings;
    use homeroom::mail::Mailer;

    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let lesson = demo_teacher_lesson(&app);
    let walkthrough = record(&app, &director, &visit_fields(&lesson, "2")).await;
    let notice: Uuid =
        diesel::sql_query("SELECT m.id FROM messages m WHERE m.body LIKE '%' || $1 || '%'")
            .bind::<Text, _>(walkthrough.to_string())
            .get_result::<Id>(&mut app.conn())
            .expect("the notice to the teacher")
            .id;
    let subject = format!(
        "Walkthrough of {} on {}",
        lesson.room,
        lesson.date().format("%-d %B %Y")
    );

    // The teacher reads it in their inbox, and the director who sent it in the log.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert!(app.page(&teacher, "/inbox").await.contains(&subject));
    let sent = app.page(&director, &format!("/messages/{notice}")).await;
    assert!(sent.contains("of 5"), "{sent}");

    // A family's absence alert goes out the same day.
    let roll = teachers_roll(&app);
    let fields = form_fields(&roll, &[(roll.students[0], "absent", None)]);
    assert_eq!(
        post_roll(&app, &teacher, &roll, &fields).await.status(),
        303
    );
    let mailer = Mailer::from_settings(&Settings::for_tests(app.data_dir.clone())).expect("mailer");
    let run = send_due_alerts(
        &mut app.conn(),
        &mailer,
        chrono::Utc::now() + Duration::minutes(60),
    )
    .expect("the alert job runs");
    assert_eq!(run.sent, 1);
    let alert: Uuid = diesel::sql_query(
        "SELECT message_id AS id FROM absence_alerts WHERE message_id IS NOT NULL LIMIT 1",
    )
    .get_result::<Id>(&mut app.conn())
    .expect("the alert's message")
    .id;

    // The office reads the school's messages, the alert among them, but not the notice.
    let office = app.signed_in(DemoUser::Office).await;
    let list = app.page(&office, "/messages").await;
    assert!(list.contains(&alert.to_string()), "{list}");
    assert!(!list.contains(&subject), "{list}");
    assert!(!list.contains(&notice.to_string()));
    let detail = app.get(&office, &format!("/messages/{notice}")).await;
    assert_eq!(detail.status(), 404);
    let body = detail.text().await.unwrap_or_default();
    assert!(!body.contains("of 5") && !body.contains(&subject));
    assert_eq!(
        app.get(&office, &format!("/messages/{alert}"))
            .await
            .status(),
        200
    );
    let alert_subject: String = {
        use homeroom::db::schema::messages as m;
        m::table
            .find(alert)
            .select(m::subject)
            .first(&mut app.conn())
            .expect("the alert's subject")
    };
    let export = app.page(&office, "/messages/export.csv").await;
    assert!(export.contains(&alert_subject), "{export}");
    assert!(!export.contains(&subject) && !export.contains(&notice.to_string()));
    let recipients = app.page(&office, "/message-recipients").await;
    assert!(!recipients.contains(&notice.to_string()));
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[actix_web::test]
async fn the_lists_teacher_filter_offers_the_teachers_visited_not_every_teacher() {
    let app = spawn_app().await;
    let director = app.signed_in(DemoUser::Director).await;
    let list = app.page(&director, "/walkthroughs").await;
    let doc = scraper::Html::parse_document(&list);
    let options = scraper::Selector::parse("select#teacher option").expect("selector");
    let offered: Vec<Uuid> = doc
        .select(&options)
        .filter_map(|o| o.value().attr("value"))
        .filter_map(|v| Uuid::parse_str(v).ok())
        .collect();
    assert!(!offered.is_empty(), "the demo's visits name teachers");

    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let visited: Vec<Id> = diesel::sql_query(
        "SELECT DISTINCT teacher_id AS id FROM walkthrough_checkins \
         WHERE deleted_at IS NULL AND teacher_id IS NOT NULL",
    )
    .load(&mut app.conn())
    .expect("the teachers visited");
    let visited: Vec<Uuid> = visited.into_iter().map(|v| v.id).collect();
    for teacher in &offered {
        assert!(visited.contains(teacher), "{teacher} was never visited");
    }
    let never: Vec<Id> = diesel::sql_query(
        "SELECT s.id FROM staff s WHERE s.deleted_at IS NULL AND s.staff_type = 'teacher' \
           AND NOT EXISTS (SELECT 1 FROM walkthrough_checkins w \
                           WHERE w.teacher_id = s.id AND w.deleted_at IS NULL)",
    )
    .load(&mut app.conn())
    .expect("teachers never visited");
    assert!(
        !never.is_empty(),
        "the demo has teachers nobody has visited yet"
    );
    for teacher in never {
        assert!(
            !offered.contains(&teacher.id),
            "{} has no visit to find",
            teacher.id
        );
    }
}

//! The calendar's views, who sees which events, and the event form.

use chrono::Days;
use diesel::prelude::*;
use homeroom::db::enums::MessageAudience;
use homeroom::db::schema::communication_events as e;

use super::{event_date, events_on, guardian_client, id_of, today};
use crate::common::{DemoUser, count, expect_page, spawn_app};

#[actix_web::test]
async fn the_month_shows_the_demo_events_on_their_days_with_whom_they_are_for() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    for (title, whom) in [
        ("Fire drill", "For: Whole school: staff, students"),
        (
            "Parent–teacher evening",
            "For: Whole school: staff, guardians",
        ),
        ("Term 2 fee deadline", "For: Guardians"),
        ("Staff development day", "For: Staff"),
        ("Winter concert", "For: Everyone"),
    ] {
        let day = event_date(&app, title);
        let html = app
            .page(&admin, &format!("/calendar?view=month&date={day}"))
            .await;
        let shown = events_on(&html, day);
        assert!(
            shown.contains(&(title.to_owned(), whom.to_owned())),
            "{title} on {day}: {shown:?}"
        );
    }
    // The science fair lasts two days and shows on both.
    let fair = event_date(&app, "Science fair");
    let html = app.page(&admin, &format!("/calendar?date={fair}")).await;
    for day in [fair, fair + Days::new(1)] {
        assert!(
            events_on(&html, day)
                .iter()
                .any(|(title, _)| title == "Science fair"),
            "the fair on {day}"
        );
    }
    // Today is marked, and the kinds have a legend with their words.
    let html = app.page(&admin, "/calendar").await;
    assert!(
        html.contains(&format!(
            r#"<li data-date="{}" class="ecal-day ecal-today"#,
            today(&app)
        )) || html.contains(&format!(
            r#"data-date="{}" class="ecal-day ecal-today"#,
            today(&app)
        ))
    );
    assert!(html.contains(r#"aria-current="date""#));
    assert!(html.contains("Kinds of event") && html.contains("Deadline"));
}

#[actix_web::test]
async fn the_week_and_agenda_views_list_the_same_events() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let drill = event_date(&app, "Fire drill");
    let week = app
        .page(&admin, &format!("/calendar?view=week&date={drill}"))
        .await;
    assert!(
        events_on(&week, drill)
            .iter()
            .any(|(t, _)| t == "Fire drill")
    );
    assert_eq!(
        week.matches("<li data-date=").count(),
        7,
        "a week has seven days"
    );
    let agenda = app
        .page(&admin, &format!("/calendar?view=agenda&date={drill}"))
        .await;
    assert!(
        events_on(&agenda, drill)
            .iter()
            .any(|(t, _)| t == "Fire drill")
    );
    assert!(
        !agenda.contains("ecal-empty"),
        "the agenda lists only days with events"
    );
}

#[actix_web::test]
async fn a_guardian_sees_events_for_guardians_but_not_a_staff_only_event() {
    let app = spawn_app().await;
    let (guardian, _) = guardian_client(&app).await;
    let staff_day = event_date(&app, "Staff development day");
    let html = app
        .page(&guardian, &format!("/calendar?date={staff_day}"))
        .await;
    assert!(events_on(&html, staff_day).is_empty(), "{html}");
    assert!(!html.contains("Staff development day"));
    let deadline = event_date(&app, "Term 2 fee deadline");
    let html = app
        .page(&guardian, &format!("/calendar?date={deadline}"))
        .await;
    assert_eq!(
        events_on(&html, deadline),
        [(
            "Term 2 fee deadline".to_owned(),
            "For: Guardians".to_owned()
        )]
    );
    assert!(
        !html.contains("/calendar/new"),
        "a guardian cannot add events"
    );
    // The staff see the staff-only day.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let html = app
        .page(&teacher, &format!("/calendar?date={staff_day}"))
        .await;
    assert!(
        events_on(&html, staff_day)
            .iter()
            .any(|(t, _)| t == "Staff development day")
    );
}

#[actix_web::test]
async fn an_event_whose_last_day_is_before_its_first_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let day = today(&app) + Days::new(3);
    let before = count(&mut app.conn(), "communication_events");
    let response = app
        .submit(
            &admin,
            &format!("/calendar/new?date={day}"),
            "/calendar/new",
            &[
                ("title", "Book fair"),
                ("kind", "event"),
                ("date", &day.to_string()),
                ("ends_on", &(day - Days::new(1)).to_string()),
                ("audience", "everyone"),
                ("staff", "on"),
                ("guardians", "on"),
                ("remind", "0"),
            ],
        )
        .await;
    let html = expect_page(response, 422, "The last day cannot be before the first.").await;
    assert!(
        html.contains(r#"value="Book fair""#),
        "the form keeps what was typed"
    );
    assert!(html.contains(r#"id="ends_on-error""#));
    assert_eq!(count(&mut app.conn(), "communication_events"), before);
}

#[actix_web::test]
async fn an_administrator_adds_an_evening_for_one_grade_from_a_day_and_changes_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let day = today(&app) + Days::new(9);
    let form = app.page(&admin, &format!("/calendar/new?date={day}")).await;
    assert!(form.contains(&format!(r#"name="date" value="{day}""#)));
    let grade: uuid::Uuid = homeroom::db::schema::grades::table
        .select(homeroom::db::schema::grades::id)
        .first(&mut app.conn())
        .expect("a grade");
    let grade_text = grade.to_string();
    let day_text = day.to_string();
    let response = app
        .submit(
            &admin,
            "/calendar/new",
            "/calendar/new",
            &[
                ("title", "Grade picnic"),
                ("kind", "trip"),
                ("date", &day_text),
                ("starts_at", "11:00"),
                ("ends_at", "14:30"),
                ("location", "Riverside park"),
                ("audience", "grade"),
                ("grade", &grade_text),
                ("guardians", "on"),
                ("students", "on"),
                ("remind", "2"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let stored: (
        MessageAudience,
        Vec<uuid::Uuid>,
        bool,
        bool,
        bool,
        i32,
        Option<String>,
    ) = e::table
        .filter(e::title.eq("Grade picnic"))
        .select((
            e::audience,
            e::audience_ids,
            e::reach_staff,
            e::reach_guardians,
            e::reach_students,
            e::remind_days_before,
            e::location,
        ))
        .first(&mut app.conn())
        .expect("the stored event");
    assert_eq!(
        stored,
        (
            MessageAudience::Grade,
            vec![grade],
            false,
            true,
            true,
            2,
            Some("Riverside park".to_owned())
        )
    );
    let html = app.page(&admin, &format!("/calendar?date={day}")).await;
    let doc = scraper::Html::parse_document(&html);
    let notice = scraper::Selector::parse(".flash-success").expect("selector");
    let notices: Vec<String> = doc
        .select(&notice)
        .map(|n| n.text().collect::<String>())
        .collect();
    assert_eq!(notices, ["\"Grade picnic\" is on the calendar."]);
    let shown = events_on(&html, day);
    assert!(
        shown.contains(&(
            "Grade picnic".to_owned(),
            "For: Some grades: guardians, students".to_owned()
        )),
        "{shown:?}"
    );

    let id = id_of(&app, "Grade picnic");
    let edit = format!("/calendar/events/{id}/edit");
    assert!(app.page(&admin, &edit).await.contains(r#"value="11:00""#));
    let response = app
        .submit(
            &admin,
            &edit,
            &edit,
            &[
                ("title", "Grade picnic"),
                ("kind", "trip"),
                ("date", &day_text),
                ("all_day", "on"),
                ("audience", "everyone"),
                ("staff", "on"),
                ("guardians", "on"),
                ("students", "on"),
                ("remind", "0"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (starts, audience): (Option<chrono::NaiveTime>, MessageAudience) = e::table
        .find(id)
        .select((e::starts_at, e::audience))
        .first(&mut app.conn())
        .expect("the changed event");
    assert_eq!((starts, audience), (None, MessageAudience::Everyone));
}

#[actix_web::test]
async fn an_accountant_reads_the_calendar_and_adds_events_only_with_the_permission() {
    let app = spawn_app().await;
    let accountant = app.signed_in(DemoUser::Accountant).await;
    let page = app.get(&accountant, "/calendar").await;
    assert_eq!(page.status(), 200);
    let can_create = homeroom::access::roles::BuiltinRole::Accountant
        .permissions()
        .contains(homeroom::calendar::CREATE);
    let new = app.get(&accountant, "/calendar/new").await.status();
    assert_eq!(new == 200, can_create, "/calendar/new answers {new}");
}

#[actix_web::test]
async fn the_calendar_speaks_spanish() {
    let app = spawn_app().await;
    crate::languages::set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;
    let deadline = event_date(&app, "Term 2 fee deadline");
    let html = app
        .page(&admin, &format!("/calendar?date={deadline}"))
        .await;
    assert!(html.contains("Calendario escolar"));
    assert!(html.contains("Tipos de evento"));
    assert!(html.contains("Suscribirse desde su aplicación de calendario"));
    assert_eq!(
        events_on(&html, deadline),
        [("Term 2 fee deadline".to_owned(), "Para: Tutores".to_owned())]
    );
    let form = app.page(&admin, "/calendar/new").await;
    assert!(form.contains("Para quién es") && form.contains("Recordatorio (días antes)"));
}

//! The builder's pages: bell times saved and refused, the grid by class, teacher,
//! room and day, the print view, and each page in Spanish.

use super::{admin, make_draft, published_timetable, subjects_of};
use crate::common::{DemoUser, pin_clock, spawn_app};
use crate::languages::set_user_language;

#[actix_web::test]
async fn timetabler_sets_the_campus_bell_times_and_overlapping_ones_are_refused() {
    pin_clock();
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let index = app.page(&admin, "/timetable").await;
    let start = index
        .find("/timetable/bell-times/")
        .expect("a bell times link");
    let link = index[start..]
        .split('"')
        .next()
        .expect("the link")
        .to_owned();

    let page = app.page(&admin, &link).await;
    assert!(
        page.contains("Period 1") && page.contains("08:30"),
        "the demo's bell times show"
    );
    let saved = app
        .submit(
            &admin,
            &link,
            &link,
            &[
                ("name", "Homeroom"),
                ("starts", "08:00"),
                ("ends", "08:20"),
                ("name", "First"),
                ("starts", "08:30"),
                ("ends", "09:15"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let page = app.page(&admin, &link).await;
    assert!(
        page.contains("Homeroom") && !page.contains("Period 2"),
        "the lines replace the old ones"
    );

    let refused = app
        .submit(
            &admin,
            &link,
            &link,
            &[
                ("name", "Homeroom"),
                ("starts", "08:00"),
                ("ends", "08:40"),
                ("name", "First"),
                ("starts", "08:30"),
                ("ends", "09:15"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("the form again");
    assert!(
        body.contains("Homeroom and First overlap"),
        "the overlap is explained"
    );
    let page = app.page(&admin, &link).await;
    assert!(page.contains("08:20"), "nothing stored was lost");
}

#[actix_web::test]
async fn timetable_grid_shows_a_class_a_teacher_a_room_and_a_day_of_rooms() {
    pin_clock();
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let published = published_timetable(&app);
    let subject = subjects_of(&app, published)
        .into_iter()
        .next()
        .expect("a class subject");
    let by_class = app
        .page(
            &admin,
            &format!("/timetable/{published}?class={}", subject.class_id),
        )
        .await;
    assert!(by_class.contains(&format!("Week of {}", subject.class_name)));
    assert!(by_class.contains("Period 1") && by_class.contains("Monday"));
    assert!(
        by_class.contains("make a draft copy"),
        "a published timetable is read-only"
    );
    let by_teacher = app
        .page(
            &admin,
            &format!("/timetable/{published}?teacher={}", subject.teacher_id),
        )
        .await;
    assert!(super::unescaped(&by_teacher).contains(&format!("Week of {}", subject.teacher_name)));
    let overview = app
        .page(&admin, &format!("/timetable/{published}?day=monday"))
        .await;
    assert!(overview.contains("All rooms on Monday"));
    let print = app
        .get(
            &admin,
            &format!("/timetable/{published}?day=monday&print=1"),
        )
        .await;
    assert_eq!(print.status(), 200);
    let bad = app
        .get(&admin, &format!("/timetable/{published}?class=not-a-class"))
        .await;
    assert_eq!(
        bad.status(),
        400,
        "a broken link is a bad request, not an error"
    );
}

#[actix_web::test]
async fn timetable_pages_speak_spanish() {
    pin_clock();
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Admin.email(), Some("es"));
    let admin = admin(&app).await;
    let index = app.page(&admin, "/timetable").await;
    assert!(index.contains("Crear un borrador"));
    let draft = make_draft(&app, &admin).await;
    let grid = app
        .page(&admin, &format!("/timetable/{draft}?day=monday"))
        .await;
    assert!(
        grid.contains("Todas las aulas el lunes"),
        "the overview heading in Spanish"
    );
    assert!(grid.contains("Publicar desde"));
    let report = app
        .page(&admin, &format!("/timetable/{draft}/clashes"))
        .await;
    assert!(report.contains("Sin choques"));
}

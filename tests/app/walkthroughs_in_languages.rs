//! Walkthroughs and the dashboard in French and Spanish: a director records a visit
//! on the form and reads the list, the visit and the insight pages in their
//! language; the observed teacher is told in theirs; the dashboard's dates and
//! event kinds follow the reader.

use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use homeroom::i18n::Lang;
use uuid::Uuid;

use crate::common::{DemoUser, TestApp, spawn_app};
use crate::languages::{escaped, set_school_language, set_user_language};
use crate::walkthroughs::{
    Lesson, demo_teacher_lesson, find_lesson, post, record, visit_fields, with,
};

/// Sets the language of the account of a staff member.
fn set_staff_language(app: &TestApp, staff_id: Uuid, language: &str) {
    diesel::sql_query(
        "UPDATE users SET language = $1 WHERE id = (SELECT user_id FROM staff WHERE id = $2)",
    )
    .bind::<Text, _>(language)
    .bind::<SqlUuid, _>(staff_id)
    .execute(&mut app.conn())
    .expect("set the teacher's language");
}

fn language(tag: &str) -> Lang {
    homeroom::i18n::choose(Some(tag), None, None)
}

pub(crate) fn assert_has(html: &str, words: &[&str], page: &str) {
    for word in words {
        assert!(html.contains(&escaped(word)), "{page} says {word:?}");
    }
}

pub(crate) fn assert_lacks(html: &str, words: &[&str], page: &str) {
    for word in words {
        assert!(!html.contains(word), "{page} still says {word:?}");
    }
}

/// English on the walkthrough pages that a translated page must not show.
const ENGLISH_FORM: &[&str] = &[
    "New walkthrough",
    "Save walkthrough",
    "Classroom management",
    "Overall notes",
    "1 is poor, 5 is excellent.",
    "Discard draft",
    "Start typing the room",
    "Draft restored",
];
const ENGLISH_DETAIL: &[&str] = &[
    "Ratings",
    "Overall notes",
    "Acknowledgement",
    "Not yet",
    "has not acknowledged",
    "Delete this walkthrough",
    "Walkthrough saved",
    "average ",
];
const ENGLISH_LIST: &[&str] = &[
    "Classroom visits and how they went.",
    "All teachers",
    "All directors",
    "Acknowledged",
    ">Filter<",
    "Terms and coverage:",
];

/// The director records a visit of `lesson` in `tag`, after one refusal, and returns
/// the visit's id and the pages of the list and of the visit.
async fn record_in(
    app: &TestApp,
    tag: &str,
    lesson: &Lesson,
    refusal: &str,
) -> (Uuid, String, String, String) {
    set_user_language(app, DemoUser::Director.email(), Some(tag));
    let director = app.signed_in(DemoUser::Director).await;
    let form = app.page(&director, "/walkthroughs/new").await;
    assert!(form.contains(&format!(r#"<html lang="{tag}""#)));

    let bad = with(&visit_fields(lesson, "4"), "attitude_rating", "9");
    let refused = post(app, &director, "/walkthroughs/new", "/walkthroughs", &bad).await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.expect("the form again");
    assert!(refused.contains(&escaped(refusal)), "{refused}");
    assert!(
        refused.contains("Calm start, clear goals."),
        "nothing typed is lost"
    );

    let id = record(app, &director, &visit_fields(lesson, "4")).await;
    let detail = app
        .page(&director, &format!("/walkthroughs/{id}?saved=new"))
        .await;
    let list = app.page(&director, "/walkthroughs").await;
    (id, form, detail, list)
}

#[actix_web::test]
async fn a_director_in_french_records_a_walkthrough_and_reads_it_in_french() {
    let app = spawn_app().await;
    let lesson = find_lesson(&app, None, None);
    let (id, form, detail, list) =
        record_in(&app, "fr", &lesson, "Notez l'attitude de 1 à 5.").await;
    let fr = language("fr");

    assert_has(
        &form,
        &[
            "<h1>Nouvelle visite</h1>",
            "Enregistrer la visite",
            "Gestion de classe",
            "Remarques générales",
            "1 signifie insuffisant, 5 excellent.",
            "Abandonner le brouillon",
            "Commencez à taper la salle",
            // The script's words come from the page.
            "data-t-draft-restored=",
            "Brouillon restauré\u{a0}: vous pouvez reprendre",
        ],
        "the French form",
    );
    assert_lacks(&form, ENGLISH_FORM, "the French form");

    let day = fr.date(lesson.date());
    assert_has(
        &detail,
        &[
            "Évaluations",
            "Remarques générales",
            "Accusé de réception",
            "Visite enregistrée. L'enseignant a été prévenu.",
            "n'a pas encore accusé réception de cette visite.",
            &format!(
                "moyenne {}",
                fr.decimal(&bigdecimal::BigDecimal::from(4), 1)
            ),
            &day,
        ],
        "the French visit",
    );
    assert_lacks(&detail, ENGLISH_DETAIL, "the French visit");

    assert_has(
        &list,
        &[
            "<h1>Visites de classe</h1>",
            "Les visites de classe et leur déroulement.",
            "Tous les enseignants",
            "Trimestres et couverture\u{a0}:",
            &format!("/walkthroughs/{id}"),
            &day,
        ],
        "the French list",
    );
    assert_lacks(&list, ENGLISH_LIST, "the French list");
}

#[actix_web::test]
async fn a_director_in_spanish_records_a_walkthrough_and_reads_every_page_in_spanish() {
    let app = spawn_app().await;
    let lesson = find_lesson(&app, None, None);
    let (_, form, detail, list) =
        record_in(&app, "es", &lesson, "Valora la actitud del 1 al 5.").await;
    let es = language("es");

    assert_has(
        &form,
        &[
            "<h1>Nueva visita</h1>",
            "Guardar la visita",
            "Gestión del aula",
            "Observaciones generales",
            "1 es deficiente, 5 es excelente.",
        ],
        "the Spanish form",
    );
    assert_lacks(&form, ENGLISH_FORM, "the Spanish form");

    let day = es.date(lesson.date());
    assert_has(
        &detail,
        &[
            "Valoraciones",
            "Confirmación de lectura",
            "Visita guardada. Se ha avisado al docente.",
            "todavía no ha confirmado que leyó esta visita.",
            &day,
        ],
        "the Spanish visit",
    );
    assert_lacks(&detail, ENGLISH_DETAIL, "the Spanish visit");

    assert_has(
        &list,
        &["<h1>Visitas de aula</h1>", "Todos los docentes", &day],
        "the Spanish list",
    );
    assert_lacks(&list, ENGLISH_LIST, "the Spanish list");

    // The teacher's trend and the campus's terms and coverage.
    let director = app.signed_in(DemoUser::Director).await;
    let trend = app
        .page(
            &director,
            &format!("/walkthroughs/teachers/{}", lesson.teacher_id),
        )
        .await;
    assert_has(
        &trend,
        &[
            "Media por área a lo largo del tiempo",
            "Últimos comentarios",
            "Medias",
            &es.message("walk-period-week")
                .arg("day", es.day_month(monday_of(lesson.date())))
                .to_string(),
        ],
        "the Spanish trend",
    );
    assert_lacks(
        &trend,
        &["Average per area", "Latest comments", "Week of", ">Visits<"],
        "the Spanish trend",
    );

    // A year without terms of its own counts in halves, named in the reader's language.
    diesel::sql_query("UPDATE academic_terms SET deleted_at = now()")
        .execute(&mut app.conn())
        .expect("the demo's terms set aside");
    let campus = app
        .page(
            &director,
            &format!("/walkthroughs/campuses/{}?days=900", lesson.campus_id),
        )
        .await;
    assert_has(
        &campus,
        &[
            "Este trimestre frente al anterior",
            "Sin visita en los últimos 30 días",
            "Escribe un número de días del 1 al 730; se muestran 30.",
            "primer trimestre",
        ],
        "the Spanish campus page",
    );
    assert_lacks(
        &campus,
        &[
            "This term against last term",
            "Not visited in the last",
            "first term",
            "Enter a number of days",
        ],
        "the Spanish campus page",
    );
}

/// The Monday a date's week starts on.
fn monday_of(day: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

#[derive(QueryableByName)]
struct Notice {
    #[diesel(sql_type = Text)]
    subject: String,
    #[diesel(sql_type = Text)]
    body: String,
}

fn notice_of(app: &TestApp, walkthrough: Uuid) -> Notice {
    diesel::sql_query("SELECT subject, body FROM messages WHERE body LIKE '%' || $1 || '%'")
        .bind::<Text, _>(walkthrough.to_string())
        .get_result(&mut app.conn())
        .expect("the notice to the teacher")
}

#[actix_web::test]
async fn the_observed_teacher_reads_the_notice_in_spanish_while_the_director_works_in_french() {
    let app = spawn_app().await;
    let lesson = demo_teacher_lesson(&app);
    set_staff_language(&app, lesson.teacher_id, "es");
    set_user_language(&app, DemoUser::Director.email(), Some("fr"));
    let director = app.signed_in(DemoUser::Director).await;
    let id = record(&app, &director, &visit_fields(&lesson, "3")).await;
    let detail = app.page(&director, &format!("/walkthroughs/{id}")).await;
    assert!(detail.contains("Évaluations"), "the director reads French");

    let es = language("es");
    let notice = notice_of(&app, id);
    let date = lesson.date();
    assert_eq!(
        notice.subject,
        es.message("walk-notice-subject")
            .arg("classroom", lesson.room.as_str())
            .arg("day", chrono::Datelike::day(&date))
            .arg("month", es.month(date))
            .arg("year", chrono::Datelike::year(&date).to_string())
            .to_string()
    );
    assert!(
        notice
            .subject
            .starts_with(&format!("Visita al aula {} del ", lesson.room))
    );
    for line in [
        "Gestión del aula: 3 de 5",
        "Ambiente: 3 de 5",
        "Léela y confirma que la has leído",
        &es.long_date(date),
    ] {
        assert!(
            notice.body.contains(line),
            "the notice says {line:?}: {}",
            notice.body
        );
    }
    for english in [
        "Walkthrough of",
        "of 5",
        "visited",
        "Read it",
        "Visite",
        "sur 5",
    ] {
        assert!(
            !notice.subject.contains(english) && !notice.body.contains(english),
            "the notice has no {english:?}: {}",
            notice.body
        );
    }

    // The teacher reads it in their inbox, in Spanish.
    let teacher = app.signed_in(DemoUser::Teacher).await;
    assert!(app.page(&teacher, "/inbox").await.contains(&notice.subject));
}

#[actix_web::test]
async fn a_teacher_who_chose_no_language_is_told_in_the_schools() {
    let app = spawn_app().await;
    let lesson = demo_teacher_lesson(&app);
    set_user_language(&app, DemoUser::Teacher.email(), None);
    set_school_language(&app, Some("fr"));
    set_user_language(&app, DemoUser::Director.email(), Some("en"));
    let director = app.signed_in(DemoUser::Director).await;
    let id = record(&app, &director, &visit_fields(&lesson, "5")).await;
    let notice = notice_of(&app, id);
    assert!(
        notice
            .subject
            .starts_with(&format!("Visite de la salle {} du ", lesson.room)),
        "{}",
        notice.subject
    );
    assert!(
        notice.body.contains("Ambiance\u{a0}: 5 sur 5"),
        "{}",
        notice.body
    );
}

#[actix_web::test]
async fn the_dashboard_reads_its_date_times_and_event_kinds_in_spanish_and_french() {
    let app = spawn_app().await;
    // The demo school keeps UTC.
    let today = homeroom::clock::today(chrono_tz::UTC);
    for (tag, kinds, english) in [
        (
            "es",
            ["Simulacro", "Reunión", "Evento", "Fecha límite"],
            [">drill<", ">meeting<", ">event<", ">deadline<"],
        ),
        (
            "fr",
            ["Exercice incendie", "Réunion", "Événement", "Échéance"],
            [">drill<", ">meeting<", ">event<", ">deadline<"],
        ),
    ] {
        set_user_language(&app, DemoUser::Director.email(), Some(tag));
        let director = app.signed_in(DemoUser::Director).await;
        let html = app.page(&director, "/").await;
        let t = language(tag);
        assert_has(&html, &kinds, &format!("the {tag} dashboard"));
        assert_lacks(&html, &english, &format!("the {tag} dashboard"));
        assert!(
            html.contains(&t.long_date(today)),
            "the {tag} dashboard shows the day in its language"
        );
    }
}

#[actix_web::test]
async fn the_spanish_and_french_pages_fit_a_phone_a_tablet_and_a_desktop() {
    use crate::browser::{
        DESKTOP, PHONE, TABLET, assert_no_sideways_scrolling, browser_speaking, open, read_text,
        resize, screenshot, sign_in, start_driver,
    };
    use fantoccini::Locator;

    let app = spawn_app().await;
    let lesson = find_lesson(&app, None, None);
    let director = app.signed_in(DemoUser::Director).await;
    let id = record(&app, &director, &visit_fields(&lesson, "4")).await;
    let pages = [
        ("form", "/walkthroughs/new".to_owned()),
        ("detail", format!("/walkthroughs/{id}")),
        ("list", "/walkthroughs".to_owned()),
        (
            "trend",
            format!("/walkthroughs/teachers/{}", lesson.teacher_id),
        ),
        (
            "campus",
            format!("/walkthroughs/campuses/{}", lesson.campus_id),
        ),
        ("dashboard", "/".to_owned()),
    ];
    for tag in ["es", "fr"] {
        set_user_language(&app, DemoUser::Director.email(), Some(tag));
        let driver = start_driver();
        let client = browser_speaking(&driver, PHONE, tag).await;
        let login = app.url("/login");
        sign_in(&client, &login, DemoUser::Director.email(), "main").await;
        for size in [PHONE, TABLET, DESKTOP] {
            resize(&client, size).await;
            for (name, path) in &pages {
                open(&client, &app.url(path), &format!("html[lang={tag}] main")).await;
                let page = format!("{path} in {tag} at {} px", size.0);
                assert_no_sideways_scrolling(&client, &page).await;
                screenshot(&client, &format!("walkthroughs-{tag}/{name}-{}", size.0)).await;
            }
        }
        // A draft kept in the browser is announced in the reader's language.
        resize(&client, PHONE).await;
        open(&client, &app.url("/walkthroughs/new"), "#overall_notes").await;
        let notes = client
            .find(Locator::Css("#overall_notes"))
            .await
            .expect("the notes");
        notes.send_keys("Quiet class.").await.expect("type notes");
        open(&client, &app.url("/walkthroughs/new"), "#overall_notes").await;
        let status = read_text(
            &client,
            "return document.querySelector('.draft-status').textContent;",
        )
        .await;
        assert_eq!(status, language(tag).text("walk-draft-restored"));
        let _ = client.close().await;
    }
}

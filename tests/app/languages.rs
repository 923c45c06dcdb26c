//! Homeroom in Spanish and French: the sign-in page for the browser's language,
//! Today, the roll and the dashboard in the language a teacher or the school chose,
//! and which choice wins.

use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use reqwest::header::{ACCEPT_LANGUAGE, HeaderMap, HeaderValue};

use fantoccini::Locator;

use crate::attendance::{form_fields, post_roll, records, teachers_roll};
use crate::browser::{TABLET, browser_speaking, screenshot, sign_in, start_driver};
use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, spawn_app};

/// A browser-like client whose browser asks for `accept_language`.
pub(crate) fn client_speaking(accept_language: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(
        ACCEPT_LANGUAGE,
        HeaderValue::from_str(accept_language).expect("a header value"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("http client")
}

async fn signed_in_speaking(
    app: &TestApp,
    who: DemoUser,
    accept_language: &str,
) -> reqwest::Client {
    let client = client_speaking(accept_language);
    let response = app.sign_in(&client, who.email(), DEMO_PASSWORD).await;
    assert_eq!(response.status(), 303, "{} signs in", who.email());
    client
}

/// `text` as the page's HTML writes it.
pub(crate) fn escaped(text: &str) -> String {
    text.replace('\'', "&#39;").replace('"', "&#34;")
}

/// Sets a user's own language, as their profile would (NULL for none).
pub(crate) fn set_user_language(app: &TestApp, email: &str, language: Option<&str>) {
    diesel::sql_query("UPDATE users SET language = $1 WHERE email = $2")
        .bind::<Nullable<Text>, _>(language)
        .bind::<Text, _>(email)
        .execute(&mut app.conn())
        .expect("set the user's language");
}

/// Sets the demo school's language, as its settings would (NULL for none).
pub(crate) fn set_school_language(app: &TestApp, language: Option<&str>) {
    diesel::sql_query("UPDATE organizations SET language = $1 WHERE name LIKE 'Northwind%'")
        .bind::<Nullable<Text>, _>(language)
        .execute(&mut app.conn())
        .expect("set the school's language");
}

#[derive(QueryableByName)]
struct Language {
    #[diesel(sql_type = Nullable<Text>)]
    language: Option<String>,
}

fn stored_language(app: &TestApp, sql: &str) -> Option<String> {
    diesel::sql_query(sql)
        .get_result::<Language>(&mut app.conn())
        .expect("the stored language")
        .language
}

fn teachers_language(app: &TestApp) -> Option<String> {
    stored_language(
        app,
        "SELECT language FROM users WHERE email = 'teacher@northwind.test'",
    )
}

fn schools_language(app: &TestApp) -> Option<String> {
    stored_language(
        app,
        "SELECT language FROM organizations WHERE name LIKE 'Northwind%'",
    )
}

#[actix_web::test]
async fn a_spanish_browser_gets_the_sign_in_page_and_its_refusal_in_spanish() {
    let app = spawn_app().await;
    let visitor = client_speaking("es-MX,es;q=0.9,en;q=0.5");
    let html = app.page(&visitor, "/login").await;
    assert!(html.contains(r#"<html lang="es" dir="ltr">"#), "{html}");
    assert!(html.contains("Inicia sesión en Homeroom"));
    assert!(html.contains("Contraseña"));
    assert!(html.contains("¿Has olvidado tu contraseña?"));
    assert!(!html.contains("Sign in to Homeroom"));

    let refused = app
        .sign_in(&visitor, DemoUser::Teacher.email(), "not the password")
        .await;
    assert_eq!(refused.status(), 401);
    let html = refused.text().await.expect("the page");
    assert!(html.contains("Ese correo y esa contraseña no corresponden a ninguna cuenta."));

    // A browser asking for a language Homeroom does not ship reads English.
    let html = app
        .page(&client_speaking("de-DE, nl;q=0.8"), "/login")
        .await;
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(html.contains("Sign in to Homeroom"));
}

#[actix_web::test]
async fn a_teacher_who_reads_french_sees_today_and_takes_the_roll_in_french() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("fr"));
    let teacher = signed_in_speaking(&app, DemoUser::Teacher, "en").await;
    let roll = teachers_roll(&app);

    let today = app.page(&teacher, "/today").await;
    assert!(today.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(today.contains(&escaped("<h1>Aujourd'hui</h1>")));
    assert!(today.contains("Appel du jour"));
    assert!(today.contains("Non fait"));
    assert!(today.contains("Tableau de bord"), "the menu is in French");
    assert!(today.contains("Se déconnecter"));

    let page = format!("{}?date={}", roll.path, roll.date);
    let html = app.page(&teacher, &page).await;
    let n = roll.students.len();
    assert!(html.contains(&format!("Pointés\u{a0}: 0 sur {n}")));
    for word in [
        "Tous présents",
        "Présent",
        "Absent",
        "En retard",
        "Excusé",
        "Enregistrer l'appel",
    ] {
        assert!(html.contains(&escaped(word)), "the roll says {word:?}");
    }
    assert!(
        html.contains(&escaped(r#""one":"{count} statut pas encore enregistré""#)),
        "the page hands its script the French plural forms"
    );

    // A wrong number of minutes comes back in French, and nothing is stored.
    let late = roll.students[0];
    let mut fields = form_fields(&roll, &[]);
    fields.push((format!("status-{late}"), "late".to_owned()));
    fields.push((format!("minutes_other-{late}"), "700".to_owned()));
    let refused = post_roll(&app, &teacher, &roll, &fields).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the roll again");
    assert!(html.contains("Les minutes de retard doivent être un nombre entier de 0 à 600."));
    assert!(html.contains("Certains statuts sont à revoir"));
    assert!(records(&app, &roll).is_empty());

    let mut all = form_fields(&roll, &[]);
    all.push(("intent".to_owned(), "all_present".to_owned()));
    assert_eq!(post_roll(&app, &teacher, &roll, &all).await.status(), 303);
    let html = app.page(&teacher, &page).await;
    assert!(html.contains(&format!("Appel enregistré\u{a0}: {n} sur {n} pointés.")));
    let today = app.page(&teacher, "/today").await;
    assert!(today.contains("Fait à "), "the daily roll is taken");
}

#[actix_web::test]
async fn the_profiles_language_wins_over_the_schools_and_the_schools_over_the_browsers() {
    let app = spawn_app().await;
    let teacher = signed_in_speaking(&app, DemoUser::Teacher, "fr-FR,fr;q=0.9").await;
    let html = app.page(&teacher, "/today").await;
    assert!(
        html.contains(r#"<html lang="fr""#),
        "the browser's language"
    );

    // The administrator sets the school's language on the organization page.
    let admin = app.signed_in(DemoUser::Admin).await;
    let settings = app.page(&admin, "/settings").await;
    assert!(settings.contains("School language"));
    let saved = app
        .submit(
            &admin,
            "/settings",
            "/settings/language",
            &[("language", "es")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(schools_language(&app).as_deref(), Some("es"));
    let html = app.page(&teacher, "/today").await;
    assert!(
        html.contains(r#"<html lang="es""#),
        "the school's language wins over the browser's"
    );
    assert!(html.contains("<h1>Hoy</h1>"));

    // The teacher picks French on the profile: it wins over the school's Spanish.
    let profile = app.page(&teacher, "/profile").await;
    assert!(profile.contains("El idioma del centro (Español)"));
    let saved = app
        .submit(
            &teacher,
            "/profile",
            "/profile/language",
            &[("language", "fr")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(teachers_language(&app).as_deref(), Some("fr"));
    let profile = app.page(&teacher, "/profile").await;
    assert!(profile.contains("Votre langue est enregistrée."));
    assert!(profile.contains(r#"<option value="fr" lang="fr" selected>Français</option>"#));
    let html = app.page(&teacher, "/today").await;
    assert!(html.contains(r#"<html lang="fr""#));

    // A language Homeroom does not ship is refused, and the choice stays as it was.
    let refused = app
        .submit(
            &teacher,
            "/profile",
            "/profile/language",
            &[("language", "xx-evil")],
        )
        .await;
    assert_eq!(refused.status(), 400);
    let html = refused.text().await.expect("the refusal");
    assert!(html.contains(&escaped("Choisissez l'une des langues de la liste.")));
    assert_eq!(teachers_language(&app).as_deref(), Some("fr"));

    // Back to the school's language, then the school leaves it to each browser.
    let saved = app
        .submit(
            &teacher,
            "/profile",
            "/profile/language",
            &[("language", "")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(teachers_language(&app), None);
    assert!(
        app.page(&teacher, "/today")
            .await
            .contains(r#"<html lang="es""#)
    );
    set_school_language(&app, None);
    assert!(
        app.page(&teacher, "/today")
            .await
            .contains(r#"<html lang="fr""#)
    );
}

#[actix_web::test]
async fn a_director_in_a_spanish_school_reads_the_dashboard_in_spanish() {
    let app = spawn_app().await;
    set_school_language(&app, Some("es"));
    let director = signed_in_speaking(&app, DemoUser::Director, "en-GB,en").await;
    let html = app.page(&director, "/").await;
    assert!(html.contains(r#"<html lang="es" dir="ltr">"#));
    assert!(html.contains("Hola, "));
    assert!(html.contains("De un vistazo"));
    assert!(html.contains("Alumnos"));
    assert!(html.contains("Cuotas pendientes"));
    assert!(html.contains("Asistencia"));
    assert!(
        html.contains("Alumnos y familias"),
        "the menu's groups are in Spanish"
    );
    assert!(!html.contains(">Dashboard<"));
    // The director's own choice of English wins over the school's Spanish.
    set_user_language(&app, DemoUser::Director.email(), Some("en"));
    let html = app.page(&director, "/").await;
    assert!(html.contains("At a glance"));
}

#[actix_web::test]
async fn a_teacher_with_a_spanish_browser_takes_the_roll_in_spanish_on_a_tablet() {
    let app = spawn_app().await;
    let roll = teachers_roll(&app);
    let driver = start_driver();
    let client = browser_speaking(&driver, TABLET, "es-ES,es").await;
    sign_in(
        &client,
        &app.url("/login"),
        DemoUser::Teacher.email(),
        ".roll-cards, .empty",
    )
    .await;
    let heading = client.find(Locator::Css("h1")).await.expect("a heading");
    assert_eq!(heading.text().await.expect("its words"), "Hoy");

    client
        .goto(&app.url(&format!("{}?date={}", roll.path, roll.date)))
        .await
        .expect("open the daily roll");
    client
        .wait()
        .for_element(Locator::Css(".roll-row"))
        .await
        .expect("the roll");
    let mark_all = client
        .find(Locator::Css("[data-mark-all]"))
        .await
        .expect("mark all");
    assert_eq!(
        mark_all.text().await.expect("its words"),
        "Marcar a todos presentes"
    );
    mark_all.click().await.expect("tap it");
    client
        .find(Locator::Css(".roll-row:nth-child(1) .mark-late span"))
        .await
        .expect("late")
        .click()
        .await
        .expect("tap late");

    // Every row says "Guardado" once the script has saved its tap.
    let n = roll.students.len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let saved = client
            .execute(
                "return Array.from(document.querySelectorAll('[data-row-state]')) \
                 .filter(function (s) { return s.textContent === 'Guardado'; }).length",
                vec![],
            )
            .await
            .expect("ask the page")
            .as_u64()
            .unwrap_or_default();
        if saved as usize == n && records(&app, &roll).len() == n {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{saved} of {n} rows say Guardado"
        );
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let count = client
        .find(Locator::Css("[data-roll-count]"))
        .await
        .expect("the count");
    assert_eq!(
        count.text().await.expect("its words"),
        format!("Marcados: {n} de {n}")
    );
    let late = client
        .find(Locator::Css(".roll-row:nth-child(1) .mark-late span"))
        .await
        .expect("late");
    assert_eq!(late.text().await.expect("its words"), "Tarde");
    screenshot(&client, "roll-spanish-tablet").await;
    let stored = records(&app, &roll);
    assert!(
        stored.iter().any(|r| r.status == "late"),
        "the late mark is stored"
    );
}

//! The install-wide content catalog and the school's module switches.

use diesel::prelude::*;
use homeroom::db::schema::{content_catalog, organizations};
use homeroom::i18n::Lang;
use homeroom::staffdev::content::safety::{
    SafetyOption, SafetyQuestion, SafetyQuiz, SafetyQuizzes,
};
use homeroom::staffdev::content::{self, ContentKey};

use crate::common::{DemoUser, count, organization_id, spawn_app, user_id};

fn school_settings(conn: &mut PgConnection, school: &str) -> serde_json::Value {
    let id = organization_id(conn, school);
    organizations::table
        .find(id)
        .select(organizations::settings)
        .first(conn)
        .expect("the school")
}

#[actix_web::test]
async fn administrator_switches_a_module_off_and_the_settings_page_shows_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(DemoUser::Admin).await;
    let page = app.page(&admin, "/settings").await;
    assert!(
        page.contains("Staff development"),
        "the settings page has the section"
    );
    assert!(page.contains(r#"name="safety_quiz" value="on" checked"#));

    let response = app
        .submit(
            &admin,
            "/settings",
            "/settings/staff-development",
            &[
                ("frame", "on"),
                ("personality_quiz", "on"),
                ("zones", "on"),
                ("signs", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    let mut conn = app.conn();
    let settings = school_settings(&mut conn, "Northwind Academy");
    assert_eq!(settings["staffdev_modules"]["safety_quiz"], false);
    assert_eq!(settings["staffdev_modules"]["frame"], true);
    let page = app.page(&admin, "/settings").await;
    assert!(page.contains(r#"name="safety_quiz" value="on" aria-describedby"#));
    assert!(page.contains(r#"name="frame" value="on" checked"#));
}

#[actix_web::test]
async fn a_teacher_cannot_switch_modules() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let html = app.page(&teacher, "/today").await;
    let token = crate::common::csrf_token(&html).expect("a token");
    let response = app
        .post_form(
            &teacher,
            "/settings/staff-development",
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(response.status(), 403);
    let mut conn = app.conn();
    let settings = school_settings(&mut conn, "Northwind Academy");
    assert!(settings.get("staffdev_modules").is_none());
}

fn question(options: &[(&str, bool)]) -> SafetyQuestion {
    SafetyQuestion {
        prompt: "Where do you gather in a fire drill?".into(),
        options: options
            .iter()
            .map(|(text, correct)| SafetyOption {
                text: (*text).into(),
                correct: *correct,
            })
            .collect(),
        explanation: "At the assembly point on the field.".into(),
    }
}

#[actix_web::test]
async fn an_invalid_payload_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let root = user_id(&mut conn, DemoUser::Root.email());
    let before = count(&mut conn, "content_catalog");
    let stored_before: Option<serde_json::Value> = content_catalog::table
        .filter(content_catalog::content_type.eq(ContentKey::SafetyQuizzes.as_str()))
        .filter(content_catalog::deleted_at.is_null())
        .select(content_catalog::payload)
        .first(&mut conn)
        .optional()
        .expect("the catalog");
    let bad = SafetyQuizzes {
        quizzes: vec![SafetyQuiz {
            id: "fire".into(),
            week: 12,
            title: "Fire drills".into(),
            questions: vec![
                question(&[("The field", true)]),
                question(&[("A", true), ("B", true)]),
            ],
        }],
    };
    let refused =
        content::save(&mut conn, &bad, Some(root), Lang::default()).expect("the database");
    let errors = refused.expect_err("refused");
    assert_eq!(
        errors.get("quizzes[0].questions[0].options"),
        Some("A question needs at least two options.")
    );
    assert_eq!(
        errors.get("quizzes[0].questions[1].options"),
        Some("Mark only one option as right.")
    );
    assert_eq!(count(&mut conn, "content_catalog"), before);
    let loaded: SafetyQuizzes = content::load(&mut conn).expect("the catalog");
    let stored_after = serde_json::to_value(&loaded).ok();
    if let Some(before) = stored_before {
        assert_eq!(stored_after, Some(before));
    } else {
        assert!(loaded.quizzes.is_empty());
    }

    let good = SafetyQuizzes {
        quizzes: vec![SafetyQuiz {
            questions: vec![question(&[("The field", true), ("The car park", false)])],
            ..bad.quizzes[0].clone()
        }],
    };
    content::save(&mut conn, &good, Some(root), Lang::default())
        .expect("the database")
        .expect("stored");
    let loaded: SafetyQuizzes = content::load(&mut conn).expect("the catalog");
    assert_eq!(loaded, good);
}

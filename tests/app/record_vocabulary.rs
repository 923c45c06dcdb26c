//! The record engine's words in the reader's language: a Spanish-speaking office
//! user sees the new-student form's labels and choices in Spanish, a student's
//! status in Spanish on their page, and a refused value explained in Spanish.

use crate::common::{DemoUser, TestApp, count, expect_page, spawn_app};
use crate::languages::set_user_language;
use crate::resources::id_of;

const NW: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Academy')";

/// The demo office user, reading Homeroom in Spanish.
async fn spanish_office(app: &TestApp) -> reqwest::Client {
    set_user_language(app, DemoUser::Office.email(), Some("es"));
    app.signed_in(DemoUser::Office).await
}

#[actix_web::test]
async fn a_spanish_speaking_office_user_fills_in_the_new_student_form_in_spanish() {
    let app = spawn_app().await;
    let office = spanish_office(&app).await;
    let html = app.page(&office, "/students/new").await;
    for spanish in [
        r#"for="first_name">Nombre<"#,
        r#"for="last_name">Apellidos<"#,
        r#"for="date_of_birth">Fecha de nacimiento "#,
        r#"for="student_number">Número de alumno "#,
        r#"for="status">Estado<"#,
        ">Solicitante<",
        ">Activo<",
        ">Dado de baja<",
        ">Prefiere no decirlo<",
        r#"for="email">Correo electrónico "#,
    ] {
        assert!(html.contains(spanish), "the form shows {spanish:?}");
    }
    for english in [
        "First name",
        "Last name",
        "Date of birth",
        "Student number",
        ">Applicant<",
        ">Withdrawn<",
        "Prefer not to say",
    ] {
        assert!(!html.contains(english), "no {english:?} left on the form");
    }
    // The choices keep their stored values, whatever the words.
    assert!(html.contains(r#"value="withdrawn""#));
}

#[actix_web::test]
async fn a_spanish_speaking_office_user_reads_a_students_status_in_spanish() {
    let app = spawn_app().await;
    let id = id_of(
        &mut app.conn(),
        &format!(
            "SELECT id FROM students WHERE organization_id = {NW} AND status = 'active' \
             AND deleted_at IS NULL ORDER BY id LIMIT 1"
        ),
    );
    let office = spanish_office(&app).await;
    let html = app.page(&office, &format!("/students/{id}")).await;
    for spanish in [">Estado<", ">Activo<", ">Sede<", ">Fecha de matrícula<"] {
        assert!(html.contains(spanish), "the record shows {spanish:?}");
    }
    for english in [">Active<", ">Status<", ">Enrolled on<"] {
        assert!(!html.contains(english), "no {english:?} left on the record");
    }

    // Read in English, the same record says what it always said.
    let director = app.signed_in(DemoUser::Director).await;
    let html = app.page(&director, &format!("/students/{id}")).await;
    assert!(html.contains(">Active<") && html.contains(">Status<"));
}

#[actix_web::test]
async fn a_refused_value_is_explained_in_spanish_and_nothing_is_stored() {
    let app = spawn_app().await;
    let office = spanish_office(&app).await;
    let before = count(&mut app.conn(), "students");
    let response = app
        .submit(
            &office,
            "/students/new",
            "/students",
            &[
                ("first_name", "Marisol"),
                ("last_name", ""),
                ("date_of_birth", "31/02/2014"),
                ("status", "expulsado"),
            ],
        )
        .await;
    let html = expect_page(response, 422, "value=\"Marisol\"").await;
    for message in [
        "Rellena el campo «Apellidos».",
        "Escribe «Fecha de nacimiento» como una fecha, por ejemplo 2026-09-01.",
        "Elige una de estas opciones: Solicitante, Activo,",
    ] {
        assert!(html.contains(message), "the form says {message:?}");
    }
    assert!(!html.contains("Enter the last name."));
    assert_eq!(
        count(&mut app.conn(), "students"),
        before,
        "nothing was stored"
    );
}

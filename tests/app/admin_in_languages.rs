//! Administration, sign-in's other pages, the error page and account e-mails in
//! Spanish: the users, a user's page, roles and jobs for a Spanish-speaking
//! administrator; the two-step code and forgot pages for a Spanish browser; 403 and
//! 404 in the reader's language; and e-mails in their recipient's language.

use diesel::prelude::*;

use homeroom::db::schema::users;

use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, spawn_app, user_id, wait_for_emails};
use crate::hardening::emails_to;
use crate::languages::{client_speaking, escaped, set_school_language, set_user_language};

/// An administrator who reads Spanish on their profile, signed in from an English browser.
async fn spanish_admin(app: &TestApp) -> reqwest::Client {
    set_user_language(app, DemoUser::Admin.email(), Some("es"));
    app.signed_in(DemoUser::Admin).await
}

fn assert_spanish(html: &str, spanish: &[&str], english: &[&str]) {
    assert!(html.contains(r#"<html lang="es" dir="ltr">"#), "{html}");
    for text in spanish {
        assert!(
            html.contains(&escaped(text)),
            "{text:?} is missing:\n{html}"
        );
    }
    for text in english {
        assert!(
            !html.contains(&escaped(text)),
            "{text:?} is still English:\n{html}"
        );
    }
}

#[actix_web::test]
async fn a_spanish_speaking_administrator_reads_the_users_list_and_a_users_page_in_spanish() {
    let app = spawn_app().await;
    let admin = spanish_admin(&app).await;

    let html = app.page(&admin, "/admin/users").await;
    assert_spanish(
        &html,
        &[
            "<h1>Usuarios</h1>",
            "Todas las personas que inician sesión en Northwind Academy.",
            "Invitar a un usuario",
            "Nombre o correo",
            "Todos los roles",
            "Cualquier estado",
            "Último acceso",
            ">Activa<",
        ],
        &[
            "Everyone who signs in to",
            "Invite a user",
            "All roles",
            "Any status",
            "Last sign-in",
            ">Active<",
        ],
    );

    let teacher = user_id(&mut app.conn(), DemoUser::Teacher.email());
    let html = app.page(&admin, &format!("/admin/users/{teacher}")).await;
    assert_spanish(
        &html,
        &[
            "Cambiar el rol",
            "Guardar el rol",
            "Permisos adicionales",
            "Permisos además de los del rol, solo para esta persona.",
            "Desactivar y cerrar sus sesiones",
            "Historial de accesos",
            "Registros",
            "Ver alumnos",
        ],
        &[
            "Change role",
            "Extra permissions",
            "Disable and sign out",
            "Sign-in history",
            "Each box saves as soon as you change it",
            "Read students",
        ],
    );
}

#[actix_web::test]
async fn a_spanish_speaking_administrator_reads_roles_and_jobs_in_spanish() {
    let app = spawn_app().await;
    let admin = spanish_admin(&app).await;

    let html = app.page(&admin, "/admin/roles").await;
    assert_spanish(
        &html,
        &[
            "<h1>Roles</h1>",
            "Un rol es lo que una persona puede hacer.",
            "Usuarios aquí",
        ],
        &["A role is what a person may do", "Users here"],
    );

    let root = {
        set_user_language(&app, DemoUser::Root.email(), Some("es"));
        app.signed_in(DemoUser::Root).await
    };
    let html = app.page(&root, "/admin/jobs").await;
    assert_spanish(
        &html,
        &[
            "<h1>Tareas</h1>",
            "Tareas programadas",
            "Ejecuciones e importaciones recientes",
            "Ejecutar ahora",
            "Próxima ejecución",
            "Elimina las sesiones que caducaron o se revocaron hace más de 30 días.",
        ],
        &[
            "Scheduled tasks",
            "Recent runs and imports",
            "Run now",
            "Next run",
            "Removes sign-in sessions",
        ],
    );
}

#[actix_web::test]
async fn an_invitation_form_refused_in_spanish_and_the_invitation_goes_out_in_the_schools_language()
{
    let app = spawn_app().await;
    set_school_language(&app, Some("es"));
    let admin = app.signed_in(DemoUser::Admin).await;

    let refused = app
        .submit(
            &admin,
            "/admin/users/new",
            "/admin/users",
            &[("first_name", ""), ("last_name", "Ruiz"), ("email", "ana@")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the form again");
    assert_spanish(
        &html,
        &[
            "Escribe el nombre.",
            "Escribe una dirección de correo como nombre@colegio.org.",
        ],
        &["Enter the first name.", "Enter an e-mail address like"],
    );

    let invited = "ana.ruiz@northwind.test";
    let teacher_role = crate::admin::role_id(&app, "Teacher");
    let response = crate::admin::invite(&app, &admin, ("Ana", "Ruiz"), invited, teacher_role).await;
    assert_eq!(response.status(), 303);
    let emails = emails_to(&app, invited);
    let (subject, body) = emails.first().expect("an invitation");
    assert_eq!(subject, "Te invitan a Homeroom en Northwind Academy");
    assert!(body.starts_with("Hola, Ana:"), "{body}");
    assert!(body.contains("durante 7 días"), "{body}");
    assert!(!body.contains("Choose your password"), "{body}");
}

#[actix_web::test]
async fn the_two_step_code_page_and_the_forgot_page_follow_a_spanish_browser() {
    let app = spawn_app().await;
    diesel::update(users::table.filter(users::email.eq(DemoUser::Teacher.email())))
        .set((
            users::mfa_enabled.eq(true),
            users::mfa_totp_secret.eq(Some("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")),
        ))
        .execute(&mut app.conn())
        .expect("two-step sign-in on");
    let visitor = client_speaking("es-ES,es;q=0.9");
    let response = app
        .sign_in(&visitor, DemoUser::Teacher.email(), DEMO_PASSWORD)
        .await;
    assert_eq!(response.headers()["location"], "/login/mfa");
    let html = app.page(&visitor, "/login/mfa").await;
    assert_spanish(
        &html,
        &[
            "<h1>Inicio de sesión en dos pasos</h1>",
            "Código de tu aplicación de autenticación",
            "Continuar",
            "Entrar con otra cuenta",
        ],
        &[
            "Two-step sign-in",
            "Code from your authenticator app",
            "Continue",
        ],
    );
    let wrong = app
        .submit(&visitor, "/login/mfa", "/login/mfa", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), 401);
    let html = wrong.text().await.expect("the code page again");
    assert_spanish(
        &html,
        &["Ese código no ha funcionado."],
        &["That code did not work."],
    );

    let visitor = client_speaking("es");
    let html = app.page(&visitor, "/password/forgot").await;
    assert_spanish(
        &html,
        &[
            "¿Has olvidado tu contraseña?",
            "Escribe la dirección de correo con la que inicias sesión.",
            "Enviar el enlace",
            "Volver a iniciar sesión",
        ],
        &["Forgot your password?", "Send the link", "Back to sign in"],
    );
    let refused = app
        .submit(
            &visitor,
            "/password/forgot",
            "/password/forgot",
            &[("email", "nobody")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("the form again");
    assert_spanish(
        &html,
        &["como nombre@colegio.org"],
        &["Enter the email address you sign in with"],
    );
}

#[actix_web::test]
async fn not_found_and_not_allowed_pages_are_in_the_readers_language() {
    let app = spawn_app().await;
    let admin = spanish_admin(&app).await;
    let missing = app
        .get(&admin, &format!("/admin/users/{}", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(missing.status(), 404);
    let html = missing.text().await.expect("the error page");
    assert_spanish(
        &html,
        &[
            "Página no encontrada",
            "No encontramos esa página.",
            "Ir al panel",
        ],
        &["Page not found", "Go to the dashboard"],
    );
    // A path no route serves reads in the signed-in user's language too, not the browser's.
    let nowhere = app.get(&admin, "/no-such-page/at-all").await;
    assert_eq!(nowhere.status(), 404);
    let html = nowhere.text().await.expect("the error page");
    assert_spanish(
        &html,
        &["Página no encontrada", "No encontramos esa página."],
        &["Page not found"],
    );

    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let refused = app.get(&teacher, "/admin/outbox").await;
    assert_eq!(refused.status(), 403);
    let html = refused.text().await.expect("the error page");
    assert_spanish(
        &html,
        &[
            "Acceso no permitido",
            "Tu cuenta no tiene permiso para esta página.",
        ],
        &["Not allowed", "does not have permission"],
    );

    // An address nothing answers follows the browser.
    let visitor = client_speaking("es-MX");
    let html = app.page(&visitor, "/no/such/page").await;
    assert_spanish(&html, &["Página no encontrada"], &["Page not found"]);
}

/// Asks for a reset link for `email` from an English browser, and the e-mail it sends.
async fn reset_email(app: &TestApp, email: &str) -> (String, String) {
    let client = client_speaking("en");
    let response = app
        .submit(
            &client,
            "/password/forgot",
            "/password/forgot",
            &[("email", email)],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(wait_for_emails(app, email, 1).await, 1);
    emails_to(app, email).remove(0)
}

#[actix_web::test]
async fn a_spanish_speaking_teacher_gets_the_reset_e_mail_in_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let (subject, body) = reset_email(&app, DemoUser::Teacher.email()).await;
    assert_eq!(subject, "Elige una nueva contraseña de Homeroom");
    assert!(body.contains("Elige una nueva contraseña aquí durante la próxima hora:"));
    assert!(body.contains("/password/set/"), "the link: {body}");
    assert!(!body.contains("Choose a new password"), "{body}");
}

#[actix_web::test]
async fn the_reset_e_mail_reads_the_schools_language_unless_the_user_chose_their_own() {
    let app = spawn_app().await;
    set_school_language(&app, Some("es"));
    set_user_language(&app, DemoUser::Teacher.email(), None);
    let (subject, _) = reset_email(&app, DemoUser::Teacher.email()).await;
    assert_eq!(subject, "Elige una nueva contraseña de Homeroom");

    set_user_language(&app, DemoUser::Director.email(), Some("en"));
    let (subject, body) = reset_email(&app, DemoUser::Director.email()).await;
    assert_eq!(subject, "Choose a new Homeroom password");
    assert!(body.contains("Choose a new password here within the next hour:"));
}

#[actix_web::test]
async fn a_spanish_speaking_administrator_searches_people_in_spanish() {
    let app = spawn_app().await;
    let admin = spanish_admin(&app).await;
    let html = app.page(&admin, "/search?q=zzqxv").await;
    assert_spanish(
        &html,
        &[
            "<h1>Buscar personas</h1>",
            "Nombre, número o correo",
            "Nadie coincide con «zzqxv».",
        ],
        &["Search people", "No one matches"],
    );
}

#[actix_web::test]
async fn an_invitation_sent_twice_is_made_once_and_says_so_in_spanish() {
    let app = spawn_app().await;
    let admin = spanish_admin(&app).await;
    let fields =
        crate::resources::form_fields(&app, &admin, "/admin/users/new", "/admin/users").await;
    let role = crate::resources::value_of(
        &mut app.conn(),
        "SELECT id::text AS value FROM roles WHERE name = 'Teacher' LIMIT 1",
    )
    .expect("the teacher role");
    let mut fields = crate::resources::with(fields, "first_name", "Inés");
    fields = crate::resources::with(fields, "last_name", "Duarte");
    fields = crate::resources::with(fields, "email", "ines.duarte@northwind.test");
    fields = crate::resources::with(fields, "role", &role);
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();

    let first = app.post_form(&admin, "/admin/users", &refs).await;
    assert_eq!(first.status(), 303);
    let again = app.post_form(&admin, "/admin/users", &refs).await;
    assert_eq!(again.status(), 303);
    let header = |r: &reqwest::Response| {
        r.headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header(&again),
        header(&first),
        "back to the user made first"
    );
    let users = users::table
        .filter(users::email.eq("ines.duarte@northwind.test"))
        .count()
        .get_result::<i64>(&mut app.conn())
        .expect("count the invited");
    assert_eq!(users, 1, "one account");
    let page = app.page(&admin, &header(&again)).await;
    assert!(page.contains("Ya estaba guardado"), "{page}");
    assert!(!page.contains("Already saved"));
}

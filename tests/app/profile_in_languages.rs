//! The profile pages in Spanish and French: the profile itself, setting up two-step
//! sign-in, and a password change refused with its messages in the reader's language.

use fantoccini::Locator;

use crate::browser::{assert_no_sideways_scrolling, screenshot, signed_in_browser};
use crate::common::{DEMO_PASSWORD, DemoUser, TestApp, spawn_app};
use crate::languages::set_user_language;
use crate::walkthroughs_in_languages::{assert_has, assert_lacks};

/// English on the profile page that a translated page must not show.
const ENGLISH_PROFILE: &[&str] = &[
    "Your profile",
    "Your details",
    "First name",
    "Save details",
    "Current password",
    "The new password again",
    "At least 10 characters",
    "Change password",
    "Set up two-step sign-in",
    "Where you are signed in",
    "This device",
    "last seen",
    "Sign out other sessions",
    "Sign out everywhere",
];

/// English on the two-step set-up page.
const ENGLISH_MFA: &[&str] = &[
    "Two-step sign-in",
    "Back to your profile",
    "Open an authenticator app",
    "Scan this code",
    "Or type this key",
    "Enter the 6-digit code",
    "Code from the app",
    "QR code for your authenticator app",
];

async fn teacher_reading(app: &TestApp, language: &str) -> reqwest::Client {
    set_user_language(app, DemoUser::Teacher.email(), Some(language));
    app.signed_in(DemoUser::Teacher).await
}

async fn refused_password_change(app: &TestApp, client: &reqwest::Client) -> String {
    let response = app
        .submit(
            client,
            "/profile",
            "/profile/password",
            &[
                ("current_password", "not the password at all"),
                ("new_password", "violet tractor harbour 42"),
                ("new_password_again", "violet tractor harbour 43"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    response.text().await.expect("the profile again")
}

#[actix_web::test]
async fn a_teacher_reads_their_profile_in_spanish() {
    let app = spawn_app().await;
    let teacher = teacher_reading(&app, "es").await;
    let page = app.page(&teacher, "/profile").await;
    assert_has(
        &page,
        &[
            "<title>Tu perfil",
            "Tus datos",
            "Nombre",
            "Guardar datos",
            "Contraseña actual",
            "Repite la contraseña nueva",
            "Cambiar contraseña",
            "Activar la verificación en dos pasos",
            "Dónde tienes la sesión iniciada",
            "Este dispositivo",
            "última actividad",
            "Cerrar sesión en todas partes",
        ],
        "the Spanish profile",
    );
    assert_lacks(&page, ENGLISH_PROFILE, "the Spanish profile");
}

#[actix_web::test]
async fn a_teacher_reads_their_profile_in_french() {
    let app = spawn_app().await;
    let teacher = teacher_reading(&app, "fr").await;
    let page = app.page(&teacher, "/profile").await;
    assert_has(
        &page,
        &[
            "<title>Votre profil",
            "Vos coordonnées",
            "Prénom",
            "Mot de passe actuel",
            "Confirmez le nouveau mot de passe",
            "Changer le mot de passe",
            "Activer la validation en deux étapes",
            "Cet appareil",
            "dernière activité",
            "Se déconnecter partout",
        ],
        "the French profile",
    );
    assert_lacks(&page, ENGLISH_PROFILE, "the French profile");
}

#[actix_web::test]
async fn two_step_sign_in_is_set_up_in_spanish_and_in_french() {
    let app = spawn_app().await;
    let teacher = teacher_reading(&app, "es").await;
    let page = app.page(&teacher, "/profile/mfa").await;
    assert_has(
        &page,
        &[
            "Verificación en dos pasos",
            "Volver a tu perfil",
            "Abre una aplicación de autenticación",
            "Escanea este código",
            "O escribe esta clave:",
            "Código de la aplicación",
            "Activar la verificación en dos pasos",
        ],
        "the Spanish set-up page",
    );
    assert_lacks(&page, ENGLISH_MFA, "the Spanish set-up page");

    let wrong = app
        .submit(
            &teacher,
            "/profile/mfa",
            "/profile/mfa/confirm",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let wrong = wrong.text().await.expect("the set-up page again");
    assert_has(
        &wrong,
        &["Ese código no coincide."],
        "a wrong code in Spanish",
    );
    assert_lacks(
        &wrong,
        &["That code did not match"],
        "a wrong code in Spanish",
    );

    set_user_language(&app, DemoUser::Teacher.email(), Some("fr"));
    let page = app.page(&teacher, "/profile/mfa").await;
    assert_has(
        &page,
        &[
            "Validation en deux étapes",
            "Retour à votre profil",
            "Ouvrez une application d’authentification",
            "Ou saisissez cette clé\u{202f}:",
            "Activer la validation en deux étapes",
        ],
        "the French set-up page",
    );
    assert_lacks(&page, ENGLISH_MFA, "the French set-up page");
}

#[actix_web::test]
async fn a_refused_password_change_is_explained_in_spanish_and_in_french() {
    let app = spawn_app().await;
    let teacher = teacher_reading(&app, "es").await;
    let page = refused_password_change(&app, &teacher).await;
    assert_has(
        &page,
        &["Esa no es tu contraseña actual.", "Tu perfil"],
        "a refused change in Spanish",
    );
    assert_lacks(
        &page,
        &[
            "That is not your current password.",
            "The new password again",
        ],
        "a refused change in Spanish",
    );

    set_user_language(&app, DemoUser::Teacher.email(), Some("fr"));
    let page = refused_password_change(&app, &teacher).await;
    assert_has(
        &page,
        &["Ce n’est pas votre mot de passe actuel.", "Votre profil"],
        "a refused change in French",
    );
    assert_lacks(
        &page,
        &["That is not your current password.", "Current password"],
        "a refused change in French",
    );
    // Nothing was changed: the demo password still signs in.
    let again = app.client();
    let response = app
        .sign_in(&again, DemoUser::Teacher.email(), DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), 303);
}

#[actix_web::test]
async fn the_spanish_profile_and_set_up_fit_a_phone() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let (_driver, client) = signed_in_browser(
        &app,
        (390, 844),
        DemoUser::Teacher.email(),
        ".roll-cards, .empty",
    )
    .await;
    for (path, name) in [
        ("/profile", "profile-es-phone"),
        ("/profile/mfa", "mfa-set-up-es-phone"),
    ] {
        client.goto(&app.url(path)).await.expect("open the page");
        client
            .wait()
            .for_element(Locator::Css("h1"))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_no_sideways_scrolling(&client, path).await;
        screenshot(&client, name).await;
    }
    client.close().await.expect("close the browser");
}

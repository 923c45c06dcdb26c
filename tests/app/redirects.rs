//! Where Homeroom sends the browser after a form comes from the form (`next`,
//! `back`), so a crafted link must never send a user to another site, or break.

use crate::common::{DEMO_PASSWORD, DemoUser, spawn_app};

/// `next` values a browser would read as another site, or that cannot be a header.
const HOSTILE_NEXT: &[&str] = &[
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/x\r\nSet-Cookie: stolen=1",
    "/\u{0B}/evil.example",
    "/\u{0C}/evil.example",
    "/\0",
    "/\\evil.example",
    "/%5C/evil.example",
    "/%2F/evil.example",
    "/.//evil.example",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
];

#[actix_web::test]
async fn signing_in_with_a_crafted_next_lands_on_the_teachers_own_page() {
    let app = spawn_app().await;
    for next in HOSTILE_NEXT {
        let client = app.client();
        let response = app
            .submit(
                &client,
                "/login",
                "/login",
                &[
                    ("email", DemoUser::Teacher.email()),
                    ("password", DEMO_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "{next:?}");
        assert_eq!(
            response.headers()["location"],
            "/today",
            "{next:?}: the teacher's own landing page, not the other site"
        );
    }
}

#[actix_web::test]
async fn the_sign_in_form_keeps_only_a_next_on_this_site() {
    let app = spawn_app().await;
    let client = app.client();
    for next in [
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%2F/evil.example",
    ] {
        let page = app.get(&client, &format!("/login?next={next}")).await;
        assert_eq!(page.status(), 200, "{next}");
        let html = page.text().await.expect("page");
        assert!(
            !html.contains(r#"name="next""#),
            "{next}: no way back to keep"
        );
    }
    let kept = app
        .page(&client, "/login?next=/students%3Fq%3DZo%C3%AB")
        .await;
    assert!(kept.contains(r#"name="next" value="/students?q=Zo%C3%AB""#));
}

#[actix_web::test]
async fn a_check_in_with_a_crafted_back_returns_to_the_dashboard() {
    let app = spawn_app().await;
    let teacher = app.signed_in(DemoUser::Teacher).await;
    for back in HOSTILE_NEXT {
        let response = app
            .submit(&teacher, "/", "/attendance/check-in", &[("back", back)])
            .await;
        assert_eq!(response.status(), 303, "{back:?}");
        assert_eq!(response.headers()["location"], "/", "{back:?}");
    }
    let kept = app
        .submit(
            &teacher,
            "/",
            "/attendance/check-in",
            &[("back", "/attendance/staff?date=2026-03-11")],
        )
        .await;
    assert_eq!(
        kept.headers()["location"],
        "/attendance/staff?date=2026-03-11"
    );
}

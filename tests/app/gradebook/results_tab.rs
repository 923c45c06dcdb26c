//! A student's results tab: each subject's term average and letter, and the report
//! cards issued to them listed with a link to the card as issued.

use crate::common::fixtures::enrolled_students;
use crate::common::{DemoUser, TestApp, csrf_token, spawn_app};

/// An administrator issues the class's cards of the book's term.
async fn issue_cards(app: &TestApp, class: uuid::Uuid, term: uuid::Uuid) {
    let admin = app.signed_in(DemoUser::Admin).await;
    let cards = format!("/report-cards/{class}?term={term}");
    let page = app.page(&admin, &cards).await;
    let token = csrf_token(&page).expect("a CSRF token");
    let issued = app
        .post_form(
            &admin,
            &format!("/report-cards/{class}/issue"),
            &[("csrf_token", token.as_str()), ("term", &term.to_string())],
        )
        .await;
    assert_eq!(issued.status(), 303, "the cards are issued");
}

#[actix_web::test]
async fn a_students_results_tab_lists_the_report_cards_issued_to_them() {
    let app = spawn_app().await;
    let book = super::teachers_book(&app);
    let student = enrolled_students(&mut app.conn(), book.class)[0];
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let tab = format!("/students/{student}/profile?tab=results");

    let before = app.page(&teacher, &tab).await;
    assert!(!before.contains("Report card ·"), "nothing issued yet");

    issue_cards(&app, book.class, book.term).await;
    let after = app.page(&teacher, &tab).await;
    assert!(after.contains("Report card ·"), "{after}");
    let link = format!(
        "/report-cards/{}?term={}#card-{student}",
        book.class, book.term
    );
    assert!(
        after.contains(&link.replace('&', "&amp;")) || after.contains(&link),
        "{after}"
    );
    let card = app
        .page(
            &teacher,
            &format!("/report-cards/{}?term={}", book.class, book.term),
        )
        .await;
    assert!(
        card.contains(&format!("id=\"card-{student}\"")),
        "the link lands on the card"
    );

    // Another school's administrator does not see the student at all.
    let riverside = app.signed_in(DemoUser::RiversideAdmin).await;
    assert_eq!(app.get(&riverside, &tab).await.status(), 404);

    crate::languages::set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let teacher = app.signed_in(DemoUser::Teacher).await;
    let spanish = app.page(&teacher, &tab).await;
    assert!(spanish.contains("Boletín ·"), "{spanish}");
}

//! On a phone (390×844) a teacher takes this week's safety quiz one question per
//! screen, each answer a large button, and reads the result; the page never
//! scrolls sideways, in English or in Spanish.

use fantoccini::{Client, Locator};

use crate::browser::{
    PHONE, assert_no_sideways_scrolling, box_of, measure, screenshot, signed_in_browser,
};
use crate::common::{DemoUser, spawn_app};
use crate::languages::set_user_language;

/// Waits until the step showing question `number` is on screen.
async fn wait_for_step(client: &Client, number: usize) {
    let text = format!("Question {number} of 3");
    let spanish = format!("Pregunta {number} de 3");
    client
        .wait()
        .for_element(Locator::XPath(&format!(
            "//p[@class='quiz-progress'][normalize-space()='{text}' or normalize-space()='{spanish}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("question {number} shows: {e}"));
}

async fn take_the_quiz(client: &Client, url: &str, shots: &str) {
    client.goto(url).await.expect("open the quiz");
    for number in 1..=3 {
        wait_for_step(client, number).await;
        let buttons = measure(
            client,
            "return document.querySelectorAll('.quiz-answer').length",
        )
        .await;
        assert!(
            buttons >= 2.0,
            "question {number} has its answers as buttons"
        );
        let shortest = measure(
            client,
            "return Math.min(...[...document.querySelectorAll('.quiz-answer')].map(b => b.getBoundingClientRect().height))",
        )
        .await;
        assert!(
            shortest >= 44.0,
            "every answer button is at least 44px tall: {shortest}"
        );
        let [_, _, width, _] = box_of(client, ".quiz-answer").await;
        assert!(width >= 200.0, "an answer spans the phone: {width}");
        assert_no_sideways_scrolling(client, &format!("question {number}")).await;
        screenshot(client, &format!("{shots}-question-{number}")).await;
        client
            .find(Locator::Css(".quiz-answer"))
            .await
            .expect("an answer")
            .click()
            .await
            .expect("answer");
    }
    client
        .wait()
        .for_element(Locator::Css(".quiz-score"))
        .await
        .expect("the result");
    assert_no_sideways_scrolling(client, "the result").await;
    screenshot(client, &format!("{shots}-result")).await;
}

#[actix_web::test]
async fn a_teacher_takes_the_safety_quiz_on_a_phone() {
    let app = spawn_app().await;
    let (_driver, client) = signed_in_browser(
        &app,
        PHONE,
        DemoUser::Teacher.email(),
        "#main-menu, .roll-cards, .empty",
    )
    .await;
    take_the_quiz(
        &client,
        &app.url("/staff-development/quiz"),
        "safety-quiz-phone",
    )
    .await;
    let score = crate::browser::read_text(
        &client,
        "return document.querySelector('.quiz-score').textContent",
    )
    .await;
    assert!(
        score.contains("You scored 3 out of 3."),
        "the first options are the right ones: {score}"
    );
    client.close().await.expect("close the browser");
}

#[actix_web::test]
async fn the_quiz_fits_a_phone_in_spanish() {
    let app = spawn_app().await;
    set_user_language(&app, DemoUser::Teacher.email(), Some("es"));
    let (_driver, client) = signed_in_browser(
        &app,
        PHONE,
        DemoUser::Teacher.email(),
        "#main-menu, .roll-cards, .empty",
    )
    .await;
    take_the_quiz(
        &client,
        &app.url("/staff-development/quiz"),
        "safety-quiz-phone-es",
    )
    .await;
    client.close().await.expect("close the browser");
}

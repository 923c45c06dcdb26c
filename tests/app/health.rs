use crate::common::spawn_app;

#[actix_web::test]
async fn health_reports_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let response = app.get(&app.client(), "/health").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body, serde_json::json!({"status": "ok", "database": "ok"}));
}

#[actix_web::test]
async fn health_answers_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.db.drop_now();
    let response = app.get(&app.client(), "/health").await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["database"], "unavailable");
}

use crate::helpers::{assert_problem, spawn_app};

#[tokio::test]
async fn health_answers_ok_without_touching_the_database() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn ready_answers_ok_when_the_database_is_migrated() {
    let app = spawn_app().await;
    let response = app.get("/ready").await;
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "ok");
    assert_eq!(body["migrations"], "up_to_date");
}

#[tokio::test]
async fn ready_answers_503_while_migrations_are_pending_and_recovers_after() {
    let app = spawn_app().await;
    let db = app.database.connect().await;
    clinic_infrastructure::migrations::down(&db, Some(1))
        .await
        .unwrap();
    assert_problem(app.get("/ready").await, 503, "service_unavailable").await;
    clinic_infrastructure::migrations::up(&db).await.unwrap();
    assert_eq!(app.get("/ready").await.status().as_u16(), 200);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_security_headers() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/health", app.address))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "abc-123");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let generated = app.get("/health").await;
    let id = generated.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 36, "a generated UUID, got {id}");
}

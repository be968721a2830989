//! What one request may cost, what every response carries for browsers, and who may call the
//! API cross-origin: each limit answers problem+json with its own status.

use std::time::Duration;

use clinic_api::startup::ServerOptions;
use serde_json::json;

use crate::helpers::{assert_problem, spawn_app, spawn_app_with};

#[tokio::test]
async fn oversized_or_overdeep_bodies_long_uris_and_header_floods_are_refused() {
    let app = spawn_app().await;
    let login = format!("{}/api/v1/auth/login", app.address);

    let huge = format!(
        r#"{{"login": "{}", "password": "x"}}"#,
        "a".repeat(300 * 1024)
    );
    let response = app
        .client
        .post(&login)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_problem(response, 413, "payload_too_large").await;

    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    let response = app
        .client
        .post(&login)
        .header("content-type", "application/json")
        .body(deep)
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "json_too_deep").await;

    let long_query = format!("/api/v1/patients?q={}", "a".repeat(3000));
    assert_problem(app.get(&long_query).await, 414, "uri_too_long").await;

    let mut flood = app.client.get(format!("{}/health", app.address));
    for i in 0..80 {
        flood = flood.header(format!("x-filler-{i}"), "1");
    }
    assert_problem(flood.send().await.unwrap(), 431, "headers_too_large").await;

    let response = app
        .client
        .post(&login)
        .header("content-type", "text/plain")
        .body("login=a")
        .send()
        .await
        .unwrap();
    assert_problem(response, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn a_body_within_the_limits_reaches_the_handler_whole() {
    let app = spawn_app().await;
    let login = |body: String| {
        app.client
            .post(format!("{}/api/v1/auth/login", app.address))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let plain = r#"{"login": "nobody", "password": "wrong password!!"}"#.to_owned();
    assert_problem(login(plain).await.unwrap(), 401, "invalid_credentials").await;
    // 30 levels pass the depth check; the handler's parser then sees the whole body, up to the
    // field it does not know.
    let nested = format!("{}1{}", "[".repeat(30), "]".repeat(30));
    let deep = format!(r#"{{"login": "nobody", "password": "wrong password!!", "x": {nested}}}"#);
    let problem = assert_problem(login(deep).await.unwrap(), 422, "invalid_body").await;
    assert_eq!(problem["errors"][0]["field"], "x", "{problem}");
}

#[tokio::test]
async fn a_request_slower_than_the_timeout_answers_503() {
    let app = spawn_app_with(ServerOptions {
        workers: Some(1),
        // Far below what an argon2 hash takes, so every sign-in runs out of time.
        request_timeout: Duration::from_millis(1),
        ..ServerOptions::default()
    })
    .await;
    let response = app
        .post_json(
            "/auth/login",
            &json!({"login": "nobody", "password": "a long enough password"}),
        )
        .await;
    let retry_after = response.headers().get("retry-after").cloned();
    assert_problem(response, 503, "service_unavailable").await;
    assert_eq!(retry_after.unwrap(), "5");
}

#[tokio::test]
async fn api_responses_carry_security_headers_and_are_never_cached() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/specialties").await;
    let headers = response.headers();
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    // Swagger UI is a page, not health data: cacheable, but with the same protections.
    let docs = app.get("/swagger-ui/").await;
    assert!(docs.headers().get("cache-control").is_none());
    assert!(docs.headers().contains_key("content-security-policy"));
}

#[tokio::test]
async fn only_the_configured_origins_may_call_the_api_from_a_browser() {
    let app = spawn_app_with(ServerOptions {
        workers: Some(1),
        allowed_origins: vec!["https://app.clinic.test".into()],
        ..ServerOptions::default()
    })
    .await;
    let preflight = |origin: &'static str| {
        app.client
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/specialties", app.address),
            )
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let allowed = preflight("https://app.clinic.test").await.unwrap();
    assert_eq!(allowed.status().as_u16(), 200);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.clinic.test"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(
        refused
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_problem(refused, 400, "bad_request").await;

    // A simple cross-origin GET from elsewhere gets no CORS grant, so the browser hides it.
    let response = app
        .client
        .get(format!("{}/api/v1/specialties", app.address))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

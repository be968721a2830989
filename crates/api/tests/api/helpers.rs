//! `spawn_app()`: a running server on port 0 with a database of its own.

use std::net::TcpListener;

use clinic_api::startup::Application;
use clinic_infrastructure::testing::TestDatabase;

/// A server under test. Dropping it drops its database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// A client that does not follow redirects, so tests see what the server said.
    pub client: reqwest::Client,
    /// The test's own database.
    pub database: TestDatabase,
}

/// Starts the application on a random port, with its own database.
pub async fn spawn_app() -> TestApp {
    let database = TestDatabase::create().await;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a random port");
    let port = listener.local_addr().unwrap().port();
    let app = Application::with_listener(listener, database.connect().await, Some(1))
        .expect("the server starts");
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client,
        database,
    }
}

impl TestApp {
    /// A GET of a path on the server.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }
}

/// Asserts a problem+json answer with the given status and code, and returns its body.
pub async fn assert_problem(
    response: reqwest::Response,
    status: u16,
    code: &str,
) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    let body: serde_json::Value = response.json().await.expect("a JSON body");
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code, "body: {body}");
    assert!(
        body["title"].is_string() && body["type"].is_string(),
        "body: {body}"
    );
    body
}

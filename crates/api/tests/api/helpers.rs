//! `spawn_app()`: a running server on port 0 with a database of its own, and fixtures for
//! signed-in users of every role.

use std::net::TcpListener;
use std::sync::OnceLock;

use std::sync::Arc;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use clinic_api::auth::PasswordSlots;
use clinic_api::startup::{Application, ServerOptions, pool_settings};
use clinic_api::state::AppState;
use clinic_domain::FixedClock;
use clinic_domain::billing::PaymentProvider;
use clinic_domain::identity::{AccessClaims, PasswordHasher, Role, SessionId, TokenIssuer};
use clinic_infrastructure::db::DatabaseConnection;
use clinic_infrastructure::security::{Argon2PasswordHasher, JwtSettings, JwtTokenIssuer};
use clinic_infrastructure::testing::TestDatabase;
use reqwest::Method;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::Value;

/// The signing key of test servers.
pub const TEST_JWT_SECRET: &str = "test-secret-that-is-at-least-32-bytes-long";
/// The password of every fixture user.
pub const PASSWORD: &str = "correct horse battery staple";

/// A server under test. Dropping it drops its database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// A client that does not follow redirects, so tests see what the server said.
    pub client: reqwest::Client,
    /// A pool on the test's own database, for arranging and inspecting rows.
    pub db: DatabaseConnection,
    /// The test's own database.
    pub database: TestDatabase,
    /// The statements the server sends, while armed (see [`StatementLog::during`]).
    pub statements: StatementLog,
}

/// The SQL a server under test sends to PostgreSQL, recorded through SeaORM's metric callback
/// on the server's pool while armed: what statement-count tests assert (never timing).
#[derive(Clone, Default)]
pub struct StatementLog(Arc<StatementLogInner>);

#[derive(Default)]
struct StatementLogInner {
    armed: std::sync::atomic::AtomicBool,
    sql: std::sync::Mutex<Vec<String>>,
}

impl StatementLog {
    fn install(&self, pool: &mut DatabaseConnection) {
        let log = self.clone();
        pool.set_metric_callback(move |info| {
            if log.0.armed.load(std::sync::atomic::Ordering::SeqCst) {
                log.0.sql.lock().unwrap().push(info.statement.sql.clone());
            }
        });
    }

    /// The statements the server sent while `work` ran, in order (every task of the server:
    /// the read-audit writer's batches included).
    pub async fn during<T>(&self, work: impl std::future::Future<Output = T>) -> (T, Vec<String>) {
        self.0.sql.lock().unwrap().clear();
        self.0
            .armed
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let out = work.await;
        self.0
            .armed
            .store(false, std::sync::atomic::Ordering::SeqCst);
        let sql = std::mem::take(&mut *self.0.sql.lock().unwrap());
        (out, sql)
    }
}

/// A signed-in fixture user.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub user_id: i32,
    pub doctor_id: Option<i32>,
    pub patient_id: Option<i32>,
    pub token: String,
}

/// The instant every test server's clock is stopped at: when this test process first asked,
/// to the second. Test data is written relative to it (tomorrow at 10:00, a week ago), and
/// the server judges "now" by it, so a test never straddles midnight or an hour.
pub fn test_now() -> DateTime<Utc> {
    static NOW: OnceLock<DateTime<Utc>> = OnceLock::new();
    *NOW.get_or_init(|| Utc::now().trunc_subsecs(0))
}

/// Starts the application on a random port, with its own database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(test_options()).await
}

/// One worker, no web app.
fn test_options() -> ServerOptions {
    ServerOptions {
        workers: Some(1),
        web_dir: None,
        ..ServerOptions::default()
    }
}

/// As [`spawn_app`], with explicit server options (e.g. a web app to serve).
pub async fn spawn_app_with(options: ServerOptions) -> TestApp {
    spawn_app_customized(options, |_| {}).await
}

/// As [`spawn_app`], with `provider` configured as the online payment provider (no adapter
/// ships enabled, so only tests have one).
pub async fn spawn_app_with_provider(provider: Arc<dyn PaymentProvider>) -> TestApp {
    spawn_app_customized(test_options(), |state| {
        state.payment_provider = Some(provider)
    })
    .await
}

/// As [`spawn_app_with`], changing the application state first (limits, adapters).
pub async fn spawn_app_customized(
    options: ServerOptions,
    customize: impl FnOnce(&mut AppState),
) -> TestApp {
    let database = TestDatabase::create().await;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a random port");
    let port = listener.local_addr().unwrap().port();
    let jwt = JwtSettings {
        secret: TEST_JWT_SECRET.as_bytes().to_vec(),
    };
    let clock = Arc::new(FixedClock::at(test_now()));
    let mut pool = database
        .connect_with(&pool_settings(8, options.request_timeout))
        .await;
    let statements = StatementLog::default();
    statements.install(&mut pool);
    let mut state = AppState::with_clock(pool, &jwt, clock);
    // Tests share a few busy cores: wait long for a hashing slot rather than answer 503 (the
    // 503 itself is tested with a server configured for it).
    state.password_slots = Arc::new(PasswordSlots::new(
        clinic_api::auth::hashing::default_slots(),
        std::time::Duration::from_secs(60),
    ));
    customize(&mut state);
    let app = Application::with_listener(listener, state, options).expect("the server starts");
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let db = database.connect().await;
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client,
        db,
        database,
        statements,
    }
}

/// One argon2 hash of [`PASSWORD`] per test process: hashing is slow on purpose.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| Argon2PasswordHasher::default().hash(PASSWORD).unwrap())
}

/// SQL that opens a session (a refresh-token family whose token nobody knows) for `user_id`
/// and returns its id, for fixtures that need a signed-in user without an HTTP sign-in.
pub fn open_session_sql(user_id: i32) -> String {
    format!(
        "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, session_expires_at)
         VALUES ({user_id}, gen_random_uuid(), sha256(gen_random_uuid()::text::bytea),
                 now() + interval '14 days', now() + interval '30 days')
         RETURNING family_id::text"
    )
}

/// A valid access token for `user_id` in `session`, signed like the server's.
pub fn token_for(user_id: i32, role: Role, session: &str) -> String {
    let now = test_now();
    JwtTokenIssuer::new(
        &JwtSettings {
            secret: TEST_JWT_SECRET.as_bytes().to_vec(),
        },
        Arc::new(FixedClock::at(now)),
    )
    .issue_access(&AccessClaims {
        user_id,
        role,
        session: SessionId(session.to_owned()),
        issued_at: now,
        expires_at: now + Duration::minutes(15),
    })
    .unwrap()
}

impl TestApp {
    /// A request to a path of the server; API paths start with `/api/v1`.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.address))
    }

    /// A GET of a path on the server.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.request(Method::GET, path)
            .send()
            .await
            .expect("request sent")
    }

    /// A signed-in GET of `/api/v1{path}`.
    pub async fn get_as(&self, user: &TestUser, path: &str) -> reqwest::Response {
        self.request(Method::GET, &format!("/api/v1{path}"))
            .bearer_auth(&user.token)
            .send()
            .await
            .expect("request sent")
    }

    /// A signed-in request with a JSON body to `/api/v1{path}`.
    pub async fn send_as(
        &self,
        user: &TestUser,
        method: Method,
        path: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.request(method, &format!("/api/v1{path}"))
            .bearer_auth(&user.token)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// An anonymous POST with a JSON body to `/api/v1{path}`.
    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.request(Method::POST, &format!("/api/v1{path}"))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Runs SQL on the test database and returns the first column of the first row.
    pub async fn scalar(&self, sql: &str) -> Option<Value> {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT to_jsonb(x) AS v FROM ({sql}) x LIMIT 1"),
            ))
            .await
            .unwrap()?;
        let object: Value = row.try_get("", "v").unwrap();
        object.as_object().and_then(|o| o.values().next().cloned())
    }

    /// Runs SQL that must succeed.
    pub async fn exec(&self, sql: &str) {
        self.db
            .execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// Creates a user of `role` (with a doctor or patient profile to match) and signs them in.
    pub async fn user(&self, role: Role, name: &str) -> TestUser {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO users (username, email, role, password_hash) VALUES ($1, $2, $3, $4)
                 RETURNING user_id",
                [
                    name.into(),
                    format!("{name}@clinic.test").into(),
                    role.as_str().into(),
                    password_hash().into(),
                ],
            ))
            .await
            .unwrap()
            .unwrap();
        let user_id: i32 = row.try_get("", "user_id").unwrap();
        let mut doctor_id = None;
        let mut patient_id = None;
        match role {
            Role::Doctor => {
                let row = self
                    .db
                    .query_one_raw(Statement::from_sql_and_values(
                        DbBackend::Postgres,
                        "INSERT INTO doctors (user_id, first_name, last_name, license_number, specialty_id)
                         VALUES ($1, 'Doc', $2, $3, 1) RETURNING doctor_id",
                        [user_id.into(), name.into(), format!("LIC-{name}").into()],
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                doctor_id = Some(row.try_get("", "doctor_id").unwrap());
            }
            Role::Patient => {
                let row = self
                    .db
                    .query_one_raw(Statement::from_sql_and_values(
                        DbBackend::Postgres,
                        "INSERT INTO patients (user_id, first_name, last_name) VALUES ($1, 'Pat', $2)
                         RETURNING patient_id",
                        [user_id.into(), name.into()],
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                patient_id = Some(row.try_get("", "patient_id").unwrap());
            }
            Role::Admin | Role::Staff => {}
        }
        let session = self.open_session(user_id).await;
        TestUser {
            user_id,
            doctor_id,
            patient_id,
            token: token_for(user_id, role, &session),
        }
    }

    /// Opens a session for `user_id` (as a sign-in would) and returns its id.
    pub async fn open_session(&self, user_id: i32) -> String {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                open_session_sql(user_id),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "family_id").unwrap()
    }

    /// Signs in over HTTP and returns the token response.
    pub async fn login(&self, login: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/auth/login",
            &serde_json::json!({"login": login, "password": password}),
        )
        .await
    }
}

/// Asserts a problem+json answer with the given status and code, and returns its body.
pub async fn assert_problem(response: reqwest::Response, status: u16, code: &str) -> Value {
    let actual = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(actual, status, "unexpected status; body: {body}");
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code, "body: {body}");
    assert!(
        body["title"].is_string() && body["type"].is_string(),
        "body: {body}"
    );
    body
}

/// Asserts a status and returns the JSON body.
pub async fn json_of(response: reqwest::Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(actual, status, "unexpected status; body: {body}");
    body
}

/// The `field` of every entry of a problem's `errors`, in order.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

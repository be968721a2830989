//! The throttle attacks of issue 11, sent from outside: concurrent password guessing, a sign-up
//! flood, password-change guessing, a proxy full of users, a burst of Argon2 work, and two
//! server processes sharing one database.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use clinic_api::auth::PasswordSlots;
use clinic_api::startup::ServerOptions;
use clinic_domain::identity::throttle::ThrottleLimits;
use clinic_domain::identity::{PasswordCheck, PasswordHashError, PasswordHasher, Role};
use clinic_infrastructure::security::Argon2PasswordHasher;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, assert_problem, json_of, spawn_app, spawn_app_customized};

const LIMITS: ThrottleLimits = ThrottleLimits::DEFAULT;

/// Argon2, counting how often it runs.
#[derive(Default)]
struct CountingHasher {
    inner: Argon2PasswordHasher,
    hashes: AtomicUsize,
    verifies: AtomicUsize,
}

impl PasswordHasher for CountingHasher {
    fn hash(&self, password: &str) -> Result<String, PasswordHashError> {
        self.hashes.fetch_add(1, Ordering::SeqCst);
        self.inner.hash(password)
    }

    fn verify(&self, password: &str, hash: &str) -> Result<PasswordCheck, PasswordHashError> {
        self.verifies.fetch_add(1, Ordering::SeqCst);
        self.inner.verify(password, hash)
    }
}

/// A server behind a trusted proxy on 127.0.0.1 (so tests can name client addresses), its
/// Argon2 counted.
async fn spawn_counted() -> (TestApp, Arc<CountingHasher>) {
    let hasher = Arc::new(CountingHasher::default());
    let counted = Arc::clone(&hasher);
    let app = spawn_app_customized(
        ServerOptions {
            workers: Some(2),
            trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
            ..ServerOptions::default()
        },
        move |state| state.passwords = counted,
    )
    .await;
    (app, hasher)
}

/// A sign-in attempt from `client` (a forwarded address).
async fn login_from(app: &TestApp, client: &str, login: &str, password: &str) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/auth/login")
        .header("x-forwarded-for", client)
        .json(&json!({"login": login, "password": password}))
        .send()
        .await
        .unwrap()
}

fn tally(statuses: impl IntoIterator<Item = u16>) -> BTreeMap<u16, usize> {
    let mut tally = BTreeMap::new();
    for status in statuses {
        *tally.entry(status).or_default() += 1;
    }
    tally
}

#[tokio::test]
async fn thirty_concurrent_wrong_passwords_for_one_account_evaluate_only_the_limit() {
    let (app, hasher) = spawn_counted().await;
    app.user(Role::Staff, "tess").await;
    let before = hasher.verifies.load(Ordering::SeqCst);
    let attempts = (0..30).map(|_| login_from(&app, "203.0.113.5", "tess", "a wrong guess here"));
    let responses = join_all(attempts).await;
    let mut retry_after = Vec::new();
    for response in &responses {
        if response.status().as_u16() == 429 {
            retry_after.push(
                response.headers()["retry-after"]
                    .to_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    let statuses = tally(responses.iter().map(|r| r.status().as_u16()));
    let limit = LIMITS.login_per_account as usize;
    assert_eq!(
        statuses,
        BTreeMap::from([(401, limit), (429, 30 - limit)]),
        "only the first {limit} are evaluated"
    );
    assert_eq!(hasher.verifies.load(Ordering::SeqCst) - before, limit);
    assert!(retry_after.iter().all(|s| s.parse::<u64>().unwrap() > 0));
    let throttled = login_from(&app, "203.0.113.5", "tess", PASSWORD).await;
    assert_problem(throttled, 429, "too_many_requests").await;
}

fn sign_up(n: usize) -> Value {
    json!({
        "username": format!("flood{n}"),
        "email": format!("flood{n}@example.test"),
        "password": "a long and unusual passphrase",
        "first_name": "Flo",
        "last_name": "Od",
        "date_of_birth": "1990-04-01"
    })
}

#[tokio::test]
async fn forty_sign_ups_from_one_address_in_three_seconds_stop_at_the_limit() {
    let (app, hasher) = spawn_counted().await;
    let started = std::time::Instant::now();
    let attempts = (0..40).map(|n| {
        app.request(Method::POST, "/api/v1/auth/register")
            .header("x-forwarded-for", "198.51.100.40")
            .json(&sign_up(n))
            .send()
    });
    let statuses = tally(
        join_all(attempts)
            .await
            .into_iter()
            .map(|r| r.unwrap().status().as_u16()),
    );
    assert!(started.elapsed().as_secs() < 30);
    let limit = LIMITS.registrations_per_address as usize;
    assert_eq!(statuses, BTreeMap::from([(202, limit), (429, 40 - limit)]));
    assert_eq!(
        hasher.hashes.load(Ordering::SeqCst),
        limit,
        "one hash per admitted sign-up"
    );
    let users = app.scalar("SELECT count(*) FROM users").await;
    assert_eq!(users, Some(json!(limit)));
    // Another address is not affected.
    let other = app
        .request(Method::POST, "/api/v1/auth/register")
        .header("x-forwarded-for", "198.51.100.41")
        .json(&sign_up(99))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 202);
}

#[tokio::test]
async fn guessing_the_current_password_with_a_stolen_token_is_throttled() {
    let app = spawn_app().await;
    let user = app.user(Role::Staff, "amy").await;
    let guess =
        json!({"current_password": "is it this one", "new_password": "an entirely new passphrase"});
    for _ in 0..LIMITS.password_changes_per_account {
        let response = app
            .send_as(&user, Method::PUT, "/auth/password", &guess)
            .await;
        assert_problem(response, 422, "validation_failed").await;
    }
    let right = json!({"current_password": PASSWORD, "new_password": "an entirely new passphrase"});
    let response = app
        .send_as(&user, Method::PUT, "/auth/password", &right)
        .await;
    assert!(response.headers().contains_key("retry-after"));
    assert_problem(response, 429, "too_many_requests").await;
    // Nothing changed: the old password still signs in.
    json_of(app.login("amy", PASSWORD).await, 200).await;
}

#[tokio::test]
async fn a_locked_account_does_not_lock_its_owner_or_other_users_behind_the_same_address() {
    let (app, _) = spawn_counted().await;
    app.user(Role::Patient, "victim").await;
    app.user(Role::Patient, "neighbour").await;
    // The victim signed in from home before.
    json_of(
        login_from(&app, "192.0.2.10", "victim", PASSWORD).await,
        200,
    )
    .await;

    // An attacker behind the clinic's proxy address exhausts the victim's account.
    let proxy = "198.51.100.7";
    let mut statuses = Vec::new();
    for _ in 0..30 {
        statuses.push(
            login_from(&app, proxy, "victim", "a wrong guess here")
                .await
                .status()
                .as_u16(),
        );
    }
    let limit = LIMITS.login_per_account as usize;
    assert_eq!(
        tally(statuses),
        BTreeMap::from([(401, limit), (429, 30 - limit)])
    );
    assert_problem(
        login_from(&app, proxy, "victim", PASSWORD).await,
        429,
        "too_many_requests",
    )
    .await;

    // Another user behind the same address, who never signed in from it, still signs in.
    json_of(login_from(&app, proxy, "neighbour", PASSWORD).await, 200).await;
    // And the victim still signs in from home.
    json_of(
        login_from(&app, "192.0.2.10", "victim", PASSWORD).await,
        200,
    )
    .await;
}

#[tokio::test]
async fn an_address_flood_does_not_lock_out_a_user_who_signed_in_from_there_before() {
    let (app, _) = spawn_counted().await;
    app.user(Role::Staff, "regular").await;
    let proxy = "198.51.100.8";
    json_of(login_from(&app, proxy, "regular", PASSWORD).await, 200).await;

    // Guesses at many accounts from that address, until the address is refused.
    let limit = LIMITS.login_per_address as usize;
    for batch in 0..limit / 10 {
        let app = &app;
        let guesses = (0..10).map(|i| {
            let login = format!("guess{}", batch * 10 + i);
            async move { login_from(app, proxy, &login, "a wrong guess here").await }
        });
        for response in join_all(guesses).await {
            assert_eq!(response.status().as_u16(), 401);
        }
    }
    assert_problem(
        login_from(&app, proxy, "someone-new", "a wrong guess here").await,
        429,
        "too_many_requests",
    )
    .await;
    // The user who signed in from there before is not locked out.
    json_of(login_from(&app, proxy, "regular", PASSWORD).await, 200).await;
}

#[tokio::test]
async fn when_every_hashing_slot_is_busy_a_sign_in_answers_503_with_retry_after() {
    let app = spawn_app_customized(
        ServerOptions {
            workers: Some(4),
            ..ServerOptions::default()
        },
        // One slot and no waiting: any overlap is refused.
        |state| state.password_slots = Arc::new(PasswordSlots::new(1, std::time::Duration::ZERO)),
    )
    .await;
    let app = &app;
    let attempts = (0..12)
        .map(|n| async move { app.login(&format!("nobody{n}"), "a wrong guess here").await });
    let responses = join_all(attempts).await;
    let mut statuses = Vec::new();
    for response in responses {
        let status = response.status().as_u16();
        if status == 503 {
            assert_eq!(response.headers()["retry-after"], "5");
            assert_problem(response, 503, "service_unavailable").await;
        }
        statuses.push(status);
    }
    let statuses = tally(statuses);
    assert!(
        statuses.keys().all(|s| [401, 503].contains(s)) && statuses.contains_key(&503),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn accounts_are_authorized_before_their_password_is_hashed() {
    let (app, hasher) = spawn_counted().await;
    let doctor = app.user(Role::Doctor, "doc").await;
    let staff = app.user(Role::Staff, "sam").await;
    let patient = json!({
        "username": "newpat", "email": "newpat@example.test",
        "password": "a long and unusual passphrase",
        "first_name": "New", "last_name": "Patient", "dob": "1990-04-01"
    });
    let response = app
        .send_as(&doctor, Method::POST, "/patients", &patient)
        .await;
    assert_problem(response, 403, "forbidden").await;
    let user = json!({
        "username": "newstaff", "email": "newstaff@example.test", "role": "staff",
        "password": "a long and unusual passphrase"
    });
    let response = app.send_as(&staff, Method::POST, "/users", &user).await;
    assert_problem(response, 403, "forbidden").await;
    assert_eq!(
        hasher.hashes.load(Ordering::SeqCst),
        0,
        "a refused caller costs no hash"
    );
}

#[tokio::test]
async fn a_taken_email_gets_the_same_answer_and_the_same_work_as_a_fresh_one() {
    let (app, hasher) = spawn_counted().await;
    let register = |body: Value| {
        app.request(Method::POST, "/api/v1/auth/register")
            .header("x-forwarded-for", "198.51.100.50")
            .json(&body)
            .send()
    };
    let fresh = register(sign_up(1)).await.unwrap();
    let fresh = (fresh.status().as_u16(), fresh.text().await.unwrap());
    let mut taken = sign_up(2);
    taken["email"] = json!("FLOOD1@example.test");
    let again = register(taken).await.unwrap();
    let again = (again.status().as_u16(), again.text().await.unwrap());
    assert_eq!(fresh.0, 202);
    assert_eq!(fresh, again, "same status, same body");
    assert_eq!(
        hasher.hashes.load(Ordering::SeqCst),
        2,
        "both cost one hash"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM users").await,
        Some(json!(1))
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM users WHERE username = 'flood2'")
            .await,
        Some(json!(0))
    );
    // A taken username is still a conflict, whatever the email says.
    let mut name_taken = sign_up(1);
    name_taken["email"] = json!("someone-else@example.test");
    assert_problem(register(name_taken).await.unwrap(), 409, "username_taken").await;
    let mut both_taken = sign_up(1);
    both_taken["username"] = json!("FLOOD1");
    assert_problem(register(both_taken).await.unwrap(), 409, "username_taken").await;
}

/// Two `clinic serve` processes on one database: failures spread across both still stop at
/// one account's limit.
#[tokio::test]
async fn two_server_processes_share_the_login_throttle() {
    let app = spawn_app().await;
    app.user(Role::Staff, "shared").await;
    let dir = std::env::temp_dir();
    let log = |n: u32| dir.join(format!("clinic-throttle-{}-{n}.log", std::process::id()));
    let first = crate::faults::start_server(app.database.url(), log(1)).await;
    let second = crate::faults::start_server(app.database.url(), log(2)).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for n in 0..10 {
        let server = if n % 2 == 0 { &first } else { &second };
        let response = client
            .post(format!("{}/api/v1/auth/login", server.address))
            .json(&json!({"login": "shared", "password": "a wrong guess here"}))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    let limit = LIMITS.login_per_account as usize;
    let expected: Vec<u16> = (0..10).map(|n| if n < limit { 401 } else { 429 }).collect();
    assert_eq!(statuses, expected, "the limit holds across both processes");
}

//! Sign-up, sign-in, tokens, sessions and throttling.

use clinic_domain::identity::Role;
use clinic_domain::identity::throttle::ThrottleLimits;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, assert_problem, json_of, spawn_app};

fn registration(username: &str) -> Value {
    json!({
        "username": username,
        "email": format!("{username}@example.test"),
        "password": "a long and unusual passphrase",
        "first_name": "Alice",
        "last_name": "Smith",
        "phone": {"country_code": "+1", "number": "555-0100"},
        "date_of_birth": "1990-04-01"
    })
}

#[tokio::test]
async fn a_patient_registers_signs_in_and_sees_their_account() {
    let app = spawn_app().await;
    let accepted = json_of(
        app.post_json("/auth/register", &registration("alice"))
            .await,
        202,
    )
    .await;
    // No account data and no tokens: the answer is the same for a taken email.
    assert_eq!(accepted.as_object().unwrap().len(), 1, "{accepted}");
    assert!(accepted["detail"].is_string(), "{accepted}");
    let role = app
        .scalar(
            "SELECT u.role FROM users u JOIN patients p USING (user_id) WHERE u.username = 'alice'",
        )
        .await;
    assert_eq!(role, Some(json!("patient")));

    let tokens = json_of(
        app.login("ALICE@example.test", "a long and unusual passphrase")
            .await,
        200,
    )
    .await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    let me = app
        .request(Method::GET, "/api/v1/auth/me")
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let me = json_of(me, 200).await;
    assert_eq!(me["username"], "alice");
    assert!(
        me["last_login"].is_string(),
        "last_login is set on sign-in: {me}"
    );

    // The patient, their profile and demographics were created together, each audited.
    let audited = app
        .scalar("SELECT string_agg(table_name, ',' ORDER BY log_id) FROM audit_log WHERE action = 'insert'")
        .await;
    assert_eq!(audited, Some(json!("users,patients,demographics")));
    let dob = app.scalar("SELECT dob::text FROM demographics").await;
    assert_eq!(dob, Some(json!("1990-04-01")));
}

#[tokio::test]
async fn registration_lists_every_invalid_field() {
    let app = spawn_app().await;
    let mut body = registration("bob");
    body["email"] = json!("not-an-email");
    body["password"] = json!("password1234");
    body["date_of_birth"] = json!("2999-01-01");
    let problem = assert_problem(
        app.post_json("/auth/register", &body).await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["email", "password", "date_of_birth"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert_eq!(
        app.scalar("SELECT count(*) FROM users").await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn a_taken_username_is_a_conflict_whatever_its_case() {
    let app = spawn_app().await;
    json_of(
        app.post_json("/auth/register", &registration("carol"))
            .await,
        202,
    )
    .await;
    let mut again = registration("CAROL");
    again["email"] = json!("other@example.test");
    assert_problem(
        app.post_json("/auth/register", &again).await,
        409,
        "username_taken",
    )
    .await;
}

#[tokio::test]
async fn unknown_login_and_wrong_password_answer_the_same() {
    let app = spawn_app().await;
    app.user(Role::Staff, "sam").await;
    let wrong = assert_problem(
        app.login("sam", "not the password at all").await,
        401,
        "invalid_credentials",
    )
    .await;
    let unknown = assert_problem(
        app.login("nobody", "not the password at all").await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(wrong, unknown);
    let failures = app
        .scalar("SELECT count(*) FROM audit_log WHERE action = 'login_failed'")
        .await;
    assert_eq!(failures, Some(json!(2)));
}

#[tokio::test]
async fn repeated_failures_for_one_login_are_throttled_with_retry_after() {
    let app = spawn_app().await;
    app.user(Role::Staff, "tess").await;
    for _ in 0..5 {
        assert_eq!(
            app.login("tess", "wrong password guess")
                .await
                .status()
                .as_u16(),
            401
        );
    }
    let throttled = app.login("tess", PASSWORD).await;
    let retry_after: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0 && retry_after <= 900, "{retry_after}");
    assert_problem(throttled, 429, "too_many_requests").await;
}

#[tokio::test]
async fn tampered_expired_foreign_and_unsigned_tokens_are_refused() {
    use base64_url as b64;
    let app = spawn_app().await;
    let user = app.user(Role::Staff, "uma").await;
    let me = |token: String| {
        let app = &app;
        async move {
            app.request(Method::GET, "/api/v1/auth/me")
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(me(user.token.clone()).await.status().as_u16(), 200);

    let parts: Vec<&str> = user.token.split('.').collect();
    let claims: Value = serde_json::from_slice(&b64::decode(parts[1]).unwrap()).unwrap();
    let forge = |claims: &Value, header: &Value, signature: &str| {
        format!(
            "{}.{}.{}",
            b64::encode(&serde_json::to_vec(header).unwrap()),
            b64::encode(&serde_json::to_vec(claims).unwrap()),
            signature
        )
    };
    let hs256 = json!({"alg": "HS256", "typ": "JWT"});

    // Tampered: the role is raised but the signature is the old one.
    let mut admin = claims.clone();
    admin["role"] = json!("admin");
    admin["sub"] = json!("1");
    assert_problem(
        me(forge(&admin, &hs256, parts[2])).await,
        401,
        "invalid_token",
    )
    .await;
    // alg: none with no signature.
    let none = json!({"alg": "none", "typ": "JWT"});
    assert_problem(me(forge(&claims, &none, "")).await, 401, "invalid_token").await;
    // Signed by us but for another audience, or already expired.
    let mut foreign = claims.clone();
    foreign["aud"] = json!("another-service");
    assert_problem(me(sign(&foreign)).await, 401, "invalid_token").await;
    let mut expired = claims.clone();
    expired["exp"] = json!(crate::helpers::test_now().timestamp() - 60);
    assert_problem(me(sign(&expired)).await, 401, "token_expired").await;
    // No token at all.
    let anonymous = app
        .request(Method::GET, "/api/v1/auth/me")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    assert_problem(anonymous, 401, "missing_token").await;
}

/// Signs arbitrary claims with the test server's key.
fn sign(claims: &Value) -> String {
    use jsonwebtoken::{EncodingKey, Header, encode};
    encode(
        &Header::default(),
        claims,
        &EncodingKey::from_secret(crate::helpers::TEST_JWT_SECRET.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn a_refresh_token_works_once_and_replaying_it_revokes_the_session() {
    let app = spawn_app().await;
    app.user(Role::Staff, "vic").await;
    let first = json_of(app.login("vic", PASSWORD).await, 200).await;
    let refresh = |token: &Value| {
        let body = json!({"refresh_token": token});
        let app = &app;
        async move { app.post_json("/auth/refresh", &body).await }
    };
    let second = json_of(refresh(&first["refresh_token"]).await, 200).await;
    assert_ne!(second["refresh_token"], first["refresh_token"]);

    // The spent token is replayed: refused, and its successor dies with it.
    assert_problem(
        refresh(&first["refresh_token"]).await,
        401,
        "refresh_token_reused",
    )
    .await;
    assert_problem(
        refresh(&second["refresh_token"]).await,
        401,
        "invalid_refresh_token",
    )
    .await;
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    app.user(Role::Staff, "wes").await;
    let tokens = json_of(app.login("wes", PASSWORD).await, 200).await;
    let body = json!({"refresh_token": tokens["refresh_token"]});
    assert_eq!(
        app.post_json("/auth/logout", &body).await.status().as_u16(),
        204
    );
    assert_problem(
        app.post_json("/auth/refresh", &body).await,
        401,
        "invalid_refresh_token",
    )
    .await;
}

#[tokio::test]
async fn a_deactivated_users_tokens_stop_working_at_once() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let staff = app.user(Role::Staff, "xena").await;
    let tokens = json_of(app.login("xena", PASSWORD).await, 200).await;
    assert_eq!(app.get_as(&staff, "/auth/me").await.status().as_u16(), 200);
    let path = format!("/users/{}/deactivate", staff.user_id);
    json_of(
        app.send_as(&admin, Method::POST, &path, &json!({})).await,
        200,
    )
    .await;
    assert_problem(
        app.get_as(&staff, "/auth/me").await,
        401,
        "account_inactive",
    )
    .await;
    let refresh = app
        .post_json(
            "/auth/refresh",
            &json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_problem(refresh, 401, "invalid_refresh_token").await;
    assert_problem(app.login("xena", PASSWORD).await, 401, "account_inactive").await;
}

#[tokio::test]
async fn a_role_change_takes_effect_on_the_next_request() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let other = app.user(Role::Admin, "yuri").await;
    assert_eq!(app.get_as(&other, "/users").await.status().as_u16(), 200);
    let path = format!("/users/{}", other.user_id);
    json_of(
        app.send_as(&admin, Method::PATCH, &path, &json!({"role": "staff"}))
            .await,
        200,
    )
    .await;
    assert_problem(app.get_as(&other, "/users").await, 403, "forbidden").await;
}

#[tokio::test]
async fn changing_the_password_revokes_sessions_and_older_access_tokens() {
    let app = spawn_app().await;
    app.user(Role::Staff, "zoe").await;
    let tokens = json_of(app.login("zoe", PASSWORD).await, 200).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    // Tokens carry whole seconds: make the change land in a later second than the sign-in.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let change = app
        .request(Method::PUT, "/api/v1/auth/password")
        .bearer_auth(&access)
        .json(&json!({"current_password": PASSWORD, "new_password": "an entirely new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status().as_u16(), 204);
    let old = app
        .request(Method::GET, "/api/v1/auth/me")
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_problem(old, 401, "token_revoked").await;
    let refresh = app
        .post_json(
            "/auth/refresh",
            &json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_problem(refresh, 401, "invalid_refresh_token").await;
    json_of(app.login("zoe", "an entirely new passphrase").await, 200).await;
    assert_problem(app.login("zoe", PASSWORD).await, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn a_wrong_current_password_does_not_change_anything() {
    let app = spawn_app().await;
    let user = app.user(Role::Staff, "amy").await;
    let body = json!({"current_password": "not my password", "new_password": "an entirely new passphrase"});
    let problem = assert_problem(
        app.send_as(&user, Method::PUT, "/auth/password", &body)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "current_password");
    json_of(app.login("amy", PASSWORD).await, 200).await;
}

/// Behind our own reverse proxy every sign-in comes from the proxy's address; the throttle
/// must count the forwarded client, or a hundred failures by anyone would lock out everyone.
#[tokio::test]
async fn behind_a_trusted_proxy_the_throttle_counts_the_forwarded_client() {
    let app = crate::helpers::spawn_app_with(clinic_api::startup::ServerOptions {
        workers: Some(1),
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..clinic_api::startup::ServerOptions::default()
    })
    .await;
    let attempt = |client: &'static str, n: usize| {
        app.client
            .post(format!("{}/api/v1/auth/login", app.address))
            .header("x-forwarded-for", client)
            .json(&serde_json::json!({"login": format!("guess{n}"), "password": "wrong password guess"}))
            .send()
    };
    let limit = ThrottleLimits::DEFAULT.login_per_address as usize;
    for n in 0..limit {
        let status = attempt("198.51.100.1", n).await.unwrap().status().as_u16();
        assert_eq!(status, 401, "attempt {n}");
    }
    assert_eq!(
        attempt("198.51.100.1", limit)
            .await
            .unwrap()
            .status()
            .as_u16(),
        429
    );
    assert_eq!(
        attempt("198.51.100.2", limit + 1)
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    // A client cannot escape by prepending an address of its own choosing.
    let forged = attempt("203.0.113.9, 198.51.100.1", limit + 2)
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 429);
}

/// PostgreSQL cannot store a NUL character in text; such input is the client's mistake, not a
/// server error (found by schemathesis).
#[tokio::test]
async fn a_nul_character_in_input_is_refused_with_422_not_500() {
    let app = crate::helpers::spawn_app().await;
    let response = app
        .post_json(
            "/auth/login",
            &serde_json::json!({"login": "ali\u{0}ce", "password": "wrong password guess"}),
        )
        .await;
    crate::helpers::assert_problem(response, 422, "validation_failed").await;
}

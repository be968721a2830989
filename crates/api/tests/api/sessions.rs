//! Sessions end when they should: signing out and a password change end access tokens at
//! once, and no refresh carries a sign-in past its absolute lifetime.

use clinic_api::startup::ServerOptions;
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, assert_problem, json_of, spawn_app, spawn_app_customized};

async fn me(app: &TestApp, tokens: &Value) -> reqwest::Response {
    app.request(Method::GET, "/api/v1/auth/me")
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
}

async fn refresh(app: &TestApp, tokens: &Value) -> reqwest::Response {
    app.post_json(
        "/auth/refresh",
        &json!({"refresh_token": tokens["refresh_token"]}),
    )
    .await
}

#[tokio::test]
async fn after_logout_the_access_token_is_refused_at_once() {
    let app = spawn_app().await;
    app.user(Role::Staff, "wes").await;
    let tokens = json_of(app.login("wes", PASSWORD).await, 200).await;
    json_of(me(&app, &tokens).await, 200).await;
    let body = json!({"refresh_token": tokens["refresh_token"]});
    assert_eq!(
        app.post_json("/auth/logout", &body).await.status().as_u16(),
        204
    );
    assert_problem(me(&app, &tokens).await, 401, "token_revoked").await;
}

#[tokio::test]
async fn a_refreshed_access_token_belongs_to_the_same_session_and_ends_with_it() {
    let app = spawn_app().await;
    app.user(Role::Staff, "rex").await;
    let first = json_of(app.login("rex", PASSWORD).await, 200).await;
    let second = json_of(refresh(&app, &first).await, 200).await;
    json_of(me(&app, &second).await, 200).await;
    let body = json!({"refresh_token": second["refresh_token"]});
    assert_eq!(
        app.post_json("/auth/logout", &body).await.status().as_u16(),
        204
    );
    assert_problem(me(&app, &first).await, 401, "token_revoked").await;
    assert_problem(me(&app, &second).await, 401, "token_revoked").await;
}

#[tokio::test]
async fn a_password_change_ends_every_other_sessions_access_tokens_at_once() {
    let app = spawn_app().await;
    app.user(Role::Staff, "zoe").await;
    let laptop = json_of(app.login("zoe", PASSWORD).await, 200).await;
    let phone = json_of(app.login("zoe", PASSWORD).await, 200).await;
    json_of(me(&app, &phone).await, 200).await;
    // No pause: the change may land in the same second as the sign-ins.
    let change = app
        .request(Method::PUT, "/api/v1/auth/password")
        .bearer_auth(laptop["access_token"].as_str().unwrap())
        .json(&json!({"current_password": PASSWORD, "new_password": "an entirely new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status().as_u16(), 204);
    assert_problem(me(&app, &phone).await, 401, "token_revoked").await;
    assert_problem(refresh(&app, &phone).await, 401, "invalid_refresh_token").await;
}

#[tokio::test]
async fn a_sign_in_lasts_thirty_days_at_most_by_default() {
    let app = spawn_app().await;
    app.user(Role::Staff, "ida").await;
    let tokens = json_of(app.login("ida", PASSWORD).await, 200).await;
    json_of(refresh(&app, &tokens).await, 200).await;
    // The family of this sign-in (the fixture opened a session of its own before it).
    let family = "SELECT family_id FROM refresh_tokens ORDER BY refresh_token_id DESC LIMIT 1";
    let first_lifetime = app
        .scalar(&format!(
            "SELECT (session_expires_at - issued_at)::text FROM refresh_tokens
             WHERE family_id = ({family}) ORDER BY refresh_token_id LIMIT 1"
        ))
        .await;
    assert_eq!(first_lifetime, Some(json!("30 days")));
    // The rotated token ends with its session, not 30 days after its own issue.
    let ends = app
        .scalar(&format!(
            "SELECT count(DISTINCT session_expires_at) || ' of ' || count(*) FROM refresh_tokens
             WHERE family_id = ({family})"
        ))
        .await;
    assert_eq!(ends, Some(json!("1 of 2")));
}

/// The absolute lifetime is judged by the database's clock, like idle expiry; a server
/// configured with a two-second lifetime lets the test wait it out for real.
#[tokio::test]
async fn no_refresh_carries_a_session_past_its_absolute_lifetime() {
    let app = spawn_app_customized(
        ServerOptions {
            workers: Some(1),
            ..ServerOptions::default()
        },
        |state| state.session_lifetime.absolute = chrono::Duration::seconds(2),
    )
    .await;
    app.user(Role::Staff, "max").await;
    let first = json_of(app.login("max", PASSWORD).await, 200).await;
    let second = json_of(refresh(&app, &first).await, 200).await;
    json_of(me(&app, &second).await, 200).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_problem(refresh(&app, &second).await, 401, "invalid_refresh_token").await;
    // The access token of the ended session stops too.
    assert_problem(me(&app, &second).await, 401, "token_revoked").await;
    // Signing in again starts a new session.
    json_of(app.login("max", PASSWORD).await, 200).await;
}

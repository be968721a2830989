//! The FHIR API over the demo clinic: every resource validated against the R4 specification
//! by two validators, searches and their paging, strict and lenient handling.

mod paging;
mod search;
mod validation;

use clinic_domain::identity::Role;
use clinic_infrastructure::seed::seed_demo;
use serde_json::Value;

use crate::helpers::{TestApp, spawn_app, token_for};

/// A test server over the demo clinic, signed in as some of its people.
pub struct DemoClinic {
    pub app: TestApp,
}

impl DemoClinic {
    /// A fresh server with the demo clinic seeded into its database.
    pub async fn start() -> Self {
        let app = spawn_app().await;
        // The hash is never checked: tests sign in by opening sessions directly.
        seed_demo(&app.db, "not-a-hash").await.expect("demo seeded");
        Self { app }
    }

    /// An access token of the demo user `login`.
    pub async fn token(&self, login: &str) -> String {
        let row = self
            .app
            .scalar(&format!(
                "SELECT json_build_array(user_id, role) FROM users WHERE username = '{login}'"
            ))
            .await
            .expect("demo user exists");
        let user_id = row[0].as_i64().unwrap() as i32;
        let role = match row[1].as_str().unwrap() {
            "admin" => Role::Admin,
            "staff" => Role::Staff,
            "doctor" => Role::Doctor,
            _ => Role::Patient,
        };
        let session = self.app.open_session(user_id).await;
        token_for(user_id, role, &session)
    }

    /// `GET {path}` (under `/fhir/R4`) with `token`: the status and the JSON body.
    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        let response = self
            .app
            .request(reqwest::Method::GET, &format!("/fhir/R4{path}"))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert_eq!(
            content_type, "application/fhir+json",
            "{path} answered {content_type}"
        );
        (status, response.json().await.expect("a JSON body"))
    }

    /// A patient id of the demo user `login`.
    pub async fn patient_id(&self, login: &str) -> i64 {
        self.app
            .scalar(&format!(
                "SELECT p.patient_id FROM patients p JOIN users u USING (user_id) WHERE u.username = '{login}'"
            ))
            .await
            .and_then(|v| v.as_i64())
            .expect("a demo patient")
    }
}

/// The `Type/id` of each entry of a Bundle whose search mode is `mode`.
pub fn entries(bundle: &Value, mode: &str) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["search"]["mode"] == mode)
        .map(|e| {
            format!(
                "{}/{}",
                e["resource"]["resourceType"].as_str().unwrap(),
                e["resource"]["id"].as_str().unwrap()
            )
        })
        .collect()
}

/// The URL of a Bundle's link `relation`, as a path under `/fhir/R4`.
pub fn link(bundle: &Value, relation: &str) -> Option<String> {
    bundle["link"]
        .as_array()?
        .iter()
        .find(|l| l["relation"] == relation)
        .and_then(|l| l["url"].as_str())
        .map(|url| url.split_once("/fhir/R4").expect("a FHIR URL").1.to_owned())
}

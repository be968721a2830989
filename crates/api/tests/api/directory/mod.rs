//! The directory over HTTP: specialties, offices, doctors, their offices and working hours.

mod doctor_offices;
mod doctors;
mod offices;
mod specialties;
mod working_hours;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, json_of};

/// The fields a 422 problem names, in order.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A valid office body named `name` in `city`.
pub fn office_body(name: &str, city: &str) -> Value {
    json!({
        "name": name,
        "address": {"line1": "1 Main Street", "city": city, "state": "IL",
                    "postal_code": "62701", "country": "us"},
        "phone": {"country_code": "+1", "number": "555-0100"},
        "email": "Front.Desk@Clinic.example",
        "time_zone": "America/Chicago",
        "services": [{"name": "X-ray", "price": "80"}, {"name": "Vaccination"}]
    })
}

/// Creates an office as `admin` and returns its id.
pub async fn create_office(app: &TestApp, admin: &TestUser, name: &str, city: &str) -> i64 {
    let body = office_body(name, city);
    let office = json_of(
        app.send_as(admin, Method::POST, "/offices", &body).await,
        201,
    )
    .await;
    office["id"].as_i64().unwrap()
}

/// Puts `doctor_id` at `offices` as `user` and checks it worked.
pub async fn set_offices(app: &TestApp, user: &TestUser, doctor_id: i32, offices: &[i64]) {
    let path = format!("/doctors/{doctor_id}/offices");
    let body = json!({ "office_ids": offices });
    json_of(app.send_as(user, Method::PUT, &path, &body).await, 200).await;
}

/// How many audit rows `table` has with `action`.
pub async fn audit_rows(app: &TestApp, table: &str, action: &str) -> i64 {
    app.scalar(&format!(
        "SELECT count(*) FROM audit_log WHERE table_name = '{table}' AND action = '{action}'"
    ))
    .await
    .and_then(|v| v.as_i64())
    .unwrap_or(0)
}

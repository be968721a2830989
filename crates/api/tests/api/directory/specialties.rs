//! `/specialties`.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::json;

use super::{audit_rows, error_fields};
use crate::helpers::{assert_problem, json_of, spawn_app};

#[tokio::test]
async fn anyone_signed_in_lists_the_specialties_by_name_with_fees_as_strings() {
    let app = spawn_app().await;
    let patient = app.user(Role::Patient, "pat").await;
    let list = json_of(app.get_as(&patient, "/specialties").await, 200).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 10, "the migration's starter rows");
    let names: Vec<&str> = list.iter().map(|s| s["name"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    let cardiology = list.iter().find(|s| s["name"] == "Cardiology").unwrap();
    assert_eq!(cardiology["consultation_fee"], "250.00");
    assert_eq!(cardiology["requires_referral"], true);
}

#[tokio::test]
async fn an_admin_creates_and_edits_a_specialty_and_each_change_is_audited() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let body = json!({"name": " Allergy ", "requires_referral": true, "consultation_fee": "120.5"});
    let created = json_of(
        app.send_as(&admin, Method::POST, "/specialties", &body)
            .await,
        201,
    )
    .await;
    assert_eq!(created["name"], "Allergy");
    assert_eq!(created["consultation_fee"], "120.50");
    assert_eq!(created["requires_referral"], true);

    let path = format!("/specialties/{}", created["id"]);
    let patch = json!({"consultation_fee": "99", "requires_referral": false});
    let changed = json_of(app.send_as(&admin, Method::PATCH, &path, &patch).await, 200).await;
    assert_eq!(changed["consultation_fee"], "99.00");
    assert_eq!(changed["requires_referral"], false);
    assert_eq!(changed["name"], "Allergy", "an omitted field stays");

    assert_eq!(audit_rows(&app, "specialties", "insert").await, 1);
    assert_eq!(audit_rows(&app, "specialties", "update").await, 1);
    // Snapshots hold money as JSON numbers: exact for numeric(12,2), trailing zeros dropped.
    let old_fee = app
        .scalar(
            "SELECT (old_values->>'consultation_fee')::numeric = 120.50 FROM audit_log
             WHERE table_name = 'specialties' AND action = 'update'",
        )
        .await;
    assert_eq!(old_fee, Some(json!(true)));
}

#[tokio::test]
async fn a_fee_must_be_a_string_with_at_most_two_decimals() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    for fee in [
        json!(120),
        json!(120.5),
        json!("1.234"),
        json!("-5.00"),
        json!("1e3"),
    ] {
        let body = json!({"name": "Allergy", "consultation_fee": fee});
        let problem = assert_problem(
            app.send_as(&admin, Method::POST, "/specialties", &body)
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(error_fields(&problem), ["consultation_fee"], "{fee}");
    }
    // Every invalid field at once.
    let body = json!({"name": "  ", "consultation_fee": 3});
    let problem = assert_problem(
        app.send_as(&admin, Method::POST, "/specialties", &body)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["name", "consultation_fee"]);
}

#[tokio::test]
async fn a_specialty_name_is_unique_in_any_case() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let body = json!({"name": "CARDIOLOGY", "consultation_fee": "1.00"});
    assert_problem(
        app.send_as(&admin, Method::POST, "/specialties", &body)
            .await,
        409,
        "specialty_exists",
    )
    .await;
    let pediatrics = app
        .scalar("SELECT specialty_id FROM specialties WHERE specialty_name = 'Pediatrics'")
        .await
        .unwrap();
    let path = format!("/specialties/{pediatrics}");
    let rename = json!({"name": "neurology"});
    assert_problem(
        app.send_as(&admin, Method::PATCH, &path, &rename).await,
        409,
        "specialty_exists",
    )
    .await;
}

#[tokio::test]
async fn editing_a_missing_specialty_is_404_and_unknown_fields_are_refused() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let patch = json!({"requires_referral": true});
    assert_problem(
        app.send_as(&admin, Method::PATCH, "/specialties/999999", &patch)
            .await,
        404,
        "not_found",
    )
    .await;
    let typo = json!({"requires_referal": true});
    let response = app
        .send_as(&admin, Method::PATCH, "/specialties/1", &typo)
        .await;
    assert_eq!(response.status().as_u16(), 422);
}

//! Insurance policies: adding, listing, editing and deactivating, validity dates, and who may
//! do what.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_problem, error_fields, json_of, spawn_app};

fn policy(policy_number: &str, valid_from: &str, valid_to: Option<&str>) -> Value {
    json!({
        "provider_name": "Acme Health",
        "policy_number": policy_number,
        "holder_name": "Alice Smith",
        "holder_relationship": "self",
        "valid_from": valid_from,
        "valid_to": valid_to
    })
}

#[tokio::test]
async fn policies_are_added_listed_edited_and_deactivated_never_deleted() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let patient = app.user(Role::Patient, "alice").await;
    let list_path = format!("/patients/{}/insurances", patient.patient_id.unwrap());

    let old = json_of(
        app.send_as(
            &patient,
            Method::POST,
            &list_path,
            &policy("P-1", "2020-01-01", Some("2024-12-31")),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(old["is_active"], true);
    assert_eq!(old["holder_relationship"], "self");
    assert_eq!(old["group_number"], Value::Null);
    let mut body = policy("P-2", "2025-01-01", None);
    body["group_number"] = json!("G-7");
    body["holder_relationship"] = json!("spouse");
    let current = json_of(
        app.send_as(&staff, Method::POST, &list_path, &body).await,
        201,
    )
    .await;
    assert_eq!(current["group_number"], "G-7");

    let ids = |page: &Value| -> Vec<Value> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].clone())
            .collect()
    };
    // Active first, the latest cover first.
    let page = json_of(app.get_as(&patient, &list_path).await, 200).await;
    assert_eq!(ids(&page), [current["id"].clone(), old["id"].clone()]);
    assert_eq!(page["total"], 2);

    let old_path = format!("/insurances/{}", old["id"]);
    assert_eq!(
        json_of(app.get_as(&patient, &old_path).await, 200).await,
        old
    );
    let renewed = json!({"valid_to": null, "group_number": "G-1"});
    let changed = json_of(
        app.send_as(&patient, Method::PATCH, &old_path, &renewed)
            .await,
        200,
    )
    .await;
    assert_eq!(changed["valid_to"], Value::Null);
    assert_eq!(changed["group_number"], "G-1");

    let current_path = format!("/insurances/{}", current["id"]);
    let deactivate = json!({"is_active": false});
    let inactive = json_of(
        app.send_as(&staff, Method::PATCH, &current_path, &deactivate)
            .await,
        200,
    )
    .await;
    assert_eq!(inactive["is_active"], false);
    assert_eq!(inactive["provider_name"], "Acme Health");
    let page = json_of(app.get_as(&staff, &list_path).await, 200).await;
    assert_eq!(ids(&page), [old["id"].clone(), current["id"].clone()]);
    let audited = app
        .scalar("SELECT string_agg(action, ',' ORDER BY log_id) FROM audit_log WHERE table_name = 'insurances' AND action <> 'read'")
        .await;
    assert_eq!(audited, Some(json!("insert,insert,update,update")));
}

#[tokio::test]
async fn cover_ending_before_it_starts_and_unknown_relationships_are_refused() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let patient = app.user(Role::Patient, "alice").await;
    let list_path = format!("/patients/{}/insurances", patient.patient_id.unwrap());

    let backwards = policy("P-1", "2025-06-01", Some("2025-05-31"));
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, &list_path, &backwards)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["valid_to"]);
    let mut cousin = policy("P-1", "2025-01-01", None);
    cousin["holder_relationship"] = json!("cousin");
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, &list_path, &cousin).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["holder_relationship"]);

    let one_day = policy("P-1", "2025-01-01", Some("2025-01-01"));
    let stored = json_of(
        app.send_as(&staff, Method::POST, &list_path, &one_day)
            .await,
        201,
    )
    .await;
    assert_problem(
        app.send_as(&staff, Method::POST, &list_path, &one_day)
            .await,
        409,
        "insurance_exists",
    )
    .await;

    let path = format!("/insurances/{}", stored["id"]);
    let later_start = json!({"valid_from": "2025-02-01"});
    let problem = assert_problem(
        app.send_as(&staff, Method::PATCH, &path, &later_start)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["valid_from"]);
    let earlier_end = json!({"valid_to": "2024-12-31"});
    let problem = assert_problem(
        app.send_as(&staff, Method::PATCH, &path, &earlier_end)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["valid_to"]);
    assert_eq!(json_of(app.get_as(&staff, &path).await, 200).await, stored);
}

#[tokio::test]
async fn treating_doctors_read_policies_and_other_patients_never_find_them() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let other = app.user(Role::Patient, "mallory").await;
    let patient_id = patient.patient_id.unwrap();
    app.exec(&format!(
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({patient_id}, {})",
        doctor.doctor_id.unwrap()
    ))
    .await;
    let list_path = format!("/patients/{patient_id}/insurances");
    let stored = json_of(
        app.send_as(
            &patient,
            Method::POST,
            &list_path,
            &policy("P-1", "2025-01-01", None),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/insurances/{}", stored["id"]);

    json_of(app.get_as(&doctor, &list_path).await, 200).await;
    json_of(app.get_as(&doctor, &path).await, 200).await;
    let deactivate = json!({"is_active": false});
    for (method, target, body) in [
        (Method::POST, &list_path, policy("P-2", "2025-01-01", None)),
        (Method::PATCH, &path, deactivate.clone()),
    ] {
        assert_problem(
            app.send_as(&doctor, method, target, &body).await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_problem(app.get_as(&other, &path).await, 404, "not_found").await;
    assert_problem(
        app.send_as(&other, Method::PATCH, &path, &deactivate).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get_as(&patient, "/insurances/999999").await,
        404,
        "not_found",
    )
    .await;
}

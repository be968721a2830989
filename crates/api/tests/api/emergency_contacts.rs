//! Emergency contacts: replaced as a whole list, at most ten, distinct priorities.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_problem, error_fields, json_of, spawn_app};

fn contact(name: &str, priority: i64) -> Value {
    json!({
        "name": name,
        "relationship": "friend",
        "phone": {"country_code": "+1", "number": "555-0100", "extension": null},
        "priority": priority
    })
}

#[tokio::test]
async fn emergency_contacts_are_replaced_as_a_list_with_distinct_priorities() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let patient_id = patient.patient_id.unwrap();
    app.exec(&format!(
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({patient_id}, {})",
        doctor.doctor_id.unwrap()
    ))
    .await;
    let path = format!("/patients/{patient_id}/emergency-contacts");

    let list = json!([contact("Bob", 2), contact("Carol", 1)]);
    let stored = json_of(app.send_as(&patient, Method::PUT, &path, &list).await, 200).await;
    assert_eq!(stored, json!([contact("Carol", 1), contact("Bob", 2)]));
    for reader in [&staff, &doctor, &patient] {
        assert_eq!(json_of(app.get_as(reader, &path).await, 200).await, stored);
    }

    let twice = json!([contact("Dan", 3), contact("Eve", 3)]);
    let problem = assert_problem(
        app.send_as(&staff, Method::PUT, &path, &twice).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["emergency_contacts[1].priority"]);
    let out_of_range = json!([contact("Dan", 0)]);
    let problem = assert_problem(
        app.send_as(&staff, Method::PUT, &path, &out_of_range).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["emergency_contacts[0].priority"]);
    let eleven: Vec<Value> = (1..=11).map(|p| contact("Many", p)).collect();
    let problem = assert_problem(
        app.send_as(&staff, Method::PUT, &path, &json!(eleven))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(error_fields(&problem).contains(&"emergency_contacts".to_owned()));
    // Refused lists change nothing.
    assert_eq!(json_of(app.get_as(&staff, &path).await, 200).await, stored);

    assert_problem(
        app.send_as(&doctor, Method::PUT, &path, &list).await,
        403,
        "forbidden",
    )
    .await;
    let emptied = json_of(
        app.send_as(&staff, Method::PUT, &path, &json!([])).await,
        200,
    )
    .await;
    assert_eq!(emptied, json!([]));
    let deleted = app
        .scalar("SELECT count(*) FROM audit_log WHERE table_name = 'patient_emergency_contacts' AND action = 'delete'")
        .await;
    assert_eq!(deleted, Some(json!(2)));
}

//! The clinical FHIR resources over HTTP: a record's test results and vital signs as
//! Observations grouped by a DiagnosticReport, its visit as an Encounter once completed,
//! prescriptions as MedicationRequests, a referral as a ServiceRequest and its decision as a
//! Task. Each is read and searched by the roles the REST API lets read it, with the REST API's
//! answer (403 for staff and admins, 404 for another patient) as an OperationOutcome.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::open_office;
use crate::clinical::{Clinic, clinic};
use crate::helpers::{TestApp, TestUser, json_of, spawn_app};

/// A signed-in FHIR GET of `/fhir/R4/{path}`.
async fn fhir(app: &TestApp, who: &TestUser, path: &str) -> reqwest::Response {
    app.request(Method::GET, &format!("/fhir/R4/{path}"))
        .bearer_auth(&who.token)
        .send()
        .await
        .expect("request sent")
}

/// The FHIR resource of a 200.
async fn resource(app: &TestApp, who: &TestUser, path: &str) -> Value {
    let response = fhir(app, who, path).await;
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// Asserts an OperationOutcome with `status`.
async fn refused(app: &TestApp, who: &TestUser, path: &str, status: u16) {
    let response = fhir(app, who, path).await;
    assert_eq!(response.status().as_u16(), status, "{path}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["resourceType"], "OperationOutcome", "{path}: {body}");
}

/// The ids of a searchset's matches, and its total.
async fn ids(app: &TestApp, who: &TestUser, query: &str) -> (u64, Vec<String>) {
    let bundle = resource(app, who, query).await;
    assert_eq!(bundle["type"], "searchset");
    let ids = bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["resource"]["id"].as_str().unwrap().to_owned())
        .collect();
    (bundle["total"].as_u64().unwrap(), ids)
}

/// A record with three test results (numeric with a UCUM unit and limits, text, numeric in a
/// unit that is not UCUM) and a pulse, on the checked-in visit; returns its id.
async fn record(c: &Clinic) -> i64 {
    c.check_in().await;
    let body = json!({"diagnosis": "Hyperkalaemia", "notes": "Recheck in a week.",
        "test_results": [
            {"name": "Potassium", "value": 5.9, "unit": "mmol/L", "reference_low": 3.5, "reference_high": 5.1},
            {"name": "Strep A", "value": "negative"},
            {"name": "Widgets", "value": 3, "unit": "furlongs"},
        ],
        "vitals": {"pulse_bpm": 72}});
    json_of(c.write(&c.doctor, body).await, 201).await["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_record_is_observations_grouped_by_a_report_on_a_finished_encounter() {
    let c = clinic().await;
    let app = &c.app;
    let id = record(&c).await;
    let visit = c.appointment_id;
    let patient = c.patient.patient_id.unwrap();

    // A visit in progress is not an Encounter yet.
    refused(app, &c.doctor, &format!("Encounter/{visit}"), 404).await;
    assert_eq!(
        ids(app, &c.doctor, &format!("Encounter?patient={patient}"))
            .await
            .0,
        0
    );
    let path = format!("/appointments/{visit}/complete");
    json_of(
        app.send_as(&c.doctor, Method::POST, &path, &json!({}))
            .await,
        200,
    )
    .await;
    let encounter = resource(app, &c.patient, &format!("Encounter/{visit}")).await;
    assert_eq!(encounter["status"], "finished");
    assert_eq!(encounter["class"]["code"], "AMB");
    assert_eq!(
        encounter["class"]["system"],
        "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    );
    assert_eq!(
        encounter["subject"]["reference"],
        format!("Patient/{patient}")
    );
    assert_eq!(
        encounter["participant"][0]["individual"]["reference"],
        format!("Practitioner/{}", c.doctor.doctor_id.unwrap())
    );
    assert_eq!(
        encounter["appointment"][0]["reference"],
        format!("Appointment/{visit}")
    );
    assert!(encounter["period"]["end"].is_string(), "{encounter}");
    let query = format!(
        "Encounter?patient={patient}&practitioner=Practitioner/{}",
        c.doctor.doctor_id.unwrap()
    );
    assert_eq!(
        ids(app, &c.doctor, &query).await,
        (1, vec![visit.to_string()])
    );
    let query = format!("Encounter?patient={patient}&date=lt2000-01-01");
    assert_eq!(ids(app, &c.doctor, &query).await.0, 0);

    // Each test result is an Observation, mapped by its kind of value.
    let potassium = resource(app, &c.patient, &format!("Observation/{id}-1")).await;
    assert_eq!(potassium["status"], "final");
    assert_eq!(potassium["code"]["text"], "Potassium");
    assert_eq!(potassium["category"][0]["coding"][0]["code"], "laboratory");
    assert_eq!(
        potassium["valueQuantity"],
        json!({"value": 5.9, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"})
    );
    assert_eq!(potassium["interpretation"][0]["coding"][0]["code"], "H");
    assert_eq!(potassium["referenceRange"][0]["low"]["value"], 3.5);
    assert_eq!(potassium["referenceRange"][0]["high"]["value"], 5.1);
    assert_eq!(
        potassium["encounter"]["reference"],
        format!("Encounter/{visit}")
    );
    assert_eq!(
        potassium["subject"]["reference"],
        format!("Patient/{patient}")
    );
    let strep = resource(app, &c.doctor, &format!("Observation/{id}-2")).await;
    assert_eq!(strep["valueString"], "negative");
    assert!(strep.get("valueQuantity").is_none(), "{strep}");
    let widgets = resource(app, &c.doctor, &format!("Observation/{id}-3")).await;
    assert_eq!(
        widgets["valueQuantity"],
        json!({"value": 3, "unit": "furlongs"})
    );
    refused(app, &c.doctor, &format!("Observation/{id}-4"), 404).await;
    refused(app, &c.doctor, &format!("Observation/{id}"), 404).await;

    // Vital signs carry their LOINC code.
    let pulse = resource(app, &c.patient, &format!("Observation/{id}-vs-pulse-bpm")).await;
    assert_eq!(pulse["code"]["coding"][0]["system"], "http://loinc.org");
    assert_eq!(pulse["code"]["coding"][0]["code"], "8867-4");
    assert_eq!(pulse["valueQuantity"]["code"], "/min");
    assert_eq!(pulse["category"][0]["coding"][0]["code"], "vital-signs");
    let query = format!("Observation?patient={patient}&code=http://loinc.org|8867-4");
    assert_eq!(
        ids(app, &c.doctor, &query).await,
        (1, vec![format!("{id}-vs-pulse-bpm")])
    );

    // Paged in memory, with the total and every page right.
    let query = format!("Observation?patient={patient}&_count=3");
    let (total, first) = ids(app, &c.doctor, &query).await;
    assert_eq!((total, first.len()), (4, 3));
    let (_, second) = ids(app, &c.doctor, &format!("{query}&_page=2")).await;
    assert_eq!(second, [format!("{id}-vs-pulse-bpm")]);
    let (total, mine) = ids(app, &c.patient, "Observation").await;
    assert_eq!(total, 4, "{mine:?}");

    // The report groups the results.
    let report = resource(app, &c.colleague, &format!("DiagnosticReport/{id}")).await;
    assert_eq!(report["status"], "final");
    assert_eq!(report["conclusion"], "Hyperkalaemia");
    assert_eq!(
        report["result"],
        json!([
            {"reference": format!("Observation/{id}-1")},
            {"reference": format!("Observation/{id}-2")},
            {"reference": format!("Observation/{id}-3")},
        ])
    );
    let query = format!("DiagnosticReport?patient={patient}");
    assert_eq!(ids(app, &c.doctor, &query).await, (1, vec![id.to_string()]));

    // Amending the results makes them amended.
    let change = json!({"test_results": [{"name": "Potassium", "value": 4.2, "unit": "mmol/L"}]});
    let path = format!("/medical-records/{id}");
    json_of(
        app.send_as(&c.doctor, Method::PATCH, &path, &change).await,
        200,
    )
    .await;
    let amended = resource(app, &c.doctor, &format!("Observation/{id}-1")).await;
    assert_eq!(amended["status"], "amended");
    assert_eq!(amended["valueQuantity"]["value"], 4.2);
    let report = resource(app, &c.doctor, &format!("DiagnosticReport/{id}")).await;
    assert_eq!(report["status"], "amended");

    // Staff and admins never read clinical content; another patient is told it is not there.
    let admin = app.user(Role::Admin, "ada").await;
    let bob = app.user(Role::Patient, "bob").await;
    for path in [
        format!("Observation/{id}-1"),
        format!("DiagnosticReport/{id}"),
        format!("Observation?patient={patient}"),
        format!("DiagnosticReport?patient={patient}"),
    ] {
        refused(app, &c.staff, &path, 403).await;
        refused(app, &admin, &path, 403).await;
    }
    refused(app, &bob, &format!("Observation/{id}-1"), 404).await;
    refused(app, &bob, &format!("DiagnosticReport/{id}"), 404).await;
    assert_eq!(ids(app, &bob, "Observation").await.0, 0);
    // A doctor's clinical search names the patient, as the REST lists do.
    let response = fhir(app, &c.doctor, "Observation").await;
    assert_eq!(response.status().as_u16(), 422);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(
        outcome["issue"][1]["expression"],
        json!(["patient"]),
        "{outcome}"
    );
    // Visits are not clinical content: staff read the Encounter as they read the Appointment.
    resource(app, &c.staff, &format!("Encounter/{visit}")).await;
    refused(app, &bob, &format!("Encounter/{visit}"), 404).await;

    // `$everything` gathers what each search shows the reader: the whole record for the
    // patient, no clinical content for staff.
    let types = |bundle: &Value| -> Vec<String> {
        let mut types: Vec<String> = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"]["resourceType"].as_str().unwrap().to_owned())
            .collect();
        types.dedup();
        types
    };
    let everything = format!("Patient/{patient}/$everything");
    let own = resource(app, &c.patient, &everything).await;
    assert_eq!(
        types(&own),
        [
            "Patient",
            "Appointment",
            "Encounter",
            "DiagnosticReport",
            "Observation",
            "CareTeam",
            "Invoice"
        ]
    );
    // The front desk: no records or results, which staff never read.
    let desk = resource(app, &c.staff, &everything).await;
    assert_eq!(
        types(&desk),
        ["Patient", "Appointment", "Encounter", "CareTeam", "Invoice"]
    );
}

#[tokio::test]
async fn prescriptions_are_medication_requests_with_the_status_they_have_now() {
    let c = clinic().await;
    let app = &c.app;
    let id = record(&c).await;
    let path = format!("/medical-records/{id}/prescriptions");
    let mut ids_of = Vec::new();
    for (name, days) in [
        ("Amoxicillin", json!(7)),
        ("Lisinopril", json!(null)),
        ("Ibuprofen", json!(3)),
    ] {
        let body = json!({"medication_name": name, "dose": "500 mg", "route": "oral",
            "frequency": "every 8 hours", "quantity": 21, "refills": 1,
            "instructions": "Take with food.", "duration_days": days});
        let issued = json_of(
            app.send_as(&c.doctor, Method::POST, &path, &body).await,
            201,
        )
        .await;
        ids_of.push(issued["id"].as_i64().unwrap());
    }
    let [active, stopped, completed] = ids_of[..] else {
        unreachable!()
    };
    app.exec(&format!(
        "UPDATE prescriptions SET ended_at = now() - interval '1 day' WHERE prescription_id = {stopped};
         UPDATE prescriptions SET date_issued = now() - interval '10 days' WHERE prescription_id = {completed};"
    ))
    .await;
    let request = resource(app, &c.patient, &format!("MedicationRequest/{active}")).await;
    assert_eq!(request["status"], "active");
    assert_eq!(request["intent"], "order");
    assert_eq!(request["medicationCodeableConcept"]["text"], "Amoxicillin");
    assert_eq!(
        request["requester"]["reference"],
        format!("Practitioner/{}", c.doctor.doctor_id.unwrap())
    );
    assert_eq!(request["dosageInstruction"][0]["route"]["text"], "oral");
    assert_eq!(
        request["dosageInstruction"][0]["patientInstruction"],
        "Take with food."
    );
    assert_eq!(request["dispenseRequest"]["quantity"]["value"], 21);
    assert_eq!(request["dispenseRequest"]["numberOfRepeatsAllowed"], 1);
    assert_eq!(
        request["dispenseRequest"]["expectedSupplyDuration"]["code"],
        "d"
    );
    let stopped_request = resource(app, &c.doctor, &format!("MedicationRequest/{stopped}")).await;
    assert_eq!(stopped_request["status"], "stopped");
    let completed_request =
        resource(app, &c.doctor, &format!("MedicationRequest/{completed}")).await;
    assert_eq!(completed_request["status"], "completed");

    let patient = c.patient.patient_id.unwrap();
    let search = |status: &str| format!("MedicationRequest?patient={patient}&status={status}");
    assert_eq!(
        ids(app, &c.doctor, &search("active")).await,
        (1, vec![active.to_string()])
    );
    assert_eq!(
        ids(app, &c.doctor, &search("stopped")).await,
        (1, vec![stopped.to_string()])
    );
    assert_eq!(
        ids(app, &c.doctor, &search("completed")).await,
        (1, vec![completed.to_string()])
    );
    assert_eq!(ids(app, &c.doctor, &search("draft")).await.0, 0);
    assert_eq!(ids(app, &c.patient, "MedicationRequest").await.0, 3);

    let admin = app.user(Role::Admin, "ada").await;
    let bob = app.user(Role::Patient, "bob").await;
    for who in [&c.staff, &admin] {
        refused(app, who, &format!("MedicationRequest/{active}"), 403).await;
        refused(
            app,
            who,
            &format!("MedicationRequest?patient={patient}"),
            403,
        )
        .await;
    }
    refused(app, &bob, &format!("MedicationRequest/{active}"), 404).await;
    assert_eq!(ids(app, &bob, "MedicationRequest").await.0, 0);
}

#[tokio::test]
async fn a_referral_is_a_service_request_and_its_decision_a_task() {
    let app = spawn_app().await;
    let gp = app.user(Role::Doctor, "gpdoc").await;
    let cardiologist = app.user(Role::Doctor, "cardio").await;
    let alice = app.user(Role::Patient, "alice").await;
    let patient = alice.patient_id.unwrap();
    app.exec(&format!(
        "UPDATE doctors SET specialty_id = (SELECT specialty_id FROM specialties WHERE specialty_name = 'Cardiology')
         WHERE doctor_id = {};
         INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({patient}, {});",
        cardiologist.doctor_id.unwrap(),
        gp.doctor_id.unwrap()
    ))
    .await;
    open_office(&app, &cardiologist).await;
    let body = json!({"patient_id": patient, "specialist_id": cardiologist.doctor_id,
        "reason": "Chest pain on exertion"});
    let created = json_of(
        app.send_as(&gp, Method::POST, "/specialist-approvals", &body)
            .await,
        201,
    )
    .await;
    let id = created["id"].as_i64().unwrap();

    let task = resource(&app, &alice, &format!("Task/{id}")).await;
    assert_eq!(task["status"], "requested");
    assert_eq!(task["focus"]["reference"], format!("ServiceRequest/{id}"));
    assert_eq!(task["for"]["reference"], format!("Patient/{patient}"));
    let path = format!("/specialist-approvals/{id}/approve");
    let note = json!({"note": "Seen the ECG."});
    json_of(
        app.send_as(&cardiologist, Method::POST, &path, &note).await,
        200,
    )
    .await;

    let request = resource(&app, &alice, &format!("ServiceRequest/{id}")).await;
    assert_eq!(request["status"], "active");
    assert_eq!(request["intent"], "order");
    assert_eq!(request["performerType"]["text"], "Cardiology");
    assert_eq!(
        request["performer"][0]["reference"],
        format!("Practitioner/{}", cardiologist.doctor_id.unwrap())
    );
    assert_eq!(
        request["requester"]["reference"],
        format!("Practitioner/{}", gp.doctor_id.unwrap())
    );
    assert_eq!(request["reasonCode"][0]["text"], "Chest pain on exertion");
    let task = resource(&app, &cardiologist, &format!("Task/{id}")).await;
    assert_eq!(task["status"], "accepted");
    assert_eq!(task["businessStatus"]["text"], "approved");
    assert_eq!(task["statusReason"]["text"], "Seen the ECG.");
    assert_eq!(
        task["owner"]["reference"],
        format!("Practitioner/{}", cardiologist.doctor_id.unwrap())
    );

    let search = |t: &str, status: &str| format!("{t}?patient={patient}&status={status}");
    assert_eq!(
        ids(&app, &gp, &search("Task", "accepted")).await,
        (1, vec![id.to_string()])
    );
    assert_eq!(ids(&app, &gp, &search("Task", "requested")).await.0, 0);
    assert_eq!(
        ids(&app, &gp, &search("ServiceRequest", "active")).await,
        (1, vec![id.to_string()])
    );
    assert_eq!(
        ids(&app, &gp, &search("ServiceRequest", "revoked")).await.0,
        0
    );

    // Who sees a referral is the REST API's answer: staff and admins all, another patient none.
    let staff = app.user(Role::Staff, "desk").await;
    let admin = app.user(Role::Admin, "ada").await;
    let bob = app.user(Role::Patient, "bob").await;
    for who in [&staff, &admin] {
        let rest = app
            .get_as(who, &format!("/specialist-approvals/{id}"))
            .await;
        assert_eq!(rest.status().as_u16(), 200);
        resource(&app, who, &format!("ServiceRequest/{id}")).await;
        resource(&app, who, &format!("Task/{id}")).await;
    }
    let rest = app
        .get_as(&bob, &format!("/specialist-approvals/{id}"))
        .await;
    assert_eq!(rest.status().as_u16(), 404);
    refused(&app, &bob, &format!("ServiceRequest/{id}"), 404).await;
    refused(&app, &bob, &format!("Task/{id}"), 404).await;
    assert_eq!(ids(&app, &bob, "ServiceRequest").await.0, 0);
}

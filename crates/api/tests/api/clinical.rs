//! Medical records and prescriptions over HTTP: only the visit's doctor writes, and only once
//! the patient is checked in; test results are validated by path; amendments keep their
//! history in the audit log; staff never see clinical content and other patients are told it
//! does not exist; every read is audited.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office, starts_now};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// A doctor, a colleague on the patient's care team, the patient, a front desk and a booked
/// visit (booked for tomorrow at 10:00, then moved to start now so it can be checked in; still
/// scheduled).
pub(crate) struct Clinic {
    pub(crate) app: TestApp,
    pub(crate) doctor: TestUser,
    pub(crate) colleague: TestUser,
    pub(crate) patient: TestUser,
    pub(crate) staff: TestUser,
    pub(crate) appointment_id: i64,
}

pub(crate) async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let colleague = app.user(Role::Doctor, "wilson").await;
    let patient = app.user(Role::Patient, "alice").await;
    let staff = app.user(Role::Staff, "desk").await;
    app.exec(&format!(
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({}, {})",
        patient.patient_id.unwrap(),
        colleague.doctor_id.unwrap()
    ))
    .await;
    let office = open_office(&app, &doctor).await;
    let body = json!({"patient_id": patient.patient_id, "doctor_id": doctor.doctor_id,
        "office_id": office, "starts_at": at(1, 10), "duration_minutes": 30});
    let booked = json_of(
        app.send_as(&staff, Method::POST, "/appointments", &body)
            .await,
        201,
    )
    .await;
    starts_now(&app, booked["id"].as_i64().unwrap()).await;
    Clinic {
        appointment_id: booked["id"].as_i64().unwrap(),
        app,
        doctor,
        colleague,
        patient,
        staff,
    }
}

/// The fields a validation problem names, in order.
fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect()
}

impl Clinic {
    /// Moves the visit on (`check-in`, `complete`) as `who`.
    async fn step(&self, who: &TestUser, action: &str) {
        let path = format!("/appointments/{}/{action}", self.appointment_id);
        json_of(
            self.app.send_as(who, Method::POST, &path, &json!({})).await,
            200,
        )
        .await;
    }

    pub(crate) async fn check_in(&self) {
        self.step(&self.staff, "check-in").await;
    }

    pub(crate) async fn write(&self, who: &TestUser, body: Value) -> reqwest::Response {
        let mut body = body;
        body["appointment_id"] = json!(self.appointment_id);
        self.app
            .send_as(who, Method::POST, "/medical-records", &body)
            .await
    }

    /// A record by the doctor on the checked-in visit; returns its id.
    async fn record(&self) -> i64 {
        let body = json!({"diagnosis": "Influenza", "notes": "Rest.\nFluids.",
            "test_results": [{"name": "Temperature", "value": 38.9, "unit": "°C", "flag": "high"}]});
        json_of(self.write(&self.doctor, body).await, 201).await["id"]
            .as_i64()
            .unwrap()
    }

    async fn count(&self, sql: &str) -> i64 {
        self.app.scalar(sql).await.unwrap().as_i64().unwrap()
    }
}

#[tokio::test]
async fn only_the_visits_doctor_writes_a_record_and_only_once_the_patient_is_checked_in() {
    let c = clinic().await;
    let body = json!({"diagnosis": "Influenza"});
    assert_problem(
        c.write(&c.doctor, body.clone()).await,
        409,
        "visit_not_in_progress",
    )
    .await;
    c.check_in().await;
    for who in [&c.colleague, &c.staff, &c.patient] {
        assert_problem(c.write(who, body.clone()).await, 403, "forbidden").await;
    }
    let stranger = c.app.user(Role::Doctor, "cuddy").await;
    assert_problem(c.write(&stranger, body.clone()).await, 404, "not_found").await;
    let id = c.record().await;
    let record = json_of(
        c.app
            .get_as(&c.doctor, &format!("/medical-records/{id}"))
            .await,
        200,
    )
    .await;
    assert_eq!(record["patient_id"], c.patient.patient_id.unwrap());
    assert_eq!(record["doctor_id"], c.doctor.doctor_id.unwrap());
    assert_eq!(record["notes"], "Rest.\nFluids.");
    assert_eq!(record["test_results"][0]["flag"], "high");
    assert_eq!(record["test_results"][0]["value"], 38.9);
    let notes = json_of(
        c.app.get_as(&c.patient, "/notifications?unread=true").await,
        200,
    )
    .await;
    let about_record = notes["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "record")
        .unwrap_or_else(|| panic!("no record notification: {notes}"));
    assert_eq!(about_record["related_entity_id"], id);
    let inserted = c
        .count(&format!("SELECT count(*) FROM audit_log WHERE table_name = 'medical_records' AND record_id = {id} AND action = 'insert'"))
        .await;
    assert_eq!(inserted, 1);
    // Completing the visit keeps it recordable.
    c.step(&c.doctor, "complete").await;
    json_of(c.write(&c.doctor, json!({"notes": "Addendum"})).await, 201).await;
}

#[tokio::test]
async fn invalid_test_results_are_reported_by_path() {
    let c = clinic().await;
    c.check_in().await;
    let body = json!({"test_results": [
        {"name": "K", "value": 4.1, "unit": "mmol/L"},
        {"value": "negative", "flag": "purple"}
    ]});
    let problem = assert_problem(c.write(&c.doctor, body).await, 422, "validation_failed").await;
    assert_eq!(
        fields(&problem),
        ["test_results[1].name", "test_results[1].flag"]
    );
    assert_problem(
        c.write(&c.doctor, json!({"diagnosis": " "})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(c.count("SELECT count(*) FROM medical_records").await, 0);
}

#[tokio::test]
async fn an_amendment_keeps_the_old_values_in_the_audit_log() {
    let c = clinic().await;
    c.check_in().await;
    let id = c.record().await;
    let path = format!("/medical-records/{id}");
    let change = json!({"diagnosis": "COVID-19", "test_results": []});
    assert_problem(
        c.app
            .send_as(&c.colleague, Method::PATCH, &path, &change)
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        c.app
            .send_as(&c.doctor, Method::PATCH, &path, &json!({}))
            .await,
        422,
        "validation_failed",
    )
    .await;
    let amended = json_of(
        c.app
            .send_as(&c.doctor, Method::PATCH, &path, &change)
            .await,
        200,
    )
    .await;
    assert_eq!(amended["diagnosis"], "COVID-19");
    assert_eq!(amended["notes"], "Rest.\nFluids.");
    assert_eq!(amended["test_results"], json!([]));
    let history = c.app.scalar(&format!(
        "SELECT json_build_object('old', old_values->>'diagnosis', 'new', new_values->>'diagnosis',
            'by', changed_by, 'old_results', old_values->'test_results')
         FROM audit_log WHERE table_name = 'medical_records' AND record_id = {id} AND action = 'update'"
    ))
    .await
    .unwrap();
    assert_eq!(history["old"], "Influenza");
    assert_eq!(history["new"], "COVID-19");
    assert_eq!(history["by"], c.doctor.user_id);
    assert_eq!(history["old_results"][0]["name"], "Temperature");
    assert_eq!(c.count("SELECT count(*) FROM medical_records").await, 1);
}

#[tokio::test]
async fn staff_are_refused_and_another_patient_is_told_nothing_exists() {
    let c = clinic().await;
    c.check_in().await;
    let id = c.record().await;
    let own = c.patient.patient_id.unwrap();
    for path in [
        format!("/medical-records/{id}"),
        format!("/medical-records?patient_id={own}"),
        "/medical-records".to_owned(),
    ] {
        assert_problem(c.app.get_as(&c.staff, &path).await, 403, "forbidden").await;
    }
    let bob = c.app.user(Role::Patient, "bob").await;
    assert_problem(
        c.app.get_as(&bob, &format!("/medical-records/{id}")).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        c.app
            .get_as(&bob, &format!("/medical-records?patient_id={own}"))
            .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        json_of(c.app.get_as(&bob, "/medical-records").await, 200).await["total"],
        0
    );
    assert_problem(
        c.app.get_as(&c.doctor, "/medical-records").await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn every_record_read_is_audited_with_its_reader() {
    let c = clinic().await;
    c.check_in().await;
    let first = c.record().await;
    let second = c.record().await;
    let reads =
        "SELECT count(*) FROM audit_log WHERE table_name = 'medical_records' AND action = 'read'";
    assert_eq!(c.count(reads).await, 0);
    let own = json_of(c.app.get_as(&c.patient, "/medical-records").await, 200).await;
    assert_eq!(own["total"], 2);
    assert_eq!(own["items"][0]["id"], second, "newest first");
    let by_patient = format!(
        "SELECT count(*) FROM audit_log WHERE table_name = 'medical_records' AND action = 'read'
         AND changed_by = {} AND record_id IN ({first}, {second})",
        c.patient.user_id
    );
    assert_eq!(c.count(&by_patient).await, 2);
    let path = format!("/medical-records/{first}");
    json_of(c.app.get_as(&c.colleague, &path).await, 200).await;
    let by_colleague = format!(
        "SELECT count(*) FROM audit_log WHERE table_name = 'medical_records' AND action = 'read'
         AND changed_by = {} AND record_id = {first}",
        c.colleague.user_id
    );
    assert_eq!(c.count(&by_colleague).await, 1);
    // A refused read leaves no trace of having been read.
    c.app.get_as(&c.staff, &path).await;
    assert_eq!(c.count(reads).await, 3);
}

/// Concurrent reads share audit transactions (group commit); each is still recorded exactly
/// once, by its reader, in an intact chain, before its answer is sent.
#[tokio::test]
async fn concurrent_reads_are_each_audited_once_in_an_intact_chain() {
    let c = clinic().await;
    c.check_in().await;
    let first = c.record().await;
    let readers = [&c.patient, &c.doctor, &c.colleague];
    let reads = (0..30).map(|i| {
        let reader = readers[i % 3];
        let path = if i % 2 == 0 {
            format!("/medical-records/{first}")
        } else {
            "/medical-records?patient_id=".to_owned() + &c.patient.patient_id.unwrap().to_string()
        };
        let app = &c.app;
        async move { app.get_as(reader, &path).await.status().as_u16() }
    });
    let statuses = futures_util::future::join_all(reads).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    for reader in readers {
        let rows = format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'medical_records' \
             AND action = 'read' AND record_id = {first} AND changed_by = {}",
            reader.user_id
        );
        assert_eq!(c.count(&rows).await, 10, "reader {}", reader.user_id);
    }
    let key = clinic_infrastructure::testing::test_audit_key();
    let verdict = clinic_infrastructure::audit::verify(&c.app.db, &key, None)
        .await
        .unwrap();
    assert!(
        matches!(
            verdict,
            clinic_infrastructure::audit::ChainVerdict::Intact(_)
        ),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn a_prescription_is_issued_by_the_records_doctor_and_its_reads_are_audited() {
    let c = clinic().await;
    c.check_in().await;
    let record = c.record().await;
    let path = format!("/medical-records/{record}/prescriptions");
    let body = json!({"medication_name": "Oseltamivir", "dose": "75 mg", "route": "oral",
        "frequency": "twice a day", "quantity": 10, "refills": 0,
        "instructions": "Take with food.", "pharmacy_details": {"name": "Corner Pharmacy", "phone": "+1 555 0100"}});
    assert_problem(
        c.app
            .send_as(&c.colleague, Method::POST, &path, &body)
            .await,
        403,
        "forbidden",
    )
    .await;
    let mut bad = body.clone();
    bad["quantity"] = json!(0);
    bad["pharmacy_details"] = json!({"name": "Corner", "phone": "call me"});
    let problem = assert_problem(
        c.app.send_as(&c.doctor, Method::POST, &path, &bad).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["quantity", "pharmacy_details.phone"]);
    let issued = json_of(
        c.app.send_as(&c.doctor, Method::POST, &path, &body).await,
        201,
    )
    .await;
    assert_eq!(issued["pharmacy_details"]["name"], "Corner Pharmacy");
    assert_eq!(issued["patient_id"], c.patient.patient_id.unwrap());
    let id = issued["id"].as_i64().unwrap();
    let notes = json_of(c.app.get_as(&c.patient, "/notifications").await, 200).await;
    assert!(
        notes["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "prescription" && n["related_entity_id"] == id),
        "{notes}"
    );
    let mine = json_of(c.app.get_as(&c.patient, "/prescriptions").await, 200).await;
    assert_eq!(mine["total"], 1);
    let of_record = json_of(
        c.app
            .get_as(&c.doctor, &format!("/prescriptions?record_id={record}"))
            .await,
        200,
    )
    .await;
    assert_eq!(of_record["items"][0]["medication_name"], "Oseltamivir");
    let one = format!("/prescriptions/{id}");
    json_of(c.app.get_as(&c.colleague, &one).await, 200).await;
    assert_problem(c.app.get_as(&c.staff, &one).await, 403, "forbidden").await;
    let bob = c.app.user(Role::Patient, "bob").await;
    assert_problem(c.app.get_as(&bob, &one).await, 404, "not_found").await;
    let reads = format!(
        "SELECT count(*) FROM audit_log WHERE table_name = 'prescriptions' AND action = 'read' AND record_id = {id}"
    );
    assert_eq!(c.count(&reads).await, 3);
}

#[tokio::test]
async fn the_record_list_narrows_to_one_visit_without_reaching_past_the_patient() {
    let c = clinic().await;
    c.check_in().await;
    let id = c.record().await;
    let own = c.patient.patient_id.unwrap();
    let visit = c.appointment_id;
    let of_visit = records(
        &c,
        &c.doctor,
        &format!("patient_id={own}&appointment_id={visit}"),
    )
    .await;
    assert_eq!(of_visit["total"], 1);
    assert_eq!(of_visit["items"][0]["id"], id);
    let other_visit = visit + 1000;
    let query = format!("patient_id={own}&appointment_id={other_visit}");
    assert_eq!(records(&c, &c.doctor, &query).await["total"], 0);
    // The visit filter narrows the caller's own records; it never widens them.
    let bob = c.app.user(Role::Patient, "bob").await;
    let query = format!("appointment_id={visit}");
    assert_eq!(records(&c, &bob, &query).await["total"], 0);
    assert_eq!(records(&c, &c.patient, &query).await["total"], 1);
}

async fn records(c: &Clinic, who: &TestUser, query: &str) -> Value {
    let path = format!("/medical-records?{query}");
    json_of(c.app.get_as(who, &path).await, 200).await
}

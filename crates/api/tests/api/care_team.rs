//! Care teams: adding and removing doctors, the primary doctor, and concurrent changes.

use clinic_domain::identity::Role;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, assert_problem, error_fields, json_of, spawn_app};

struct Clinic {
    app: TestApp,
    staff: TestUser,
    patient_id: i32,
}

async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let patient_id = app.user(Role::Patient, "alice").await.patient_id.unwrap();
    Clinic {
        app,
        staff,
        patient_id,
    }
}

impl Clinic {
    async fn doctor(&self, name: &str) -> i32 {
        self.app.user(Role::Doctor, name).await.doctor_id.unwrap()
    }

    async fn send(&self, method: Method, path: &str, body: &Value) -> reqwest::Response {
        let path = format!("/patients/{}{path}", self.patient_id);
        self.app.send_as(&self.staff, method, &path, body).await
    }

    async fn make_primary(&self, doctor_id: i32) -> reqwest::Response {
        let body = json!({"doctor_id": doctor_id});
        self.send(Method::PUT, "/primary-doctor", &body).await
    }

    async fn team(&self) -> Vec<(i64, bool)> {
        let path = format!("/patients/{}/doctors", self.patient_id);
        let page = json_of(self.app.get_as(&self.staff, &path).await, 200).await;
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["doctor_id"].as_i64().unwrap(), m["is_primary"] == true))
            .collect()
    }

    async fn primary_doctor_id(&self) -> Value {
        let sql = format!(
            "SELECT primary_doctor_id FROM patients WHERE patient_id = {}",
            self.patient_id
        );
        self.app.scalar(&sql).await.unwrap_or(Value::Null)
    }
}

#[tokio::test]
async fn staff_add_doctors_once_each_and_only_doctors_that_exist() {
    let clinic = clinic().await;
    let house = clinic.doctor("house").await;
    let added = json_of(
        clinic
            .send(Method::POST, "/doctors", &json!({"doctor_id": house}))
            .await,
        201,
    )
    .await;
    assert_eq!(added["doctor_id"], house);
    assert_eq!(added["last_name"], "house");
    assert_eq!(added["specialty_name"], "Family Medicine");
    assert_eq!(added["is_primary"], false);
    assert!(added["added_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(clinic.team().await, [(i64::from(house), false)]);
    assert_eq!(clinic.primary_doctor_id().await, Value::Null);

    assert_problem(
        clinic
            .send(Method::POST, "/doctors", &json!({"doctor_id": house}))
            .await,
        409,
        "already_in_care_team",
    )
    .await;
    let problem = assert_problem(
        clinic
            .send(Method::POST, "/doctors", &json!({"doctor_id": 999_999}))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["doctor_id"]);
    assert_problem(clinic.make_primary(999_999).await, 422, "validation_failed").await;
    let missing_patient = clinic
        .app
        .send_as(
            &clinic.staff,
            Method::POST,
            "/patients/999999/doctors",
            &json!({"doctor_id": house}),
        )
        .await;
    assert_problem(missing_patient, 404, "not_found").await;
}

#[tokio::test]
async fn making_a_doctor_primary_adds_them_and_demotes_the_previous_primary() {
    let clinic = clinic().await;
    let house = clinic.doctor("house").await;
    let wilson = clinic.doctor("wilson").await;

    let first = json_of(clinic.make_primary(house).await, 200).await;
    assert_eq!(first["is_primary"], true);
    assert_eq!(clinic.primary_doctor_id().await, json!(house));

    json_of(clinic.make_primary(wilson).await, 200).await;
    // The primary doctor is listed first.
    assert_eq!(
        clinic.team().await,
        [(i64::from(wilson), true), (i64::from(house), false)]
    );
    assert_eq!(clinic.primary_doctor_id().await, json!(wilson));

    // Again: nothing changes and nothing is written.
    let audit_rows = "SELECT count(*) FROM audit_log";
    let before = clinic.app.scalar(audit_rows).await;
    json_of(clinic.make_primary(wilson).await, 200).await;
    assert_eq!(clinic.app.scalar(audit_rows).await, before);

    // Back to a doctor already on the team: promoted, not added twice.
    json_of(clinic.make_primary(house).await, 200).await;
    assert_eq!(
        clinic.team().await,
        [(i64::from(house), true), (i64::from(wilson), false)]
    );
    assert_eq!(clinic.primary_doctor_id().await, json!(house));
}

#[tokio::test]
async fn adding_a_doctor_as_primary_demotes_the_current_one() {
    let clinic = clinic().await;
    let house = clinic.doctor("house").await;
    let cuddy = clinic.doctor("cuddy").await;
    json_of(clinic.make_primary(house).await, 200).await;
    let body = json!({"doctor_id": cuddy, "is_primary": true});
    let added = json_of(clinic.send(Method::POST, "/doctors", &body).await, 201).await;
    assert_eq!(added["is_primary"], true);
    assert_eq!(
        clinic.team().await,
        [(i64::from(cuddy), true), (i64::from(house), false)]
    );
    assert_eq!(clinic.primary_doctor_id().await, json!(cuddy));
}

#[tokio::test]
async fn removing_the_primary_doctor_clears_the_patients_primary_doctor() {
    let clinic = clinic().await;
    let house = clinic.doctor("house").await;
    let wilson = clinic.doctor("wilson").await;
    json_of(clinic.make_primary(house).await, 200).await;
    json_of(
        clinic
            .send(Method::POST, "/doctors", &json!({"doctor_id": wilson}))
            .await,
        201,
    )
    .await;

    let removed = clinic
        .send(Method::DELETE, &format!("/doctors/{house}"), &json!(null))
        .await;
    assert_eq!(removed.status().as_u16(), 204);
    assert_eq!(clinic.team().await, [(i64::from(wilson), false)]);
    assert_eq!(clinic.primary_doctor_id().await, Value::Null);

    // Who removed whom is on record, in the same transaction as the change (reading the team
    // since has added `read` rows, which are not changes).
    let audited = clinic
        .app
        .scalar("SELECT string_agg(table_name || ':' || action, ',' ORDER BY log_id) FROM (SELECT * FROM audit_log WHERE action <> 'read' ORDER BY log_id DESC LIMIT 2) t")
        .await;
    assert_eq!(
        audited,
        Some(json!("patient_doctors:delete,patients:update"))
    );

    for gone in [house, 999_999] {
        let again = clinic
            .send(Method::DELETE, &format!("/doctors/{gone}"), &json!(null))
            .await;
        assert_problem(again, 404, "not_found").await;
    }
}

/// Twenty requests naming twenty doctors for one patient at once: the patient row lock makes
/// them take turns, so the team ends with exactly one primary doctor, the one the patient row
/// names, and nobody gets a 500.
#[tokio::test]
async fn concurrent_primary_doctor_changes_leave_exactly_one_consistent_primary() {
    let clinic = clinic().await;
    let mut doctors = Vec::new();
    for n in 0..20 {
        doctors.push(clinic.doctor(&format!("doctor{n}")).await);
    }
    let responses = join_all(doctors.iter().map(|&d| clinic.make_primary(d))).await;
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert!(
        statuses.iter().all(|s| matches!(s, 200 | 409)),
        "{statuses:?}"
    );
    let succeeded = statuses.iter().filter(|s| **s == 200).count();
    assert!(succeeded >= 1, "{statuses:?}");

    let pid = clinic.patient_id;
    let primaries = clinic
        .app
        .scalar(&format!(
            "SELECT count(*) FROM patient_doctors WHERE patient_id = {pid} AND is_primary"
        ))
        .await;
    assert_eq!(primaries, Some(json!(1)));
    let primary = clinic
        .app
        .scalar(&format!(
            "SELECT doctor_id FROM patient_doctors WHERE patient_id = {pid} AND is_primary"
        ))
        .await
        .unwrap();
    assert_eq!(clinic.primary_doctor_id().await, primary);
    // Every request that succeeded added its doctor to the team.
    assert_eq!(clinic.team().await.len(), succeeded);
}

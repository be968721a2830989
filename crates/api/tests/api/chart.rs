//! The chart over HTTP: a record and its prescriptions saved together or not at all, allergies
//! checked when prescribing (refused, then accepted with an override reason that is stored and
//! audited), addenda with their history, flags computed from ranges, the chart summary, and who
//! may read and write each list.

use reqwest::Method;
use serde_json::{Value, json};

use crate::clinical::{Clinic, clinic};
use crate::helpers::{TestUser, assert_problem, json_of};

fn ibuprofen() -> Value {
    json!({"medication_name": "Ibuprofen", "dose": "200 mg", "route": "oral",
        "frequency": "twice a day", "quantity": 20, "refills": 0})
}

impl Clinic {
    fn patient_id(&self) -> i64 {
        i64::from(self.patient.patient_id.unwrap())
    }

    async fn records_total(&self, who: &TestUser) -> i64 {
        let path = format!("/medical-records?patient_id={}", self.patient_id());
        json_of(self.app.get_as(who, &path).await, 200).await["total"]
            .as_i64()
            .unwrap()
    }

    async fn summary(&self, who: &TestUser) -> Value {
        let path = format!("/patients/{}/chart-summary", self.patient_id());
        json_of(self.app.get_as(who, &path).await, 200).await
    }

    async fn note_allergy(&self, substance: &str) -> i64 {
        let path = format!("/patients/{}/allergies", self.patient_id());
        let body = json!({"substance": substance, "reaction": "Hives", "severity": "severe"});
        json_of(
            self.app
                .send_as(&self.doctor, Method::POST, &path, &body)
                .await,
            201,
        )
        .await["id"]
            .as_i64()
            .unwrap()
    }
}

fn field_names(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_bad_prescription_leaves_no_record_behind_and_names_every_field() {
    let c = clinic().await;
    c.check_in().await;
    let mut bad = ibuprofen();
    bad["dose"] = json!("");
    bad["quantity"] = json!(0);
    let body = json!({"diagnosis": "Sprain", "prescriptions": [ibuprofen(), bad]});
    let problem = json_of(c.write(&c.doctor, body).await, 422).await;
    let fields = field_names(&problem);
    assert!(
        fields.contains(&"prescriptions[1].dose".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"prescriptions[1].quantity".to_owned()),
        "{fields:?}"
    );
    assert_eq!(c.records_total(&c.doctor).await, 0);
    let rx = format!("/prescriptions?patient_id={}", c.patient_id());
    assert_eq!(
        json_of(c.app.get_as(&c.doctor, &rx).await, 200).await["total"],
        0
    );

    let body = json!({"diagnosis": "Sprain", "prescriptions": [ibuprofen()]});
    let created = json_of(c.write(&c.doctor, body).await, 201).await;
    assert_eq!(created["prescriptions"].as_array().unwrap().len(), 1);
    assert_eq!(created["prescriptions"][0]["record_id"], created["id"]);
    assert_eq!(c.records_total(&c.doctor).await, 1);
}

#[tokio::test]
async fn an_allergy_refuses_a_prescription_until_an_override_reason_is_given_and_audited() {
    let c = clinic().await;
    c.check_in().await;
    c.note_allergy("ibuprofen").await;
    let body = json!({"diagnosis": "Sprain", "prescriptions": [ibuprofen()]});
    let problem = json_of(c.write(&c.doctor, body).await, 422).await;
    assert_eq!(
        field_names(&problem),
        ["prescriptions[0].allergy_override_reason"]
    );
    assert!(!problem.to_string().to_lowercase().contains("ibuprofen"));
    assert_eq!(c.records_total(&c.doctor).await, 0);

    let mut overridden = ibuprofen();
    overridden["allergy_override_reason"] = json!("Mild rash only; benefits outweigh");
    let body = json!({"diagnosis": "Sprain", "prescriptions": [overridden]});
    let created = json_of(c.write(&c.doctor, body).await, 201).await;
    let rx = &created["prescriptions"][0];
    assert_eq!(
        rx["allergy_override_reason"],
        "Mild rash only; benefits outweigh"
    );
    let audited = c
        .app
        .scalar(&format!(
            "SELECT new_values->>'allergy_override_reason' FROM audit_log
             WHERE table_name = 'prescriptions' AND action = 'insert' AND record_id = {}",
            rx["id"]
        ))
        .await
        .unwrap();
    assert_eq!(audited, "Mild rash only; benefits outweigh");
    // Inactive allergies are not checked.
    let summary = c.summary(&c.doctor).await;
    let allergy = summary["allergies"][0]["id"].as_i64().unwrap();
    json_of(
        c.app
            .send_as(
                &c.doctor,
                Method::PATCH,
                &format!("/allergies/{allergy}"),
                &json!({"active": false}),
            )
            .await,
        200,
    )
    .await;
    let record = created["id"].as_i64().unwrap();
    let path = format!("/medical-records/{record}/prescriptions");
    json_of(
        c.app
            .send_as(&c.doctor, Method::POST, &path, &ibuprofen())
            .await,
        201,
    )
    .await;
}

#[tokio::test]
async fn an_addendum_appends_a_version_with_its_reason_and_history() {
    let c = clinic().await;
    c.check_in().await;
    let created = json_of(
        c.write(&c.doctor, json!({"diagnosis": "Influenza"})).await,
        201,
    )
    .await;
    assert_eq!(created["version"], 1);
    let id = created["id"].as_i64().unwrap();
    let path = format!("/medical-records/{id}/addenda");
    let problem = json_of(
        c.app
            .send_as(
                &c.doctor,
                Method::POST,
                &path,
                &json!({"diagnosis": "COVID-19"}),
            )
            .await,
        422,
    )
    .await;
    assert_eq!(field_names(&problem), ["reason"]);
    assert_problem(
        c.app
            .send_as(
                &c.colleague,
                Method::POST,
                &path,
                &json!({"reason": "PCR", "diagnosis": "COVID-19"}),
            )
            .await,
        403,
        "forbidden",
    )
    .await;
    let body =
        json!({"reason": "PCR positive", "diagnosis": "COVID-19", "note": "Called the patient."});
    let amended = json_of(
        c.app.send_as(&c.doctor, Method::POST, &path, &body).await,
        201,
    )
    .await;
    assert_eq!(amended["version"], 2);
    assert_eq!(amended["diagnosis"], "COVID-19");
    let addendum = &amended["addenda"][0];
    assert_eq!(addendum["version"], 2);
    assert_eq!(addendum["reason"], "PCR positive");
    assert_eq!(addendum["author_id"], c.doctor.user_id);
    assert_eq!(
        addendum["changes"],
        json!([{"field": "diagnosis", "before": "Influenza", "after": "COVID-19"}])
    );
    // PATCH is routed through addenda too (reason optional there).
    let patched = json_of(
        c.app
            .send_as(
                &c.doctor,
                Method::PATCH,
                &format!("/medical-records/{id}"),
                &json!({"notes": "Isolate 5 days"}),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(patched["version"], 3);
    // The history is read back by the patient too.
    let read = json_of(
        c.app
            .get_as(&c.patient, &format!("/medical-records/{id}"))
            .await,
        200,
    )
    .await;
    let versions: Vec<_> = read["addenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [2, 3]);
    let audited = c
        .app
        .scalar("SELECT count(*) FROM audit_log WHERE table_name = 'record_addenda' AND action = 'insert'")
        .await
        .unwrap();
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn results_and_vitals_are_flagged_from_their_ranges() {
    let c = clinic().await;
    c.check_in().await;
    let body = json!({
        "test_results": [
            {"name": "HbA1c", "value": 7.2, "unit": "%", "reference_range": "4.0-5.6", "flag": "normal"},
            {"name": "K", "value": 4.2, "reference_low": 3.5, "reference_high": 5.1}
        ],
        "vitals": {"systolic_mmhg": 150, "diastolic_mmhg": 95, "pulse_bpm": 72, "spo2_percent": 88}
    });
    let created = json_of(c.write(&c.doctor, body).await, 201).await;
    assert_eq!(created["test_results"][0]["flag"], "high");
    assert_eq!(created["test_results"][0]["reference_high"], 5.6);
    assert_eq!(created["test_results"][1]["flag"], "normal");
    let summary = c.summary(&c.patient).await;
    let readings = &summary["latest_vitals"]["readings"];
    assert_eq!(readings[0]["key"], "systolic_mmhg");
    assert_eq!(readings[0]["flag"], "high");
    assert_eq!(readings[0]["unit"], "mmHg");
    assert_eq!(readings[3]["flag"], "critical");
    let problem = json_of(
        c.write(&c.doctor, json!({"vitals": {"pulse_bpm": 900}}))
            .await,
        422,
    )
    .await;
    assert_eq!(field_names(&problem), ["vitals.pulse_bpm"]);
}

#[tokio::test]
async fn the_chart_summary_lists_active_medications_problems_and_allergies_per_role() {
    let c = clinic().await;
    c.check_in().await;
    c.note_allergy("Penicillin").await;
    let mut course = ibuprofen();
    course["duration_days"] = json!(5);
    let body = json!({"diagnosis": "Sprain", "prescriptions": [course]});
    json_of(c.write(&c.doctor, body).await, 201).await;
    let path = format!("/patients/{}/problems", c.patient_id());
    let problem = json_of(
        c.app
            .send_as(
                &c.colleague,
                Method::POST,
                &path,
                &json!({"condition": "Asthma", "onset_date": "2020-05-01"}),
            )
            .await,
        201,
    )
    .await;
    assert_eq!(problem["status"], "active");
    let summary = c.summary(&c.patient).await;
    assert_eq!(summary["allergies"][0]["substance"], "Penicillin");
    assert_eq!(summary["problems"][0]["condition"], "Asthma");
    assert_eq!(
        summary["active_medications"][0]["medication_name"],
        "Ibuprofen"
    );
    assert_eq!(summary["active_medications"][0]["duration_days"], 5);
    let reads = c
        .app
        .scalar("SELECT count(*) FROM audit_log WHERE table_name = 'allergies' AND action = 'read'")
        .await
        .unwrap();
    assert_eq!(reads, 1);
    // Staff never; another patient is told nothing exists; patients never write.
    let summary_path = format!("/patients/{}/chart-summary", c.patient_id());
    assert_problem(
        c.app.get_as(&c.staff, &summary_path).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        c.app
            .send_as(
                &c.patient,
                Method::POST,
                &path,
                &json!({"condition": "Self-diagnosed"}),
            )
            .await,
        403,
        "forbidden",
    )
    .await;
    let resolved = json_of(
        c.app
            .send_as(
                &c.doctor,
                Method::PATCH,
                &format!("/problems/{}", problem["id"]),
                &json!({"status": "resolved"}),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(resolved["status"], "resolved");
}

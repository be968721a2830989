//! Clinical content is for clinicians, and every read of PHI is audited: an admin reading the
//! audit log sees which clinical fields changed but never their values, cannot search by
//! value, and leaves a `read` row of their own; every endpoint that shows PHI writes its
//! `read` rows before it answers.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::clinical::{Clinic, clinic};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of};

/// Clinical values that must never reach an admin.
const SECRETS: [&str; 8] = [
    "Secretitis maxima",
    "Patient confided a secret",
    "SecretMarker-ANA",
    "Amended-Secretosis",
    "Zyprexecret",
    "13 mg-secret",
    "Take at secret midnight",
    "Hidden Pharmacy",
];

/// A record written on the checked-in visit, amended once, with one prescription; returns the
/// record's id.
async fn chart(c: &Clinic) -> i64 {
    c.check_in().await;
    let body = json!({"diagnosis": SECRETS[0], "notes": SECRETS[1],
        "test_results": [{"name": SECRETS[2], "value": "positive"}]});
    let record = json_of(c.write(&c.doctor, body).await, 201).await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/medical-records/{record}");
    let change = json!({"diagnosis": SECRETS[3]});
    json_of(
        c.app
            .send_as(&c.doctor, Method::PATCH, &path, &change)
            .await,
        200,
    )
    .await;
    let path = format!("/medical-records/{record}/prescriptions");
    let body = json!({"medication_name": SECRETS[4], "dose": SECRETS[5], "route": "oral",
        "frequency": "daily", "quantity": 10, "refills": 1, "instructions": SECRETS[6],
        "pharmacy_details": {"name": SECRETS[7]}});
    json_of(
        c.app.send_as(&c.doctor, Method::POST, &path, &body).await,
        201,
    )
    .await;
    record
}

fn assert_no_secret(body: &Value) {
    let text = body.to_string();
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret:?} leaked: {text}");
    }
}

async fn read_rows(app: &TestApp, table: &str, record_id: i64, reader: &TestUser) -> i64 {
    app.scalar(&format!(
        "SELECT count(*) FROM audit_log WHERE action = 'read' AND table_name = '{table}'
         AND record_id = {record_id} AND changed_by = {}",
        reader.user_id
    ))
    .await
    .unwrap()
    .as_i64()
    .unwrap()
}

#[tokio::test]
async fn an_admin_sees_which_clinical_fields_changed_but_no_diagnosis_notes_results_or_medication()
{
    let c = clinic().await;
    let record = chart(&c).await;
    let admin = c.app.user(Role::Admin, "ada").await;

    let records = json_of(
        c.app
            .get_as(&admin, "/audit-log?table_name=medical_records")
            .await,
        200,
    )
    .await;
    assert_no_secret(&records);
    let writes: Vec<&Value> = records["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] != "read")
        .collect();
    let actions: Vec<&str> = writes
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["update", "insert"], "{records}");
    let (update, insert) = (writes[0], writes[1]);
    assert_eq!(insert["record_id"], record);
    for field in ["diagnosis", "notes", "test_results"] {
        assert_eq!(insert["new_values"][field], "[redacted]", "{insert}");
    }
    // Metadata stays readable: whose chart, which visit.
    assert_eq!(
        insert["new_values"]["patient_id"],
        c.patient.patient_id.unwrap()
    );
    assert_eq!(insert["new_values"]["appointment_id"], c.appointment_id);
    // The amendment shows that the diagnosis changed and the notes did not.
    assert_eq!(update["old_values"]["diagnosis"], "[redacted]");
    assert_eq!(update["new_values"]["diagnosis"], "[redacted: changed]");
    assert_eq!(update["old_values"]["notes"], "[redacted]");
    assert_eq!(update["new_values"]["notes"], "[redacted]");

    let prescriptions = json_of(
        c.app
            .get_as(&admin, "/audit-log?table_name=prescriptions&action=insert")
            .await,
        200,
    )
    .await;
    assert_no_secret(&prescriptions);
    let issued = &prescriptions["items"][0]["new_values"];
    for field in [
        "medication_name",
        "dose",
        "instructions",
        "pharmacy_details",
    ] {
        assert_eq!(issued[field], "[redacted]", "{issued}");
    }
    assert_eq!(issued["record_id"], record);

    // Unfiltered, paged to the end: nothing anywhere in the log.
    let everything = json_of(c.app.get_as(&admin, "/audit-log?per_page=100").await, 200).await;
    assert_no_secret(&everything);

    // The rows themselves keep the values the hash chain covers.
    let stored = c
        .app
        .scalar(&format!(
            "SELECT new_values->>'diagnosis' FROM audit_log WHERE table_name = 'medical_records'
             AND record_id = {record} AND action = 'insert'"
        ))
        .await;
    assert_eq!(stored, Some(json!(SECRETS[0])));
}

#[tokio::test]
async fn the_audit_log_cannot_be_searched_by_a_withheld_value() {
    let c = clinic().await;
    chart(&c).await;
    let admin = c.app.user(Role::Admin, "ada").await;
    let total = |body: Value| body["total"].as_i64().unwrap();
    let plain = json_of(
        c.app
            .get_as(
                &admin,
                "/audit-log?table_name=medical_records&action=insert",
            )
            .await,
        200,
    )
    .await;
    for probe in [
        "new_values=Secretitis",
        "diagnosis=Secretitis%20maxima",
        "new_values.diagnosis=Secretitis%20maxima",
        "q=Secretitis",
        "old_values=%7B%7D",
    ] {
        let probed = json_of(
            c.app
                .get_as(
                    &admin,
                    &format!("/audit-log?table_name=medical_records&action=insert&{probe}"),
                )
                .await,
            200,
        )
        .await;
        assert_eq!(total(probed.clone()), total(plain.clone()), "{probe}");
        assert_no_secret(&probed);
    }
}

#[tokio::test]
async fn clinicians_read_values_in_the_chart_and_never_through_the_audit_log() {
    let c = clinic().await;
    let record = chart(&c).await;
    for who in [&c.doctor, &c.colleague, &c.staff, &c.patient] {
        assert_problem(
            c.app
                .get_as(who, "/audit-log?table_name=medical_records")
                .await,
            403,
            "forbidden",
        )
        .await;
    }
    let seen = json_of(
        c.app
            .get_as(&c.doctor, &format!("/medical-records/{record}"))
            .await,
        200,
    )
    .await;
    assert_eq!(seen["diagnosis"], SECRETS[3]);
    assert_eq!(
        read_rows(&c.app, "medical_records", record, &c.doctor).await,
        1
    );
}

#[tokio::test]
async fn every_read_of_the_audit_log_is_itself_audited_and_visible_afterwards() {
    let c = clinic().await;
    chart(&c).await;
    let admin = c.app.user(Role::Admin, "ada").await;
    let first = json_of(
        c.app
            .get_as(&admin, "/audit-log?table_name=medical_records&per_page=5")
            .await,
        200,
    )
    .await;
    let shown: Vec<i64> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(!shown.is_empty());

    let reads = json_of(
        c.app
            .get_as(&admin, "/audit-log?table_name=audit_log&action=read")
            .await,
        200,
    )
    .await;
    // This second read is recorded after it is answered, so it shows only the first.
    assert_eq!(reads["total"], 1, "{reads}");
    let row = &reads["items"][0];
    assert_eq!(row["changed_by"], admin.user_id);
    assert_eq!(row["changed_by_username"], "ada");
    assert_eq!(row["record_id"], shown[0]);
    assert_eq!(row["new_values"]["filter"]["table_name"], "medical_records");
    assert_eq!(row["new_values"]["per_page"], 5);
    assert_eq!(row["new_values"]["log_ids"], json!(shown));

    // An empty page is a read too; and the reads so far are now visible themselves.
    json_of(
        c.app
            .get_as(&admin, "/audit-log?from=2999-01-01T00:00:00Z")
            .await,
        200,
    )
    .await;
    let count = c
        .app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'audit_log' AND action = 'read'
             AND changed_by = {}",
            admin.user_id
        ))
        .await;
    assert_eq!(count, Some(json!(3)));
}

#[tokio::test]
async fn each_endpoint_that_shows_phi_records_who_read_what() {
    let c = clinic().await;
    let app = &c.app;
    let patient = i64::from(c.patient.patient_id.unwrap());
    let gp = c.colleague.doctor_id.unwrap();
    let specialist = c.doctor.doctor_id.unwrap();
    app.exec(&format!(
        "INSERT INTO insurances (patient_id, provider_name, policy_number, holder_name, holder_relationship, valid_from)
            VALUES ({patient}, 'Acme', 'P-1', 'Pat', 'self', '2024-01-01');
         INSERT INTO patient_emergency_contacts (patient_id, name, relationship, phone_number, priority)
            VALUES ({patient}, 'Bob', 'brother', '555 0100', 1);
         INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason)
            VALUES ({patient}, {gp}, {specialist}, 'suspected secret condition');"
    ))
    .await;
    let insurance = app
        .scalar("SELECT max(insurance_id) FROM insurances")
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    let approval = app
        .scalar("SELECT max(approval_id) FROM specialist_approvals")
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    let staff = &c.staff;
    let user_id = c.patient.user_id;
    let visit = c.appointment_id;
    let reads: [(&str, &str, i64); 12] = [
        ("/patients", "patients", patient),
        ("/patients/{p}", "patients", patient),
        ("/users/{u}/demographics", "demographics", user_id.into()),
        ("/patients/{p}/insurances", "insurances", insurance),
        ("/insurances/{i}", "insurances", insurance),
        (
            "/patients/{p}/emergency-contacts",
            "patient_emergency_contacts",
            patient,
        ),
        ("/patients/{p}/doctors", "patient_doctors", patient),
        ("/appointments", "appointments", visit),
        ("/appointments/{a}", "appointments", visit),
        ("/specialist-approvals", "specialist_approvals", approval),
        (
            "/specialist-approvals/{s}",
            "specialist_approvals",
            approval,
        ),
        ("/appointments?patient_id={p}", "appointments", visit),
    ];
    for (template, table, id) in reads {
        let path = template
            .replace("{p}", &patient.to_string())
            .replace("{u}", &user_id.to_string())
            .replace("{i}", &insurance.to_string())
            .replace("{a}", &visit.to_string())
            .replace("{s}", &approval.to_string());
        let before = read_rows(app, table, id, staff).await;
        json_of(app.get_as(staff, &path).await, 200).await;
        assert_eq!(
            read_rows(app, table, id, staff).await,
            before + 1,
            "GET {path} records one read of {table} {id}"
        );
    }

    // The patient's own reads are recorded as theirs; a refused read records nothing.
    json_of(
        app.get_as(&c.patient, &format!("/patients/{patient}"))
            .await,
        200,
    )
    .await;
    assert_eq!(read_rows(app, "patients", patient, &c.patient).await, 1);
    let stranger = app.user(Role::Doctor, "cuddy").await;
    assert_problem(
        app.get_as(&stranger, &format!("/patients/{patient}")).await,
        404,
        "not_found",
    )
    .await;
    let by_stranger = app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'read' AND changed_by = {}",
            stranger.user_id
        ))
        .await;
    assert_eq!(by_stranger, Some(json!(0)));

    // An admin sees those reads in the log, and not the referral's reason.
    let admin = app.user(Role::Admin, "ada").await;
    let log = json_of(
        app.get_as(
            &admin,
            &format!("/audit-log?table_name=patients&record_id={patient}&action=read"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(log["total"], 3, "{log}");
    let approvals = json_of(
        app.get_as(&admin, "/audit-log?table_name=specialist_approvals")
            .await,
        200,
    )
    .await;
    assert!(!approvals.to_string().contains("suspected secret condition"));
}

#[tokio::test]
async fn a_page_of_patients_is_one_read_row_per_patient_shown() {
    let c = clinic().await;
    let app = &c.app;
    for name in ["bea", "cal", "dee"] {
        app.user(Role::Patient, name).await;
    }
    let page = json_of(app.get_as(&c.staff, "/patients?per_page=3").await, 200).await;
    let shown: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(shown.len(), 3);
    let recorded = app
        .scalar(&format!(
            "SELECT array_agg(record_id ORDER BY record_id) FROM audit_log
             WHERE action = 'read' AND table_name = 'patients' AND changed_by = {}",
            c.staff.user_id
        ))
        .await
        .unwrap();
    let mut expected = shown.clone();
    expected.sort_unstable();
    assert_eq!(recorded, json!(expected));
}

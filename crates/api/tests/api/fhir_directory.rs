//! FHIR PractitionerRole, Organization, Coverage, CareTeam, Invoice and AuditEvent: reads and
//! searches, the status maps and money, and who may read what (as the REST API answers).

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::billing::bill;
use crate::helpers::{TestApp, TestUser, json_of, spawn_app};

/// The due date of the bills made here: far off, so none falls overdue.
const DUE: &str = "2099-01-01";

/// `GET /fhir/R4{path}` as `user`: the status and the body.
async fn fhir(app: &TestApp, user: &TestUser, path: &str) -> (u16, Value) {
    let response = app
        .request(Method::GET, &format!("/fhir/R4/{path}"))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(
        content_type.as_deref(),
        Some("application/fhir+json"),
        "{path}: {body}"
    );
    (status, body)
}

/// The resource of a 200 read.
async fn read(app: &TestApp, user: &TestUser, path: &str) -> Value {
    let (status, body) = fhir(app, user, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// The searchset of a 200 search.
async fn search(app: &TestApp, user: &TestUser, path: &str) -> Value {
    let bundle = read(app, user, path).await;
    assert_eq!(bundle["resourceType"], "Bundle", "{bundle}");
    assert_eq!(bundle["type"], "searchset");
    bundle
}

/// A numeric id as FHIR writes it: a string.
fn fhir_id(id: i64) -> Value {
    Value::String(id.to_string())
}

/// The resources a searchset matched.
fn matches(bundle: &Value) -> Vec<Value> {
    bundle["entry"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["search"]["mode"] == "match")
                .map(|e| e["resource"].clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Asserts an OperationOutcome with `status`.
async fn assert_outcome(app: &TestApp, user: &TestUser, path: &str, status: u16) -> Value {
    let (actual, body) = fhir(app, user, path).await;
    assert_eq!(actual, status, "{path}: {body}");
    assert_eq!(body["resourceType"], "OperationOutcome", "{path}: {body}");
    assert_eq!(body["issue"][0]["severity"], "error");
    body
}

async fn office(app: &TestApp, name: &str) -> i64 {
    app.exec(&format!(
        "INSERT INTO offices (name, address_line1, city, country) VALUES ('{name}', '1 Main St', 'Town', 'US')"
    ))
    .await;
    app.scalar(&format!(
        "SELECT office_id FROM offices WHERE name = '{name}'"
    ))
    .await
    .unwrap()
    .as_i64()
    .unwrap()
}

#[tokio::test]
async fn a_practitioner_role_has_the_specialty_offices_and_week_and_the_clinic_is_the_organization()
{
    let app = spawn_app().await;
    let alice = app.user(Role::Patient, "alice").await;
    let house = app.user(Role::Doctor, "house").await.doctor_id.unwrap();
    let other = app.user(Role::Doctor, "wilson").await.doctor_id.unwrap();
    let (north, south) = (office(&app, "North").await, office(&app, "South").await);
    app.exec(&format!(
        "INSERT INTO doctor_offices (doctor_id, office_id) VALUES ({house}, {north}), ({house}, {south}), ({other}, {south});
         INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time) VALUES
           ({house}, {north}, 1, '09:00', '12:30'), ({house}, {north}, 3, '09:00', '12:30'),
           ({house}, {south}, 2, '13:00', '17:00')"
    ))
    .await;

    let role = read(&app, &alice, &format!("PractitionerRole/{house}")).await;
    assert_eq!(role["resourceType"], "PractitionerRole");
    assert_eq!(role["id"], house.to_string());
    assert_eq!(role["active"], true);
    assert_eq!(
        role["practitioner"]["reference"],
        format!("Practitioner/{house}")
    );
    assert_eq!(role["organization"]["reference"], "Organization/clinic");
    assert_eq!(role["specialty"][0]["text"], "Family Medicine");
    assert_eq!(
        role["specialty"][0]["coding"][0]["system"],
        "urn:clinic:specialty"
    );
    assert_eq!(role["specialty"][0]["coding"][0]["code"], "1");
    let locations: Vec<&str> = role["location"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["reference"].as_str().unwrap())
        .collect();
    assert_eq!(
        locations,
        [format!("Location/{north}"), format!("Location/{south}")]
    );
    let times = role["availableTime"].as_array().unwrap();
    assert_eq!(times.len(), 2, "{times:?}");
    assert_eq!(times[0]["daysOfWeek"], json!(["mon", "wed"]));
    assert_eq!(times[0]["availableStartTime"], "09:00:00");
    assert_eq!(times[0]["availableEndTime"], "12:30:00");
    assert_eq!(
        times[0]["extension"][0]["valueReference"]["reference"],
        format!("Location/{north}")
    );
    assert_eq!(times[1]["daysOfWeek"], json!(["tue"]));
    assert_eq!(times[1]["availableStartTime"], "13:00:00");

    let ids = |bundle: &Value| -> Vec<String> {
        matches(bundle)
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let at_north = search(
        &app,
        &alice,
        &format!("PractitionerRole?location=Location/{north}"),
    )
    .await;
    assert_eq!(ids(&at_north), [house.to_string()]);
    let at_south = search(&app, &alice, &format!("PractitionerRole?location={south}")).await;
    assert_eq!(at_south["total"], 2);
    let by_doctor = search(
        &app,
        &alice,
        &format!(
            "PractitionerRole?practitioner=Practitioner/{other}&specialty=urn:clinic:specialty|1"
        ),
    )
    .await;
    assert_eq!(ids(&by_doctor), [other.to_string()]);
    let none = search(&app, &alice, "PractitionerRole?specialty=999").await;
    assert_eq!(none["total"], 0);
    assert_outcome(&app, &alice, "PractitionerRole/999999", 404).await;

    let clinic = read(&app, &alice, "Organization/clinic").await;
    assert_eq!(clinic["id"], "clinic");
    assert_eq!(clinic["name"], "Clinic");
    assert_eq!(clinic["active"], true);
    assert_eq!(clinic["type"][0]["coding"][0]["code"], "prov");
    assert_outcome(&app, &alice, "Organization/1", 404).await;
    assert_outcome(&app, &alice, "Organization/acme", 404).await;
    let found = search(&app, &alice, "Organization?name=cli").await;
    assert_eq!(found["total"], 1);
    assert_eq!(matches(&found)[0]["id"], "clinic");
    let by_id = search(&app, &alice, "Organization?_id=clinic").await;
    assert_eq!(by_id["total"], 1);
    let none = search(&app, &alice, "Organization?name=hospital").await;
    assert_eq!(none["total"], 0);
}

async fn add_policy(app: &TestApp, staff: &TestUser, patient_id: i32, body: &Value) -> i64 {
    let created = json_of(
        app.send_as(
            staff,
            Method::POST,
            &format!("/patients/{patient_id}/insurances"),
            body,
        )
        .await,
        201,
    )
    .await;
    created["id"]
        .as_i64()
        .or_else(|| created["insurance_id"].as_i64())
        .unwrap_or_else(|| panic!("no id in {created}"))
}

#[tokio::test]
async fn coverage_shows_a_patients_policies_to_them_and_hides_them_from_others() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let a = alice.patient_id.unwrap();
    let own = add_policy(
        &app,
        &staff,
        a,
        &json!({
            "provider_name": "Acme Health", "policy_number": "P-100", "group_number": "G-7",
            "holder_name": "Alice Smith", "holder_relationship": "self",
            "valid_from": "2024-01-01", "valid_to": null
        }),
    )
    .await;
    let spouse = add_policy(
        &app,
        &staff,
        a,
        &json!({
            "provider_name": "Beta Care", "policy_number": "P-200",
            "holder_name": "Sam Smith", "holder_relationship": "spouse",
            "valid_from": "2020-01-01", "valid_to": "2022-12-31"
        }),
    )
    .await;
    app.exec(&format!(
        "UPDATE insurances SET is_active = false WHERE insurance_id = {spouse}"
    ))
    .await;

    let coverage = read(&app, &alice, &format!("Coverage/{own}")).await;
    assert_eq!(coverage["resourceType"], "Coverage");
    assert_eq!(coverage["status"], "active");
    assert_eq!(coverage["beneficiary"]["reference"], format!("Patient/{a}"));
    assert_eq!(coverage["subscriber"]["reference"], format!("Patient/{a}"));
    assert_eq!(coverage["subscriberId"], "P-100");
    assert_eq!(coverage["identifier"][0]["system"], "urn:clinic:policy");
    assert_eq!(coverage["identifier"][0]["value"], "P-100");
    assert_eq!(coverage["payor"], json!([{"display": "Acme Health"}]));
    assert_eq!(coverage["class"][0]["value"], "G-7");
    assert_eq!(coverage["class"][0]["type"]["coding"][0]["code"], "group");
    assert_eq!(coverage["relationship"]["coding"][0]["code"], "self");
    assert_eq!(coverage["period"], json!({"start": "2024-01-01"}));

    let theirs = search(&app, &alice, &format!("Coverage?patient=Patient/{a}")).await;
    assert_eq!(theirs["total"], 2);
    let old = matches(&theirs)
        .into_iter()
        .find(|c| c["id"] == fhir_id(spouse))
        .unwrap();
    assert_eq!(old["status"], "cancelled");
    assert_eq!(old["subscriber"], json!({"display": "Sam Smith"}));
    assert_eq!(old["relationship"]["coding"][0]["code"], "spouse");
    assert_eq!(
        old["period"],
        json!({"start": "2020-01-01", "end": "2022-12-31"})
    );
    let by_beneficiary = search(&app, &staff, &format!("Coverage?beneficiary={a}&_id={own}")).await;
    assert_eq!(by_beneficiary["total"], 1);
    assert_eq!(matches(&by_beneficiary)[0]["id"], own.to_string());

    // Another patient neither reads nor finds them; the search needs its patient.
    assert_outcome(&app, &bob, &format!("Coverage/{own}"), 404).await;
    assert_outcome(&app, &bob, &format!("Coverage?patient={a}"), 404).await;
    assert_outcome(&app, &alice, "Coverage", 400).await;
}

#[tokio::test]
async fn a_care_team_codes_the_primary_doctor_and_only_its_patient_and_staff_read_it() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let a = alice.patient_id.unwrap();
    let house = app.user(Role::Doctor, "house").await.doctor_id.unwrap();
    let wilson = app.user(Role::Doctor, "wilson").await.doctor_id.unwrap();
    for (doctor, path) in [(house, "/primary-doctor"), (wilson, "/doctors")] {
        let method = if path == "/doctors" {
            Method::POST
        } else {
            Method::PUT
        };
        let response = app
            .send_as(
                &staff,
                method,
                &format!("/patients/{a}{path}"),
                &json!({"doctor_id": doctor}),
            )
            .await;
        assert!(response.status().is_success(), "{path}");
    }

    let team = read(&app, &alice, &format!("CareTeam/{a}")).await;
    assert_eq!(team["resourceType"], "CareTeam");
    assert_eq!(team["id"], a.to_string());
    assert_eq!(team["status"], "active");
    assert_eq!(team["subject"]["reference"], format!("Patient/{a}"));
    let members = team["participant"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(
        members[0]["member"]["reference"],
        format!("Practitioner/{house}")
    );
    assert_eq!(
        members[0]["role"][0]["coding"][0],
        json!({"system": "http://snomed.info/sct", "code": "446050000", "display": "Primary care physician"})
    );
    assert_eq!(
        members[1]["member"]["reference"],
        format!("Practitioner/{wilson}")
    );
    assert!(members[1]["role"][0]["coding"].is_null());
    assert!(
        members[1]["role"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Doctor")
    );

    let found = search(&app, &staff, &format!("CareTeam?patient=Patient/{a}")).await;
    assert_eq!(found["total"], 1);
    assert_eq!(matches(&found)[0], team);
    let other_id = search(&app, &alice, &format!("CareTeam?patient={a}&_id={}", a + 1)).await;
    assert_eq!(other_id["total"], 0);

    assert_outcome(&app, &bob, &format!("CareTeam/{a}"), 404).await;
    assert_outcome(&app, &bob, &format!("CareTeam?patient={a}"), 404).await;
    assert_outcome(&app, &alice, "CareTeam", 400).await;
}

#[tokio::test]
async fn invoices_show_the_payment_state_and_money_to_their_patient_and_the_desk_only() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let a = alice.patient_id.unwrap();
    let owed = bill(&app, &alice, &doctor, "120.00", DUE).await;
    let paid = bill(&app, &alice, &doctor, "50.00", DUE).await;
    let void = bill(&app, &alice, &doctor, "80.00", DUE).await;
    for (id, action, body) in [
        (
            owed,
            "payments",
            json!({"amount": "20.50", "method": "cash"}),
        ),
        (
            paid,
            "payments",
            json!({"amount": "50.00", "method": "cash"}),
        ),
        (void, "void", json!({"reason": "billed twice"})),
    ] {
        let response = app
            .send_as(
                &staff,
                Method::POST,
                &format!("/bills/{id}/{action}"),
                &body,
            )
            .await;
        assert!(response.status().is_success(), "{id} {action}");
    }

    let invoice = read(&app, &alice, &format!("Invoice/{owed}")).await;
    assert_eq!(invoice["resourceType"], "Invoice");
    assert_eq!(invoice["status"], "issued");
    assert_eq!(invoice["subject"]["reference"], format!("Patient/{a}"));
    assert_eq!(invoice["identifier"][0]["system"], "urn:clinic:invoice");
    let number = invoice["identifier"][0]["value"].as_str().unwrap();
    assert!(
        number.starts_with("INV-") && number.len() == "INV-2026-000001".len(),
        "{number}"
    );
    assert_eq!(
        invoice["totalNet"],
        json!({"value": 120.0, "currency": "USD"})
    );
    assert_eq!(
        invoice["totalGross"],
        json!({"value": 120.0, "currency": "USD"})
    );
    assert_eq!(
        invoice["lineItem"][0]["priceComponent"][0],
        json!({"type": "base", "amount": {"value": 120.0, "currency": "USD"}})
    );
    assert_eq!(invoice["paymentTerms"], "Due 2099-01-01");
    assert_eq!(invoice["issuer"]["reference"], "Organization/clinic");
    assert!(invoice["date"].as_str().unwrap().ends_with('Z'));
    let extension = |url: &str| -> Value {
        invoice["extension"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["url"] == url)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        extension("urn:clinic:fhir:StructureDefinition:invoice-payment-status")["valueCode"],
        "partially_paid"
    );
    assert_eq!(
        extension("urn:clinic:fhir:StructureDefinition:invoice-amount-paid")["valueMoney"],
        json!({"value": 20.5, "currency": "USD"})
    );
    assert_eq!(
        extension("urn:clinic:fhir:StructureDefinition:invoice-balance")["valueMoney"],
        json!({"value": 99.5, "currency": "USD"})
    );

    let all = search(&app, &alice, &format!("Invoice?patient=Patient/{a}")).await;
    assert_eq!(all["total"], 3);
    let status_of = |id: i64| {
        matches(&all)
            .into_iter()
            .find(|i| i["id"] == fhir_id(id))
            .map(|i| (i["status"].clone(), i["cancelledReason"].clone()))
            .unwrap()
    };
    assert_eq!(status_of(paid), (json!("balanced"), Value::Null));
    assert_eq!(status_of(void), (json!("cancelled"), json!("billed twice")));
    for (status, id) in [("issued", owed), ("balanced", paid), ("cancelled", void)] {
        let found = search(
            &app,
            &staff,
            &format!("Invoice?patient={a}&status={status}"),
        )
        .await;
        assert_eq!(found["total"], 1, "{status}");
        assert_eq!(matches(&found)[0]["id"], id.to_string(), "{status}");
    }
    let none = search(&app, &staff, &format!("Invoice?patient={a}&status=draft")).await;
    assert_eq!(none["total"], 0);
    let by_id = search(&app, &alice, &format!("Invoice?patient={a}&_id={paid}")).await;
    assert_eq!(by_id["total"], 1);
    let dated = search(
        &app,
        &alice,
        &format!("Invoice?patient={a}&date=ge2000-01-01&date=lt2999-01-01"),
    )
    .await;
    assert_eq!(dated["total"], 3);
    let before = search(
        &app,
        &alice,
        &format!("Invoice?patient={a}&date=lt2000-01-01"),
    )
    .await;
    assert_eq!(before["total"], 0);

    // Another patient is told there is no such bill; doctors never see bills.
    assert_outcome(&app, &bob, &format!("Invoice/{owed}"), 404).await;
    assert_outcome(&app, &bob, &format!("Invoice?patient={a}"), 404).await;
    assert_outcome(&app, &doctor, &format!("Invoice/{owed}"), 403).await;
    assert_outcome(&app, &doctor, &format!("Invoice?patient={a}"), 403).await;
    assert_outcome(&app, &alice, "Invoice", 400).await;
}

#[tokio::test]
async fn audit_events_are_for_admins_and_never_hold_old_or_new_values() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let a = alice.patient_id.unwrap();
    let policy = add_policy(
        &app,
        &staff,
        a,
        &json!({
            "provider_name": "Secret Insurer Ltd", "policy_number": "SECRET-POLICY-4242",
            "holder_name": "Alice Smith", "holder_relationship": "self",
            "valid_from": "2024-01-01", "valid_to": null
        }),
    )
    .await;
    let insert = app
        .scalar(&format!(
            "SELECT log_id FROM audit_log WHERE table_name = 'insurances' AND record_id = {policy} AND action = 'insert'"
        ))
        .await
        .expect("the insert is audited")
        .as_i64()
        .unwrap();

    let event = read(&app, &admin, &format!("AuditEvent/{insert}")).await;
    assert_eq!(event["resourceType"], "AuditEvent");
    assert_eq!(event["id"], insert.to_string());
    assert_eq!(event["action"], "C");
    assert_eq!(event["outcome"], "0");
    assert_eq!(
        event["type"]["system"],
        "http://terminology.hl7.org/CodeSystem/audit-event-type"
    );
    assert_eq!(event["type"]["code"], "rest");
    assert_eq!(event["subtype"][0]["code"], "create");
    assert_eq!(event["agent"][0]["requestor"], true);
    assert_eq!(event["agent"][0]["who"]["display"], "frontdesk");
    assert_eq!(
        event["agent"][0]["who"]["identifier"]["value"],
        staff.user_id.to_string()
    );
    assert_eq!(event["source"]["observer"]["display"], "Clinic");
    assert_eq!(
        event["entity"][0]["what"]["reference"],
        format!("Coverage/{policy}")
    );
    assert_eq!(
        event["entity"][1]["what"]["reference"],
        format!("Patient/{a}")
    );
    assert!(event["recorded"].as_str().unwrap().ends_with('Z'));

    let about_alice = search(
        &app,
        &admin,
        &format!("AuditEvent?patient=Patient/{a}&_count=100"),
    )
    .await;
    assert!(about_alice["total"].as_u64().unwrap() >= 1);
    assert!(
        matches(&about_alice)
            .iter()
            .any(|e| e["id"] == fhir_id(insert))
    );
    let since = search(&app, &admin, "AuditEvent?date=ge2000-01-01&_count=100").await;
    assert!(since["total"].as_u64().unwrap() >= 1);
    let before = search(&app, &admin, "AuditEvent?date=lt2000-01-01").await;
    assert_eq!(before["total"], 0);
    let by_id = search(&app, &admin, &format!("AuditEvent?_id={insert}")).await;
    assert_eq!(by_id["total"], 1);
    let by_agent = search(
        &app,
        &admin,
        &format!("AuditEvent?agent-name=frontd&_id={insert}"),
    )
    .await;
    assert_eq!(by_agent["total"], 1);
    assert_outcome(&app, &admin, "AuditEvent/999999", 404).await;

    // What the rows said never leaves: not the values, not the field names.
    for body in [&event, &about_alice, &since] {
        let text = body.to_string();
        for secret in [
            "SECRET-POLICY-4242",
            "Secret Insurer",
            "old_values",
            "new_values",
            "policy_number",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }

    for user in [&staff, &doctor, &alice] {
        assert_outcome(&app, user, "AuditEvent", 403).await;
        assert_outcome(&app, user, &format!("AuditEvent/{insert}"), 403).await;
    }
}

#[tokio::test]
async fn everything_gathers_policies_the_team_and_bills_and_leaves_out_what_a_doctor_may_not_read()
{
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let a = alice.patient_id.unwrap();
    add_policy(
        &app,
        &staff,
        a,
        &json!({
            "provider_name": "Acme Health", "policy_number": "P-1",
            "holder_name": "Alice Smith", "holder_relationship": "self",
            "valid_from": "2024-01-01", "valid_to": null
        }),
    )
    .await;
    let response = app
        .send_as(
            &staff,
            Method::PUT,
            &format!("/patients/{a}/primary-doctor"),
            &json!({"doctor_id": doctor.doctor_id.unwrap()}),
        )
        .await;
    assert!(response.status().is_success());
    let bill_id = bill(&app, &alice, &doctor, "120.00", DUE).await;

    let types = |bundle: &Value| -> Vec<String> {
        matches(bundle)
            .iter()
            .map(|r| r["resourceType"].as_str().unwrap().to_owned())
            .collect()
    };
    let own = search(&app, &alice, &format!("Patient/{a}/$everything")).await;
    assert_eq!(
        types(&own),
        [
            "Patient",
            "Appointment",
            "Encounter",
            "Coverage",
            "CareTeam",
            "Invoice"
        ]
    );
    assert_eq!(matches(&own)[5]["id"], fhir_id(bill_id));
    // The doctor treats Alice: her record without the bills, which doctors never see.
    let treating = search(&app, &doctor, &format!("Patient/{a}/$everything")).await;
    assert_eq!(
        types(&treating),
        [
            "Patient",
            "Appointment",
            "Encounter",
            "Coverage",
            "CareTeam"
        ]
    );
}

//! Patient and Appointment searches over the demo clinic, as a client (or an attacker) sends
//! them: strict and lenient handling, date prefixes, status map, `_include`, who finds whom.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{DemoClinic, entries, link};

fn starts(bundle: &Value) -> Vec<DateTime<Utc>> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["search"]["mode"] == "match")
        .map(|e| e["resource"]["start"].as_str().unwrap().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn unknown_parameters_are_refused_unless_handling_is_lenient() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    let (status, outcome) = clinic
        .get(&desk, "/Patient?family=a&colour=red&name:exact=x")
        .await;
    assert_eq!(status, 400);
    assert_eq!(outcome["resourceType"], "OperationOutcome");
    let named: Vec<&Value> = outcome["issue"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["expression"].get(0))
        .collect();
    assert_eq!(named, ["colour", "name:exact"]);

    let response = clinic
        .app
        .request(reqwest::Method::GET, "/fhir/R4/Patient?family=a&colour=red")
        .bearer_auth(&desk)
        .header("Prefer", "handling=lenient")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bundle: Value = response.json().await.unwrap();
    let own = link(&bundle, "self").unwrap();
    assert!(
        !own.contains("colour"),
        "the self link shows the parameters used: {own}"
    );
    assert!(own.contains("family=a"));
}

#[tokio::test]
async fn malformed_values_are_400_outcomes_never_500() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    for query in [
        "/Appointment?date=tomorrow",
        "/Appointment?date=ne2030-01-01",
        "/Appointment?_count=0",
        "/Appointment?_count=1000",
        "/Appointment?_page=-1",
        "/Appointment?status=booked,pending",
        "/Appointment?patient=1&patient=2",
        "/Appointment?_include=Appointment:owner",
        "/Patient?birthdate=1990-02-30",
        "/Patient?_format=xml",
        "/Patient?family=",
    ] {
        let (status, outcome) = clinic.get(&desk, query).await;
        assert_eq!(status, 400, "{query}: {outcome}");
        assert_eq!(outcome["resourceType"], "OperationOutcome", "{query}");
        assert_eq!(outcome["issue"][0]["code"], "invalid", "{query}");
    }
    // Ids no resource of ours can have name nothing (and say so), they do not fail.
    for query in [
        "/Patient/abc",
        "/Patient/007",
        "/Patient/-1",
        "/Unicorn/1",
        "/Unicorn",
    ] {
        let (status, outcome) = clinic.get(&desk, query).await;
        assert_eq!(status, 404, "{query}");
        assert_eq!(outcome["issue"][0]["code"], "not-found");
    }
    let (status, bundle) = clinic
        .get(&desk, "/Appointment?patient=Practitioner/1")
        .await;
    assert_eq!((status, bundle["total"].as_u64()), (200, Some(0)));
}

#[tokio::test]
async fn refusals_are_outcomes_with_the_rest_status() {
    let clinic = DemoClinic::start().await;
    let response = clinic.app.get("/fhir/R4/Patient").await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["issue"][0]["code"], "login");
    let posted = clinic
        .app
        .request(reqwest::Method::POST, "/fhir/R4/Patient")
        .bearer_auth(clinic.token("frontdesk").await)
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 405);
    assert_eq!(posted.headers()["content-type"], "application/fhir+json");
    let house = clinic.token("dr.house").await;
    let (status, outcome) = clinic.get(&house, "/Patient?gender=female").await;
    assert_eq!(
        status, 403,
        "a doctor may not read gender, so not search by it"
    );
    assert_eq!(outcome["issue"][0]["code"], "forbidden");
}

#[tokio::test]
async fn date_prefixes_bound_the_start() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    let (_, all) = clinic.get(&desk, "/Appointment?_count=100").await;
    let day = starts(&all)[all["entry"].as_array().unwrap().len() / 2]
        .date_naive()
        .to_string();
    let count = |query: String| {
        let clinic = &clinic;
        let desk = &desk;
        async move {
            let (status, bundle) = clinic.get(desk, &query).await;
            assert_eq!(status, 200, "{query}");
            bundle["total"].as_u64().unwrap()
        }
    };
    let on = count(format!("/Appointment?date={day}")).await;
    let from = count(format!("/Appointment?date=ge{day}")).await;
    let after = count(format!("/Appointment?date=gt{day}")).await;
    let through = count(format!("/Appointment?date=le{day}")).await;
    let before = count(format!("/Appointment?date=lt{day}")).await;
    let total = all["total"].as_u64().unwrap();
    assert!(on > 0, "a visit on {day}");
    assert_eq!(from, on + after);
    assert_eq!(through, before + on);
    assert_eq!(before + on + after, total);

    let (_, week) = clinic
        .get(
            &desk,
            &format!("/Appointment?date=ge{day}&date=lt{day}T23:59:59Z&_count=100"),
        )
        .await;
    let low: DateTime<Utc> = format!("{day}T00:00:00Z").parse().unwrap();
    let high: DateTime<Utc> = format!("{day}T23:59:59Z").parse().unwrap();
    assert!(starts(&week).iter().all(|s| *s >= low && *s < high));
}

#[tokio::test]
async fn statuses_map_one_to_one_and_search_by_the_fhir_code() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    let map = [
        ("scheduled", "pending"),
        ("confirmed", "booked"),
        ("checked_in", "checked-in"),
        ("completed", "fulfilled"),
        ("cancelled", "cancelled"),
        ("no_show", "noshow"),
    ];
    for (ours, fhir) in map {
        let stored = clinic
            .app
            .scalar(&format!(
                "SELECT count(*) FROM appointments WHERE status = '{ours}'"
            ))
            .await
            .and_then(|v| v.as_u64())
            .unwrap();
        let (_, bundle) = clinic
            .get(&desk, &format!("/Appointment?status={fhir}&_count=100"))
            .await;
        assert_eq!(bundle["total"].as_u64(), Some(stored), "{ours} → {fhir}");
        for entry in bundle["entry"].as_array().into_iter().flatten() {
            assert_eq!(entry["resource"]["status"], fhir);
        }
    }
}

#[tokio::test]
async fn includes_bring_the_patient_doctor_and_office_of_each_match() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    let (_, bundle) = clinic
        .get(
            &desk,
            "/Appointment?_count=5&_include=Appointment:patient&_include=Appointment:practitioner&_include=Appointment:location",
        )
        .await;
    let included: HashSet<String> = entries(&bundle, "include").into_iter().collect();
    let mut referenced = HashSet::new();
    for entry in bundle["entry"].as_array().unwrap() {
        if entry["search"]["mode"] == "match" {
            for participant in entry["resource"]["participant"].as_array().unwrap() {
                referenced.insert(
                    participant["actor"]["reference"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                );
            }
        }
    }
    assert_eq!(included, referenced);
    assert_eq!(
        bundle["total"].as_u64().unwrap() > 5,
        link(&bundle, "next").is_some()
    );
}

#[tokio::test]
async fn a_patient_finds_only_themself_and_a_doctor_only_whom_they_treat() {
    let clinic = DemoClinic::start().await;
    let alice = clinic.token("alice").await;
    let alice_id = clinic.patient_id("alice").await;
    let (status, own) = clinic.get(&alice, "/Patient").await;
    assert_eq!(status, 200);
    assert_eq!(entries(&own, "match"), [format!("Patient/{alice_id}")]);
    let (_, other) = clinic.get(&alice, "/Patient?_id=2").await;
    assert_eq!(other["total"], 0);
    let (_, visits) = clinic.get(&alice, "/Appointment?_count=100").await;
    for entry in visits["entry"].as_array().unwrap() {
        assert_eq!(
            entry["resource"]["participant"][0]["actor"]["reference"],
            format!("Patient/{alice_id}")
        );
    }

    let house = clinic.token("dr.house").await;
    let (_, fhir) = clinic.get(&house, "/Patient?_count=100").await;
    let rest: Value = clinic
        .app
        .request(reqwest::Method::GET, "/api/v1/patients?per_page=100")
        .bearer_auth(&house)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rest_ids: HashSet<String> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("Patient/{}", p["id"]))
        .collect();
    let fhir_ids: HashSet<String> = entries(&fhir, "match").into_iter().collect();
    assert_eq!(
        fhir_ids, rest_ids,
        "the doctor's FHIR search is his REST list"
    );
    // Demographics are not his to read: no gender, race or ethnicity on his copy.
    for entry in fhir["entry"].as_array().unwrap() {
        assert!(entry["resource"].get("gender").is_none());
        assert!(entry["resource"].get("extension").is_none());
    }
}

#[tokio::test]
async fn the_front_desk_sees_race_and_ethnicity_with_cdc_codes() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    let (_, bundle) = clinic.get(&desk, "/Patient?_count=100").await;
    let codes: HashSet<String> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            e["resource"]["extension"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .flat_map(|ext| ext["extension"].as_array().cloned().unwrap_or_default())
        .filter(|part| part["url"] == "ombCategory" || part["url"] == "detailed")
        .map(|part| {
            format!(
                "{}|{}",
                part["valueCoding"]["system"].as_str().unwrap(),
                part["valueCoding"]["code"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        codes
            .iter()
            .any(|c| c.starts_with("urn:oid:2.16.840.1.113883.6.238|")),
        "{codes:?}"
    );
    let female = clinic
        .get(&desk, "/Patient?gender=female&_count=100")
        .await
        .1;
    for entry in female["entry"].as_array().unwrap() {
        assert_eq!(entry["resource"]["gender"], "female");
    }
}

//! Access rules of patients, care teams, emergency contacts and insurances.
//!
//! In the world, the doctor treats {own_patient} (care team) and the other doctor treats
//! {other_patient}; the patient role is {own_patient}.

use reqwest::Method;
use serde_json::{Value, json};

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

fn new_patient() -> Value {
    json!({
        "username": "frontdesk.new",
        "email": "frontdesk.new@clinic.test",
        "first_name": "New",
        "last_name": "Patient",
        "dob": "1980-02-03"
    })
}

fn contacts() -> Value {
    json!([{
        "name": "Grace Hopper",
        "relationship": "aunt",
        "phone": {"number": "555-0100"},
        "priority": 1
    }])
}

fn insurance() -> Value {
    json!({
        "provider_name": "Other Health",
        "policy_number": "N-1",
        "holder_name": "Pat",
        "holder_relationship": "self",
        "valid_from": "2025-01-01"
    })
}

fn profile_rules() -> Vec<Rule> {
    let rename = || Some(json!({"first_name": "Renamed"}));
    vec![
        rule(Method::GET, "/patients", None, [Allow, Allow, Allow, F]),
        rule(
            Method::POST,
            "/patients",
            Some(new_patient()),
            [Allow, Allow, F, F],
        ),
        rule(Method::GET, "/patients/{own_patient}", None, [Allow; 4]),
        rule(
            Method::GET,
            "/patients/{other_patient}",
            None,
            [Allow, Allow, H, H],
        ),
        rule(Method::GET, "/patients/{missing}", None, [H, H, H, H]),
        rule(
            Method::PATCH,
            "/patients/{own_patient}",
            rename(),
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::PATCH,
            "/patients/{other_patient}",
            rename(),
            [Allow, Allow, F, H],
        ),
        rule(
            Method::GET,
            "/patients/{own_patient}/emergency-contacts",
            None,
            [Allow; 4],
        ),
        rule(
            Method::GET,
            "/patients/{other_patient}/emergency-contacts",
            None,
            [Allow, Allow, H, H],
        ),
        rule(
            Method::PUT,
            "/patients/{own_patient}/emergency-contacts",
            Some(contacts()),
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::PUT,
            "/patients/{other_patient}/emergency-contacts",
            Some(contacts()),
            [Allow, Allow, F, H],
        ),
    ]
}

fn care_team_rules() -> Vec<Rule> {
    let add = || Some(json!({"doctor_id": "{other_doctor}"}));
    let primary = || Some(json!({"doctor_id": "{own_doctor}"}));
    vec![
        rule(
            Method::GET,
            "/patients/{own_patient}/doctors",
            None,
            [Allow; 4],
        ),
        rule(
            Method::GET,
            "/patients/{other_patient}/doctors",
            None,
            [Allow, Allow, H, H],
        ),
        rule(
            Method::POST,
            "/patients/{own_patient}/doctors",
            add(),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/patients/{other_patient}/doctors",
            primary(),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::DELETE,
            "/patients/{own_patient}/doctors/{own_doctor_as_member}",
            None,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::DELETE,
            "/patients/{other_patient}/doctors/{other_doctor_as_member}",
            None,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::PUT,
            "/patients/{own_patient}/primary-doctor",
            primary(),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::PUT,
            "/patients/{other_patient}/primary-doctor",
            primary(),
            [Allow, Allow, F, F],
        ),
    ]
}

fn insurance_rules() -> Vec<Rule> {
    let deactivate = || Some(json!({"is_active": false}));
    vec![
        rule(
            Method::GET,
            "/patients/{own_patient}/insurances",
            None,
            [Allow; 4],
        ),
        rule(
            Method::GET,
            "/patients/{other_patient}/insurances",
            None,
            [Allow, Allow, H, H],
        ),
        rule(
            Method::POST,
            "/patients/{own_patient}/insurances",
            Some(insurance()),
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::POST,
            "/patients/{other_patient}/insurances",
            Some(insurance()),
            [Allow, Allow, F, H],
        ),
        rule(Method::GET, "/insurances/{own_insurance}", None, [Allow; 4]),
        rule(
            Method::GET,
            "/insurances/{other_insurance}",
            None,
            [Allow, Allow, H, H],
        ),
        rule(Method::GET, "/insurances/{missing}", None, [H, H, H, H]),
        rule(
            Method::PATCH,
            "/insurances/{own_insurance}",
            deactivate(),
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::PATCH,
            "/insurances/{other_insurance}",
            deactivate(),
            [Allow, Allow, F, H],
        ),
    ]
}

pub fn rules() -> Vec<Rule> {
    let mut rules = profile_rules();
    rules.extend(care_team_rules());
    rules.extend(insurance_rules());
    rules
}

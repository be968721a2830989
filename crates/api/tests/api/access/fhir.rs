//! Access rules of the FHIR API (`/fhir/R4/...`). The FHIR API is a second way to read the same
//! objects, so it must answer every role as the REST API does: each rule here has a REST twin in
//! [`MIRRORS`], and `fhir_answers_every_role_as_rest_does` sends both and compares.
//!
//! Searches differ from REST lists in one place by design: a patient searching `Patient` finds
//! themself (their own compartment) where `GET /patients` refuses them.

use reqwest::Method;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

/// A FHIR request and the REST request that shows the same thing.
pub const MIRRORS: &[(&str, &str)] = &[
    ("/fhir/R4/Patient/{own_patient}", "/patients/{own_patient}"),
    (
        "/fhir/R4/Patient/{other_patient}",
        "/patients/{other_patient}",
    ),
    ("/fhir/R4/Patient/{missing}", "/patients/{missing}"),
    (
        "/fhir/R4/Patient/{own_patient}/$everything",
        "/patients/{own_patient}",
    ),
    (
        "/fhir/R4/Patient/{other_patient}/$everything",
        "/patients/{other_patient}",
    ),
    ("/fhir/R4/Appointment", "/appointments"),
    (
        "/fhir/R4/Appointment/{own_appointment}",
        "/appointments/{own_appointment}",
    ),
    (
        "/fhir/R4/Appointment/{other_appointment}",
        "/appointments/{other_appointment}",
    ),
    (
        "/fhir/R4/Appointment?patient={own_patient}",
        "/appointments?patient_id={own_patient}",
    ),
    (
        "/fhir/R4/Appointment?patient={other_patient}",
        "/appointments?patient_id={other_patient}",
    ),
    ("/fhir/R4/Practitioner", "/doctors"),
    (
        "/fhir/R4/Practitioner/{own_doctor}",
        "/doctors/{own_doctor}",
    ),
    ("/fhir/R4/Practitioner/{missing}", "/doctors/{missing}"),
    ("/fhir/R4/Location", "/offices"),
    ("/fhir/R4/Location/{office}", "/offices/{office}"),
    ("/fhir/R4/Location/{missing}", "/offices/{missing}"),
];

pub fn rules() -> Vec<Rule> {
    let get = |path, expect| rule(Method::GET, path, None, expect);
    vec![
        get("/fhir/R4/Patient", [Allow; 4]),
        // Gender is a demographic: a doctor may not learn it by searching.
        get("/fhir/R4/Patient?gender=female", [Allow, Allow, F, Allow]),
        get("/fhir/R4/Patient/{own_patient}", [Allow; 4]),
        get("/fhir/R4/Patient/{other_patient}", [Allow, Allow, H, H]),
        get("/fhir/R4/Patient/{missing}", [H; 4]),
        get("/fhir/R4/Patient/{own_patient}/$everything", [Allow; 4]),
        get(
            "/fhir/R4/Patient/{other_patient}/$everything",
            [Allow, Allow, H, H],
        ),
        get("/fhir/R4/Appointment", [Allow; 4]),
        get("/fhir/R4/Appointment/{own_appointment}", [Allow; 4]),
        get(
            "/fhir/R4/Appointment/{other_appointment}",
            [Allow, Allow, H, H],
        ),
        get(
            "/fhir/R4/Appointment?patient={other_patient}",
            [Allow, Allow, Allow, H],
        ),
        get("/fhir/R4/Practitioner", [Allow; 4]),
        get("/fhir/R4/Practitioner/{own_doctor}", [Allow; 4]),
        get("/fhir/R4/Practitioner/{missing}", [H; 4]),
        get("/fhir/R4/Location", [Allow; 4]),
        get("/fhir/R4/Location/{office}", [Allow; 4]),
        get("/fhir/R4/Location/{missing}", [H; 4]),
    ]
}

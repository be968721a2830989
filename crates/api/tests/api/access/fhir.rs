//! Access rules of the FHIR API (`/fhir/R4/...`). The FHIR API is a second way to read the same
//! objects, so it must answer every role as the REST API does. Each read or search in
//! [`MIRRORS`] has a REST twin: its rule takes the twin's expectations (so the two cannot drift
//! apart), and `fhir_answers_every_role_as_rest_does` sends both and compares the answers.
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
    (
        "/fhir/R4/Encounter/{own_visit}",
        "/appointments/{own_visit}",
    ),
    (
        "/fhir/R4/Encounter/{other_visit}",
        "/appointments/{other_visit}",
    ),
    (
        "/fhir/R4/Encounter?patient={other_patient}",
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
    (
        "/fhir/R4/DiagnosticReport/{own_record}",
        "/medical-records/{own_record}",
    ),
    (
        "/fhir/R4/DiagnosticReport/{other_record}",
        "/medical-records/{other_record}",
    ),
    (
        "/fhir/R4/DiagnosticReport?patient={own_patient}",
        "/medical-records?patient_id={own_patient}",
    ),
    (
        "/fhir/R4/DiagnosticReport?patient={other_patient}",
        "/medical-records?patient_id={other_patient}",
    ),
    (
        "/fhir/R4/Observation/{own_record}-1",
        "/medical-records/{own_record}",
    ),
    (
        "/fhir/R4/Observation/{other_record}-1",
        "/medical-records/{other_record}",
    ),
    (
        "/fhir/R4/Observation?patient={own_patient}",
        "/medical-records?patient_id={own_patient}",
    ),
    (
        "/fhir/R4/Observation?patient={other_patient}",
        "/medical-records?patient_id={other_patient}",
    ),
    (
        "/fhir/R4/MedicationRequest/{own_prescription}",
        "/prescriptions/{own_prescription}",
    ),
    (
        "/fhir/R4/MedicationRequest/{other_prescription}",
        "/prescriptions/{other_prescription}",
    ),
    (
        "/fhir/R4/MedicationRequest?patient={own_patient}",
        "/prescriptions?patient_id={own_patient}",
    ),
    (
        "/fhir/R4/MedicationRequest?patient={other_patient}",
        "/prescriptions?patient_id={other_patient}",
    ),
    (
        "/fhir/R4/ServiceRequest/{own_approval}",
        "/specialist-approvals/{own_approval}",
    ),
    (
        "/fhir/R4/ServiceRequest/{other_approval}",
        "/specialist-approvals/{other_approval}",
    ),
    (
        "/fhir/R4/ServiceRequest?patient={other_patient}",
        "/specialist-approvals?patient_id={other_patient}",
    ),
    (
        "/fhir/R4/Task/{own_approval}",
        "/specialist-approvals/{own_approval}",
    ),
    (
        "/fhir/R4/Task/{other_approval}",
        "/specialist-approvals/{other_approval}",
    ),
    (
        "/fhir/R4/Task?patient={other_patient}",
        "/specialist-approvals?patient_id={other_patient}",
    ),
    ("/fhir/R4/PractitionerRole", "/doctors"),
    (
        "/fhir/R4/PractitionerRole/{own_doctor}",
        "/doctors/{own_doctor}",
    ),
    ("/fhir/R4/PractitionerRole/{missing}", "/doctors/{missing}"),
    (
        "/fhir/R4/Coverage/{own_insurance}",
        "/insurances/{own_insurance}",
    ),
    (
        "/fhir/R4/Coverage/{other_insurance}",
        "/insurances/{other_insurance}",
    ),
    (
        "/fhir/R4/Coverage?patient={own_patient}",
        "/patients/{own_patient}/insurances",
    ),
    (
        "/fhir/R4/Coverage?patient={other_patient}",
        "/patients/{other_patient}/insurances",
    ),
    (
        "/fhir/R4/CareTeam/{own_patient}",
        "/patients/{own_patient}/doctors",
    ),
    (
        "/fhir/R4/CareTeam/{other_patient}",
        "/patients/{other_patient}/doctors",
    ),
    (
        "/fhir/R4/CareTeam?patient={own_patient}",
        "/patients/{own_patient}/doctors",
    ),
    (
        "/fhir/R4/CareTeam?patient={other_patient}",
        "/patients/{other_patient}/doctors",
    ),
    ("/fhir/R4/Invoice/{own_bill}", "/bills/{own_bill}"),
    ("/fhir/R4/Invoice/{other_bill}", "/bills/{other_bill}"),
    ("/fhir/R4/AuditEvent", "/audit-log"),
];

/// Rules the REST API has no single twin for.
fn own_rules() -> Vec<Rule> {
    let get = |path, expect| rule(Method::GET, path, None, expect);
    vec![
        get("/fhir/R4/Patient", [Allow; 4]),
        // Gender is a demographic: a doctor may not learn it by searching.
        get("/fhir/R4/Patient?gender=female", [Allow, Allow, F, Allow]),
        get("/fhir/R4/Appointment?patient={own_patient}", [Allow; 4]),
        get(
            "/fhir/R4/Appointment?patient={other_patient}",
            [Allow, Allow, Allow, H],
        ),
        get("/fhir/R4/Encounter/{own_visit}", [Allow; 4]),
        get("/fhir/R4/Encounter/{other_visit}", [Allow, Allow, H, H]),
        get(
            "/fhir/R4/Encounter?patient={other_patient}",
            [Allow, Allow, Allow, H],
        ),
        get(
            "/fhir/R4/Invoice?patient={own_patient}",
            [Allow, Allow, F, Allow],
        ),
        get(
            "/fhir/R4/Invoice?patient={other_patient}",
            [Allow, Allow, F, H],
        ),
        get("/fhir/R4/AuditEvent/{missing}", [H, F, F, F]),
        // The one Organization is the clinic: everyone signed in reads it.
        get("/fhir/R4/Organization", [Allow; 4]),
        get("/fhir/R4/Organization/clinic", [Allow; 4]),
        get("/fhir/R4/Organization/{missing}", [H; 4]),
    ]
}

/// The FHIR rules: [`own_rules`], and each mirror whose REST twin is a rule, with the twin's
/// expectations.
pub fn rules(rest: &[Rule]) -> Vec<Rule> {
    let mut rules = own_rules();
    for (fhir, twin) in MIRRORS {
        if rules.iter().any(|r| r.path == *fhir) {
            continue;
        }
        let Some(rest_rule) = rest
            .iter()
            .find(|r| r.method == Method::GET && r.path == *twin)
        else {
            panic!("{fhir}: its REST twin {twin} has no rule; give it one of its own");
        };
        rules.push(rule(Method::GET, fhir, None, rest_rule.expect));
    }
    rules
}

//! Access rules of medical records, prescriptions and specialist approvals.
//!
//! Staff and admins never see clinical content (403). Records and prescriptions are written
//! only by the visit's doctor; the world's records sit on visits still scheduled, so the
//! doctor's new record answers 409 (allowed, but too early). Approvals are decided by the
//! specialist they are addressed to ("referred") or an admin, and withdrawn by the requester
//! ("own").

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

fn records() -> Vec<Rule> {
    let record =
        |appointment: &str| Some(json!({"appointment_id": appointment, "diagnosis": "Flu"}));
    let amend = Some(json!({"notes": "Better"}));
    let prescription = Some(json!({"medication_name": "Ibuprofen", "dose": "200 mg",
        "route": "oral", "frequency": "twice a day", "quantity": 20, "refills": 0}));
    vec![
        // A doctor must name a patient: 422, which is allowed.
        rule(Method::GET, "/medical-records", None, [F, F, Allow, Allow]),
        rule(
            Method::GET,
            "/medical-records?patient_id={own_patient}",
            None,
            [F, F, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/medical-records?patient_id={other_patient}",
            None,
            [F, F, H, H],
        ),
        rule(
            Method::POST,
            "/medical-records",
            record("{own_appointment}"),
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/medical-records",
            record("{other_appointment}"),
            [F, F, H, F],
        ),
        rule(
            Method::GET,
            "/medical-records/{own_record}",
            None,
            [F, F, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/medical-records/{other_record}",
            None,
            [F, F, H, H],
        ),
        rule(
            Method::PATCH,
            "/medical-records/{own_record}",
            amend.clone(),
            [F, F, Allow, F],
        ),
        rule(
            Method::PATCH,
            "/medical-records/{other_record}",
            amend,
            [F, F, H, F],
        ),
        rule(
            Method::POST,
            "/medical-records/{own_record}/prescriptions",
            prescription.clone(),
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/medical-records/{other_record}/prescriptions",
            prescription,
            [F, F, H, F],
        ),
    ]
}

fn prescriptions() -> Vec<Rule> {
    vec![
        rule(Method::GET, "/prescriptions", None, [F, F, Allow, Allow]),
        rule(
            Method::GET,
            "/prescriptions?patient_id={own_patient}",
            None,
            [F, F, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/prescriptions?patient_id={other_patient}",
            None,
            [F, F, H, H],
        ),
        rule(
            Method::GET,
            "/prescriptions?record_id={other_record}",
            None,
            [F, F, H, H],
        ),
        rule(
            Method::GET,
            "/prescriptions/{own_prescription}",
            None,
            [F, F, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/prescriptions/{other_prescription}",
            None,
            [F, F, H, H],
        ),
    ]
}

fn approvals() -> Vec<Rule> {
    let request = |patient: &str| {
        Some(
            json!({"patient_id": patient, "specialist_id": "{other_doctor}", "reason": "Chest pain"}),
        )
    };
    let note = || Some(json!({"note": "ok"}));
    vec![
        // The own patient already has a pending request of other_doctor: 409, allowed.
        rule(
            Method::POST,
            "/specialist-approvals",
            request("{own_patient}"),
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/specialist-approvals",
            request("{other_patient}"),
            [F, F, H, F],
        ),
        rule(
            Method::GET,
            "/specialist-approvals",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        // A doctor's list is filtered to what they may see; a patient names only themself.
        rule(
            Method::GET,
            "/specialist-approvals?patient_id={other_patient}",
            None,
            [Allow, Allow, Allow, H],
        ),
        rule(
            Method::GET,
            "/specialist-approvals/{own_approval}",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/specialist-approvals/{other_approval}",
            None,
            [Allow, Allow, H, H],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{referred_approval}/approve",
            note(),
            [Allow, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{own_approval}/approve",
            note(),
            [Allow, F, F, F],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{other_approval}/approve",
            note(),
            [Allow, F, H, H],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{referred_approval}/deny",
            note(),
            [Allow, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{other_approval}/deny",
            note(),
            [Allow, F, H, H],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{own_approval}/cancel",
            None,
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{referred_approval}/cancel",
            None,
            [F, F, F, F],
        ),
        rule(
            Method::POST,
            "/specialist-approvals/{other_approval}/cancel",
            None,
            [F, F, H, H],
        ),
    ]
}

/// The chart's lists: read like records; written by any doctor who treats the patient.
fn chart() -> Vec<Rule> {
    let allergy = Some(json!({"substance": "Latex", "severity": "mild"}));
    let problem = Some(json!({"condition": "Asthma"}));
    let addendum = Some(json!({"reason": "Lab result", "note": "Reviewed"}));
    vec![
        rule(
            Method::GET,
            "/patients/{own_patient}/chart-summary",
            None,
            [F, F, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/patients/{other_patient}/chart-summary",
            None,
            [F, F, H, H],
        ),
        rule(
            Method::POST,
            "/patients/{own_patient}/allergies",
            allergy.clone(),
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/patients/{other_patient}/allergies",
            allergy,
            [F, F, H, F],
        ),
        rule(
            Method::POST,
            "/patients/{own_patient}/problems",
            problem.clone(),
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/patients/{other_patient}/problems",
            problem,
            [F, F, H, F],
        ),
        // No allergy or problem exists in the world: a doctor is told so (404), every other
        // role is refused before the lookup.
        rule(
            Method::PATCH,
            "/allergies/{missing}",
            Some(json!({"active": false})),
            [F, F, H, F],
        ),
        rule(
            Method::PATCH,
            "/problems/{missing}",
            Some(json!({"status": "resolved"})),
            [F, F, H, F],
        ),
        rule(
            Method::POST,
            "/medical-records/{own_record}/addenda",
            addendum.clone(),
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/medical-records/{other_record}/addenda",
            addendum,
            [F, F, H, F],
        ),
    ]
}

pub fn rules() -> Vec<Rule> {
    let mut rules = records();
    rules.extend(chart());
    rules.extend(prescriptions());
    rules.extend(approvals());
    rules
}

//! Access rules of visit types and the free-slot search: everyone signed in reads the active
//! visit types and searches free times; only admins manage visit types (403 before any lookup);
//! a search for a patient one may not read is told that patient does not exist.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

const EVERYONE: [super::Expect; 4] = [Allow, Allow, Allow, Allow];

pub fn rules() -> Vec<Rule> {
    vec![
        rule(Method::GET, "/visit-types", None, EVERYONE),
        rule(
            Method::POST,
            "/visit-types",
            Some(json!({"name": "Wound check", "duration_minutes": 20, "colour": "#0f766e"})),
            [Allow, F, F, F],
        ),
        rule(
            Method::PATCH,
            "/visit-types/{missing}",
            Some(json!({"name": "Wound check 20"})),
            [H, F, F, F],
        ),
        rule(
            Method::GET,
            "/slots?from=2030-01-07&to=2030-01-08",
            None,
            EVERYONE,
        ),
        rule(
            Method::GET,
            "/slots?from=2030-01-07&to=2030-01-08&patient_id={other_patient}",
            None,
            [Allow, Allow, H, H],
        ),
    ]
}

//! Access rules of calendar feeds and the per-visit `.ics`: a doctor manages their own feeds
//! only, nobody else any (403); a visit's file follows the appointment's read rule.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    vec![
        rule(Method::GET, "/calendar-feeds", None, [F, F, Allow, F]),
        rule(
            Method::POST,
            "/calendar-feeds",
            Some(json!({"include_patient_names": false})),
            [F, F, Allow, F],
        ),
        rule(
            Method::DELETE,
            "/calendar-feeds/{own_feed}",
            None,
            [F, F, Allow, F],
        ),
        rule(
            Method::DELETE,
            "/calendar-feeds/{other_feed}",
            None,
            [F, F, H, F],
        ),
        rule(
            Method::GET,
            "/appointments/{own_appointment}/ics",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/appointments/{other_appointment}/ics",
            None,
            [Allow, Allow, H, H],
        ),
    ]
}

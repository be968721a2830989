//! Access rules of the waitlist: staff run it for everyone, a patient for themselves; doctors
//! and admins read it and change nothing.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    let join = |patient: Option<&str>| {
        let mut body =
            json!({"doctor_id": "{own_doctor}", "urgency": "soon", "office_id": "{office}"});
        if let Some(patient) = patient {
            body["patient_id"] = json!(patient);
        }
        Some(body)
    };
    vec![
        rule(Method::GET, "/waitlist", None, [Allow, Allow, Allow, Allow]),
        rule(
            Method::GET,
            "/waitlist?patient_id={other_patient}",
            None,
            [Allow, Allow, Allow, H],
        ),
        rule(Method::POST, "/waitlist", join(None), [F, Allow, F, Allow]),
        rule(
            Method::POST,
            "/waitlist",
            join(Some("{other_patient}")),
            [F, Allow, F, H],
        ),
        rule(
            Method::POST,
            "/waitlist/{own_entry}/withdraw",
            None,
            [F, Allow, F, Allow],
        ),
        rule(
            Method::POST,
            "/waitlist/{other_entry}/withdraw",
            None,
            [F, Allow, F, H],
        ),
        rule(
            Method::GET,
            "/waitlist/offers",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/waitlist/offers/{own_offer}/accept",
            None,
            [F, Allow, F, Allow],
        ),
        rule(
            Method::POST,
            "/waitlist/offers/{other_offer}/accept",
            None,
            [F, Allow, F, H],
        ),
        rule(
            Method::POST,
            "/waitlist/offers/{own_offer}/decline",
            None,
            [F, Allow, F, Allow],
        ),
        rule(
            Method::POST,
            "/waitlist/offers/{other_offer}/decline",
            None,
            [F, Allow, F, H],
        ),
    ]
}

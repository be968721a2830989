//! Access rules of `/auth`, `/users`, `/codes` and `/audit-log`.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    let new_user = json!({"username": "newbie", "email": "newbie@clinic.test", "role": "staff"});
    vec![
        rule(Method::GET, "/auth/me", None, [Allow, Allow, Allow, Allow]),
        rule(
            Method::PUT,
            "/auth/password",
            Some(
                json!({"current_password": "wrong password", "new_password": "a brand new passphrase"}),
            ),
            [Allow, Allow, Allow, Allow],
        ),
        rule(Method::GET, "/users", None, [Allow, F, F, F]),
        rule(Method::POST, "/users", Some(new_user), [Allow, F, F, F]),
        // {own_user} is the patient-role user: visible to admins and to that patient only.
        rule(Method::GET, "/users/{own_user}", None, [Allow, H, H, Allow]),
        rule(Method::GET, "/users/{other_user}", None, [Allow, H, H, H]),
        rule(
            Method::PATCH,
            "/users/{own_user}",
            Some(json!({"email": "changed@clinic.test"})),
            [Allow, F, F, F],
        ),
        rule(
            Method::POST,
            "/users/{own_user}/deactivate",
            None,
            [Allow, F, F, F],
        ),
        rule(
            Method::GET,
            "/users/{own_user}/demographics",
            None,
            [Allow, Allow, H, Allow],
        ),
        rule(
            Method::GET,
            "/users/{other_user}/demographics",
            None,
            [Allow, Allow, H, H],
        ),
        rule(
            Method::PUT,
            "/users/{own_user}/demographics",
            Some(json!({"gender": 2})),
            [Allow, Allow, H, Allow],
        ),
        rule(
            Method::PUT,
            "/users/{other_user}/demographics",
            Some(json!({"gender": 2})),
            [Allow, Allow, H, H],
        ),
        rule(
            Method::GET,
            "/codes/races",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/codes/ethnicities",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/codes/genders",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(Method::GET, "/audit-log", None, [Allow, F, F, F]),
        rule(
            Method::POST,
            "/users/{own_user}/reactivate",
            None,
            [Allow, F, F, F],
        ),
        rule(
            Method::GET,
            "/codes/time-zones",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/audit-log?changed_by=admin&patient_id=1",
            None,
            [Allow, F, F, F],
        ),
    ]
}

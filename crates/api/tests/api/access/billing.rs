//! Access rules of bills and payments.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    let payment = Some(json!({"amount": "1.00"}));
    vec![
        rule(Method::GET, "/bills", None, [Allow, Allow, F, Allow]),
        rule(
            Method::GET,
            "/bills/{own_bill}",
            None,
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::GET,
            "/bills/{other_bill}",
            None,
            [Allow, Allow, F, H],
        ),
        rule(
            Method::PATCH,
            "/bills/{own_bill}",
            Some(json!({"amount_due": "130.00"})),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/bills/{own_bill}/payments",
            payment.clone(),
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::POST,
            "/bills/{other_bill}/payments",
            payment,
            [Allow, Allow, F, H],
        ),
        rule(
            Method::POST,
            "/bills/{own_bill}/void",
            Some(json!({"reason": "error"})),
            [Allow, Allow, F, F],
        ),
    ]
}

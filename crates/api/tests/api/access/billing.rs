//! Access rules of bills and payments.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    // A staff-recorded method: a patient may not record it, even for their own bill (and no
    // payment provider is configured in the matrix, so no role pays online).
    let payment = Some(json!({"amount": "1.00", "method": "cash"}));
    let online = Some(json!({"amount": "1.00", "method": "online", "payment_token": "tok"}));
    // No payment 0 exists: staff get a 422 on `payment_id`, which is "allowed".
    let refund = Some(json!({"payment_id": 0, "amount": "1.00", "reason": "error"}));
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
            Some(json!({"amount_due": "130.00", "reason": "rate"})),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/bills/{own_bill}/payments",
            payment.clone(),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/bills/{other_bill}/payments",
            payment,
            [Allow, Allow, F, H],
        ),
        // Online: staff never charge a token; the patient is allowed (answered 409
        // `online_payment_unavailable` here, without a provider).
        rule(
            Method::POST,
            "/bills/{own_bill}/payments",
            online.clone(),
            [F, F, F, Allow],
        ),
        rule(
            Method::POST,
            "/bills/{other_bill}/payments",
            online,
            [F, F, F, H],
        ),
        rule(
            Method::POST,
            "/bills/{own_bill}/refunds",
            refund,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/bills/{own_bill}/void",
            Some(json!({"reason": "error"})),
            [Allow, Allow, F, F],
        ),
        // Checkout: staff and admins bill a visit (a 409 for a visit billed or not come is
        // "allowed"); doctors and patients never, before any lookup.
        rule(
            Method::POST,
            "/appointments/{own_appointment}/bill",
            Some(json!({})),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/appointments/{other_appointment}/bill",
            Some(json!({})),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::GET,
            "/patients/{own_patient}/payments",
            None,
            [Allow, Allow, F, Allow],
        ),
        rule(
            Method::GET,
            "/patients/{other_patient}/payments",
            None,
            [Allow, Allow, F, H],
        ),
    ]
}

//! Access rules of the calendar, closures, time off and dated exceptions: the desk and admins
//! manage closures and anyone's time; a doctor their own time and calendar; patients read only
//! closures (public holidays) and are refused the rest before any lookup (403).

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    let closure =
        json!({"first_day": "2031-12-25", "last_day": "2031-12-25", "label": "Christmas"});
    let time_off = json!({"starts_at": "2031-07-01T00:00:00Z", "ends_at": "2031-07-02T00:00:00Z", "reason": "leave"});
    let exception = json!({"office_id": "{office}", "date": "2031-07-03", "kind": "day_off"});
    vec![
        rule(
            Method::GET,
            "/calendar?office_id={office}&from=2031-01-06&days=7",
            None,
            [Allow, Allow, Allow, F],
        ),
        rule(
            Method::GET,
            "/calendar?office_id={office}&from=2031-01-06&doctor_id={other_doctor}",
            None,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::GET,
            "/calendar/version?office_id={office}&from=2031-01-06&days=7",
            None,
            [Allow, Allow, Allow, F],
        ),
        rule(
            Method::GET,
            "/calendar/version?office_id={office}&from=2031-01-06&doctor_id={other_doctor}",
            None,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::GET,
            "/offices/{office}/closures",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/offices/{office}/closures",
            Some(closure),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::DELETE,
            "/offices/{office}/closures/{missing_closure}",
            None,
            [H, H, F, F],
        ),
        rule(
            Method::GET,
            "/doctors/{own_doctor}/time-off",
            None,
            [Allow, Allow, Allow, F],
        ),
        rule(
            Method::GET,
            "/doctors/{other_doctor}/time-off",
            None,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/doctors/{own_doctor}/time-off",
            Some(time_off.clone()),
            [Allow, Allow, Allow, F],
        ),
        rule(
            Method::POST,
            "/doctors/{other_doctor}/time-off",
            Some(time_off),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::DELETE,
            "/doctors/{own_doctor}/time-off/{missing_time_off}",
            None,
            [H, H, H, F],
        ),
        rule(
            Method::GET,
            "/doctors/{own_doctor}/schedule-exceptions",
            None,
            [Allow, Allow, Allow, F],
        ),
        rule(
            Method::GET,
            "/doctors/{other_doctor}/schedule-exceptions",
            None,
            [Allow, Allow, F, F],
        ),
        rule(
            Method::POST,
            "/doctors/{own_doctor}/schedule-exceptions",
            Some(exception.clone()),
            [Allow, Allow, Allow, F],
        ),
        rule(
            Method::POST,
            "/doctors/{other_doctor}/schedule-exceptions",
            Some(exception),
            [Allow, Allow, F, F],
        ),
        rule(
            Method::DELETE,
            "/doctors/{own_doctor}/schedule-exceptions/{missing_exception}",
            None,
            [H, H, H, F],
        ),
    ]
}

//! Access rules of appointments, availability and notifications.

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

pub fn rules() -> Vec<Rule> {
    let book = |patient: &str| {
        json!({"patient_id": patient, "doctor_id": "{own_doctor}", "office_id": "{office}",
               "starts_at": "2031-01-06T10:00:00Z", "duration_minutes": 30})
    };
    let reason = Some(json!({"reason": "follow-up"}));
    let mut rules = vec![
        rule(
            Method::GET,
            "/appointments",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/appointments",
            Some(book("{own_patient}")),
            [F, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/appointments",
            Some(book("{other_patient}")),
            [F, Allow, H, H],
        ),
        // A doctor books only their own appointments: not their patient with a colleague.
        rule(
            Method::POST,
            "/appointments",
            Some(
                json!({"patient_id": "{own_patient}", "doctor_id": "{other_doctor}",
                        "office_id": "{office}", "starts_at": "2031-01-06T11:00:00Z",
                        "duration_minutes": 30}),
            ),
            [F, Allow, F, Allow],
        ),
        rule(
            Method::GET,
            "/appointments/{own_appointment}",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/appointments/{other_appointment}",
            None,
            [Allow, Allow, H, H],
        ),
        rule(
            Method::PATCH,
            "/appointments/{own_appointment}",
            reason.clone(),
            [F, Allow, Allow, Allow],
        ),
        rule(
            Method::PATCH,
            "/appointments/{other_appointment}",
            reason,
            [F, Allow, H, H],
        ),
        rule(
            Method::POST,
            "/appointments/{own_appointment}/confirm",
            None,
            [F, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/appointments/{own_appointment}/check-in",
            None,
            [F, Allow, Allow, F],
        ),
        rule(
            Method::POST,
            "/appointments/{own_appointment}/complete",
            None,
            [F, F, Allow, F],
        ),
        rule(
            Method::POST,
            "/appointments/{own_appointment}/cancel",
            None,
            [F, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/appointments/{other_appointment}/cancel",
            None,
            [F, Allow, H, H],
        ),
        rule(
            Method::POST,
            "/appointments/{own_appointment}/no-show",
            None,
            [F, Allow, Allow, F],
        ),
        rule(
            Method::GET,
            "/doctors/{own_doctor}/availability?office_id={office}&from=2031-01-06&to=2031-01-07",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/notifications",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::GET,
            "/notifications/unread-count",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        rule(
            Method::POST,
            "/notifications/read-all",
            None,
            [Allow, Allow, Allow, Allow],
        ),
        // Notifications are private: only their addressee reaches one.
        rule(
            Method::POST,
            "/notifications/{own_notification}/read",
            None,
            [H, H, H, Allow],
        ),
        // The clinic's settings (late-cancellation window, booking limits): admins only.
        rule(Method::GET, "/clinic/settings", None, [Allow, F, F, F]),
        rule(
            Method::PUT,
            "/clinic/settings",
            Some(
                json!({"late_cancellation_hours": 24, "booking_horizon_days": 180,
                        "max_future_appointments": 5}),
            ),
            [Allow, F, F, F],
        ),
        // The outbox of emails to patients: the front desk and admins, never doctors or
        // patients (refused before any lookup).
        rule(Method::GET, "/outbox", None, [Allow, Allow, F, F]),
        rule(
            Method::GET,
            "/outbox?status=sent&appointment_id={own_appointment}",
            None,
            [Allow, Allow, F, F],
        ),
    ];
    rules.extend(series_rules());
    rules
}

/// Series of recurring visits: staff for anyone, a doctor their own with patients they treat;
/// patients and admins never (403 before anything is read).
fn series_rules() -> Vec<Rule> {
    let series = |patient: &str, doctor: &str| {
        Some(
            json!({"patient_id": patient, "doctor_id": doctor, "office_id": "{office}",
                     "starts_at": "2031-01-06T10:00:00Z", "duration_minutes": 30,
                     "rrule": "FREQ=WEEKLY;COUNT=3"}),
        )
    };
    let mut rules = Vec::new();
    for path in ["/appointment-series/preview", "/appointment-series"] {
        rules.push(rule(
            Method::POST,
            path,
            series("{own_patient}", "{own_doctor}"),
            [F, Allow, Allow, F],
        ));
        rules.push(rule(
            Method::POST,
            path,
            series("{other_patient}", "{own_doctor}"),
            [F, Allow, H, F],
        ));
        rules.push(rule(
            Method::POST,
            path,
            series("{own_patient}", "{other_doctor}"),
            [F, Allow, F, F],
        ));
    }
    rules.push(rule(
        Method::GET,
        "/appointment-series/{missing}",
        None,
        [H, H, H, H],
    ));
    let cancel = || Some(json!({"scope": "whole_series", "reason": "moving away"}));
    let edit = || Some(json!({"scope": "whole_series", "reason": "follow-up"}));
    rules.extend([
        // Outside a series, the scope is refused as a field (422) once the policy lets through.
        rule(
            Method::POST,
            "/appointments/{own_appointment}/series-cancel",
            cancel(),
            [F, Allow, Allow, F],
        ),
        rule(
            Method::POST,
            "/appointments/{other_appointment}/series-cancel",
            cancel(),
            [F, Allow, H, F],
        ),
        rule(
            Method::POST,
            "/appointments/{own_appointment}/series-edit",
            edit(),
            [F, Allow, Allow, F],
        ),
        rule(
            Method::POST,
            "/appointments/{other_appointment}/series-edit",
            edit(),
            [F, Allow, H, F],
        ),
    ]);
    rules
}

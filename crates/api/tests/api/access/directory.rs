//! Access rules of the directory: specialties, offices, doctors, their offices and hours.
//! Everyone signed in reads the directory; admins manage it; a doctor edits their own profile
//! (name and experience only), offices and hours, and never another doctor's (404).

use reqwest::Method;
use serde_json::json;

use super::Expect::{Allow, Forbidden as F, Hidden as H};
use super::{Rule, rule};

const EVERYONE: [super::Expect; 4] = [Allow, Allow, Allow, Allow];
const ADMIN_ONLY: [super::Expect; 4] = [Allow, F, F, F];
const NOBODY_FINDS_IT: [super::Expect; 4] = [H, H, H, H];
/// An admin, or the doctor-role user on their own profile.
const ADMIN_OR_SELF: [super::Expect; 4] = [Allow, F, Allow, F];
/// An admin; the doctor-role user is told another doctor's profile does not exist.
const ADMIN_NOT_OTHER: [super::Expect; 4] = [Allow, F, H, F];

pub fn rules() -> Vec<Rule> {
    let new_office = json!({
        "name": "North Clinic",
        "address": {"line1": "2 North Road", "city": "Town", "country": "US"},
        "time_zone": "America/Chicago"
    });
    // {own_user} is a patient's account, so an admin is told 422 on user_id: still allowed.
    let new_doctor = json!({
        "user_id": "{own_user}", "first_name": "New", "last_name": "Doc",
        "license_number": "LIC-NEW", "specialty_id": "{specialty}", "years_of_experience": 3
    });
    let experience = json!({"years_of_experience": 9});
    let offices = json!({"office_ids": ["{office}"]});
    let hours = json!({"working_hours": [
        {"office_id": "{office}", "weekday": 1, "start": "09:00", "end": "12:00"}
    ]});
    vec![
        rule(Method::GET, "/specialties", None, EVERYONE),
        rule(
            Method::POST,
            "/specialties",
            Some(json!({"name": "Allergy", "consultation_fee": "150.00"})),
            ADMIN_ONLY,
        ),
        rule(
            Method::PATCH,
            "/specialties/{specialty}",
            Some(json!({"consultation_fee": "130.00"})),
            ADMIN_ONLY,
        ),
        rule(Method::GET, "/offices", None, EVERYONE),
        rule(Method::POST, "/offices", Some(new_office), ADMIN_ONLY),
        rule(Method::GET, "/offices/{office}", None, EVERYONE),
        rule(Method::GET, "/offices/{missing}", None, NOBODY_FINDS_IT),
        rule(
            Method::PATCH,
            "/offices/{office}",
            Some(json!({"is_active": false})),
            ADMIN_ONLY,
        ),
        rule(Method::GET, "/doctors", None, EVERYONE),
        rule(Method::POST, "/doctors", Some(new_doctor), ADMIN_ONLY),
        rule(Method::GET, "/doctors/{own_doctor}", None, EVERYONE),
        rule(Method::GET, "/doctors/{missing}", None, NOBODY_FINDS_IT),
        rule(
            Method::PATCH,
            "/doctors/{own_doctor}",
            Some(experience.clone()),
            ADMIN_OR_SELF,
        ),
        rule(
            Method::PATCH,
            "/doctors/{other_doctor}",
            Some(experience),
            ADMIN_NOT_OTHER,
        ),
        // The license and specialty are credentials: never the doctor's own to change.
        rule(
            Method::PATCH,
            "/doctors/{own_doctor}",
            Some(json!({"license_number": "LIC-CHANGED"})),
            ADMIN_ONLY,
        ),
        rule(Method::GET, "/doctors/{own_doctor}/offices", None, EVERYONE),
        rule(
            Method::PUT,
            "/doctors/{own_doctor}/offices",
            Some(offices.clone()),
            ADMIN_OR_SELF,
        ),
        rule(
            Method::PUT,
            "/doctors/{other_doctor}/offices",
            Some(offices),
            ADMIN_NOT_OTHER,
        ),
        rule(
            Method::GET,
            "/doctors/{own_doctor}/working-hours",
            None,
            EVERYONE,
        ),
        // The world's doctors work at no office yet, so the body earns a 422: still allowed.
        rule(
            Method::PUT,
            "/doctors/{own_doctor}/working-hours",
            Some(hours.clone()),
            ADMIN_OR_SELF,
        ),
        rule(
            Method::PUT,
            "/doctors/{other_doctor}/working-hours",
            Some(hours),
            ADMIN_NOT_OTHER,
        ),
    ]
}

//! The OpenAPI document: a base (info, security scheme, shared schemas) plus every path that
//! `routes::configure` registers.

use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, Problem};

mod common_responses;
#[cfg(test)]
mod limits;

/// The name of the bearer-token security scheme in the document.
pub const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Clinic API",
        description = "Clinic management: accounts, directory, care teams, scheduling, clinical \
                       records, specialist referrals, billing, notifications and the audit trail.\n\n\
                       Errors are `application/problem+json`. Money is a decimal string with two \
                       places. Moments are RFC 3339.\n\n\
                       Limits: a body of at most 256 KiB (413) nesting at most 32 levels (400); a \
                       path and query of at most 2048 bytes (414); at most 64 headers and 16 KiB \
                       of them (431); 30 s per request (503).",
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerScheme),
    tags(
        (name = "operations", description = "Liveness, readiness and this document"),
        (name = "auth", description = "Sign-up, sign-in, tokens and passwords"),
        (name = "users", description = "Accounts (admin) and demographics"),
        (name = "patients", description = "Front-desk registration, search, profiles and emergency contacts"),
        (name = "care team", description = "The doctors looking after a patient, and the primary doctor"),
        (name = "insurances", description = "Patients' insurance policies (deactivated, never deleted)"),
        (name = "codes", description = "Demographic code tables"),
        (name = "appointments", description = "Scheduling: availability, booking, the visit's status"),
        (name = "billing", description = "Bills, payments, refunds, adjustments and voids"),
        (name = "clinical", description = "Medical records, test results and prescriptions: the patient and the doctors who treat them; every read is audited"),
        (name = "approvals", description = "Specialist approvals (referrals): requested by a care-team doctor, decided by the specialist"),
        (name = "notifications", description = "The signed-in user's notifications"),
        (name = "specialties", description = "Medical specialties, referral rules and fees"),
        (name = "offices", description = "The clinic's locations and their services"),
        (name = "doctors", description = "Doctors' profiles, offices and weekly working hours"),
        (name = "audit", description = "The tamper-evident audit trail (admin)"),
        (name = "clinic", description = "The clinic's settings: late-cancellation window, booking limits (admin)"),
        (name = "calendar feeds", description = "Doctors' private iCalendar feed URLs (the token is the credential) and the feeds themselves"),
        (name = "waitlist", description = "Patients waiting for a doctor; a cancelled visit's slot is offered to them, the first to accept books it"),
        (name = "calendar", description = "An office's days for the time grid: open and blocked time from the availability engine, and every appointment"),
        (name = "availability", description = "Office closures, doctors' time off and dated exceptions to their hours"),
        (name = "visit-types", description = "What is booked: length, specialty and colour (read by everyone, managed by admins)"),
        (name = "fhir", description = "FHIR R4 (4.0.1), read and search, `application/fhir+json`: the same data under the same access policy; errors are OperationOutcomes. See docs/fhir.md"),
    )
)]
struct BaseDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT".into());
        scheme.description =
            Some("An access token from `POST /api/v1/auth/login`, valid 15 minutes.".into());
        components.add_security_scheme(BEARER, SecurityScheme::Http(scheme));
    }
}

/// The base document every build of the app starts from.
#[must_use]
pub fn base() -> utoipa::openapi::OpenApi {
    BaseDoc::openapi()
}

/// The complete document, as served at `/api-docs/openapi.json` and printed by `clinic openapi`.
#[must_use]
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut document) = App::new()
        .into_utoipa_app()
        .openapi(base())
        .configure(crate::routes::configure)
        .split_for_parts();
    common_responses::document_all(&mut document);
    crate::fhir::openapi::add_paths(&mut document);
    document
}

/// The document as pretty JSON with a trailing newline, exactly as committed in `docs/`.
#[must_use]
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

//! `GET, PUT /patients/{id}/emergency-contacts`: whom to call, replaced as a whole list.

use actix_web::{HttpResponse, get, put, web};
use clinic_domain::patients::{self, EmergencyContact, EmergencyContactInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::Phone;
use crate::state::AppState;

/// One emergency contact.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyContactBody {
    #[schema(example = "Grace Hopper", min_length = 1, max_length = 200)]
    pub name: String,
    /// How the contact is related to the patient.
    #[schema(example = "aunt", min_length = 1, max_length = 50)]
    pub relationship: String,
    pub phone: Phone,
    /// 1 (call first) to 10; each priority at most once per patient.
    #[schema(example = 1, minimum = 1, maximum = 10)]
    pub priority: i64,
}

impl From<EmergencyContact> for EmergencyContactBody {
    fn from(contact: EmergencyContact) -> Self {
        Self {
            name: contact.name,
            relationship: contact.relationship,
            phone: Phone {
                country_code: contact.phone_country_code,
                number: contact.phone_number,
                extension: contact.phone_extension,
            },
            priority: contact.priority.into(),
        }
    }
}

fn response(contacts: Vec<EmergencyContact>) -> HttpResponse {
    let body: Vec<_> = contacts
        .into_iter()
        .map(EmergencyContactBody::from)
        .collect();
    HttpResponse::Ok().json(body)
}

/// A patient's emergency contacts, by priority: admins, staff, the doctors who treat them and
/// the patient themself.
#[utoipa::path(
    tag = "patients",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    responses(
        (status = 200, description = "The contacts, by priority", body = Vec<EmergencyContactBody>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours to see", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/patients/{id}/emergency-contacts")]
pub async fn get_emergency_contacts(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let contacts = patients::read_emergency_contacts(
        &actor,
        id.into_inner(),
        &*state.access,
        &*state.emergency_contacts,
        &*state.reads,
    )
    .await?;
    Ok(response(contacts))
}

/// Replaces a patient's emergency contacts with the list sent (at most 10, distinct priorities
/// 1 to 10; an empty list removes them all): admins, staff and the patient themself.
#[utoipa::path(
    tag = "patients",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = Vec<EmergencyContactBody>,
    responses(
        (status = 200, description = "The stored contacts, by priority", body = Vec<EmergencyContactBody>),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors may not edit contacts", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid contacts, e.g. a priority used twice; listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/patients/{id}/emergency-contacts")]
pub async fn put_emergency_contacts(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<Vec<EmergencyContactBody>>,
) -> ApiResult<HttpResponse> {
    let inputs: Vec<_> = body
        .iter()
        .map(|c| EmergencyContactInput {
            name: &c.name,
            relationship: &c.relationship,
            phone_country_code: c.phone.country_code.as_deref(),
            phone_number: &c.phone.number,
            phone_extension: c.phone.extension.as_deref(),
            priority: c.priority,
        })
        .collect();
    let contacts = patients::replace_emergency_contacts(
        &actor,
        id.into_inner(),
        &inputs,
        &*state.access,
        &*state.emergency_contacts,
    )
    .await?;
    Ok(response(contacts))
}

//! `GET, POST /patients`: search and front-desk registration.

use actix_web::{HttpResponse, get, post, web};
use clinic_domain::ValidationErrors;
use clinic_domain::demographics::DateOfBirth;
use clinic_domain::identity::{NewPatientAccount, Role};
use clinic_domain::patients::{self, SearchPatients};
use clinic_domain::values::PersonName;

use super::dto::{CreatePatientRequest, PatientQuery, PatientResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, search_term, validate};
use crate::routes::users::new_account::AccountFields;
use crate::state::AppState;

/// Lists patients by last name, first name and id. Admins and staff see everyone, doctors only
/// the patients they treat (care team or appointment); patients may not list patients.
#[utoipa::path(
    tag = "patients",
    security(("bearer" = [])),
    params(PatientQuery, PageQuery),
    responses(
        (status = 200, description = "One page of patients", body = PageResponse<PatientResponse>),
        (status = 400, description = "Malformed query, e.g. a dob that is not YYYY-MM-DD", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Patients may not list patients", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging or search text", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/patients")]
pub async fn list_patients(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<PatientQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let search = SearchPatients {
        q: search_term(query.q)?,
        dob: query.dob,
        ..SearchPatients::default()
    };
    let page = patients::list_patients(
        &actor,
        search,
        paging.request()?,
        &*state.patients,
        &*state.reads,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, PatientResponse::from)))
}

/// Registers a patient at the front desk: the account (role patient), the profile and the
/// date of birth, in one transaction. Admins and staff.
#[utoipa::path(
    tag = "patients",
    security(("bearer" = [])),
    request_body = CreatePatientRequest,
    responses(
        (status = 201, description = "Registered", body = PatientResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not admin or staff", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username or email taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many password hashes at once, or the database is unavailable; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/patients")]
pub async fn register_patient(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreatePatientRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    patients::may_register_patient(&actor)?;
    let mut errors = ValidationErrors::new();
    let account = AccountFields {
        username: &body.username,
        email: &body.email,
        password: body.password.as_deref(),
        phone: body.phone.as_ref(),
    }
    .parse(&mut errors);
    let name = errors.capture_all(PersonName::parse(
        &body.first_name,
        body.middle_name.as_deref(),
        &body.last_name,
    ));
    let address = match &body.address {
        None => Some(None),
        Some(address) => errors.capture_all(address.parse("address")).map(Some),
    };
    let dob = errors.capture(DateOfBirth::parse(body.dob, state.clock.today()));
    errors.into_result()?;
    let (Some(account), Some(name), Some(address), Some(dob)) = (account, name, address, dob)
    else {
        return Err(ApiError::internal("validated fields missing"));
    };
    let user = account.into_new_user(&state, Role::Patient).await?;
    let new = NewPatientAccount {
        user,
        name,
        address,
        dob,
    };
    let patient = patients::register_patient(&actor, new, &*state.patients).await?;
    Ok(HttpResponse::Created().json(PatientResponse::from(patient)))
}

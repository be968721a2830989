//! `POST /auth/register`: a patient signs up.

use actix_web::{HttpResponse, post, web};
use chrono::NaiveDate;
use clinic_domain::ValidationErrors;
use clinic_domain::demographics::DateOfBirth;
use clinic_domain::identity::{NewPatientAccount, NewUser, PasswordPolicy, Role};
use clinic_domain::values::{EmailAddress, PersonName, Username};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::common::{Phone, validate};
use crate::routes::users::dto::UserResponse;
use crate::state::AppState;

/// A patient's sign-up.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[validate(length(min = 3, max = 50))]
    #[schema(min_length = 3, max_length = 50, example = "alice")]
    pub username: String,
    #[validate(length(max = 254))]
    #[schema(max_length = 254, example = "alice@example.com")]
    pub email: String,
    /// 12 to 128 characters, not a common password, not the username.
    #[validate(length(min = 12, max = 128))]
    #[schema(
        min_length = 12,
        max_length = 128,
        example = "correct horse battery staple"
    )]
    pub password: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Alice")]
    pub first_name: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub middle_name: Option<String>,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Smith")]
    pub last_name: String,
    pub phone: Option<Phone>,
    /// `YYYY-MM-DD`.
    #[schema(example = "1990-04-01")]
    pub date_of_birth: NaiveDate,
}

/// Creates a patient's account, patient profile and demographics in one transaction. Sign in
/// afterwards with `POST /auth/login`.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created", body = UserResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username or email is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    body: web::Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let mut errors = ValidationErrors::new();
    let username = errors.capture(Username::parse(&body.username));
    let email = errors.capture(EmailAddress::parse(&body.email));
    errors.capture(PasswordPolicy::check(
        &body.password,
        Some(&body.username),
        Some(&body.email),
    ));
    let name = errors.capture_all(PersonName::parse(
        &body.first_name,
        body.middle_name.as_deref(),
        &body.last_name,
    ));
    let phone = body
        .phone
        .as_ref()
        .and_then(|p| errors.capture_all(p.parse("phone")));
    let dob = errors.capture(
        DateOfBirth::parse(body.date_of_birth, state.clock.today())
            .map_err(|e| e.with_field("date_of_birth")),
    );
    errors.into_result()?;
    let (Some(username), Some(email), Some(name), Some(dob)) = (username, email, name, dob) else {
        return Err(ApiError::internal("validated fields missing"));
    };
    let hasher = state.passwords.clone();
    let password = body.into_inner().password;
    let hash = web::block(move || hasher.hash(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let user = state
        .users
        .register_patient(NewPatientAccount {
            user: NewUser {
                username,
                email,
                phone,
                role: Role::Patient,
                password_hash: Some(hash),
            },
            name,
            dob,
        })
        .await?;
    Ok(HttpResponse::Created().json(UserResponse::from(user)))
}

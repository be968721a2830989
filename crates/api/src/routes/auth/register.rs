//! `POST /auth/register`: a patient signs up.

use crate::routes::common::chars;
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::NaiveDate;
use clinic_domain::ValidationErrors;
use clinic_domain::demographics::DateOfBirth;
use clinic_domain::identity::PasswordPolicy;
use clinic_domain::identity::throttle;
use clinic_domain::identity::{NewPatientAccount, Role, SignUpOutcome, sign_up};
use clinic_domain::values::PersonName;
use clinic_domain::values::email::MAX_EMAIL_CHARS;
use clinic_domain::values::person_name::MAX_NAME_PART_CHARS;
use clinic_domain::values::username::{MAX_USERNAME_CHARS, MIN_USERNAME_CHARS};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{ApiError, ApiResult, Problem};
use crate::http::client_address;
use crate::routes::common::{Phone, validate};
use crate::routes::users::new_account::AccountFields;
use crate::state::AppState;

/// A patient's sign-up.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[validate(length(min = chars(MIN_USERNAME_CHARS), max = chars(MAX_USERNAME_CHARS)))]
    #[schema(min_length = 3, max_length = 50, example = "alice")]
    pub username: String,
    #[validate(length(max = chars(MAX_EMAIL_CHARS)))]
    #[schema(max_length = 254, example = "alice@example.com")]
    pub email: String,
    /// 12 to 128 characters, not a common password, not the username.
    #[validate(length(min = chars(PasswordPolicy::MIN_CHARS), max = chars(PasswordPolicy::MAX_CHARS)))]
    #[schema(
        min_length = 12,
        max_length = 128,
        example = "correct horse battery staple"
    )]
    pub password: String,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100, example = "Alice")]
    pub first_name: String,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100)]
    pub middle_name: Option<String>,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100, example = "Smith")]
    pub last_name: String,
    pub phone: Option<Phone>,
    /// `YYYY-MM-DD`.
    #[schema(example = "1990-04-01")]
    pub date_of_birth: NaiveDate,
}

/// The answer to every accepted sign-up, whether or not the email address was already taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignUpAccepted {
    /// What happens next. The same words for every sign-up.
    #[schema(
        example = "Thank you. If this email address can be used, the account is ready: sign in with your username or email and password."
    )]
    pub detail: &'static str,
}

/// The one message of [`SignUpAccepted`].
pub const SIGN_UP_ACCEPTED: &str = "Thank you. If this email address can be used, the account \
    is ready: sign in with your username or email and password.";

/// Creates a patient's account, patient profile and demographics in one transaction, then
/// answers 202 with no account data and no tokens: a taken email address gets the very same
/// answer (and the same work, one Argon2 hash) without creating anything, so sign-up does not
/// tell who is a patient here. Sign in afterwards with `POST /auth/login`. A taken username is
/// still 409. Sign-ups are counted per client address before the password is hashed: too many
/// answer 429.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 202, description = "Accepted: the same answer for a fresh and a taken email", body = SignUpAccepted),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many sign-ups from this address; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many password hashes at once, or the database is unavailable; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::http::Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    throttle::admit_registration(
        client_address::of(&req),
        &state.throttle_limits,
        state.clock.now(),
        &*state.attempts,
    )
    .await?;
    let mut errors = ValidationErrors::new();
    let account = AccountFields {
        username: &body.username,
        email: &body.email,
        password: Some(&body.password),
        phone: body.phone.as_ref(),
    }
    .parse(&mut errors);
    let name = errors.capture_all(PersonName::parse(
        &body.first_name,
        body.middle_name.as_deref(),
        &body.last_name,
    ));
    let dob = errors.capture(
        DateOfBirth::parse(body.date_of_birth, state.clock.today())
            .map_err(|e| e.with_field("date_of_birth")),
    );
    errors.into_result()?;
    let (Some(account), Some(name), Some(dob)) = (account, name, dob) else {
        return Err(ApiError::internal("validated fields missing"));
    };
    let user = account.into_new_user(&state, Role::Patient).await?;
    let outcome = sign_up(
        NewPatientAccount {
            user,
            name,
            address: None,
            dob,
        },
        &*state.users,
    )
    .await?;
    if outcome == SignUpOutcome::EmailTaken {
        tracing::info!("a sign-up named an email address that is already registered");
    }
    Ok(HttpResponse::Accepted().json(SignUpAccepted {
        detail: SIGN_UP_ACCEPTED,
    }))
}

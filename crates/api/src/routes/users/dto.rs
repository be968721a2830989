//! Request and response bodies of `/users` and `/auth/me`.

use crate::routes::common::chars;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::identity::PasswordPolicy;
use clinic_domain::identity::{Demographics, Role, User};
use clinic_domain::values::email::MAX_EMAIL_CHARS;
use clinic_domain::values::username::{MAX_USERNAME_CHARS, MIN_USERNAME_CHARS};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::routes::common::{Phone, nullable, utc, utc_opt};

/// A role of the clinic.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RoleDto {
    Admin,
    Doctor,
    Staff,
    Patient,
}

impl From<Role> for RoleDto {
    fn from(role: Role) -> Self {
        match role {
            Role::Admin => Self::Admin,
            Role::Doctor => Self::Doctor,
            Role::Staff => Self::Staff,
            Role::Patient => Self::Patient,
        }
    }
}

impl From<RoleDto> for Role {
    fn from(role: RoleDto) -> Self {
        match role {
            RoleDto::Admin => Self::Admin,
            RoleDto::Doctor => Self::Doctor,
            RoleDto::Staff => Self::Staff,
            RoleDto::Patient => Self::Patient,
        }
    }
}

/// A user account. Never includes the password or its hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: i32,
    #[schema(example = "alice")]
    pub username: String,
    #[schema(example = "alice@example.com")]
    pub email: String,
    pub phone: Option<Phone>,
    pub role: RoleDto,
    pub is_active: bool,
    /// The doctor profile of this account, if it has one.
    pub doctor_id: Option<i32>,
    /// The patient profile of this account, if it has one.
    pub patient_id: Option<i32>,
    /// The person's name from their doctor or patient profile, if they have one.
    #[schema(example = "Gregory House")]
    pub full_name: Option<String>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
    #[serde(serialize_with = "utc_opt")]
    pub last_login: Option<DateTime<Utc>>,
    #[serde(serialize_with = "utc_opt")]
    pub deactivated_at: Option<DateTime<Utc>>,
}

impl From<User> for UserResponse {
    fn from(user: User) -> Self {
        Self {
            id: user.user_id,
            username: user.username,
            email: user.email,
            phone: Phone::from_parts(
                user.phone_country_code,
                user.phone_number,
                user.phone_extension,
            ),
            role: user.role.into(),
            is_active: user.is_active,
            doctor_id: user.doctor_id,
            patient_id: user.patient_id,
            full_name: user.full_name,
            created_at: user.created_at,
            updated_at: user.updated_at,
            last_login: user.last_login,
            deactivated_at: user.deactivated_at,
        }
    }
}

/// A new account created by an administrator.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[validate(length(min = chars(MIN_USERNAME_CHARS), max = chars(MAX_USERNAME_CHARS)))]
    #[schema(min_length = 3, max_length = 50, example = "dr.house")]
    pub username: String,
    #[validate(length(max = chars(MAX_EMAIL_CHARS)))]
    #[schema(max_length = 254, example = "house@clinic.example")]
    pub email: String,
    /// 12 to 128 characters, not a common password. Omit to create an account that cannot
    /// sign in until a password is set.
    #[validate(length(min = chars(PasswordPolicy::MIN_CHARS), max = chars(PasswordPolicy::MAX_CHARS)))]
    #[schema(min_length = 12, max_length = 128)]
    pub password: Option<String>,
    /// Required: there is no default role. Missing is a field error on `role`.
    #[serde(default)]
    #[schema(required = true, value_type = RoleDto)]
    pub role: Option<RoleDto>,
    pub phone: Option<Phone>,
}

/// Changes to an account; omitted fields stay as they are, `"phone": null` removes the number.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[validate(length(min = chars(MIN_USERNAME_CHARS), max = chars(MAX_USERNAME_CHARS)))]
    #[schema(min_length = 3, max_length = 50)]
    pub username: Option<String>,
    #[validate(length(max = chars(MAX_EMAIL_CHARS)))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    pub role: Option<RoleDto>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Phone>)]
    pub phone: Option<Option<Phone>>,
}

/// A user's coded demographics.
#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DemographicsBody {
    /// A code from `GET /codes/races`.
    pub race: Option<i16>,
    /// A code from `GET /codes/ethnicities`.
    pub ethnicity: Option<i16>,
    /// A code from `GET /codes/genders`.
    pub gender: Option<i16>,
    /// Date of birth, `YYYY-MM-DD`.
    pub dob: Option<NaiveDate>,
}

/// Demographics as stored, with who last changed them.
#[derive(Debug, Serialize, ToSchema)]
pub struct DemographicsResponse {
    pub user_id: i32,
    pub race: Option<i16>,
    pub ethnicity: Option<i16>,
    pub gender: Option<i16>,
    pub dob: Option<NaiveDate>,
    #[serde(serialize_with = "utc_opt")]
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<i32>,
}

impl From<Demographics> for DemographicsResponse {
    fn from(d: Demographics) -> Self {
        Self {
            user_id: d.user_id,
            race: d.race,
            ethnicity: d.ethnicity,
            gender: d.gender,
            dob: d.dob,
            updated_at: d.updated_at,
            updated_by: d.updated_by,
        }
    }
}

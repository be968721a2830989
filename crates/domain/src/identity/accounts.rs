//! User accounts as the use cases see them, and the ports that store them.

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::access::Actor;
use crate::demographics::DateOfBirth;
use crate::identity::Role;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;
use crate::values::{Address, EmailAddress, PersonName, PhoneNumber, Username};

/// A user account as shown to those allowed to see it. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub user_id: i32,
    pub username: String,
    pub email: String,
    pub phone_country_code: Option<String>,
    pub phone_number: Option<String>,
    pub phone_extension: Option<String>,
    pub role: Role,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login: Option<DateTime<Utc>>,
    pub deactivated_at: Option<DateTime<Utc>>,
    /// The doctor profile of this user, if any.
    pub doctor_id: Option<i32>,
    /// The patient profile of this user, if any.
    pub patient_id: Option<i32>,
    /// The person's name ("First Last") from their doctor or patient profile, if any.
    pub full_name: Option<String>,
}

/// What login needs to know about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRecord {
    pub user_id: i32,
    pub role: Role,
    pub is_active: bool,
    /// `None` for an account that has no password yet (cannot sign in).
    pub password_hash: Option<String>,
}

/// What every authenticated request loads about its bearer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRecord {
    pub actor: Actor,
    pub is_active: bool,
    /// Access tokens issued before this moment are no longer accepted (password change).
    pub tokens_valid_after: Option<DateTime<Utc>>,
    /// Whether the session (sign-in) the token belongs to is still open: not signed out, not
    /// revoked by a password change, a deactivation or a replayed refresh token.
    pub session_open: bool,
}

/// A new account, validated.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub email: EmailAddress,
    pub phone: Option<PhoneNumber>,
    pub role: Role,
    /// Already hashed; `None` creates an account that cannot sign in until a password is set.
    pub password_hash: Option<String>,
}

/// A patient signing up, or registered at the front desk: the account, the patient profile
/// and the date of birth, created together.
#[derive(Debug, Clone)]
pub struct NewPatientAccount {
    pub user: NewUser,
    pub name: PersonName,
    /// The postal address, when known (front-desk registration).
    pub address: Option<Address>,
    pub dob: DateOfBirth,
}

/// Changes to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub username: Option<Username>,
    pub email: Option<EmailAddress>,
    /// `Some(None)` removes the phone number.
    pub phone: Option<Option<PhoneNumber>>,
    pub role: Option<Role>,
}

/// Filters of the user list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    /// Matches username or email, case-insensitively, anywhere in the text.
    pub q: Option<String>,
    pub is_active: Option<bool>,
}

/// A user's demographics, coded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Demographics {
    pub user_id: i32,
    pub race: Option<i16>,
    pub ethnicity: Option<i16>,
    pub gender: Option<i16>,
    pub dob: Option<NaiveDate>,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<i32>,
}

/// New demographics of a user (the whole record is replaced).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemographicsInput {
    pub race: Option<i16>,
    pub ethnicity: Option<i16>,
    pub gender: Option<i16>,
    pub dob: Option<DateOfBirth>,
}

/// Stores and loads accounts. Every write records its audit row in the same transaction.
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// The account whose username or email equals `login`, case-insensitively.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn find_for_login(&self, login: &str) -> StoreResult<Option<LoginRecord>>;

    /// Records a successful sign-in (sets `last_login`, stores `rehash` when given) and audits it.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn record_login(&self, user_id: i32, rehash: Option<String>) -> StoreResult<()>;

    /// Audits a failed sign-in (of a known account when `user_id` is given).
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn record_failed_login(&self, user_id: Option<i32>) -> StoreResult<()>;

    /// The actor behind a token's subject and whether the token's session is still open, in
    /// one statement (it runs on every request), or `None` when the account does not exist.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn load_actor(
        &self,
        user_id: i32,
        session: &SessionId,
    ) -> StoreResult<Option<ActorRecord>>;

    /// One page of accounts, ordered by id.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &UserFilter, page: PageRequest) -> StoreResult<Page<User>>;

    /// One account.
    ///
    /// # Errors
    /// `NotFound { entity: "user" }`.
    async fn get(&self, user_id: i32) -> StoreResult<User>;

    /// Creates an account.
    ///
    /// # Errors
    /// `Conflict { code: "username_taken" | "email_taken" }`.
    async fn create(&self, actor: &Actor, new: NewUser) -> StoreResult<User>;

    /// Creates an account on the operator's behalf (the command line bootstrapping the first
    /// admin); audited with no acting user.
    ///
    /// # Errors
    /// `Conflict { code: "username_taken" | "email_taken" }`.
    async fn create_by_operator(&self, new: NewUser) -> StoreResult<User>;

    /// Creates a patient's account, patient profile and demographics in one transaction.
    ///
    /// # Errors
    /// `Conflict { code: "username_taken" | "email_taken" }`.
    async fn register_patient(&self, new: NewPatientAccount) -> StoreResult<User>;

    /// Changes an account.
    ///
    /// # Errors
    /// `NotFound`, `Conflict { code: "username_taken" | "email_taken" }`.
    async fn update(&self, actor: &Actor, user_id: i32, patch: UserPatch) -> StoreResult<User>;

    /// Deactivates an account and revokes its sessions; its tokens stop working at once.
    ///
    /// # Errors
    /// `NotFound`.
    async fn deactivate(&self, actor: &Actor, user_id: i32) -> StoreResult<User>;

    /// Reactivates a deactivated account (audited); an active one is returned unchanged, with
    /// no audit row. Its old sessions stay revoked and tokens issued before now stay refused:
    /// the user signs in again.
    ///
    /// # Errors
    /// `NotFound`.
    async fn reactivate(&self, actor: &Actor, user_id: i32) -> StoreResult<User>;

    /// The stored password hash of an account.
    ///
    /// # Errors
    /// `NotFound`.
    async fn password_hash(&self, user_id: i32) -> StoreResult<Option<String>>;

    /// Replaces the password hash, revokes every session and invalidates access tokens issued
    /// before now.
    ///
    /// # Errors
    /// `NotFound`.
    async fn change_password(&self, user_id: i32, new_hash: String) -> StoreResult<()>;

    /// A user's demographics (empty when none were recorded).
    ///
    /// # Errors
    /// `NotFound { entity: "user" }`.
    async fn demographics(&self, user_id: i32) -> StoreResult<Demographics>;

    /// Replaces a user's demographics.
    ///
    /// # Errors
    /// `NotFound`, `Validation` for an unknown code.
    async fn set_demographics(
        &self,
        actor: &Actor,
        user_id: i32,
        input: DemographicsInput,
    ) -> StoreResult<Demographics>;
}

/// One sign-in: the family of refresh tokens rotated from its first one. Access tokens carry
/// it, so ending the session ends them too. Opaque outside the adapter that stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionId(pub String);

/// How long a session lasts: `idle` since its last refresh, and never beyond `absolute`
/// since it began, however often it is refreshed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLifetime {
    /// A refresh token unused this long expires.
    pub idle: Duration,
    /// A session ends this long after sign-in; the user signs in again.
    pub absolute: Duration,
}

impl SessionLifetime {
    /// 14 days idle, 30 days at most.
    pub const DEFAULT: Self = Self {
        idle: Duration::days(14),
        absolute: Duration::days(30),
    };
}

impl Default for SessionLifetime {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A new session and its first refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartedSession {
    pub session: SessionId,
    pub refresh_token: String,
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// The token was valid and is now spent; here is its successor, in the same session.
    Rotated {
        user_id: i32,
        session: SessionId,
        refresh_token: String,
    },
    /// The token had been spent already: somebody replayed it. Its whole family is revoked.
    Reused,
    /// Unknown, expired (idle or absolute) or revoked.
    Invalid,
}

/// Opaque, single-use refresh tokens grouped in families (one family per sign-in).
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Starts a new family for `user_id` and returns its first token. Only a hash is stored.
    /// The session ends `lifetime.absolute` after now, whatever happens.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn start(
        &self,
        user_id: i32,
        user_agent: Option<String>,
        lifetime: SessionLifetime,
    ) -> StoreResult<StartedSession>;

    /// Spends `token` and issues its successor in the same family, valid `lifetime.idle` but
    /// never beyond the session's absolute end.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only; a bad token is an outcome, not an error.
    async fn rotate(&self, token: &str, lifetime: SessionLifetime) -> StoreResult<RefreshOutcome>;

    /// Revokes the family `token` belongs to (sign-out). Unknown tokens are ignored.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn revoke(&self, token: &str) -> StoreResult<()>;
}

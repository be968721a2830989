//! Identity: who a user is (role), what their password must be, and the ports that hash
//! passwords and sign tokens.

pub mod accounts;
#[cfg(test)]
pub(crate) mod fake;
pub mod password;
pub mod ports;
pub mod role;
pub mod session;
#[cfg(test)]
mod tests;
pub mod throttle;
pub mod use_cases;

pub use accounts::{
    ActorRecord, Demographics, DemographicsInput, LoginRecord, NewPatientAccount, NewUser,
    RefreshOutcome, SessionId, SessionLifetime, SessionRepository, StartedSession, User,
    UserFilter, UserPatch, UserRepository,
};
pub use password::PasswordPolicy;
pub use ports::{
    AccessClaims, PasswordCheck, PasswordHashError, PasswordHasher, TokenError, TokenIssuer,
};
pub use role::Role;
pub use session::{ACCESS_TOKEN_LIFETIME, RefreshSessionError, SessionTokens, refresh_session};
pub use use_cases::{
    CreateUserError, DeactivateUserError, ListUsersError, ReactivateUserError, ReadUserError,
    SignUpOutcome, UpdateUserError, UserAccessError, create_user, deactivate_user, list_users,
    may_create_user, reactivate_user, read_user, sign_up, update_user,
};

//! Identity: who a user is (role), what their password must be, and the ports that hash
//! passwords and sign tokens.

pub mod accounts;
pub mod password;
pub mod ports;
pub mod role;

pub use accounts::{
    ActorRecord, Demographics, DemographicsInput, LoginRecord, NewPatientAccount, NewUser,
    RefreshOutcome, SessionRepository, User, UserFilter, UserPatch, UserRepository,
};
pub use password::PasswordPolicy;
pub use ports::{
    AccessClaims, PasswordCheck, PasswordHashError, PasswordHasher, TokenError, TokenIssuer,
};
pub use role::Role;

//! The clinic's domain: value objects, business rules, state machines and the ports the outside
//! world implements. Pure and synchronous — no database, web framework, runtime or clock of its
//! own — so every rule is unit-tested here in microseconds.
//!
//! Contexts: [`identity`], [`directory`], [`patients`], [`care_team`], [`scheduling`],
//! [`referral`], [`billing`], [`clinical`], [`demographics`], [`notification`], [`messaging`], [`audit`], [`settings`]; shared [`values`],
//! [`error`], [`pagination`] and [`clock`].

pub mod access;
pub mod audit;
pub mod billing;
pub mod calendar_feeds;
pub mod care_team;
pub mod clinical;
pub mod clock;
pub mod demographics;
pub mod directory;
pub mod error;
pub mod identity;
pub mod messaging;
pub mod notification;
pub mod pagination;
pub mod patients;
pub mod referral;
pub mod scheduling;
pub mod settings;
pub mod store;
mod string_enum;
#[cfg(test)]
pub(crate) mod testing;
pub mod values;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{ConflictCode, DomainError, UnknownValue, ValidationError, ValidationErrors};
pub use pagination::{COUNT_LIMIT, Page, PageRequest};
pub use store::{StoreError, StoreResult};

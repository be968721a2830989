//! Authentication: who is calling, slowing down password guessing, and bounding Argon2 work.

pub mod extractor;
pub mod hashing;
pub mod throttle;

pub use extractor::CurrentActor;
pub use hashing::PasswordSlots;

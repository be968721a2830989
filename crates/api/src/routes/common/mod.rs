//! DTO pieces shared by many resources, one name per job: lists and search ([`page`]), phone
//! numbers and addresses ([`contact`]), money and nullable PATCH fields ([`fields`]),
//! validation and timestamps (here). Search here before writing a helper in a handler.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serializer;
use validator::Validate;

use crate::error::{ApiError, ApiResult};

mod contact;
mod fields;
mod page;

pub use contact::{AddressBody, Phone};
pub use fields::{MoneyText, nullable, parse_nullable};
pub use page::{MAX_SEARCH_CHARS, PageQuery, PageResponse, search_term};

/// A domain limit in characters, as `validator`'s `length` wants it:
/// `#[validate(length(max = chars(MAX_NOTES_CHARS)))]` states the value object's constant
/// instead of repeating its number.
#[must_use]
pub const fn chars(limit: usize) -> u64 {
    limit as u64
}

/// Runs the DTO's `validator` rules.
///
/// # Errors
/// 422 listing every invalid field.
pub fn validate(dto: &impl Validate) -> ApiResult<()> {
    dto.validate().map_err(ApiError::from)
}

/// Serialises a moment as RFC 3339 in UTC with a `Z`, as the API promises.
///
/// # Errors
/// Never, in practice.
pub fn utc<S: Serializer>(moment: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&moment.to_rfc3339_opts(SecondsFormat::Micros, true))
}

/// As [`utc`], for optional moments.
///
/// # Errors
/// Never, in practice.
pub fn utc_opt<S: Serializer>(
    moment: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match moment {
        Some(m) => utc(m, serializer),
        None => serializer.serialize_none(),
    }
}

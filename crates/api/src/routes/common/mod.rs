//! DTO pieces shared by many resources: pages, phone numbers, addresses, nullable fields,
//! validation.

use chrono::{DateTime, SecondsFormat, Utc};
use clinic_domain::patients::PostalAddress;
use clinic_domain::values::{Address, AddressInput, PhoneNumber};
use clinic_domain::{Page, PageRequest, ValidationError, ValidationErrors};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::error::{ApiError, ApiResult};

/// `page` and `per_page` of every list.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1.
    #[param(minimum = 1, example = 1)]
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// The validated page request.
    ///
    /// # Errors
    /// 422 naming `page` or `per_page`.
    pub fn request(self) -> ApiResult<PageRequest> {
        PageRequest::parse(self.page, self.per_page).map_err(ApiError::from)
    }
}

/// One page of a list, in a stable order.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageResponse<T: ToSchema> {
    /// The items of this page.
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size asked for.
    pub per_page: u32,
    /// How many items match in all.
    pub total: u64,
}

impl<T: ToSchema> PageResponse<T> {
    /// A page with no items, for a list whose scope admits nothing.
    pub fn empty(request: PageRequest) -> Self {
        Self::from_page(Page::new(Vec::new(), request, 0), |item: T| item)
    }

    /// Converts a domain page, mapping each item.
    pub fn from_page<U>(page: Page<U>, f: impl FnMut(U) -> T) -> Self {
        let page = page.map(f);
        Self {
            page: page.page,
            per_page: page.per_page,
            total: page.total,
            items: page.items,
        }
    }
}

/// A phone number: optional country code and extension.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// E.g. `+1`.
    #[schema(example = "+1", max_length = 4)]
    pub country_code: Option<String>,
    /// Digits, spaces and `-().` as the person writes it.
    #[schema(example = "555-0100", min_length = 4, max_length = 20)]
    pub number: String,
    /// Digits only.
    #[schema(example = "12", max_length = 10)]
    pub extension: Option<String>,
}

impl Phone {
    /// Validates into the domain value.
    ///
    /// # Errors
    /// Each invalid part, under `prefix` (e.g. `phone.number`).
    pub fn parse(&self, prefix: &str) -> Result<PhoneNumber, ValidationErrors> {
        PhoneNumber::parse(
            self.country_code.as_deref(),
            &self.number,
            self.extension.as_deref(),
        )
        .map_err(|errors| {
            let mut prefixed = ValidationErrors::new();
            prefixed.extend_prefixed(prefix, errors);
            prefixed
        })
    }

    /// The stored parts as a DTO; `None` when no number is on file.
    #[must_use]
    pub fn from_parts(
        country_code: Option<String>,
        number: Option<String>,
        extension: Option<String>,
    ) -> Option<Self> {
        number.map(|number| Self {
            country_code,
            number,
            extension,
        })
    }
}

/// A postal address.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AddressBody {
    /// Street and number.
    #[schema(example = "1 Main St", min_length = 1, max_length = 200)]
    pub line1: String,
    /// Flat, suite, building.
    #[schema(max_length = 200)]
    pub line2: Option<String>,
    #[schema(example = "Springfield", min_length = 1, max_length = 100)]
    pub city: String,
    /// State, province or region.
    #[schema(example = "IL", max_length = 100)]
    pub state: Option<String>,
    /// Letters, digits, spaces and `-`.
    #[schema(example = "62701", max_length = 20)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code, any case.
    #[schema(example = "US", min_length = 2, max_length = 2)]
    pub country: String,
}

impl AddressBody {
    /// Validates into the domain value.
    ///
    /// # Errors
    /// Each invalid part, as `{prefix}.line1`, `{prefix}.city`, ...
    pub fn parse(&self, prefix: &str) -> Result<Address, ValidationErrors> {
        Address::parse(AddressInput {
            line1: &self.line1,
            line2: self.line2.as_deref(),
            city: &self.city,
            state: self.state.as_deref(),
            postal_code: self.postal_code.as_deref(),
            country: &self.country,
        })
        .map_err(|errors| {
            // The value object names the columns (`address_line1`); clients sent `line1`.
            errors
                .into_vec()
                .into_iter()
                .map(|e| {
                    let part = e.field.strip_prefix("address_").unwrap_or(&e.field);
                    let field = format!("{prefix}.{part}");
                    ValidationError::new(field, e.message)
                })
                .collect::<Vec<_>>()
                .into()
        })
    }
}

impl From<PostalAddress> for AddressBody {
    fn from(address: PostalAddress) -> Self {
        Self {
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            state: address.state,
            postal_code: address.postal_code,
            country: address.country,
        }
    }
}

/// For fields of a partial update where a missing field means "keep" and `null` means
/// "remove": `#[serde(default, deserialize_with = "nullable")]` on an `Option<Option<T>>`.
///
/// # Errors
/// The inner value's deserialisation error.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Parses a nullable field of a partial update: absent stays `None` ("keep"), `null` becomes
/// `Some(None)` ("remove"), and a value is parsed, its errors recorded in `errors`.
pub fn parse_nullable<T, U>(
    field: &Option<Option<T>>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(&T) -> Result<U, ValidationErrors>,
) -> Option<Option<U>> {
    match field {
        None => None,
        Some(None) => Some(None),
        Some(Some(value)) => errors.capture_all(parse(value)).map(Some),
    }
}

/// Longest free-text search (`q`) accepted.
pub const MAX_SEARCH_CHARS: usize = 100;

/// The `q` search parameter of a list: trimmed, `None` when blank.
///
/// # Errors
/// 422 on `q` when it is longer than 100 characters.
pub fn search_text(q: Option<String>) -> ApiResult<Option<String>> {
    if q.as_ref()
        .is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS)
    {
        return Err(ApiError::invalid_field(
            "q",
            "must be at most 100 characters long",
        ));
    }
    Ok(q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()))
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

//! Request and response bodies of `/offices`, and their conversion to domain input.

use chrono::{DateTime, Utc};
use clinic_domain::directory::{EntryName, NewOffice, Office, OfficePatch, OfficeServices};
use clinic_domain::values::{EmailAddress, Money};
use clinic_domain::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::routes::common::{AddressBody, MoneyText, Phone, nullable, parse_nullable, utc};

/// A service an office offers.
#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ServiceBody {
    /// Unique within the office, case-insensitively.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Vaccination")]
    pub name: String,
    /// A fixed price, as a decimal string with at most two decimal places; omit or `null` when
    /// the price varies.
    #[schema(value_type = Option<String>, pattern = r"^\d{1,10}(\.\d{1,2})?$", example = "45.00")]
    pub price: Option<MoneyText>,
}

/// A service an office offers, with its price if fixed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceResponse {
    #[schema(example = "Vaccination")]
    pub name: String,
    #[schema(value_type = Option<String>, example = "45.00")]
    pub price: Option<Money>,
}

/// A new office.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateOfficeRequest {
    /// Unique, case-insensitively.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Main Street Clinic")]
    pub name: String,
    pub address: AddressBody,
    pub phone: Option<Phone>,
    #[validate(length(max = 254))]
    #[schema(max_length = 254, example = "main@clinic.example")]
    pub email: Option<String>,
    /// An IANA time zone name; doctors' working hours at this office are in its local time.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "America/Chicago")]
    pub time_zone: String,
    /// Defaults to true.
    pub is_active: Option<bool>,
    /// The services offered; defaults to none.
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    #[schema(max_items = 100)]
    pub services: Vec<ServiceBody>,
}

/// Changes to an office; omitted fields stay as they are. `address` replaces the whole
/// address; `"phone": null` and `"email": null` remove them; `services` replaces the whole
/// list.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateOfficeRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub address: Option<AddressBody>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Phone>)]
    pub phone: Option<Option<Phone>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    /// An IANA time zone name.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub time_zone: Option<String>,
    pub is_active: Option<bool>,
    #[validate(length(max = 100), nested)]
    #[schema(max_items = 100)]
    pub services: Option<Vec<ServiceBody>>,
}

/// An office with its services.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeResponse {
    pub id: i32,
    #[schema(example = "Main Street Clinic")]
    pub name: String,
    pub address: AddressBody,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    #[schema(example = "America/Chicago")]
    pub time_zone: String,
    pub is_active: bool,
    /// Ordered by name.
    pub services: Vec<ServiceResponse>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<Office> for OfficeResponse {
    fn from(o: Office) -> Self {
        Self {
            id: o.office_id,
            name: o.name,
            address: AddressBody {
                line1: o.address_line1,
                line2: o.address_line2,
                city: o.city,
                state: o.state,
                postal_code: o.postal_code,
                country: o.country,
            },
            phone: Phone::from_parts(o.phone_country_code, o.phone_number, o.phone_extension),
            email: o.email,
            time_zone: o.time_zone,
            is_active: o.is_active,
            services: o
                .services
                .into_iter()
                .map(|s| ServiceResponse {
                    name: s.name,
                    price: s.price,
                })
                .collect(),
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// The canonical name of an IANA time zone (`Europe/Berlin`), checked against the tz database.
///
/// # Errors
/// A [`ValidationError`] on `time_zone` for a name the database does not know.
pub fn parse_time_zone(raw: &str) -> Result<String, ValidationError> {
    raw.trim()
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| {
            ValidationError::new(
                "time_zone",
                "must be an IANA time zone name such as Europe/Berlin or America/New_York",
            )
        })
}

fn parse_services(
    services: &[ServiceBody],
    errors: &mut ValidationErrors,
) -> Option<OfficeServices> {
    let rows: Vec<_> = services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let field = format!("services[{i}].price");
            let price = s
                .price
                .as_ref()
                .and_then(|p| errors.capture(p.parse(&field)));
            (s.name.as_str(), price)
        })
        .collect();
    errors.capture_all(OfficeServices::parse(&rows))
}

impl CreateOfficeRequest {
    /// The validated office.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(&self) -> Result<NewOffice, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.capture(EntryName::office(&self.name));
        let address = errors.capture_all(self.address.parse("address"));
        let phone = self
            .phone
            .as_ref()
            .map(|p| errors.capture_all(p.parse("phone")));
        let email = self
            .email
            .as_deref()
            .map(|e| errors.capture(EmailAddress::parse(e)));
        let time_zone = errors.capture(parse_time_zone(&self.time_zone));
        let services = parse_services(&self.services, &mut errors);
        match (name, address, phone, email, time_zone, services) {
            (Some(name), Some(address), phone, email, Some(time_zone), Some(services))
                if errors.is_empty() =>
            {
                Ok(NewOffice {
                    name,
                    address,
                    phone: phone.flatten(),
                    email: email.flatten(),
                    time_zone,
                    is_active: self.is_active.unwrap_or(true),
                    services,
                })
            }
            _ => Err(errors),
        }
    }
}

impl UpdateOfficeRequest {
    /// The validated changes.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(&self) -> Result<OfficePatch, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let patch = OfficePatch {
            name: self
                .name
                .as_deref()
                .and_then(|n| errors.capture(EntryName::office(n))),
            address: self
                .address
                .as_ref()
                .and_then(|a| errors.capture_all(a.parse("address"))),
            phone: parse_nullable(self.phone.as_ref(), |p| {
                errors.capture_all(p.parse("phone"))
            }),
            email: parse_nullable(self.email.as_ref(), |e| {
                errors.capture(EmailAddress::parse(e))
            }),
            time_zone: self
                .time_zone
                .as_deref()
                .and_then(|tz| errors.capture(parse_time_zone(tz))),
            is_active: self.is_active,
            services: self
                .services
                .as_deref()
                .and_then(|s| parse_services(s, &mut errors)),
        };
        errors.into_result().map(|()| patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(parse_time_zone(" Europe/Berlin ").unwrap(), "Europe/Berlin");
        assert_eq!(parse_time_zone("UTC").unwrap(), "UTC");
        for bad in ["Mars/Olympus_Mons", "", "+02:00", "CEST"] {
            assert_eq!(
                parse_time_zone(bad).unwrap_err().field,
                "time_zone",
                "{bad}"
            );
        }
    }
}

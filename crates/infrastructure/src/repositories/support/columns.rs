//! Converting between domain values and the columns that store them.

use clinic_domain::values::{Address, Money, PhoneNumber};
use clinic_domain::{StoreError, StoreResult};
use rust_decimal::Decimal;
use sea_orm::Value;

/// An amount read from a money column; the schema keeps it `numeric(12,2)` and non-negative.
pub(crate) fn stored_money(amount: Decimal, column: &str) -> StoreResult<Money> {
    Money::new(amount).map_err(|e| StoreError::Unexpected(format!("{column} holds {amount}: {e}")))
}

/// The three phone columns of an optional phone number, in the order country code, number,
/// extension.
pub(crate) fn phone_values(phone: Option<&PhoneNumber>) -> [Value; 3] {
    [
        phone
            .and_then(|p| p.country_code().map(str::to_owned))
            .into(),
        phone.map(|p| p.number().to_owned()).into(),
        phone.and_then(|p| p.extension().map(str::to_owned)).into(),
    ]
}

/// The six address columns of an optional address, in the order line 1, line 2, city, state,
/// postal code, country.
pub(crate) fn address_values(address: Option<&Address>) -> [Value; 6] {
    let text = |part: fn(&Address) -> Option<&str>| address.and_then(part).map(str::to_owned);
    [
        text(|a| Some(a.line1())).into(),
        text(Address::line2).into(),
        text(|a| Some(a.city())).into(),
        text(Address::state).into(),
        text(Address::postal_code).into(),
        text(|a| Some(a.country().as_str())).into(),
    ]
}

//! An amount of money in the clinic's currency.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ValidationError;

/// Why an amount is not valid money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a plain decimal number such as `120.00`.
    #[error("must be a decimal amount such as 120.00")]
    NotANumber,
    /// Below zero.
    #[error("must not be negative")]
    Negative,
    /// More than two decimal places; the database would silently round them.
    #[error("must have at most 2 decimal places")]
    TooManyDecimals,
    /// Above [`Money::MAX`]; would not fit `NUMERIC(12,2)`.
    #[error("must be at most 9999999999.99")]
    TooLarge,
}

impl MoneyError {
    /// This error reported on `field`.
    pub fn on(self, field: impl Into<String>) -> ValidationError {
        ValidationError::new(field, self.to_string())
    }
}

/// A non-negative amount with at most two decimal places that fits `NUMERIC(12,2)`.
///
/// Amounts are never rounded: `1.234` is refused rather than turned into `1.23`, since a
/// silently changed amount on a bill is worse than an error. Trailing zeros beyond two places
/// change nothing and are accepted (`1.230` is `1.23`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Money(Decimal);

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(Decimal::ZERO);
    /// The largest amount `NUMERIC(12,2)` holds: 9 999 999 999.99.
    // 999_999_999_999 × 10⁻² given as 32-bit words, because only `from_parts` is usable in a const.
    pub const MAX: Money = Money(Decimal::from_parts(3_567_587_327, 232, 0, false, 2));

    /// Validates `amount`.
    ///
    /// # Errors
    /// [`MoneyError::Negative`], [`MoneyError::TooManyDecimals`] or [`MoneyError::TooLarge`].
    pub fn new(amount: Decimal) -> Result<Money, MoneyError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(MoneyError::Negative);
        }
        let mut exact = amount.normalize();
        if exact.scale() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        if exact > Self::MAX.0 {
            return Err(MoneyError::TooLarge);
        }
        // One representation per amount, so `Display` and the database see the same digits.
        exact.rescale(2);
        Ok(Money(exact))
    }

    /// Parses a decimal string such as `"120.00"` (the API's money format).
    ///
    /// # Errors
    /// [`MoneyError::NotANumber`] for anything but digits with an optional `.` and leading `-`
    /// (exponents and floats' `NaN`/`inf` included), else as [`Money::new`].
    pub fn parse_str(raw: &str) -> Result<Money, MoneyError> {
        let text = raw.trim();
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(MoneyError::NotANumber);
        }
        if unsigned.ends_with('.') {
            return Err(MoneyError::NotANumber);
        }
        // `from_str_exact` errors where `from_str` would round an over-long fraction.
        let amount = Decimal::from_str_exact(text).map_err(|_| {
            if whole.len() > 10 {
                MoneyError::TooLarge
            } else {
                MoneyError::TooManyDecimals
            }
        })?;
        Money::new(amount)
    }

    /// The amount.
    pub fn amount(self) -> Decimal {
        self.0
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`MoneyError::TooLarge`] when the sum exceeds [`Money::MAX`].
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_add(other.0)
            .ok_or(MoneyError::TooLarge)
            .and_then(Money::new)
    }

    /// `self - other`.
    ///
    /// # Errors
    /// [`MoneyError::Negative`] when `other` is larger.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        Money::new(self.0 - other.0)
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse_str(s)
    }
}

impl TryFrom<Decimal> for Money {
    type Error = MoneyError;

    fn try_from(amount: Decimal) -> Result<Self, Self::Error> {
        Money::new(amount)
    }
}

impl From<Money> for Decimal {
    fn from(money: Money) -> Self {
        money.0
    }
}

impl Money {
    /// The amount as a person reads it in a message: `$1,234.50`, `$0.50`.
    #[must_use]
    pub fn for_people(self) -> String {
        let plain = self.to_string();
        let (whole, cents) = plain.split_once('.').unwrap_or((&plain, "00"));
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        format!("${grouped}.{cents}")
    }
}

/// Always two decimal places: `120.00`, `0.50`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut amount = self.0;
        amount.rescale(2);
        write!(f, "{amount}")
    }
}

/// Serialised as a string with two places, never as a JSON number (floats lose cents).
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Accepts only a string, validated like [`Money::parse_str`].
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::parse_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_an_amount_with_its_dollar_sign_and_thousands() {
        let read = |raw: &str| Money::parse_str(raw).unwrap().for_people();
        assert_eq!(
            (
                read("0.5"),
                read("120"),
                read("1234.5"),
                read("9999999999.99")
            ),
            (
                "$0.50".to_owned(),
                "$120.00".to_owned(),
                "$1,234.50".to_owned(),
                "$9,999,999,999.99".to_owned()
            )
        );
    }

    fn money(s: &str) -> Money {
        Money::parse_str(s).unwrap()
    }

    #[test]
    fn amounts_display_with_two_decimal_places() {
        assert_eq!(money("120").to_string(), "120.00");
        assert_eq!(money("0.5").to_string(), "0.50");
        assert_eq!(money("120.00").to_string(), "120.00");
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }

    #[test]
    fn a_third_decimal_place_is_rejected_not_rounded() {
        assert_eq!(Money::parse_str("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse_str("0.001"), Err(MoneyError::TooManyDecimals));
        assert_eq!(
            Money::new(Decimal::new(1234, 3)),
            Err(MoneyError::TooManyDecimals)
        );
    }

    #[test]
    fn trailing_zeros_beyond_two_places_are_harmless() {
        assert_eq!(money("1.230"), money("1.23"));
    }

    #[test]
    fn a_very_long_fraction_is_rejected_not_rounded() {
        assert_eq!(
            Money::parse_str("0.100000000000000000000000000001"),
            Err(MoneyError::TooManyDecimals)
        );
    }

    #[test]
    fn negative_amounts_are_rejected() {
        assert_eq!(Money::parse_str("-0.01"), Err(MoneyError::Negative));
        assert_eq!(money("-0").to_string(), "0.00");
    }

    #[test]
    fn the_largest_amount_fits_numeric_12_2() {
        assert_eq!(Money::MAX.to_string(), "9999999999.99");
        assert_eq!(money("9999999999.99"), Money::MAX);
        assert_eq!(
            Money::parse_str("10000000000.00"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            Money::parse_str("99999999999999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn things_that_are_not_plain_decimals_are_rejected() {
        for raw in [
            "", "abc", "1e3", "NaN", "inf", "1.", ".5", "1,00", "+1", "1.2.3", " - 1",
        ] {
            assert_eq!(Money::parse_str(raw), Err(MoneyError::NotANumber), "{raw}");
        }
    }

    #[test]
    fn addition_past_the_maximum_fails() {
        assert_eq!(
            Money::MAX.checked_add(money("0.01")),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(money("1.10").checked_add(money("2.05")), Ok(money("3.15")));
    }

    #[test]
    fn subtraction_below_zero_fails() {
        assert_eq!(
            money("1").checked_sub(money("1.01")),
            Err(MoneyError::Negative)
        );
        assert_eq!(money("5").checked_sub(money("1.50")), Ok(money("3.50")));
    }

    #[test]
    fn money_travels_as_a_string_and_refuses_json_numbers() {
        assert_eq!(serde_json::to_string(&money("7.5")).unwrap(), r#""7.50""#);
        assert_eq!(
            serde_json::from_str::<Money>(r#""7.50""#).unwrap(),
            money("7.5")
        );
        assert!(serde_json::from_str::<Money>("7.5").is_err());
        assert!(serde_json::from_str::<Money>(r#""7.555""#).is_err());
    }

    #[test]
    fn a_money_error_names_the_field() {
        let error = MoneyError::Negative.on("amount");
        assert_eq!(error.field, "amount");
        assert_eq!(error.message, "must not be negative");
    }
}

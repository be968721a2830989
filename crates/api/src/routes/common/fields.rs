//! Request fields whose parsing several resources share: money as a decimal string, and PATCH
//! fields where `null` differs from absent.

use clinic_domain::ValidationError;
use clinic_domain::values::Money;
use serde::{Deserialize, Deserializer, Serialize};

/// An amount of money as the client sent it. Any JSON value is accepted while reading the
/// body, so that a JSON number (`120`) or a malformed string is reported on its field by
/// [`MoneyText::parse`], together with every other invalid field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MoneyText(serde_json::Value);

impl MoneyText {
    /// The amount: a decimal string with at most two decimal places, e.g. `"120"`, `"120.5"`,
    /// `"120.50"`; never a JSON number (a float would lose cents), never rounded.
    ///
    /// # Errors
    /// A [`ValidationError`] on `field`.
    pub fn parse(&self, field: &str) -> Result<Money, ValidationError> {
        match &self.0 {
            serde_json::Value::String(text) => Money::parse_str(text).map_err(|e| e.on(field)),
            _ => Err(ValidationError::new(
                field,
                "must be a decimal string such as \"120.00\", not a number",
            )),
        }
    }
}

/// For `#[serde(default, deserialize_with = "nullable")]` on an `Option<Option<T>>` PATCH
/// field: absent is `None` (keep), `null` is `Some(None)` (remove).
///
/// # Errors
/// When the value is neither `null` nor a `T`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Parses a [`nullable`] PATCH field: absent stays `None`, `null` becomes `Some(None)`
/// (remove), a value becomes `Some(parse(value))`, and `None` when `parse` rejects it (having
/// recorded why).
pub fn parse_nullable<T, U>(
    field: Option<&Option<T>>,
    parse: impl FnOnce(&T) -> Option<U>,
) -> Option<Option<U>> {
    match field? {
        None => Some(None),
        Some(value) => parse(value).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn money(value: serde_json::Value) -> Result<Money, ValidationError> {
        serde_json::from_value::<MoneyText>(value)
            .unwrap()
            .parse("fee")
    }

    #[test]
    fn money_is_a_string_with_at_most_two_decimals() {
        assert_eq!(money(json!("120.5")).unwrap().to_string(), "120.50");
        assert_eq!(money(json!("7")).unwrap().to_string(), "7.00");
        for bad in [
            json!("1.234"),
            json!(120),
            json!(12.5),
            json!("abc"),
            json!(true),
        ] {
            assert_eq!(money(bad.clone()).unwrap_err().field, "fee", "{bad}");
        }
    }

    #[test]
    fn a_nullable_field_keeps_removes_or_parses() {
        let parse = |v: &i32| (*v > 0).then_some(*v * 10);
        assert_eq!(parse_nullable(None, parse), None);
        assert_eq!(parse_nullable(Some(&None), parse), Some(None));
        assert_eq!(parse_nullable(Some(&Some(2)), parse), Some(Some(20)));
        assert_eq!(parse_nullable(Some(&Some(-1)), parse), None);
    }
}

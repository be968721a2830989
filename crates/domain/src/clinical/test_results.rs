//! Laboratory and other test results attached to a medical record, stored as `jsonb`.
//!
//! The structure is checked before storing: PostgreSQL rejects `\u0000` in jsonb text, and a
//! number too large for a float makes the stored document fail to decode later.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::clinical::json_fields::{optional_string, reject_unknown_keys, required_string};
use crate::error::{ValidationError, ValidationErrors};
use crate::string_enum::string_enum;

/// Most results one record may carry.
pub const MAX_RESULTS: usize = 200;
/// Longest test name or text value, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Largest magnitude of a numeric value; beyond it floats lose whole units.
pub const MAX_ABS_NUMBER: f64 = 1e15;
const MAX_UNIT_CHARS: usize = 50;
const MAX_RANGE_CHARS: usize = 100;
const FIELDS: [&str; 8] = [
    "name",
    "value",
    "unit",
    "reference_range",
    "reference_low",
    "reference_high",
    "flag",
    "observed_at",
];

string_enum! {
    /// How a result compares with its reference range.
    pub enum ResultFlag (kind = "result flag") {
        /// Within range.
        Normal = "normal",
        /// Below range.
        Low = "low",
        /// Above range.
        High = "high",
        /// Needs immediate attention.
        Critical = "critical",
        /// Outside range, for results without a direction.
        Abnormal = "abnormal",
    }
}

/// One test result, e.g. `{"name": "HbA1c", "value": 6.1, "unit": "%", "flag": "high"}`.
///
/// `Deserialize` reads documents already validated by [`TestResults::parse`] (stored jsonb);
/// input from clients goes through `parse` for its error paths and limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestResult {
    name: String,
    value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_high: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flag: Option<ResultFlag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    observed_at: Option<DateTime<Utc>>,
}

impl TestResult {
    /// What was measured.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The result: a JSON string or a finite number.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Unit of a numeric value, e.g. `mmol/L`.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }

    /// The normal range as printed by the lab, e.g. `4.0-5.6`.
    pub fn reference_range(&self) -> Option<&str> {
        self.reference_range.as_deref()
    }

    /// The lowest normal value, as given or as read from the printed range.
    pub fn reference_low(&self) -> Option<f64> {
        self.range().low
    }

    /// The highest normal value, as given or as read from the printed range.
    pub fn reference_high(&self) -> Option<f64> {
        self.range().high
    }

    /// The range the flag is computed from: the numeric limits given, else the printed range
    /// read as `4.0-5.6`, `<5`, `<=5`, `>40`, `>=40` (or with `≤ ≥ – to`).
    pub fn range(&self) -> ReferenceRange {
        if self.reference_low.is_some() || self.reference_high.is_some() {
            return ReferenceRange {
                low: self.reference_low,
                high: self.reference_high,
            };
        }
        self.reference_range
            .as_deref()
            .and_then(ReferenceRange::parse)
            .unwrap_or_default()
    }

    /// How the value compares with the range: computed for a numeric value with a range
    /// (the computed flag wins over one sent); otherwise the flag the clinician chose, for a
    /// text result ("positive") or one without a range.
    pub fn flag(&self) -> Option<ResultFlag> {
        self.value
            .as_f64()
            .and_then(|value| self.range().flag(value))
            .or(self.flag)
    }

    /// When the sample was taken or the observation made.
    pub fn observed_at(&self) -> Option<DateTime<Utc>> {
        self.observed_at
    }

    fn parse(element: &Value, path: &str, errors: &mut ValidationErrors) -> Option<TestResult> {
        let Value::Object(object) = element else {
            errors.push(ValidationError::new(path, "must be an object"));
            return None;
        };
        reject_unknown_keys(object, &FIELDS, path, errors);
        let name = required_string(object, "name", path, MAX_NAME_CHARS, errors);
        let value = errors.capture(parse_value(object, &format!("{path}.value")));
        let unit = optional_string(object, "unit", path, MAX_UNIT_CHARS, errors);
        let reference_range =
            optional_string(object, "reference_range", path, MAX_RANGE_CHARS, errors);
        let low = errors.capture(parse_limit(object, "reference_low", path));
        let high = errors.capture(parse_limit(object, "reference_high", path));
        if let (Some(Some(low)), Some(Some(high))) = (low, high)
            && low > high
        {
            errors.push(ValidationError::new(
                format!("{path}.reference_high"),
                "must not be below the low limit",
            ));
        }
        let flag = errors.capture(parse_flag(object, &format!("{path}.flag")));
        let observed_at = errors.capture(parse_observed_at(object, &format!("{path}.observed_at")));
        let mut result = TestResult {
            name: name?,
            value: value?,
            unit: unit?,
            reference_range: reference_range?,
            reference_low: low?,
            reference_high: high?,
            flag: flag?,
            observed_at: observed_at?,
        };
        // Stored as computed, so the stored document says what the chart shows.
        result.flag = result.flag();
        Some(result)
    }
}

fn parse_value(object: &Map<String, Value>, field: &str) -> Result<Value, ValidationError> {
    match object.get("value") {
        Some(Value::String(text)) => {
            crate::values::free_text::required_line(field, text, MAX_NAME_CHARS).map(Value::String)
        }
        Some(Value::Number(number)) => match number.as_f64() {
            Some(n) if n.is_finite() && n.abs() <= MAX_ABS_NUMBER => {
                Ok(Value::Number(number.clone()))
            }
            _ => Err(ValidationError::new(
                field,
                "must be a finite number between -1e15 and 1e15",
            )),
        },
        None | Some(Value::Null) => Err(ValidationError::new(field, "is required")),
        Some(_) => Err(ValidationError::new(field, "must be a string or a number")),
    }
}

/// A reference range: the lowest and highest normal values (either may be open).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReferenceRange {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl ReferenceRange {
    /// Reads a printed range: `4.0-5.6`, `4.0 – 5.6`, `4 to 5.6`, `<5`, `<=5`, `≤5`, `>40`,
    /// `>=40`, `≥40`. `None` for anything else (the range is then shown, not computed with).
    #[must_use]
    pub fn parse(text: &str) -> Option<ReferenceRange> {
        let text = text.trim();
        let number = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
        for prefix in ["<=", "≤", "<"] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return number(rest).map(|high| ReferenceRange {
                    low: None,
                    high: Some(high),
                });
            }
        }
        for prefix in [">=", "≥", ">"] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return number(rest).map(|low| ReferenceRange {
                    low: Some(low),
                    high: None,
                });
            }
        }
        // Split at a separator that is not a leading minus sign.
        for separator in [" to ", "–", "-"] {
            let found = text
                .char_indices()
                .skip(1)
                .find(|(i, _)| text[*i..].starts_with(separator))
                .map(|(i, _)| i);
            if let Some(i) = found {
                let (low, high) = (number(&text[..i])?, number(&text[i + separator.len()..])?);
                return (low <= high).then_some(ReferenceRange {
                    low: Some(low),
                    high: Some(high),
                });
            }
        }
        None
    }

    /// The flag of `value`: low below the range, high above it, normal within (limits
    /// included); `None` for a range with no limit.
    #[must_use]
    pub fn flag(self, value: f64) -> Option<ResultFlag> {
        if self.low.is_none() && self.high.is_none() {
            return None;
        }
        Some(match (self.low, self.high) {
            (Some(low), _) if value < low => ResultFlag::Low,
            (_, Some(high)) if value > high => ResultFlag::High,
            _ => ResultFlag::Normal,
        })
    }
}

fn parse_limit(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<f64>, ValidationError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(n) if n.is_finite() && n.abs() <= MAX_ABS_NUMBER => Ok(Some(n)),
            _ => Err(ValidationError::new(
                format!("{path}.{key}"),
                "must be a finite number between -1e15 and 1e15",
            )),
        },
        Some(_) => Err(ValidationError::new(
            format!("{path}.{key}"),
            "must be a number",
        )),
    }
}

fn parse_flag(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<ResultFlag>, ValidationError> {
    match object.get("flag") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => text.parse().map(Some).map_err(|_| {
            ValidationError::new(field, "must be normal, low, high, critical or abnormal")
        }),
        Some(_) => Err(ValidationError::new(field, "must be a string")),
    }
}

fn parse_observed_at(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<DateTime<Utc>>, ValidationError> {
    match object.get("observed_at") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => DateTime::parse_from_rfc3339(text.trim())
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| ValidationError::new(field, "must be an RFC 3339 date-time with offset")),
        Some(_) => Err(ValidationError::new(field, "must be a string")),
    }
}

/// The test results of one medical record: a list of at most 200 [`TestResult`]s.
///
/// `Deserialize` reads stored documents (`medical_records.test_results`); client input goes
/// through [`TestResults::parse`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TestResults(Vec<TestResult>);

impl TestResults {
    /// Validates a client's `test_results` JSON. Errors name their path, e.g.
    /// `test_results[3].name`, and every problem is reported at once.
    ///
    /// # Errors
    /// Not an array, more than 200 elements, or any invalid element or field.
    pub fn parse(raw: Value) -> Result<TestResults, ValidationErrors> {
        let Value::Array(elements) = raw else {
            return Err(ValidationError::new("test_results", "must be a list").into());
        };
        if elements.len() > MAX_RESULTS {
            return Err(ValidationError::new(
                "test_results",
                format!("must hold at most {MAX_RESULTS} results"),
            )
            .into());
        }
        let mut errors = ValidationErrors::new();
        let results: Vec<_> = elements
            .iter()
            .enumerate()
            .filter_map(|(i, element)| {
                TestResult::parse(element, &format!("test_results[{i}]"), &mut errors)
            })
            .collect();
        errors.into_result()?;
        Ok(TestResults(results))
    }

    /// The results, in the order given.
    pub fn as_slice(&self) -> &[TestResult] {
        &self.0
    }

    /// The JSON to store in `medical_records.test_results`.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields(raw: Value) -> Vec<String> {
        TestResults::parse(raw)
            .unwrap_err()
            .into_vec()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_list_of_valid_results_is_accepted() {
        let results = TestResults::parse(json!([
            {"name": "HbA1c", "value": 6.1, "unit": "%", "reference_range": "4.0-5.6",
             "flag": "high", "observed_at": "2030-01-02T08:30:00+01:00"},
            {"name": "Urine culture", "value": "no growth"}
        ]))
        .unwrap();
        let first = &results.as_slice()[0];
        assert_eq!(first.flag(), Some(ResultFlag::High));
        assert_eq!(
            first.observed_at().unwrap().to_rfc3339(),
            "2030-01-02T07:30:00+00:00"
        );
        assert_eq!(results.as_slice()[1].value(), &json!("no growth"));
    }

    #[test]
    fn results_survive_a_round_trip_through_storage() {
        let raw = json!([{"name": "K", "value": 4.2, "unit": "mmol/L"}]);
        let results = TestResults::parse(raw.clone()).unwrap();
        assert_eq!(results.to_json(), raw);
        let stored: Vec<TestResult> = serde_json::from_value(results.to_json()).unwrap();
        assert_eq!(stored, results.as_slice());
    }

    #[test]
    fn anything_but_a_list_is_refused() {
        assert_eq!(fields(json!({"name": "x"})), ["test_results"]);
    }

    #[test]
    fn more_than_200_results_are_refused() {
        let many: Vec<_> = (0..201).map(|i| json!({"name": "t", "value": i})).collect();
        assert_eq!(fields(Value::Array(many.clone())), ["test_results"]);
        assert!(TestResults::parse(Value::Array(many[..200].to_vec())).is_ok());
    }

    #[test]
    fn errors_name_the_index_and_field() {
        assert_eq!(
            fields(json!([
                {"name": "ok", "value": 1},
                {"name": "ok", "value": 1},
                {"name": "ok", "value": 1},
                {"name": "", "value": 1}
            ])),
            ["test_results[3].name"]
        );
    }

    #[test]
    fn every_bad_field_of_every_result_is_reported() {
        assert_eq!(
            fields(json!([
                {"name": 5, "value": true, "flag": "weird", "observed_at": "yesterday", "colour": 1},
                "not an object"
            ])),
            [
                "test_results[0].colour",
                "test_results[0].name",
                "test_results[0].value",
                "test_results[0].flag",
                "test_results[0].observed_at",
                "test_results[1]"
            ]
        );
    }

    #[test]
    fn a_nul_character_in_text_is_refused() {
        assert_eq!(
            fields(json!([{"name": "a\u{0000}b", "value": "x\u{0000}"}])),
            ["test_results[0].name", "test_results[0].value"]
        );
    }

    #[test]
    fn huge_numbers_are_refused() {
        assert_eq!(
            fields(json!([{"name": "n", "value": 1e16}])),
            ["test_results[0].value"]
        );
        assert_eq!(
            fields(json!([{"name": "n", "value": u64::MAX}])),
            ["test_results[0].value"]
        );
        assert!(TestResults::parse(json!([{"name": "n", "value": -1e15}])).is_ok());
    }

    #[test]
    fn a_missing_value_is_reported() {
        assert_eq!(fields(json!([{"name": "n"}])), ["test_results[0].value"]);
    }

    #[test]
    fn overlong_names_and_values_are_refused() {
        let long = "x".repeat(201);
        assert_eq!(
            fields(json!([{"name": long, "value": long}])),
            ["test_results[0].name", "test_results[0].value"]
        );
    }

    #[test]
    fn printed_ranges_are_read() {
        let r = |low, high| Some(ReferenceRange { low, high });
        assert_eq!(ReferenceRange::parse("4.0-5.6"), r(Some(4.0), Some(5.6)));
        assert_eq!(
            ReferenceRange::parse(" 70 – 99 "),
            r(Some(70.0), Some(99.0))
        );
        assert_eq!(ReferenceRange::parse("-2 to 2"), r(Some(-2.0), Some(2.0)));
        assert_eq!(ReferenceRange::parse("<200"), r(None, Some(200.0)));
        assert_eq!(ReferenceRange::parse("≥ 60"), r(Some(60.0), None));
        assert_eq!(ReferenceRange::parse("negative"), None);
        assert_eq!(ReferenceRange::parse("5-4"), None);
    }

    #[test]
    fn the_flag_is_computed_from_the_range_and_wins_over_one_sent() {
        let results = TestResults::parse(json!([
            {"name": "HbA1c", "value": 6.1, "reference_range": "4.0-5.6", "flag": "normal"},
            {"name": "K", "value": 3.1, "reference_low": 3.5, "reference_high": 5.1},
            {"name": "LDL", "value": 120, "reference_range": "<130"},
            {"name": "Culture", "value": "positive", "flag": "abnormal"},
            {"name": "Na", "value": 140, "reference_range": "about normal"}
        ]))
        .unwrap();
        let flags: Vec<_> = results.as_slice().iter().map(TestResult::flag).collect();
        use ResultFlag as F;
        assert_eq!(
            flags,
            [
                Some(F::High),
                Some(F::Low),
                Some(F::Normal),
                Some(F::Abnormal),
                None
            ]
        );
        assert_eq!(results.to_json()[0]["flag"], "high");
        assert_eq!(results.as_slice()[1].reference_low(), Some(3.5));
    }

    #[test]
    fn a_stored_result_is_flagged_on_read_even_without_a_flag() {
        let stored: TestResult =
            serde_json::from_value(json!({"name": "Hb", "value": 9, "reference_range": "12-16"}))
                .unwrap();
        assert_eq!(stored.flag(), Some(ResultFlag::Low));
    }

    #[test]
    fn limits_must_be_numbers_in_order() {
        assert_eq!(
            fields(json!([{"name": "K", "value": 4, "reference_low": "3", "reference_high": 1}])),
            ["test_results[0].reference_low"]
        );
        assert_eq!(
            fields(json!([{"name": "K", "value": 4, "reference_low": 5, "reference_high": 1}])),
            ["test_results[0].reference_high"]
        );
    }

    #[test]
    fn stored_documents_with_unknown_fields_do_not_deserialize() {
        let stored = json!({"name": "n", "value": 1, "extra": true});
        assert!(serde_json::from_value::<TestResult>(stored).is_err());
    }
}

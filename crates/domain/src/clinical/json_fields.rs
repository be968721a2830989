//! Reading validated fields out of a client's JSON object, with precise error paths.
//!
//! serde's derive stops at the first problem and cannot say "test_results[3].name"; these
//! helpers check every field and report each by its path.

use serde_json::{Map, Value};

use crate::error::{ValidationError, ValidationErrors};
use crate::values::free_text;

/// Reports every key of `object` that is not in `allowed`, as `path.key`.
pub(crate) fn reject_unknown_keys(
    object: &Map<String, Value>,
    allowed: &[&str],
    path: &str,
    errors: &mut ValidationErrors,
) {
    for key in object.keys().filter(|k| !allowed.contains(&k.as_str())) {
        errors.push(ValidationError::new(
            format!("{path}.{key}"),
            "is not a known field",
        ));
    }
}

/// A required single-line string of at most `max_chars` characters at `object[key]`.
pub(crate) fn required_string(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
    max_chars: usize,
    errors: &mut ValidationErrors,
) -> Option<String> {
    let field = format!("{path}.{key}");
    match object.get(key) {
        Some(Value::String(text)) => {
            errors.capture(free_text::required_line(&field, text, max_chars))
        }
        None | Some(Value::Null) => {
            errors.push(ValidationError::new(field, "is required"));
            None
        }
        Some(_) => {
            errors.push(ValidationError::new(field, "must be a string"));
            None
        }
    }
}

/// An optional single-line string at `object[key]`; absent, `null` and blank are `None`.
/// The outer `Option` is `None` when the value is invalid (and an error was recorded).
pub(crate) fn optional_string(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
    max_chars: usize,
    errors: &mut ValidationErrors,
) -> Option<Option<String>> {
    let field = format!("{path}.{key}");
    match object.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(text)) => {
            errors.capture(free_text::optional_line(&field, Some(text), max_chars))
        }
        Some(_) => {
            errors.push(ValidationError::new(field, "must be a string"));
            None
        }
    }
}

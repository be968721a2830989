//! serde's failures in a person's words, on the field they are about.
//!
//! A body or query that does not fit its type used to answer with the parser's text ("premature
//! end of input at line 1 column 128", "invalid digit found in string"): no field, and sometimes
//! the value echoed back. Here the failing path (from `serde_path_to_error`) becomes the field and
//! the parser's message becomes a sentence a form can show beside it. The value is never repeated:
//! it may be clinical text.

use crate::error::FieldError;

/// The field error for one serde failure at `path` (as `serde_path_to_error` prints it: `.` for
/// the root, `a.b[2].c` below it).
#[must_use]
pub fn field_error(path: &str, message: &str) -> FieldError {
    let message = strip_position(message);
    if let Some(name) = between(message, "missing field `", "`") {
        return FieldError {
            field: join(path, name),
            message: "is required".into(),
        };
    }
    if let Some(name) = between(message, "unknown field `", "`") {
        // The path already ends at the unknown key (a missing one's path is its parent's).
        let at_key = path == name || path.ends_with(&format!(".{name}"));
        return FieldError {
            field: if at_key {
                path.into()
            } else {
                join(path, name)
            },
            message: "is not a field of this request".into(),
        };
    }
    FieldError {
        field: if path == "." || path.is_empty() {
            "body".into()
        } else {
            path.into()
        },
        message: sentence(message),
    }
}

/// The plain-language reason for a message about a value.
fn sentence(message: &str) -> String {
    if message.starts_with("unknown variant") {
        return match message.split_once("expected ") {
            Some((_, choices)) => format!(
                "must be one of {}",
                choices.trim_start_matches("one of ").replace('`', "")
            ),
            None => "is not one of the allowed values".into(),
        };
    }
    if let Some(expected) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected ").map(|(_, e)| e))
    {
        return expected_sentence(expected);
    }
    if message.starts_with("invalid length") {
        return "has the wrong number of items".into();
    }
    let lower = message.to_ascii_lowercase();
    if CHRONO_PARSE_FAILURES.iter().any(|m| lower == *m) {
        return "must be a date such as 1990-04-01, or a date and time such as 2026-12-09T15:00:00Z"
            .into();
    }
    if lower.contains("decimal") {
        return "must be an amount such as 25.00".into();
    }
    if lower.contains("invalid digit") || lower.contains("cannot parse integer") {
        return "must be a whole number".into();
    }
    if lower.contains("too large") || lower.contains("too small") || lower.contains("out of range")
    {
        return "is out of range".into();
    }
    if lower.contains("provided string was not `true` or `false`") {
        return "must be true or false".into();
    }
    if lower.contains("invalid float literal") {
        return "must be a number".into();
    }
    "is not valid here".into()
}

/// What a value should have been, from serde's "expected …" (type names or a visitor's words).
fn expected_sentence(expected: &str) -> String {
    let e = expected.to_ascii_lowercase();
    let whole = [
        "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize",
    ];
    if whole.contains(&e.as_str()) {
        return if e.starts_with('u') {
            "must be a whole number, 0 or more".into()
        } else {
            "must be a whole number".into()
        };
    }
    if e == "f32" || e == "f64" {
        return "must be a number".into();
    }
    if e.contains("decimal") {
        return "must be an amount such as 25.00".into();
    }
    if e.contains("date and time") || e.contains("datetime") {
        return "must be a date and time such as 2026-12-09T15:00:00Z".into();
    }
    if e.contains("date") {
        return "must be a date such as 1990-04-01".into();
    }
    if e.contains("time") {
        return "must be a time such as 09:00".into();
    }
    if e.contains("boolean") {
        return "must be true or false".into();
    }
    if e.contains("string") || e.contains("char") {
        return "must be text".into();
    }
    if e.contains("sequence") {
        return "must be a list".into();
    }
    if e.starts_with("struct") || e.contains("map") {
        return "must be an object with named fields".into();
    }
    "has the wrong type".into()
}

/// chrono's `ParseError` texts: a date or time that does not parse.
const CHRONO_PARSE_FAILURES: &[&str] = &[
    "premature end of input",
    "input contains invalid characters",
    "input is out of range",
    "trailing input",
    "input is not enough for unique date and time",
    "no possible date and time matching input",
    "bad or unsupported format string",
];

/// serde_json appends " at line L column C"; the position means nothing to a person.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

fn between<'a>(message: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(start)?;
    rest.split_once(end).map(|(inside, _)| inside)
}

fn join(path: &str, name: &str) -> String {
    if path == "." || path.is_empty() {
        name.into()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(path: &str, message: &str) -> (String, String) {
        let e = field_error(path, message);
        (e.field, e.message)
    }

    #[test]
    fn an_empty_date_names_its_field_and_says_what_a_date_looks_like() {
        let (field, message) = said(
            "date_of_birth",
            "premature end of input at line 1 column 128",
        );
        assert_eq!(field, "date_of_birth");
        assert!(
            message.starts_with("must be a date such as 1990-04-01"),
            "{message}"
        );
    }

    #[test]
    fn a_missing_field_is_named_in_full_below_the_root_and_at_it() {
        assert_eq!(
            said(".", "missing field `role` at line 1 column 40"),
            ("role".into(), "is required".into())
        );
        assert_eq!(
            said("prescriptions[0]", "missing field `dosage`"),
            ("prescriptions[0].dosage".into(), "is required".into())
        );
    }

    #[test]
    fn a_wrong_type_never_echoes_the_value_sent() {
        let (field, message) = said(
            "doctor_id",
            "invalid type: string \"chest pain since Tuesday\", expected i64 at line 1 column 9",
        );
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("doctor_id", "must be a whole number")
        );
        let (_, unsigned) = said(
            "duration_minutes",
            "invalid value: integer `-5`, expected u32",
        );
        assert_eq!(unsigned, "must be a whole number, 0 or more");
    }

    #[test]
    fn an_unknown_choice_lists_the_allowed_ones_in_plain_words() {
        assert_eq!(
            said(
                "role",
                "unknown variant `janitor`, expected one of `admin`, `doctor`"
            )
            .1,
            "must be one of admin, doctor"
        );
        assert_eq!(
            said(
                ".",
                "unknown field `is_admin`, expected one of `username`, `email`"
            ),
            ("is_admin".into(), "is not a field of this request".into())
        );
    }

    #[test]
    fn a_query_number_and_an_amount_say_what_they_need() {
        assert_eq!(
            said("changed_by", "invalid digit found in string").1,
            "must be a whole number"
        );
        assert_eq!(
            said("amount", "Invalid decimal: unknown character").1,
            "must be an amount such as 25.00"
        );
        assert_eq!(
            said("amount", "invalid type: floating point `1.5`, expected a Decimal type representing a fixed-point number").1,
            "must be an amount such as 25.00"
        );
        assert_eq!(
            said("starts_at", "invalid type: integer `5`, expected a formatted date and time string or a unix timestamp").1,
            "must be a date and time such as 2026-12-09T15:00:00Z"
        );
    }
}

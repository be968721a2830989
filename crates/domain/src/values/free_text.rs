//! Free text typed by people: diagnoses, notes, reasons, names of things.
//!
//! PostgreSQL rejects `\u{0000}` in `text`, so letting it through turns a typo into a 500; other
//! control characters are invisible and only ever arrive by accident or malice. Line breaks and
//! tabs are allowed in multi-line text and refused in single-line text.

use crate::error::ValidationError;

/// Trims `raw` and checks it is non-empty, at most `max_chars` characters, and free of control
/// characters other than line breaks and tabs.
///
/// # Errors
/// A [`ValidationError`] on `field` saying what is wrong.
pub fn required(field: &str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    check(field, raw, max_chars, true)
}

/// Like [`required`], but an absent or blank value is `None` rather than an error.
///
/// # Errors
/// A [`ValidationError`] on `field` when a non-blank value breaks a rule.
pub fn optional(
    field: &str,
    raw: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>, ValidationError> {
    optional_with(field, raw, max_chars, true)
}

/// Like [`required`], but for a single line: no control characters at all.
///
/// # Errors
/// A [`ValidationError`] on `field` saying what is wrong.
pub fn required_line(field: &str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    check(field, raw, max_chars, false)
}

/// Like [`optional`], but for a single line: no control characters at all.
///
/// # Errors
/// A [`ValidationError`] on `field` when a non-blank value breaks a rule.
pub fn optional_line(
    field: &str,
    raw: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>, ValidationError> {
    optional_with(field, raw, max_chars, false)
}

/// True if `c` may appear in stored text; line breaks and tabs only when `multiline`.
pub fn is_allowed_char(c: char, multiline: bool) -> bool {
    !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'))
}

fn optional_with(
    field: &str,
    raw: Option<&str>,
    max_chars: usize,
    multiline: bool,
) -> Result<Option<String>, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => check(field, text, max_chars, multiline).map(Some),
    }
}

fn check(
    field: &str,
    raw: &str,
    max_chars: usize,
    multiline: bool,
) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    // Characters, not bytes: "José" is four characters to the person typing it.
    if text.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    if !text.chars().all(|c| is_allowed_char(c, multiline)) {
        let message = if multiline {
            "must not contain control characters other than line breaks and tabs"
        } else {
            "must be a single line without control characters"
        };
        return Err(ValidationError::new(field, message));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed() {
        assert_eq!(required("notes", "  hello \n", 10).unwrap(), "hello");
    }

    #[test]
    fn blank_required_text_is_rejected() {
        let err = required("notes", "   ", 10).unwrap_err();
        assert_eq!(err.field, "notes");
    }

    #[test]
    fn blank_optional_text_is_absent() {
        assert_eq!(optional("notes", Some("  "), 10).unwrap(), None);
        assert_eq!(optional("notes", None, 10).unwrap(), None);
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(required("name", "éééé", 4).is_ok());
        assert!(required("name", "ééééé", 4).is_err());
    }

    #[test]
    fn a_nul_character_is_rejected_even_in_multiline_text() {
        assert!(required("notes", "a\u{0000}b", 10).is_err());
        assert!(optional("notes", Some("a\u{0000}b"), 10).is_err());
    }

    #[test]
    fn multiline_text_keeps_line_breaks_and_tabs() {
        assert_eq!(required("notes", "a\r\n\tb", 10).unwrap(), "a\r\n\tb");
    }

    #[test]
    fn single_line_text_refuses_line_breaks() {
        assert!(required_line("title", "a\nb", 10).is_err());
        assert!(optional_line("title", Some("a\tb"), 10).is_err());
    }

    #[test]
    fn other_control_characters_are_rejected() {
        assert!(required("notes", "bell\u{0007}", 10).is_err());
        assert!(required("notes", "esc\u{001b}[0m", 20).is_err());
    }
}

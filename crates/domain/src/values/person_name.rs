//! A person's name as the clinic records it: first, optional middle, last.

use std::fmt;

use crate::error::ValidationErrors;
use crate::values::free_text;

/// Longest accepted name part, in characters; the columns are `varchar(100)`.
pub const MAX_NAME_PART_CHARS: usize = 100;

/// A validated name. Each part is trimmed, 1..=100 characters and a single line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    first: String,
    middle: Option<String>,
    last: String,
}

impl PersonName {
    /// Validates all parts at once, reporting `first_name`, `middle_name` and `last_name`.
    ///
    /// # Errors
    /// Every invalid part; a blank middle name counts as absent.
    pub fn parse(
        first: &str,
        middle: Option<&str>,
        last: &str,
    ) -> Result<PersonName, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let first = errors.capture(free_text::required_line(
            "first_name",
            first,
            MAX_NAME_PART_CHARS,
        ));
        let middle = errors.capture(free_text::optional_line(
            "middle_name",
            middle,
            MAX_NAME_PART_CHARS,
        ));
        let last = errors.capture(free_text::required_line(
            "last_name",
            last,
            MAX_NAME_PART_CHARS,
        ));
        match (first, middle, last) {
            (Some(first), Some(middle), Some(last)) => Ok(PersonName {
                first,
                middle,
                last,
            }),
            _ => Err(errors),
        }
    }

    /// Given name.
    pub fn first(&self) -> &str {
        &self.first
    }

    /// Middle name, if any.
    pub fn middle(&self) -> Option<&str> {
        self.middle.as_deref()
    }

    /// Family name.
    pub fn last(&self) -> &str {
        &self.last
    }
}

/// "First Middle Last", as shown on letters and lists.
impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.middle {
            Some(middle) => write!(f, "{} {} {}", self.first, middle, self.last),
            None => write!(f, "{} {}", self.first, self.last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_is_trimmed_and_kept() {
        let name = PersonName::parse(" Ada ", Some(" King "), " Lovelace").unwrap();
        assert_eq!(name.first(), "Ada");
        assert_eq!(name.middle(), Some("King"));
        assert_eq!(name.last(), "Lovelace");
        assert_eq!(name.to_string(), "Ada King Lovelace");
    }

    #[test]
    fn a_blank_middle_name_is_absent() {
        let name = PersonName::parse("Ada", Some("  "), "Lovelace").unwrap();
        assert_eq!(name.middle(), None);
        assert_eq!(name.to_string(), "Ada Lovelace");
    }

    #[test]
    fn every_invalid_part_is_reported_at_once() {
        let errors = PersonName::parse("", Some("a\u{0000}"), &"x".repeat(101)).unwrap_err();
        assert!(errors.has_field("first_name"));
        assert!(errors.has_field("middle_name"));
        assert!(errors.has_field("last_name"));
    }

    #[test]
    fn a_hundred_characters_is_the_longest_part() {
        assert!(PersonName::parse(&"é".repeat(100), None, "L").is_ok());
        assert!(PersonName::parse(&"é".repeat(101), None, "L").is_err());
    }

    #[test]
    fn a_name_with_a_line_break_is_rejected() {
        assert!(PersonName::parse("Ada\nBob", None, "Lovelace").is_err());
    }
}

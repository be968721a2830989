//! What the front desk types into the patient search, read as what they mean: a name (typos
//! forgiven), part of an email, a phone number in any formatting, or a date of birth in the
//! ways people write one.

use chrono::NaiveDate;

/// Fewer digits than this are not a phone search: "12" would match most numbers.
pub const MIN_PHONE_DIGITS: usize = 3;

/// One search text, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatientSearchTerm {
    /// Part of "first last" (lower-cased, single spaces); matched as a substring or, ranked by
    /// similarity, with a typo or two.
    Name(String),
    /// Part of an email address, lower-cased: the text had an `@`.
    Email(String),
    /// The digits of a phone number (or a part of one): the text had only digits and the
    /// punctuation of phone numbers (`+ - ( ) .` and spaces), at least [`MIN_PHONE_DIGITS`].
    Phone(String),
    /// A date of birth: the text was a date.
    BirthDate(NaiveDate),
}

/// Date formats accepted for a date of birth, tried in order. Slashed dates are read the
/// American way (month first), as the clinic's forms show them; dotted dates the European way
/// (day first), where nobody writes the month first.
const DATE_FORMATS: [&str; 9] = [
    "%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d %Y", "%b %d %Y", "%d %B %Y",
    "%d %b %Y",
];

/// Reads `text` (already trimmed, non-empty) as what the person typed it as. Never fails: text
/// that is no email, phone number or date is a name.
#[must_use]
pub fn classify_search(text: &str) -> PatientSearchTerm {
    let words: Vec<&str> = text.split_whitespace().collect();
    let collapsed = words.join(" ");
    if collapsed.contains('@') {
        return PatientSearchTerm::Email(collapsed.to_lowercase());
    }
    if let Some(date) = parse_birth_date(&collapsed) {
        return PatientSearchTerm::BirthDate(date);
    }
    let phone_like = collapsed
        .chars()
        .all(|c| c.is_ascii_digit() || "+-(). ".contains(c));
    let digits: String = collapsed.chars().filter(char::is_ascii_digit).collect();
    if phone_like && digits.len() >= MIN_PHONE_DIGITS {
        return PatientSearchTerm::Phone(digits);
    }
    PatientSearchTerm::Name(collapsed.to_lowercase())
}

/// A date of birth written in one of [`DATE_FORMATS`] (commas ignored: "March 4, 1980").
#[must_use]
pub fn parse_birth_date(text: &str) -> Option<NaiveDate> {
    let cleaned = text.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    DATE_FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
        // A four-digit year only: "3/4/80" is not read as the year 80.
        .filter(|date| (1000..=9999).contains(&chrono::Datelike::year(date)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> PatientSearchTerm {
        PatientSearchTerm::BirthDate(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn a_date_of_birth_is_read_in_the_ways_people_write_it() {
        for typed in [
            "1980-03-04",
            "03/04/1980",
            "3/4/1980",
            "03-04-1980",
            "04.03.1980",
            "1980/03/04",
            "March 4, 1980",
            "Mar 4 1980",
            "4 March 1980",
        ] {
            assert_eq!(classify_search(typed), date(1980, 3, 4), "{typed}");
        }
    }

    #[test]
    fn digits_in_any_phone_formatting_are_a_phone_search() {
        for typed in [
            "(312) 555-0142",
            "+1 312 555 0142",
            "312.555.0142",
            "5550142",
        ] {
            match classify_search(typed) {
                PatientSearchTerm::Phone(digits) => {
                    assert!(digits.ends_with("5550142"), "{typed}: {digits}");
                    assert!(digits.chars().all(|c| c.is_ascii_digit()));
                }
                other => panic!("{typed}: {other:?}"),
            }
        }
    }

    #[test]
    fn text_with_an_at_sign_is_an_email_search() {
        assert_eq!(
            classify_search("Ada@Example.ORG"),
            PatientSearchTerm::Email("ada@example.org".into())
        );
    }

    #[test]
    fn anything_else_is_a_name_lower_cased_with_single_spaces() {
        assert_eq!(
            classify_search("Meridith   Grey"),
            PatientSearchTerm::Name("meridith grey".into())
        );
        // Too few digits for a phone number, an impossible date, a two-digit year.
        assert_eq!(classify_search("12"), PatientSearchTerm::Name("12".into()));
        assert!(matches!(
            classify_search("13/45/1980"),
            PatientSearchTerm::Name(_)
        ));
        assert!(matches!(
            classify_search("3/4/80"),
            PatientSearchTerm::Name(_)
        ));
    }
}

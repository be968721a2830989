//! Demographics: coded race, ethnicity and gender, and the date of birth.

pub mod codes;
pub mod date_of_birth;
#[cfg(test)]
mod use_case_tests;
pub mod use_cases;

pub use codes::{Code, CodeTables};
pub use date_of_birth::DateOfBirth;
pub use use_cases::{
    ReadDemographicsError, ReplaceDemographics, ReplaceDemographicsError, read_demographics,
    replace_demographics,
};

use crate::string_enum::string_enum;

string_enum! {
    /// Which code table a demographic code comes from.
    pub enum CodeKind (kind = "code kind") {
        /// OMB/CDC race categories.
        Race = "race",
        /// OMB/CDC ethnicity categories.
        Ethnicity = "ethnicity",
        /// FHIR administrative gender.
        Gender = "gender",
    }
}

impl CodeKind {
    /// The field a client sends the code in (`race`, `ethnicity`, `gender`), for error paths.
    pub fn field(self) -> &'static str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_kinds_are_spelled_like_their_fields() {
        let spellings: Vec<_> = CodeKind::ALL.iter().map(|k| k.field()).collect();
        assert_eq!(spellings, ["race", "ethnicity", "gender"]);
    }
}

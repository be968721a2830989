//! A country, as an ISO 3166-1 alpha-2 code.

use std::fmt;

use crate::error::ValidationError;

/// The officially assigned ISO 3166-1 alpha-2 codes, sorted so lookups can binary-search.
const ASSIGNED_CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// An officially assigned ISO 3166-1 alpha-2 country code, upper-cased (`US`, `DE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(&'static str);

impl CountryCode {
    /// Trims, upper-cases and looks up `raw`; `us` and ` US ` both give `US`.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `country` for anything but an assigned code.
    pub fn parse(raw: &str) -> Result<CountryCode, ValidationError> {
        let code = raw.trim().to_ascii_uppercase();
        ASSIGNED_CODES
            .binary_search(&code.as_str())
            .map(|i| CountryCode(ASSIGNED_CODES[i]))
            .map_err(|_| {
                ValidationError::new(
                    "country",
                    "must be an ISO 3166-1 alpha-2 country code such as US",
                )
            })
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_list_is_sorted_and_unique_so_binary_search_works() {
        assert!(ASSIGNED_CODES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_lower_case_code_is_upper_cased() {
        assert_eq!(CountryCode::parse(" us ").unwrap().as_str(), "US");
        assert_eq!(CountryCode::parse("De").unwrap().to_string(), "DE");
    }

    #[test]
    fn unassigned_or_malformed_codes_are_rejected() {
        for bad in ["", "U", "USA", "XX", "ZZ", "U1", "UK"] {
            let err = CountryCode::parse(bad).expect_err(bad);
            assert_eq!(err.field, "country");
        }
    }
}

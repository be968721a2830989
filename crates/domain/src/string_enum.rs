//! A macro for the enums stored as snake_case strings (roles, statuses, actions).
//!
//! Each such enum needs the same four things — `as_str`, `FromStr`, `Display` and serde using
//! the database spelling — and writing them by hand for every enum invites a typo in one of the
//! copies. The spelling is written once, next to its variant.

/// Declares an enum whose values have one fixed snake_case spelling, used by the database, the
/// API and serde alike. `kind` names the enum in [`UnknownValue`](crate::error::UnknownValue).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident (kind = $kind:literal) {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$variant_meta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case spelling stored in the database and sent over the API.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::UnknownValue;

            /// Parses the exact snake_case spelling; anything else is an
            /// [`UnknownValue`](crate::error::UnknownValue).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::error::UnknownValue {
                        kind: $kind,
                        value: other.to_owned(),
                    }),
                }
            }
        }
    };
}

pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    string_enum! {
        /// A throwaway enum to test the macro.
        enum Colour (kind = "colour") {
            Red = "red",
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn every_value_round_trips_through_its_spelling() {
        for colour in Colour::ALL {
            assert_eq!(colour.as_str().parse::<Colour>(), Ok(*colour));
        }
        assert_eq!(Colour::DarkBlue.to_string(), "dark_blue");
    }

    #[test]
    fn an_unknown_spelling_names_the_kind_and_value() {
        let error = "Red".parse::<Colour>().unwrap_err();
        assert_eq!(error.kind, "colour");
        assert_eq!(error.value, "Red");
        assert_eq!(error.on("colour").field, "colour");
    }

    #[test]
    fn serde_uses_the_same_spelling() {
        assert_eq!(
            serde_json::to_string(&Colour::DarkBlue).unwrap(),
            r#""dark_blue""#
        );
        assert!(serde_json::from_str::<Colour>(r#""DarkBlue""#).is_err());
    }
}

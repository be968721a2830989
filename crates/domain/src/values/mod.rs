//! Value objects shared by several contexts: each has private fields and a constructor that
//! validates, so a value that exists is a valid one.

pub mod address;
pub mod country;
pub mod email;
pub mod free_text;
pub mod money;
pub mod person_name;
pub mod phone;
pub mod time_range;
pub mod time_zone;
pub mod username;

pub use address::{Address, AddressInput};
pub use country::CountryCode;
pub use email::EmailAddress;
pub use money::{Money, MoneyError};
pub use person_name::PersonName;
pub use phone::PhoneNumber;
pub use time_range::TimeRange;
pub use time_zone::{OfficeZone, day_label};
pub use username::Username;

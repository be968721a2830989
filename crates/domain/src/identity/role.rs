//! What kind of user someone is; decides what they may see and do.

use crate::string_enum::string_enum;

string_enum! {
    /// A user's role, stored as the `user_role` database enum.
    pub enum Role (kind = "role") {
        /// Manages users, offices, specialties and reads the audit log.
        Admin = "admin",
        /// Treats patients, writes records and prescriptions.
        Doctor = "doctor",
        /// Front desk and billing.
        Staff = "staff",
        /// Sees only their own data.
        Patient = "patient",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_use_the_database_spellings() {
        let spellings: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(spellings, ["admin", "doctor", "staff", "patient"]);
    }

    #[test]
    fn a_role_parses_from_its_database_spelling_only() {
        assert_eq!("staff".parse::<Role>(), Ok(Role::Staff));
        assert!("Staff".parse::<Role>().is_err());
        assert!("superuser".parse::<Role>().is_err());
    }
}

//! What kind of user someone is; decides what they may see and do.

use crate::error::ValidationError;
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

impl Role {
    /// The role of a new account, which must be chosen: there is no default, so nobody becomes
    /// an admin (or anything else) by leaving the field alone.
    ///
    /// # Errors
    /// A [`ValidationError`] on `role` when none was chosen.
    pub fn chosen(role: Option<Role>) -> Result<Role, ValidationError> {
        role.ok_or_else(|| {
            ValidationError::new("role", "choose a role: admin, doctor, staff or patient")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_has_no_default_role() {
        assert_eq!(Role::chosen(Some(Role::Staff)), Ok(Role::Staff));
        assert_eq!(Role::chosen(None).unwrap_err().field, "role");
    }

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

//! What kind of event an audit row records.

use crate::string_enum::string_enum;

string_enum! {
    /// The audited event, stored in `audit_log.action`.
    pub enum AuditAction (kind = "audit action") {
        /// A row was created.
        Insert = "insert",
        /// A row was changed.
        Update = "update",
        /// A row was removed (rare: clinical and financial rows are voided instead).
        Delete = "delete",
        /// Sensitive data was read, e.g. a medical record.
        Read = "read",
        /// A user logged in.
        Login = "login",
        /// A login attempt failed.
        LoginFailed = "login_failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_actions_use_the_database_spellings() {
        let spellings: Vec<_> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            spellings,
            [
                "insert",
                "update",
                "delete",
                "read",
                "login",
                "login_failed"
            ]
        );
    }
}

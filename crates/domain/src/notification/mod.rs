//! Notifications: messages to a user about something that happened to them.

mod model;
mod ports;

pub use model::{Notification, NotificationDraft, NotificationFilter};
pub use ports::NotificationRepository;

use crate::string_enum::string_enum;

string_enum! {
    /// What a notification is about, stored as the `notification_type` database enum.
    pub enum NotificationType (kind = "notification type") {
        /// An appointment was booked, moved, confirmed or cancelled.
        Appointment = "appointment",
        /// A specialist approval was requested or decided.
        Approval = "approval",
        /// A bill was issued, paid or fell overdue.
        Billing = "billing",
        /// A prescription was issued.
        Prescription = "prescription",
        /// A medical record was written or changed.
        Record = "record",
        /// Anything from the clinic itself.
        System = "system",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_types_use_the_database_spellings() {
        let spellings: Vec<_> = NotificationType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(
            spellings,
            [
                "appointment",
                "approval",
                "billing",
                "prescription",
                "record",
                "system"
            ]
        );
        assert_eq!("record".parse(), Ok(NotificationType::Record));
    }
}

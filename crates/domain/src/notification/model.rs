//! Notifications as written and as read.

use chrono::{DateTime, Utc};

use super::NotificationType;
use crate::values::free_text;

/// The longest message the database accepts.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// A notification to write in the same transaction as the event it tells about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationDraft {
    pub user_id: i32,
    pub kind: NotificationType,
    pub message: String,
    /// The table of the thing it is about, e.g. `appointments`.
    pub related_entity_type: &'static str,
    pub related_entity_id: i64,
}

impl NotificationDraft {
    /// A notification to `user_id` about row `id` of `entity`. Messages are built by the
    /// system, so an over-long one is cut, not refused.
    #[must_use]
    pub fn new(
        user_id: i32,
        kind: NotificationType,
        message: impl Into<String>,
        entity: &'static str,
        id: impl Into<i64>,
    ) -> Self {
        let message: String = message
            .into()
            .chars()
            .filter(|c| free_text::is_allowed_char(*c, false))
            .take(MAX_MESSAGE_CHARS)
            .collect();
        Self {
            user_id,
            kind,
            message,
            related_entity_type: entity,
            related_entity_id: id.into(),
        }
    }
}

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub notification_id: i64,
    pub user_id: i32,
    pub kind: NotificationType,
    pub message: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub related_entity_type: Option<String>,
    pub related_entity_id: Option<i64>,
}

/// Which of a user's notifications to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NotificationFilter {
    /// Only unread (true) or only read (false) ones.
    pub unread: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_over_long_message_is_cut_and_control_characters_dropped() {
        let draft = NotificationDraft::new(
            1,
            NotificationType::System,
            format!("a\u{0}b{}", "x".repeat(2000)),
            "users",
            1,
        );
        assert!(draft.message.starts_with("abx"));
        assert_eq!(draft.message.chars().count(), MAX_MESSAGE_CHARS);
    }
}

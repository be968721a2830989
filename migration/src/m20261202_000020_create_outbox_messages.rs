//! The transactional outbox of the messages that leave the building, and the clinic's
//! reminder offsets.
//!
//! `outbox_messages` is written by the scheduling transactions together with the change a
//! message tells about (a booking, a move, a cancellation, the reminders before a visit), so a
//! change and its messages commit together or not at all. A worker claims due rows with
//! `FOR UPDATE SKIP LOCKED`, marks them `sending` under a lease, and settles each as `sent`,
//! `failed`, `skipped` (no longer due), `unsent` (no sender configured), or back to `pending`
//! for a later attempt. `dedupe_key` keeps a message from being enqueued twice. The body
//! (`payload`) holds who, when and where only: no reason for the visit, no clinical text.
//! `clinic_settings.reminder_offsets_minutes` holds how long before a visit its reminders go
//! out (bounds of `clinic_domain::settings::ReminderOffsets`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE outbox_messages (
    message_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel text NOT NULL
        CONSTRAINT outbox_messages_channel_check CHECK (channel IN ('email', 'sms')),
    recipient_user_id integer NOT NULL
        CONSTRAINT outbox_messages_recipient_user_id_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    kind text NOT NULL
        CONSTRAINT outbox_messages_kind_check
        CHECK (kind IN ('booked', 'moved', 'cancelled', 'reminder')),
    appointment_id integer NOT NULL
        CONSTRAINT outbox_messages_appointment_id_fkey
        REFERENCES appointments (appointment_id) ON DELETE CASCADE,
    planned_start timestamptz NOT NULL,
    offset_minutes integer NOT NULL DEFAULT 0
        CONSTRAINT outbox_messages_offset_minutes_check CHECK (offset_minutes BETWEEN 0 AND 10080),
    due_at timestamptz NOT NULL,
    payload jsonb NOT NULL
        CONSTRAINT outbox_messages_payload_check
        CHECK (jsonb_typeof(payload -> 'subject') = 'string' AND jsonb_typeof(payload -> 'body') = 'string'),
    status text NOT NULL DEFAULT 'pending'
        CONSTRAINT outbox_messages_status_check
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'unsent')),
    attempts integer NOT NULL DEFAULT 0
        CONSTRAINT outbox_messages_attempts_check CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    lease_until timestamptz,
    last_error text
        CONSTRAINT outbox_messages_last_error_check CHECK (char_length(last_error) <= 500),
    sent_at timestamptz,
    dedupe_key text NOT NULL CONSTRAINT outbox_messages_dedupe_key UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_messages_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CONSTRAINT outbox_messages_lease_check CHECK ((status = 'sending') = (lease_until IS NOT NULL))
);
-- The worker's two questions: what is due, and whose lease ran out.
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_messages_lease_idx ON outbox_messages (lease_until) WHERE status = 'sending';
-- The staff list, latest due first, and a visit's messages.
CREATE INDEX outbox_messages_list_idx ON outbox_messages (due_at DESC, message_id DESC);
CREATE INDEX outbox_messages_appointment_idx ON outbox_messages (appointment_id);

ALTER TABLE clinic_settings ADD COLUMN reminder_offsets_minutes integer[] NOT NULL
    DEFAULT '{1440,120}'
    CONSTRAINT clinic_settings_reminder_offsets_minutes_check
    CHECK (cardinality(reminder_offsets_minutes) <= 3
           AND array_position(reminder_offsets_minutes, NULL) IS NULL
           AND 15 <= ALL (reminder_offsets_minutes)
           AND 10080 >= ALL (reminder_offsets_minutes));
"#;

const DOWN: &str = r#"
ALTER TABLE clinic_settings DROP COLUMN reminder_offsets_minutes;
DROP TABLE outbox_messages;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}

//! The waitlist: patients waiting for a doctor (at one office, or any), and the offers of the
//! slots cancellations free.
//!
//! `waitlist_entries.status` stores what people did (`active`, `booked`, `withdrawn`); whether
//! an entry is `offered` or `expired` is derived by the domain from the clock, so no job has to
//! run for an entry or an offer to expire. The CHECK constraints keep each row's columns
//! consistent with its status; `waitlist_offers_one_accepted_per_slot` is the last word on
//! "the first to accept wins": one accepted offer per freed slot (the cancelled appointment
//! that freed it).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE waitlist_entries (
    entry_id serial PRIMARY KEY,
    patient_id integer NOT NULL REFERENCES patients (patient_id),
    doctor_id integer NOT NULL REFERENCES doctors (doctor_id),
    office_id integer REFERENCES offices (office_id),
    -- ISO weekdays (1 = Monday); empty means any day.
    weekdays smallint[] NOT NULL DEFAULT '{}'
        CONSTRAINT waitlist_entries_weekdays_check
        CHECK (weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[] AND array_position(weekdays, NULL) IS NULL),
    window_start time,
    window_end time,
    latest_date date,
    urgency text NOT NULL
        CONSTRAINT waitlist_entries_urgency_check CHECK (urgency IN ('routine', 'soon', 'urgent')),
    note text CONSTRAINT waitlist_entries_note_check
        CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 500),
    status text NOT NULL DEFAULT 'active'
        CONSTRAINT waitlist_entries_status_check CHECK (status IN ('active', 'booked', 'withdrawn')),
    booked_appointment_id integer REFERENCES appointments (appointment_id),
    withdrawn_at timestamptz,
    created_by integer REFERENCES users (user_id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_entries_window_check
        CHECK ((window_start IS NULL) = (window_end IS NULL)
               AND (window_start IS NULL OR window_start < window_end)),
    CONSTRAINT waitlist_entries_booked_check
        CHECK ((status = 'booked') = (booked_appointment_id IS NOT NULL)),
    CONSTRAINT waitlist_entries_withdrawn_check
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX waitlist_entries_waiting_idx ON waitlist_entries (doctor_id, created_at)
    WHERE status = 'active';
CREATE INDEX waitlist_entries_patient_idx ON waitlist_entries (patient_id, doctor_id);

CREATE TABLE waitlist_offers (
    offer_id serial PRIMARY KEY,
    entry_id integer NOT NULL REFERENCES waitlist_entries (entry_id),
    -- The cancelled appointment whose slot is offered: the offers of one slot share it.
    source_appointment_id integer NOT NULL REFERENCES appointments (appointment_id),
    doctor_id integer NOT NULL REFERENCES doctors (doctor_id),
    office_id integer NOT NULL REFERENCES offices (office_id),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'open'
        CONSTRAINT waitlist_offers_status_check
        CHECK (status IN ('open', 'accepted', 'declined', 'taken', 'withdrawn')),
    booked_appointment_id integer REFERENCES appointments (appointment_id),
    answered_at timestamptz,
    answered_by integer REFERENCES users (user_id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_offers_range_check CHECK (starts_at < ends_at),
    CONSTRAINT waitlist_offers_expiry_check CHECK (expires_at <= starts_at),
    CONSTRAINT waitlist_offers_booked_check
        CHECK ((status = 'accepted') = (booked_appointment_id IS NOT NULL)),
    CONSTRAINT waitlist_offers_answered_check CHECK ((status = 'open') = (answered_at IS NULL)),
    CONSTRAINT waitlist_offers_entry_slot_key UNIQUE (entry_id, source_appointment_id)
);
CREATE UNIQUE INDEX waitlist_offers_one_accepted_per_slot ON waitlist_offers (source_appointment_id)
    WHERE status = 'accepted';
CREATE INDEX waitlist_offers_source_idx ON waitlist_offers (source_appointment_id);
CREATE INDEX waitlist_offers_patient_idx ON waitlist_offers (entry_id, created_at DESC);
"#;

const DOWN: &str = r#"
DROP TABLE waitlist_offers;
DROP TABLE waitlist_entries;
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

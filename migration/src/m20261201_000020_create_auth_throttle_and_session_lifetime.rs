//! Throttles that every instance shares, and sessions that end.
//!
//! `auth_attempts` counts sign-in, sign-up and password-change attempts per key and fixed
//! window, with one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING count` per attempt, so
//! two API processes (or two hundred concurrent requests) cannot both see "under the limit".
//! Rows are swept once their window has passed (`auth_attempts_expires_at_idx`).
//!
//! `auth_known_addresses` remembers from which client address each account last signed in
//! successfully: the per-account throttle does not lock the owner out from there.
//!
//! `refresh_tokens.session_expires_at` is the absolute end of a sign-in (the refresh-token
//! family), copied onto every rotated token; existing families end 30 days after they began.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE auth_attempts (
    kind text NOT NULL,
    subject text NOT NULL CONSTRAINT auth_attempts_subject_check CHECK (char_length(subject) <= 300),
    window_start timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts integer NOT NULL CONSTRAINT auth_attempts_attempts_check CHECK (attempts >= 0),
    CONSTRAINT auth_attempts_pkey PRIMARY KEY (kind, subject, window_start)
);
CREATE INDEX auth_attempts_expires_at_idx ON auth_attempts (expires_at);

CREATE TABLE auth_known_addresses (
    user_id integer NOT NULL
        CONSTRAINT auth_known_addresses_user_id_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    address text NOT NULL CONSTRAINT auth_known_addresses_address_check CHECK (char_length(address) <= 64),
    last_success_at timestamptz NOT NULL,
    CONSTRAINT auth_known_addresses_pkey PRIMARY KEY (user_id, address)
);

ALTER TABLE refresh_tokens ADD COLUMN session_expires_at timestamptz;
UPDATE refresh_tokens t SET session_expires_at = f.started_at + interval '30 days'
FROM (SELECT family_id, min(issued_at) AS started_at FROM refresh_tokens GROUP BY family_id) f
WHERE f.family_id = t.family_id;
ALTER TABLE refresh_tokens ALTER COLUMN session_expires_at SET NOT NULL;
"#;

const DOWN: &str = r#"
ALTER TABLE refresh_tokens DROP COLUMN IF EXISTS session_expires_at;
DROP TABLE IF EXISTS auth_known_addresses;
DROP TABLE IF EXISTS auth_attempts;
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

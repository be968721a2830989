//! Doctors' calendar feeds: a token of 32 random bytes (hex) shown once, stored only as its
//! SHA-256, looked up by that hash; and the visits a feed lists.
//!
//! Looking a token up by its hash through the unique index is what keeps the lookup from
//! leaking the token: whatever the index comparison's timing reveals is about the hash, and
//! learning a prefix of a SHA-256 gets an attacker no nearer to a token that hashes to it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::calendar_feeds::{
    CalendarFeed, CalendarFeedStore, CreatedFeed, FeedOwner, NewCalendarFeed, VisitFacts,
    VisitPlace,
};
use clinic_domain::{StoreError, StoreResult};
use rand::RngCore;
use sea_orm::{DatabaseConnection, DbBackend, FromQueryResult, Statement};
use sha2::{Digest, Sha256};

use super::support::{
    audited, begin, commit_audited, ensure_exists, find_one, insert_audited, lock_row, store_error,
};

/// Calendar feeds in PostgreSQL.
#[derive(Clone)]
pub struct PgCalendarFeeds {
    db: DatabaseConnection,
}

impl PgCalendarFeeds {
    /// A store over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// The number of random bytes of a token (256 bits).
const TOKEN_BYTES: usize = 32;

/// A fresh token: 32 bytes from the operating system's generator, as 64 hex digits.
fn new_token() -> String {
    let mut bytes = [0_u8; TOKEN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the table keeps of a token: its SHA-256 as hex.
#[must_use]
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` has the shape of one this store issues; anything else is not looked up.
fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_BYTES * 2
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

const FEED_COLUMNS: &str =
    "feed_id, doctor_id, include_patient_names, created_at, revoked_at, last_used_at";

#[derive(Debug, FromQueryResult)]
struct FeedRow {
    feed_id: i32,
    doctor_id: i32,
    include_patient_names: bool,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
}

impl From<FeedRow> for CalendarFeed {
    fn from(r: FeedRow) -> Self {
        Self {
            feed_id: r.feed_id,
            doctor_id: r.doctor_id,
            include_patient_names: r.include_patient_names,
            created_at: r.created_at,
            revoked_at: r.revoked_at,
            last_used_at: r.last_used_at,
        }
    }
}

#[derive(Debug, FromQueryResult)]
struct OwnerRow {
    feed_id: i32,
    doctor_id: i32,
    doctor_user_id: i32,
    doctor_name: String,
    include_patient_names: bool,
}

#[derive(Debug, FromQueryResult)]
struct VisitRow {
    appointment_id: i32,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    status: String,
    updated_at: DateTime<Utc>,
    patient_name: String,
    doctor_name: String,
    office_name: String,
    address_line1: String,
    address_line2: Option<String>,
    city: String,
    state: Option<String>,
    postal_code: Option<String>,
    country: String,
    email: Option<String>,
}

impl VisitRow {
    fn into_facts(self) -> StoreResult<VisitFacts> {
        let status = self.status.parse().map_err(|_| {
            StoreError::Unexpected(format!("unknown appointment status {:?}", self.status))
        })?;
        let address = VisitPlace::address_line([
            Some(self.address_line1.as_str()),
            self.address_line2.as_deref(),
            Some(self.city.as_str()),
            self.state.as_deref(),
            self.postal_code.as_deref(),
            Some(self.country.as_str()),
        ]);
        Ok(VisitFacts {
            appointment_id: self.appointment_id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            status,
            updated_at: self.updated_at,
            patient_name: self.patient_name,
            doctor_name: self.doctor_name,
            place: VisitPlace {
                office_name: self.office_name,
                address,
                email: self.email,
            },
        })
    }
}

async fn feed_by_id<C: sea_orm::ConnectionTrait>(
    conn: &C,
    feed_id: i32,
) -> StoreResult<CalendarFeed> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT {FEED_COLUMNS} FROM calendar_feeds WHERE feed_id = $1"),
        [feed_id.into()],
    );
    Ok(find_one::<FeedRow, _>(conn, stmt, "calendar_feed")
        .await?
        .into())
}

#[async_trait]
impl CalendarFeedStore for PgCalendarFeeds {
    async fn create(
        &self,
        actor: &Actor,
        new: NewCalendarFeed,
        now: DateTime<Utc>,
    ) -> StoreResult<CreatedFeed> {
        let token = new_token();
        let txn = begin(&self.db).await?;
        ensure_exists(&txn, ("doctors", "doctor_id"), new.doctor_id, "doctor").await?;
        let (feed_id, audit) = insert_audited(
            &txn,
            Some(actor.user_id),
            "calendar_feeds",
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO calendar_feeds AS t (doctor_id, token_hash, include_patient_names, created_at)
                 VALUES ($1, $2, $3, $4) RETURNING feed_id AS id, to_jsonb(t) AS row",
                [
                    new.doctor_id.into(),
                    token_hash(&token).into(),
                    new.include_patient_names.into(),
                    now.into(),
                ],
            ),
        )
        .await?;
        let feed = feed_by_id(&txn, feed_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(CreatedFeed { feed, token })
    }

    async fn list(&self, doctor_id: i32) -> StoreResult<Vec<CalendarFeed>> {
        let rows = FeedRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "SELECT {FEED_COLUMNS} FROM calendar_feeds WHERE doctor_id = $1 ORDER BY feed_id DESC"
            ),
            [doctor_id.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn get(&self, feed_id: i32) -> StoreResult<CalendarFeed> {
        feed_by_id(&self.db, feed_id).await
    }

    async fn revoke(
        &self,
        actor: &Actor,
        feed_id: i32,
        now: DateTime<Utc>,
    ) -> StoreResult<CalendarFeed> {
        let txn = begin(&self.db).await?;
        let before = lock_row(
            &txn,
            ("calendar_feeds", "feed_id"),
            feed_id,
            "calendar_feed",
        )
        .await?;
        let changed = sea_orm::ConnectionTrait::execute_raw(
            &txn,
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE calendar_feeds SET revoked_at = greatest($2, created_at)
                 WHERE feed_id = $1 AND revoked_at IS NULL",
                [feed_id.into(), now.into()],
            ),
        )
        .await
        .map_err(store_error)?
        .rows_affected();
        let feed = feed_by_id(&txn, feed_id).await?;
        if changed == 0 {
            return Ok(feed);
        }
        let audit = audited(
            &txn,
            ("calendar_feeds", "feed_id"),
            feed_id,
            AuditAction::Update,
            actor,
            Some(before),
        )
        .await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(feed)
    }

    async fn find_by_token(&self, token: &str) -> StoreResult<Option<FeedOwner>> {
        if !well_formed(token) {
            return Ok(None);
        }
        let row = OwnerRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT f.feed_id, f.doctor_id, d.user_id AS doctor_user_id,
                    concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
                    f.include_patient_names
             FROM calendar_feeds f JOIN doctors d ON d.doctor_id = f.doctor_id
             WHERE f.token_hash = $1 AND f.revoked_at IS NULL",
            [token_hash(token).into()],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?;
        Ok(row.map(|r| FeedOwner {
            feed_id: r.feed_id,
            doctor_id: r.doctor_id,
            doctor_user_id: r.doctor_user_id,
            doctor_name: r.doctor_name,
            include_patient_names: r.include_patient_names,
        }))
    }

    async fn feed_visits(
        &self,
        doctor_id: i32,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<VisitFacts>> {
        // The lower bound on the start follows from `ends_at > from` (no visit lasts over 480
        // minutes) and lets the (doctor_id, appointment_datetime) index bound both ends.
        let rows = VisitRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT a.appointment_id, a.appointment_datetime AS starts_at, a.ends_at, a.status,
                    a.updated_at,
                    concat_ws(' ', p.first_name, p.last_name) AS patient_name,
                    concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
                    o.name AS office_name, o.address_line1, o.address_line2, o.city, o.state,
                    o.postal_code, o.country, o.email
             FROM appointments a
             JOIN patients p ON p.patient_id = a.patient_id
             JOIN doctors d ON d.doctor_id = a.doctor_id
             JOIN offices o ON o.office_id = a.office_id
             WHERE a.doctor_id = $1 AND a.ends_at > $2
               AND a.appointment_datetime > $2 - interval '480 minutes'
               AND a.appointment_datetime < $3
             ORDER BY a.appointment_datetime, a.appointment_id",
            [doctor_id.into(), from.into(), to.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?;
        rows.into_iter().map(VisitRow::into_facts).collect()
    }

    async fn mark_used(&self, feed_id: i32, now: DateTime<Utc>) -> StoreResult<()> {
        sea_orm::ConnectionTrait::execute_raw(
            &self.db,
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE calendar_feeds SET last_used_at = $2
                 WHERE feed_id = $1 AND (last_used_at IS NULL OR last_used_at < $2)",
                [feed_id.into(), now.into()],
            ),
        )
        .await
        .map_err(store_error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_64_hex_digits_and_its_hash_is_not_the_token() {
        let token = new_token();
        assert!(well_formed(&token));
        assert_ne!(new_token(), token);
        assert_eq!(token_hash(&token).len(), 64);
        assert_ne!(token_hash(&token), token);
        assert!(!well_formed("../etc"));
        assert!(!well_formed(&token.to_uppercase()));
    }
}

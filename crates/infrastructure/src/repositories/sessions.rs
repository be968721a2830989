//! Refresh tokens: 32 random bytes shown to the client once, stored only as a SHA-256 hash,
//! single use, rotated on every refresh, grouped in families so a replayed token revokes the
//! whole sign-in. A family is a session: its id travels in every access token issued for it,
//! and it ends absolutely at `session_expires_at`, however often it is refreshed.

use async_trait::async_trait;
use clinic_domain::StoreResult;
use clinic_domain::identity::{
    RefreshOutcome, SessionId, SessionLifetime, SessionRepository, StartedSession,
};
use rand::RngCore;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::support::{begin, store_error};

/// Refresh tokens in PostgreSQL.
#[derive(Clone)]
pub struct PgSessionRepository {
    db: DatabaseConnection,
}

impl PgSessionRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn new_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Seconds of a lifetime, for `make_interval`.
fn seconds(duration: chrono::Duration) -> f64 {
    // Lifetimes are days, far inside f64's exact integers.
    #[allow(clippy::cast_precision_loss)]
    let secs = duration.num_seconds() as f64;
    secs
}

/// The session a token names, if it is a session id this adapter issued.
pub(crate) fn session_uuid(session: &SessionId) -> Option<Uuid> {
    Uuid::parse_str(&session.0).ok()
}

/// Inserts a token of `family`. A new family ends `absolute` from now; a successor keeps the
/// family's end (`session_expires_at`) and lives `idle` but not beyond it.
async fn insert<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    family: Uuid,
    user_agent: Option<String>,
    idle: chrono::Duration,
    session_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    absolute: chrono::Duration,
) -> StoreResult<String> {
    let token = new_token();
    // Expiry is judged by the database's clock (`expires_at > now()`), so it is set by it too.
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "WITH ends AS (SELECT COALESCE($6, now() + make_interval(secs => $7)) AS session_end)
         INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, user_agent,
             session_expires_at)
         SELECT $1, $2, $3, LEAST(now() + make_interval(secs => $4), session_end), $5, session_end
         FROM ends",
        [
            user_id.into(),
            family.into(),
            hash(&token).into(),
            seconds(idle).into(),
            user_agent.into(),
            session_expires_at.into(),
            seconds(absolute).into(),
        ],
    ))
    .await
    .map_err(store_error)?;
    Ok(token)
}

#[derive(Debug, FromQueryResult)]
struct TokenRow {
    refresh_token_id: i32,
    user_id: i32,
    family_id: Uuid,
    used: bool,
    revoked: bool,
    expired: bool,
    user_active: bool,
    user_agent: Option<String>,
    session_expires_at: chrono::DateTime<chrono::Utc>,
}

#[async_trait]
impl SessionRepository for PgSessionRepository {
    async fn start(
        &self,
        user_id: i32,
        user_agent: Option<String>,
        lifetime: SessionLifetime,
    ) -> StoreResult<StartedSession> {
        let family = Uuid::new_v4();
        let refresh_token = insert(
            &self.db,
            user_id,
            family,
            user_agent,
            lifetime.idle,
            None,
            lifetime.absolute,
        )
        .await?;
        Ok(StartedSession {
            session: SessionId(family.to_string()),
            refresh_token,
        })
    }

    async fn rotate(&self, token: &str, lifetime: SessionLifetime) -> StoreResult<RefreshOutcome> {
        let txn = begin(&self.db).await?;
        // Locked: two refreshes racing with one token must not both succeed. NO KEY UPDATE, like
        // every row lock here, so it does not block inserts whose foreign keys point at the row.
        let row = TokenRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT t.refresh_token_id, t.user_id, t.family_id, t.used_at IS NOT NULL AS used,
                t.revoked_at IS NOT NULL AS revoked,
                (t.expires_at <= now() OR t.session_expires_at <= now()) AS expired,
                u.is_active AS user_active, t.user_agent, t.session_expires_at
             FROM refresh_tokens t JOIN users u ON u.user_id = t.user_id
             WHERE t.token_hash = $1 FOR NO KEY UPDATE OF t",
            [hash(token).into()],
        ))
        .one(&txn)
        .await
        .map_err(store_error)?;
        let Some(row) = row else {
            return Ok(RefreshOutcome::Invalid);
        };
        if row.used {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE refresh_tokens SET revoked_at = now()
                 WHERE family_id = $1 AND revoked_at IS NULL",
                [row.family_id.into()],
            ))
            .await
            .map_err(store_error)?;
            txn.commit().await.map_err(store_error)?;
            return Ok(RefreshOutcome::Reused);
        }
        if row.revoked || row.expired || !row.user_active {
            return Ok(RefreshOutcome::Invalid);
        }
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE refresh_tokens SET used_at = now() WHERE refresh_token_id = $1",
            [row.refresh_token_id.into()],
        ))
        .await
        .map_err(store_error)?;
        let successor = insert(
            &txn,
            row.user_id,
            row.family_id,
            row.user_agent,
            lifetime.idle,
            Some(row.session_expires_at),
            lifetime.absolute,
        )
        .await?;
        txn.commit().await.map_err(store_error)?;
        Ok(RefreshOutcome::Rotated {
            user_id: row.user_id,
            session: SessionId(row.family_id.to_string()),
            refresh_token: successor,
        })
    }

    async fn revoke(&self, token: &str) -> StoreResult<()> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE refresh_tokens SET revoked_at = now()
                 WHERE revoked_at IS NULL AND family_id =
                    (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)",
                [hash(token).into()],
            ))
            .await
            .map(|_| ())
            .map_err(store_error)
    }
}

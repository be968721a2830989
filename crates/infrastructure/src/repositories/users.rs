//! Accounts, sign-in bookkeeping and demographics.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::identity::{
    ActorRecord, Demographics, DemographicsInput, LoginRecord, NewPatientAccount, NewUser, Role,
    SessionId, User, UserFilter, UserPatch, UserRepository,
};
use clinic_domain::{ConflictCode, DomainError, Page, PageRequest, StoreError, StoreResult};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult,
    Statement, Value,
};

use super::sessions::session_uuid;
use super::support::{
    begin, commit_audited, contains_pattern, draft, find_one, page_rows, phone_values, snapshot,
    store_error, update_audited,
};

/// Accounts in PostgreSQL.
#[derive(Clone)]
pub struct PgUserRepository {
    db: DatabaseConnection,
}

impl PgUserRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const USER_VIEW: &str = "SELECT u.user_id, u.username, u.email, u.phone_country_code,
        u.phone_number, u.phone_extension, u.role, u.is_active, u.created_at, u.updated_at,
        u.last_login, u.deactivated_at, d.doctor_id, p.patient_id,
        COALESCE(d.first_name || ' ' || d.last_name, p.first_name || ' ' || p.last_name)
            AS full_name
    FROM users u
    LEFT JOIN doctors d ON d.user_id = u.user_id
    LEFT JOIN patients p ON p.user_id = u.user_id";

#[derive(Debug, FromQueryResult)]
struct UserRow {
    user_id: i32,
    username: String,
    email: String,
    phone_country_code: Option<String>,
    phone_number: Option<String>,
    phone_extension: Option<String>,
    role: String,
    is_active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    last_login: Option<DateTime<Utc>>,
    deactivated_at: Option<DateTime<Utc>>,
    doctor_id: Option<i32>,
    patient_id: Option<i32>,
    full_name: Option<String>,
}

fn role_of(raw: &str) -> Result<Role, StoreError> {
    raw.parse()
        .map_err(|_| StoreError::Unexpected(format!("unknown role {raw:?} in users")))
}

impl UserRow {
    fn into_user(self) -> Result<User, StoreError> {
        Ok(User {
            user_id: self.user_id,
            username: self.username,
            email: self.email,
            phone_country_code: self.phone_country_code,
            phone_number: self.phone_number,
            phone_extension: self.phone_extension,
            role: role_of(&self.role)?,
            is_active: self.is_active,
            created_at: self.created_at,
            updated_at: self.updated_at,
            last_login: self.last_login,
            deactivated_at: self.deactivated_at,
            doctor_id: self.doctor_id,
            patient_id: self.patient_id,
            full_name: self.full_name,
        })
    }
}

async fn load_user<C: ConnectionTrait>(conn: &C, user_id: i32) -> StoreResult<User> {
    let sql = format!("{USER_VIEW} WHERE u.user_id = $1");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [user_id.into()]);
    find_one::<UserRow, _>(conn, stmt, "user")
        .await?
        .into_user()
}

/// Refuses a taken username before a taken email, so that "username taken" is all a caller
/// can learn by choosing a username, whatever email they send (self sign-up answers a taken
/// email like a fresh one). The unique indexes stay the last word when two sign-ups race.
async fn check_username_first<C: ConnectionTrait>(conn: &C, new: &NewUser) -> StoreResult<()> {
    let taken = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1)) AS taken",
            [new.username.as_str().into()],
        ))
        .await
        .map_err(store_error)?
        .map(|row| row.try_get::<bool>("", "taken"))
        .transpose()
        .map_err(store_error)?
        .unwrap_or(false);
    if taken {
        return Err(
            DomainError::conflict(ConflictCode::UsernameTaken, "that username is taken").into(),
        );
    }
    Ok(())
}

async fn insert_user<C: ConnectionTrait>(conn: &C, new: &NewUser) -> StoreResult<i32> {
    check_username_first(conn, new).await?;
    let [cc, number, ext] = phone_values(new.phone.as_ref());
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO users (username, email, phone_country_code, phone_number,
                phone_extension, role, password_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING user_id",
            [
                new.username.as_str().into(),
                new.email.as_str().into(),
                cc,
                number,
                ext,
                new.role.as_str().into(),
                new.password_hash.clone().into(),
            ],
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("INSERT users returned no id".into()))?;
    row.try_get("", "user_id").map_err(store_error)
}

/// Locks an account's row until the transaction ends. `NO KEY UPDATE` rather than `UPDATE`:
/// the stronger lock would also block every insert whose foreign key names this user (audit
/// rows name their author), and two writers doing that to each other deadlock.
async fn lock_user<C: ConnectionTrait>(conn: &C, user_id: i32) -> StoreResult<()> {
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT user_id FROM users WHERE user_id = $1 FOR NO KEY UPDATE",
        [user_id.into()],
    ))
    .await
    .map_err(store_error)?
    .map(|_| ())
    .ok_or_else(|| StoreError::not_found("user"))
}

#[derive(Debug, FromQueryResult)]
struct LoginRow {
    user_id: i32,
    role: String,
    is_active: bool,
    password_hash: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct ActorRow {
    user_id: i32,
    role: String,
    is_active: bool,
    doctor_id: Option<i32>,
    patient_id: Option<i32>,
    tokens_valid_after: Option<DateTime<Utc>>,
    session_open: bool,
}

#[derive(Debug, FromQueryResult)]
struct DemographicsRow {
    user_id: i32,
    race: Option<i16>,
    ethnicity: Option<i16>,
    gender: Option<i16>,
    dob: Option<NaiveDate>,
    updated_at: Option<DateTime<Utc>>,
    updated_by: Option<i32>,
}

#[async_trait]
impl UserRepository for PgUserRepository {
    async fn find_for_login(&self, login: &str) -> StoreResult<Option<LoginRecord>> {
        let row = LoginRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT user_id, role, is_active, password_hash FROM users
             WHERE lower(username) = lower($1) OR lower(email) = lower($1)
             ORDER BY (lower(username) = lower($1)) DESC LIMIT 1",
            [login.into()],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?;
        row.map(|r| {
            Ok(LoginRecord {
                user_id: r.user_id,
                role: role_of(&r.role)?,
                is_active: r.is_active,
                password_hash: r.password_hash,
            })
        })
        .transpose()
    }

    async fn record_login(&self, user_id: i32, rehash: Option<String>) -> StoreResult<()> {
        let txn = begin(&self.db).await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE users SET last_login = now(),
                password_hash = COALESCE($2, password_hash)
             WHERE user_id = $1",
            [user_id.into(), rehash.clone().into()],
        ))
        .await
        .map_err(store_error)?;
        let detail = serde_json::json!({ "rehashed": rehash.is_some() });
        let audit = draft(
            "users",
            user_id.into(),
            AuditAction::Login,
            Some(user_id),
            None,
            Some(detail),
        );
        commit_audited(txn, vec![audit]).await
    }

    async fn record_failed_login(&self, user_id: Option<i32>) -> StoreResult<()> {
        let txn = begin(&self.db).await?;
        let audit = draft(
            "users",
            user_id.map_or(0, i64::from),
            AuditAction::LoginFailed,
            user_id,
            None,
            None,
        );
        commit_audited(txn, vec![audit]).await
    }

    async fn load_actor(
        &self,
        user_id: i32,
        session: &SessionId,
    ) -> StoreResult<Option<ActorRecord>> {
        // One statement per request: the account, its profiles, and whether the token's
        // session (refresh-token family) still has a live, unrevoked token.
        let row = ActorRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT u.user_id, u.role, u.is_active, d.doctor_id, p.patient_id,
                u.tokens_valid_after,
                EXISTS (SELECT 1 FROM refresh_tokens t
                        WHERE t.family_id = $2 AND t.user_id = u.user_id
                          AND t.revoked_at IS NULL AND t.session_expires_at > now())
                    AS session_open
             FROM users u
             LEFT JOIN doctors d ON d.user_id = u.user_id
             LEFT JOIN patients p ON p.user_id = u.user_id
             WHERE u.user_id = $1",
            [user_id.into(), session_uuid(session).into()],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?;
        row.map(|r| {
            Ok(ActorRecord {
                actor: Actor {
                    user_id: r.user_id,
                    role: role_of(&r.role)?,
                    doctor_id: r.doctor_id,
                    patient_id: r.patient_id,
                },
                is_active: r.is_active,
                tokens_valid_after: r.tokens_valid_after,
                session_open: r.session_open,
            })
        })
        .transpose()
    }

    async fn list(&self, filter: &UserFilter, page: PageRequest) -> StoreResult<Page<User>> {
        // The name is the doctor's or patient's: the same joins in the page and the count.
        let condition = "WHERE ($1::text IS NULL OR u.role = $1)
            AND ($2::text IS NULL OR lower(u.username) LIKE $2 OR lower(u.email) LIKE $2
                OR lower(d.first_name || ' ' || d.last_name) LIKE $2
                OR lower(p.first_name || ' ' || p.last_name) LIKE $2)
            AND ($3::boolean IS NULL OR u.is_active = $3)";
        let params: [Value; 3] = [
            filter.role.map(|r| r.as_str().to_owned()).into(),
            filter.q.as_deref().map(contains_pattern).into(),
            filter.is_active.into(),
        ];
        let (rows, total) = page_rows::<UserRow, _>(
            &self.db,
            &format!("{USER_VIEW} {condition} ORDER BY u.user_id"),
            &format!(
                "SELECT count(*) AS total FROM users u
                 LEFT JOIN doctors d ON d.user_id = u.user_id
                 LEFT JOIN patients p ON p.user_id = u.user_id {condition}"
            ),
            params.to_vec(),
            page,
        )
        .await?;
        Page::new(rows, page, total).try_map(UserRow::into_user)
    }

    async fn get(&self, user_id: i32) -> StoreResult<User> {
        load_user(&self.db, user_id).await
    }

    async fn create(&self, actor: &Actor, new: NewUser) -> StoreResult<User> {
        create_audited(&self.db, Some(actor.user_id), new).await
    }

    async fn create_by_operator(&self, new: NewUser) -> StoreResult<User> {
        create_audited(&self.db, None, new).await
    }

    async fn register_patient(&self, new: NewPatientAccount) -> StoreResult<User> {
        let txn = begin(&self.db).await?;
        let registered = insert_patient_account(&txn, &new, None).await?;
        let user = load_user(&txn, registered.user_id).await?;
        commit_audited(txn, registered.audits).await?;
        Ok(user)
    }

    async fn update(&self, actor: &Actor, user_id: i32, patch: UserPatch) -> StoreResult<User> {
        let txn = begin(&self.db).await?;
        let audit = patch_account(&txn, actor, user_id, &patch).await?;
        let user = load_user(&txn, user_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(user)
    }

    async fn deactivate(&self, actor: &Actor, user_id: i32) -> StoreResult<User> {
        let txn = begin(&self.db).await?;
        lock_user(&txn, user_id).await?;
        let deactivate = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE users SET is_active = false,
                deactivated_at = COALESCE(deactivated_at, now()), updated_at = now()
             WHERE user_id = $1",
            [user_id.into()],
        );
        let row = ("users", "user_id", user_id.into());
        let audit = update_audited(&txn, Some(actor.user_id), row, deactivate).await?;
        revoke_all_sessions(&txn, user_id).await?;
        let user = load_user(&txn, user_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(user)
    }

    async fn reactivate(&self, actor: &Actor, user_id: i32) -> StoreResult<User> {
        let txn = begin(&self.db).await?;
        lock_user(&txn, user_id).await?;
        let current = load_user(&txn, user_id).await?;
        if current.is_active {
            return Ok(current);
        }
        // The sessions revoked at deactivation stay revoked; `tokens_valid_after` also refuses
        // any access token issued before now, so only a fresh sign-in works.
        let reactivate = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE users SET is_active = true, deactivated_at = NULL,
                tokens_valid_after = now(), updated_at = now()
             WHERE user_id = $1",
            [user_id.into()],
        );
        let row = ("users", "user_id", user_id.into());
        let audit = update_audited(&txn, Some(actor.user_id), row, reactivate).await?;
        let user = load_user(&txn, user_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(user)
    }

    async fn password_hash(&self, user_id: i32) -> StoreResult<Option<String>> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT password_hash FROM users WHERE user_id = $1",
                [user_id.into()],
            ))
            .await
            .map_err(store_error)?
            .ok_or_else(|| StoreError::not_found("user"))?;
        row.try_get("", "password_hash").map_err(store_error)
    }

    async fn change_password(&self, user_id: i32, new_hash: String) -> StoreResult<()> {
        let txn = begin(&self.db).await?;
        lock_user(&txn, user_id).await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE users SET password_hash = $2, tokens_valid_after = now(), updated_at = now()
             WHERE user_id = $1",
            [user_id.into(), new_hash.into()],
        ))
        .await
        .map_err(store_error)?;
        revoke_all_sessions(&txn, user_id).await?;
        let detail = serde_json::json!({ "password": "changed" });
        let audit = draft(
            "users",
            user_id.into(),
            AuditAction::Update,
            Some(user_id),
            None,
            Some(detail),
        );
        commit_audited(txn, vec![audit]).await
    }

    async fn demographics(&self, user_id: i32) -> StoreResult<Demographics> {
        load_user(&self.db, user_id).await?;
        let row = DemographicsRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT user_id, race, ethnicity, gender, dob, updated_at, updated_by
             FROM demographics WHERE user_id = $1",
            [user_id.into()],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?;
        Ok(row.map_or_else(
            || Demographics {
                user_id,
                ..Demographics::default()
            },
            |r| Demographics {
                user_id: r.user_id,
                race: r.race,
                ethnicity: r.ethnicity,
                gender: r.gender,
                dob: r.dob,
                updated_at: r.updated_at,
                updated_by: r.updated_by,
            },
        ))
    }

    async fn set_demographics(
        &self,
        actor: &Actor,
        user_id: i32,
        input: DemographicsInput,
    ) -> StoreResult<Demographics> {
        let txn = begin(&self.db).await?;
        lock_user(&txn, user_id).await?;
        let before = snapshot(&txn, "demographics", "user_id", user_id.into())
            .await
            .map_err(store_error)?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO demographics (user_id, race, ethnicity, gender, dob, created_by, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $6)
             ON CONFLICT (user_id) DO UPDATE SET race = $2, ethnicity = $3, gender = $4,
                dob = $5, updated_by = $6, updated_at = now()",
            [
                user_id.into(),
                input.race.into(),
                input.ethnicity.into(),
                input.gender.into(),
                input.dob.map(|d| d.date()).into(),
                actor.user_id.into(),
            ],
        ))
        .await
        .map_err(store_error)?;
        let after = snapshot(&txn, "demographics", "user_id", user_id.into())
            .await
            .map_err(store_error)?;
        let action = if before.is_some() {
            AuditAction::Update
        } else {
            AuditAction::Insert
        };
        let audit = draft(
            "demographics",
            user_id.into(),
            action,
            Some(actor.user_id),
            before,
            after,
        );
        commit_audited(txn, vec![audit]).await?;
        self.demographics(user_id).await
    }
}

async fn create_audited(
    db: &DatabaseConnection,
    changed_by: Option<i32>,
    new: NewUser,
) -> StoreResult<User> {
    let txn = begin(db).await?;
    let user_id = insert_user(&txn, &new).await?;
    finish_user_change(txn, user_id, AuditAction::Insert, changed_by, None).await
}

/// Audits a change of one `users` row (its state now against `before`), commits, and returns
/// the account as it is now.
async fn finish_user_change(
    txn: DatabaseTransaction,
    user_id: i32,
    action: AuditAction,
    changed_by: Option<i32>,
    before: Option<serde_json::Value>,
) -> StoreResult<User> {
    let after = snapshot(&txn, "users", "user_id", user_id.into())
        .await
        .map_err(store_error)?;
    let user = load_user(&txn, user_id).await?;
    let audit = draft("users", user_id.into(), action, changed_by, before, after);
    commit_audited(txn, vec![audit]).await?;
    Ok(user)
}

/// Revokes every refresh token of a user (deactivation, password change).
pub(crate) async fn revoke_all_sessions<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> StoreResult<()> {
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        [user_id.into()],
    ))
    .await
    .map_err(store_error)?;
    Ok(())
}

/// What [`insert_patient_account`] created, and the audit rows to commit with it.
pub(crate) struct RegisteredPatient {
    pub user_id: i32,
    pub patient_id: i32,
    pub audits: Vec<AuditEntryDraft>,
}

/// Creates a patient's account, patient row (with the address, when given) and demographics
/// within the caller's transaction. `registered_by` is the front-desk user; `None` means the
/// patient signed up themself.
pub(crate) async fn insert_patient_account<C: ConnectionTrait>(
    conn: &C,
    new: &NewPatientAccount,
    registered_by: Option<i32>,
) -> StoreResult<RegisteredPatient> {
    let user_id = insert_user(conn, &new.user).await?;
    let changed_by = registered_by.unwrap_or(user_id);
    let address = new.address.as_ref();
    let patient = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO patients (user_id, first_name, middle_name, last_name, address_line1,
                address_line2, city, state, postal_code, country)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING patient_id",
            [
                user_id.into(),
                new.name.first().into(),
                new.name.middle().map(str::to_owned).into(),
                new.name.last().into(),
                address.map(|a| a.line1().to_owned()).into(),
                address.and_then(|a| a.line2().map(str::to_owned)).into(),
                address.map(|a| a.city().to_owned()).into(),
                address.and_then(|a| a.state().map(str::to_owned)).into(),
                address
                    .and_then(|a| a.postal_code().map(str::to_owned))
                    .into(),
                address.map(|a| a.country().as_str().to_owned()).into(),
            ],
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("INSERT patients returned no id".into()))?;
    let patient_id: i32 = patient.try_get("", "patient_id").map_err(store_error)?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO demographics (user_id, dob, created_by, updated_by) VALUES ($1, $2, $3, $3)",
        [user_id.into(), new.dob.date().into(), changed_by.into()],
    ))
    .await
    .map_err(store_error)?;
    let mut audits = Vec::new();
    for (table, key, id) in [
        ("users", "user_id", user_id),
        ("patients", "patient_id", patient_id),
        ("demographics", "user_id", user_id),
    ] {
        let after = snapshot(conn, table, key, id.into())
            .await
            .map_err(store_error)?;
        audits.push(draft(
            table,
            id.into(),
            AuditAction::Insert,
            Some(changed_by),
            None,
            after,
        ));
    }
    Ok(RegisteredPatient {
        user_id,
        patient_id,
        audits,
    })
}

/// Changes an account within the caller's transaction (locking its row first) and returns the
/// audit row of the change.
pub(crate) async fn patch_account<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    user_id: i32,
    patch: &UserPatch,
) -> StoreResult<AuditEntryDraft> {
    lock_user(conn, user_id).await?;
    let phone_given = patch.phone.is_some();
    let [cc, number, ext] = phone_values(patch.phone.as_ref().and_then(Option::as_ref));
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE users SET
            username = COALESCE($2, username),
            email = COALESCE($3, email),
            role = COALESCE($4, role),
            phone_country_code = CASE WHEN $5 THEN $6 ELSE phone_country_code END,
            phone_number = CASE WHEN $5 THEN $7 ELSE phone_number END,
            phone_extension = CASE WHEN $5 THEN $8 ELSE phone_extension END,
            updated_at = now()
         WHERE user_id = $1",
        [
            user_id.into(),
            patch
                .username
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .into(),
            patch.email.as_ref().map(|e| e.as_str().to_owned()).into(),
            patch.role.map(|r| r.as_str().to_owned()).into(),
            phone_given.into(),
            cc,
            number,
            ext,
        ],
    );
    let row = ("users", "user_id", user_id.into());
    update_audited(conn, Some(actor.user_id), row, update).await
}

//! Visit types, and what a booking or a slot search reads of one.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::scheduling::{
    AppointmentDuration, NewVisitType, VisitType, VisitTypeFacts, VisitTypePatch, VisitTypeStore,
};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::{
    audited, begin, commit_audited, find_one, insert_returning_id, lock_row, store_error,
};

/// Visit types in PostgreSQL.
#[derive(Clone)]
pub struct PgVisitTypes {
    db: DatabaseConnection,
}

impl PgVisitTypes {
    /// A store over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const TABLE: (&str, &str) = ("visit_types", "visit_type_id");

const VIEW: &str = "SELECT v.visit_type_id, v.name, v.duration_minutes, v.specialty_id,
        s.specialty_name, v.colour, v.is_active, v.created_at, v.updated_at
    FROM visit_types v LEFT JOIN specialties s ON s.specialty_id = v.specialty_id";

#[derive(Debug, FromQueryResult)]
struct VisitTypeRow {
    visit_type_id: i32,
    name: String,
    duration_minutes: i32,
    specialty_id: Option<i32>,
    specialty_name: Option<String>,
    colour: String,
    is_active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl VisitTypeRow {
    fn duration(&self) -> StoreResult<AppointmentDuration> {
        u32::try_from(self.duration_minutes)
            .ok()
            .and_then(|m| AppointmentDuration::new(m).ok())
            .ok_or_else(|| {
                StoreError::Unexpected(format!(
                    "stored visit type length {} is out of range",
                    self.duration_minutes
                ))
            })
    }

    fn into_visit_type(self) -> StoreResult<VisitType> {
        Ok(VisitType {
            duration: self.duration()?,
            visit_type_id: self.visit_type_id,
            name: self.name,
            specialty_id: self.specialty_id,
            specialty_name: self.specialty_name,
            colour: self.colour,
            active: self.is_active,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }

    fn into_facts(self) -> StoreResult<VisitTypeFacts> {
        Ok(VisitTypeFacts {
            duration: self.duration()?,
            visit_type_id: self.visit_type_id,
            name: self.name,
            colour: self.colour,
            specialty_id: self.specialty_id,
            specialty_name: self.specialty_name,
            active: self.is_active,
        })
    }
}

async fn load<C: ConnectionTrait>(conn: &C, visit_type_id: i32) -> StoreResult<VisitType> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW} WHERE v.visit_type_id = $1"),
        [visit_type_id.into()],
    );
    find_one::<VisitTypeRow, _>(conn, stmt, "visit type")
        .await?
        .into_visit_type()
}

/// What a booking or a slot search reads of a visit type; `None` when there is none. A
/// booking `locks` it (`FOR SHARE OF v`), so it cannot be changed or retired before the
/// booking commits; a search writes nothing and locks nothing.
pub(crate) async fn facts<C: ConnectionTrait>(
    conn: &C,
    visit_type_id: i32,
    lock: bool,
) -> StoreResult<Option<VisitTypeFacts>> {
    let lock = if lock { "FOR SHARE OF v" } else { "" };
    VisitTypeRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW} WHERE v.visit_type_id = $1 {lock}"),
        [visit_type_id.into()],
    ))
    .one(conn)
    .await
    .map_err(store_error)?
    .map(VisitTypeRow::into_facts)
    .transpose()
}

#[async_trait]
impl VisitTypeStore for PgVisitTypes {
    async fn list(&self, include_inactive: bool) -> StoreResult<Vec<VisitType>> {
        VisitTypeRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("{VIEW} WHERE $1 OR v.is_active ORDER BY lower(v.name), v.visit_type_id"),
            [include_inactive.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(VisitTypeRow::into_visit_type)
        .collect()
    }

    async fn create(
        &self,
        actor: &Actor,
        new: &NewVisitType,
        now: DateTime<Utc>,
    ) -> StoreResult<VisitType> {
        let txn = begin(&self.db).await?;
        let id = insert_returning_id(
            &txn,
            "INSERT INTO visit_types (name, duration_minutes, specialty_id, colour, created_at,
                 updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING visit_type_id",
            vec![
                new.name.clone().into(),
                minutes(new.duration)?.into(),
                new.specialty_id.into(),
                new.colour.clone().into(),
                now.into(),
            ],
            "visit_type_id",
        )
        .await?;
        let audit = audited(&txn, TABLE, id, AuditAction::Insert, actor, None).await?;
        let visit_type = load(&txn, id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(visit_type)
    }

    async fn update(
        &self,
        actor: &Actor,
        visit_type_id: i32,
        patch: &VisitTypePatch,
        now: DateTime<Utc>,
    ) -> StoreResult<VisitType> {
        let txn = begin(&self.db).await?;
        let before = lock_row(&txn, TABLE, visit_type_id, "visit type").await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE visit_types SET
                name = COALESCE($2, name),
                duration_minutes = COALESCE($3, duration_minutes),
                specialty_id = CASE WHEN $4 THEN $5 ELSE specialty_id END,
                colour = COALESCE($6, colour),
                is_active = COALESCE($7, is_active),
                updated_at = $8
             WHERE visit_type_id = $1",
            [
                visit_type_id.into(),
                patch.name.clone().into(),
                patch.duration.map(minutes).transpose()?.into(),
                patch.specialty_id.is_some().into(),
                patch.specialty_id.flatten().into(),
                patch.colour.clone().into(),
                patch.active.into(),
                now.into(),
            ],
        ))
        .await
        .map_err(store_error)?;
        let audit = audited(
            &txn,
            TABLE,
            visit_type_id,
            AuditAction::Update,
            actor,
            Some(before),
        )
        .await?;
        let visit_type = load(&txn, visit_type_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(visit_type)
    }
}

fn minutes(duration: AppointmentDuration) -> StoreResult<i32> {
    i32::try_from(duration.minutes())
        .map_err(|_| StoreError::Unexpected("visit type length out of range".into()))
}

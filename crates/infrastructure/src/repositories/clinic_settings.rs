//! The clinic's settings: one row, read by the scheduling transactions with their facts and
//! changed by an admin.

use async_trait::async_trait;
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::settings::{ClinicSettings, ClinicSettingsInput, ClinicSettingsStore};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::support::{begin, commit_audited, draft, store_error};

/// The settings as one JSON object, for a subquery of the statement that reads a rule's facts
/// (NULL when the row is missing, which the migration rules out).
pub(crate) const SETTINGS: &str = "(SELECT jsonb_build_object(
        'late_cancellation_hours', late_cancellation_hours,
        'booking_horizon_days', booking_horizon_days,
        'max_future_appointments', max_future_appointments,
        'reminder_offsets_minutes', to_jsonb(reminder_offsets_minutes))
    FROM clinic_settings WHERE settings_id = 1)";

/// The settings read with [`SETTINGS`]; a missing row or a value out of bounds fails loudly.
pub(crate) fn decode_settings(value: Option<serde_json::Value>) -> StoreResult<ClinicSettings> {
    let value =
        value.ok_or_else(|| StoreError::Unexpected("the clinic_settings row is missing".into()))?;
    let number = |field: &str| {
        value[field].as_i64().ok_or_else(|| {
            StoreError::Unexpected(format!("clinic setting {field} does not decode"))
        })
    };
    let offsets = value["reminder_offsets_minutes"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .map(serde_json::Value::as_i64)
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| {
            StoreError::Unexpected("clinic setting reminder_offsets_minutes does not decode".into())
        })?;
    ClinicSettings::parse(ClinicSettingsInput {
        late_cancellation_hours: number("late_cancellation_hours")?,
        booking_horizon_days: number("booking_horizon_days")?,
        max_future_appointments: number("max_future_appointments")?,
        reminder_offsets_minutes: Some(offsets),
    })
    .map_err(|e| StoreError::Unexpected(format!("stored clinic settings are invalid: {e}")))
}

/// The reminder offsets as an `integer[]` literal (`{1440,120}`), cast by the statement.
fn reminder_minutes(settings: ClinicSettings) -> String {
    let minutes: Vec<String> = settings
        .reminder_offsets()
        .minutes()
        .iter()
        .map(u32::to_string)
        .collect();
    format!("{{{}}}", minutes.join(","))
}

/// The row as the audit log keeps it.
const ROW: &str = "(SELECT to_jsonb(cs) FROM clinic_settings cs WHERE settings_id = 1)";

/// The clinic's settings in PostgreSQL.
#[derive(Clone)]
pub struct PgClinicSettings {
    db: DatabaseConnection,
}

impl PgClinicSettings {
    /// A store over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

async fn json<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> StoreResult<Option<serde_json::Value>> {
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT {sql} AS value"),
            values,
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("the settings query returned no row".into()))?;
    row.try_get("", "value").map_err(store_error)
}

#[async_trait]
impl ClinicSettingsStore for PgClinicSettings {
    async fn read(&self) -> StoreResult<ClinicSettings> {
        decode_settings(json(&self.db, SETTINGS, Vec::new()).await?)
    }

    async fn update(&self, actor: &Actor, settings: ClinicSettings) -> StoreResult<ClinicSettings> {
        let txn = begin(&self.db).await?;
        // Locks the row, so two admins' changes are audited in the order they commit.
        let before = json(
            &txn,
            "(SELECT to_jsonb(cs) FROM clinic_settings cs WHERE settings_id = 1 FOR UPDATE)",
            Vec::new(),
        )
        .await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE clinic_settings SET late_cancellation_hours = $1, booking_horizon_days = $2,
                 max_future_appointments = $3, updated_at = now(), updated_by = $4,
                 reminder_offsets_minutes = $5::integer[]
             WHERE settings_id = 1",
            [
                i64::from(settings.late_cancellation_hours()).into(),
                i64::from(settings.booking_horizon_days()).into(),
                i64::from(settings.max_future_appointments()).into(),
                actor.user_id.into(),
                reminder_minutes(settings).into(),
            ],
        ))
        .await
        .map_err(store_error)?;
        let after = json(&txn, ROW, Vec::new()).await?;
        let stored = decode_settings(json(&txn, SETTINGS, Vec::new()).await?)?;
        let audit = draft(
            "clinic_settings",
            1,
            AuditAction::Update,
            Some(actor.user_id),
            before,
            after,
        );
        commit_audited(txn, vec![audit]).await?;
        Ok(stored)
    }
}

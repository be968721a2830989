//! Care teams. Every change locks the patient row first, so concurrent changes to one team run
//! one after another; the domain's [`CareTeam`] decides what changes, and `patient_doctors`,
//! `patients.primary_doctor_id` and the audit rows are written in one transaction (the
//! deferred trigger `patients_primary_doctor_consistent` checks the pair at commit).
//!
//! Audit rows of `patient_doctors` carry the patient's id as `record_id` (the table's key is
//! the pair; the doctor is in the old/new values).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::care_team::{
    CareTeam, CareTeamEntry, CareTeamMember, CareTeamRepository, PrimaryChange,
};
use clinic_domain::{DomainError, Page, PageRequest, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::{
    begin, commit_audited, draft, find_one, lock_patient, page_rows, store_error, update_audited,
};

/// Care teams in PostgreSQL.
#[derive(Clone)]
pub struct PgCareTeamRepository {
    db: DatabaseConnection,
}

impl PgCareTeamRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const ENTRY_VIEW: &str = "SELECT pd.doctor_id, d.first_name, d.middle_name, d.last_name,
        d.specialty_id, s.specialty_name, pd.is_primary, pd.added_at
    FROM patient_doctors pd
    JOIN doctors d ON d.doctor_id = pd.doctor_id
    JOIN specialties s ON s.specialty_id = d.specialty_id";

#[derive(Debug, FromQueryResult)]
struct EntryRow {
    doctor_id: i32,
    first_name: String,
    middle_name: Option<String>,
    last_name: String,
    specialty_id: i32,
    specialty_name: String,
    is_primary: bool,
    added_at: DateTime<Utc>,
}

impl From<EntryRow> for CareTeamEntry {
    fn from(row: EntryRow) -> Self {
        CareTeamEntry {
            doctor_id: row.doctor_id,
            first_name: row.first_name,
            middle_name: row.middle_name,
            last_name: row.last_name,
            specialty_id: row.specialty_id,
            specialty_name: row.specialty_name,
            is_primary: row.is_primary,
            added_at: row.added_at,
        }
    }
}

#[derive(Debug, FromQueryResult)]
struct MemberRow {
    doctor_id: i32,
    is_primary: bool,
}

async fn load_entry<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
    doctor_id: i32,
) -> StoreResult<CareTeamEntry> {
    let sql = format!("{ENTRY_VIEW} WHERE pd.patient_id = $1 AND pd.doctor_id = $2");
    let values = vec![patient_id.into(), doctor_id.into()];
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
    let row: EntryRow = find_one(conn, stmt, "care_team_member").await?;
    Ok(row.into())
}

/// The team as the domain rule sees it, in the order its members joined.
async fn load_team<C: ConnectionTrait>(conn: &C, patient_id: i32) -> StoreResult<CareTeam> {
    let rows = MemberRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT doctor_id, is_primary FROM patient_doctors WHERE patient_id = $1
         ORDER BY added_at, doctor_id",
        [patient_id.into()],
    ))
    .all(conn)
    .await
    .map_err(store_error)?;
    let members = rows
        .into_iter()
        .map(|r| CareTeamMember {
            doctor_id: r.doctor_id,
            is_primary: r.is_primary,
        })
        .collect();
    Ok(CareTeam::from_members(members)?)
}

async fn ensure_doctor<C: ConnectionTrait>(conn: &C, doctor_id: i32) -> StoreResult<()> {
    let found = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 AS found FROM doctors WHERE doctor_id = $1",
            [doctor_id.into()],
        ))
        .await
        .map_err(store_error)?;
    match found {
        Some(_) => Ok(()),
        None => Err(DomainError::invalid("doctor_id", "no such doctor").into()),
    }
}

async fn member_snapshot<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
    doctor_id: i32,
) -> StoreResult<Option<serde_json::Value>> {
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT to_jsonb(t) AS row FROM patient_doctors t
             WHERE patient_id = $1 AND doctor_id = $2",
            [patient_id.into(), doctor_id.into()],
        ))
        .await
        .map_err(store_error)?;
    row.map(|r| r.try_get("", "row"))
        .transpose()
        .map_err(store_error)
}

/// A write to one care-team row.
#[derive(Debug, Clone, Copy)]
enum MemberWrite {
    /// Add the doctor, primary or not.
    Insert { primary: bool },
    /// Promote (true) or demote (false) the doctor.
    SetPrimary(bool),
    /// Take the doctor off the team.
    Delete,
}

impl MemberWrite {
    fn statement(self, patient_id: i32, doctor_id: i32) -> (Statement, AuditAction) {
        let (sql, flag, action) = match self {
            Self::Insert { primary } => (
                "INSERT INTO patient_doctors (patient_id, doctor_id, is_primary)
                 VALUES ($1, $2, $3)",
                Some(primary),
                AuditAction::Insert,
            ),
            Self::SetPrimary(primary) => (
                "UPDATE patient_doctors SET is_primary = $3
                 WHERE patient_id = $1 AND doctor_id = $2",
                Some(primary),
                AuditAction::Update,
            ),
            Self::Delete => (
                "DELETE FROM patient_doctors WHERE patient_id = $1 AND doctor_id = $2",
                None,
                AuditAction::Delete,
            ),
        };
        let mut values = vec![patient_id.into(), doctor_id.into()];
        values.extend(flag.map(Into::into));
        let statement = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
        (statement, action)
    }
}

/// Makes one write to the row of `doctor_id` in the patient's team and audits it.
async fn write_member<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    doctor_id: i32,
    write: MemberWrite,
) -> StoreResult<AuditEntryDraft> {
    let before = member_snapshot(conn, patient_id, doctor_id).await?;
    let (statement, action) = write.statement(patient_id, doctor_id);
    conn.execute_raw(statement).await.map_err(store_error)?;
    let after = member_snapshot(conn, patient_id, doctor_id).await?;
    Ok(draft(
        "patient_doctors",
        patient_id.into(),
        action,
        Some(actor.user_id),
        before,
        after,
    ))
}

async fn set_primary_doctor<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    doctor_id: Option<i32>,
) -> StoreResult<AuditEntryDraft> {
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE patients SET primary_doctor_id = $2, updated_at = now() WHERE patient_id = $1",
        [patient_id.into(), doctor_id.into()],
    );
    let row = ("patients", "patient_id", patient_id.into());
    update_audited(conn, Some(actor.user_id), row, update).await
}

/// Writes a change of primary doctor: demote the old one first (one primary row at a time),
/// then add or promote the new one, then point the patient at them.
async fn write_primary_change<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    change: PrimaryChange,
) -> StoreResult<Vec<AuditEntryDraft>> {
    let mut audits = Vec::new();
    if let Some(old) = change.demoted {
        let demote = MemberWrite::SetPrimary(false);
        audits.push(write_member(conn, actor, patient_id, old, demote).await?);
    }
    let promote = if change.added {
        MemberWrite::Insert { primary: true }
    } else {
        MemberWrite::SetPrimary(true)
    };
    audits.push(write_member(conn, actor, patient_id, change.primary, promote).await?);
    audits.push(set_primary_doctor(conn, actor, patient_id, Some(change.primary)).await?);
    Ok(audits)
}

#[async_trait]
impl CareTeamRepository for PgCareTeamRepository {
    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<CareTeamEntry>> {
        let (rows, total) = page_rows::<EntryRow, _>(
            &self.db,
            &format!(
                "{ENTRY_VIEW} WHERE pd.patient_id = $1
                 ORDER BY pd.is_primary DESC, pd.added_at, pd.doctor_id"
            ),
            "SELECT count(*) AS total FROM patient_doctors WHERE patient_id = $1",
            vec![patient_id.into()],
            page,
        )
        .await?;
        Ok(Page::new(rows, page, total).map(CareTeamEntry::from))
    }

    async fn add(
        &self,
        actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
        primary: bool,
    ) -> StoreResult<CareTeamEntry> {
        let txn = begin(&self.db).await?;
        lock_patient(&txn, patient_id).await?;
        ensure_doctor(&txn, doctor_id).await?;
        let mut team = load_team(&txn, patient_id).await?;
        let audits = if primary {
            let change = team.add_primary(doctor_id)?;
            write_primary_change(&txn, actor, patient_id, change).await?
        } else {
            team.add_member(doctor_id)?;
            let insert = MemberWrite::Insert { primary: false };
            vec![write_member(&txn, actor, patient_id, doctor_id, insert).await?]
        };
        let entry = load_entry(&txn, patient_id, doctor_id).await?;
        commit_audited(txn, audits).await?;
        Ok(entry)
    }

    async fn remove(&self, actor: &Actor, patient_id: i32, doctor_id: i32) -> StoreResult<()> {
        let txn = begin(&self.db).await?;
        lock_patient(&txn, patient_id).await?;
        let removed = load_team(&txn, patient_id)
            .await?
            .remove_member(doctor_id)?;
        let delete = MemberWrite::Delete;
        let mut audits = vec![write_member(&txn, actor, patient_id, doctor_id, delete).await?];
        if removed.was_primary {
            audits.push(set_primary_doctor(&txn, actor, patient_id, None).await?);
        }
        commit_audited(txn, audits).await
    }

    async fn make_primary(
        &self,
        actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
    ) -> StoreResult<CareTeamEntry> {
        let txn = begin(&self.db).await?;
        lock_patient(&txn, patient_id).await?;
        ensure_doctor(&txn, doctor_id).await?;
        let change = load_team(&txn, patient_id).await?.make_primary(doctor_id);
        let audits = if change.changed() {
            write_primary_change(&txn, actor, patient_id, change).await?
        } else {
            Vec::new()
        };
        let entry = load_entry(&txn, patient_id, doctor_id).await?;
        commit_audited(txn, audits).await?;
        Ok(entry)
    }
}

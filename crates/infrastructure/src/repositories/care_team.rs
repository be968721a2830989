//! Care teams. A transaction locks the patient row first, so concurrent changes to one team run
//! one after another; the domain decides the [`TeamChange`], and this adapter writes it to
//! `patient_doctors` and `patients.primary_doctor_id` with the audit rows, in that one
//! transaction (the deferred trigger `patients_primary_doctor_consistent` checks the pair at
//! commit). No rule is decided here.
//!
//! Audit rows of `patient_doctors` carry the patient's id as `record_id` (the table's key is
//! the pair; the doctor is in the old/new values).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::{Actor, PatientFacts};
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::care_team::{
    CareTeamEntry, CareTeamMember, CareTeamStore, CareTeamTx, LockedTeam, PrimaryChange, TeamChange,
};
use clinic_domain::{Clock, DomainError, Page, PageRequest, StoreError, StoreResult, SystemClock};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult, Statement,
};

use super::access_facts::patient_facts;
use super::support::{
    begin, commit_audited, draft, find_one, lock_patient, page_rows, store_error, update_audited,
};

/// Care teams in PostgreSQL.
#[derive(Clone)]
pub struct PgCareTeamRepository {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl PgCareTeamRepository {
    /// A repository over `db`, on the system clock.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_clock(db, Arc::new(SystemClock))
    }

    /// A repository over `db` that judges who treats whom at `clock`'s time.
    #[must_use]
    pub fn with_clock(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
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

/// One row of the team as the rules see it; a patient without a team gives one row with no
/// doctor.
#[derive(Debug, FromQueryResult)]
struct MemberRow {
    recorded_primary: Option<i32>,
    doctor_id: Option<i32>,
    is_primary: Option<bool>,
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

/// The members in the order they joined, and the primary doctor the patient's row names.
async fn load_members<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
) -> StoreResult<(Vec<CareTeamMember>, Option<i32>)> {
    let rows = MemberRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT p.primary_doctor_id AS recorded_primary, pd.doctor_id, pd.is_primary
         FROM patients p LEFT JOIN patient_doctors pd ON pd.patient_id = p.patient_id
         WHERE p.patient_id = $1
         ORDER BY pd.added_at, pd.doctor_id",
        [patient_id.into()],
    ))
    .all(conn)
    .await
    .map_err(store_error)?;
    let recorded_primary = rows.first().and_then(|r| r.recorded_primary);
    let members = rows
        .into_iter()
        .filter_map(|r| match (r.doctor_id, r.is_primary) {
            (Some(doctor_id), Some(is_primary)) => Some(CareTeamMember {
                doctor_id,
                is_primary,
            }),
            _ => None,
        })
        .collect();
    Ok((members, recorded_primary))
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
    /// Add the doctor, primary or not, joining at `at`.
    Insert { primary: bool, at: DateTime<Utc> },
    /// Promote (true) or demote (false) the doctor.
    SetPrimary(bool),
    /// Take the doctor off the team.
    Delete,
}

impl MemberWrite {
    fn statement(self, patient_id: i32, doctor_id: i32) -> (Statement, AuditAction) {
        let mut values = vec![patient_id.into(), doctor_id.into()];
        let (sql, action) = match self {
            Self::Insert { primary, at } => {
                values.extend([primary.into(), at.into()]);
                (
                    "INSERT INTO patient_doctors (patient_id, doctor_id, is_primary, added_at)
                     VALUES ($1, $2, $3, $4)",
                    AuditAction::Insert,
                )
            }
            Self::SetPrimary(primary) => {
                values.push(primary.into());
                (
                    "UPDATE patient_doctors SET is_primary = $3
                     WHERE patient_id = $1 AND doctor_id = $2",
                    AuditAction::Update,
                )
            }
            Self::Delete => (
                "DELETE FROM patient_doctors WHERE patient_id = $1 AND doctor_id = $2",
                AuditAction::Delete,
            ),
        };
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

/// Adds a doctor to the patient's team as an ordinary member, joining at `at`, and returns the
/// audit row; the caller holds the patient's row lock.
pub(crate) async fn join_team<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    doctor_id: i32,
    at: DateTime<Utc>,
) -> StoreResult<AuditEntryDraft> {
    let insert = MemberWrite::Insert { primary: false, at };
    write_member(conn, actor, patient_id, doctor_id, insert).await
}

async fn set_primary_doctor<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    doctor_id: Option<i32>,
    at: DateTime<Utc>,
) -> StoreResult<AuditEntryDraft> {
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE patients SET primary_doctor_id = $2, updated_at = $3 WHERE patient_id = $1",
        [patient_id.into(), doctor_id.into(), at.into()],
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
    at: DateTime<Utc>,
) -> StoreResult<Vec<AuditEntryDraft>> {
    let mut audits = Vec::new();
    if let Some(old) = change.demoted {
        let demote = MemberWrite::SetPrimary(false);
        audits.push(write_member(conn, actor, patient_id, old, demote).await?);
    }
    let promote = if change.added {
        MemberWrite::Insert { primary: true, at }
    } else {
        MemberWrite::SetPrimary(true)
    };
    audits.push(write_member(conn, actor, patient_id, change.primary, promote).await?);
    let primary = Some(change.primary);
    audits.push(set_primary_doctor(conn, actor, patient_id, primary, at).await?);
    Ok(audits)
}

#[async_trait]
impl CareTeamStore for PgCareTeamRepository {
    async fn begin(&self) -> StoreResult<Box<dyn CareTeamTx + '_>> {
        Ok(Box::new(PgCareTeamTx {
            txn: begin(&self.db).await?,
            now: self.clock.now(),
            audits: Vec::new(),
        }))
    }

    async fn patient_facts(
        &self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<PatientFacts>> {
        patient_facts(&self.db, actor, patient_id, self.clock.now()).await
    }

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
}

/// One care-team transaction: the audit rows of its writes are appended at commit.
pub(crate) struct PgCareTeamTx {
    txn: DatabaseTransaction,
    /// The instant the transaction's access facts are judged at.
    now: DateTime<Utc>,
    audits: Vec<AuditEntryDraft>,
}

#[async_trait]
impl CareTeamTx for PgCareTeamTx {
    async fn lock_team(
        &mut self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<LockedTeam>> {
        match lock_patient(&self.txn, patient_id).await {
            Err(StoreError::Domain(DomainError::NotFound { .. })) => return Ok(None),
            locked => locked?,
        };
        let Some(patient) = patient_facts(&self.txn, actor, patient_id, self.now).await? else {
            return Ok(None);
        };
        let (members, recorded_primary) = load_members(&self.txn, patient_id).await?;
        Ok(Some(LockedTeam {
            patient,
            members,
            recorded_primary,
        }))
    }

    async fn doctor_exists(&mut self, doctor_id: i32) -> StoreResult<bool> {
        let found = self
            .txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT 1 AS found FROM doctors WHERE doctor_id = $1",
                [doctor_id.into()],
            ))
            .await
            .map_err(store_error)?;
        Ok(found.is_some())
    }

    async fn save(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        change: TeamChange,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let txn = &self.txn;
        match change {
            TeamChange::Joined { doctor_id } => {
                let audit = join_team(txn, actor, patient_id, doctor_id, at).await?;
                self.audits.push(audit);
            }
            TeamChange::PrimaryChanged(change) => {
                let audits = write_primary_change(txn, actor, patient_id, change, at).await?;
                self.audits.extend(audits);
            }
            TeamChange::Left(removed) => {
                let delete = MemberWrite::Delete;
                let doctor_id = removed.doctor_id;
                let audit = write_member(txn, actor, patient_id, doctor_id, delete).await?;
                self.audits.push(audit);
                if removed.was_primary {
                    let audit = set_primary_doctor(txn, actor, patient_id, None, at).await?;
                    self.audits.push(audit);
                }
            }
        }
        Ok(())
    }

    async fn entry(&mut self, patient_id: i32, doctor_id: i32) -> StoreResult<CareTeamEntry> {
        load_entry(&self.txn, patient_id, doctor_id).await
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        commit_audited(self.txn, self.audits).await
    }
}

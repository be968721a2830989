//! The chart's lists in PostgreSQL: allergies, problems, record addenda, and the loads of the
//! chart summary (active medications are derived by the domain from the prescriptions loaded
//! here). Writes run in the clinical transaction and are audited there.

use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::clinical::chart::{ChartLists, LatestVitals, MAX_CHART_PRESCRIPTIONS};
use clinic_domain::clinical::{
    Addendum, Allergy, AllergyChange, FieldChange, NewAddendum, NewAllergy, NewProblem, Problem,
    ProblemChange, Vitals,
};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use super::clinical_common::decode;
use super::support::{find_one, insert_audited, keep_or_set, store_error, update_audited};

/// The display name of user `{alias}`: a doctor's name, else the username.
fn who(alias: &str) -> String {
    format!(
        "coalesce((SELECT nullif(concat_ws(' ', d.first_name, d.last_name), '') FROM doctors d
            WHERE d.user_id = {alias}), (SELECT u.username FROM users u WHERE u.user_id = {alias}))"
    )
}

fn parse_stored<T: std::str::FromStr>(what: &str, text: &str) -> StoreResult<T> {
    text.parse()
        .map_err(|_| StoreError::Unexpected(format!("unknown {what} {text:?}")))
}

#[derive(FromQueryResult)]
struct AllergyRow {
    allergy_id: i32,
    patient_id: i32,
    substance: String,
    reaction: Option<String>,
    severity: String,
    active: bool,
    noted_by: i32,
    noted_by_name: String,
    noted_at: DateTime<Utc>,
}

impl AllergyRow {
    fn into_allergy(self) -> StoreResult<Allergy> {
        Ok(Allergy {
            severity: parse_stored("allergy severity", &self.severity)?,
            allergy_id: self.allergy_id,
            patient_id: self.patient_id,
            substance: self.substance,
            reaction: self.reaction,
            active: self.active,
            noted_by: self.noted_by,
            noted_by_name: self.noted_by_name,
            noted_at: self.noted_at,
        })
    }
}

fn allergy_select(condition: &str) -> String {
    format!(
        "SELECT a.allergy_id, a.patient_id, a.substance, a.reaction, a.severity, a.active,
            a.noted_by, {} AS noted_by_name, a.noted_at
         FROM allergies a {condition}",
        who("a.noted_by")
    )
}

async fn rows<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    sql: String,
    values: Vec<Value>,
) -> StoreResult<Vec<R>> {
    R::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
    .all(conn)
    .await
    .map_err(store_error)
}

/// Every allergy of a patient, oldest first.
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn allergies<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
) -> StoreResult<Vec<Allergy>> {
    let sql = allergy_select("WHERE a.patient_id = $1 ORDER BY a.allergy_id");
    rows::<AllergyRow, _>(conn, sql, vec![patient_id.into()])
        .await?
        .into_iter()
        .map(AllergyRow::into_allergy)
        .collect()
}

async fn allergy<C: ConnectionTrait>(
    conn: &C,
    allergy_id: i32,
    lock: &str,
) -> StoreResult<Allergy> {
    let sql = allergy_select(&format!("WHERE a.allergy_id = $1 {lock}"));
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [allergy_id.into()]);
    find_one::<AllergyRow, _>(conn, stmt, "allergy")
        .await?
        .into_allergy()
}

/// Locks allergy `allergy_id`.
///
/// # Errors
/// `NotFound { entity: "allergy" }`.
pub(crate) async fn lock_allergy<C: ConnectionTrait>(
    conn: &C,
    allergy_id: i32,
) -> StoreResult<Allergy> {
    allergy(conn, allergy_id, "FOR NO KEY UPDATE OF a").await
}

/// Notes an allergy, with its audit row.
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn insert_allergy<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    new: &NewAllergy,
    now: DateTime<Utc>,
) -> StoreResult<(Allergy, AuditEntryDraft)> {
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO allergies AS t (patient_id, substance, reaction, severity, noted_by, noted_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING allergy_id AS id, to_jsonb(t) AS row",
        [
            new.patient_id.into(),
            new.substance.clone().into(),
            new.reaction.clone().into(),
            new.severity.as_str().into(),
            actor.user_id.into(),
            now.into(),
        ],
    );
    let (id, audit) = insert_audited(conn, Some(actor.user_id), "allergies", insert).await?;
    Ok((allergy(conn, id, "").await?, audit))
}

/// Changes an allergy, with its audit row.
///
/// # Errors
/// `NotFound { entity: "allergy" }`.
pub(crate) async fn update_allergy<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    allergy_id: i32,
    change: &AllergyChange,
) -> StoreResult<(Allergy, AuditEntryDraft)> {
    let (keep_reaction, reaction) = keep_or_set(change.reaction.clone());
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE allergies SET active = COALESCE($2, active), severity = COALESCE($3, severity),
            reaction = CASE WHEN $4 THEN reaction ELSE $5 END
         WHERE allergy_id = $1",
        [
            allergy_id.into(),
            change.active.into(),
            change.severity.map(|s| s.as_str().to_owned()).into(),
            keep_reaction.into(),
            reaction.into(),
        ],
    );
    let key = ("allergies", "allergy_id", allergy_id.into());
    let audit = update_audited(conn, Some(actor.user_id), key, update).await?;
    Ok((allergy(conn, allergy_id, "").await?, audit))
}

#[derive(FromQueryResult)]
struct ProblemRow {
    problem_id: i32,
    patient_id: i32,
    condition: String,
    status: String,
    onset_date: Option<NaiveDate>,
    noted_by: i32,
    noted_by_name: String,
    noted_at: DateTime<Utc>,
}

impl ProblemRow {
    fn into_problem(self) -> StoreResult<Problem> {
        Ok(Problem {
            status: parse_stored("problem status", &self.status)?,
            problem_id: self.problem_id,
            patient_id: self.patient_id,
            condition: self.condition,
            onset_date: self.onset_date,
            noted_by: self.noted_by,
            noted_by_name: self.noted_by_name,
            noted_at: self.noted_at,
        })
    }
}

fn problem_select(condition: &str) -> String {
    format!(
        "SELECT p.problem_id, p.patient_id, p.condition, p.status, p.onset_date, p.noted_by,
            {} AS noted_by_name, p.noted_at
         FROM problems p {condition}",
        who("p.noted_by")
    )
}

async fn problem<C: ConnectionTrait>(
    conn: &C,
    problem_id: i32,
    lock: &str,
) -> StoreResult<Problem> {
    let sql = problem_select(&format!("WHERE p.problem_id = $1 {lock}"));
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [problem_id.into()]);
    find_one::<ProblemRow, _>(conn, stmt, "problem")
        .await?
        .into_problem()
}

/// Locks problem `problem_id`.
///
/// # Errors
/// `NotFound { entity: "problem" }`.
pub(crate) async fn lock_problem<C: ConnectionTrait>(
    conn: &C,
    problem_id: i32,
) -> StoreResult<Problem> {
    problem(conn, problem_id, "FOR NO KEY UPDATE OF p").await
}

/// Adds a problem, with its audit row.
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn insert_problem<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    new: &NewProblem,
    now: DateTime<Utc>,
) -> StoreResult<(Problem, AuditEntryDraft)> {
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO problems AS t (patient_id, condition, status, onset_date, noted_by, noted_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING problem_id AS id, to_jsonb(t) AS row",
        [
            new.patient_id.into(),
            new.condition.clone().into(),
            new.status.as_str().into(),
            new.onset_date.into(),
            actor.user_id.into(),
            now.into(),
        ],
    );
    let (id, audit) = insert_audited(conn, Some(actor.user_id), "problems", insert).await?;
    Ok((problem(conn, id, "").await?, audit))
}

/// Changes a problem, with its audit row.
///
/// # Errors
/// `NotFound { entity: "problem" }`.
pub(crate) async fn update_problem<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    problem_id: i32,
    change: &ProblemChange,
) -> StoreResult<(Problem, AuditEntryDraft)> {
    let (keep_onset, onset) = keep_or_set(change.onset_date);
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE problems SET status = COALESCE($2, status),
            onset_date = CASE WHEN $3 THEN onset_date ELSE $4 END
         WHERE problem_id = $1",
        [
            problem_id.into(),
            change.status.map(|s| s.as_str().to_owned()).into(),
            keep_onset.into(),
            onset.into(),
        ],
    );
    let key = ("problems", "problem_id", problem_id.into());
    let audit = update_audited(conn, Some(actor.user_id), key, update).await?;
    Ok((problem(conn, problem_id, "").await?, audit))
}

#[derive(FromQueryResult)]
struct AddendumRow {
    addendum_id: i32,
    record_id: i32,
    version: i32,
    author_id: i32,
    author_name: String,
    created_at: DateTime<Utc>,
    reason: Option<String>,
    note: Option<String>,
    changes: serde_json::Value,
}

/// The addenda of `record_ids`, by record then version.
///
/// # Errors
/// `Unavailable` / `Unexpected` (also for a stored change list that does not decode).
pub(crate) async fn addenda<C: ConnectionTrait>(
    conn: &C,
    record_ids: &[i32],
) -> StoreResult<Vec<Addendum>> {
    if record_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT x.addendum_id, x.record_id, x.version, x.author_id, {} AS author_name,
            x.created_at, x.reason, x.note, x.changes
         FROM record_addenda x WHERE x.record_id = ANY($1) ORDER BY x.record_id, x.version",
        who("x.author_id")
    );
    let ids: Vec<i32> = record_ids.to_vec();
    rows::<AddendumRow, _>(conn, sql, vec![ids.into()])
        .await?
        .into_iter()
        .map(|r| {
            let changes: Vec<FieldChange> = decode("addendum changes", r.changes)?;
            Ok(Addendum {
                addendum_id: r.addendum_id,
                record_id: r.record_id,
                version: r.version,
                author_id: r.author_id,
                author_name: r.author_name,
                created_at: r.created_at,
                reason: r.reason,
                note: r.note,
                changes,
            })
        })
        .collect()
}

/// Appends an addendum, with its audit row (an insert).
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn insert_addendum<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    addendum: &NewAddendum,
    now: DateTime<Utc>,
) -> StoreResult<AuditEntryDraft> {
    let changes = serde_json::to_value(&addendum.changes)
        .map_err(|e| StoreError::Unexpected(format!("addendum changes do not encode: {e}")))?;
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO record_addenda AS t (record_id, version, author_id, created_at, reason, note,
            changes)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING addendum_id AS id, to_jsonb(t) AS row",
        [
            addendum.record_id.into(),
            addendum.version.into(),
            actor.user_id.into(),
            now.into(),
            addendum.reason.clone().into(),
            addendum.note.clone().into(),
            changes.into(),
        ],
    );
    let (_, audit) = insert_audited(conn, Some(actor.user_id), "record_addenda", insert).await?;
    Ok(audit)
}

#[derive(FromQueryResult)]
struct VitalsRow {
    record_id: i32,
    created_at: DateTime<Utc>,
    vitals: serde_json::Value,
}

/// What the chart summary shows, unaudited (the use case audits what it shows).
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn chart_lists<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
) -> StoreResult<ChartLists> {
    let allergies = allergies(conn, patient_id).await?;
    let problems = rows::<ProblemRow, _>(
        conn,
        problem_select("WHERE p.patient_id = $1 ORDER BY p.problem_id"),
        vec![patient_id.into()],
    )
    .await?
    .into_iter()
    .map(ProblemRow::into_problem)
    .collect::<StoreResult<_>>()?;
    let prescriptions =
        super::prescriptions::of_patient(conn, patient_id, MAX_CHART_PRESCRIPTIONS).await?;
    let vitals = rows::<VitalsRow, _>(
        conn,
        "SELECT record_id, created_at, vitals FROM medical_records
         WHERE patient_id = $1 AND vitals IS NOT NULL
         ORDER BY created_at DESC, record_id DESC LIMIT 1"
            .to_owned(),
        vec![patient_id.into()],
    )
    .await?;
    let latest_vitals = vitals
        .into_iter()
        .next()
        .map(|v| {
            Ok::<_, StoreError>(LatestVitals {
                record_id: v.record_id,
                taken_at: v.created_at,
                vitals: decode::<Vitals>("vitals", v.vitals)?,
            })
        })
        .transpose()?;
    Ok(ChartLists {
        allergies,
        problems,
        prescriptions,
        latest_vitals,
    })
}

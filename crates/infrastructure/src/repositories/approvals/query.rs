//! Reading specialist approvals.

use chrono::{DateTime, Utc};
use clinic_domain::referral::{ApprovalFilter, SpecialistApproval};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use crate::repositories::support::{page_rows, store_error};
use crate::repositories::treats::treats;

/// The approval columns plus the names a referral list shows.
const VIEW: &str = "SELECT a.approval_id, a.patient_id, a.requesting_doctor_id, a.specialist_id,
        a.reason, a.status, a.requested_at, a.approved_at, a.decided_at, a.decided_by,
        a.decision_note,
        concat_ws(' ', p.first_name, p.last_name) AS patient_name,
        concat_ws(' ', rd.first_name, rd.last_name) AS requesting_doctor_name,
        concat_ws(' ', sd.first_name, sd.last_name) AS specialist_name
    FROM specialist_approvals a
    JOIN patients p ON p.patient_id = a.patient_id
    JOIN doctors rd ON rd.doctor_id = a.requesting_doctor_id
    JOIN doctors sd ON sd.doctor_id = a.specialist_id";

#[derive(FromQueryResult)]
struct Row {
    approval_id: i32,
    patient_id: i32,
    requesting_doctor_id: i32,
    specialist_id: i32,
    reason: String,
    status: String,
    requested_at: DateTime<Utc>,
    approved_at: Option<DateTime<Utc>>,
    decided_at: Option<DateTime<Utc>>,
    decided_by: Option<i32>,
    decision_note: Option<String>,
    patient_name: String,
    requesting_doctor_name: String,
    specialist_name: String,
}

impl Row {
    fn into_approval(self) -> StoreResult<SpecialistApproval> {
        Ok(SpecialistApproval {
            status: self.status.parse().map_err(|_| {
                StoreError::Unexpected(format!("unknown approval status {:?}", self.status))
            })?,
            approval_id: self.approval_id,
            patient_id: self.patient_id,
            requesting_doctor_id: self.requesting_doctor_id,
            specialist_id: self.specialist_id,
            reason: self.reason,
            requested_at: self.requested_at,
            approved_at: self.approved_at,
            decided_at: self.decided_at,
            decided_by: self.decided_by,
            decision_note: self.decision_note,
            patient_name: self.patient_name,
            requesting_doctor_name: self.requesting_doctor_name,
            specialist_name: self.specialist_name,
        })
    }
}

/// One request, locked (`FOR NO KEY UPDATE` of the request's row) when `lock`; `None` when
/// there is none with this id.
pub(super) async fn find<C: ConnectionTrait>(
    conn: &C,
    approval_id: i32,
    lock: bool,
) -> StoreResult<Option<SpecialistApproval>> {
    let lock = if lock { " FOR NO KEY UPDATE OF a" } else { "" };
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW} WHERE a.approval_id = $1{lock}"),
        [approval_id.into()],
    );
    Row::find_by_statement(stmt)
        .one(conn)
        .await
        .map_err(store_error)?
        .map(Row::into_approval)
        .transpose()
}

/// One request that must exist (one this transaction has just written).
pub(super) async fn get<C: ConnectionTrait>(
    conn: &C,
    approval_id: i32,
) -> StoreResult<SpecialistApproval> {
    find(conn, approval_id, false)
        .await?
        .ok_or_else(|| StoreError::not_found("specialist_approval"))
}

/// The list's `WHERE` clause: `$1` status, `$2` patient, `$3` the doctor whose view it is,
/// `$4` the instant who treats whom is judged at.
fn condition() -> String {
    format!(
        "WHERE ($1::text IS NULL OR a.status = $1)
    AND ($2::integer IS NULL OR a.patient_id = $2)
    AND ($3::integer IS NULL OR a.requesting_doctor_id = $3 OR a.specialist_id = $3
        OR {})",
        treats("a.patient_id", "$3", "$4")
    )
}

pub(super) async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &ApprovalFilter,
    page: PageRequest,
    now: DateTime<Utc>,
) -> StoreResult<Page<SpecialistApproval>> {
    let params: [Value; 4] = [
        filter.status.map(|s| s.as_str().to_owned()).into(),
        filter.patient_id.into(),
        filter.visible_to_doctor.into(),
        now.into(),
    ];
    let (rows, total) = page_rows::<Row, _>(
        conn,
        &format!(
            "{VIEW} {} ORDER BY a.requested_at DESC, a.approval_id DESC",
            condition()
        ),
        &format!(
            "SELECT count(*) AS total FROM specialist_approvals a {}",
            condition()
        ),
        params.to_vec(),
        page,
    )
    .await?;
    let items = rows
        .into_iter()
        .map(Row::into_approval)
        .collect::<StoreResult<_>>()?;
    Ok(Page::new(items, page, total))
}

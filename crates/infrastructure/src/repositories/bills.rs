//! Bills and their entries (payments, refunds, adjustments): the billing store. It reads and locks bills, and writes what the
//! use cases of `clinic_domain::billing` decided, with their audit rows and notifications, in
//! the transaction the use case began. The rules themselves live in the domain.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::access::{Actor, PatientFacts};
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::billing::{
    Adjustment, Bill, BillEntries, BillFacts, BillFilter, BillOffice, BillTotals, BillVoiding,
    BillingStore, BillingTx, NewAdjustment, NewBill, NewPayment, NewRefund, Payment, PaymentEntry,
    PaymentEntryKind, PaymentStatus, Refund, VisitToBill,
};
use clinic_domain::notification::NotificationDraft;
use clinic_domain::values::Money;
use clinic_domain::{Clock, Page, PageRequest, StoreError, StoreResult, SystemClock};
use rust_decimal::Decimal;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, FromQueryResult,
    QueryResult, Statement, Value,
};

use super::ListSql;
use super::access_facts::patient_facts;
use super::support::{
    Conditions, begin, commit_with_notifications, find_one, insert_audited, page_rows, store_error,
    update_audited,
};
use super::treats::treats;

/// Bills in PostgreSQL.
#[derive(Clone)]
pub struct PgBills {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl PgBills {
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

/// The columns of a bill as the domain sees it.
const COLUMNS: &str = "b.bill_id, b.invoice_number, b.patient_id,
        concat_ws(' ', p.first_name, p.last_name) AS patient_name,
        b.appointment_id, a.appointment_datetime AS visit_at,
        concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
        o.name AS office_name,
        concat_ws(', ', o.address_line1, o.address_line2, o.city,
                  nullif(concat_ws(' ', o.state, o.postal_code), ''), o.country) AS office_address,
        o.time_zone AS office_time_zone,
        b.amount_due, b.amount_paid, b.billing_due, b.voided_at, b.void_reason, b.created_at, b.updated_at";

const FROM: &str = "FROM bills b
    JOIN patients p ON p.patient_id = b.patient_id
    JOIN appointments a ON a.appointment_id = b.appointment_id
    JOIN doctors d ON d.doctor_id = a.doctor_id
    JOIN offices o ON o.office_id = a.office_id";

/// The SQL twin of `clinic_domain::billing::derive_status`, for filtering lists in the
/// database. `today` is the placeholder of the current date. A test checks that both agree.
#[must_use]
pub fn derived_status_sql(today: &str) -> String {
    format!(
        "CASE WHEN b.voided_at IS NOT NULL THEN 'void'
              WHEN b.amount_paid >= b.amount_due THEN 'paid'
              WHEN {today} > b.billing_due THEN 'overdue'
              WHEN b.amount_paid > 0 THEN 'partially_paid'
              ELSE 'unpaid' END"
    )
}

/// Bill `$1` with its facts for the actor whose doctor id is `$2` at instant `$3`, locked when
/// `lock`.
fn facts_sql(lock: bool) -> String {
    format!(
        "SELECT {COLUMNS}, p.user_id AS patient_user_id,
                $2::integer IS NOT NULL AND {} AS treated_by_actor
         {FROM} WHERE b.bill_id = $1{}",
        treats("b.patient_id", "$2", "$3"),
        if lock { " FOR NO KEY UPDATE OF b" } else { "" }
    )
}

#[derive(FromQueryResult)]
struct Row {
    bill_id: i32,
    invoice_number: String,
    patient_id: i32,
    patient_name: String,
    appointment_id: i32,
    visit_at: DateTime<Utc>,
    doctor_name: String,
    office_name: String,
    office_address: String,
    office_time_zone: String,
    amount_due: Decimal,
    amount_paid: Decimal,
    billing_due: NaiveDate,
    voided_at: Option<DateTime<Utc>>,
    void_reason: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn money(amount: Decimal) -> StoreResult<Money> {
    Money::new(amount)
        .map_err(|e| StoreError::Unexpected(format!("stored amount {amount} is invalid: {e}")))
}

impl Row {
    fn into_bill(self) -> StoreResult<Bill> {
        Ok(Bill {
            bill_id: self.bill_id,
            invoice_number: self.invoice_number,
            patient_id: self.patient_id,
            patient_name: self.patient_name,
            appointment_id: self.appointment_id,
            visit_at: self.visit_at,
            doctor_name: self.doctor_name,
            office: BillOffice {
                name: self.office_name,
                address: self.office_address,
                time_zone: self.office_time_zone,
            },
            amount_due: money(self.amount_due)?,
            amount_paid: money(self.amount_paid)?,
            billing_due: self.billing_due,
            voided_at: self.voided_at,
            void_reason: self.void_reason,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A bill row with the facts of [`facts_sql`].
struct FactsRow {
    bill: Row,
    patient_user_id: i32,
    treated_by_actor: bool,
}

impl FromQueryResult for FactsRow {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(Self {
            bill: Row::from_query_result(res, pre)?,
            patient_user_id: res.try_get(pre, "patient_user_id")?,
            treated_by_actor: res.try_get(pre, "treated_by_actor")?,
        })
    }
}

async fn facts<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    bill_id: i32,
    lock: bool,
    now: DateTime<Utc>,
) -> StoreResult<Option<BillFacts>> {
    let row = FactsRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        facts_sql(lock),
        [bill_id.into(), actor.doctor_id.into(), now.into()],
    ))
    .one(conn)
    .await
    .map_err(store_error)?;
    row.map(|row| {
        Ok(BillFacts {
            bill: row.bill.into_bill()?,
            patient_user_id: row.patient_user_id,
            treated_by_actor: row.treated_by_actor,
        })
    })
    .transpose()
}

/// The bill as it is now, after a write.
async fn reload<C: ConnectionTrait>(conn: &C, bill_id: i32) -> StoreResult<Bill> {
    find_one::<Row, _>(
        conn,
        Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT {COLUMNS} {FROM} WHERE b.bill_id = $1"),
            [bill_id.into()],
        ),
        "bill",
    )
    .await?
    .into_bill()
}

/// The columns of a payment.
const PAYMENT_COLUMNS: &str =
    "pm.payment_id, pm.bill_id, pm.amount, pm.method, pm.paid_at, pm.recorded_by,
        (SELECT u.username FROM users u WHERE u.user_id = pm.recorded_by) AS recorded_by_name,
        pm.reference, pm.amount_refunded, pm.provider_reference";

#[derive(FromQueryResult)]
struct PaymentRow {
    payment_id: i32,
    bill_id: i32,
    amount: Decimal,
    method: String,
    paid_at: DateTime<Utc>,
    recorded_by: Option<i32>,
    recorded_by_name: Option<String>,
    reference: Option<String>,
    amount_refunded: Decimal,
    provider_reference: Option<String>,
}

impl PaymentRow {
    fn into_payment(self) -> StoreResult<Payment> {
        Ok(Payment {
            method: self.method.parse().map_err(|_| {
                StoreError::Unexpected(format!("unknown payment method {:?}", self.method))
            })?,
            payment_id: self.payment_id,
            bill_id: self.bill_id,
            amount: money(self.amount)?,
            paid_at: self.paid_at,
            recorded_by: self.recorded_by,
            recorded_by_name: self.recorded_by_name,
            reference: self.reference,
            amount_refunded: money(self.amount_refunded)?,
            provider_reference: self.provider_reference,
        })
    }
}

#[derive(FromQueryResult)]
struct RefundRow {
    refund_id: i32,
    bill_id: i32,
    payment_id: i32,
    amount: Decimal,
    reason: String,
    provider_reference: Option<String>,
    refunded_at: DateTime<Utc>,
    recorded_by: i32,
    recorded_by_name: String,
}

impl RefundRow {
    fn into_refund(self) -> StoreResult<Refund> {
        Ok(Refund {
            refund_id: self.refund_id,
            bill_id: self.bill_id,
            payment_id: self.payment_id,
            amount: money(self.amount)?,
            reason: self.reason,
            provider_reference: self.provider_reference,
            refunded_at: self.refunded_at,
            recorded_by: self.recorded_by,
            recorded_by_name: self.recorded_by_name,
        })
    }
}

#[derive(FromQueryResult)]
struct AdjustmentRow {
    adjustment_id: i32,
    bill_id: i32,
    amount_due_before: Decimal,
    amount_due_after: Decimal,
    reason: String,
    adjusted_at: DateTime<Utc>,
    adjusted_by: i32,
}

impl AdjustmentRow {
    fn into_adjustment(self) -> StoreResult<Adjustment> {
        Ok(Adjustment {
            adjustment_id: self.adjustment_id,
            bill_id: self.bill_id,
            amount_due_before: money(self.amount_due_before)?,
            amount_due_after: money(self.amount_due_after)?,
            reason: self.reason,
            adjusted_at: self.adjusted_at,
            adjusted_by: self.adjusted_by,
        })
    }
}

/// The rows `sql` selects for bill `$1`, each made into an entry by `into`.
async fn rows_of_bill<C, R, T>(
    conn: &C,
    sql: String,
    bill_id: i32,
    into: fn(R) -> StoreResult<T>,
) -> StoreResult<Vec<T>>
where
    C: ConnectionTrait,
    R: FromQueryResult,
{
    R::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [bill_id.into()],
    ))
    .all(conn)
    .await
    .map_err(store_error)?
    .into_iter()
    .map(into)
    .collect()
}

async fn entries<C: ConnectionTrait>(conn: &C, bill_id: i32) -> StoreResult<BillEntries> {
    Ok(BillEntries {
        payments: rows_of_bill(
            conn,
            format!(
                "SELECT {PAYMENT_COLUMNS} FROM payments pm WHERE pm.bill_id = $1
                 ORDER BY pm.paid_at, pm.payment_id"
            ),
            bill_id,
            PaymentRow::into_payment,
        )
        .await?,
        refunds: rows_of_bill(
            conn,
            "SELECT r.refund_id, r.bill_id, r.payment_id, r.amount, r.reason, r.provider_reference,
                    r.refunded_at, r.recorded_by, u.username AS recorded_by_name
             FROM refunds r JOIN users u ON u.user_id = r.recorded_by
             WHERE r.bill_id = $1 ORDER BY r.refunded_at, r.refund_id"
                .to_owned(),
            bill_id,
            RefundRow::into_refund,
        )
        .await?,
        adjustments: rows_of_bill(
            conn,
            "SELECT adjustment_id, bill_id, amount_due_before, amount_due_after, reason,
                    adjusted_at, adjusted_by
             FROM bill_adjustments WHERE bill_id = $1 ORDER BY adjusted_at, adjustment_id"
                .to_owned(),
            bill_id,
            AdjustmentRow::into_adjustment,
        )
        .await?,
    })
}

/// The `WHERE` clause of `GET /bills` for `filter` (over [`FROM`]), and its parameters.
fn list_conditions(filter: &BillFilter) -> (String, Vec<Value>) {
    let mut conditions = Conditions::default()
        .when(filter.patient_id, "b.patient_id = $")
        .when(filter.appointment_id, "b.appointment_id = $")
        // The day issued on the office's calendar, as the desk reads it.
        .when(
            filter.issued_from,
            "(b.created_at AT TIME ZONE o.time_zone)::date >= $",
        )
        .when(
            filter.issued_to,
            "(b.created_at AT TIME ZONE o.time_zone)::date <= $",
        );
    if let Some(status) = filter.status {
        let today = conditions.param(filter.today);
        let status = conditions.param(status.as_str().to_owned());
        conditions.predicate(format!(
            "{} = {status}",
            derived_status_sql(&format!("{today}::date"))
        ));
    }
    if filter.owing {
        let today = conditions.param(filter.today);
        // The statuses still owed, as the domain names them (never a second list here).
        let owing: Vec<String> = PaymentStatus::ALL
            .iter()
            .filter(|s| s.is_owing())
            .map(|s| conditions.param(s.as_str().to_owned()))
            .collect();
        conditions.predicate(format!(
            "{} IN ({})",
            derived_status_sql(&format!("{today}::date")),
            owing.join(", ")
        ));
    }
    if let Some(search) = &filter.search {
        let term = conditions.param(search.to_lowercase());
        conditions.predicate(format!(
            "(strpos(lower(concat_ws(' ', p.first_name, p.last_name)), {term}) > 0
              OR strpos(lower(b.invoice_number), {term}) > 0)"
        ));
    }
    (conditions.sql(), conditions.into_params())
}

/// The SQL of `GET /bills` for `filter`, and its parameters.
#[must_use]
pub fn list_sql(filter: &BillFilter) -> (ListSql, Vec<Value>) {
    let (condition, params) = list_conditions(filter);
    let sql = ListSql {
        page: format!(
            "SELECT {COLUMNS} {FROM} {condition} ORDER BY b.created_at DESC, b.bill_id DESC"
        ),
        total: format!("SELECT count(*) AS total {FROM} {condition}"),
    };
    (sql, params)
}

/// The SQL twin of `clinic_domain::billing::BillTotals::of` over the bills `filter` selects.
fn totals_sql(filter: &BillFilter) -> (String, Vec<Value>) {
    let (condition, params) = list_conditions(filter);
    let sql = format!(
        "SELECT count(*) AS count,
                COALESCE(sum(b.amount_due) FILTER (WHERE b.voided_at IS NULL), 0) AS billed,
                COALESCE(sum(e.paid), 0) AS paid,
                COALESCE(sum(e.refunded), 0) AS refunded,
                COALESCE(sum(GREATEST(b.amount_due - b.amount_paid, 0))
                         FILTER (WHERE b.voided_at IS NULL), 0) AS outstanding
         {FROM}
         LEFT JOIN LATERAL (
             SELECT sum(pm.amount) AS paid, sum(pm.amount_refunded) AS refunded
             FROM payments pm WHERE pm.bill_id = b.bill_id
         ) e ON true
         {condition}"
    );
    (sql, params)
}

#[derive(FromQueryResult)]
struct TotalsRow {
    count: i64,
    billed: Decimal,
    paid: Decimal,
    refunded: Decimal,
    outstanding: Decimal,
}

/// One line of a patient's payment history: payments and refunds of their bills, newest
/// first (at one instant a refund follows its payment).
const HISTORY_SQL: &str = "SELECT * FROM (
        SELECT 'payment' AS kind, pm.payment_id AS entry_id, pm.payment_id, pm.bill_id,
               b.invoice_number, pm.paid_at AS at, pm.amount, pm.method,
               u.username AS recorded_by_name,
               COALESCE(pm.reference, pm.provider_reference) AS reference, NULL::text AS reason
        FROM payments pm JOIN bills b ON b.bill_id = pm.bill_id
        LEFT JOIN users u ON u.user_id = pm.recorded_by
        WHERE b.patient_id = $1
        UNION ALL
        SELECT 'refund', r.refund_id, r.payment_id, r.bill_id, b.invoice_number, r.refunded_at,
               r.amount, pm.method, u.username, r.provider_reference, r.reason
        FROM refunds r JOIN bills b ON b.bill_id = r.bill_id
        JOIN payments pm ON pm.payment_id = r.payment_id
        JOIN users u ON u.user_id = r.recorded_by
        WHERE b.patient_id = $1
    ) h";

#[derive(FromQueryResult)]
struct HistoryRow {
    kind: String,
    entry_id: i32,
    payment_id: i32,
    bill_id: i32,
    invoice_number: String,
    at: DateTime<Utc>,
    amount: Decimal,
    method: String,
    recorded_by_name: Option<String>,
    reference: Option<String>,
    reason: Option<String>,
}

impl HistoryRow {
    fn into_entry(self) -> StoreResult<PaymentEntry> {
        Ok(PaymentEntry {
            kind: if self.kind == "refund" {
                PaymentEntryKind::Refund
            } else {
                PaymentEntryKind::Payment
            },
            method: self.method.parse().map_err(|_| {
                StoreError::Unexpected(format!("unknown payment method {:?}", self.method))
            })?,
            entry_id: self.entry_id,
            payment_id: self.payment_id,
            bill_id: self.bill_id,
            invoice_number: self.invoice_number,
            at: self.at,
            amount: money(self.amount)?,
            recorded_by_name: self.recorded_by_name,
            reference: self.reference,
            reason: self.reason,
        })
    }
}

#[async_trait]
impl BillingStore for PgBills {
    async fn begin(&self) -> StoreResult<Box<dyn BillingTx + '_>> {
        Ok(Box::new(PgBillingTx {
            txn: begin(&self.db).await?,
            now: self.clock.now(),
            audit: Vec::new(),
            notices: Vec::new(),
        }))
    }

    async fn bill(&self, actor: &Actor, bill_id: i32) -> StoreResult<Option<BillFacts>> {
        facts(&self.db, actor, bill_id, false, self.clock.now()).await
    }

    async fn entries(&self, bill_id: i32) -> StoreResult<BillEntries> {
        entries(&self.db, bill_id).await
    }

    async fn patient_facts(
        &self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<PatientFacts>> {
        patient_facts(&self.db, actor, patient_id, self.clock.now()).await
    }

    async fn list(&self, filter: &BillFilter, page: PageRequest) -> StoreResult<Page<Bill>> {
        let (sql, params) = list_sql(filter);
        let (rows, total) =
            page_rows::<Row, _>(&self.db, &sql.page, &sql.total, params, page).await?;
        let items = rows
            .into_iter()
            .map(Row::into_bill)
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }

    async fn totals(&self, filter: &BillFilter) -> StoreResult<BillTotals> {
        let (sql, params) = totals_sql(filter);
        let row = find_one::<TotalsRow, _>(
            &self.db,
            Statement::from_sql_and_values(DbBackend::Postgres, sql, params),
            "bill totals",
        )
        .await?;
        Ok(BillTotals {
            count: u64::try_from(row.count)
                .map_err(|_| StoreError::Unexpected("a negative count".into()))?,
            billed: row.billed,
            paid: row.paid,
            refunded: row.refunded,
            outstanding: row.outstanding,
        })
    }

    async fn payment_history(
        &self,
        patient_id: i32,
        page: PageRequest,
    ) -> StoreResult<Page<PaymentEntry>> {
        let select =
            format!("{HISTORY_SQL} ORDER BY h.at DESC, (h.kind = 'refund') DESC, h.entry_id DESC");
        let total = format!("SELECT count(*) AS total FROM ({HISTORY_SQL}) counted");
        let (rows, total) =
            page_rows::<HistoryRow, _>(&self.db, &select, &total, vec![patient_id.into()], page)
                .await?;
        let items = rows
            .into_iter()
            .map(HistoryRow::into_entry)
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }
}

#[derive(FromQueryResult)]
struct VisitRow {
    appointment_id: i32,
    patient_id: i32,
    patient_user_id: i32,
    status: String,
    visit_fee: Decimal,
    doctor_name: String,
    bill_id: Option<i32>,
}

impl VisitRow {
    fn into_visit(self) -> StoreResult<VisitToBill> {
        Ok(VisitToBill {
            status: self.status.parse().map_err(|_| {
                StoreError::Unexpected(format!("unknown appointment status {:?}", self.status))
            })?,
            visit_fee: money(self.visit_fee)?,
            appointment_id: self.appointment_id,
            patient_id: self.patient_id,
            patient_user_id: self.patient_user_id,
            doctor_name: self.doctor_name,
            bill_id: self.bill_id,
        })
    }
}

/// One change to a bill: its writes, and the audit rows and notifications that land with them
/// at commit. Dropped without commit, the transaction rolls back.
struct PgBillingTx {
    txn: DatabaseTransaction,
    /// The instant the transaction's access facts are judged at.
    now: DateTime<Utc>,
    audit: Vec<AuditEntryDraft>,
    notices: Vec<NotificationDraft>,
}

impl PgBillingTx {
    /// Runs `sql` (an UPDATE of bill `$1`) audited.
    async fn update_bill(
        &mut self,
        actor: &Actor,
        bill_id: i32,
        sql: &str,
        values: Vec<Value>,
    ) -> StoreResult<()> {
        self.update_row(actor, ("bills", "bill_id", bill_id), sql, values)
            .await
    }

    /// Runs `sql` (an UPDATE of the row of `table` whose `key` is `id`) audited.
    async fn update_row(
        &mut self,
        actor: &Actor,
        (table, key, id): (&str, &str, i32),
        sql: &str,
        values: Vec<Value>,
    ) -> StoreResult<()> {
        let audit = update_audited(
            &self.txn,
            Some(actor.user_id),
            (table, key, id.into()),
            Statement::from_sql_and_values(DbBackend::Postgres, sql, values),
        )
        .await?;
        self.audit.push(audit);
        Ok(())
    }

    /// Runs `sql` (an `INSERT INTO <table> AS t ... RETURNING <key> AS id, to_jsonb(t) AS
    /// row`) audited.
    async fn insert_row(
        &mut self,
        actor: &Actor,
        table: &str,
        sql: &str,
        values: Vec<Value>,
    ) -> StoreResult<()> {
        let (_, audit) = insert_audited(
            &self.txn,
            Some(actor.user_id),
            table,
            Statement::from_sql_and_values(DbBackend::Postgres, sql, values),
        )
        .await?;
        self.audit.push(audit);
        Ok(())
    }
}

#[async_trait]
impl BillingTx for PgBillingTx {
    async fn lock_bill(&mut self, actor: &Actor, bill_id: i32) -> StoreResult<Option<BillFacts>> {
        facts(&self.txn, actor, bill_id, true, self.now).await
    }

    async fn record_payment(
        &mut self,
        actor: &Actor,
        payment: &NewPayment,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        let bill_id = payment.bill_id;
        self.update_bill(
            actor,
            bill_id,
            "UPDATE bills SET amount_paid = $2, updated_at = now() WHERE bill_id = $1",
            vec![bill_id.into(), payment.amount_paid.amount().into()],
        )
        .await?;
        self.insert_row(
            actor,
            "payments",
            "INSERT INTO payments AS t
                 (bill_id, amount, method, paid_at, recorded_by, provider_reference, reference)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING payment_id AS id, to_jsonb(t) AS row",
            vec![
                bill_id.into(),
                payment.amount.amount().into(),
                payment.method.as_str().into(),
                payment.paid_at.into(),
                actor.user_id.into(),
                payment.provider_reference.clone().into(),
                payment.reference.clone().into(),
            ],
        )
        .await?;
        self.notices.push(notice);
        reload(&self.txn, bill_id).await
    }

    async fn adjust(
        &mut self,
        actor: &Actor,
        adjustment: &NewAdjustment,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        let bill_id = adjustment.bill_id;
        self.update_bill(
            actor,
            bill_id,
            "UPDATE bills SET amount_due = $2, updated_at = now() WHERE bill_id = $1",
            vec![bill_id.into(), adjustment.amount_due_after.amount().into()],
        )
        .await?;
        self.insert_row(
            actor,
            "bill_adjustments",
            "INSERT INTO bill_adjustments AS t
                 (bill_id, amount_due_before, amount_due_after, reason, adjusted_at, adjusted_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING adjustment_id AS id, to_jsonb(t) AS row",
            vec![
                bill_id.into(),
                adjustment.amount_due_before.amount().into(),
                adjustment.amount_due_after.amount().into(),
                adjustment.reason.clone().into(),
                adjustment.adjusted_at.into(),
                actor.user_id.into(),
            ],
        )
        .await?;
        self.notices.push(notice);
        reload(&self.txn, bill_id).await
    }

    async fn lock_payment(
        &mut self,
        bill_id: i32,
        payment_id: i32,
    ) -> StoreResult<Option<Payment>> {
        PaymentRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "SELECT {PAYMENT_COLUMNS} FROM payments pm WHERE pm.payment_id = $1 AND pm.bill_id = $2
                 FOR NO KEY UPDATE OF pm"
            ),
            [payment_id.into(), bill_id.into()],
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?
        .map(PaymentRow::into_payment)
        .transpose()
    }

    async fn record_refund(
        &mut self,
        actor: &Actor,
        refund: &NewRefund,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        let bill_id = refund.bill_id;
        self.update_bill(
            actor,
            bill_id,
            "UPDATE bills SET amount_paid = $2, updated_at = now() WHERE bill_id = $1",
            vec![bill_id.into(), refund.amount_paid.amount().into()],
        )
        .await?;
        self.update_row(
            actor,
            ("payments", "payment_id", refund.payment_id),
            "UPDATE payments SET amount_refunded = $2 WHERE payment_id = $1",
            vec![
                refund.payment_id.into(),
                refund.payment_refunded.amount().into(),
            ],
        )
        .await?;
        self.insert_row(
            actor,
            "refunds",
            "INSERT INTO refunds AS t
                 (bill_id, payment_id, amount, reason, provider_reference, refunded_at, recorded_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING refund_id AS id, to_jsonb(t) AS row",
            vec![
                bill_id.into(),
                refund.payment_id.into(),
                refund.amount.amount().into(),
                refund.reason.clone().into(),
                refund.provider_reference.clone().into(),
                refund.refunded_at.into(),
                actor.user_id.into(),
            ],
        )
        .await?;
        self.notices.push(notice);
        reload(&self.txn, bill_id).await
    }

    async fn void(
        &mut self,
        actor: &Actor,
        voiding: &BillVoiding,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        self.update_bill(
            actor,
            voiding.bill_id,
            "UPDATE bills SET voided_at = $2, void_reason = $3, updated_at = now()
             WHERE bill_id = $1",
            vec![
                voiding.bill_id.into(),
                voiding.voided_at.into(),
                voiding.reason.clone().into(),
            ],
        )
        .await?;
        self.notices.push(notice);
        reload(&self.txn, voiding.bill_id).await
    }

    async fn entries(&mut self, bill_id: i32) -> StoreResult<BillEntries> {
        entries(&self.txn, bill_id).await
    }

    async fn lock_visit(&mut self, appointment_id: i32) -> StoreResult<Option<VisitToBill>> {
        let row = VisitRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT a.appointment_id, a.patient_id, p.user_id AS patient_user_id,
                    a.status::text AS status, s.consultation_fee AS visit_fee,
                    concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
                    (SELECT bl.bill_id FROM bills bl WHERE bl.appointment_id = a.appointment_id)
                        AS bill_id
             FROM appointments a
             JOIN patients p ON p.patient_id = a.patient_id
             JOIN doctors d ON d.doctor_id = a.doctor_id
             JOIN specialties s ON s.specialty_id = d.specialty_id
             WHERE a.appointment_id = $1
             FOR NO KEY UPDATE OF a",
            [appointment_id.into()],
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?;
        row.map(VisitRow::into_visit).transpose()
    }

    async fn issue_bill(
        &mut self,
        actor: &Actor,
        new: &NewBill,
        notice: &(dyn for<'b> Fn(&'b Bill) -> NotificationDraft + Sync),
    ) -> StoreResult<Bill> {
        let (bill_id, audit) = insert_audited(
            &self.txn,
            Some(actor.user_id),
            "bills",
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO bills AS t (patient_id, appointment_id, amount_due, billing_due)
                 VALUES ($1, $2, $3, $4)
                 RETURNING bill_id AS id, to_jsonb(t) AS row",
                [
                    new.patient_id.into(),
                    new.appointment_id.into(),
                    new.amount_due.amount().into(),
                    new.billing_due.into(),
                ],
            ),
        )
        .await?;
        self.audit.push(audit);
        let bill = reload(&self.txn, bill_id).await?;
        self.notices.push(notice(&bill));
        Ok(bill)
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let Self {
            txn,
            audit,
            notices,
            ..
        } = *self;
        commit_with_notifications(txn, audit, &notices).await
    }
}

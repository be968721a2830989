//! Bills and payments.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::billing::{
    Bill, BillFilter, BillRepository, Payment, PaymentMethod, adjust_amount, apply_payment,
    derive_status, void,
};
use clinic_domain::notification::{NotificationDraft, NotificationType};
use clinic_domain::values::Money;
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use rust_decimal::Decimal;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult,
    Statement, Value,
};

use super::ListSql;
use super::support::{
    Conditions, begin, commit_with_notifications, draft, page_rows, snapshot, store_error,
};

/// Bills in PostgreSQL.
#[derive(Clone)]
pub struct PgBills {
    db: DatabaseConnection,
}

impl PgBills {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const VIEW: &str = "SELECT b.bill_id, b.patient_id, concat_ws(' ', p.first_name, p.last_name) AS patient_name,
        b.appointment_id, a.appointment_datetime AS visit_at,
        concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
        b.amount_due, b.amount_paid, b.billing_due, b.voided_at, b.void_reason, b.created_at, b.updated_at,
        u.user_id AS patient_user_id
    FROM bills b
    JOIN patients p ON p.patient_id = b.patient_id
    JOIN users u ON u.user_id = p.user_id
    JOIN appointments a ON a.appointment_id = b.appointment_id
    JOIN doctors d ON d.doctor_id = a.doctor_id";

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

#[derive(FromQueryResult)]
struct Row {
    bill_id: i32,
    patient_id: i32,
    patient_name: String,
    appointment_id: i32,
    visit_at: DateTime<Utc>,
    doctor_name: String,
    amount_due: Decimal,
    amount_paid: Decimal,
    billing_due: NaiveDate,
    voided_at: Option<DateTime<Utc>>,
    void_reason: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    patient_user_id: i32,
}

fn money(amount: Decimal) -> StoreResult<Money> {
    Money::new(amount)
        .map_err(|e| StoreError::Unexpected(format!("stored amount {amount} is invalid: {e}")))
}

impl Row {
    fn into_bill(self) -> StoreResult<Bill> {
        Ok(Bill {
            bill_id: self.bill_id,
            patient_id: self.patient_id,
            patient_name: self.patient_name,
            appointment_id: self.appointment_id,
            visit_at: self.visit_at,
            doctor_name: self.doctor_name,
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

async fn load<C: ConnectionTrait>(conn: &C, bill_id: i32, lock: bool) -> StoreResult<(Bill, i32)> {
    if lock {
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 FROM bills WHERE bill_id = $1 FOR NO KEY UPDATE",
            [bill_id.into()],
        ))
        .await
        .map_err(store_error)?;
    }
    let row = Row::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW} WHERE b.bill_id = $1"),
        [bill_id.into()],
    ))
    .one(conn)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::not_found("bill"))?;
    let user = row.patient_user_id;
    Ok((row.into_bill()?, user))
}

/// Stores new amounts and the status they give on `today`, audited.
async fn store(
    txn: &DatabaseTransaction,
    actor: &Actor,
    bill: &Bill,
    amount_due: Money,
    amount_paid: Money,
    today: NaiveDate,
) -> StoreResult<clinic_domain::audit::AuditEntryDraft> {
    let before = snapshot(txn, "bills", "bill_id", bill.bill_id.into())
        .await
        .map_err(store_error)?;
    let status = derive_status(amount_due, amount_paid, bill.billing_due, false, today);
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE bills SET amount_due = $2, amount_paid = $3, payment_status = $4, updated_at = now()
         WHERE bill_id = $1",
        [bill.bill_id.into(), amount_due.amount().into(), amount_paid.amount().into(), status.as_str().into()],
    ))
    .await
    .map_err(store_error)?;
    let after = snapshot(txn, "bills", "bill_id", bill.bill_id.into())
        .await
        .map_err(store_error)?;
    Ok(draft(
        "bills",
        bill.bill_id.into(),
        AuditAction::Update,
        Some(actor.user_id),
        before,
        after,
    ))
}

#[derive(FromQueryResult)]
struct PaymentRow {
    payment_id: i32,
    bill_id: i32,
    amount: Decimal,
    method: String,
    paid_at: DateTime<Utc>,
    recorded_by: Option<i32>,
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
        })
    }
}

/// The SQL of `GET /bills` for `filter`, and its parameters.
#[must_use]
pub fn list_sql(filter: &BillFilter) -> (ListSql, Vec<Value>) {
    let mut conditions = Conditions::default().when(filter.patient_id, "b.patient_id = $");
    if let Some(status) = filter.status {
        let today = conditions.param(filter.today);
        let status = conditions.param(status.as_str().to_owned());
        conditions.predicate(format!(
            "{} = {status}",
            derived_status_sql(&format!("{today}::date"))
        ));
    }
    let condition = conditions.sql();
    let sql = ListSql {
        page: format!("{VIEW} {condition} ORDER BY b.created_at DESC, b.bill_id DESC"),
        total: format!("SELECT count(*) AS total FROM bills b {condition}"),
    };
    (sql, conditions.into_params())
}

#[async_trait]
impl BillRepository for PgBills {
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

    async fn get(&self, bill_id: i32) -> StoreResult<Bill> {
        Ok(load(&self.db, bill_id, false).await?.0)
    }

    async fn payments(&self, bill_id: i32) -> StoreResult<Vec<Payment>> {
        PaymentRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT payment_id, bill_id, amount, method, paid_at, recorded_by FROM payments
             WHERE bill_id = $1 ORDER BY paid_at, payment_id",
            [bill_id.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(PaymentRow::into_payment)
        .collect()
    }

    async fn pay(
        &self,
        actor: &Actor,
        bill_id: i32,
        amount: Money,
        method: PaymentMethod,
        today: NaiveDate,
    ) -> StoreResult<(Bill, Payment)> {
        let txn = begin(&self.db).await?;
        let (bill, patient_user) = load(&txn, bill_id, true).await?;
        let paid = apply_payment(
            bill.amount_due,
            bill.amount_paid,
            amount,
            bill.voided_at.is_some(),
        )?;
        let bill_audit = store(&txn, actor, &bill, bill.amount_due, paid, today).await?;
        let payment = PaymentRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO payments (bill_id, amount, method, recorded_by) VALUES ($1, $2, $3, $4)
             RETURNING payment_id, bill_id, amount, method, paid_at, recorded_by",
            [
                bill_id.into(),
                amount.amount().into(),
                method.as_str().into(),
                actor.user_id.into(),
            ],
        ))
        .one(&txn)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("INSERT payments returned nothing".into()))?
        .into_payment()?;
        let after = snapshot(&txn, "payments", "payment_id", payment.payment_id.into())
            .await
            .map_err(store_error)?;
        let payment_audit = draft(
            "payments",
            payment.payment_id.into(),
            AuditAction::Insert,
            Some(actor.user_id),
            None,
            after,
        );
        let (updated, _) = load(&txn, bill_id, false).await?;
        let message = format!(
            "A payment of {amount} towards your bill #{bill_id} was received; {} remains.",
            updated.balance()
        );
        let notification = NotificationDraft::new(
            patient_user,
            NotificationType::Billing,
            message,
            "bills",
            bill_id,
        );
        commit_with_notifications(txn, vec![bill_audit, payment_audit], &[notification]).await?;
        Ok((updated, payment))
    }

    async fn adjust(
        &self,
        actor: &Actor,
        bill_id: i32,
        amount_due: Money,
        today: NaiveDate,
    ) -> StoreResult<Bill> {
        let txn = begin(&self.db).await?;
        let (bill, patient_user) = load(&txn, bill_id, true).await?;
        let amount_due = adjust_amount(bill.amount_paid, amount_due, bill.voided_at.is_some())?;
        let audit = store(&txn, actor, &bill, amount_due, bill.amount_paid, today).await?;
        let message = format!("Your bill #{bill_id} was changed to {amount_due}.");
        let notification = NotificationDraft::new(
            patient_user,
            NotificationType::Billing,
            message,
            "bills",
            bill_id,
        );
        let (updated, _) = load(&txn, bill_id, false).await?;
        commit_with_notifications(txn, vec![audit], &[notification]).await?;
        Ok(updated)
    }

    async fn void(&self, actor: &Actor, bill_id: i32, reason: String) -> StoreResult<Bill> {
        let txn = begin(&self.db).await?;
        let (bill, patient_user) = load(&txn, bill_id, true).await?;
        void(bill.amount_paid, bill.voided_at.is_some())?;
        let before = snapshot(&txn, "bills", "bill_id", bill_id.into())
            .await
            .map_err(store_error)?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE bills SET payment_status = 'void', voided_at = now(), void_reason = $2, updated_at = now()
             WHERE bill_id = $1",
            [bill_id.into(), reason.into()],
        ))
        .await
        .map_err(store_error)?;
        let after = snapshot(&txn, "bills", "bill_id", bill_id.into())
            .await
            .map_err(store_error)?;
        let audit = draft(
            "bills",
            bill_id.into(),
            AuditAction::Update,
            Some(actor.user_id),
            before,
            after,
        );
        let message = format!("Your bill #{bill_id} was voided; you owe nothing for it.");
        let notification = NotificationDraft::new(
            patient_user,
            NotificationType::Billing,
            message,
            "bills",
            bill_id,
        );
        let (updated, _) = load(&txn, bill_id, false).await?;
        commit_with_notifications(txn, vec![audit], &[notification]).await?;
        Ok(updated)
    }
}

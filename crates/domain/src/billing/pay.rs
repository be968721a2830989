//! Recording a payment towards a bill: staff record the money the clinic received, for any
//! bill; a patient pays their own bill online, through the configured payment provider only.

use super::change::{BillChangeError, lock_for, notice};
use super::payment::{PaymentRefused, apply_payment};
use super::ports::{BillingStore, NewPayment};
use super::provider::{Charge, PaymentProvider};
use super::{BillDetails, PaymentMethod};
use crate::access::{Action, Actor, may_record_payment};
use crate::clock::Clock;
use crate::error::ValidationError;
use crate::values::Money;

/// Most characters of a payment provider's token.
pub const PAYMENT_TOKEN_MAX_CHARS: usize = 200;

/// A payment as the payer asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPayment {
    /// The bill paid towards.
    pub bill_id: i32,
    /// The amount as the payer wrote it; read only once the actor may pay this bill, so a
    /// refusal never depends on the body.
    pub amount: String,
    /// How it was paid.
    pub method: PaymentMethod,
    /// For an online payment, the one-time token the provider's form gave the payer.
    pub payment_token: Option<String>,
    /// The desk's reference (a terminal slip, a cheque number): one line, at most
    /// [`PAYMENT_REFERENCE_MAX_CHARS`].
    pub reference: Option<String>,
}

/// Most characters of a payment's reference.
pub const PAYMENT_REFERENCE_MAX_CHARS: usize = 100;

/// Why a payment was not recorded: `Denied` (forbidden) for a method the actor may not record;
/// `OnlineUnavailable` without a provider; `Provider` when it declined; `Refused` when the bill
/// is void, or the amount is zero or more than the balance.
pub type PayBillError = BillChangeError<PaymentRefused>;

/// Records a payment towards a bill, in one transaction with the bill locked, so concurrent
/// payments never take the total past the amount due. An online payment is charged through
/// `provider` (still under the lock) and stored with its receipt. The patient is told what
/// remains. Returns the bill with all its entries.
///
/// # Errors
/// `NotFound`; `Denied` for a doctor, a patient paying another's bill (hidden), or a method
/// [`may_record_payment`] refuses (forbidden); `OnlineUnavailable` when `provider` is `None`;
/// `Invalid` on `payment_token` or `amount`; `Refused` by [`apply_payment`]; `Provider` when
/// the provider moves no money; `Store`.
pub async fn pay_bill(
    actor: &Actor,
    cmd: RecordPayment,
    clock: &dyn Clock,
    store: &dyn BillingStore,
    provider: Option<&dyn PaymentProvider>,
) -> Result<BillDetails, PayBillError> {
    let mut tx = store.begin().await?;
    let facts = lock_for(&mut *tx, actor, cmd.bill_id, Action::PayBill).await?;
    may_record_payment(actor, cmd.method).check("bill")?;
    let online = if cmd.method.is_online() {
        let provider = provider.ok_or(PayBillError::OnlineUnavailable)?;
        let token = payment_token(cmd.payment_token.as_deref())
            .map_err(|e| PayBillError::Invalid(e.into()))?;
        Some((provider, token))
    } else {
        None
    };
    let reference = crate::values::free_text::optional_line(
        "reference",
        cmd.reference.as_deref(),
        PAYMENT_REFERENCE_MAX_CHARS,
    )
    .map_err(|e| PayBillError::Invalid(e.into()))?;
    let amount = Money::parse_str(cmd.amount.trim())
        .map_err(|e| PayBillError::Invalid(e.on("amount").into()))?;
    let accepted = apply_payment(&facts.bill, amount).map_err(PayBillError::Refused)?;
    let bill_id = facts.bill.bill_id;
    let provider_reference = match online {
        Some((provider, token)) => {
            let charge = Charge {
                bill_id,
                amount,
                token,
            };
            Some(provider.charge(&charge).await?.reference)
        }
        None => None,
    };
    let message = format!(
        "A payment of {} towards your bill {} was received; {} remains.",
        amount.for_people(),
        facts.bill.invoice_number,
        accepted.balance.for_people()
    );
    let payment = NewPayment {
        bill_id,
        amount,
        method: cmd.method,
        paid_at: clock.now(),
        amount_paid: accepted.amount_paid,
        provider_reference,
        reference,
    };
    let bill = tx
        .record_payment(actor, &payment, notice(&facts, message))
        .await?;
    let entries = tx.entries(bill_id).await?;
    tx.commit().await?;
    Ok(BillDetails { bill, entries })
}

/// The provider's token as given: present, one line, not absurdly long.
fn payment_token(raw: Option<&str>) -> Result<String, ValidationError> {
    let field = "payment_token";
    let token = raw.map(str::trim).unwrap_or_default();
    if token.is_empty() {
        return Err(ValidationError::new(
            field,
            "is required to pay online (the token of the payment form)",
        ));
    }
    crate::values::free_text::required_line(field, token, PAYMENT_TOKEN_MAX_CHARS)
}

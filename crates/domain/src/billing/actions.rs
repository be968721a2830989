//! What an actor may do with a bill right now, so a client offers exactly the actions the
//! server would accept and never re-derives the rules.

use super::payment::{apply_payment, may_void};
use super::{Bill, PaymentMethod};
use crate::access::{Action, Actor, Decision, PatientFacts, authorize, may_record_payment};
use crate::string_enum::string_enum;

string_enum! {
    /// One thing that may be done with a bill.
    pub enum BillAction (kind = "bill action") {
        /// Record money the clinic received (staff).
        RecordPayment = "record_payment",
        /// Pay online through the payment provider (the patient, where one is configured).
        PayOnline = "pay_online",
        /// Refund (part of) a payment.
        Refund = "refund",
        /// Change the amount due.
        Adjust = "adjust",
        /// Void the bill.
        Void = "void",
    }
}

/// The actions `actor` may take on `bill` now; `online_available` says whether a payment
/// provider is configured. Each is asked of the same policy and rules the use cases apply.
#[must_use]
pub fn allowed_actions(actor: &Actor, bill: &Bill, online_available: bool) -> Vec<BillAction> {
    let patient = PatientFacts {
        patient_id: bill.patient_id,
        // Doctors never reach bills, so whether one treats the patient changes nothing here.
        treated_by_actor: false,
    };
    let allowed = |action| authorize(actor, action) == Decision::Allow;
    // Paying the whole balance is accepted exactly when the bill takes any payment.
    let may_pay = allowed(Action::PayBill(patient)) && apply_payment(bill, bill.balance()).is_ok();
    let by = |method| may_pay && may_record_payment(actor, method) == Decision::Allow;
    let manages = allowed(Action::ManageBilling);
    let open = bill.voided_at.is_none();
    [
        (BillAction::RecordPayment, by(PaymentMethod::Cash)),
        (
            BillAction::PayOnline,
            online_available && by(PaymentMethod::Online),
        ),
        (BillAction::Refund, manages && !bill.amount_paid.is_zero()),
        (BillAction::Adjust, manages && open),
        (BillAction::Void, manages && may_void(bill).is_ok()),
    ]
    .into_iter()
    .filter_map(|(action, ok)| ok.then_some(action))
    .collect()
}

//! The rules of paying, refunding, adjusting and voiding a bill: pure functions over the bill as it is
//! (locked by the use case), each returning the decision or why the bill refuses. Every amount
//! is [`Money`], so it is already non-negative with at most two decimal places.

use chrono::{Days, NaiveDate};

use super::{Bill, Payment};
use crate::values::Money;

/// Days between issuing a bill and its due date, unless the biller chooses another date.
pub const DEFAULT_DUE_DAYS: i64 = 30;

/// The due date of a bill issued on `issued_on` with the default term.
pub fn default_due_date(issued_on: NaiveDate) -> NaiveDate {
    issued_on
        .checked_add_days(Days::new(DEFAULT_DUE_DAYS.unsigned_abs()))
        .unwrap_or(NaiveDate::MAX)
}

/// Why a bill takes no payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PaymentRefused {
    /// A void bill is owed nothing.
    #[error("the bill is void")]
    BillVoid,
    /// A payment of nothing records nothing.
    #[error("must be more than 0.00")]
    NotPositive,
    /// More than is owed; `balance` is what is, so the payer can correct the amount.
    #[error("must not exceed the outstanding balance of {balance}")]
    ExceedsBalance {
        /// What is still owed.
        balance: Money,
    },
}

/// A payment the bill accepts, and what the bill says once it is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptedPayment {
    /// The amount paid now.
    pub amount: Money,
    /// The bill's new total paid.
    pub amount_paid: Money,
    /// What is still owed afterwards.
    pub balance: Money,
}

/// Whether `bill` accepts a payment of `amount`, and the bill's totals after it.
///
/// # Errors
/// [`PaymentRefused::BillVoid`] on a void bill, [`PaymentRefused::NotPositive`] for zero,
/// [`PaymentRefused::ExceedsBalance`] for more than the balance.
pub fn apply_payment(bill: &Bill, amount: Money) -> Result<AcceptedPayment, PaymentRefused> {
    if bill.voided_at.is_some() {
        return Err(PaymentRefused::BillVoid);
    }
    if amount.is_zero() {
        return Err(PaymentRefused::NotPositive);
    }
    let balance = bill.balance();
    let exceeds = PaymentRefused::ExceedsBalance { balance };
    if amount > balance {
        return Err(exceeds);
    }
    // Within the balance, the new total is at most the amount due, so it always fits.
    let amount_paid = bill.amount_paid.checked_add(amount).map_err(|_| exceeds)?;
    let balance = balance.checked_sub(amount).map_err(|_| exceeds)?;
    Ok(AcceptedPayment {
        amount,
        amount_paid,
        balance,
    })
}

/// Why a bill keeps its amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AdjustRefused {
    /// A void bill accepts no change.
    #[error("the bill is void")]
    BillVoid,
    /// A bill never asks for less than was paid on it: refund the difference first, so no
    /// overpayment is ever left unaccounted for.
    #[error("must not be below the {paid} already paid; refund the difference first")]
    BelowPaid {
        /// What is paid, net of refunds.
        paid: Money,
    },
}

/// Whether `bill` may change its amount due to `amount_due`: at any time before it is void,
/// down to what is paid net of refunds (so a receipt never disagrees with its bill, and a bill
/// with payments is never frozen).
///
/// # Errors
/// [`AdjustRefused::BillVoid`] when void, [`AdjustRefused::BelowPaid`] below the amount paid.
pub fn adjust_amount(bill: &Bill, amount_due: Money) -> Result<(), AdjustRefused> {
    if bill.voided_at.is_some() {
        return Err(AdjustRefused::BillVoid);
    }
    if amount_due < bill.amount_paid {
        return Err(AdjustRefused::BelowPaid {
            paid: bill.amount_paid,
        });
    }
    Ok(())
}

/// Why a bill cannot be voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoidRefused {
    /// Voided once already.
    #[error("the bill is already void")]
    AlreadyVoid,
    /// Money received must be refunded first.
    #[error("a bill with payments cannot be voided; refund them first")]
    HasPayments,
}

/// Whether `bill` may be voided: only when nothing is paid net of refunds, since money
/// received must be refunded first (a void bill owes nothing and holds nothing).
///
/// # Errors
/// [`VoidRefused::AlreadyVoid`] when void, [`VoidRefused::HasPayments`] when something is paid.
pub fn may_void(bill: &Bill) -> Result<(), VoidRefused> {
    if bill.voided_at.is_some() {
        return Err(VoidRefused::AlreadyVoid);
    }
    if !bill.amount_paid.is_zero() {
        return Err(VoidRefused::HasPayments);
    }
    Ok(())
}

/// Why a payment is not refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RefundRefused {
    /// The payment named is not one of this bill's.
    #[error("no such payment on this bill")]
    NoSuchPayment,
    /// A refund of nothing records nothing.
    #[error("must be more than 0.00")]
    NotPositive,
    /// Never more than was paid on the payment, net of its earlier refunds.
    #[error("must not exceed the {refundable} still refundable on this payment")]
    ExceedsPayment {
        /// What may still be refunded of the payment.
        refundable: Money,
    },
}

/// A refund the bill accepts, and what the payment and the bill say once it is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptedRefund {
    /// The amount refunded now.
    pub amount: Money,
    /// The payment's new total refunded.
    pub payment_refunded: Money,
    /// The bill's new total paid, net of refunds.
    pub amount_paid: Money,
    /// What is owed afterwards.
    pub balance: Money,
}

/// Whether `payment` of `bill` may be refunded `amount`, and the totals after it.
///
/// # Errors
/// [`RefundRefused::NoSuchPayment`] when the payment is another bill's,
/// [`RefundRefused::NotPositive`] for zero, [`RefundRefused::ExceedsPayment`] for more than is
/// left of the payment.
pub fn apply_refund(
    bill: &Bill,
    payment: &Payment,
    amount: Money,
) -> Result<AcceptedRefund, RefundRefused> {
    if payment.bill_id != bill.bill_id {
        return Err(RefundRefused::NoSuchPayment);
    }
    if amount.is_zero() {
        return Err(RefundRefused::NotPositive);
    }
    let refundable = payment.refundable();
    let exceeds = RefundRefused::ExceedsPayment { refundable };
    if amount > refundable {
        return Err(exceeds);
    }
    let payment_refunded = payment
        .amount_refunded
        .checked_add(amount)
        .map_err(|_| exceeds)?;
    // The bill's total paid includes what is left of this payment, so it covers `amount`.
    let amount_paid = bill.amount_paid.checked_sub(amount).map_err(|_| exceeds)?;
    let balance = bill
        .amount_due
        .checked_sub(amount_paid)
        .unwrap_or(Money::ZERO);
    Ok(AcceptedRefund {
        amount,
        payment_refunded,
        amount_paid,
        balance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::fake::{bill, money};

    fn paid(amount_due: &str, amount_paid: &str) -> Bill {
        Bill {
            amount_paid: money(amount_paid),
            ..bill(1, 1, amount_due)
        }
    }

    fn void(bill: Bill) -> Bill {
        Bill {
            voided_at: Some(bill.created_at),
            void_reason: Some("billed twice".into()),
            ..bill
        }
    }

    #[test]
    fn a_payment_adds_to_the_amount_paid() {
        assert_eq!(
            apply_payment(&paid("100", "40"), money("25.50")),
            Ok(AcceptedPayment {
                amount: money("25.50"),
                amount_paid: money("65.50"),
                balance: money("34.50"),
            })
        );
    }

    #[test]
    fn paying_the_exact_balance_leaves_nothing_owed() {
        let accepted = apply_payment(&paid("100", "40"), money("60")).unwrap();
        assert_eq!(
            (accepted.amount_paid, accepted.balance),
            (money("100"), Money::ZERO)
        );
    }

    #[test]
    fn paying_more_than_the_balance_names_the_balance() {
        let error = apply_payment(&paid("100", "40"), money("60.01")).unwrap_err();
        assert_eq!(
            error,
            PaymentRefused::ExceedsBalance {
                balance: money("60")
            }
        );
        assert_eq!(
            error.to_string(),
            "must not exceed the outstanding balance of 60.00"
        );
    }

    #[test]
    fn a_zero_payment_is_refused() {
        assert_eq!(
            apply_payment(&paid("100", "0"), Money::ZERO),
            Err(PaymentRefused::NotPositive)
        );
    }

    #[test]
    fn a_void_bill_takes_no_payment() {
        assert_eq!(
            apply_payment(&void(paid("100", "0")), money("1")),
            Err(PaymentRefused::BillVoid)
        );
    }

    #[test]
    fn the_amount_can_change_after_payments_but_not_below_what_is_paid() {
        assert_eq!(adjust_amount(&paid("100", "0"), money("0")), Ok(()));
        assert_eq!(adjust_amount(&paid("100", "0.01"), money("0.01")), Ok(()));
        assert_eq!(adjust_amount(&paid("100", "40"), money("250")), Ok(()));
        assert_eq!(
            adjust_amount(&paid("100", "40"), money("39.99")),
            Err(AdjustRefused::BelowPaid { paid: money("40") })
        );
        assert_eq!(
            adjust_amount(&void(paid("100", "0")), money("90")),
            Err(AdjustRefused::BillVoid)
        );
    }

    fn payment(bill_id: i32, amount: &str, refunded: &str) -> Payment {
        Payment {
            payment_id: 3,
            bill_id,
            amount: money(amount),
            method: super::super::PaymentMethod::Cash,
            paid_at: bill(1, 1, "0").created_at,
            recorded_by: Some(1),
            recorded_by_name: None,
            reference: None,
            amount_refunded: money(refunded),
            provider_reference: None,
        }
    }

    #[test]
    fn a_refund_takes_back_part_of_a_payment_and_reopens_the_balance() {
        assert_eq!(
            apply_refund(&paid("100", "60"), &payment(1, "60", "10"), money("20")),
            Ok(AcceptedRefund {
                amount: money("20"),
                payment_refunded: money("30"),
                amount_paid: money("40"),
                balance: money("60"),
            })
        );
    }

    #[test]
    fn a_refund_never_exceeds_what_is_left_of_the_payment() {
        let error =
            apply_refund(&paid("100", "60"), &payment(1, "60", "10"), money("50.01")).unwrap_err();
        assert_eq!(
            error,
            RefundRefused::ExceedsPayment {
                refundable: money("50")
            }
        );
        assert_eq!(
            error.to_string(),
            "must not exceed the 50.00 still refundable on this payment"
        );
        assert_eq!(
            apply_refund(&paid("100", "60"), &payment(1, "60", "0"), money("60"))
                .map(|r| r.amount_paid),
            Ok(Money::ZERO)
        );
    }

    #[test]
    fn a_zero_refund_or_another_bills_payment_is_refused() {
        assert_eq!(
            apply_refund(&paid("100", "60"), &payment(1, "60", "0"), Money::ZERO),
            Err(RefundRefused::NotPositive)
        );
        assert_eq!(
            apply_refund(&paid("100", "60"), &payment(2, "60", "0"), money("1")),
            Err(RefundRefused::NoSuchPayment)
        );
    }

    #[test]
    fn only_an_unpaid_bill_can_be_voided() {
        assert_eq!(may_void(&paid("100", "0")), Ok(()));
        assert_eq!(may_void(&paid("100", "5")), Err(VoidRefused::HasPayments));
        assert_eq!(
            may_void(&void(paid("100", "0"))),
            Err(VoidRefused::AlreadyVoid)
        );
    }

    #[test]
    fn a_bill_is_due_thirty_days_after_it_is_issued() {
        let issued = NaiveDate::from_ymd_opt(2030, 1, 15).unwrap();
        assert_eq!(
            default_due_date(issued),
            NaiveDate::from_ymd_opt(2030, 2, 14).unwrap()
        );
    }
}

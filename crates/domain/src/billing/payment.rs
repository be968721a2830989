//! Paying, adjusting and voiding a bill. Every amount is [`Money`], so it is already
//! non-negative with at most two decimal places.

use chrono::{Days, NaiveDate};

use crate::error::{ConflictCode, DomainError};
use crate::values::Money;

/// Days between issuing a bill and its due date, unless the biller chooses another date.
pub const DEFAULT_DUE_DAYS: i64 = 30;

/// The due date of a bill issued on `issued_on` with the default term.
pub fn default_due_date(issued_on: NaiveDate) -> NaiveDate {
    issued_on
        .checked_add_days(Days::new(DEFAULT_DUE_DAYS.unsigned_abs()))
        .unwrap_or(NaiveDate::MAX)
}

fn bill_void() -> DomainError {
    DomainError::conflict(ConflictCode::BillVoid, "the bill is void")
}

/// The new amount paid after a payment of `amount`.
///
/// # Errors
/// - `Conflict` `bill_void` when the bill is void;
/// - `Validation` on `amount` when it is zero, or more than the outstanding balance (the
///   message names the balance, so the payer can correct it).
pub fn apply_payment(
    amount_due: Money,
    amount_paid: Money,
    amount: Money,
    voided: bool,
) -> Result<Money, DomainError> {
    if voided {
        return Err(bill_void());
    }
    if amount.is_zero() {
        return Err(DomainError::invalid("amount", "must be more than 0.00"));
    }
    let outstanding = amount_due.checked_sub(amount_paid).unwrap_or(Money::ZERO);
    if amount > outstanding {
        return Err(DomainError::invalid(
            "amount",
            format!("must not exceed the outstanding balance of {outstanding}"),
        ));
    }
    amount_paid
        .checked_add(amount)
        .map_err(|e| DomainError::Validation(e.on("amount").into()))
}

/// Changes the amount due; only before anything is paid, so a receipt never disagrees with
/// its bill. Returns the new amount due.
///
/// # Errors
/// `Conflict` `bill_void` when void, `bill_has_payments` when something is paid.
pub fn adjust_amount(
    amount_paid: Money,
    new_amount_due: Money,
    voided: bool,
) -> Result<Money, DomainError> {
    if voided {
        return Err(bill_void());
    }
    if !amount_paid.is_zero() {
        return Err(DomainError::conflict(
            ConflictCode::BillHasPayments,
            "a bill with payments cannot change its amount",
        ));
    }
    Ok(new_amount_due)
}

/// Voids a bill; only when nothing is paid, since money received must be refunded first.
///
/// # Errors
/// `Conflict` `bill_void` when already void, `bill_has_payments` when something is paid.
pub fn void(amount_paid: Money, voided: bool) -> Result<(), DomainError> {
    if voided {
        return Err(DomainError::conflict(
            ConflictCode::BillVoid,
            "the bill is already void",
        ));
    }
    if !amount_paid.is_zero() {
        return Err(DomainError::conflict(
            ConflictCode::BillHasPayments,
            "a bill with payments cannot be voided",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        Money::parse_str(s).unwrap()
    }

    fn message(error: DomainError) -> String {
        match error {
            DomainError::Validation(errors) => errors.to_string(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_payment_adds_to_the_amount_paid() {
        assert_eq!(
            apply_payment(money("100"), money("40"), money("25.50"), false),
            Ok(money("65.50"))
        );
    }

    #[test]
    fn paying_the_exact_balance_is_allowed() {
        assert_eq!(
            apply_payment(money("100"), money("40"), money("60"), false),
            Ok(money("100"))
        );
    }

    #[test]
    fn paying_more_than_the_balance_names_the_balance() {
        let error = apply_payment(money("100"), money("40"), money("60.01"), false).unwrap_err();
        assert_eq!(
            message(error),
            "amount: must not exceed the outstanding balance of 60.00"
        );
    }

    #[test]
    fn a_zero_payment_is_refused() {
        let error = apply_payment(money("100"), Money::ZERO, Money::ZERO, false).unwrap_err();
        assert!(message(error).starts_with("amount:"));
    }

    #[test]
    fn a_void_bill_takes_no_payment() {
        let error = apply_payment(money("100"), Money::ZERO, money("1"), true).unwrap_err();
        assert_eq!(error.code(), "bill_void");
    }

    #[test]
    fn the_amount_can_change_only_before_any_payment() {
        assert_eq!(
            adjust_amount(Money::ZERO, money("80"), false),
            Ok(money("80"))
        );
        assert_eq!(
            adjust_amount(money("0.01"), money("80"), false)
                .unwrap_err()
                .code(),
            "bill_has_payments"
        );
        assert_eq!(
            adjust_amount(Money::ZERO, money("80"), true)
                .unwrap_err()
                .code(),
            "bill_void"
        );
    }

    #[test]
    fn only_an_unpaid_bill_can_be_voided() {
        assert_eq!(void(Money::ZERO, false), Ok(()));
        assert_eq!(
            void(money("5"), false).unwrap_err().code(),
            "bill_has_payments"
        );
        assert_eq!(void(Money::ZERO, true).unwrap_err().code(), "bill_void");
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

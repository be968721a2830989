//! A bill's payment status, derived from its amounts and dates rather than stored by hand, so
//! it can never disagree with them (a bill falls overdue without anyone touching it).

use chrono::NaiveDate;

use crate::string_enum::string_enum;
use crate::values::Money;

string_enum! {
    /// Where a bill stands, derived (never stored); the spellings are the API's and those of
    /// the SQL twin `derived_status_sql`.
    pub enum PaymentStatus (kind = "payment status") {
        /// Nothing paid, not yet due.
        Unpaid = "unpaid",
        /// Some paid, not yet due.
        PartiallyPaid = "partially_paid",
        /// Fully paid.
        Paid = "paid",
        /// Past its due date and not fully paid.
        Overdue = "overdue",
        /// Cancelled; nothing is owed.
        Void = "void",
    }
}

impl PaymentStatus {
    /// True while money is still owed: unpaid, partially paid or overdue.
    #[must_use]
    pub fn is_owing(self) -> bool {
        matches!(self, Self::Unpaid | Self::PartiallyPaid | Self::Overdue)
    }
}

/// The status of a bill on `today`, the one place this rule lives:
/// 1. void wins;
/// 2. paid when `amount_paid >= amount_due` (so a zero bill is paid);
/// 3. overdue when `today` is after `due` (the due date itself is still on time);
/// 4. partially paid when something but not all is paid;
/// 5. otherwise unpaid.
pub fn derive_status(
    amount_due: Money,
    amount_paid: Money,
    due: NaiveDate,
    voided: bool,
    today: NaiveDate,
) -> PaymentStatus {
    if voided {
        PaymentStatus::Void
    } else if amount_paid >= amount_due {
        PaymentStatus::Paid
    } else if today > due {
        PaymentStatus::Overdue
    } else if !amount_paid.is_zero() {
        PaymentStatus::PartiallyPaid
    } else {
        PaymentStatus::Unpaid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PaymentStatus as S;

    fn money(s: &str) -> Money {
        Money::parse_str(s).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2030, 6, d).unwrap()
    }

    #[test]
    fn payment_statuses_use_the_spellings_of_the_api_and_the_sql_twin() {
        let spellings: Vec<_> = S::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            spellings,
            ["unpaid", "partially_paid", "paid", "overdue", "void"]
        );
    }

    #[test]
    fn the_status_table_holds() {
        let due = day(15);
        // (due amount, paid, voided, today, expected)
        let table = [
            ("100.00", "0.00", false, day(1), S::Unpaid),
            ("100.00", "0.00", false, day(15), S::Unpaid),
            ("100.00", "0.00", false, day(16), S::Overdue),
            ("100.00", "40.00", false, day(1), S::PartiallyPaid),
            ("100.00", "99.99", false, day(16), S::Overdue),
            ("100.00", "100.00", false, day(1), S::Paid),
            ("100.00", "100.00", false, day(30), S::Paid),
            ("0.00", "0.00", false, day(1), S::Paid),
            ("0.00", "0.00", false, day(30), S::Paid),
            ("100.00", "0.00", true, day(30), S::Void),
            ("100.00", "100.00", true, day(1), S::Void),
        ];
        for (amount_due, paid, voided, today, expected) in table {
            assert_eq!(
                derive_status(money(amount_due), money(paid), due, voided, today),
                expected,
                "{amount_due} {paid} {voided} {today}"
            );
        }
    }

    #[test]
    fn an_unpaid_bill_falls_overdue_the_day_after_its_due_date_without_being_touched() {
        let status = |today| derive_status(money("50.00"), Money::ZERO, day(15), false, today);
        assert_eq!(status(day(15)), S::Unpaid);
        assert_eq!(status(day(16)), S::Overdue);
    }
}

//! The totals of a set of bills, as the billing list shows them for its filter: what was
//! billed, what was paid and refunded, and what is still owed. The store computes them in SQL
//! for the whole filtered set (not only the page); this is the rule its SQL twin follows, and
//! the in-memory store's.

use rust_decimal::Decimal;

use super::{Bill, BillEntries};

/// Sums over a set of bills. Plain decimals, since a sum of many bills may pass what one bill
/// may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BillTotals {
    /// How many bills.
    pub count: u64,
    /// The amounts due of the bills not void.
    pub billed: Decimal,
    /// Every payment received on the bills, before refunds.
    pub paid: Decimal,
    /// Every refund given back on them.
    pub refunded: Decimal,
    /// What is still owed on the bills not void (each one's [`Bill::balance`]).
    pub outstanding: Decimal,
}

impl BillTotals {
    /// The totals of `bills`, each with its entries (only payments and refunds are read).
    ///
    /// Because a bill never holds more than it asks (`amount_paid <= amount_due`) and a void
    /// bill holds nothing, `outstanding = billed - paid + refunded` always.
    #[must_use]
    pub fn of<'a>(bills: impl IntoIterator<Item = (&'a Bill, &'a BillEntries)>) -> Self {
        bills
            .into_iter()
            .fold(Self::default(), |mut totals, (bill, entries)| {
                totals.count += 1;
                if bill.voided_at.is_none() {
                    totals.billed += bill.amount_due.amount();
                }
                totals.paid += entries
                    .payments
                    .iter()
                    .map(|p| p.amount.amount())
                    .sum::<Decimal>();
                totals.refunded += entries
                    .refunds
                    .iter()
                    .map(|r| r.amount.amount())
                    .sum::<Decimal>();
                totals.outstanding += bill.balance().amount();
                totals
            })
    }
}

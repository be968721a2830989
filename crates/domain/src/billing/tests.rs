//! The billing use cases against an in-memory store: every rule and every error variant.

use chrono::{Duration, TimeZone, Utc};

use super::fake::{FakeProvider, InMemoryBilling, bill, created, money};
use super::*;
use crate::access::{Actor, Denied};
use crate::clock::{Clock, FixedClock};
use crate::identity::Role;
use crate::notification::NotificationType;
use crate::pagination::Page;
use crate::testing::block_on;
use crate::values::Money;

const ALICE: i32 = 7;
const BOB: i32 = 8;

fn staff() -> Actor {
    Actor::test(Role::Staff, None, None)
}

fn admin() -> Actor {
    Actor::test(Role::Admin, None, None)
}

fn doctor() -> Actor {
    Actor::test(Role::Doctor, Some(5), None)
}

fn patient(patient_id: i32) -> Actor {
    Actor::test(Role::Patient, None, Some(patient_id))
}

/// Before the bills' due date (2030-07-01).
fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2030, 6, 10, 12, 0, 0).unwrap())
}

/// Alice's bill 1 of 120.00 and Bob's bill 2 of 60.00.
fn clinic() -> InMemoryBilling {
    InMemoryBilling::with([bill(1, ALICE, "120.00"), bill(2, BOB, "60.00")])
}

/// A payment by `method`, with `token` for the provider (if any).
fn pay_by(
    store: &InMemoryBilling,
    provider: Option<&FakeProvider>,
    actor: &Actor,
    (bill_id, amount): (i32, &str),
    method: PaymentMethod,
    token: Option<&str>,
) -> Result<BillDetails, PayBillError> {
    let cmd = RecordPayment {
        bill_id,
        amount: amount.into(),
        method,
        payment_token: token.map(str::to_owned),
        reference: None,
    };
    let provider = provider.map(|p| p as &dyn PaymentProvider);
    block_on(pay_bill(actor, cmd, &clock(), store, provider))
}

/// Cash taken at the desk, with no payment provider configured.
fn pay(
    store: &InMemoryBilling,
    actor: &Actor,
    bill_id: i32,
    amount: &str,
) -> Result<BillDetails, PayBillError> {
    pay_by(
        store,
        None,
        actor,
        (bill_id, amount),
        PaymentMethod::Cash,
        None,
    )
}

/// An online payment through `provider` with a token it accepts.
fn pay_online(
    store: &InMemoryBilling,
    provider: &FakeProvider,
    actor: &Actor,
    bill_id: i32,
    amount: &str,
) -> Result<BillDetails, PayBillError> {
    pay_by(
        store,
        Some(provider),
        actor,
        (bill_id, amount),
        PaymentMethod::Online,
        Some("tok_visa"),
    )
}

fn refund_with(
    store: &InMemoryBilling,
    provider: Option<&FakeProvider>,
    actor: &Actor,
    (bill_id, payment_id): (i32, i32),
    amount: &str,
) -> Result<BillDetails, RefundPaymentError> {
    let cmd = RefundPayment {
        bill_id,
        payment_id,
        amount: amount.into(),
        reason: "paid twice".into(),
    };
    let provider = provider.map(|p| p as &dyn PaymentProvider);
    block_on(refund_payment(actor, cmd, &clock(), store, provider))
}

fn refund(
    store: &InMemoryBilling,
    actor: &Actor,
    (bill_id, payment_id): (i32, i32),
    amount: &str,
) -> Result<BillDetails, RefundPaymentError> {
    refund_with(store, None, actor, (bill_id, payment_id), amount)
}

fn adjust(
    store: &InMemoryBilling,
    actor: &Actor,
    bill_id: i32,
    amount_due: &str,
) -> Result<Bill, AdjustBillError> {
    let cmd = AdjustBill {
        bill_id,
        amount_due: amount_due.into(),
        reason: "priced as a follow-up".into(),
    };
    block_on(adjust_bill(actor, cmd, &clock(), store))
}

fn void(
    store: &InMemoryBilling,
    actor: &Actor,
    bill_id: i32,
    reason: &str,
) -> Result<Bill, VoidBillError> {
    let cmd = VoidBill {
        bill_id,
        reason: reason.into(),
    };
    block_on(void_bill(actor, cmd, &clock(), store))
}

fn list(
    store: &InMemoryBilling,
    actor: &Actor,
    query: ListBills,
) -> Result<Page<Bill>, ListBillsError> {
    block_on(list_bills(actor, query, &clock(), store)).map(|list| list.page)
}

fn ids(page: &Page<Bill>) -> Vec<i32> {
    page.items.iter().map(|b| b.bill_id).collect()
}

/// The store holds exactly what it held before: no entry, no change, no notification.
fn untouched(store: &InMemoryBilling) {
    let state = store.state();
    assert!(state.payments.is_empty());
    assert!(state.refunds.is_empty());
    assert!(state.adjustments.is_empty());
    assert!(state.notifications.is_empty());
    assert_eq!(state.bills[&1], bill(1, ALICE, "120.00"));
}

// Payments.

#[test]
fn a_patient_pays_part_of_their_bill_online_and_is_told_what_remains() {
    let store = clinic();
    let provider = FakeProvider::default();
    let paid = pay_online(&store, &provider, &patient(ALICE), 1, "50.00").unwrap();
    assert_eq!(paid.bill.amount_paid, money("50.00"));
    assert_eq!(paid.bill.balance(), money("70.00"));
    assert_eq!(
        paid.bill.status(clock().today()),
        PaymentStatus::PartiallyPaid
    );
    assert_eq!(paid.entries.payments.len(), 1);
    let payment = &paid.entries.payments[0];
    assert_eq!(
        (
            payment.amount,
            payment.method,
            payment.paid_at,
            payment.recorded_by
        ),
        (
            money("50.00"),
            PaymentMethod::Online,
            clock().now(),
            Some(1)
        )
    );
    assert_eq!(payment.provider_reference.as_deref(), Some("ch_1"));
    let charges = provider.charges.lock().unwrap().clone();
    assert_eq!(
        charges,
        [Charge {
            bill_id: 1,
            amount: money("50.00"),
            token: "tok_visa".into()
        }]
    );
    let state = store.state();
    assert_eq!(state.notifications.len(), 1);
    let notice = &state.notifications[0];
    assert_eq!(notice.user_id, 100 + ALICE);
    assert_eq!(notice.kind, NotificationType::Billing);
    assert_eq!(
        notice.message,
        "A payment of $50.00 towards your bill INV-2030-000001 was received; $70.00 remains."
    );
    assert_eq!(
        (notice.related_entity_type, notice.related_entity_id),
        ("bills", 1)
    );
}

#[test]
fn staff_take_a_payment_for_any_bill() {
    let store = clinic();
    let paid = pay(&store, &staff(), 2, "10").unwrap();
    assert_eq!(paid.bill.amount_paid, money("10.00"));
}

#[test]
fn payments_add_up_and_paying_the_exact_balance_settles_the_bill() {
    let store = clinic();
    pay(&store, &staff(), 1, "50.00").unwrap();
    let settled = pay(&store, &admin(), 1, " 70 ").unwrap();
    assert_eq!(settled.bill.amount_paid, money("120.00"));
    assert_eq!(settled.bill.balance(), Money::ZERO);
    assert_eq!(settled.bill.status(clock().today()), PaymentStatus::Paid);
    assert_eq!(settled.entries.payments.len(), 2);
    assert!(
        store.state().notifications[1]
            .message
            .ends_with("0.00 remains.")
    );
}

#[test]
fn a_payment_above_the_balance_is_refused_and_names_the_balance() {
    let store = clinic();
    pay(&store, &staff(), 1, "50.00").unwrap();
    let error = pay(&store, &staff(), 1, "70.01").unwrap_err();
    assert!(matches!(
        error,
        PayBillError::Refused(PaymentRefused::ExceedsBalance { balance }) if balance == money("70.00")
    ));
    assert_eq!(store.state().payments.len(), 1);
}

#[test]
fn a_zero_payment_is_refused() {
    let store = clinic();
    let error = pay(&store, &staff(), 1, "0.00").unwrap_err();
    assert!(matches!(
        error,
        PayBillError::Refused(PaymentRefused::NotPositive)
    ));
    untouched(&store);
}

#[test]
fn a_negative_or_malformed_amount_is_invalid_on_the_amount_field() {
    let store = clinic();
    for amount in ["-5.00", "1.005", "ten", ""] {
        match pay(&store, &staff(), 1, amount).unwrap_err() {
            PayBillError::Invalid(errors) => assert!(errors.has_field("amount"), "{amount}"),
            other => panic!("{amount}: expected Invalid, got {other:?}"),
        }
    }
    untouched(&store);
}

#[test]
fn a_void_bill_accepts_no_payment() {
    let store = clinic();
    void(&store, &staff(), 1, "billed twice").unwrap();
    let provider = FakeProvider::default();
    let error = pay_online(&store, &provider, &patient(ALICE), 1, "1.00").unwrap_err();
    assert!(matches!(
        error,
        PayBillError::Refused(PaymentRefused::BillVoid)
    ));
    assert!(store.state().payments.is_empty());
    assert!(
        provider.charges.lock().unwrap().is_empty(),
        "nothing charged"
    );
}

#[test]
fn paying_a_bill_that_does_not_exist_finds_nothing() {
    let store = clinic();
    assert!(matches!(
        pay(&store, &staff(), 99, "1.00").unwrap_err(),
        PayBillError::NotFound
    ));
}

#[test]
fn another_patients_bill_is_hidden_from_a_patient() {
    let store = clinic();
    let error = pay_online(&store, &FakeProvider::default(), &patient(BOB), 1, "1.00").unwrap_err();
    assert!(matches!(
        error,
        PayBillError::Denied(Denied::Hidden { entity: "bill" })
    ));
    untouched(&store);
}

#[test]
fn a_doctor_takes_no_payment_even_from_a_patient_they_treat() {
    let store = clinic();
    store.edit(|s| {
        s.treats.insert((5, ALICE));
    });
    let error = pay(&store, &doctor(), 1, "1.00").unwrap_err();
    assert!(matches!(error, PayBillError::Denied(Denied::Forbidden)));
    untouched(&store);
}

#[test]
fn the_access_refusal_comes_before_the_amount_is_read() {
    let store = clinic();
    let error = pay(&store, &doctor(), 1, "not money").unwrap_err();
    assert!(matches!(error, PayBillError::Denied(Denied::Forbidden)));
}

// Adjusting.

#[test]
fn staff_change_the_amount_of_a_bill_and_the_change_is_kept_with_its_reason() {
    let store = clinic();
    let adjusted = adjust(&store, &staff(), 1, "150.00").unwrap();
    assert_eq!(adjusted.amount_due, money("150.00"));
    let state = store.state();
    assert_eq!(state.bills[&1].amount_due, money("150.00"));
    assert_eq!(state.notifications.len(), 1);
    assert_eq!(
        state.notifications[0].message,
        "Your bill INV-2030-000001 was changed to $150.00."
    );
    assert_eq!(state.notifications[0].user_id, 100 + ALICE);
    let entry = &state.adjustments[0];
    assert_eq!(
        (
            entry.bill_id,
            entry.amount_due_before,
            entry.amount_due_after,
            entry.reason.as_str(),
            entry.adjusted_at,
            entry.adjusted_by
        ),
        (
            1,
            money("120.00"),
            money("150.00"),
            "priced as a follow-up",
            clock().now(),
            1
        )
    );
}

#[test]
fn a_bill_with_payments_changes_its_amount_but_never_below_what_is_paid() {
    let store = clinic();
    pay(&store, &staff(), 1, "40.00").unwrap();
    let adjusted = adjust(&store, &admin(), 1, "90.00").unwrap();
    assert_eq!(
        (adjusted.amount_due, adjusted.balance()),
        (money("90.00"), money("50.00"))
    );
    let error = adjust(&store, &admin(), 1, "39.99").unwrap_err();
    assert!(matches!(
        error,
        AdjustBillError::Refused(AdjustRefused::BelowPaid { paid }) if paid == money("40.00")
    ));
    let settled = adjust(&store, &admin(), 1, "40").unwrap();
    assert_eq!(settled.status(clock().today()), PaymentStatus::Paid);
}

#[test]
fn an_adjustment_needs_a_reason() {
    let store = clinic();
    let cmd = AdjustBill {
        bill_id: 1,
        amount_due: "x".into(),
        reason: "  ".into(),
    };
    match block_on(adjust_bill(&staff(), cmd, &clock(), &store)).unwrap_err() {
        AdjustBillError::Invalid(errors) => {
            assert!(errors.has_field("reason") && errors.has_field("amount_due"));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    untouched(&store);
}

#[test]
fn a_void_bill_keeps_its_amount() {
    let store = clinic();
    void(&store, &staff(), 1, "billed twice").unwrap();
    let error = adjust(&store, &staff(), 1, "90.00").unwrap_err();
    assert!(matches!(
        error,
        AdjustBillError::Refused(AdjustRefused::BillVoid)
    ));
}

#[test]
fn an_adjustment_needs_valid_money() {
    let store = clinic();
    match adjust(&store, &staff(), 1, "-1").unwrap_err() {
        AdjustBillError::Invalid(errors) => assert!(errors.has_field("amount_due")),
        other => panic!("expected Invalid, got {other:?}"),
    }
    untouched(&store);
}

#[test]
fn only_staff_and_admins_adjust_bills_and_others_learn_nothing_of_which_bills_exist() {
    let store = clinic();
    for actor in [patient(ALICE), doctor()] {
        for bill_id in [1, 99] {
            assert!(matches!(
                adjust(&store, &actor, bill_id, "1.00").unwrap_err(),
                AdjustBillError::Denied(Denied::Forbidden)
            ));
        }
    }
    assert!(matches!(
        adjust(&store, &staff(), 99, "1.00").unwrap_err(),
        AdjustBillError::NotFound
    ));
    untouched(&store);
}

// Voiding.

#[test]
fn staff_void_an_unpaid_bill_and_the_patient_owes_nothing() {
    let store = clinic();
    let voided = void(&store, &staff(), 1, "  billed twice ").unwrap();
    assert_eq!(voided.voided_at, Some(clock().now()));
    assert_eq!(voided.void_reason.as_deref(), Some("billed twice"));
    assert_eq!(voided.status(clock().today()), PaymentStatus::Void);
    assert_eq!(voided.balance(), Money::ZERO);
    let state = store.state();
    assert_eq!(
        state.notifications[0].message,
        "Your bill INV-2030-000001 was voided; you owe nothing for it."
    );
}

#[test]
fn a_bill_is_voided_only_once() {
    let store = clinic();
    void(&store, &staff(), 1, "billed twice").unwrap();
    let error = void(&store, &staff(), 1, "again").unwrap_err();
    assert!(matches!(
        error,
        VoidBillError::Refused(VoidRefused::AlreadyVoid)
    ));
    assert_eq!(store.state().notifications.len(), 1);
}

#[test]
fn a_bill_with_payments_cannot_be_voided() {
    let store = clinic();
    pay(&store, &staff(), 1, "10.00").unwrap();
    let error = void(&store, &staff(), 1, "error").unwrap_err();
    assert!(matches!(
        error,
        VoidBillError::Refused(VoidRefused::HasPayments)
    ));
    assert_eq!(store.state().bills[&1].voided_at, None);
}

#[test]
fn a_void_needs_a_reason() {
    let store = clinic();
    let long = "x".repeat(VOID_REASON_MAX_CHARS + 1);
    for reason in ["   ", long.as_str()] {
        match void(&store, &staff(), 1, reason).unwrap_err() {
            VoidBillError::Invalid(errors) => assert!(errors.has_field("reason")),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }
    untouched(&store);
}

#[test]
fn only_staff_and_admins_void_bills() {
    let store = clinic();
    for actor in [patient(ALICE), doctor()] {
        assert!(matches!(
            void(&store, &actor, 1, "error").unwrap_err(),
            VoidBillError::Denied(Denied::Forbidden)
        ));
    }
    assert!(matches!(
        void(&store, &staff(), 99, "error").unwrap_err(),
        VoidBillError::NotFound
    ));
    untouched(&store);
}

// Reading.

#[test]
fn a_patient_reads_their_own_bill_with_its_payments() {
    let store = clinic();
    pay(&store, &staff(), 1, "20.00").unwrap();
    refund(&store, &staff(), (1, 1), "5.00").unwrap();
    adjust(&store, &staff(), 1, "100.00").unwrap();
    let details = block_on(read_bill(&patient(ALICE), 1, &store)).unwrap();
    assert_eq!(details.bill.bill_id, 1);
    assert_eq!(details.entries.payments.len(), 1);
    assert_eq!(details.entries.refunds.len(), 1);
    assert_eq!(details.entries.adjustments.len(), 1);
}

#[test]
fn a_bill_is_hidden_from_other_patients_forbidden_to_doctors_and_missing_when_absent() {
    let store = clinic();
    assert!(matches!(
        block_on(read_bill(&patient(BOB), 1, &store)).unwrap_err(),
        ReadBillError::Denied(Denied::Hidden { entity: "bill" })
    ));
    assert!(matches!(
        block_on(read_bill(&doctor(), 1, &store)).unwrap_err(),
        ReadBillError::Denied(Denied::Forbidden)
    ));
    assert!(matches!(
        block_on(read_bill(&staff(), 99, &store)).unwrap_err(),
        ReadBillError::NotFound
    ));
}

// Status, derived on the day it is asked.

#[test]
fn a_bill_falls_overdue_after_its_due_date_without_anyone_touching_it() {
    let store = clinic();
    pay(&store, &staff(), 2, "60.00").unwrap();
    let on = |day| FixedClock::at(Utc.with_ymd_and_hms(2030, 7, day, 8, 0, 0).unwrap());
    let overdue = ListBills {
        status: Some(PaymentStatus::Overdue),
        ..ListBills::default()
    };
    let due_day = block_on(list_bills(&staff(), overdue.clone(), &on(1), &store))
        .unwrap()
        .page;
    assert_eq!(due_day.total, 0);
    let next_day = block_on(list_bills(&staff(), overdue, &on(2), &store))
        .unwrap()
        .page;
    // Bob's bill is paid, so only Alice's falls overdue.
    assert_eq!(ids(&next_day), [1]);
    assert_eq!(
        next_day.items[0].status(on(2).today()),
        PaymentStatus::Overdue
    );
}

#[test]
fn the_status_filter_uses_the_derived_status() {
    let store = clinic();
    pay(&store, &staff(), 1, "20.00").unwrap();
    void(&store, &staff(), 2, "error").unwrap();
    let with = |status| ListBills {
        status: Some(status),
        ..ListBills::default()
    };
    assert_eq!(
        ids(&list(&store, &staff(), with(PaymentStatus::PartiallyPaid)).unwrap()),
        [1]
    );
    assert_eq!(
        ids(&list(&store, &staff(), with(PaymentStatus::Void)).unwrap()),
        [2]
    );
    assert_eq!(
        list(&store, &staff(), with(PaymentStatus::Unpaid))
            .unwrap()
            .total,
        0
    );
}

#[test]
fn the_owing_filter_keeps_the_bills_still_owed() {
    let store = clinic();
    pay(&store, &staff(), 1, "20.00").unwrap();
    void(&store, &staff(), 2, "error").unwrap();
    let owing = ListBills {
        owing: true,
        ..ListBills::default()
    };
    assert_eq!(ids(&list(&store, &staff(), owing).unwrap()), [1]);
    assert!(PaymentStatus::Overdue.is_owing() && PaymentStatus::Unpaid.is_owing());
    assert!(!PaymentStatus::Paid.is_owing() && !PaymentStatus::Void.is_owing());
}

// List scoping.

#[test]
fn staff_and_admins_list_every_bill_newest_first_and_may_filter_by_patient() {
    let store = clinic();
    store.edit(|s| {
        s.bills.get_mut(&2).unwrap().created_at = created() + Duration::hours(1);
    });
    for actor in [staff(), admin()] {
        assert_eq!(
            ids(&list(&store, &actor, ListBills::default()).unwrap()),
            [2, 1]
        );
        let alices = ListBills {
            patient_id: Some(ALICE),
            ..ListBills::default()
        };
        assert_eq!(ids(&list(&store, &actor, alices).unwrap()), [1]);
    }
}

#[test]
fn filtering_by_a_patient_who_does_not_exist_finds_no_such_patient() {
    let store = clinic();
    let query = ListBills {
        patient_id: Some(99),
        ..ListBills::default()
    };
    assert!(matches!(
        list(&store, &staff(), query).unwrap_err(),
        ListBillsError::PatientNotFound
    ));
}

#[test]
fn a_patient_lists_only_their_own_bills() {
    let store = clinic();
    assert_eq!(
        ids(&list(&store, &patient(ALICE), ListBills::default()).unwrap()),
        [1]
    );
    let own = ListBills {
        patient_id: Some(ALICE),
        ..ListBills::default()
    };
    assert_eq!(ids(&list(&store, &patient(ALICE), own).unwrap()), [1]);
}

#[test]
fn a_patient_naming_another_patient_finds_no_such_patient() {
    let store = clinic();
    let query = ListBills {
        patient_id: Some(BOB),
        ..ListBills::default()
    };
    assert!(matches!(
        list(&store, &patient(ALICE), query).unwrap_err(),
        ListBillsError::Denied(Denied::Hidden { entity: "patient" })
    ));
}

#[test]
fn a_patient_account_without_its_profile_lists_nothing() {
    let store = clinic();
    let page = list(
        &store,
        &Actor::test(Role::Patient, None, None),
        ListBills::default(),
    )
    .unwrap();
    assert_eq!((page.total, page.items.len()), (0, 0));
}

#[test]
fn doctors_list_no_bills_at_all() {
    let store = clinic();
    store.edit(|s| {
        s.treats.insert((5, ALICE));
    });
    for actor in [doctor(), Actor::test(Role::Doctor, None, None)] {
        assert!(matches!(
            list(&store, &actor, ListBills::default()).unwrap_err(),
            ListBillsError::Denied(Denied::Forbidden)
        ));
    }
}

#[test]
fn paging_out_of_range_is_invalid_but_only_after_the_access_rules() {
    let store = clinic();
    let bad = ListBills {
        per_page: Some(0),
        ..ListBills::default()
    };
    match list(&store, &staff(), bad.clone()).unwrap_err() {
        ListBillsError::Invalid(errors) => assert!(errors.has_field("per_page")),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(matches!(
        list(&store, &doctor(), bad).unwrap_err(),
        ListBillsError::Denied(Denied::Forbidden)
    ));
}

#[test]
fn a_page_past_the_end_is_empty_but_counts_every_bill() {
    let store = clinic();
    let query = ListBills {
        page: Some(2),
        per_page: Some(1),
        ..ListBills::default()
    };
    let page = list(&store, &staff(), query.clone()).unwrap();
    assert_eq!((page.items.len(), page.total), (1, 2));
    let past = ListBills {
        page: Some(3),
        ..query
    };
    assert_eq!(list(&store, &staff(), past).unwrap().items.len(), 0);
}

// Who records which method; the online path.

#[test]
fn a_patient_cannot_record_a_payment_by_a_method_that_moves_no_money() {
    let store = clinic();
    let provider = FakeProvider::default();
    for method in [
        PaymentMethod::Cash,
        PaymentMethod::Insurance,
        PaymentMethod::CardPresent,
        PaymentMethod::Cheque,
        PaymentMethod::Card,
        PaymentMethod::Transfer,
        PaymentMethod::Other,
    ] {
        let error = pay_by(
            &store,
            Some(&provider),
            &patient(ALICE),
            (1, "120.00"),
            method,
            Some("tok_visa"),
        )
        .unwrap_err();
        assert!(
            matches!(error, PayBillError::Denied(Denied::Forbidden)),
            "{method}: {error:?}"
        );
    }
    untouched(&store);
    assert!(provider.charges.lock().unwrap().is_empty());
}

#[test]
fn another_patients_bill_stays_hidden_whatever_the_method() {
    let store = clinic();
    let error = pay(&store, &patient(BOB), 1, "1.00").unwrap_err();
    assert!(matches!(
        error,
        PayBillError::Denied(Denied::Hidden { entity: "bill" })
    ));
}

#[test]
fn a_patient_cannot_pay_online_where_no_provider_is_configured() {
    let store = clinic();
    let error = pay_by(
        &store,
        None,
        &patient(ALICE),
        (1, "120.00"),
        PaymentMethod::Online,
        Some("tok_visa"),
    )
    .unwrap_err();
    assert!(matches!(error, PayBillError::OnlineUnavailable));
    untouched(&store);
}

#[test]
fn staff_record_every_method_the_clinic_receives_but_never_charge_online() {
    let store = clinic();
    for method in [
        PaymentMethod::Cash,
        PaymentMethod::CardPresent,
        PaymentMethod::Insurance,
        PaymentMethod::Cheque,
    ] {
        let paid = pay_by(&store, None, &staff(), (1, "1.00"), method, None).unwrap();
        let last = paid.entries.payments.last().unwrap();
        assert_eq!(
            (last.method, last.provider_reference.as_deref()),
            (method, None)
        );
    }
    let provider = FakeProvider::default();
    let error = pay_by(
        &store,
        Some(&provider),
        &staff(),
        (1, "1.00"),
        PaymentMethod::Online,
        Some("tok_visa"),
    )
    .unwrap_err();
    assert!(matches!(error, PayBillError::Denied(Denied::Forbidden)));
    assert!(provider.charges.lock().unwrap().is_empty());
}

#[test]
fn an_online_payment_needs_the_providers_token() {
    let store = clinic();
    let provider = FakeProvider::default();
    for token in [None, Some("  "), Some("two\nlines")] {
        match pay_by(
            &store,
            Some(&provider),
            &patient(ALICE),
            (1, "10.00"),
            PaymentMethod::Online,
            token,
        )
        .unwrap_err()
        {
            PayBillError::Invalid(errors) => assert!(errors.has_field("payment_token")),
            other => panic!("{token:?}: expected Invalid, got {other:?}"),
        }
    }
    untouched(&store);
}

#[test]
fn a_declined_or_failed_charge_records_nothing() {
    let store = clinic();
    let provider = FakeProvider::default();
    let attempt = |token| {
        pay_by(
            &store,
            Some(&provider),
            &patient(ALICE),
            (1, "10.00"),
            PaymentMethod::Online,
            Some(token),
        )
        .unwrap_err()
    };
    assert!(matches!(
        attempt("declined"),
        PayBillError::Provider(ProviderError::Declined { .. })
    ));
    assert!(matches!(
        attempt("down"),
        PayBillError::Provider(ProviderError::Unavailable(_))
    ));
    untouched(&store);
}

#[test]
fn an_online_payment_above_the_balance_is_refused_before_anything_is_charged() {
    let store = clinic();
    let provider = FakeProvider::default();
    let error = pay_online(&store, &provider, &patient(ALICE), 1, "120.01").unwrap_err();
    assert!(matches!(
        error,
        PayBillError::Refused(PaymentRefused::ExceedsBalance { .. })
    ));
    assert!(provider.charges.lock().unwrap().is_empty());
    untouched(&store);
}

// Refunds.

#[test]
fn staff_refund_part_of_a_payment_and_the_balance_reopens() {
    let store = clinic();
    pay(&store, &staff(), 1, "120.00").unwrap();
    let refunded = refund(&store, &staff(), (1, 1), "20.00").unwrap();
    assert_eq!(refunded.bill.amount_paid, money("100.00"));
    assert_eq!(refunded.bill.balance(), money("20.00"));
    assert_eq!(
        refunded.bill.status(clock().today()),
        PaymentStatus::PartiallyPaid
    );
    let payment = &refunded.entries.payments[0];
    assert_eq!(
        (payment.amount, payment.amount_refunded),
        (money("120.00"), money("20.00"))
    );
    let entry = &refunded.entries.refunds[0];
    assert_eq!(
        (
            entry.payment_id,
            entry.amount,
            entry.reason.as_str(),
            entry.refunded_at,
            entry.recorded_by,
            entry.provider_reference.as_deref()
        ),
        (1, money("20.00"), "paid twice", clock().now(), 1, None)
    );
    let state = store.state();
    assert_eq!(
        state.notifications.last().unwrap().message,
        "A refund of $20.00 on your bill INV-2030-000001 was issued; $20.00 is now owed."
    );
}

#[test]
fn a_refund_never_exceeds_what_was_paid_on_the_payment() {
    let store = clinic();
    pay(&store, &staff(), 1, "50.00").unwrap();
    pay(&store, &staff(), 1, "30.00").unwrap();
    refund(&store, &staff(), (1, 1), "30.00").unwrap();
    let error = refund(&store, &staff(), (1, 1), "20.01").unwrap_err();
    assert!(matches!(
        error,
        RefundPaymentError::Refused(RefundRefused::ExceedsPayment { refundable }) if refundable == money("20.00")
    ));
    // The other payment is not a pool to draw on.
    let emptied = refund(&store, &staff(), (1, 1), "20.00").unwrap();
    assert_eq!(emptied.bill.amount_paid, money("30.00"));
    assert_eq!(store.state().refunds.len(), 2);
}

#[test]
fn a_refund_names_a_payment_of_this_bill() {
    let store = clinic();
    pay(&store, &staff(), 2, "10.00").unwrap();
    for payment_id in [1, 99] {
        assert!(matches!(
            refund(&store, &staff(), (1, payment_id), "1.00").unwrap_err(),
            RefundPaymentError::Refused(RefundRefused::NoSuchPayment)
        ));
    }
    assert!(store.state().refunds.is_empty());
}

#[test]
fn a_refund_needs_a_positive_amount_and_a_reason() {
    let store = clinic();
    pay(&store, &staff(), 1, "10.00").unwrap();
    assert!(matches!(
        refund(&store, &staff(), (1, 1), "0").unwrap_err(),
        RefundPaymentError::Refused(RefundRefused::NotPositive)
    ));
    let cmd = RefundPayment {
        bill_id: 1,
        payment_id: 1,
        amount: "-1".into(),
        reason: String::new(),
    };
    match block_on(refund_payment(&staff(), cmd, &clock(), &store, None)).unwrap_err() {
        RefundPaymentError::Invalid(errors) => {
            assert!(errors.has_field("amount") && errors.has_field("reason"));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(store.state().refunds.is_empty());
}

#[test]
fn only_staff_and_admins_refund() {
    let store = clinic();
    pay(&store, &staff(), 1, "10.00").unwrap();
    for actor in [patient(ALICE), doctor()] {
        assert!(matches!(
            refund(&store, &actor, (1, 1), "1.00").unwrap_err(),
            RefundPaymentError::Denied(Denied::Forbidden)
        ));
    }
    assert!(matches!(
        refund(&store, &staff(), (99, 1), "1.00").unwrap_err(),
        RefundPaymentError::NotFound
    ));
    assert!(refund(&store, &admin(), (1, 1), "1.00").is_ok());
}

#[test]
fn an_online_payment_is_refunded_through_the_provider() {
    let store = clinic();
    let provider = FakeProvider::default();
    pay_online(&store, &provider, &patient(ALICE), 1, "60.00").unwrap();
    let error = refund(&store, &staff(), (1, 1), "10.00").unwrap_err();
    assert!(matches!(error, RefundPaymentError::OnlineUnavailable));
    let refunded = refund_with(&store, Some(&provider), &staff(), (1, 1), "10.00").unwrap();
    assert_eq!(
        refunded.entries.refunds[0].provider_reference.as_deref(),
        Some("re_1")
    );
    assert_eq!(
        provider.refunds.lock().unwrap().clone(),
        [ProviderRefund {
            bill_id: 1,
            charge_reference: "ch_1".into(),
            amount: money("10.00"),
        }]
    );
}

#[test]
fn a_cent_freezes_nothing_staff_adjust_refund_and_void() {
    let store = clinic();
    pay(&store, &staff(), 1, "0.01").unwrap();
    assert!(matches!(
        void(&store, &staff(), 1, "error").unwrap_err(),
        VoidBillError::Refused(VoidRefused::HasPayments)
    ));
    assert_eq!(
        adjust(&store, &staff(), 1, "90.00").unwrap().amount_due,
        money("90.00")
    );
    refund(&store, &staff(), (1, 1), "0.01").unwrap();
    let voided = void(&store, &staff(), 1, "billed in error").unwrap();
    assert_eq!(voided.status(clock().today()), PaymentStatus::Void);
    assert_eq!(voided.amount_paid, Money::ZERO);
}

// What the client may offer.

#[test]
fn a_patient_is_offered_online_payment_only_where_a_provider_is_configured() {
    let store = clinic();
    let alices = store.state().bills[&1].clone();
    assert_eq!(allowed_actions(&patient(ALICE), &alices, false), []);
    assert_eq!(
        allowed_actions(&patient(ALICE), &alices, true),
        [BillAction::PayOnline]
    );
    assert_eq!(allowed_actions(&patient(BOB), &alices, true), []);
    assert_eq!(allowed_actions(&doctor(), &alices, true), []);
}

#[test]
fn staff_are_offered_what_the_bill_accepts_now() {
    let store = clinic();
    let unpaid = store.state().bills[&1].clone();
    assert_eq!(
        allowed_actions(&staff(), &unpaid, true),
        [
            BillAction::RecordPayment,
            BillAction::Adjust,
            BillAction::Void
        ]
    );
    let paid = pay(&store, &staff(), 1, "120.00").unwrap().bill;
    assert_eq!(
        allowed_actions(&admin(), &paid, false),
        [BillAction::Refund, BillAction::Adjust]
    );
    let void_bill = void(&store, &staff(), 2, "error").unwrap();
    assert_eq!(allowed_actions(&staff(), &void_bill, true), []);
}

// The front desk: searching, totals, payment history and checkout.

fn totals(store: &InMemoryBilling, query: ListBills) -> BillTotals {
    block_on(list_bills(&staff(), query, &clock(), store))
        .unwrap()
        .totals
}

#[test]
fn the_list_finds_bills_by_part_of_the_patients_name_or_of_the_invoice_number() {
    let store = clinic();
    let find = |q: &str| {
        ids(&list(
            &store,
            &staff(),
            ListBills {
                search: Some(q.into()),
                ..ListBills::default()
            },
        )
        .unwrap())
    };
    assert_eq!(find("patient 7"), [1]);
    assert_eq!(find("  PATIENT 8 "), [2]);
    assert_eq!(find("INV-2030-000002"), [2]);
    assert_eq!(find("0000"), [2, 1]);
    assert!(find("nobody").is_empty());
    // Blank is no filter.
    assert_eq!(find("   "), [2, 1]);
}

#[test]
fn the_list_filters_by_the_day_issued_and_refuses_a_range_that_ends_before_it_starts() {
    let store = clinic();
    store.edit(|s| {
        s.bills.get_mut(&2).unwrap().created_at = created() + Duration::days(3);
    });
    let day = |d| chrono::NaiveDate::from_ymd_opt(2030, 6, d).unwrap();
    let issued = |from, to| ListBills {
        issued_from: from,
        issued_to: to,
        ..ListBills::default()
    };
    let found = |q| ids(&list(&store, &staff(), q).unwrap());
    assert_eq!(found(issued(Some(day(1)), Some(day(1)))), [1]);
    assert_eq!(found(issued(Some(day(2)), None)), [2]);
    assert_eq!(found(issued(None, Some(day(4)))), [2, 1]);
    match list(&store, &staff(), issued(Some(day(4)), Some(day(3)))).unwrap_err() {
        ListBillsError::Invalid(e) => assert_eq!(e.iter().next().unwrap().field, "issued_to"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn totals_cover_the_whole_filtered_set_not_only_the_page() {
    let store = clinic();
    pay(&store, &staff(), 1, "50.00").unwrap();
    refund(&store, &staff(), (1, 1), "20.00").unwrap();
    let one_per_page = ListBills {
        per_page: Some(1),
        ..ListBills::default()
    };
    let all = totals(&store, one_per_page);
    assert_eq!(all.count, 2);
    assert_eq!(all.billed, money("180.00").amount());
    assert_eq!(all.paid, money("50.00").amount());
    assert_eq!(all.refunded, money("20.00").amount());
    assert_eq!(all.outstanding, money("150.00").amount());
    let bobs = totals(
        &store,
        ListBills {
            patient_id: Some(BOB),
            ..ListBills::default()
        },
    );
    assert_eq!((bobs.count, bobs.billed), (1, money("60.00").amount()));
}

#[test]
fn outstanding_is_always_billed_less_paid_plus_refunded_and_a_void_bill_counts_for_nothing() {
    let store = clinic();
    pay(&store, &staff(), 2, "60.00").unwrap();
    refund(&store, &staff(), (2, 1), "60.00").unwrap();
    void(&store, &staff(), 2, "billed in error").unwrap();
    pay(&store, &staff(), 1, "0.01").unwrap();
    let t = totals(&store, ListBills::default());
    assert_eq!(t.billed, money("120.00").amount());
    assert_eq!(t.outstanding, t.billed - t.paid + t.refunded);
    assert_eq!(t.outstanding, money("119.99").amount());
}

#[test]
fn a_patient_reads_their_own_payment_history_newest_first_and_no_one_elses() {
    let store = clinic();
    pay(&store, &staff(), 1, "50.00").unwrap();
    refund(&store, &staff(), (1, 1), "20.00").unwrap();
    pay(&store, &staff(), 2, "10.00").unwrap();
    let history =
        |actor: &Actor, patient| block_on(patient_payments(actor, patient, (None, None), &store));
    let own = history(&patient(ALICE), ALICE).unwrap();
    let kinds: Vec<_> = own.items.iter().map(|l| (l.kind, l.amount)).collect();
    assert_eq!(
        kinds,
        [
            (PaymentEntryKind::Refund, money("20.00")),
            (PaymentEntryKind::Payment, money("50.00")),
        ]
    );
    assert_eq!(own.items[0].reason.as_deref(), Some("paid twice"));
    assert_eq!(own.items[1].invoice_number, "INV-2030-000001");
    assert!(own.items[1].recorded_by_name.is_some());
    assert_eq!(history(&staff(), BOB).unwrap().total, 1);
    assert!(matches!(
        history(&patient(ALICE), BOB).unwrap_err(),
        ListBillsError::Denied(Denied::Hidden { .. })
    ));
    assert!(matches!(
        history(&doctor(), ALICE).unwrap_err(),
        ListBillsError::Denied(Denied::Forbidden)
    ));
    assert!(matches!(
        history(&staff(), 99).unwrap_err(),
        ListBillsError::PatientNotFound
    ));
}

#[test]
fn a_payment_keeps_the_desks_reference_on_one_line() {
    let store = clinic();
    let with = |reference: &str| {
        let cmd = RecordPayment {
            bill_id: 1,
            amount: "10.00".into(),
            method: PaymentMethod::CardPresent,
            payment_token: None,
            reference: Some(reference.into()),
        };
        block_on(pay_bill(&staff(), cmd, &clock(), &store, None))
    };
    let paid = with(" slip 0042 ").unwrap();
    assert_eq!(
        paid.entries.payments[0].reference.as_deref(),
        Some("slip 0042")
    );
    assert!(matches!(with("two\nlines"), Err(PayBillError::Invalid(_))));
    assert!(matches!(
        with(&"x".repeat(PAYMENT_REFERENCE_MAX_CHARS + 1)),
        Err(PayBillError::Invalid(_))
    ));
}

fn visit(appointment_id: i32, status: crate::scheduling::AppointmentStatus) -> VisitToBill {
    VisitToBill {
        appointment_id,
        patient_id: ALICE,
        patient_user_id: 100 + ALICE,
        status,
        visit_fee: money("150.00"),
        doctor_name: "Greg House".into(),
        bill_id: None,
    }
}

fn checkout(
    store: &InMemoryBilling,
    actor: &Actor,
    appointment_id: i32,
    amount: Option<&str>,
) -> Result<BillDetails, IssueVisitBillError> {
    let cmd = IssueVisitBill {
        appointment_id,
        amount_due: amount.map(str::to_owned),
    };
    block_on(issue_visit_bill(actor, cmd, &clock(), store))
}

#[test]
fn the_desk_bills_a_checked_in_visit_at_its_fee_or_a_typed_amount_and_tells_the_patient() {
    use crate::scheduling::AppointmentStatus as S;
    let store = clinic();
    store.edit(|s| {
        s.visits.insert(40, visit(40, S::CheckedIn));
        s.visits.insert(41, visit(41, S::Completed));
    });
    let at_fee = checkout(&store, &staff(), 40, None).unwrap().bill;
    assert_eq!(at_fee.amount_due, money("150.00"));
    assert_eq!(at_fee.appointment_id, 40);
    assert!(is_invoice_number(&at_fee.invoice_number));
    let typed = checkout(&store, &admin(), 41, Some(" 95.50 "))
        .unwrap()
        .bill;
    assert_eq!(typed.amount_due, money("95.50"));
    assert_ne!(typed.invoice_number, at_fee.invoice_number);
    let state = store.state();
    let told = state.notifications.last().unwrap();
    assert_eq!(told.user_id, 100 + ALICE);
    assert_eq!(told.kind, NotificationType::Billing);
    assert!(
        told.message.contains(&typed.invoice_number),
        "{}",
        told.message
    );
    assert_eq!(told.related_entity_id, i64::from(typed.bill_id));
}

#[test]
fn a_visit_is_billed_once_and_only_once_the_patient_came() {
    use crate::scheduling::AppointmentStatus as S;
    let store = clinic();
    store.edit(|s| {
        s.visits.insert(40, visit(40, S::CheckedIn));
        s.visits.insert(42, visit(42, S::Scheduled));
        s.visits.insert(43, visit(43, S::NoShow));
    });
    let first = checkout(&store, &staff(), 40, None).unwrap().bill;
    match checkout(&store, &staff(), 40, None).unwrap_err() {
        IssueVisitBillError::Refused(IssueRefused::AlreadyBilled { bill_id }) => {
            assert_eq!(bill_id, first.bill_id);
        }
        other => panic!("{other:?}"),
    }
    for id in [42, 43] {
        assert!(matches!(
            checkout(&store, &staff(), id, None).unwrap_err(),
            IssueVisitBillError::Refused(IssueRefused::NotBillable(_))
        ));
    }
    assert!(matches!(
        checkout(&store, &staff(), 99, None).unwrap_err(),
        IssueVisitBillError::NotFound
    ));
}

#[test]
fn only_staff_and_admins_bill_a_visit_and_the_amount_must_be_money() {
    use crate::scheduling::AppointmentStatus as S;
    let store = clinic();
    store.edit(|s| {
        s.visits.insert(40, visit(40, S::CheckedIn));
    });
    for actor in [doctor(), patient(ALICE)] {
        assert!(matches!(
            checkout(&store, &actor, 40, None).unwrap_err(),
            IssueVisitBillError::Denied(Denied::Forbidden)
        ));
    }
    match checkout(&store, &staff(), 40, Some("12.345")).unwrap_err() {
        IssueVisitBillError::Invalid(e) => assert_eq!(e.iter().next().unwrap().field, "amount_due"),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.state().bills.len(), 2, "nothing was issued");
}

//! Bills: payments that never overshoot, who may record which method, the online path,
//! refunds and adjustments that keep the totals exact, the derived status and voids.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use clinic_domain::billing::{
    Charge, PaymentProvider, ProviderError, ProviderReceipt, ProviderRefund,
};
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, TestUser, assert_problem, json_of, spawn_app, spawn_app_with_provider,
};

/// A payment provider for tests only: it takes every token but `"tok_declined"`, and numbers
/// its receipts. Production ships no adapter at all.
#[derive(Default)]
struct TestProvider {
    receipts: AtomicUsize,
}

impl TestProvider {
    fn receipt(&self, prefix: &str) -> ProviderReceipt {
        let n = self.receipts.fetch_add(1, Ordering::SeqCst) + 1;
        ProviderReceipt {
            reference: format!("{prefix}_{n}"),
        }
    }
}

#[async_trait]
impl PaymentProvider for TestProvider {
    async fn charge(&self, charge: &Charge) -> Result<ProviderReceipt, ProviderError> {
        if charge.token == "tok_declined" {
            return Err(ProviderError::Declined {
                reason: "card declined".into(),
            });
        }
        Ok(self.receipt("test_ch"))
    }

    async fn refund(&self, _refund: &ProviderRefund) -> Result<ProviderReceipt, ProviderError> {
        Ok(self.receipt("test_re"))
    }
}

async fn with_provider() -> TestApp {
    spawn_app_with_provider(Arc::new(TestProvider::default())).await
}

async fn post(app: &TestApp, user: &TestUser, path: &str, body: Value) -> reqwest::Response {
    app.send_as(user, Method::POST, path, &body).await
}

/// What the database holds for bill `id`: amount paid, payments, refunds (sums as text).
async fn sums(app: &TestApp, id: i64) -> (Value, Value, Value) {
    let one = |sql: String| async move { app.scalar(&sql).await.unwrap() };
    (
        one(format!(
            "SELECT amount_paid::text FROM bills WHERE bill_id = {id}"
        ))
        .await,
        one(format!(
            "SELECT COALESCE(sum(amount), 0)::text FROM payments WHERE bill_id = {id}"
        ))
        .await,
        one(format!(
            "SELECT COALESCE(sum(amount), 0)::text FROM refunds WHERE bill_id = {id}"
        ))
        .await,
    )
}

/// A completed visit of `patient` with `doctor` last week and its bill of `amount`, due `due`.
pub async fn bill(
    app: &TestApp,
    patient: &TestUser,
    doctor: &TestUser,
    amount: &str,
    due: &str,
) -> i64 {
    app.exec("INSERT INTO offices (name, address_line1, city, country) VALUES ('Main', '1 Main St', 'Town', 'US') ON CONFLICT DO NOTHING").await;
    let (p, d) = (patient.patient_id.unwrap(), doctor.doctor_id.unwrap());
    app.exec(&format!(
        "WITH visit AS (
            INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes, ends_at, status)
            SELECT {p}, {d}, office_id, t.start, 30, t.start + interval '30 minutes', 'completed'
            FROM offices, (SELECT now() - interval '7 days' - random() * interval '1 day' AS start) t
            WHERE name = 'Main'
            RETURNING appointment_id)
         INSERT INTO bills (patient_id, appointment_id, amount_due, billing_due)
         SELECT {p}, appointment_id, {amount}, '{due}' FROM visit"
    ))
    .await;
    app.scalar("SELECT max(bill_id) FROM bills")
        .await
        .unwrap()
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_patient_pays_their_bill_in_parts_and_never_beyond_it() {
    let app = with_provider().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let pay = |amount: serde_json::Value| {
        let (app, alice) = (&app, alice.clone());
        async move {
            app.send_as(
                &alice,
                Method::POST,
                &format!("/bills/{id}/payments"),
                &json!({"amount": amount, "method": "online", "payment_token": "tok_visa"}),
            )
            .await
        }
    };
    let partly = json_of(pay(json!("50.00")).await, 201).await;
    assert_eq!(
        (partly["status"].as_str(), partly["balance"].as_str()),
        (Some("partially_paid"), Some("70.00"))
    );
    assert_eq!(partly["payments"][0]["amount"], "50.00");
    let problem = assert_problem(pay(json!("70.01")).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "amount");
    assert_problem(pay(json!("0.00")).await, 422, "validation_failed").await;
    assert_problem(pay(json!("1.005")).await, 422, "validation_failed").await;
    assert_problem(pay(json!(10)).await, 422, "invalid_body").await;
    let paid = json_of(pay(json!("70")).await, 201).await;
    assert_eq!(
        (paid["status"].as_str(), paid["amount_paid"].as_str()),
        (Some("paid"), Some("120.00"))
    );
    let mine = json_of(app.get_as(&alice, "/bills").await, 200).await;
    assert_eq!(mine["total"], 1);
    let notes = json_of(app.get_as(&alice, "/notifications").await, 200).await;
    assert_eq!(notes["total"], 2, "one notification per payment: {notes}");
}

#[tokio::test]
async fn concurrent_payments_never_overshoot_the_amount_due() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let attempts = (0..20).map(|_| {
        let (app, staff) = (&app, &staff);
        async move {
            app.send_as(
                staff,
                Method::POST,
                &format!("/bills/{id}/payments"),
                &json!({"amount": "10.00"}),
            )
            .await
            .status()
            .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let accepted = statuses.iter().filter(|s| **s == 201).count();
    let refused = statuses.iter().filter(|s| **s == 422).count();
    assert_eq!((accepted, refused), (12, 8), "{statuses:?}");
    assert_eq!(
        app.scalar(&format!(
            "SELECT amount_paid::text FROM bills WHERE bill_id = {id}"
        ))
        .await,
        Some(json!("120.00"))
    );
    assert_eq!(
        app.scalar("SELECT sum(amount)::text FROM payments").await,
        Some(json!("120.00"))
    );
}

#[tokio::test]
async fn a_bill_past_its_due_date_is_overdue_without_anyone_touching_it() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let late = bill(&app, &alice, &doctor, "80.00", "2020-01-01").await;
    bill(&app, &alice, &doctor, "80.00", "2099-01-01").await;
    let overdue = json_of(app.get_as(&staff, "/bills?status=overdue").await, 200).await;
    assert_eq!(overdue["total"], 1);
    assert_eq!(overdue["items"][0]["id"], late);
    assert_eq!(overdue["items"][0]["status"], "overdue");
    // Nothing is stored: the one bill is overdue because today is past its due date.
    assert_eq!(
        json_of(app.get_as(&staff, &format!("/bills/{late}")).await, 200).await["status"],
        "overdue"
    );
    assert_eq!(
        json_of(app.get_as(&staff, "/bills?status=unpaid").await, 200).await["total"],
        1
    );
}

#[tokio::test]
async fn staff_adjust_a_bill_with_a_reason_even_after_payments_but_not_below_them() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let first = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let path = format!("/bills/{first}");
    let change = |amount: &str| json!({"amount_due": amount, "reason": "follow-up rate"});
    assert_problem(
        app.send_as(&alice, Method::PATCH, &path, &change("1.00"))
            .await,
        403,
        "forbidden",
    )
    .await;
    let adjusted = json_of(
        app.send_as(&staff, Method::PATCH, &path, &change("150.00"))
            .await,
        200,
    )
    .await;
    assert_eq!(adjusted["amount_due"], "150.00");
    // A reason is required.
    assert_problem(
        app.send_as(
            &staff,
            Method::PATCH,
            &path,
            &json!({"amount_due": "90.00"}),
        )
        .await,
        422,
        "invalid_body",
    )
    .await;
    json_of(
        post(
            &app,
            &staff,
            &format!("{path}/payments"),
            json!({"amount": "10.00", "method": "cash"}),
        )
        .await,
        201,
    )
    .await;
    let lowered = json_of(
        app.send_as(&staff, Method::PATCH, &path, &change("90.00"))
            .await,
        200,
    )
    .await;
    assert_eq!(
        (lowered["amount_due"].as_str(), lowered["balance"].as_str()),
        (Some("90.00"), Some("80.00"))
    );
    let problem = assert_problem(
        app.send_as(&staff, Method::PATCH, &path, &change("9.99"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "amount_due");
    assert_problem(
        post(
            &app,
            &staff,
            &format!("{path}/void"),
            json!({"reason": "error"}),
        )
        .await,
        409,
        "bill_has_payments",
    )
    .await;
    let history = json_of(app.get_as(&alice, &path).await, 200).await;
    let adjustments = history["adjustments"].as_array().unwrap();
    assert_eq!(adjustments.len(), 2);
    assert_eq!(
        (
            adjustments[1]["amount_due_before"].as_str(),
            adjustments[1]["amount_due_after"].as_str(),
            adjustments[1]["reason"].as_str(),
            adjustments[1]["adjusted_by"].as_i64()
        ),
        (
            Some("150.00"),
            Some("90.00"),
            Some("follow-up rate"),
            Some(i64::from(staff.user_id))
        )
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'bill_adjustments' AND action = 'insert' AND changed_by = {}",
            staff.user_id
        ))
        .await,
        Some(json!(2))
    );

    let second = bill(&app, &alice, &doctor, "60.00", "2099-01-01").await;
    let voided = json_of(
        post(
            &app,
            &staff,
            &format!("/bills/{second}/void"),
            json!({"reason": "billed twice"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (voided["status"].as_str(), voided["balance"].as_str()),
        (Some("void"), Some("0.00"))
    );
    let pay_void = post(
        &app,
        &staff,
        &format!("/bills/{second}/payments"),
        json!({"amount": "1.00"}),
    )
    .await;
    assert_problem(pay_void, 409, "bill_void").await;
}

#[tokio::test]
async fn a_patient_cannot_settle_their_own_bill_with_insurance_or_cash() {
    let app = with_provider().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    for method in [
        "insurance",
        "cash",
        "card_present",
        "cheque",
        "card",
        "transfer",
        "other",
    ] {
        let attempt = post(
            &app,
            &alice,
            &format!("/bills/{id}/payments"),
            json!({"amount": "120.00", "method": method}),
        )
        .await;
        assert_problem(attempt, 403, "forbidden").await;
    }
    // Without a method, the default ("other") is a staff method too.
    assert_problem(
        post(
            &app,
            &alice,
            &format!("/bills/{id}/payments"),
            json!({"amount": "120.00"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let after = json_of(app.get_as(&alice, &format!("/bills/{id}")).await, 200).await;
    assert_eq!(
        (
            after["status"].as_str(),
            after["amount_paid"].as_str(),
            after["balance"].as_str()
        ),
        (Some("unpaid"), Some("0.00"), Some("120.00"))
    );
    assert_eq!(after["payments"], json!([]));
    assert_eq!(after["allowed_actions"], json!(["pay_online"]));
    assert_eq!(
        app.scalar("SELECT count(*) FROM payments").await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn a_patient_cannot_pay_online_where_no_provider_is_configured() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let attempt = post(
        &app,
        &alice,
        &format!("/bills/{id}/payments"),
        json!({"amount": "120.00", "method": "online", "payment_token": "tok_visa"}),
    )
    .await;
    assert_problem(attempt, 409, "online_payment_unavailable").await;
    let after = json_of(app.get_as(&alice, &format!("/bills/{id}")).await, 200).await;
    assert_eq!(after["amount_paid"], "0.00");
    assert_eq!(
        after["allowed_actions"],
        json!([]),
        "nothing to offer: {after}"
    );
    assert_eq!(
        sums(&app, id).await,
        (json!("0.00"), json!("0"), json!("0"))
    );
}

#[tokio::test]
async fn with_a_provider_a_patient_pays_online_and_the_receipt_is_kept() {
    let app = with_provider().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let path = format!("/bills/{id}/payments");
    let problem = assert_problem(
        post(
            &app,
            &alice,
            &path,
            json!({"amount": "20.00", "method": "online"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "payment_token");
    assert_problem(
        post(
            &app,
            &alice,
            &path,
            json!({"amount": "20.00", "method": "online", "payment_token": "tok_declined"}),
        )
        .await,
        409,
        "payment_declined",
    )
    .await;
    // Staff never charge a patient's token.
    assert_problem(
        post(
            &app,
            &staff,
            &path,
            json!({"amount": "20.00", "method": "online", "payment_token": "tok_visa"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let paid = json_of(
        post(
            &app,
            &alice,
            &path,
            json!({"amount": "120.00", "method": "online", "payment_token": "tok_visa"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(paid["status"], "paid");
    let payment = &paid["payments"][0];
    assert_eq!(
        (
            payment["method"].as_str(),
            payment["provider_reference"].as_str(),
            payment["recorded_by"].as_i64()
        ),
        (
            Some("online"),
            Some("test_ch_1"),
            Some(i64::from(alice.user_id))
        )
    );
    // An online payment is refunded through the provider too.
    let refunded = json_of(
        post(
            &app,
            &staff,
            &format!("/bills/{id}/refunds"),
            json!({"payment_id": payment["id"], "amount": "20.00", "reason": "overcharged"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(refunded["refunds"][0]["provider_reference"], "test_re_2");
    assert_eq!(refunded["balance"], "20.00");
}

#[tokio::test]
async fn a_cent_no_longer_freezes_a_bill_staff_refund_adjust_and_void_it() {
    let app = with_provider().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let paid = json_of(
        post(
            &app,
            &alice,
            &format!("/bills/{id}/payments"),
            json!({"amount": "0.01", "method": "online", "payment_token": "tok_visa"}),
        )
        .await,
        201,
    )
    .await;
    let payment_id = paid["payments"][0]["id"].clone();
    let adjusted = json_of(
        app.send_as(
            &staff,
            Method::PATCH,
            &format!("/bills/{id}"),
            &json!({"amount_due": "90.00", "reason": "insurer's rate"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(adjusted["balance"], "89.99");
    assert_problem(
        post(
            &app,
            &staff,
            &format!("/bills/{id}/void"),
            json!({"reason": "error"}),
        )
        .await,
        409,
        "bill_has_payments",
    )
    .await;
    let refunded = json_of(
        post(
            &app,
            &staff,
            &format!("/bills/{id}/refunds"),
            json!({"payment_id": payment_id, "amount": "0.01", "reason": "test charge"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(
        (
            refunded["amount_paid"].as_str(),
            refunded["status"].as_str()
        ),
        (Some("0.00"), Some("unpaid"))
    );
    assert_eq!(refunded["payments"][0]["amount_refunded"], "0.01");
    let voided = json_of(
        post(
            &app,
            &staff,
            &format!("/bills/{id}/void"),
            json!({"reason": "billed in error"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(voided["status"], "void");
    // Every change wrote its audit row, by the staff member, and told the patient.
    for (table, action) in [
        ("payments", "insert"),
        ("payments", "update"),
        ("refunds", "insert"),
        ("bill_adjustments", "insert"),
    ] {
        assert_eq!(
            app.scalar(&format!(
                "SELECT count(*) FROM audit_log WHERE table_name = '{table}' AND action = '{action}'"
            ))
            .await,
            Some(json!(1)),
            "{table} {action}"
        );
    }
    assert_eq!(
        app.scalar("SELECT changed_by FROM audit_log WHERE table_name = 'refunds'")
            .await,
        Some(json!(staff.user_id))
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'bills' AND record_id = {id} AND action = 'update'"
        ))
        .await,
        Some(json!(4)),
        "payment, adjustment, refund and void each update the bill"
    );
    let notes = json_of(app.get_as(&alice, "/notifications").await, 200).await;
    assert_eq!(notes["total"], 4, "one per change: {notes}");
}

#[tokio::test]
async fn a_refund_never_exceeds_what_was_paid_on_the_payment() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let other = bill(&app, &alice, &doctor, "50.00", "2099-01-01").await;
    let paid = json_of(
        post(
            &app,
            &staff,
            &format!("/bills/{id}/payments"),
            json!({"amount": "50.00", "method": "cash"}),
        )
        .await,
        201,
    )
    .await;
    let payment_id = paid["payments"][0]["id"].clone();
    let refunds = format!("/bills/{id}/refunds");
    let refund =
        |amount: &str| json!({"payment_id": payment_id, "amount": amount, "reason": "overpaid"});
    let problem = assert_problem(
        post(&app, &staff, &refunds, refund("50.01")).await,
        409,
        "refund_exceeds_payment",
    )
    .await;
    assert_eq!(
        problem["detail"],
        "must not exceed the 50.00 still refundable on this payment"
    );
    json_of(post(&app, &staff, &refunds, refund("30.00")).await, 201).await;
    assert_problem(
        post(&app, &staff, &refunds, refund("20.01")).await,
        409,
        "refund_exceeds_payment",
    )
    .await;
    // The payment must be this bill's.
    let elsewhere = assert_problem(
        post(
            &app,
            &staff,
            &format!("/bills/{other}/refunds"),
            json!({"payment_id": payment_id, "amount": "1.00", "reason": "x"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(elsewhere["errors"][0]["field"], "payment_id");
    assert_problem(
        post(&app, &staff, &refunds, refund("0.00")).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post(&app, &alice, &refunds, refund("1.00")).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        post(&app, &doctor, &refunds, refund("1.00")).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(
        sums(&app, id).await,
        (json!("20.00"), json!("50.00"), json!("30.00"))
    );
    let history = json_of(app.get_as(&alice, &format!("/bills/{id}")).await, 200).await;
    let entry = &history["refunds"][0];
    assert_eq!(
        (
            entry["payment_id"].clone(),
            entry["amount"].as_str(),
            entry["reason"].as_str(),
            entry["recorded_by"].as_i64()
        ),
        (
            payment_id,
            Some("30.00"),
            Some("overpaid"),
            Some(i64::from(staff.user_id))
        )
    );
    assert!(entry["refunded_at"].is_string());
    assert_eq!(history["payments"][0]["method"], "cash");
}

#[tokio::test]
async fn concurrent_payments_and_refunds_keep_the_sums_exact() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let first = json_of(
        post(
            &app,
            &staff,
            &format!("/bills/{id}/payments"),
            json!({"amount": "60.00", "method": "cash"}),
        )
        .await,
        201,
    )
    .await;
    let payment_id = first["payments"][0]["id"].clone();
    let payments = (0..15).map(|_| {
        let (app, staff) = (&app, &staff);
        async move {
            let body = json!({"amount": "10.00", "method": "card_present"});
            post(app, staff, &format!("/bills/{id}/payments"), body)
                .await
                .status()
                .as_u16()
        }
    });
    let refunds = (0..15).map(|_| {
        let (app, staff, payment_id) = (&app, &staff, payment_id.clone());
        async move {
            let body = json!({"payment_id": payment_id, "amount": "5.00", "reason": "race"});
            post(app, staff, &format!("/bills/{id}/refunds"), body)
                .await
                .status()
                .as_u16()
        }
    });
    let (paid, refunded) = futures_util::future::join(
        futures_util::future::join_all(payments),
        futures_util::future::join_all(refunds),
    )
    .await;
    assert!(paid.iter().all(|s| matches!(s, 201 | 422)), "{paid:?}");
    assert!(
        refunded.iter().all(|s| matches!(s, 201 | 409)),
        "{refunded:?}"
    );
    let accepted_payments = paid.iter().filter(|s| **s == 201).count();
    let accepted_refunds = refunded.iter().filter(|s| **s == 201).count();
    // Refunds draw only on the first payment: at most 60.00 of it, 12 refunds of 5.00.
    assert_eq!(accepted_refunds, 12, "{refunded:?}");
    let (amount_paid, paid_sum, refund_sum) = sums(&app, id).await;
    let cents = |v: &Value| (v.as_str().unwrap().parse::<f64>().unwrap() * 100.0).round() as i64;
    assert_eq!(cents(&paid_sum), 6000 + 1000 * accepted_payments as i64);
    assert_eq!(cents(&refund_sum), 500 * accepted_refunds as i64);
    assert_eq!(cents(&amount_paid), cents(&paid_sum) - cents(&refund_sum));
    assert!(cents(&amount_paid) <= 12000, "never above the amount due");
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM payments p WHERE bill_id = {id}
             AND amount_refunded <> COALESCE((SELECT sum(amount) FROM refunds r WHERE r.payment_id = p.payment_id), 0)"
        ))
        .await,
        Some(json!(0)),
        "each payment's refunded total is the sum of its refunds"
    );
}

#[tokio::test]
async fn doctors_do_not_see_bills_and_patients_only_their_own() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let id = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    assert_problem(app.get_as(&doctor, "/bills").await, 403, "forbidden").await;
    assert_problem(
        app.get_as(&bob, &format!("/bills/{id}")).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        json_of(app.get_as(&bob, "/bills").await, 200).await["total"],
        0
    );
    assert_problem(
        app.get_as(
            &bob,
            &format!("/bills?patient_id={}", alice.patient_id.unwrap()),
        )
        .await,
        404,
        "not_found",
    )
    .await;
}

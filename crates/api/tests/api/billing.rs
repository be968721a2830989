//! Bills: payments that never overshoot, the derived status, adjustments and voids.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// A completed visit of `patient` with `doctor` last week and its bill of `amount`, due `due`.
async fn bill(
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
    let app = spawn_app().await;
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
                &json!({"amount": amount, "method": "card"}),
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
async fn staff_adjust_or_void_only_bills_without_payments() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let first = bill(&app, &alice, &doctor, "120.00", "2099-01-01").await;
    let path = format!("/bills/{first}");
    assert_problem(
        app.send_as(&alice, Method::PATCH, &path, &json!({"amount_due": "1.00"}))
            .await,
        403,
        "forbidden",
    )
    .await;
    let adjusted = json_of(
        app.send_as(
            &staff,
            Method::PATCH,
            &path,
            &json!({"amount_due": "150.00"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(adjusted["amount_due"], "150.00");
    json_of(
        app.send_as(
            &staff,
            Method::POST,
            &format!("{path}/payments"),
            &json!({"amount": "10.00"}),
        )
        .await,
        201,
    )
    .await;
    assert_problem(
        app.send_as(
            &staff,
            Method::PATCH,
            &path,
            &json!({"amount_due": "90.00"}),
        )
        .await,
        409,
        "bill_has_payments",
    )
    .await;
    assert_problem(
        app.send_as(
            &staff,
            Method::POST,
            &format!("{path}/void"),
            &json!({"reason": "error"}),
        )
        .await,
        409,
        "bill_has_payments",
    )
    .await;

    let second = bill(&app, &alice, &doctor, "60.00", "2099-01-01").await;
    let voided = json_of(
        app.send_as(
            &staff,
            Method::POST,
            &format!("/bills/{second}/void"),
            &json!({"reason": "billed twice"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (voided["status"].as_str(), voided["balance"].as_str()),
        (Some("void"), Some("0.00"))
    );
    let pay_void = app
        .send_as(
            &alice,
            Method::POST,
            &format!("/bills/{second}/payments"),
            &json!({"amount": "1.00"}),
        )
        .await;
    assert_problem(pay_void, 409, "bill_void").await;
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

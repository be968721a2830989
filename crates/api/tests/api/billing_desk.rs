//! The front desk's money loop: invoice numbers, checkout from the schedule (bill + payment),
//! the billing list's search and totals, and payment history per bill and per patient.

use clinic_domain::billing::is_invoice_number;
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// A visit of `patient` with `doctor` about a week ago at the Main office, in `status`; its id.
/// Each visit starts an hour before the one made before it, so none overlap.
async fn visit(app: &TestApp, patient: &TestUser, doctor: &TestUser, status: &str) -> i64 {
    app.exec("INSERT INTO offices (name, address_line1, city, state, postal_code, country, time_zone) VALUES ('Main', '1 Main St', 'Town', 'IL', '62701', 'US', 'America/Chicago') ON CONFLICT DO NOTHING").await;
    let (p, d) = (patient.patient_id.unwrap(), doctor.doctor_id.unwrap());
    app.exec(&format!(
        "INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes, ends_at, status)
         SELECT {p}, {d}, office_id, t.start, 30, t.start + interval '30 minutes', '{status}'
         FROM offices, (SELECT now() - interval '7 days' - (SELECT count(*) FROM appointments) * interval '1 hour' AS start) t
         WHERE name = 'Main'"
    ))
    .await;
    app.scalar("SELECT max(appointment_id) FROM appointments")
        .await
        .unwrap()
        .as_i64()
        .unwrap()
}

async fn check_out(app: &TestApp, desk: &TestUser, visit: i64, body: Value) -> reqwest::Response {
    app.send_as(
        desk,
        Method::POST,
        &format!("/appointments/{visit}/bill"),
        &body,
    )
    .await
}

async fn pay(app: &TestApp, desk: &TestUser, bill: i64, body: Value) -> Value {
    let paid = app
        .send_as(
            desk,
            Method::POST,
            &format!("/bills/{bill}/payments"),
            &body,
        )
        .await;
    json_of(paid, 201).await
}

struct Desk {
    app: TestApp,
    desk: TestUser,
    doctor: TestUser,
    alice: TestUser,
    bob: TestUser,
}

async fn desk() -> Desk {
    let app = spawn_app().await;
    let desk = app.user(Role::Staff, "frontdesk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    Desk {
        app,
        desk,
        doctor,
        alice,
        bob,
    }
}

#[tokio::test]
async fn the_desk_checks_out_a_checked_in_visit_with_a_bill_and_a_card_payment_it_can_trace() {
    let Desk {
        app,
        desk,
        doctor,
        alice,
        ..
    } = desk().await;
    let id = visit(&app, &alice, &doctor, "checked_in").await;
    let bill = json_of(check_out(&app, &desk, id, json!({})).await, 201).await;
    let invoice = bill["invoice_number"].as_str().unwrap().to_owned();
    assert!(is_invoice_number(&invoice), "{invoice}");
    let fee = app
        .scalar("SELECT consultation_fee::text FROM specialties WHERE specialty_id = 1")
        .await
        .unwrap();
    assert_eq!(bill["amount_due"], fee, "the visit's standard fee");
    assert_eq!(bill["office_time_zone"], "America/Chicago");
    assert_eq!(bill["office_name"], "Main");
    assert_eq!(bill["office_address"], "1 Main St, Town, IL 62701, US");
    let bill_id = bill["id"].as_i64().unwrap();
    let told = app
        .scalar(&format!(
            "SELECT message FROM notifications WHERE related_entity_type = 'bills' AND related_entity_id = {bill_id}"
        ))
        .await
        .unwrap();
    assert!(told.as_str().unwrap().contains(&invoice), "{told}");

    let paid = pay(
        &app,
        &desk,
        bill_id,
        json!({"amount": "20.00", "method": "card_present", "reference": "slip 0042"}),
    )
    .await;
    let payment = &paid["payments"][0];
    assert_eq!(
        (
            payment["reference"].as_str(),
            payment["recorded_by_name"].as_str()
        ),
        (Some("slip 0042"), Some("frontdesk"))
    );
    assert_eq!(paid["invoice_number"], invoice.as_str());

    // Once billed, the visit is not billed again, and completing it issues no second bill.
    assert_problem(
        check_out(&app, &desk, id, json!({})).await,
        409,
        "bill_exists",
    )
    .await;
    let done = app
        .send_as(
            &doctor,
            Method::POST,
            &format!("/appointments/{id}/complete"),
            &json!(null),
        )
        .await;
    assert_eq!(done.status(), 200);
    let bills = app
        .scalar(&format!(
            "SELECT count(*) FROM bills WHERE appointment_id = {id}"
        ))
        .await
        .unwrap();
    assert_eq!(bills, 1);
}

#[tokio::test]
async fn only_staff_bill_only_visits_the_patient_came_to_at_a_valid_amount() {
    let Desk {
        app,
        desk,
        doctor,
        alice,
        ..
    } = desk().await;
    let scheduled = visit(&app, &alice, &doctor, "scheduled").await;
    assert_problem(
        check_out(&app, &desk, scheduled, json!({})).await,
        409,
        "visit_not_billable",
    )
    .await;
    let came = visit(&app, &alice, &doctor, "completed").await;
    for who in [&doctor, &alice] {
        assert_problem(
            check_out(&app, who, came, json!({})).await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_problem(
        check_out(&app, &desk, 999_999, json!({})).await,
        404,
        "not_found",
    )
    .await;
    let problem = assert_problem(
        check_out(&app, &desk, came, json!({"amount_due": "12.345"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "amount_due");
    let typed = json_of(
        check_out(&app, &desk, came, json!({"amount_due": "95.50"})).await,
        201,
    )
    .await;
    assert_eq!(typed["amount_due"], "95.50");
}

#[tokio::test]
async fn invoice_numbers_stay_unique_when_the_desk_bills_many_visits_at_once() {
    let Desk {
        app,
        desk,
        doctor,
        alice,
        bob,
    } = desk().await;
    let mut visits = Vec::new();
    for n in 0..12 {
        let patient = if n % 2 == 0 { &alice } else { &bob };
        visits.push(visit(&app, patient, &doctor, "checked_in").await);
    }
    let attempts = visits
        .iter()
        .map(|id| check_out(&app, &desk, *id, json!({})));
    let mut numbers = Vec::new();
    for response in futures_util::future::join_all(attempts).await {
        let bill = json_of(response, 201).await;
        numbers.push(bill["invoice_number"].as_str().unwrap().to_owned());
    }
    assert!(numbers.iter().all(|n| is_invoice_number(n)));
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 12, "{numbers:?}");
    let distinct = app
        .scalar("SELECT count(DISTINCT invoice_number) = count(*) FROM bills")
        .await
        .unwrap();
    assert_eq!(distinct, true);
}

/// Bills for the list: Alice 100.00 issued 2026-03-02 (paid 30, refunded 10), Alice 50.00
/// issued 2026-03-10, Bob 80.00 issued 2026-04-01 (void). Returns their ids.
async fn three_bills(d: &Desk) -> [i64; 3] {
    let Desk {
        app,
        desk,
        doctor,
        alice,
        bob,
    } = d;
    let mut ids = [0; 3];
    for (i, (patient, amount, issued)) in [
        (alice, "100.00", "2026-03-02 15:00"),
        (alice, "50.00", "2026-03-10 15:00"),
        (bob, "80.00", "2026-04-01 15:00"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = visit(app, patient, doctor, "completed").await;
        let bill = json_of(
            check_out(app, desk, id, json!({"amount_due": amount})).await,
            201,
        )
        .await;
        ids[i] = bill["id"].as_i64().unwrap();
        app.exec(&format!(
            "UPDATE bills SET created_at = '{issued}' AT TIME ZONE 'America/Chicago' WHERE bill_id = {}",
            ids[i]
        ))
        .await;
    }
    let paid = pay(
        app,
        desk,
        ids[0],
        json!({"amount": "30.00", "method": "cash"}),
    )
    .await;
    let payment = paid["payments"][0]["id"].as_i64().unwrap();
    let refunded = app
        .send_as(
            desk,
            Method::POST,
            &format!("/bills/{}/refunds", ids[0]),
            &json!({"payment_id": payment, "amount": "10.00", "reason": "Overcharged"}),
        )
        .await;
    assert_eq!(refunded.status(), 201);
    let void = app
        .send_as(
            desk,
            Method::POST,
            &format!("/bills/{}/void", ids[2]),
            &json!({"reason": "Billed in error"}),
        )
        .await;
    assert_eq!(void.status(), 200);
    ids
}

fn ids_of(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_desk_finds_bills_by_patient_invoice_dates_and_status_with_totals_of_the_filtered_set()
{
    let d = desk().await;
    let [first, second, void] = three_bills(&d).await;
    let list = |query: String| {
        let (app, desk) = (&d.app, &d.desk);
        async move { json_of(app.get_as(desk, &format!("/bills?{query}")).await, 200).await }
    };
    let all = list("per_page=1".into()).await;
    assert_eq!(ids_of(&all), [void], "newest first, one page");
    assert_eq!(
        all["totals"],
        json!({"count": 3, "billed": "150.00", "paid": "30.00", "refunded": "10.00", "outstanding": "130.00"}),
        "totals cover the whole filtered set, not the page"
    );
    let by_name = list("q=ALICE".into()).await;
    assert_eq!(ids_of(&by_name), [second, first]);
    assert_eq!(by_name["totals"]["outstanding"], "130.00");
    let invoice = by_name["items"][1]["invoice_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(ids_of(&list(format!("q={invoice}")).await), [first]);
    let patient = d.bob.patient_id.unwrap();
    assert_eq!(ids_of(&list(format!("patient_id={patient}")).await), [void]);
    let march = list("issued_from=2026-03-01&issued_to=2026-03-05".into()).await;
    assert_eq!(ids_of(&march), [first]);
    assert_eq!(march["totals"]["billed"], "100.00");
    let open = list("status=unpaid&issued_from=2026-03-01".into()).await;
    assert!(ids_of(&open).iter().all(|id| *id != void));
    let problem = assert_problem(
        d.app
            .get_as(
                &d.desk,
                "/bills?issued_from=2026-03-05&issued_to=2026-03-01",
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "issued_to");
    assert_problem(
        d.app
            .get_as(&d.desk, &format!("/bills?q={}", "x".repeat(101)))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        d.app.get_as(&d.desk, "/bills?q=a%00b").await,
        422,
        "validation_failed",
    )
    .await;
    // A patient's totals are of their own bills only, whatever they search.
    let mine = json_of(d.app.get_as(&d.bob, "/bills?q=alice").await, 200).await;
    assert_eq!(mine["totals"]["count"], 0);
}

#[tokio::test]
async fn a_patients_payment_history_is_theirs_and_the_desks_never_a_doctors() {
    let d = desk().await;
    let [first, ..] = three_bills(&d).await;
    let alice = d.alice.patient_id.unwrap();
    let path = format!("/patients/{alice}/payments");
    let history = json_of(d.app.get_as(&d.alice, &path).await, 200).await;
    let lines = history["items"].as_array().unwrap();
    assert_eq!(history["total"], 2);
    assert_eq!(
        (
            lines[0]["kind"].as_str(),
            lines[0]["amount"].as_str(),
            lines[0]["reason"].as_str()
        ),
        (Some("refund"), Some("10.00"), Some("Overcharged"))
    );
    assert_eq!(
        (
            lines[1]["kind"].as_str(),
            lines[1]["method"].as_str(),
            lines[1]["recorded_by_name"].as_str()
        ),
        (Some("payment"), Some("cash"), Some("frontdesk"))
    );
    assert_eq!(lines[1]["bill_id"], first);
    assert!(is_invoice_number(
        lines[1]["invoice_number"].as_str().unwrap()
    ));
    assert_eq!(d.app.get_as(&d.desk, &path).await.status(), 200);
    assert_problem(d.app.get_as(&d.bob, &path).await, 404, "not_found").await;
    assert_problem(d.app.get_as(&d.doctor, &path).await, 403, "forbidden").await;
    assert_problem(
        d.app.get_as(&d.desk, "/patients/999999/payments").await,
        404,
        "not_found",
    )
    .await;
    // The bill itself shows each refund with who gave it back.
    let bill = json_of(
        d.app.get_as(&d.alice, &format!("/bills/{first}")).await,
        200,
    )
    .await;
    assert_eq!(bill["refunds"][0]["recorded_by_name"], "frontdesk");
}

#[tokio::test]
async fn the_databases_invoice_numbers_are_spelled_as_the_domain_spells_them() {
    let app = spawn_app().await;
    // Padded to six digits, and past the millionth bill of a year longer, never cut.
    for sequence in [1_u64, 123, 999_999, 1_000_000, 1_234_567] {
        let spelled = app
            .scalar(&format!(
                "SELECT bill_invoice_number(timestamptz '2026-05-01 12:00Z', {sequence})"
            ))
            .await
            .unwrap();
        assert_eq!(
            spelled,
            clinic_domain::billing::invoice_number(2026, sequence).as_str(),
            "the SQL twin spells bill {sequence} as the domain does"
        );
    }
    assert_eq!(
        clinic_domain::billing::invoice_number(2026, 123),
        "INV-2026-000123"
    );
}

#[tokio::test]
async fn the_millionth_bill_gets_a_number_of_its_own() {
    let Desk {
        app,
        desk,
        doctor,
        alice,
        ..
    } = desk().await;
    // As if the clinic had issued 999,999 bills: the next numbers have seven digits, where six
    // would have repeated bill 100,000's number and the insert would fail on the unique index.
    app.scalar("SELECT setval('bills_invoice_number_seq', 999999)::text")
        .await
        .unwrap();
    let mut numbers = Vec::new();
    for _ in 0..2 {
        let id = visit(&app, &alice, &doctor, "checked_in").await;
        let bill = json_of(check_out(&app, &desk, id, json!({})).await, 201).await;
        numbers.push(bill["invoice_number"].as_str().unwrap().to_owned());
    }
    assert!(numbers.iter().all(|n| is_invoice_number(n)), "{numbers:?}");
    assert!(
        numbers[0].ends_with("-1000000") && numbers[1].ends_with("-1000001"),
        "{numbers:?}"
    );
}

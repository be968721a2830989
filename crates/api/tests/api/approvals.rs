//! Specialist approvals over HTTP: a care-team doctor requests, the specialist (or an admin)
//! decides; approval adds the specialist to the care team and opens the referral gate; decided
//! requests stay decided; each party sees only what concerns them.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// A family doctor on Alice's care team and a cardiologist (a specialty that needs a referral)
/// who works at the office.
struct Referral {
    app: TestApp,
    gp: TestUser,
    cardiologist: TestUser,
    alice: TestUser,
    office: i64,
}

async fn referral() -> Referral {
    let app = spawn_app().await;
    let gp = app.user(Role::Doctor, "gpdoc").await;
    let cardiologist = app.user(Role::Doctor, "cardio").await;
    let alice = app.user(Role::Patient, "alice").await;
    app.exec(&format!(
        "UPDATE doctors SET specialty_id = (SELECT specialty_id FROM specialties WHERE specialty_name = 'Cardiology')
         WHERE doctor_id = {};
         INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({}, {});",
        cardiologist.doctor_id.unwrap(),
        alice.patient_id.unwrap(),
        gp.doctor_id.unwrap()
    ))
    .await;
    let office = open_office(&app, &cardiologist).await;
    Referral {
        app,
        gp,
        cardiologist,
        alice,
        office,
    }
}

impl Referral {
    fn body(&self) -> Value {
        json!({"patient_id": self.alice.patient_id, "specialist_id": self.cardiologist.doctor_id,
               "reason": "Chest pain on exertion"})
    }

    async fn request(&self, who: &TestUser, body: &Value) -> reqwest::Response {
        self.app
            .send_as(who, Method::POST, "/specialist-approvals", body)
            .await
    }

    /// A pending request of the GP for Alice to see the cardiologist; returns its id.
    async fn pending(&self) -> i64 {
        let created = json_of(self.request(&self.gp, &self.body()).await, 201).await;
        assert_eq!(created["status"], "pending");
        created["id"].as_i64().unwrap()
    }

    async fn act(&self, who: &TestUser, id: i64, action: &str) -> reqwest::Response {
        let path = format!("/specialist-approvals/{id}/{action}");
        self.app
            .send_as(who, Method::POST, &path, &json!({"note": "Seen the ECG."}))
            .await
    }

    async fn book_cardiologist(&self) -> reqwest::Response {
        let body = json!({"doctor_id": self.cardiologist.doctor_id, "office_id": self.office,
            "starts_at": at(7, 10), "duration_minutes": 30});
        self.app
            .send_as(&self.alice, Method::POST, "/appointments", &body)
            .await
    }

    async fn kinds_of_notifications(&self, who: &TestUser) -> Vec<String> {
        let notes = json_of(self.app.get_as(who, "/notifications").await, 200).await;
        notes["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["related_entity_type"] == "specialist_approvals")
            .map(|n| n["message"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn an_approval_puts_the_specialist_on_the_care_team_so_the_patient_can_book_them() {
    let r = referral().await;
    assert_problem(r.book_cardiologist().await, 409, "referral_required").await;
    let id = r.pending().await;
    assert_eq!(r.kinds_of_notifications(&r.cardiologist).await.len(), 1);
    assert_problem(
        r.request(&r.gp, &r.body()).await,
        409,
        "approval_already_pending",
    )
    .await;
    assert_problem(r.act(&r.gp, id, "approve").await, 403, "forbidden").await;
    assert_problem(r.act(&r.alice, id, "approve").await, 403, "forbidden").await;
    let approved = json_of(r.act(&r.cardiologist, id, "approve").await, 200).await;
    assert_eq!(approved["status"], "approved");
    assert!(approved["approved_at"].is_string(), "{approved}");
    assert_eq!(approved["decided_at"], approved["approved_at"]);
    assert_eq!(approved["decided_by"], r.cardiologist.user_id);
    assert_eq!(approved["decision_note"], "Seen the ECG.");
    let member = r
        .app
        .scalar(&format!(
            "SELECT is_primary FROM patient_doctors WHERE patient_id = {} AND doctor_id = {}",
            r.alice.patient_id.unwrap(),
            r.cardiologist.doctor_id.unwrap()
        ))
        .await;
    assert_eq!(member, Some(json!(false)));
    let audited = r
        .app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'patient_doctors' AND action = 'insert'
             AND record_id = {} AND (new_values->>'doctor_id')::int = {}",
            r.alice.patient_id.unwrap(),
            r.cardiologist.doctor_id.unwrap()
        ))
        .await;
    assert_eq!(audited, Some(json!(1)));
    json_of(r.book_cardiologist().await, 201).await;
    assert_eq!(r.kinds_of_notifications(&r.gp).await.len(), 1);
    assert_eq!(r.kinds_of_notifications(&r.alice).await.len(), 1);
    // Terminal states stay terminal.
    for (who, action) in [
        (&r.cardiologist, "approve"),
        (&r.cardiologist, "deny"),
        (&r.gp, "cancel"),
    ] {
        assert_problem(r.act(who, id, action).await, 409, "invalid_transition").await;
    }
}

#[tokio::test]
async fn only_a_care_team_doctor_requests_and_only_for_another_doctor() {
    let r = referral().await;
    // A doctor who only has an appointment with Alice treats her but is not on her team.
    let visiting = r.app.user(Role::Doctor, "visiting").await;
    let staff = r.app.user(Role::Staff, "desk").await;
    let office = open_office(&r.app, &visiting).await;
    let visit = json!({"patient_id": r.alice.patient_id, "doctor_id": visiting.doctor_id,
        "office_id": office, "starts_at": at(2, 10), "duration_minutes": 30});
    json_of(
        r.app
            .send_as(&staff, Method::POST, "/appointments", &visit)
            .await,
        201,
    )
    .await;
    assert_problem(r.request(&visiting, &r.body()).await, 403, "forbidden").await;
    for who in [&staff, &r.alice] {
        assert_problem(r.request(who, &r.body()).await, 403, "forbidden").await;
    }
    let stranger = r.app.user(Role::Doctor, "stranger").await;
    assert_problem(r.request(&stranger, &r.body()).await, 404, "not_found").await;
    let field_of = |problem: Value| problem["errors"][0]["field"].as_str().unwrap().to_owned();
    let mut to_self = r.body();
    to_self["specialist_id"] = json!(r.gp.doctor_id);
    let problem = assert_problem(r.request(&r.gp, &to_self).await, 422, "validation_failed").await;
    assert_eq!(field_of(problem), "specialist_id");
    let mut to_nobody = r.body();
    to_nobody["specialist_id"] = json!(999_999);
    let problem =
        assert_problem(r.request(&r.gp, &to_nobody).await, 422, "validation_failed").await;
    assert_eq!(field_of(problem), "specialist_id");
    let mut no_reason = r.body();
    no_reason["reason"] = json!("  ");
    let problem =
        assert_problem(r.request(&r.gp, &no_reason).await, 422, "validation_failed").await;
    assert_eq!(field_of(problem), "reason");
    assert_eq!(
        r.app
            .scalar("SELECT count(*) FROM specialist_approvals")
            .await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn denials_and_withdrawals_are_final_and_an_admin_may_decide() {
    let r = referral().await;
    let denied = r.pending().await;
    let answer = json_of(r.act(&r.cardiologist, denied, "deny").await, 200).await;
    assert_eq!(answer["status"], "denied");
    assert!(answer["approved_at"].is_null() && answer["decided_at"].is_string());
    assert_problem(
        r.act(&r.gp, denied, "cancel").await,
        409,
        "invalid_transition",
    )
    .await;
    assert_problem(r.book_cardiologist().await, 409, "referral_required").await;

    // A new request may follow a decided one.
    let withdrawn = r.pending().await;
    assert_problem(
        r.act(&r.cardiologist, withdrawn, "cancel").await,
        403,
        "forbidden",
    )
    .await;
    let answer = json_of(r.act(&r.gp, withdrawn, "cancel").await, 200).await;
    assert_eq!(answer["status"], "cancelled");
    assert_eq!(answer["decided_by"], r.gp.user_id);
    assert_problem(
        r.act(&r.cardiologist, withdrawn, "approve").await,
        409,
        "invalid_transition",
    )
    .await;
    // The cardiologist heard of both requests and of the withdrawal.
    assert_eq!(r.kinds_of_notifications(&r.cardiologist).await.len(), 3);

    let admin = r.app.user(Role::Admin, "ada").await;
    let third = r.pending().await;
    let answer = json_of(r.act(&admin, third, "approve").await, 200).await;
    assert_eq!(answer["decided_by"], admin.user_id);
    assert_problem(r.act(&admin, third, "cancel").await, 403, "forbidden").await;
}

#[tokio::test]
async fn each_party_sees_only_the_requests_that_concern_them() {
    let r = referral().await;
    let id = r.pending().await;
    let bob = r.app.user(Role::Patient, "bob").await;
    let stranger = r.app.user(Role::Doctor, "stranger").await;
    let staff = r.app.user(Role::Staff, "desk").await;
    let total = |who: TestUser, query: &'static str| {
        let app = &r.app;
        async move {
            json_of(
                app.get_as(&who, &format!("/specialist-approvals{query}"))
                    .await,
                200,
            )
            .await["total"]
                .as_i64()
                .unwrap()
        }
    };
    for who in [&r.alice, &r.gp, &r.cardiologist, &staff] {
        assert_eq!(total(who.clone(), "").await, 1);
    }
    assert_eq!(total(bob.clone(), "").await, 0);
    assert_eq!(total(stranger.clone(), "").await, 0);
    assert_eq!(total(staff.clone(), "?status=pending").await, 1);
    assert_eq!(total(staff.clone(), "?status=approved").await, 0);
    let one = format!("/specialist-approvals/{id}");
    json_of(r.app.get_as(&r.cardiologist, &one).await, 200).await;
    for who in [&bob, &stranger] {
        assert_problem(r.app.get_as(who, &one).await, 404, "not_found").await;
    }
    let other = format!(
        "/specialist-approvals?patient_id={}",
        r.alice.patient_id.unwrap()
    );
    assert_problem(r.app.get_as(&bob, &other).await, 404, "not_found").await;
}

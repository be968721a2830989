//! The access matrix: every endpoint × every role × own/other object, and the answer each must
//! give. A new endpoint without a row here fails `every_documented_operation_has_an_access_rule`.
//!
//! Each rule runs against a fresh fixture clinic (see [`world`]): an admin, a staff member, a
//! doctor who treats patient "own" (care team), another doctor, the patient "own" and another
//! patient "other". Paths use placeholders filled from that world.

mod availability;
mod billing;
mod calendar_feeds;
mod clinical;
mod directory;
mod fhir;
mod identity;
mod patients;
mod scheduling;
mod visit_types;
mod waitlist;
pub mod world;

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::Value;

use crate::helpers::spawn_app;
use world::World;

/// What a role must be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Allowed: any answer but 401, 403 and 404 (a 409 or 422 from the body is fine).
    Allow,
    /// 403: the role may never do this.
    Forbidden,
    /// 404: the role may, but not to this object.
    Hidden,
}

/// One row: a request and what admin, staff, doctor and patient must be told.
pub struct Rule {
    pub method: Method,
    /// A path under `/api/v1` with placeholders (see [`World::fill`]).
    pub path: &'static str,
    pub body: Option<Value>,
    /// For admin, staff, doctor, patient, in that order.
    pub expect: [Expect; 4],
}

/// Shorthand for building rules.
pub fn rule(method: Method, path: &'static str, body: Option<Value>, expect: [Expect; 4]) -> Rule {
    Rule {
        method,
        path,
        body,
        expect,
    }
}

const ROLES: [Role; 4] = [Role::Admin, Role::Staff, Role::Doctor, Role::Patient];

fn all_rules() -> Vec<Rule> {
    let mut rules = identity::rules();
    rules.extend(directory::rules());
    rules.extend(patients::rules());
    rules.extend(scheduling::rules());
    rules.extend(billing::rules());
    rules.extend(clinical::rules());
    rules.extend(calendar_feeds::rules());
    rules.extend(waitlist::rules());
    rules.extend(availability::rules());
    rules.extend(visit_types::rules());
    let fhir = fhir::rules(&rules);
    rules.extend(fhir);
    rules
}

/// The URL path of a rule path: FHIR paths as they are, the rest under `/api/v1`.
fn url_of(path: &str) -> String {
    if path.starts_with("/fhir/") {
        path.to_owned()
    } else {
        format!("/api/v1{path}")
    }
}

async fn check(
    rule: &Rule,
    role_index: usize,
    world: &World,
    app: &crate::helpers::TestApp,
) -> Option<String> {
    let role = ROLES[role_index];
    let path = world.fill(rule.path);
    let mut request = app
        .request(rule.method.clone(), &url_of(&path))
        .bearer_auth(world.token(role));
    if let Some(body) = &rule.body {
        request = request.json(&world.fill_json(body));
    }
    let status = request
        .send()
        .await
        .expect("request sent")
        .status()
        .as_u16();
    let ok = match rule.expect[role_index] {
        Expect::Allow => !matches!(status, 401 | 403 | 404 | 500..=599),
        Expect::Forbidden => status == 403,
        Expect::Hidden => status == 404,
    };
    (!ok).then(|| {
        format!(
            "{} {path} as {role:?}: expected {:?}, got {status}",
            rule.method, rule.expect[role_index]
        )
    })
}

/// Runs the rules whose index is `i % shards == shard`, so the matrix spreads over test threads.
async fn run_shard(shard: usize, shards: usize) {
    let mut failures = Vec::new();
    for rule in all_rules()
        .iter()
        .enumerate()
        .filter(|(i, _)| i % shards == shard)
        .map(|(_, r)| r)
    {
        if rule.method == Method::GET {
            let app = spawn_app().await;
            let world = World::build(&app).await;
            for role in 0..4 {
                failures.extend(check(rule, role, &world, &app).await);
            }
        } else {
            // A write by one role must not change what the next role meets.
            for role in 0..4 {
                let app = spawn_app().await;
                let world = World::build(&app).await;
                failures.extend(check(rule, role, &world, &app).await);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access rules broken:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn access_matrix_part_1() {
    run_shard(0, 3).await;
}

#[tokio::test]
async fn access_matrix_part_2() {
    run_shard(1, 3).await;
}

#[tokio::test]
async fn access_matrix_part_3() {
    run_shard(2, 3).await;
}

#[tokio::test]
async fn every_request_without_a_token_is_refused_with_401() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut failures = Vec::new();
    for rule in all_rules() {
        let path = world.fill(rule.path);
        let mut request = app.request(rule.method.clone(), &url_of(&path));
        if let Some(body) = &rule.body {
            request = request.json(&world.fill_json(body));
        }
        let status = request.send().await.unwrap().status().as_u16();
        if status != 401 {
            failures.push(format!(
                "{} {path} without a token answered {status}",
                rule.method
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Operations that need no token, by design.
const PUBLIC: [(&str, &str); 9] = [
    ("get", "/health"),
    ("get", "/ready"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api-docs/openapi.json"),
    // The URL's token is the credential (calendar apps send no bearer token).
    ("get", "/api/v1/calendar-feeds/{token}.ics"),
    // FHIR servers publish what they can do to anyone.
    ("get", "/fhir/R4/metadata"),
];

#[test]
fn every_documented_operation_has_an_access_rule() {
    let document: Value = serde_json::from_str(&clinic_api::openapi::document_json()).unwrap();
    let covered: Vec<(String, String)> = all_rules()
        .iter()
        .map(|r| {
            // Query strings are not part of the documented path.
            let path = r.path.split('?').next().unwrap_or(r.path);
            (
                r.method.as_str().to_lowercase(),
                url_of(&world::template_of(path)),
            )
        })
        .collect();
    let mut missing = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let public = PUBLIC.iter().any(|(m, p)| m == method && p == path);
            if !public && !covered.iter().any(|(m, p)| m == method && p == path) {
                missing.push(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "endpoints without an access rule:\n{}",
        missing.join("\n")
    );
}

/// The answer to one request: its status and its body.
async fn answer(
    app: &crate::helpers::TestApp,
    world: &World,
    role: Role,
    method: &Method,
    path: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut request = app
        .request(method.clone(), &url_of(path))
        .bearer_auth(world.token(role));
    if let Some(body) = body {
        request = request.json(&world.fill_json(body));
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The FHIR API answers every role as the REST API does for the same object: same status for
/// each role (200 for both, or the same refusal), request by request.
#[tokio::test]
async fn fhir_answers_every_role_as_rest_does() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut failures = Vec::new();
    for (fhir_path, rest_path) in fhir::MIRRORS {
        for role in ROLES {
            let fhir = answer(
                &app,
                &world,
                role,
                &Method::GET,
                &world.fill(fhir_path),
                None,
            )
            .await;
            let rest = answer(
                &app,
                &world,
                role,
                &Method::GET,
                &world.fill(rest_path),
                None,
            )
            .await;
            if fhir.0 != rest.0 {
                failures.push(format!(
                    "{fhir_path} as {role:?} answered {}, {rest_path} answered {}",
                    fhir.0, rest.0
                ));
            } else if fhir.0 >= 400 && fhir.1["resourceType"] != "OperationOutcome" {
                failures.push(format!(
                    "{fhir_path} as {role:?}: a refusal that is no OperationOutcome: {}",
                    fhir.1
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "FHIR and REST disagree:\n{}",
        failures.join("\n")
    );
}

/// Placeholders of others' objects, and the path that shows each.
const VIEWS: [(&str, &str); 9] = [
    ("{other_bill}", "/bills/{other_bill}"),
    ("{other_appointment}", "/appointments/{other_appointment}"),
    ("{other_record}", "/medical-records/{other_record}"),
    (
        "{other_prescription}",
        "/prescriptions/{other_prescription}",
    ),
    ("{other_approval}", "/specialist-approvals/{other_approval}"),
    ("{other_patient}", "/patients/{other_patient}"),
    ("{other_insurance}", "/insurances/{other_insurance}"),
    ("{other_user}", "/users/{other_user}"),
    // A feed has no page of its own: no role sees another doctor's.
    ("{other_feed}", "/calendar-feeds/{other_feed}"),
];

/// No oracle: for every rule about another's object that a role is refused and may not even
/// see, the same request about an id that does not exist gets the very same answer (status and body), so nobody
/// learns which ids exist. A role that may never act answers 403 whatever the id; a role that
/// may, but not on this object, answers 404 for another's and a missing id alike.
#[tokio::test]
async fn refused_objects_of_others_and_missing_objects_answer_alike() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut failures = Vec::new();
    for rule in all_rules() {
        let Some((placeholder, view)) = VIEWS.into_iter().find(|(p, _)| rule.path.contains(p))
        else {
            continue;
        };
        for (i, role) in ROLES.iter().enumerate() {
            if rule.expect[i] == Expect::Allow {
                continue;
            }
            // A role that may see the object learns nothing from a refusal to act on it.
            let seen = answer(&app, &world, *role, &Method::GET, &world.fill(view), None).await;
            if seen.0 == 200 {
                continue;
            }
            let other = world.fill(rule.path);
            let missing = world.fill(&rule.path.replace(placeholder, "{missing}"));
            let body = rule.body.as_ref();
            let theirs = answer(&app, &world, *role, &rule.method, &other, body).await;
            let nobodys = answer(&app, &world, *role, &rule.method, &missing, body).await;
            if theirs != nobodys {
                failures.push(format!(
                    "{} {} as {role:?}: another's answers {theirs:?}, a missing one {nobodys:?}",
                    rule.method, rule.path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "oracles:\n{}", failures.join("\n"));
}

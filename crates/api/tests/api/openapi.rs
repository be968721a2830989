use crate::helpers::spawn_app;

/// The committed document is what clients are generated from: it must match the code.
/// Regenerate with `cargo run -q -p clinic-api -- openapi > docs/openapi.json`.
#[test]
fn the_committed_openapi_document_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = clinic_api::openapi::document_json();
    assert!(
        committed == generated,
        "docs/openapi.json is stale; regenerate it with \
         `cargo run -q -p clinic-api -- openapi > docs/openapi.json`"
    );
}

#[test]
fn every_operation_documents_its_error_responses_with_problem_json() {
    let document: serde_json::Value =
        serde_json::from_str(&clinic_api::openapi::document_json()).unwrap();
    let paths = document["paths"].as_object().expect("paths");
    assert!(!paths.is_empty());
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().expect("responses");
            for (status, response) in responses {
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status} has no description"
                );
                if status.starts_with('4') || status.starts_with('5') {
                    // FHIR answers its errors as OperationOutcomes, in FHIR's media type.
                    let (media_type, body) = if path.starts_with("/fhir/") {
                        ("application/fhir+json", "OperationOutcome")
                    } else {
                        ("application/problem+json", "problem+json")
                    };
                    assert!(
                        response["content"][media_type].is_object(),
                        "{method} {path} {status} is not documented as {body}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn the_server_serves_its_document_and_swagger_ui() {
    let app = spawn_app().await;
    let served: serde_json::Value = app
        .get("/api-docs/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(served["info"]["title"], "Clinic API");
    assert!(served["paths"]["/ready"].is_object());
    let ui = app.get("/swagger-ui/").await;
    assert_eq!(ui.status().as_u16(), 200);
    assert!(
        ui.text().await.unwrap().contains("swagger"),
        "Swagger UI page"
    );
}

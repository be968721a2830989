//! Responses that the framework, not the handler, gives: every operation with parameters can
//! answer 400 for a malformed one and 414 for an overlong one, every operation with a body 413 and 415, every signed-in one
//! 401, and every one that reaches the database 503 while it is unreachable. Writing these on
//! each handler would repeat the same lines eighty times and miss some; they are added here,
//! once, to every operation that has the trait in question. A handler's own wording wins.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};

/// Paths served without the database, so they never answer 503.
const WITHOUT_DATABASE: [&str; 2] = ["/health", "/api-docs/openapi.json"];

/// Adds the common responses to every operation of the document.
pub fn document_all(document: &mut OpenApi) {
    for (path, item) in &mut document.paths.paths {
        let reaches_database = !WITHOUT_DATABASE.contains(&path.as_str());
        let path_params = item.parameters.as_ref().is_some_and(|p| !p.is_empty());
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            document_operation(
                operation,
                path_params || path.contains('{'),
                reaches_database,
            );
        }
    }
}

fn document_operation(operation: &mut Operation, has_path_params: bool, reaches_database: bool) {
    let has_params =
        has_path_params || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let has_body = operation.request_body.is_some();
    let signed_in = operation
        .security
        .as_ref()
        .is_some_and(|requirements| !requirements.is_empty());
    if has_params || has_body {
        add(
            operation,
            "400",
            "A parameter or the body is malformed, or the body nests too deeply",
        );
    }
    if has_params {
        add(
            operation,
            "414",
            "The path and query string are longer than 2048 bytes",
        );
    }
    if has_body {
        add(
            operation,
            "413",
            "The body is larger than the server accepts",
        );
        add(operation, "415", "The body is not application/json");
    }
    if signed_in {
        add(
            operation,
            "401",
            "Not signed in, or the access token is invalid or expired",
        );
    }
    if reaches_database {
        add(
            operation,
            "503",
            "The database is unreachable or the request took too long; retry later",
        );
    }
}

fn add(operation: &mut Operation, status: &str, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| RefOr::T(problem(description)));
}

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
}

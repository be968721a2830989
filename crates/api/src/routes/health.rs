//! `GET /health` (the process is alive) and `GET /ready` (the database is reachable and migrated).

use std::time::Duration;

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// How long `/ready` waits for the database before it answers 503.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// The process's own view of itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthStatus {
    /// Always `ok` when the process answers.
    #[schema(example = "ok")]
    pub status: &'static str,
    /// The running version of the server.
    #[schema(example = "0.1.0")]
    pub version: &'static str,
}

/// Readiness: what a load balancer needs before it sends traffic.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadyStatus {
    /// `ready`.
    #[schema(example = "ready")]
    pub status: &'static str,
    /// `ok` when the database answered.
    #[schema(example = "ok")]
    pub database: &'static str,
    /// `up_to_date` when no migration is pending.
    #[schema(example = "up_to_date")]
    pub migrations: &'static str,
}

/// The process is alive. Does not touch the database.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "The process is alive", body = HealthStatus))
)]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The database is reachable and every migration is applied.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready to serve traffic", body = ReadyStatus),
        (status = 503, description = "The database is unreachable or not migrated yet",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let unavailable = |detail: &str| ApiError::Unavailable {
        detail: detail.to_owned(),
    };
    let reachable = tokio::time::timeout(READY_TIMEOUT, clinic_infrastructure::db::ping(&state.db))
        .await
        .map_err(|_| unavailable("the database did not answer in time"))?;
    reachable.map_err(|_| unavailable("the database is unreachable"))?;
    if !state.known_migrated() {
        let pending = clinic_infrastructure::migrations::pending_count(&state.db)
            .await
            .map_err(|_| unavailable("the migration status could not be read"))?;
        if pending > 0 {
            return Err(unavailable(&format!(
                "{pending} database migrations are pending"
            )));
        }
        state.mark_migrated();
    }
    Ok(HttpResponse::Ok().json(ReadyStatus {
        status: "ready",
        database: "ok",
        migrations: "up_to_date",
    }))
}

//! `POST /specialist-approvals/{id}/approve`, `/deny` and `/cancel`.

use actix_web::{HttpResponse, post, web};
use clinic_domain::referral::{self, ApprovalAction, DecideApproval};

use super::dto::{ApprovalResponse, DecisionRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

async fn act(
    state: &AppState,
    actor: &CurrentActor,
    approval_id: i32,
    action: ApprovalAction,
    note: Option<String>,
) -> ApiResult<HttpResponse> {
    let cmd = DecideApproval {
        approval_id,
        action,
        note,
    };
    let approval = referral::decide_approval(actor, cmd, &*state.clock, &*state.approvals).await?;
    Ok(HttpResponse::Ok().json(ApprovalResponse::from(approval)))
}

/// Declares a decision handler; approving and denying differ only in path, action and words.
macro_rules! decision_handler {
    ($name:ident, $path:literal, $action:expr, $summary:literal, $done:literal) => {
        #[doc = $summary]
        #[utoipa::path(
            tag = "approvals",
            security(("bearer" = [])),
            params(("id" = i32, Path, description = "Approval id")),
            request_body = DecisionRequest,
            responses(
                (status = 200, description = $done, body = ApprovalResponse),
                (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
                (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
                (status = 403, description = "Not the specialist it is addressed to, nor an admin", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such request, or not yours", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = "`invalid_transition`: the request is no longer pending", body = Problem, content_type = "application/problem+json"),
                (status = 422, description = "An invalid note", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            actor: CurrentActor,
            id: web::Path<i32>,
            body: crate::http::Json<DecisionRequest>,
        ) -> ApiResult<HttpResponse> {
            act(&state, &actor, id.into_inner(), $action, body.into_inner().note).await
        }
    };
}

decision_handler!(
    approve,
    "/specialist-approvals/{id}/approve",
    ApprovalAction::Approve,
    "Approves a pending request: the specialist it is addressed to, or an admin. The specialist \
     joins the patient's care team (not as primary) in the same transaction, so the patient may \
     book them; the requester and the patient are notified.",
    "Approved; the specialist is on the care team"
);
decision_handler!(
    deny,
    "/specialist-approvals/{id}/deny",
    ApprovalAction::Deny,
    "Denies a pending request: the specialist it is addressed to, or an admin. The requester \
     and the patient are notified.",
    "Denied"
);

/// Withdraws a pending request: only the doctor who made it. The specialist and the patient
/// are notified.
#[utoipa::path(
    tag = "approvals",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Approval id")),
    responses(
        (status = 200, description = "Cancelled", body = ApprovalResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the requesting doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_transition`: the request is no longer pending", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/specialist-approvals/{id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    act(
        &state,
        &actor,
        id.into_inner(),
        ApprovalAction::Cancel,
        None,
    )
    .await
}

//! What the people a referral concerns are told, and when: the wording is the domain's, the
//! store only writes the drafts in the transaction of the change.

use super::{ApprovalAction, SpecialistApproval};
use crate::notification::{NotificationDraft, NotificationType};

/// The table notifications about a request point at.
const ENTITY: &str = "specialist_approvals";

/// The user accounts of the three people a request concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalContacts {
    pub patient_user_id: i32,
    pub requester_user_id: i32,
    pub specialist_user_id: i32,
}

fn notice(user_id: i32, message: String, approval: &SpecialistApproval) -> NotificationDraft {
    NotificationDraft::new(
        user_id,
        NotificationType::Approval,
        message,
        ENTITY,
        approval.approval_id,
    )
}

/// A new request goes to the specialist, who has to decide.
#[must_use]
pub fn request_notice(approval: &SpecialistApproval, specialist_user_id: i32) -> NotificationDraft {
    notice(
        specialist_user_id,
        format!(
            "Dr. {} asks you to see {}; the request awaits your decision.",
            approval.requesting_doctor_name, approval.patient_name
        ),
        approval,
    )
}

/// An approval or denial goes to the requester and the patient; a withdrawal to the
/// specialist, who no longer needs to decide, and the patient.
#[must_use]
pub fn decision_notices(
    approval: &SpecialistApproval,
    contacts: ApprovalContacts,
    action: ApprovalAction,
) -> Vec<NotificationDraft> {
    let (patient, specialist, requester) = (
        &approval.patient_name,
        &approval.specialist_name,
        &approval.requesting_doctor_name,
    );
    let (to_requester, to_patient) = match action {
        ApprovalAction::Approve => (
            format!("Your request for {patient} to see Dr. {specialist} was approved."),
            format!("Your referral to Dr. {specialist} was approved; you may book them now."),
        ),
        ApprovalAction::Deny => (
            format!("Your request for {patient} to see Dr. {specialist} was denied."),
            format!("Your referral to Dr. {specialist} was denied."),
        ),
        ApprovalAction::Cancel => {
            return vec![
                notice(
                    contacts.specialist_user_id,
                    format!("Dr. {requester} withdrew the request for you to see {patient}."),
                    approval,
                ),
                notice(
                    contacts.patient_user_id,
                    format!("Dr. {requester} withdrew your referral to Dr. {specialist}."),
                    approval,
                ),
            ];
        }
    };
    vec![
        notice(contacts.requester_user_id, to_requester, approval),
        notice(contacts.patient_user_id, to_patient, approval),
    ]
}

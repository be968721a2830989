//! Referrals: specialist approvals, who may book a specialist, the use cases that request and
//! decide approvals, and the port that stores them. Who may request, see and decide is part of
//! the one access policy ([`access::referral`](crate::access::referral)).

pub mod approval;
pub mod model;
pub mod notices;
pub mod ports;
pub mod use_cases;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;

pub use approval::{
    AlreadyDecided, ApprovalAction, ApprovalDecision, ApprovalRequest, ApprovalStatus, approve,
    cancel, deny, may_book_specialist,
};
pub use model::{ApprovalFilter, NewApproval, RequestFacts, SpecialistApproval, parse_note};
pub use notices::ApprovalContacts;
pub use ports::{LockedApproval, ReferralStore, ReferralTx};
pub use use_cases::{
    ApprovalQuery, DecideApproval, DecideApprovalError, ListApprovalsError, ReadApprovalError,
    RequestSpecialist, RequestSpecialistError, decide_approval, get_approval, list_approvals,
    request_specialist,
};

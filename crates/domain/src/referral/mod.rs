//! Referrals: specialist approvals, who may request, see and decide them, who may book a
//! specialist, and the port that stores approvals.

pub mod access;
pub mod approval;
pub mod model;
pub mod ports;

pub use access::{ApprovalAction, ApprovalParties, may_act, may_request, may_view};
pub use approval::{
    ApprovalDecision, ApprovalRequest, ApprovalStatus, approve, cancel, deny, may_book_specialist,
};
pub use model::{ApprovalFilter, NewApproval, RequestFacts, SpecialistApproval, parse_note};
pub use ports::ApprovalRepository;

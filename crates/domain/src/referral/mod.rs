//! Referrals: specialist approvals and who may book a specialist.

pub mod approval;

pub use approval::{
    ApprovalDecision, ApprovalRequest, ApprovalStatus, approve, cancel, deny, may_book_specialist,
};

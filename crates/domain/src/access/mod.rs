//! Who may do what: the clinic's access policy as one pure function over (actor, action).
//!
//! Two kinds of "no": a role that may never do a thing gets [`Decision::Forbidden`] (403); a role
//! that may do it, but not to this object (another patient's chart), gets
//! [`Decision::Hidden`] (404), so nobody learns that the object exists.

mod actor;
mod facts;
mod policy;
pub mod referral;
mod scope;
mod treats;

pub use actor::Actor;
pub use facts::AccessFacts;
pub use policy::{Action, Decision, Denied, PatientFacts, authorize};
pub use referral::ApprovalParties;
pub use scope::{ListNarrowing, ListScope};
pub use treats::{TreatmentFacts, treats};

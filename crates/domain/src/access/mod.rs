//! Who may do what: the clinic's access policy as one pure function over (actor, action).
//!
//! Two kinds of "no": a role that may never do a thing gets [`Decision::Forbidden`] (403); a role
//! that may do it, but not to this object (another patient's chart), gets
//! [`Decision::Hidden`] (404), so nobody learns that the object exists.

mod actor;
mod availability;
mod billing;
mod clinical;
mod facts;
mod identity;
mod policy;
pub mod referral;
mod scheduling;
mod scope;
mod treats;

pub use actor::Actor;
pub use availability::{
    calendar_doctor_scope, may_manage_closures, may_manage_doctor_time, may_read_closures,
};
pub use billing::may_record_payment;
pub use clinical::{ClinicalParties, clinical_list_scope, may_ever, may_write};
pub use facts::{AccessFacts, or_stranger};
pub use identity::subject_role_matters;
pub use policy::{Action, Decision, Denied, PatientFacts, authorize};
pub use referral::ApprovalParties;
pub use scheduling::{
    AppointmentParties, may_act_on_appointment, may_book, may_cancel_late, may_overbook,
    may_view_appointment, patient_booking_limits_apply, referral_gate_applies, visible_conflicts,
};
pub use scope::{ListNarrowing, ListScope};
pub use treats::{
    AppointmentTrace, TREATMENT_WINDOW_DAYS, TreatmentFacts, treatment_window, treats,
};

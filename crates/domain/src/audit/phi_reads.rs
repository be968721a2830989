//! Reads of protected health information, each recorded as a `read` audit row before the reader
//! sees it.
//!
//! Medical records and prescriptions are audited by the clinical store as it reads them. Every
//! other read that shows PHI is audited by its use case through the [`ReadAudit`] port: the use
//! case loads, checks who may see it, hands the drafts of [`reads_of`] to
//! [`ReadAudit::record`], and returns only once they are committed. The adapter batches the
//! drafts of every waiting request into one transaction (group commit), so a page of 100 rows
//! is one job, not 100 turns at the audit chain's lock.

use async_trait::async_trait;

use super::{AuditAction, AuditEntryDraft};
use crate::access::Actor;
use crate::store::StoreResult;

/// Records `read` audit rows outside the transaction of any change (reads change nothing).
#[async_trait]
pub trait ReadAudit: Send + Sync {
    /// Appends `reads` to the audit log, returning once they are committed; nothing to record
    /// returns at once.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`: the caller must then not show what it read.
    async fn record(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()>;
}

/// What a response shows, and so what its `read` rows name: one row per shown object, in the
/// table that object's writes are audited under, so a reader of the log finds the reads of a
/// row next to its changes (`?table_name=…&record_id=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhiRead {
    /// A patient's profile (names, address, contact data): one row per patient, by patient id.
    Patient,
    /// A user's demographics (date of birth, gender, race, ethnicity), by user id.
    Demographics,
    /// A patient's emergency contacts: one row per patient shown, by patient id (the list is
    /// one answer, as its writes are one change).
    EmergencyContacts,
    /// An insurance policy, by insurance id.
    Insurance,
    /// A patient's care team (who treats them): one row per patient, by patient id.
    CareTeam,
    /// An appointment (it carries the reason for the visit), by appointment id.
    Appointment,
    /// A specialist approval (it carries the reason for the referral), by approval id.
    SpecialistApproval,
    /// The audit log itself: one row per page read (see
    /// [`read_audit_log`](super::read_audit_log)).
    AuditLog,
}

impl PhiRead {
    /// Every kind, in the order the security notes list them.
    pub const ALL: [PhiRead; 8] = [
        PhiRead::Patient,
        PhiRead::Demographics,
        PhiRead::EmergencyContacts,
        PhiRead::Insurance,
        PhiRead::CareTeam,
        PhiRead::Appointment,
        PhiRead::SpecialistApproval,
        PhiRead::AuditLog,
    ];

    /// The `audit_log.table_name` of its read rows: the table its writes are audited under.
    #[must_use]
    pub fn table_name(self) -> &'static str {
        match self {
            PhiRead::Patient => "patients",
            PhiRead::Demographics => "demographics",
            PhiRead::EmergencyContacts => "patient_emergency_contacts",
            PhiRead::Insurance => "insurances",
            PhiRead::CareTeam => "patient_doctors",
            PhiRead::Appointment => "appointments",
            PhiRead::SpecialistApproval => "specialist_approvals",
            PhiRead::AuditLog => "audit_log",
        }
    }
}

/// The `read` rows that say `actor` was shown the objects `ids` of kind `what`, one per id.
#[must_use]
pub fn reads_of(
    actor: &Actor,
    what: PhiRead,
    ids: impl IntoIterator<Item = i64>,
) -> Vec<AuditEntryDraft> {
    ids.into_iter()
        .map(|id| {
            AuditEntryDraft::new(
                what.table_name(),
                id,
                AuditAction::Read,
                Some(actor.user_id),
                None,
                None,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Role;

    #[test]
    fn each_object_shown_is_one_read_row_by_the_reader() {
        let actor = Actor::test(Role::Staff, None, None);
        let rows = reads_of(&actor, PhiRead::Appointment, [4, 9]);
        let seen: Vec<_> = rows
            .iter()
            .map(|d| (d.table_name(), d.record_id(), d.action(), d.changed_by()))
            .collect();
        assert_eq!(
            seen,
            [
                ("appointments", 4, AuditAction::Read, Some(1)),
                ("appointments", 9, AuditAction::Read, Some(1)),
            ]
        );
        assert!(
            rows.iter()
                .all(|d| d.old_values().is_none() && d.new_values().is_none())
        );
    }

    #[test]
    fn reads_are_filed_under_the_tables_their_writes_use() {
        let tables: Vec<_> = PhiRead::ALL.iter().map(|w| w.table_name()).collect();
        assert_eq!(
            tables,
            [
                "patients",
                "demographics",
                "patient_emergency_contacts",
                "insurances",
                "patient_doctors",
                "appointments",
                "specialist_approvals",
                "audit_log"
            ]
        );
    }

    #[test]
    fn nothing_shown_is_nothing_recorded() {
        let actor = Actor::test(Role::Admin, None, None);
        assert!(reads_of(&actor, PhiRead::Patient, []).is_empty());
    }
}

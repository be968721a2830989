//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod access_facts;
pub mod appointments;
pub mod approvals;
pub mod attempts;
pub mod audit_log;
pub mod bills;
pub mod calendar_feeds;
pub mod care_team;
pub(crate) mod chart;
pub mod clinic_settings;
pub(crate) mod clinical_common;
pub mod codes;
mod doctor_schedule;
pub mod doctors;
pub mod emergency_contacts;
pub mod insurances;
pub mod medical_records;
pub mod notifications;
pub mod offices;
pub mod outbox;
pub mod patients;
pub mod prescriptions;
pub mod sessions;
pub mod specialties;
pub(crate) mod support;
pub mod treats;
pub mod users;
pub mod visit_types;
pub mod waitlist;

/// The SQL of a list endpoint: its page (up to the `ORDER BY`; `LIMIT` and `OFFSET` follow as
/// the next two parameters) and its total, both over the same parameters. Public so that tests
/// can `EXPLAIN` exactly what the adapters run.
#[derive(Debug, Clone)]
pub struct ListSql {
    /// `SELECT ... ORDER BY ...`.
    pub page: String,
    /// `SELECT count(*) AS total ...`.
    pub total: String,
}

impl ListSql {
    /// The total as the pager runs it: counting at most `COUNT_LIMIT + 1` rows.
    ///
    /// # Errors
    /// `Unexpected` when `total` is not a `SELECT count(*) AS total FROM ...`.
    pub fn capped_total(&self) -> clinic_domain::StoreResult<String> {
        support::capped_count_sql(&self.total)
    }
}

pub use access_facts::PgAccessFacts;
pub use appointments::PgAppointments;
pub use approvals::PgApprovals;
pub use attempts::PgAttemptStore;
pub use audit_log::PgAuditLog;
pub use bills::PgBills;
pub use calendar_feeds::PgCalendarFeeds;
pub use care_team::PgCareTeamRepository;
pub use clinic_settings::PgClinicSettings;
pub use clinical_common::PgClinicalStore;
pub use codes::PgCodeTables;
pub use doctors::PgDoctorRepository;
pub use emergency_contacts::PgEmergencyContactRepository;
pub use insurances::PgInsuranceRepository;
pub use notifications::PgNotifications;
pub use offices::PgOfficeRepository;
pub use outbox::PgOutbox;
pub use patients::PgPatientRepository;
pub use sessions::PgSessionRepository;
pub use specialties::PgSpecialtyRepository;
pub use users::PgUserRepository;
pub use visit_types::PgVisitTypes;
pub use waitlist::PgWaitlist;

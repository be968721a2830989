//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod access_facts;
pub mod appointments;
pub mod approvals;
pub mod audit_log;
pub(crate) mod clinical_common;
pub mod codes;
pub mod medical_records;
pub mod notifications;
pub mod prescriptions;
pub mod sessions;
pub(crate) mod support;
pub mod users;

pub use access_facts::PgAccessFacts;
pub use appointments::PgAppointments;
pub use approvals::PgApprovals;
pub use audit_log::PgAuditLog;
pub use codes::PgCodeTables;
pub use medical_records::PgMedicalRecords;
pub use notifications::PgNotifications;
pub use prescriptions::PgPrescriptions;
pub use sessions::PgSessionRepository;
pub use users::PgUserRepository;

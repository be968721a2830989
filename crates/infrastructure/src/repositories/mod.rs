//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod audit_log;
pub mod care_team;
pub mod codes;
pub mod emergency_contacts;
pub mod insurances;
pub mod patients;
pub mod sessions;
pub(crate) mod support;
pub mod users;

pub use audit_log::PgAuditLog;
pub use care_team::PgCareTeamRepository;
pub use codes::PgCodeTables;
pub use emergency_contacts::PgEmergencyContactRepository;
pub use insurances::PgInsuranceRepository;
pub use patients::PgPatientRepository;
pub use sessions::PgSessionRepository;
pub use users::PgUserRepository;

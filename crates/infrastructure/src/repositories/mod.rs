//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod access_facts;
pub mod appointments;
pub mod audit_log;
pub mod bills;
pub mod care_team;
mod changes;
pub mod codes;
mod columns;
mod doctor_schedule;
pub mod doctors;
pub mod emergency_contacts;
pub mod insurances;
pub mod notifications;
pub mod offices;
pub mod patients;
mod rows;
pub mod sessions;
pub mod specialties;
pub(crate) mod support;
pub mod users;

pub use access_facts::PgAccessFacts;
pub use appointments::PgAppointments;
pub use audit_log::PgAuditLog;
pub use bills::PgBills;
pub use care_team::PgCareTeamRepository;
pub use codes::PgCodeTables;
pub use doctors::PgDoctorRepository;
pub use emergency_contacts::PgEmergencyContactRepository;
pub use insurances::PgInsuranceRepository;
pub use notifications::PgNotifications;
pub use offices::PgOfficeRepository;
pub use patients::PgPatientRepository;
pub use sessions::PgSessionRepository;
pub use specialties::PgSpecialtyRepository;
pub use users::PgUserRepository;

//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod access_facts;
pub mod appointments;
pub mod audit_log;
pub mod bills;
mod changes;
pub mod codes;
mod columns;
mod doctor_schedule;
pub mod doctors;
pub mod notifications;
pub mod offices;
mod rows;
pub mod sessions;
pub mod specialties;
pub(crate) mod support;
pub mod users;

pub use access_facts::PgAccessFacts;
pub use appointments::PgAppointments;
pub use audit_log::PgAuditLog;
pub use bills::PgBills;
pub use codes::PgCodeTables;
pub use doctors::PgDoctorRepository;
pub use notifications::PgNotifications;
pub use offices::PgOfficeRepository;
pub use sessions::PgSessionRepository;
pub use specialties::PgSpecialtyRepository;
pub use users::PgUserRepository;

//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod audit_log;
mod changes;
pub mod codes;
mod columns;
mod doctor_schedule;
pub mod doctors;
pub mod offices;
mod rows;
pub mod sessions;
pub mod specialties;
pub(crate) mod support;
pub mod users;

pub use audit_log::PgAuditLog;
pub use codes::PgCodeTables;
pub use doctors::PgDoctorRepository;
pub use offices::PgOfficeRepository;
pub use sessions::PgSessionRepository;
pub use specialties::PgSpecialtyRepository;
pub use users::PgUserRepository;

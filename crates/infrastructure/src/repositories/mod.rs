//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod access_facts;
pub mod appointments;
pub mod audit_log;
pub mod bills;
pub mod codes;
pub mod notifications;
pub mod sessions;
pub(crate) mod support;
pub mod users;

pub use access_facts::PgAccessFacts;
pub use appointments::PgAppointments;
pub use audit_log::PgAuditLog;
pub use bills::PgBills;
pub use codes::PgCodeTables;
pub use notifications::PgNotifications;
pub use sessions::PgSessionRepository;
pub use users::PgUserRepository;

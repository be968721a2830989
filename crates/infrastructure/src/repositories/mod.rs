//! PostgreSQL implementations of the domain's repository ports, one file per context.

pub mod audit_log;
pub mod codes;
pub mod sessions;
pub(crate) mod support;
pub mod users;

pub use audit_log::PgAuditLog;
pub use codes::PgCodeTables;
pub use sessions::PgSessionRepository;
pub use users::PgUserRepository;

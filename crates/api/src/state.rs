//! What every request handler can reach: the database pool and the adapters built on it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clinic_infrastructure::db::DatabaseConnection;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// The connection pool.
    pub db: DatabaseConnection,
    migrated: Arc<AtomicBool>,
}

impl AppState {
    /// Wraps a pool.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            migrated: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether the schema was seen fully migrated once; migrations only move forward while
    /// the process runs, so the answer is cached.
    #[must_use]
    pub fn known_migrated(&self) -> bool {
        self.migrated.load(Ordering::Relaxed)
    }

    /// Records that the schema is fully migrated.
    pub fn mark_migrated(&self) {
        self.migrated.store(true, Ordering::Relaxed);
    }
}

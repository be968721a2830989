//! A global bound on concurrent Argon2 work. Each hash takes ~19 MiB and tens of milliseconds
//! of a core on purpose; without a bound, a burst of sign-ins or sign-ups (anonymous, and the
//! throttles count per key, not in total) could take all memory and every core. Every caller
//! that hashes or verifies a password goes through [`PasswordSlots`]; when all slots stay busy
//! beyond a short wait the request is answered 503 with `Retry-After`.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use clinic_domain::identity::{PasswordCheck, PasswordHashError, PasswordHasher};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

/// How many hashes may run at once, and how long a request waits for a turn.
#[derive(Debug)]
pub struct PasswordSlots {
    slots: Semaphore,
    wait: Duration,
}

/// How long a request waits for a free slot before it is answered 503.
pub const DEFAULT_SLOT_WAIT: Duration = Duration::from_secs(2);

impl PasswordSlots {
    /// `slots` concurrent hashes (at least one), waiting up to `wait` for a turn.
    #[must_use]
    pub fn new(slots: usize, wait: Duration) -> Self {
        Self {
            slots: Semaphore::new(slots.max(1)),
            wait,
        }
    }

    /// One slot per core: more would only queue on the cores and hold more memory.
    #[must_use]
    pub fn per_core() -> Self {
        Self::new(default_slots(), DEFAULT_SLOT_WAIT)
    }

    /// Runs `work` on a blocking thread once a slot is free.
    ///
    /// # Errors
    /// 503 (`Retry-After`) when no slot frees up within the wait; 500 when the blocking pool
    /// fails.
    pub async fn run<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| ApiError::Unavailable {
                detail: "the server is busy checking passwords; try again shortly".into(),
            })?
            .map_err(ApiError::internal)?;
        let result = web::block(work).await.map_err(ApiError::internal);
        drop(permit);
        result
    }

    /// A new hash of `password`.
    ///
    /// # Errors
    /// 503 when saturated; 500 when hashing fails.
    pub async fn hash(
        &self,
        hasher: &Arc<dyn PasswordHasher>,
        password: String,
    ) -> ApiResult<String> {
        let hasher = Arc::clone(hasher);
        self.run(move || hasher.hash(&password))
            .await?
            .map_err(ApiError::internal)
    }

    /// Whether `password` matches `hash`.
    ///
    /// # Errors
    /// 503 when saturated; 500 when the blocking pool fails. A malformed stored hash is the
    /// inner error, for the caller to judge.
    pub async fn verify(
        &self,
        hasher: &Arc<dyn PasswordHasher>,
        password: String,
        hash: String,
    ) -> ApiResult<Result<PasswordCheck, PasswordHashError>> {
        let hasher = Arc::clone(hasher);
        self.run(move || hasher.verify(&password, &hash)).await
    }
}

/// The number of cores, at least 2 so one slow hash never blocks every other sign-in.
#[must_use]
pub fn default_slots() -> usize {
    std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(2)
        .max(2)
}

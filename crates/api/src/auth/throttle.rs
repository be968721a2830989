//! Wiring of the throttle rule (`clinic_domain::identity::throttle`) to HTTP: the store every
//! instance shares, the limits, and the 429 answer. The rule itself is the domain's.

use clinic_domain::identity::throttle::ThrottleError;

use crate::error::ApiError;

impl From<ThrottleError> for ApiError {
    fn from(error: ThrottleError) -> Self {
        match error {
            ThrottleError::Throttled(t) => Self::TooManyRequests {
                retry_after_secs: t.retry_after_secs,
            },
            ThrottleError::Store(e) => e.into(),
        }
    }
}

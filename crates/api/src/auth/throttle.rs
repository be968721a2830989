//! Slowing down password guessing: after too many failed sign-ins for one login name or from
//! one client address within a window, further attempts answer 429 until the window moves on.
//!
//! The counts live in this process's memory. Several API instances each count on their own,
//! which multiplies the allowance by the number of instances but still stops a guessing run.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Limits of the throttle.
#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Failures allowed per login name within the window.
    pub per_login: usize,
    /// Failures allowed per client address within the window.
    pub per_address: usize,
    /// How far back failures count.
    pub window: Duration,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            per_login: 5,
            per_address: 30,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// Failed sign-in attempts, by login name and by client address.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    limits: ThrottleLimits,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// Above this many tracked keys, expired ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

impl LoginThrottle {
    /// A throttle with explicit limits.
    #[must_use]
    pub fn with_limits(limits: ThrottleLimits) -> Self {
        Self {
            limits,
            failures: Mutex::default(),
        }
    }

    fn keys(login: &str, address: Option<IpAddr>) -> [(String, bool); 2] {
        [
            (format!("login:{}", login.trim().to_lowercase()), true),
            (
                address.map_or_else(|| "address:unknown".into(), |a| format!("address:{a}")),
                false,
            ),
        ]
    }

    /// `Err(seconds)` when the caller must wait before trying again.
    ///
    /// # Errors
    /// The number of seconds until the oldest counted failure leaves the window.
    pub fn check(&self, login: &str, address: Option<IpAddr>, now: Instant) -> Result<(), u64> {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut wait = None;
        for (key, is_login) in Self::keys(login, address) {
            let limit = if is_login {
                self.limits.per_login
            } else {
                self.limits.per_address
            };
            if let Some(times) = failures.get_mut(&key) {
                prune(times, now, self.limits.window);
                if times.len() >= limit
                    && let Some(oldest) = times.front()
                {
                    let until = self
                        .limits
                        .window
                        .saturating_sub(now.duration_since(*oldest));
                    let secs = until.as_secs().max(1);
                    wait = Some(wait.map_or(secs, |w: u64| w.max(secs)));
                }
            }
        }
        wait.map_or(Ok(()), Err)
    }

    /// Counts a failed attempt.
    pub fn record_failure(&self, login: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() > SWEEP_ABOVE {
            let window = self.limits.window;
            failures.retain(|_, times| {
                prune(times, now, window);
                !times.is_empty()
            });
        }
        for (key, _) in Self::keys(login, address) {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// Forgets the failures of a login name after it signed in successfully.
    pub fn record_success(&self, login: &str) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        failures.remove(&Self::keys(login, None)[0].0);
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ThrottleLimits {
        ThrottleLimits {
            per_login: 3,
            per_address: 5,
            window: Duration::from_secs(60),
        }
    }

    #[test]
    fn a_login_is_blocked_after_too_many_failures_until_the_window_passes() {
        let throttle = LoginThrottle::with_limits(limits());
        let start = Instant::now();
        for _ in 0..3 {
            assert!(throttle.check("Alice", None, start).is_ok());
            throttle.record_failure("alice", None, start);
        }
        let wait = throttle
            .check("ALICE", None, start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, 50);
        assert!(
            throttle
                .check("alice", None, start + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn one_address_guessing_many_logins_is_blocked_too() {
        let throttle = LoginThrottle::with_limits(limits());
        let address = Some("10.0.0.9".parse().unwrap());
        let now = Instant::now();
        for i in 0..5 {
            throttle.record_failure(&format!("user{i}"), address, now);
        }
        assert!(throttle.check("someone-else", address, now).is_err());
        assert!(
            throttle
                .check("someone-else", Some("10.0.0.10".parse().unwrap()), now)
                .is_ok()
        );
    }

    #[test]
    fn a_successful_sign_in_clears_the_login_count() {
        let throttle = LoginThrottle::with_limits(limits());
        let now = Instant::now();
        for _ in 0..3 {
            throttle.record_failure("bob", None, now);
        }
        throttle.record_success("bob");
        assert!(
            throttle
                .check("bob", Some("10.0.0.1".parse().unwrap()), now)
                .is_ok()
        );
    }
}

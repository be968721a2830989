//! Throttles on the attempts that cost an Argon2 hash or guess a password: signing in, signing
//! up and changing a password.
//!
//! An attempt is counted when it *starts*, before any hash is computed, in a store every API
//! instance shares ([`AttemptStore`]): the count comes back with the attempt already in it, so
//! N concurrent attempts see 1..=N and only the first `limit` are evaluated.
//!
//! **A locked account is not a locked address.** Sign-in is counted twice:
//! - per account (5 per window): blocks guessing one account from anywhere, rotating addresses
//!   included. It does not apply from an address that signed into that account successfully
//!   within [`ThrottleLimits::known_address_for`]: there the owner has a budget of their own
//!   per (account, address) (10 per window), so an attacker elsewhere cannot lock the owner
//!   out from their usual address;
//! - per client address (100 per window, much higher because a clinic's users may share one
//!   proxy or NAT address): blocks one address guessing many accounts. It counts only attempts
//!   the account check let through, so hammering one locked account does not use up the
//!   address's allowance for everybody behind it, and it does not apply to accounts that
//!   signed in from that address before.
//!
//! Registration is counted per client address, password change per account.
//!
//! Windows are fixed (`floor(now / window)`): one row per key and window, atomic to update.
//! The cost is that a burst straddling a window edge can get up to twice a limit.

use std::net::IpAddr;

use async_trait::async_trait;
use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::store::{StoreError, StoreResult};

/// What is being attempted, and by what it is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttemptKind {
    /// Signing in, counted per account (or per unknown login name).
    LoginAccount,
    /// Signing in, counted per client address.
    LoginAddress,
    /// Signing in to an account from an address it signed in from before.
    LoginKnownAddress,
    /// Signing up, counted per client address.
    Registration,
    /// Changing one's password, counted per account.
    PasswordChange,
}

impl AttemptKind {
    /// The stable name stored with each count.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LoginAccount => "login_account",
            Self::LoginAddress => "login_address",
            Self::LoginKnownAddress => "login_known_address",
            Self::Registration => "registration",
            Self::PasswordChange => "password_change",
        }
    }
}

/// One counter: a kind and the subject it counts (an account, an address, or both).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThrottleKey {
    pub kind: AttemptKind,
    /// `user:42`, `login:alice`, `address:198.51.100.7`, `user:42@198.51.100.7`.
    pub subject: String,
}

/// The account a sign-in names: an existing one by id, or the login text when none matches
/// (so guessing at a non-existent name is throttled the same and 429 tells nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginTarget {
    /// The login matched this account.
    Account(i32),
    /// No account has this username or email.
    Unknown(String),
}

impl LoginTarget {
    fn subject(&self) -> String {
        match self {
            Self::Account(user_id) => format!("user:{user_id}"),
            Self::Unknown(login) => format!("login:{}", login.trim().to_lowercase()),
        }
    }
}

fn address_text(address: Option<IpAddr>) -> String {
    // Without an address (never over TCP) every such caller shares one counter.
    address.map_or_else(|| "unknown".to_owned(), |a| a.to_string())
}

/// The limits, each per [`ThrottleLimits::window`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleLimits {
    /// Sign-in attempts per account from addresses it has not signed in from.
    pub login_per_account: u32,
    /// Sign-in attempts per account from one address it signed in from before.
    pub login_per_known_address: u32,
    /// Sign-in attempts per client address on accounts that never signed in from it.
    pub login_per_address: u32,
    /// Sign-ups per client address.
    pub registrations_per_address: u32,
    /// Password changes (each checks the current password) per account.
    pub password_changes_per_account: u32,
    /// The length of a counting window.
    pub window: Duration,
    /// How long a successful sign-in from an address makes it "known" for that account.
    pub known_address_for: Duration,
}

impl ThrottleLimits {
    /// The limits Clinic runs with; `docs/security.md` says why each is what it is.
    pub const DEFAULT: Self = Self {
        login_per_account: 5,
        login_per_known_address: 10,
        login_per_address: 100,
        registrations_per_address: 10,
        password_changes_per_account: 5,
        window: Duration::minutes(15),
        known_address_for: Duration::days(30),
    };

    fn limit(&self, kind: AttemptKind) -> u32 {
        match kind {
            AttemptKind::LoginAccount => self.login_per_account,
            AttemptKind::LoginAddress => self.login_per_address,
            AttemptKind::LoginKnownAddress => self.login_per_known_address,
            AttemptKind::Registration => self.registrations_per_address,
            AttemptKind::PasswordChange => self.password_changes_per_account,
        }
    }
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A fixed counting window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    /// The window of length `length` that contains `now` (windows start at multiples of
    /// `length` since the Unix epoch).
    #[must_use]
    pub fn containing(now: DateTime<Utc>, length: Duration) -> Self {
        let secs = length.num_seconds().max(1);
        let start = now.timestamp().div_euclid(secs) * secs;
        let start = Utc.timestamp_opt(start, 0).single().unwrap_or(now);
        Self {
            start,
            end: start + Duration::seconds(secs),
        }
    }
}

/// Too many attempts: wait this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many attempts; retry after {retry_after_secs} s")]
pub struct Throttled {
    /// Seconds until the window ends (at least 1).
    pub retry_after_secs: u64,
}

/// The verdict on one attempt: `count` includes it.
///
/// # Errors
/// [`Throttled`] when `count` exceeds `limit`, with the seconds until `window` ends.
pub fn verdict(
    count: u32,
    limit: u32,
    window: Window,
    now: DateTime<Utc>,
) -> Result<(), Throttled> {
    if count <= limit {
        return Ok(());
    }
    let wait = (window.end - now).num_seconds().max(1);
    Err(Throttled {
        retry_after_secs: u64::try_from(wait).unwrap_or(1),
    })
}

/// Why an attempt was not admitted.
#[derive(Debug, thiserror::Error)]
pub enum ThrottleError {
    /// Over a limit (429 with `Retry-After`).
    #[error(transparent)]
    Throttled(#[from] Throttled),
    /// The counts could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where attempts are counted; shared by every API instance.
#[async_trait]
pub trait AttemptStore: Send + Sync {
    /// Adds one attempt to `key` in `window`, atomically, and returns the count including it.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn count_attempt(&self, key: &ThrottleKey, window: Window) -> StoreResult<u32>;

    /// Takes one attempt back from `key` in `window` (never below zero).
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn discount_attempt(&self, key: &ThrottleKey, window: Window) -> StoreResult<()>;

    /// When `user_id` last signed in successfully from `address`, if ever.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn last_success(&self, user_id: i32, address: &str)
    -> StoreResult<Option<DateTime<Utc>>>;

    /// Records that `user_id` signed in successfully from `address` at `at`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn record_success(
        &self,
        user_id: i32,
        address: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
}

/// A sign-in that was let through: what to do when it succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdmittedLogin {
    /// The counters this attempt was added to.
    counted: Vec<ThrottleKey>,
    window: Window,
}

async fn count(
    store: &dyn AttemptStore,
    key: ThrottleKey,
    limits: &ThrottleLimits,
    window: Window,
    now: DateTime<Utc>,
) -> Result<ThrottleKey, ThrottleError> {
    let n = store.count_attempt(&key, window).await?;
    verdict(n, limits.limit(key.kind), window, now)?;
    Ok(key)
}

/// Counts a sign-in attempt on `target` from `address` before its password is checked, and
/// lets it through or not (see the module documentation for the two counts).
///
/// # Errors
/// [`ThrottleError::Throttled`] over a limit; [`ThrottleError::Store`].
pub async fn admit_login(
    target: &LoginTarget,
    address: Option<IpAddr>,
    limits: &ThrottleLimits,
    now: DateTime<Utc>,
    store: &dyn AttemptStore,
) -> Result<AdmittedLogin, ThrottleError> {
    let window = Window::containing(now, limits.window);
    let address = address_text(address);
    if let LoginTarget::Account(user_id) = target {
        let known = store
            .last_success(*user_id, &address)
            .await?
            .is_some_and(|at| now - at <= limits.known_address_for);
        if known {
            let key = ThrottleKey {
                kind: AttemptKind::LoginKnownAddress,
                subject: format!("user:{user_id}@{address}"),
            };
            let key = count(store, key, limits, window, now).await?;
            return Ok(AdmittedLogin {
                counted: vec![key],
                window,
            });
        }
    }
    // The account first: an attempt it refuses never reaches the address's count.
    let account = ThrottleKey {
        kind: AttemptKind::LoginAccount,
        subject: target.subject(),
    };
    let account = count(store, account, limits, window, now).await?;
    let by_address = ThrottleKey {
        kind: AttemptKind::LoginAddress,
        subject: format!("address:{address}"),
    };
    let by_address = count(store, by_address, limits, window, now).await?;
    Ok(AdmittedLogin {
        counted: vec![account, by_address],
        window,
    })
}

/// A sign-in let through by [`admit_login`] succeeded: it is taken back from the counts it
/// was added to (only failures should use up an allowance) and `address` becomes known for
/// `user_id`.
///
/// # Errors
/// `Unavailable` / `Unexpected` only.
pub async fn login_succeeded(
    admitted: AdmittedLogin,
    user_id: i32,
    address: Option<IpAddr>,
    now: DateTime<Utc>,
    store: &dyn AttemptStore,
) -> StoreResult<()> {
    for key in &admitted.counted {
        store.discount_attempt(key, admitted.window).await?;
    }
    store
        .record_success(user_id, &address_text(address), now)
        .await
}

/// Counts a sign-up from `address` before its password is hashed.
///
/// # Errors
/// [`ThrottleError::Throttled`] over the limit; [`ThrottleError::Store`].
pub async fn admit_registration(
    address: Option<IpAddr>,
    limits: &ThrottleLimits,
    now: DateTime<Utc>,
    store: &dyn AttemptStore,
) -> Result<(), ThrottleError> {
    let key = ThrottleKey {
        kind: AttemptKind::Registration,
        subject: format!("address:{}", address_text(address)),
    };
    let window = Window::containing(now, limits.window);
    count(store, key, limits, window, now).await.map(|_| ())
}

/// Counts a password change of `user_id` before the current password is checked, so a stolen
/// access token is no oracle for the password.
///
/// # Errors
/// [`ThrottleError::Throttled`] over the limit; [`ThrottleError::Store`].
pub async fn admit_password_change(
    user_id: i32,
    limits: &ThrottleLimits,
    now: DateTime<Utc>,
    store: &dyn AttemptStore,
) -> Result<(), ThrottleError> {
    let key = ThrottleKey {
        kind: AttemptKind::PasswordChange,
        subject: format!("user:{user_id}"),
    };
    let window = Window::containing(now, limits.window);
    count(store, key, limits, window, now).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use super::*;
    use crate::testing::block_on;

    /// Counts in memory, keyed like the adapter's rows.
    #[derive(Default)]
    struct InMemoryAttempts {
        counts: Mutex<HashMap<(ThrottleKey, DateTime<Utc>), u32>>,
        successes: Mutex<HashMap<(i32, String), DateTime<Utc>>>,
    }

    #[async_trait]
    impl AttemptStore for InMemoryAttempts {
        async fn count_attempt(&self, key: &ThrottleKey, window: Window) -> StoreResult<u32> {
            let mut counts = self.counts.lock().unwrap();
            let n = counts.entry((key.clone(), window.start)).or_default();
            *n += 1;
            Ok(*n)
        }

        async fn discount_attempt(&self, key: &ThrottleKey, window: Window) -> StoreResult<()> {
            let mut counts = self.counts.lock().unwrap();
            if let Some(n) = counts.get_mut(&(key.clone(), window.start)) {
                *n = n.saturating_sub(1);
            }
            Ok(())
        }

        async fn last_success(
            &self,
            user_id: i32,
            address: &str,
        ) -> StoreResult<Option<DateTime<Utc>>> {
            let successes = self.successes.lock().unwrap();
            Ok(successes.get(&(user_id, address.to_owned())).copied())
        }

        async fn record_success(
            &self,
            user_id: i32,
            address: &str,
            at: DateTime<Utc>,
        ) -> StoreResult<()> {
            let mut successes = self.successes.lock().unwrap();
            successes.insert((user_id, address.to_owned()), at);
            Ok(())
        }
    }

    fn now() -> DateTime<Utc> {
        // 10:05 UTC: five minutes into a 15-minute window.
        Utc.with_ymd_and_hms(2030, 1, 1, 10, 5, 0).unwrap()
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    const LIMITS: ThrottleLimits = ThrottleLimits::DEFAULT;
    const VICTIM: LoginTarget = LoginTarget::Account(7);

    fn login(
        store: &InMemoryAttempts,
        target: &LoginTarget,
        address: &str,
        at: DateTime<Utc>,
    ) -> Result<AdmittedLogin, ThrottleError> {
        block_on(admit_login(target, ip(address), &LIMITS, at, store))
    }

    fn retry_after(result: Result<impl std::fmt::Debug, ThrottleError>) -> u64 {
        match result {
            Err(ThrottleError::Throttled(t)) => t.retry_after_secs,
            other => panic!("expected a throttle, got {other:?}"),
        }
    }

    #[test]
    fn windows_are_fixed_and_contain_now() {
        let window = Window::containing(now(), Duration::minutes(15));
        assert_eq!(
            window.start,
            Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).unwrap()
        );
        assert_eq!(
            window.end,
            Utc.with_ymd_and_hms(2030, 1, 1, 10, 15, 0).unwrap()
        );
    }

    #[test]
    fn the_verdict_lets_the_limit_through_and_says_when_the_window_ends() {
        let window = Window::containing(now(), Duration::minutes(15));
        assert_eq!(verdict(5, 5, window, now()), Ok(()));
        assert_eq!(
            verdict(6, 5, window, now()),
            Err(Throttled {
                retry_after_secs: 600
            })
        );
        // Never "retry after 0".
        assert_eq!(
            verdict(6, 5, window, window.end),
            Err(Throttled {
                retry_after_secs: 1
            })
        );
    }

    #[test]
    fn an_account_admits_five_attempts_per_window_from_anywhere_then_refuses() {
        let store = InMemoryAttempts::default();
        for n in 0..5 {
            let address = format!("203.0.113.{n}");
            assert!(login(&store, &VICTIM, &address, now()).is_ok());
        }
        assert_eq!(
            retry_after(login(&store, &VICTIM, "203.0.113.99", now())),
            600
        );
        // The next window starts afresh.
        let later = now() + Duration::minutes(10);
        assert!(login(&store, &VICTIM, "203.0.113.99", later).is_ok());
    }

    #[test]
    fn an_unknown_login_is_throttled_like_an_account_whatever_its_case() {
        let store = InMemoryAttempts::default();
        for login_text in ["Nobody", "nobody", " NOBODY", "nobody", "nobody"] {
            let target = LoginTarget::Unknown(login_text.into());
            assert!(login(&store, &target, "203.0.113.1", now()).is_ok());
        }
        let target = LoginTarget::Unknown("nobody".into());
        retry_after(login(&store, &target, "203.0.113.1", now()));
    }

    #[test]
    fn a_locked_account_does_not_lock_its_attackers_address_for_other_users() {
        let store = InMemoryAttempts::default();
        for _ in 0..30 {
            let _ = login(&store, &VICTIM, "198.51.100.1", now());
        }
        // Refused attempts on the victim were not counted against the address.
        let other = LoginTarget::Account(8);
        assert!(login(&store, &other, "198.51.100.1", now()).is_ok());
    }

    #[test]
    fn one_address_is_refused_after_a_hundred_attempts_on_accounts_new_to_it() {
        let store = InMemoryAttempts::default();
        for user_id in 100..200 {
            let target = LoginTarget::Account(user_id);
            assert!(login(&store, &target, "198.51.100.1", now()).is_ok());
        }
        retry_after(login(
            &store,
            &LoginTarget::Account(300),
            "198.51.100.1",
            now(),
        ));
        assert!(login(&store, &LoginTarget::Account(300), "198.51.100.2", now()).is_ok());
    }

    #[test]
    fn the_owner_signs_in_from_their_usual_address_while_their_account_is_attacked() {
        let store = InMemoryAttempts::default();
        let yesterday = now() - Duration::days(1);
        block_on(store.record_success(7, "192.0.2.10", yesterday)).unwrap();
        for n in 0..20 {
            let _ = login(&store, &VICTIM, &format!("203.0.113.{n}"), now());
        }
        retry_after(login(&store, &VICTIM, "203.0.113.50", now()));
        assert!(login(&store, &VICTIM, "192.0.2.10", now()).is_ok());
    }

    #[test]
    fn an_address_flood_does_not_lock_a_user_who_signed_in_from_there_before() {
        let store = InMemoryAttempts::default();
        block_on(store.record_success(7, "198.51.100.1", now() - Duration::days(3))).unwrap();
        for user_id in 100..250 {
            let _ = login(
                &store,
                &LoginTarget::Account(user_id),
                "198.51.100.1",
                now(),
            );
        }
        retry_after(login(
            &store,
            &LoginTarget::Account(300),
            "198.51.100.1",
            now(),
        ));
        assert!(login(&store, &VICTIM, "198.51.100.1", now()).is_ok());
    }

    #[test]
    fn a_known_address_has_a_budget_of_its_own_and_forgets_after_thirty_days() {
        let store = InMemoryAttempts::default();
        block_on(store.record_success(7, "192.0.2.10", now() - Duration::days(1))).unwrap();
        for _ in 0..10 {
            assert!(login(&store, &VICTIM, "192.0.2.10", now()).is_ok());
        }
        retry_after(login(&store, &VICTIM, "192.0.2.10", now()));

        let store = InMemoryAttempts::default();
        block_on(store.record_success(7, "192.0.2.10", now() - Duration::days(31))).unwrap();
        for _ in 0..5 {
            assert!(login(&store, &VICTIM, "192.0.2.10", now()).is_ok());
        }
        retry_after(login(&store, &VICTIM, "192.0.2.10", now()));
    }

    #[test]
    fn a_successful_sign_in_takes_its_attempt_back_and_makes_the_address_known() {
        let store = InMemoryAttempts::default();
        for _ in 0..4 {
            login(&store, &VICTIM, "192.0.2.10", now()).unwrap();
        }
        let admitted = login(&store, &VICTIM, "192.0.2.10", now()).unwrap();
        block_on(login_succeeded(
            admitted,
            7,
            ip("192.0.2.10"),
            now(),
            &store,
        ))
        .unwrap();
        // From elsewhere, one more attempt fits in the account's five (four failures counted).
        assert!(login(&store, &VICTIM, "203.0.113.1", now()).is_ok());
        retry_after(login(&store, &VICTIM, "203.0.113.1", now()));
        // From the address it just signed in from, the owner is not locked out.
        assert!(login(&store, &VICTIM, "192.0.2.10", now()).is_ok());
        assert_eq!(
            block_on(store.last_success(7, "192.0.2.10")).unwrap(),
            Some(now())
        );
    }

    #[test]
    fn one_address_signs_up_ten_times_per_window() {
        let store = InMemoryAttempts::default();
        for _ in 0..10 {
            block_on(admit_registration(
                ip("198.51.100.1"),
                &LIMITS,
                now(),
                &store,
            ))
            .unwrap();
        }
        retry_after(block_on(admit_registration(
            ip("198.51.100.1"),
            &LIMITS,
            now(),
            &store,
        )));
        block_on(admit_registration(
            ip("198.51.100.2"),
            &LIMITS,
            now(),
            &store,
        ))
        .unwrap();
    }

    #[test]
    fn an_account_changes_its_password_five_times_per_window() {
        let store = InMemoryAttempts::default();
        for _ in 0..5 {
            block_on(admit_password_change(7, &LIMITS, now(), &store)).unwrap();
        }
        retry_after(block_on(admit_password_change(7, &LIMITS, now(), &store)));
        block_on(admit_password_change(8, &LIMITS, now(), &store)).unwrap();
    }
}

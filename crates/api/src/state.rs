//! What every request handler can reach: the database pool and the adapters built on it.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clinic_domain::Clock;
use clinic_domain::access::AccessFacts;
use clinic_domain::audit::{AuditLog, ReadAudit};
use clinic_domain::billing::{BillingStore, PaymentProvider};
use clinic_domain::calendar_feeds::CalendarFeedStore;
use clinic_domain::care_team::CareTeamStore;
use clinic_domain::clinical::ClinicalStore;
use clinic_domain::demographics::CodeTables;
use clinic_domain::directory::{DoctorRepository, OfficeRepository, SpecialtyRepository};
use clinic_domain::identity::throttle::{AttemptStore, ThrottleLimits};
use clinic_domain::identity::{
    PasswordHasher, SessionLifetime, SessionRepository, TokenIssuer, UserRepository,
};
use clinic_domain::messaging::OutboxStore;
use clinic_domain::notification::NotificationRepository;
use clinic_domain::patients::{EmergencyContactRepository, InsuranceRepository, PatientRepository};
use clinic_domain::referral::ReferralStore;
use clinic_domain::scheduling::SchedulingStore;
use clinic_domain::scheduling::availability::AvailabilityStore;
use clinic_domain::scheduling::waitlist::WaitlistStore;
use clinic_domain::settings::ClinicSettingsStore;
use clinic_infrastructure::db::DatabaseConnection;
use clinic_infrastructure::read_audit::ReadAuditWriter;
use clinic_infrastructure::repositories::PgCalendarFeeds;
use clinic_infrastructure::repositories::PgClinicSettings;
use clinic_infrastructure::repositories::PgOutbox;
use clinic_infrastructure::repositories::PgWaitlist;
use clinic_infrastructure::repositories::{
    PgAccessFacts, PgAppointments, PgApprovals, PgAttemptStore, PgAuditLog, PgBills,
    PgCareTeamRepository, PgClinicalStore, PgCodeTables, PgDoctorRepository,
    PgEmergencyContactRepository, PgInsuranceRepository, PgNotifications, PgOfficeRepository,
    PgPatientRepository, PgSessionRepository, PgSpecialtyRepository, PgUserRepository,
};
use clinic_infrastructure::security::{Argon2PasswordHasher, JwtSettings, JwtTokenIssuer};

use crate::auth::PasswordSlots;
use crate::error::{ApiError, ApiResult};
use crate::replica::{ReadSide, ReplicaHealth};

/// Shared, cheaply cloned application state. Handlers see ports (traits), not adapters.
#[derive(Clone)]
pub struct AppState {
    /// The connection pool (readiness checks and the adapters below).
    pub db: DatabaseConnection,
    pub users: Arc<dyn UserRepository>,
    pub sessions: Arc<dyn SessionRepository>,
    pub passwords: Arc<dyn PasswordHasher>,
    pub tokens: Arc<dyn TokenIssuer>,
    pub access: Arc<dyn AccessFacts>,
    pub appointments: Arc<dyn SchedulingStore>,
    pub bills: Arc<dyn BillingStore>,
    pub clinical: Arc<dyn ClinicalStore>,
    pub approvals: Arc<dyn ReferralStore>,
    pub codes: Arc<dyn CodeTables>,
    pub specialties: Arc<dyn SpecialtyRepository>,
    pub offices: Arc<dyn OfficeRepository>,
    pub doctors: Arc<dyn DoctorRepository>,
    pub audit_log: Arc<dyn AuditLog>,
    pub notifications: Arc<dyn NotificationRepository>,
    pub patients: Arc<dyn PatientRepository>,
    pub emergency_contacts: Arc<dyn EmergencyContactRepository>,
    pub care_teams: Arc<dyn CareTeamStore>,
    pub insurances: Arc<dyn InsuranceRepository>,
    pub clock: Arc<dyn Clock>,
    /// Records the `read` audit rows of PHI reads (group commit, shared with the clinical store).
    pub reads: Arc<dyn ReadAudit>,
    /// The online payment provider, if the clinic configured one. No adapter ships enabled:
    /// with `None`, a patient cannot pay online (`online_payment_unavailable`) and staff record
    /// the money the clinic receives.
    pub payment_provider: Option<Arc<dyn PaymentProvider>>,
    pub clinic_settings: Arc<dyn ClinicSettingsStore>,
    /// Attempt counts of the throttles, shared by every instance (PostgreSQL).
    pub attempts: Arc<dyn AttemptStore>,
    /// The throttles' limits.
    pub throttle_limits: ThrottleLimits,
    /// How long a sign-in lasts (idle and absolute).
    pub session_lifetime: SessionLifetime,
    /// The global bound on concurrent Argon2 hashes.
    pub password_slots: Arc<PasswordSlots>,
    /// Doctors' calendar feeds.
    pub calendar_feeds: Arc<dyn CalendarFeedStore>,
    /// Closures, time off and dated exceptions; what slot listings and the calendar read.
    pub availability: Arc<dyn AvailabilityStore>,
    /// The outbox of messages to patients, as staff list it.
    pub outbox: Arc<dyn OutboxStore>,
    migrated: Arc<AtomicBool>,
    /// The waitlist's lists (its writes run in `appointments`' transactions).
    pub waitlist: Arc<dyn WaitlistStore>,
    /// Visit types: what is booked, how long it lasts.
    pub visit_types: Arc<dyn clinic_domain::scheduling::VisitTypeStore>,
    /// The read replica's adapters for the routed read paths, when `CLINIC_READ_DATABASE_URL`
    /// is set; see [`AppState::read_side`].
    pub replica: Option<Arc<ReadSide>>,
}

/// The adapters one request of a routed read path reads its data through: the replica's while
/// it is usable, else the primary's.
#[derive(Clone, Copy)]
pub struct Routed<'a> {
    /// Whether they are the replica's.
    pub on_replica: bool,
    pub audit_log: &'a dyn AuditLog,
    pub calendar_feeds: &'a dyn CalendarFeedStore,
}

impl AppState {
    /// Wires the PostgreSQL adapters over `db` on the system clock. Starts the read-audit
    /// writer task, so it must be called within a Tokio runtime.
    #[must_use]
    pub fn new(db: DatabaseConnection, jwt: &JwtSettings) -> Self {
        Self::with_clock(db, jwt, Arc::new(clinic_domain::SystemClock))
    }

    /// As [`AppState::new`], telling the time by `clock` (tests run on a fixed one).
    #[must_use]
    pub fn with_clock(db: DatabaseConnection, jwt: &JwtSettings, clock: Arc<dyn Clock>) -> Self {
        let reads = ReadAuditWriter::spawn(db.clone());
        let availability = Arc::new(PgAppointments::with_clock(db.clone(), Arc::clone(&clock)));
        Self {
            users: Arc::new(PgUserRepository::new(db.clone())),
            sessions: Arc::new(PgSessionRepository::new(db.clone())),
            passwords: Arc::new(Argon2PasswordHasher::default()),
            tokens: Arc::new(JwtTokenIssuer::new(jwt, Arc::clone(&clock))),
            access: Arc::new(PgAccessFacts::with_clock(db.clone(), Arc::clone(&clock))),
            appointments: Arc::new(PgAppointments::with_clock(db.clone(), Arc::clone(&clock))),
            bills: Arc::new(PgBills::with_clock(db.clone(), Arc::clone(&clock))),
            clinical: Arc::new(PgClinicalStore::with_clock(
                db.clone(),
                reads.clone(),
                Arc::clone(&clock),
            )),
            approvals: Arc::new(PgApprovals::with_clock(db.clone(), Arc::clone(&clock))),
            codes: Arc::new(PgCodeTables::new(db.clone())),
            specialties: Arc::new(PgSpecialtyRepository::new(db.clone())),
            offices: Arc::new(PgOfficeRepository::new(db.clone())),
            doctors: Arc::new(PgDoctorRepository::new(db.clone())),
            audit_log: Arc::new(PgAuditLog::new(db.clone())),
            notifications: Arc::new(PgNotifications::new(db.clone())),
            patients: Arc::new(PgPatientRepository::with_clock(
                db.clone(),
                Arc::clone(&clock),
            )),
            emergency_contacts: Arc::new(PgEmergencyContactRepository::new(db.clone())),
            care_teams: Arc::new(PgCareTeamRepository::with_clock(
                db.clone(),
                Arc::clone(&clock),
            )),
            insurances: Arc::new(PgInsuranceRepository::new(db.clone())),
            clock,
            reads: Arc::new(reads),
            payment_provider: None,
            clinic_settings: Arc::new(PgClinicSettings::new(db.clone())),
            attempts: Arc::new(PgAttemptStore::new(db.clone())),
            throttle_limits: ThrottleLimits::DEFAULT,
            session_lifetime: SessionLifetime::DEFAULT,
            password_slots: Arc::new(PasswordSlots::per_core()),
            calendar_feeds: Arc::new(PgCalendarFeeds::new(db.clone())),
            waitlist: Arc::new(PgWaitlist::new(db.clone())),
            availability,
            outbox: Arc::new(PgOutbox::new(db.clone())),
            visit_types: Arc::new(clinic_infrastructure::repositories::PgVisitTypes::new(
                db.clone(),
            )),
            db,
            migrated: Arc::new(AtomicBool::new(false)),
            replica: None,
        }
    }

    /// Reads the routed paths' data from `replica` while `health` says it is usable (the
    /// caller runs [`crate::replica::spawn_probe`]).
    #[must_use]
    pub fn with_replica(
        mut self,
        replica: &DatabaseConnection,
        health: Arc<ReplicaHealth>,
    ) -> Self {
        self.replica = Some(Arc::new(ReadSide::new(&self.db, replica, health)));
        self
    }

    /// Runs the routed read `read` on the replica's adapters while the replica is usable, else
    /// on the primary's, and once more on the primary's when the replica was lost during it
    /// (see [`crate::replica::retry_on_primary`]). Access decisions and writes never go
    /// through these adapters: they stay on the primary's ports.
    ///
    /// # Errors
    /// The read's error, from the primary's run when it was retried there.
    pub async fn read_routed<'s, T, E, F, Fut>(&'s self, read: F) -> ApiResult<T>
    where
        F: Fn(Routed<'s>) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        ApiError: From<E>,
    {
        let routed = self.read_side();
        match read(routed).await.map_err(ApiError::from) {
            Err(error)
                if crate::replica::retry_on_primary(
                    routed.on_replica,
                    &error,
                    self.replica.as_deref().map(|side| &*side.health),
                ) =>
            {
                Ok(read(self.primary_side()).await?)
            }
            result => result,
        }
    }

    /// The adapters the routed paths read through now: the replica's while it is usable.
    fn read_side(&self) -> Routed<'_> {
        match &self.replica {
            Some(side) if side.health.is_usable() => Routed {
                on_replica: true,
                audit_log: &*side.audit_log,
                calendar_feeds: &*side.calendar_feeds,
            },
            _ => self.primary_side(),
        }
    }

    /// The primary's adapters for the routed paths.
    fn primary_side(&self) -> Routed<'_> {
        Routed {
            on_replica: false,
            audit_log: &*self.audit_log,
            calendar_feeds: &*self.calendar_feeds,
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

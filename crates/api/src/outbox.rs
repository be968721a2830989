//! The outbox worker: delivers due messages once (`clinic outbox run`) or every few seconds
//! in the background of `clinic serve`, stopped with the server.

use std::sync::Arc;
use std::time::Duration;

use clinic_domain::Clock;
use clinic_domain::StoreResult;
use clinic_domain::messaging::{
    Delivery, DeliveryReport, MessageAttachments, MessageSender, OutboxStore, RetryPolicy,
    deliver_due,
};
use clinic_infrastructure::db::DatabaseConnection;
use clinic_infrastructure::messaging::{SmtpConfigError, SmtpSender, VisitCalendarAttachments};
use clinic_infrastructure::repositories::{PgAppointments, PgOfficeRepository, PgOutbox};
use secrecy::ExposeSecret;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::OutboxConfig;

/// What delivers the outbox: the store, a sender per configured channel, the attachments.
#[derive(Clone)]
pub struct OutboxWorker {
    pub store: Arc<dyn OutboxStore>,
    /// `None` without `CLINIC_SMTP_URL`: due emails are recorded unsent.
    pub email: Option<Arc<dyn MessageSender>>,
    /// The files of each email: the visit's `.ics` on booked, moved and cancelled emails.
    pub attachments: Arc<dyn MessageAttachments>,
    pub retry: RetryPolicy,
    pub clock: Arc<dyn Clock>,
}

impl OutboxWorker {
    /// The worker over `db` as `config` says: SMTP when `CLINIC_SMTP_URL` is set.
    ///
    /// # Errors
    /// An unusable SMTP URL or sender address.
    pub fn from_config(
        db: DatabaseConnection,
        config: &OutboxConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, SmtpConfigError> {
        let email = match &config.smtp_url {
            Some(url) => Some(
                Arc::new(SmtpSender::new(url.expose_secret(), &config.mail_from)?)
                    as Arc<dyn MessageSender>,
            ),
            None => None,
        };
        let attachments = VisitCalendarAttachments::new(
            Arc::new(PgAppointments::with_clock(db.clone(), Arc::clone(&clock))),
            Arc::new(PgOfficeRepository::new(db.clone())),
            Arc::clone(&clock),
        );
        Ok(Self {
            store: Arc::new(PgOutbox::new(db)),
            email,
            attachments: Arc::new(attachments),
            retry: RetryPolicy::DEFAULT,
            clock,
        })
    }

    /// Delivers everything due now, then returns what it did.
    ///
    /// # Errors
    /// A store failure (what was recorded before it stays recorded).
    pub async fn run_once(&self) -> StoreResult<DeliveryReport> {
        let delivery = Delivery {
            store: &*self.store,
            email: self.email.as_deref(),
            sms: None,
            attachments: &*self.attachments,
            retry: self.retry,
            lease: Delivery::DEFAULT_LEASE,
            batch: Delivery::DEFAULT_BATCH,
        };
        deliver_due(&delivery, &*self.clock).await
    }

    /// Runs [`run_once`](Self::run_once) every `every` until stopped.
    #[must_use]
    pub fn spawn(self, every: Duration) -> RunningWorker {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut failing = false;
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = stopped.changed() => return,
                }
                // A run finishes what it claimed before the worker looks at the stop signal
                // again: an interrupted send would wait for its lease to run out.
                match self.run_once().await {
                    Ok(report) => {
                        failing = false;
                        if report.total() > 0 {
                            tracing::info!(
                                sent = report.sent,
                                retried = report.retried,
                                failed = report.failed,
                                skipped = report.skipped,
                                unsent = report.unsent,
                                "outbox delivered"
                            );
                        }
                    }
                    Err(error) if !failing => {
                        failing = true;
                        tracing::error!(error = %error, "the outbox cannot be delivered");
                    }
                    Err(_) => {}
                }
            }
        });
        RunningWorker { stop, task }
    }
}

/// A worker running in the background.
pub struct RunningWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningWorker {
    /// Asks the worker to stop and waits until its current run has finished.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

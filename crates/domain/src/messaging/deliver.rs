//! The worker's use case: deliver what is due, once, and record how it went.

use chrono::Duration;

use super::due::claimed_still_due;
use super::model::{Channel, ClaimedMessage, DeliveryOutcome, OutgoingMessage};
use super::ports::{MessageAttachments, MessageSender, OutboxStore, SendError};
use crate::clock::Clock;
use crate::store::StoreResult;

/// How often and how patiently a message is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all; after the last failed one the message is failed.
    pub max_attempts: u32,
    /// The wait after the first failed attempt; each further one doubles it.
    pub first_delay: Duration,
    /// The longest wait between attempts.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// Six attempts over about an hour: 1, 2, 4, 8 and 16 minutes apart.
    pub const DEFAULT: Self = Self {
        max_attempts: 6,
        first_delay: Duration::minutes(1),
        max_delay: Duration::hours(1),
    };

    /// The wait after `attempts` failed attempts: `first_delay · 2^(attempts-1)`, at most
    /// `max_delay`.
    #[must_use]
    pub fn delay_after(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(30);
        let delay = self.first_delay * (1_i32 << doublings);
        delay.min(self.max_delay)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What a delivery run needs: the outbox, a sender per configured channel, the attachments,
/// and its limits.
pub struct Delivery<'a> {
    pub store: &'a dyn OutboxStore,
    /// `None` without `CLINIC_SMTP_URL`: due emails are recorded unsent.
    pub email: Option<&'a dyn MessageSender>,
    /// No SMS adapter exists yet.
    pub sms: Option<&'a dyn MessageSender>,
    pub attachments: &'a dyn MessageAttachments,
    pub retry: RetryPolicy,
    /// How long a claimed message is the claiming worker's before another may take it.
    pub lease: Duration,
    /// Messages claimed per short transaction.
    pub batch: u32,
}

impl Delivery<'_> {
    /// Five minutes' lease, 20 messages per claim.
    pub const DEFAULT_LEASE: Duration = Duration::minutes(5);
    pub const DEFAULT_BATCH: u32 = 20;
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: u32,
    pub retried: u32,
    pub failed: u32,
    pub skipped: u32,
    pub unsent: u32,
}

impl DeliveryReport {
    /// Messages settled or rescheduled in the run.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.sent + self.retried + self.failed + self.skipped + self.unsent
    }

    fn count(&mut self, outcome: &DeliveryOutcome) {
        let counter = match outcome {
            DeliveryOutcome::Sent { .. } => &mut self.sent,
            DeliveryOutcome::Retry { .. } => &mut self.retried,
            DeliveryOutcome::Failed { .. } => &mut self.failed,
            DeliveryOutcome::Skipped { .. } => &mut self.skipped,
            DeliveryOutcome::Unsent { .. } => &mut self.unsent,
        };
        *counter += 1;
    }
}

/// The longest error text kept on a message.
const MAX_ERROR_CHARS: usize = 500;

/// Delivers every message due at the clock's time, claim by claim (each claim its own short
/// transaction, so several workers share the work and none sends what another holds), until
/// nothing due is left. Each message is judged again first ([`still_due`](super::still_due));
/// one no longer due is skipped, one for a channel without a sender is recorded unsent, a
/// temporary failure is retried after the policy's backoff until its attempts run out.
///
/// # Errors
/// A store failure; what was recorded before it stays recorded, and a message claimed but
/// not settled is taken again when its lease runs out.
pub async fn deliver_due(
    delivery: &Delivery<'_>,
    clock: &dyn Clock,
) -> StoreResult<DeliveryReport> {
    let mut report = DeliveryReport::default();
    loop {
        let claimed = delivery
            .store
            .claim_due(clock.now(), delivery.batch, delivery.lease)
            .await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        for message in claimed {
            let outcome = settle(delivery, &message, clock).await;
            delivery.store.finish(&message, &outcome).await?;
            report.count(&outcome);
        }
    }
}

/// How one claimed message ends.
async fn settle(
    delivery: &Delivery<'_>,
    message: &ClaimedMessage,
    clock: &dyn Clock,
) -> DeliveryOutcome {
    if let Err(gone) = claimed_still_due(message, clock.now()) {
        return DeliveryOutcome::Skipped {
            reason: gone.reason().to_owned(),
        };
    }
    let sender = match message.channel {
        Channel::Email => delivery.email,
        Channel::Sms => delivery.sms,
    };
    let Some(sender) = sender else {
        return DeliveryOutcome::Unsent {
            reason: format!("no {} sender is configured", message.channel),
        };
    };
    let Some(to) = message.address.clone() else {
        return DeliveryOutcome::Failed {
            error: format!("the recipient has no {} address", message.channel),
        };
    };
    let attachments = match message.channel {
        Channel::Email => match delivery.attachments.attachments(message).await {
            Ok(attachments) => attachments,
            Err(error) => return retry_or_fail(delivery, message, clock, &error.to_string()),
        },
        Channel::Sms => Vec::new(),
    };
    let outgoing = OutgoingMessage {
        channel: message.channel,
        to,
        to_name: message.recipient_name.clone(),
        subject: message.subject.clone(),
        body: message.body.clone(),
        attachments,
    };
    match sender.send(&outgoing).await {
        Ok(()) => DeliveryOutcome::Sent { at: clock.now() },
        Err(SendError::Permanent(error)) => DeliveryOutcome::Failed { error: cut(&error) },
        Err(SendError::Transient(error)) => retry_or_fail(delivery, message, clock, &error),
    }
}

fn retry_or_fail(
    delivery: &Delivery<'_>,
    message: &ClaimedMessage,
    clock: &dyn Clock,
    error: &str,
) -> DeliveryOutcome {
    if message.attempts >= delivery.retry.max_attempts {
        DeliveryOutcome::Failed {
            error: cut(&format!(
                "gave up after {} attempts: {error}",
                message.attempts
            )),
        }
    } else {
        DeliveryOutcome::Retry {
            at: clock.now() + delivery.retry.delay_after(message.attempts),
            error: cut(error),
        }
    }
}

fn cut(error: &str) -> String {
    error.chars().take(MAX_ERROR_CHARS).collect()
}

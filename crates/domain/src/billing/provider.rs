//! The online-payment path as a port: a patient pays only through a [`PaymentProvider`] the
//! clinic configured, with a token the provider issued to the patient (a card never reaches
//! the clinic). No adapter ships enabled: without one, patients cannot pay at all, and staff
//! record the money the clinic received (cash, card-present, insurance, cheque).

use async_trait::async_trait;

use crate::values::Money;

/// A charge asked of the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// The bill paid towards (the provider's idempotency scope and statement text).
    pub bill_id: i32,
    /// What to take.
    pub amount: Money,
    /// The payer's one-time token from the provider's own form.
    pub token: String,
}

/// Money given back on an earlier online charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRefund {
    /// The bill refunded on.
    pub bill_id: i32,
    /// The provider's reference of the original charge.
    pub charge_reference: String,
    /// What to give back.
    pub amount: Money,
}

/// The provider's proof that money moved: its reference, stored on the payment or refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderReceipt {
    /// The provider's id of the charge or refund.
    pub reference: String,
}

/// Why the provider moved no money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The provider refused: a declined card, an expired or reused token.
    #[error("the payment provider declined: {reason}")]
    Declined {
        /// The provider's words, safe to show the payer.
        reason: String,
    },
    /// The provider could not be reached or failed; nothing was charged.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
}

/// Takes and returns money online. Called with the bill locked, so two charges of one bill run
/// one at a time and never overshoot.
#[async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Charges `charge.amount` with the payer's token.
    ///
    /// # Errors
    /// [`ProviderError::Declined`] when the provider refuses, [`ProviderError::Unavailable`]
    /// when it cannot be asked.
    async fn charge(&self, charge: &Charge) -> Result<ProviderReceipt, ProviderError>;

    /// Gives back `refund.amount` of an earlier charge.
    ///
    /// # Errors
    /// As [`PaymentProvider::charge`].
    async fn refund(&self, refund: &ProviderRefund) -> Result<ProviderReceipt, ProviderError>;
}

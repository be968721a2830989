//! Email over SMTP (`lettre`), configured by a URL: `smtp://host:port` (plain, e.g. a relay on
//! loopback), `smtp://host:587?tls=required` (STARTTLS) or `smtps://user:password@host:465`.

use async_trait::async_trait;
use clinic_domain::messaging::{MessageSender, OutgoingMessage, SendError};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long one SMTP conversation may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// Why the SMTP sender could not be set up; worded for the operator, without the URL's
/// password.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SmtpConfigError {
    #[error("the SMTP URL is invalid: {0}")]
    Url(String),
    #[error(
        "the sender address {0:?} is invalid: expected e.g. \"Clinic <no-reply@clinic.example>\""
    )]
    From(String),
}

/// Sends emails through one SMTP server.
#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The transport holds the credentials: never print it.
        f.debug_struct("SmtpSender")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpSender {
    /// A sender through the server at `url`, writing from `from`.
    ///
    /// # Errors
    /// An unusable URL or sender address.
    pub fn new(url: &str, from: &str) -> Result<Self, SmtpConfigError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SmtpConfigError::Url(without_secrets(&e.to_string(), url)))?
            .timeout(Some(TIMEOUT))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|_| SmtpConfigError::From(from.to_owned()))?;
        Ok(Self { transport, from })
    }

    fn message(&self, message: &OutgoingMessage) -> Result<Message, SendError> {
        let address = message
            .to
            .parse()
            .map_err(|_| SendError::Permanent("the recipient's email address is invalid".into()))?;
        let to = Mailbox::new(Some(message.to_name.clone()), address);
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone());
        let text = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone());
        let built = if message.attachments.is_empty() {
            builder.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().singlepart(text);
            for attachment in &message.attachments {
                let content_type = ContentType::parse(&attachment.content_type).map_err(|_| {
                    SendError::Permanent(format!(
                        "the attachment {} has an invalid content type",
                        attachment.filename
                    ))
                })?;
                parts = parts.singlepart(
                    Attachment::new(attachment.filename.clone())
                        .body(attachment.body.clone(), content_type),
                );
            }
            builder.multipart(parts)
        };
        built.map_err(|e| SendError::Permanent(format!("the email cannot be built: {e}")))
    }
}

#[async_trait]
impl MessageSender for SmtpSender {
    async fn send(&self, message: &OutgoingMessage) -> Result<(), SendError> {
        let email = self.message(message)?;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            // 5xx: the server refused for good (unknown mailbox, rejected content).
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            // 4xx, a refused or dropped connection, a timeout: later may work.
            Err(e) => Err(SendError::Transient(e.to_string())),
        }
    }
}

/// `text` with the URL's password, if any, blanked out.
fn without_secrets(text: &str, url: &str) -> String {
    let password = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .and_then(|(credentials, _)| credentials.split_once(':'))
        .map(|(_, password)| password)
        .filter(|p| !p.is_empty());
    match password {
        Some(password) => text.replace(password, "***"),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_url_or_sender_is_refused_without_printing_the_password() {
        assert!(matches!(
            SmtpSender::new("http://mail.example", "Clinic <a@b.test>"),
            Err(SmtpConfigError::Url(_))
        ));
        assert!(matches!(
            SmtpSender::new("smtp://127.0.0.1:2525", "not an address"),
            Err(SmtpConfigError::From(_))
        ));
        assert_eq!(
            without_secrets("bad smtps://me:s3cret@host", "smtps://me:s3cret@host:465"),
            "bad smtps://me:***@host"
        );
        let sender =
            SmtpSender::new("smtp://me:s3cret@127.0.0.1:2525", "Clinic <a@b.test>").unwrap();
        assert!(!format!("{sender:?}").contains("s3cret"));
    }
}

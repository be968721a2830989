//! The `.ics` an email about a visit carries: the domain decides which messages have one and
//! what the event says; this adapter reads the visit and renders it.

use std::sync::Arc;

use async_trait::async_trait;
use clinic_domain::Clock;
use clinic_domain::StoreResult;
use clinic_domain::calendar_feeds::visit_invitation;
use clinic_domain::directory::OfficeRepository;
use clinic_domain::messaging::{Attachment, ClaimedMessage, MessageAttachments};
use clinic_domain::scheduling::SchedulingStore;

use crate::ics::{self, CalendarMethod};

/// Attaches the visit's calendar event (REQUEST, or CANCEL for a cancelled visit) to the
/// booked, moved and cancelled emails.
pub struct VisitCalendarAttachments {
    appointments: Arc<dyn SchedulingStore>,
    offices: Arc<dyn OfficeRepository>,
    clock: Arc<dyn Clock>,
}

impl VisitCalendarAttachments {
    #[must_use]
    pub fn new(
        appointments: Arc<dyn SchedulingStore>,
        offices: Arc<dyn OfficeRepository>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            appointments,
            offices,
            clock,
        }
    }
}

#[async_trait]
impl MessageAttachments for VisitCalendarAttachments {
    async fn attachments(&self, message: &ClaimedMessage) -> StoreResult<Vec<Attachment>> {
        let event = visit_invitation(
            message.appointment_id,
            message.kind,
            self.clock.now(),
            &*self.appointments,
            &*self.offices,
        )
        .await?;
        Ok(event
            .map(|event| {
                let method = CalendarMethod::for_email(&event);
                Attachment {
                    filename: ics::visit_file_name(&event),
                    content_type: format!("{}; method={}", ics::CONTENT_TYPE, method.as_str()),
                    body: ics::visit_calendar(&event, method).into_bytes(),
                }
            })
            .into_iter()
            .collect())
    }
}

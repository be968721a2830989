//! What a calendar event says, and who may manage feeds, against an in-memory store.

use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::access::{Actor, Denied};
use crate::audit::{AuditEntryDraft, ReadAudit};
use crate::identity::Role;
use crate::scheduling::AppointmentStatus;
use crate::store::{StoreError, StoreResult};
use crate::testing::block_on;

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap()
}

fn visit(id: i32, status: AppointmentStatus) -> VisitFacts {
    VisitFacts {
        appointment_id: id,
        starts_at: at(3, 9),
        ends_at: at(3, 9) + Duration::minutes(30),
        status,
        updated_at: at(1, 8),
        patient_name: "Alice Smith".into(),
        doctor_name: "Greg House".into(),
        place: VisitPlace {
            office_name: "Main Street Clinic".into(),
            address: "1 Main St, Springfield, US".into(),
            email: None,
        },
    }
}

#[derive(Default)]
struct InMemoryFeeds {
    feeds: Mutex<Vec<(CalendarFeed, String)>>,
    visits: Vec<VisitFacts>,
    used: Mutex<Vec<i32>>,
}

#[async_trait]
impl CalendarFeedStore for InMemoryFeeds {
    async fn create(
        &self,
        _actor: &Actor,
        new: NewCalendarFeed,
        now: DateTime<Utc>,
    ) -> StoreResult<CreatedFeed> {
        let mut feeds = self.feeds.lock().unwrap();
        let feed = CalendarFeed {
            feed_id: i32::try_from(feeds.len()).unwrap() + 1,
            doctor_id: new.doctor_id,
            include_patient_names: new.include_patient_names,
            created_at: now,
            revoked_at: None,
            last_used_at: None,
        };
        let token = format!("token-{}", feed.feed_id);
        feeds.push((feed.clone(), token.clone()));
        Ok(CreatedFeed { feed, token })
    }

    async fn list(&self, doctor_id: i32) -> StoreResult<Vec<CalendarFeed>> {
        let feeds = self.feeds.lock().unwrap();
        Ok(feeds
            .iter()
            .rev()
            .filter(|(f, _)| f.doctor_id == doctor_id)
            .map(|(f, _)| f.clone())
            .collect())
    }

    async fn get(&self, feed_id: i32) -> StoreResult<CalendarFeed> {
        let feeds = self.feeds.lock().unwrap();
        feeds
            .iter()
            .find(|(f, _)| f.feed_id == feed_id)
            .map(|(f, _)| f.clone())
            .ok_or_else(|| StoreError::not_found("calendar_feed"))
    }

    async fn revoke(
        &self,
        _actor: &Actor,
        feed_id: i32,
        now: DateTime<Utc>,
    ) -> StoreResult<CalendarFeed> {
        let mut feeds = self.feeds.lock().unwrap();
        let (feed, _) = feeds
            .iter_mut()
            .find(|(f, _)| f.feed_id == feed_id)
            .ok_or_else(|| StoreError::not_found("calendar_feed"))?;
        feed.revoked_at = Some(now);
        Ok(feed.clone())
    }

    async fn find_by_token(&self, token: &str) -> StoreResult<Option<FeedOwner>> {
        let feeds = self.feeds.lock().unwrap();
        Ok(feeds
            .iter()
            .find(|(f, t)| t == token && f.revoked_at.is_none())
            .map(|(f, _)| FeedOwner {
                feed_id: f.feed_id,
                doctor_id: f.doctor_id,
                doctor_user_id: 50,
                doctor_name: "Greg House".into(),
                include_patient_names: f.include_patient_names,
            }))
    }

    async fn feed_visits(
        &self,
        _doctor_id: i32,
        _from: DateTime<Utc>,
        _to: DateTime<Utc>,
    ) -> StoreResult<Vec<VisitFacts>> {
        Ok(self.visits.clone())
    }

    async fn mark_used(&self, feed_id: i32, _now: DateTime<Utc>) -> StoreResult<()> {
        self.used.lock().unwrap().push(feed_id);
        Ok(())
    }
}

#[derive(Default)]
struct Reads(Mutex<Vec<AuditEntryDraft>>);

#[async_trait]
impl ReadAudit for Reads {
    async fn record(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()> {
        self.0.lock().unwrap().extend(reads);
        Ok(())
    }
}

fn doctor(doctor_id: i32) -> Actor {
    Actor::test(Role::Doctor, Some(doctor_id), None)
}

#[test]
fn a_feed_event_names_no_patient_unless_the_doctor_opted_in() {
    let facts = visit(7, AppointmentStatus::Scheduled);
    let hidden = visit_event(
        &facts,
        Audience::DoctorFeed {
            include_patient_names: false,
        },
        at(2, 0),
    );
    assert_eq!(hidden.summary, "Appointment");
    assert!(!hidden.description.contains("Alice"));
    let named = visit_event(
        &facts,
        Audience::DoctorFeed {
            include_patient_names: true,
        },
        at(2, 0),
    );
    assert_eq!(named.summary, "Alice Smith");
    assert_eq!(
        named.location,
        "Main Street Clinic, 1 Main St, Springfield, US"
    );
}

#[test]
fn a_patients_event_names_the_doctor_and_never_the_patient() {
    let event = visit_event(
        &visit(7, AppointmentStatus::Confirmed),
        Audience::Patient,
        at(2, 0),
    );
    assert_eq!(event.summary, "Appointment with Greg House");
    assert!(!event.summary.contains("Alice") && !event.description.contains("Alice"));
    assert!(!event.cancelled);
    assert_eq!(event.uid(), "appointment-7@clinic");
}

#[test]
fn the_uid_is_stable_and_the_sequence_grows_with_each_change() {
    let mut facts = visit(7, AppointmentStatus::Scheduled);
    let first = visit_event(&facts, Audience::Patient, at(2, 0));
    let again = visit_event(&facts, Audience::Patient, at(2, 5));
    assert_eq!(first.uid(), again.uid());
    assert_eq!(first.sequence, again.sequence);
    facts.updated_at += Duration::minutes(1);
    facts.status = AppointmentStatus::Cancelled;
    let cancelled = visit_event(&facts, Audience::Patient, at(2, 6));
    assert_eq!(cancelled.uid(), first.uid());
    assert!(cancelled.sequence > first.sequence);
    assert!(cancelled.cancelled);
}

#[test]
fn the_feed_window_is_a_month_back_and_half_a_year_ahead() {
    let (from, to) = feed_window(at(10, 0));
    assert_eq!(at(10, 0) - from, Duration::days(FEED_DAYS_BACK));
    assert_eq!(to - at(10, 0), Duration::days(FEED_DAYS_AHEAD));
    assert!(!shows_in_feed(AppointmentStatus::Cancelled));
    assert!(shows_in_feed(AppointmentStatus::NoShow));
}

#[test]
fn a_feed_lists_every_visit_but_the_cancelled_and_records_names_as_read() {
    let store = InMemoryFeeds {
        visits: vec![
            visit(1, AppointmentStatus::Scheduled),
            visit(2, AppointmentStatus::Cancelled),
            visit(3, AppointmentStatus::Completed),
        ],
        ..InMemoryFeeds::default()
    };
    let reads = Reads::default();
    let plain = block_on(create_feed(&doctor(5), false, at(1, 0), &store)).unwrap();
    let feed = block_on(read_feed(&plain.token, at(2, 0), &store, &reads)).unwrap();
    let ids: Vec<_> = feed.events.iter().map(|e| e.appointment_id).collect();
    assert_eq!(ids, [1, 3]);
    assert!(feed.events.iter().all(|e| e.summary == "Appointment"));
    assert!(reads.0.lock().unwrap().is_empty(), "no names, nothing read");
    assert_eq!(*store.used.lock().unwrap(), [plain.feed.feed_id]);

    let named = block_on(create_feed(&doctor(5), true, at(1, 0), &store)).unwrap();
    let feed = block_on(read_feed(&named.token, at(2, 0), &store, &reads)).unwrap();
    assert!(feed.events.iter().all(|e| e.summary == "Alice Smith"));
    let read = reads.0.lock().unwrap();
    assert_eq!(read.len(), 2);
    assert!(read.iter().all(|r| r.changed_by() == Some(50)));
}

#[test]
fn an_unknown_or_revoked_token_opens_nothing() {
    let store = InMemoryFeeds::default();
    let reads = Reads::default();
    let hidden = Err(CalendarFeedError::Denied(Denied::Hidden {
        entity: "calendar_feed",
    }));
    assert_eq!(
        block_on(read_feed("nope", at(2, 0), &store, &reads)),
        hidden
    );
    let created = block_on(create_feed(&doctor(5), false, at(1, 0), &store)).unwrap();
    let revoked = block_on(revoke_feed(
        &doctor(5),
        created.feed.feed_id,
        at(2, 0),
        &store,
    ));
    assert_eq!(revoked.unwrap().revoked_at, Some(at(2, 0)));
    assert_eq!(
        block_on(read_feed(&created.token, at(3, 0), &store, &reads)),
        hidden
    );
    let again = block_on(revoke_feed(
        &doctor(5),
        created.feed.feed_id,
        at(4, 0),
        &store,
    ));
    assert_eq!(
        again.unwrap().revoked_at,
        Some(at(2, 0)),
        "revoking twice keeps the first time"
    );
}

#[test]
fn a_doctor_manages_only_their_own_feeds_and_nobody_else_any() {
    let store = InMemoryFeeds::default();
    let created = block_on(create_feed(&doctor(5), false, at(1, 0), &store)).unwrap();
    let other = block_on(revoke_feed(
        &doctor(6),
        created.feed.feed_id,
        at(2, 0),
        &store,
    ));
    assert_eq!(
        other,
        Err(CalendarFeedError::Denied(Denied::Hidden {
            entity: "calendar_feed"
        }))
    );
    let missing = block_on(revoke_feed(&doctor(5), 99, at(2, 0), &store));
    assert_eq!(missing, other, "missing and another's answer alike");
    assert!(block_on(list_feeds(&doctor(6), &store)).unwrap().is_empty());
    assert_eq!(block_on(list_feeds(&doctor(5), &store)).unwrap().len(), 1);
    for role in [Role::Admin, Role::Staff, Role::Patient] {
        let actor = Actor::test(role, None, Some(7));
        let forbidden = CalendarFeedError::Denied(Denied::Forbidden);
        assert_eq!(
            block_on(create_feed(&actor, false, at(1, 0), &store)).unwrap_err(),
            forbidden
        );
        assert_eq!(block_on(list_feeds(&actor, &store)), Err(forbidden.clone()));
        assert_eq!(
            block_on(revoke_feed(&actor, created.feed.feed_id, at(2, 0), &store)),
            Err(forbidden)
        );
    }
}

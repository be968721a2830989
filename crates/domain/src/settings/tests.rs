//! The settings' bounds and who may read and change them, against an in-memory store.

use std::sync::Mutex;

use async_trait::async_trait;

use super::*;
use crate::access::{Actor, Denied};
use crate::identity::Role;
use crate::store::StoreResult;
use crate::testing::block_on;

#[derive(Default)]
struct InMemorySettings {
    current: Mutex<ClinicSettings>,
    authors: Mutex<Vec<i32>>,
}

#[async_trait]
impl ClinicSettingsStore for InMemorySettings {
    async fn read(&self) -> StoreResult<ClinicSettings> {
        Ok(*self.current.lock().unwrap())
    }

    async fn update(&self, actor: &Actor, settings: ClinicSettings) -> StoreResult<ClinicSettings> {
        *self.current.lock().unwrap() = settings;
        self.authors.lock().unwrap().push(actor.user_id);
        Ok(settings)
    }
}

fn input(late: i64, horizon: i64, cap: i64) -> ClinicSettingsInput {
    ClinicSettingsInput {
        late_cancellation_hours: late,
        booking_horizon_days: horizon,
        max_future_appointments: cap,
        reminder_offsets_minutes: None,
    }
}

#[test]
fn the_defaults_are_a_days_notice_half_a_year_ahead_and_five_visits() {
    let defaults = ClinicSettings::default();
    assert_eq!(
        ClinicSettingsInput::from(defaults),
        ClinicSettingsInput {
            reminder_offsets_minutes: Some(vec![1440, 120]),
            ..input(24, 180, 5)
        },
        "the migration's column defaults say the same"
    );
    assert_eq!(
        defaults.late_cancellation_window(),
        chrono::Duration::hours(24)
    );
    assert_eq!(defaults.booking_horizon(), chrono::Duration::days(180));
}

#[test]
fn every_value_out_of_bounds_is_reported_at_once() {
    let errors = ClinicSettings::parse(input(-1, 0, 101)).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "late_cancellation_hours",
            "booking_horizon_days",
            "max_future_appointments"
        ]
    );
    assert!(ClinicSettings::parse(input(169, 731, 0)).is_err());
    assert!(ClinicSettings::parse(input(0, 1, 1)).is_ok());
    assert!(ClinicSettings::parse(input(168, 730, 100)).is_ok());
}

#[test]
fn an_admin_reads_and_changes_the_settings() {
    let store = InMemorySettings::default();
    let admin = Actor::test(Role::Admin, None, None);
    let changed = block_on(update_settings(&admin, input(48, 90, 3), &store)).unwrap();
    assert_eq!(
        changed.reminder_offsets(),
        ReminderOffsets::default(),
        "offsets left out keep their values"
    );
    assert_eq!(changed.late_cancellation_hours(), 48);
    assert_eq!(block_on(read_settings(&admin, &store)), Ok(changed));
    assert_eq!(*store.authors.lock().unwrap(), [admin.user_id]);
}

#[test]
fn invalid_settings_change_nothing() {
    let store = InMemorySettings::default();
    let admin = Actor::test(Role::Admin, None, None);
    assert!(matches!(
        block_on(update_settings(&admin, input(24, 0, 5), &store)),
        Err(ClinicSettingsError::Invalid(_))
    ));
    assert_eq!(*store.current.lock().unwrap(), ClinicSettings::default());
}

#[test]
fn nobody_but_an_admin_reads_or_changes_them() {
    let store = InMemorySettings::default();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let who = Actor::test(role, Some(1), Some(1));
        assert_eq!(
            block_on(read_settings(&who, &store)),
            Err(ClinicSettingsError::Denied(Denied::Forbidden))
        );
        assert_eq!(
            block_on(update_settings(&who, input(1, 1, 1), &store)),
            Err(ClinicSettingsError::Denied(Denied::Forbidden))
        );
    }
    assert!(store.authors.lock().unwrap().is_empty());
}

#[test]
fn reminder_offsets_are_distinct_bounded_and_sorted_longest_first() {
    let offsets = ReminderOffsets::parse(&[120, 1440]).unwrap();
    assert_eq!(offsets.minutes(), [1440, 120]);
    assert_eq!(
        ReminderOffsets::parse(&[]).unwrap().minutes(),
        [] as [u32; 0]
    );
    for bad in [&[14][..], &[10081], &[60, 60], &[60, 120, 180, 240], &[-1]] {
        let error = ReminderOffsets::parse(bad).unwrap_err();
        assert_eq!(error.field, "reminder_offsets_minutes", "{bad:?}");
    }
}

#[test]
fn an_admin_changes_the_reminder_offsets_and_keeps_them_on_the_next_change() {
    let store = InMemorySettings::default();
    let admin = Actor::test(Role::Admin, None, None);
    let with = ClinicSettingsInput {
        reminder_offsets_minutes: Some(vec![60]),
        ..input(24, 180, 5)
    };
    let changed = block_on(update_settings(&admin, with, &store)).unwrap();
    assert_eq!(changed.reminder_offsets().minutes(), [60]);
    let again = block_on(update_settings(&admin, input(12, 180, 5), &store)).unwrap();
    assert_eq!(again.reminder_offsets().minutes(), [60]);
    let invalid = ClinicSettingsInput {
        reminder_offsets_minutes: Some(vec![5]),
        ..input(-1, 180, 5)
    };
    let Err(ClinicSettingsError::Invalid(errors)) =
        block_on(update_settings(&admin, invalid, &store))
    else {
        panic!("expected invalid settings");
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["late_cancellation_hours", "reminder_offsets_minutes"]
    );
}

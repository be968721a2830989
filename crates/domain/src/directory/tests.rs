//! The directory's use cases against the in-memory directory: who may change what, and the
//! rules a doctor's week must pass.

use super::fake::{InMemoryDirectory, money};
use super::use_cases::*;
use super::values::{EntryName, OfficeIds};
use super::{DoctorPatchInput, NewSpecialty, SpecialtyPatch};
use crate::ValidationErrors;
use crate::access::{Actor, Denied};
use crate::identity::Role;
use crate::identity::fake::InMemoryUsers;
use crate::testing::block_on;

fn actor(role: Role) -> Actor {
    Actor {
        user_id: 1,
        role,
        doctor_id: (role == Role::Doctor).then_some(5),
        patient_id: (role == Role::Patient).then_some(7),
    }
}

fn new_specialty() -> Draft<NewSpecialty> {
    Ok(NewSpecialty {
        name: EntryName::specialty("Allergy").unwrap(),
        requires_referral: false,
        consultation_fee: money("150.00"),
    })
}

fn invalid(field: &str) -> ValidationErrors {
    crate::ValidationError::new(field, "is invalid").into()
}

fn block(office_id: i32, weekday: i64, start: &str, end: &str) -> WorkingHoursInput {
    WorkingHoursInput {
        office_id,
        weekday,
        start: start.into(),
        end: end.into(),
    }
}

fn week(doctor_id: i32, blocks: Vec<WorkingHoursInput>) -> SetWorkingHours {
    SetWorkingHours {
        doctor_id,
        blocks: Ok(blocks),
    }
}

#[test]
fn an_admin_creates_and_edits_a_specialty_and_everyone_reads_it() {
    let store = InMemoryDirectory::default();
    let admin = actor(Role::Admin);
    let created = block_on(create_specialty(&admin, new_specialty(), &store)).unwrap();
    let cmd = EditSpecialty {
        specialty_id: created.specialty_id,
        patch: Ok(SpecialtyPatch {
            consultation_fee: Some(money("130.00")),
            ..SpecialtyPatch::default()
        }),
    };
    let edited = block_on(edit_specialty(&admin, cmd, &store)).unwrap();
    assert_eq!(edited.consultation_fee, money("130.00"));
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let all = block_on(list_specialties(&actor(role), &store)).unwrap();
        assert_eq!(all, std::slice::from_ref(&edited));
    }
}

#[test]
fn only_an_admin_manages_the_directory_whatever_the_body() {
    let store = InMemoryDirectory::default().with_doctor(5, &[]);
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let who = actor(role);
        let specialty = block_on(create_specialty(&who, Err(invalid("name")), &store));
        assert!(matches!(
            specialty,
            Err(CreateSpecialtyError::Denied(Denied::Forbidden))
        ));
        let cmd = EditSpecialty {
            specialty_id: 1,
            patch: Ok(SpecialtyPatch::default()),
        };
        let edit = block_on(edit_specialty(&who, cmd, &store));
        assert!(matches!(
            edit,
            Err(EditSpecialtyError::Denied(Denied::Forbidden))
        ));
        let office = block_on(create_office(&who, Err(invalid("name")), &store));
        assert!(matches!(
            office,
            Err(CreateOfficeError::Denied(Denied::Forbidden))
        ));
        let cmd = EditOffice {
            office_id: 1,
            patch: Err(invalid("name")),
        };
        let office = block_on(edit_office(&who, cmd, &store));
        assert!(matches!(
            office,
            Err(EditOfficeError::Denied(Denied::Forbidden))
        ));
        let cmd = CreateDoctor {
            user_id: 50,
            profile: Err(invalid("license_number")),
        };
        let users = InMemoryUsers::with(&[(50, Role::Doctor)]);
        let doctor = block_on(create_doctor(&who, cmd, &users, &store));
        assert!(matches!(
            doctor,
            Err(CreateDoctorError::Denied(Denied::Forbidden))
        ));
    }
}

#[test]
fn an_admin_is_told_every_invalid_field_once_allowed() {
    let store = InMemoryDirectory::default();
    let admin = actor(Role::Admin);
    let specialty = block_on(create_specialty(&admin, Err(invalid("name")), &store));
    assert!(matches!(specialty, Err(CreateSpecialtyError::Invalid(e)) if e.has_field("name")));
    let office = block_on(create_office(&admin, Err(invalid("time_zone")), &store));
    assert!(matches!(office, Err(CreateOfficeError::Invalid(e)) if e.has_field("time_zone")));
    let cmd = EditOffice {
        office_id: 1,
        patch: Err(invalid("address")),
    };
    let office = block_on(edit_office(&admin, cmd, &store));
    assert!(matches!(office, Err(EditOfficeError::Invalid(e)) if e.has_field("address")));
}

#[test]
fn an_unknown_office_is_the_stores_not_found() {
    let store = InMemoryDirectory::default();
    let read = block_on(get_office(&actor(Role::Patient), 9, &store));
    assert!(matches!(read, Err(ReadDirectoryError::Store(_))));
}

#[test]
fn a_doctor_profile_needs_a_doctor_account_reported_with_the_other_fields() {
    let store = InMemoryDirectory::default();
    let users = InMemoryUsers::with(&[(40, Role::Staff)]);
    let admin = actor(Role::Admin);
    for user_id in [40, 41] {
        let cmd = CreateDoctor {
            user_id,
            profile: Err(invalid("license_number")),
        };
        let Err(CreateDoctorError::Invalid(errors)) =
            block_on(create_doctor(&admin, cmd, &users, &store))
        else {
            panic!("account {user_id} accepted");
        };
        assert!(errors.has_field("user_id") && errors.has_field("license_number"));
    }
}

#[test]
fn a_doctor_edits_their_own_name_but_not_another_doctors_nor_their_license() {
    let store = InMemoryDirectory::default()
        .with_doctor(5, &[])
        .with_doctor(6, &[]);
    let doctor = actor(Role::Doctor);
    let own = EditDoctor {
        doctor_id: 5,
        input: DoctorPatchInput {
            last_name: Some(" Wilson "),
            ..DoctorPatchInput::default()
        },
        checked: Ok(()),
    };
    assert_eq!(
        block_on(edit_doctor(&doctor, own, &store))
            .unwrap()
            .last_name,
        "Wilson"
    );
    let other = EditDoctor {
        doctor_id: 6,
        input: DoctorPatchInput {
            last_name: Some("Wilson"),
            ..DoctorPatchInput::default()
        },
        checked: Ok(()),
    };
    assert!(matches!(
        block_on(edit_doctor(&doctor, other, &store)),
        Err(EditDoctorError::Denied(Denied::Hidden { entity: "doctor" }))
    ));
    let license = EditDoctor {
        doctor_id: 5,
        input: DoctorPatchInput {
            license_number: Some("LIC-NEW"),
            ..DoctorPatchInput::default()
        },
        checked: Err(invalid("license_number")),
    };
    assert!(matches!(
        block_on(edit_doctor(&doctor, license, &store)),
        Err(EditDoctorError::Denied(Denied::Forbidden))
    ));
    assert_eq!(store.doctor(5).unwrap().license_number, "LIC-5");
}

#[test]
fn an_empty_profile_change_answers_the_profile_as_it_is() {
    let store = InMemoryDirectory::default().with_doctor(6, &[]);
    let cmd = EditDoctor {
        doctor_id: 6,
        input: DoctorPatchInput::default(),
        checked: Ok(()),
    };
    let doctor = block_on(edit_doctor(&actor(Role::Admin), cmd, &store)).unwrap();
    assert_eq!(Some(doctor), store.doctor(6));
}

#[test]
fn a_doctor_sets_their_own_offices_and_staff_may_not() {
    let store = InMemoryDirectory::default()
        .with_doctor(5, &[1])
        .with_doctor(6, &[]);
    let set = |doctor_id| SetDoctorOffices {
        doctor_id,
        office_ids: OfficeIds::parse(&[2, 3]),
    };
    let offices = block_on(set_doctor_offices(&actor(Role::Doctor), set(5), &store)).unwrap();
    assert_eq!(offices.len(), 2);
    assert!(matches!(
        block_on(set_doctor_offices(&actor(Role::Doctor), set(6), &store)),
        Err(SetDoctorOfficesError::Denied(Denied::Hidden { .. }))
    ));
    assert!(matches!(
        block_on(set_doctor_offices(&actor(Role::Staff), set(5), &store)),
        Err(SetDoctorOfficesError::Denied(Denied::Forbidden))
    ));
    let listed = block_on(doctor_offices(&actor(Role::Patient), 5, &store)).unwrap();
    assert_eq!(listed, offices);
}

#[test]
fn a_doctor_sets_their_own_week_at_their_offices() {
    let store = InMemoryDirectory::default().with_doctor(5, &[1, 2]);
    let cmd = week(
        5,
        vec![block(1, 1, "09:00", "12:00"), block(2, 1, "13:00", "17:00")],
    );
    let hours = block_on(set_working_hours(&actor(Role::Doctor), cmd, &store)).unwrap();
    assert_eq!(hours.len(), 2);
    let read = block_on(working_hours(&actor(Role::Staff), 5, &store)).unwrap();
    assert_eq!(read, store.week(5));
}

#[test]
fn another_doctors_week_is_hidden_and_staff_may_not_set_one() {
    let store = InMemoryDirectory::default().with_doctor(6, &[1]);
    let cmd = || week(6, vec![block(1, 1, "09:00", "12:00")]);
    assert!(matches!(
        block_on(set_working_hours(&actor(Role::Doctor), cmd(), &store)),
        Err(SetWorkingHoursError::Denied(Denied::Hidden {
            entity: "doctor"
        }))
    ));
    assert!(matches!(
        block_on(set_working_hours(&actor(Role::Staff), cmd(), &store)),
        Err(SetWorkingHoursError::Denied(Denied::Forbidden))
    ));
    assert!(store.week(6).is_empty());
}

#[test]
fn a_bad_weekday_or_time_is_named_by_its_part() {
    let store = InMemoryDirectory::default().with_doctor(5, &[1]);
    let cmd = week(
        5,
        vec![block(1, 8, "9:00", "12:00"), block(1, 2, "09:00", "24:00")],
    );
    let Err(SetWorkingHoursError::Invalid(errors)) =
        block_on(set_working_hours(&actor(Role::Doctor), cmd, &store))
    else {
        panic!("accepted");
    };
    for field in [
        "working_hours[0].weekday",
        "working_hours[0].start",
        "working_hours[1].end",
    ] {
        assert!(errors.has_field(field), "{field}");
    }
}

#[test]
fn a_week_at_an_office_not_the_doctors_or_overlapping_is_refused() {
    let store = InMemoryDirectory::default().with_doctor(5, &[1, 2]);
    let elsewhere = week(5, vec![block(3, 1, "09:00", "12:00")]);
    let Err(SetWorkingHoursError::Invalid(errors)) =
        block_on(set_working_hours(&actor(Role::Admin), elsewhere, &store))
    else {
        panic!("accepted");
    };
    assert!(errors.has_field("working_hours[0].office_id"));
    let overlapping = week(
        5,
        vec![block(1, 1, "09:00", "12:00"), block(2, 1, "11:00", "13:00")],
    );
    let Err(SetWorkingHoursError::Invalid(errors)) =
        block_on(set_working_hours(&actor(Role::Admin), overlapping, &store))
    else {
        panic!("accepted");
    };
    assert!(errors.has_field("working_hours[1]"));
    assert!(store.week(5).is_empty());
}

#[test]
fn the_directory_is_read_by_every_signed_in_role() {
    let store = InMemoryDirectory::default().with_doctor(5, &[]);
    for role in [Role::Admin, Role::Staff, Role::Doctor, Role::Patient] {
        let page = block_on(list_doctors(
            &actor(role),
            &super::DoctorFilter::default(),
            crate::pagination::PageRequest::default(),
            &store,
        ))
        .unwrap();
        assert_eq!(page.items.len(), 1);
        assert!(block_on(get_doctor(&actor(role), 5, &store)).is_ok());
        let offices = block_on(list_offices(
            &actor(role),
            &super::OfficeFilter::default(),
            crate::pagination::PageRequest::default(),
            &store,
        ));
        assert!(offices.is_ok());
    }
}

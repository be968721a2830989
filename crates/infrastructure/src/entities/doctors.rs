//! `doctors`: one per user; name columns, license number, specialty.
//!
//! No `Related<patients::Entity>`: doctors reach patients both through
//! `patients.primary_doctor_id` and through the care team (`patient_doctors`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "doctors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub doctor_id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub last_name: String,
    pub license_number: String,
    pub specialty_id: i32,
    pub years_of_experience: i16,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::UserId"
    )]
    Users,
    #[sea_orm(
        belongs_to = "super::specialties::Entity",
        from = "Column::SpecialtyId",
        to = "super::specialties::Column::SpecialtyId"
    )]
    Specialties,
    #[sea_orm(has_many = "super::doctor_offices::Entity")]
    DoctorOffices,
    #[sea_orm(has_many = "super::doctor_working_hours::Entity")]
    DoctorWorkingHours,
    #[sea_orm(has_many = "super::patient_doctors::Entity")]
    PatientDoctors,
    #[sea_orm(has_many = "super::appointments::Entity")]
    Appointments,
    #[sea_orm(has_many = "super::medical_records::Entity")]
    MedicalRecords,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::specialties::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Specialties.def()
    }
}

impl Related<super::doctor_offices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DoctorOffices.def()
    }
}

impl Related<super::doctor_working_hours::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DoctorWorkingHours.def()
    }
}

impl Related<super::patient_doctors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PatientDoctors.def()
    }
}

impl Related<super::appointments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Appointments.def()
    }
}

impl Related<super::medical_records::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MedicalRecords.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

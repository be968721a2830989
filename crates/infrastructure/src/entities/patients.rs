//! `patients`: one per user; name and optional address columns, `primary_doctor_id`.
//!
//! No `Related<doctors::Entity>`: a patient reaches doctors both through
//! `primary_doctor_id` (relation `PrimaryDoctor`) and through the care team
//! (`patient_doctors`); join with the relation you mean.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "patients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub patient_id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub last_name: String,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub primary_doctor_id: Option<i32>,
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
        belongs_to = "super::doctors::Entity",
        from = "Column::PrimaryDoctorId",
        to = "super::doctors::Column::DoctorId"
    )]
    PrimaryDoctor,
    #[sea_orm(has_many = "super::patient_emergency_contacts::Entity")]
    PatientEmergencyContacts,
    #[sea_orm(has_many = "super::patient_doctors::Entity")]
    PatientDoctors,
    #[sea_orm(has_many = "super::insurances::Entity")]
    Insurances,
    #[sea_orm(has_many = "super::appointments::Entity")]
    Appointments,
    #[sea_orm(has_many = "super::medical_records::Entity")]
    MedicalRecords,
    #[sea_orm(has_many = "super::specialist_approvals::Entity")]
    SpecialistApprovals,
    #[sea_orm(has_many = "super::bills::Entity")]
    Bills,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::patient_emergency_contacts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PatientEmergencyContacts.def()
    }
}

impl Related<super::patient_doctors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PatientDoctors.def()
    }
}

impl Related<super::insurances::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Insurances.def()
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

impl Related<super::specialist_approvals::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SpecialistApprovals.def()
    }
}

impl Related<super::bills::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bills.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! `appointments`: patient × doctor × office at `appointment_datetime` for
//! `duration_minutes`; `ends_at` is stored and must equal start + duration. `status` is
//! checked by the database and parsed by the domain crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "appointments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub appointment_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub appointment_datetime: DateTimeUtc,
    pub duration_minutes: i32,
    pub ends_at: DateTimeUtc,
    pub reason: Option<String>,
    pub status: String,
    pub is_overbooked: bool,
    pub overbook_reason: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::patients::Entity",
        from = "Column::PatientId",
        to = "super::patients::Column::PatientId"
    )]
    Patients,
    #[sea_orm(
        belongs_to = "super::doctors::Entity",
        from = "Column::DoctorId",
        to = "super::doctors::Column::DoctorId"
    )]
    Doctors,
    #[sea_orm(
        belongs_to = "super::offices::Entity",
        from = "Column::OfficeId",
        to = "super::offices::Column::OfficeId"
    )]
    Offices,
    #[sea_orm(has_many = "super::medical_records::Entity")]
    MedicalRecords,
    #[sea_orm(has_one = "super::bills::Entity")]
    Bills,
}

impl Related<super::patients::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patients.def()
    }
}

impl Related<super::doctors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Doctors.def()
    }
}

impl Related<super::offices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Offices.def()
    }
}

impl Related<super::medical_records::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MedicalRecords.def()
    }
}

impl Related<super::bills::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bills.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

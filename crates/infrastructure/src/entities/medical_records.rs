//! `medical_records`: a record written for an appointment; `test_results` is a JSON array.
//!
//! In the database the appointment foreign key is composite, `(appointment_id, patient_id,
//! doctor_id)`, so a record's patient and doctor are its appointment's; joining on
//! `appointment_id` alone is equivalent (it is the appointment's primary key).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "medical_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub record_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub appointment_id: i32,
    pub diagnosis: Option<String>,
    pub notes: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub test_results: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::appointments::Entity",
        from = "Column::AppointmentId",
        to = "super::appointments::Column::AppointmentId"
    )]
    Appointments,
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
    #[sea_orm(has_many = "super::prescriptions::Entity")]
    Prescriptions,
}

impl Related<super::appointments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Appointments.def()
    }
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

impl Related<super::prescriptions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Prescriptions.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

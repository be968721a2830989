//! `specialist_approvals`: referral requests from a doctor to a specialist for a patient,
//! and their decision. `status` is checked by the database and parsed by the domain crate.
//!
//! Both `requesting_doctor_id` and `specialist_id` reference `doctors`, so there is no
//! `Related<doctors::Entity>`; join with `Relation::RequestingDoctor` or
//! `Relation::Specialist`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "specialist_approvals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub approval_id: i32,
    pub patient_id: i32,
    pub requesting_doctor_id: i32,
    pub specialist_id: i32,
    pub reason: String,
    pub status: String,
    pub requested_at: DateTimeUtc,
    pub approved_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    pub decision_note: Option<String>,
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
        from = "Column::RequestingDoctorId",
        to = "super::doctors::Column::DoctorId"
    )]
    RequestingDoctor,
    #[sea_orm(
        belongs_to = "super::doctors::Entity",
        from = "Column::SpecialistId",
        to = "super::doctors::Column::DoctorId"
    )]
    Specialist,
}

impl Related<super::patients::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patients.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

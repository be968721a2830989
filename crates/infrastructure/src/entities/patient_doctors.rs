//! `patient_doctors`: the care team (composite primary key); at most one `is_primary` row
//! per patient, kept consistent with `patients.primary_doctor_id` at COMMIT.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "patient_doctors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub patient_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub doctor_id: i32,
    pub is_primary: bool,
    pub added_at: DateTimeUtc,
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

impl ActiveModelBehavior for ActiveModel {}

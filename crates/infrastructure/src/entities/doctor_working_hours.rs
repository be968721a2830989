//! `doctor_working_hours`: weekly hours per doctor and office (ISO weekday, 1 = Monday;
//! local times of the office's time zone).
//!
//! In the database the foreign key is composite, `(doctor_id, office_id)` →
//! `doctor_offices` (ON DELETE CASCADE); the relations below are the single-column joins
//! to `doctors` and `offices`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "doctor_working_hours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub working_hours_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub weekday: i16,
    pub start_time: Time,
    pub end_time: Time,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
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

impl ActiveModelBehavior for ActiveModel {}

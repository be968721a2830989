//! `doctor_offices`: which doctor works at which office (composite primary key).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "doctor_offices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub doctor_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub office_id: i32,
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

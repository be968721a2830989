//! `patient_emergency_contacts`: a patient's emergency contacts, `priority` 1..10 unique per
//! patient; cascade-deleted with the patient.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "patient_emergency_contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub contact_id: i32,
    pub patient_id: i32,
    pub name: String,
    pub relationship: String,
    pub phone_country_code: Option<String>,
    pub phone_number: String,
    pub phone_extension: Option<String>,
    pub priority: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::patients::Entity",
        from = "Column::PatientId",
        to = "super::patients::Column::PatientId",
        on_delete = "Cascade"
    )]
    Patients,
}

impl Related<super::patients::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patients.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

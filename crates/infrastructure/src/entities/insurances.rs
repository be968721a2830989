//! `insurances`: a patient's insurance policies. `holder_relationship` is checked by the
//! database (self, spouse, parent, child, other) and parsed by the domain crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "insurances")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub insurance_id: i32,
    pub patient_id: i32,
    pub provider_name: String,
    pub policy_number: String,
    pub group_number: Option<String>,
    pub holder_name: String,
    pub holder_relationship: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub is_active: bool,
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
}

impl Related<super::patients::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patients.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

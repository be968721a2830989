//! `prescriptions`: medication lines of a medical record; `pharmacy_details` is a JSON
//! object or NULL.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "prescriptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub prescription_id: i32,
    pub record_id: i32,
    pub medication_name: String,
    pub dose: String,
    pub route: String,
    pub frequency: String,
    pub quantity: i32,
    pub refills: i16,
    pub instructions: Option<String>,
    pub date_issued: DateTimeUtc,
    #[sea_orm(column_type = "JsonBinary")]
    pub pharmacy_details: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::medical_records::Entity",
        from = "Column::RecordId",
        to = "super::medical_records::Column::RecordId"
    )]
    MedicalRecords,
}

impl Related<super::medical_records::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MedicalRecords.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! `gender_codes`: FHIR administrative gender (fixed rows).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "gender_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub gender_code: i16,
    #[sea_orm(unique)]
    pub gender_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `ethnicity_codes`: OMB/CDC ethnicity categories (fixed rows).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "ethnicity_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ethnicity_code: i16,
    #[sea_orm(unique)]
    pub ethnicity_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `race_codes`: OMB/CDC race categories (fixed rows).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "race_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub race_code: i16,
    #[sea_orm(unique)]
    pub race_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

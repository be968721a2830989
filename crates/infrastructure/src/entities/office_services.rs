//! `office_services`: services an office offers; cascade-deleted with the office.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "office_services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub office_service_id: i32,
    pub office_id: i32,
    pub service_name: String,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub price: Option<Decimal>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::offices::Entity",
        from = "Column::OfficeId",
        to = "super::offices::Column::OfficeId",
        on_delete = "Cascade"
    )]
    Offices,
}

impl Related<super::offices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Offices.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

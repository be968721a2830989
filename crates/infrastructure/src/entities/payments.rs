//! `payments`: individual payments against a bill. `method` is checked by the database
//! (cash, card, insurance, transfer, other) and parsed by the domain crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub payment_id: i32,
    pub bill_id: i32,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub amount: Decimal,
    pub paid_at: DateTimeUtc,
    pub recorded_by: Option<i32>,
    pub method: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::bills::Entity",
        from = "Column::BillId",
        to = "super::bills::Column::BillId"
    )]
    Bills,
}

impl Related<super::bills::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bills.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! `specialties`: medical specialties with referral requirement and consultation fee.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "specialties")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub specialty_id: i32,
    pub specialty_name: String,
    pub requires_referral: bool,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub consultation_fee: Decimal,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::doctors::Entity")]
    Doctors,
}

impl Related<super::doctors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Doctors.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! `demographics`: at most one row per user (primary key `user_id`); codes reference the
//! code tables.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "demographics")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub ethnicity: Option<i16>,
    pub race: Option<i16>,
    pub gender: Option<i16>,
    pub dob: Option<Date>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::UserId"
    )]
    Users,
    #[sea_orm(
        belongs_to = "super::ethnicity_codes::Entity",
        from = "Column::Ethnicity",
        to = "super::ethnicity_codes::Column::EthnicityCode"
    )]
    EthnicityCodes,
    #[sea_orm(
        belongs_to = "super::race_codes::Entity",
        from = "Column::Race",
        to = "super::race_codes::Column::RaceCode"
    )]
    RaceCodes,
    #[sea_orm(
        belongs_to = "super::gender_codes::Entity",
        from = "Column::Gender",
        to = "super::gender_codes::Column::GenderCode"
    )]
    GenderCodes,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::ethnicity_codes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EthnicityCodes.def()
    }
}

impl Related<super::race_codes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RaceCodes.def()
    }
}

impl Related<super::gender_codes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GenderCodes.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

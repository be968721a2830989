//! `users`: accounts. `role` is checked by the database (admin, doctor, staff, patient) and
//! parsed by the domain crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub user_id: i32,
    pub username: String,
    /// argon2 PHC string; `None` = the account cannot sign in yet.
    pub password_hash: Option<String>,
    pub email: String,
    pub phone_country_code: Option<String>,
    pub phone_number: Option<String>,
    pub phone_extension: Option<String>,
    pub role: String,
    pub is_active: bool,
    pub deactivated_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_login: Option<DateTimeUtc>,
    pub tokens_valid_after: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::refresh_tokens::Entity")]
    RefreshTokens,
    #[sea_orm(has_one = "super::demographics::Entity")]
    Demographics,
    #[sea_orm(has_one = "super::doctors::Entity")]
    Doctors,
    #[sea_orm(has_one = "super::patients::Entity")]
    Patients,
    #[sea_orm(has_many = "super::notifications::Entity")]
    Notifications,
}

impl Related<super::refresh_tokens::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RefreshTokens.def()
    }
}

impl Related<super::demographics::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Demographics.def()
    }
}

impl Related<super::doctors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Doctors.def()
    }
}

impl Related<super::patients::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patients.def()
    }
}

impl Related<super::notifications::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Notifications.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

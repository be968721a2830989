//! `offices`: clinic locations with their IANA `time_zone`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub office_id: i32,
    pub name: String,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: String,
    pub phone_country_code: Option<String>,
    pub phone_number: Option<String>,
    pub phone_extension: Option<String>,
    pub email: Option<String>,
    pub time_zone: String,
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::office_services::Entity")]
    OfficeServices,
    #[sea_orm(has_many = "super::doctor_offices::Entity")]
    DoctorOffices,
    #[sea_orm(has_many = "super::doctor_working_hours::Entity")]
    DoctorWorkingHours,
    #[sea_orm(has_many = "super::appointments::Entity")]
    Appointments,
}

impl Related<super::office_services::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OfficeServices.def()
    }
}

impl Related<super::doctor_offices::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DoctorOffices.def()
    }
}

impl Related<super::doctor_working_hours::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DoctorWorkingHours.def()
    }
}

impl Related<super::appointments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Appointments.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

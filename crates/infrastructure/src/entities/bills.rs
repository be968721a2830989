//! `bills`: one per appointment; `payment_status` is the status stored at the last change
//! (checked by the database, parsed by the domain crate).
//!
//! In the database the appointment foreign key is composite, `(appointment_id, patient_id)`;
//! joining on `appointment_id` alone is equivalent.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "bills")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub bill_id: i32,
    pub patient_id: i32,
    #[sea_orm(unique)]
    pub appointment_id: i32,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub amount_due: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub amount_paid: Decimal,
    pub payment_status: String,
    pub billing_due: Date,
    pub voided_at: Option<DateTimeUtc>,
    pub void_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::appointments::Entity",
        from = "Column::AppointmentId",
        to = "super::appointments::Column::AppointmentId"
    )]
    Appointments,
    #[sea_orm(
        belongs_to = "super::patients::Entity",
        from = "Column::PatientId",
        to = "super::patients::Column::PatientId"
    )]
    Patients,
    #[sea_orm(has_many = "super::payments::Entity")]
    Payments,
}

impl Related<super::appointments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Appointments.def()
    }
}

impl Related<super::patients::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patients.def()
    }
}

impl Related<super::payments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Payments.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

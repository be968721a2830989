//! `audit_log`: append-only, hash-chained log (UPDATE/DELETE/TRUNCATE are rejected by a
//! trigger). Writers take `pg_advisory_xact_lock(7243001)` before reading the last
//! `row_hash`. `action` is checked by the database and parsed by the domain crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub log_id: i64,
    pub table_name: String,
    pub record_id: Option<i64>,
    pub action: String,
    pub changed_by: Option<i32>,
    pub changed_at: DateTimeUtc,
    #[sea_orm(column_type = "JsonBinary")]
    pub old_values: Option<Json>,
    #[sea_orm(column_type = "JsonBinary")]
    pub new_values: Option<Json>,
    pub context: Option<String>,
    pub prev_hash: String,
    #[sea_orm(unique)]
    pub row_hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Offices and the services they offer.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::directory::{
    NewOffice, Office, OfficeFilter, OfficePatch, OfficeRepository, OfficeService, OfficeServices,
};
use clinic_domain::values::Money;
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};
use serde::Deserialize;

use super::support::{
    address_values, audited, begin, commit_audited, contains_pattern, find_one,
    insert_returning_id, list_change, lock_row, page_rows, phone_values, snapshot_rows,
    store_error,
};

/// Offices in PostgreSQL.
#[derive(Clone)]
pub struct PgOfficeRepository {
    db: DatabaseConnection,
}

impl PgOfficeRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const TABLE: (&str, &str) = ("offices", "office_id");
const SERVICES: (&str, &str) = ("office_services", "office_id");

const OFFICE_VIEW: &str = "SELECT o.office_id, o.name, o.address_line1, o.address_line2, o.city,
        o.state, o.postal_code, o.country, o.phone_country_code, o.phone_number,
        o.phone_extension, o.email, o.time_zone, o.is_active, o.created_at, o.updated_at,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('name', s.service_name,
                    'price', s.price::text) ORDER BY lower(s.service_name)), '[]'::jsonb)
            FROM office_services s WHERE s.office_id = o.office_id) AS services
    FROM offices o";

const LIST_CONDITION: &str = "WHERE ($1::text IS NULL OR lower(o.name) LIKE $1
        OR lower(o.city) LIKE $1)
    AND ($2::boolean IS NULL OR o.is_active = $2)
    AND ($3::integer IS NULL OR o.office_id = $3)";

#[derive(Debug, FromQueryResult)]
struct OfficeRow {
    office_id: i32,
    name: String,
    address_line1: String,
    address_line2: Option<String>,
    city: String,
    state: Option<String>,
    postal_code: Option<String>,
    country: String,
    phone_country_code: Option<String>,
    phone_number: Option<String>,
    phone_extension: Option<String>,
    email: Option<String>,
    time_zone: String,
    is_active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    services: serde_json::Value,
}

/// A service as `OFFICE_VIEW` aggregates it; the price travels as text to stay exact.
#[derive(Deserialize)]
struct ServiceJson {
    name: String,
    price: Option<String>,
}

impl OfficeRow {
    fn into_office(self) -> StoreResult<Office> {
        let services: Vec<ServiceJson> = serde_json::from_value(self.services)
            .map_err(|e| StoreError::Unexpected(format!("office services: {e}")))?;
        let services = services
            .into_iter()
            .map(|s| {
                let price = s
                    .price
                    .map(|p| Money::parse_str(&p))
                    .transpose()
                    .map_err(|e| StoreError::Unexpected(format!("office_services.price: {e}")))?;
                Ok(OfficeService {
                    name: s.name,
                    price,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(Office {
            office_id: self.office_id,
            name: self.name,
            address_line1: self.address_line1,
            address_line2: self.address_line2,
            city: self.city,
            state: self.state,
            postal_code: self.postal_code,
            country: self.country,
            phone_country_code: self.phone_country_code,
            phone_number: self.phone_number,
            phone_extension: self.phone_extension,
            email: self.email,
            time_zone: self.time_zone,
            is_active: self.is_active,
            services,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

async fn load<C: ConnectionTrait>(conn: &C, office_id: i32) -> StoreResult<Office> {
    let sql = format!("{OFFICE_VIEW} WHERE o.office_id = $1");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [office_id.into()]);
    find_one::<OfficeRow, _>(conn, stmt, "office")
        .await?
        .into_office()
}

/// Replaces an office's services and returns the audit draft of the change, if any. Services
/// that stay keep their ids (upsert by name), so the audit shows only what changed.
async fn replace_services<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    office_id: i32,
    services: &OfficeServices,
) -> StoreResult<Option<AuditEntryDraft>> {
    let order = "lower(t.service_name)";
    let before = snapshot_rows(conn, SERVICES, office_id, order).await?;
    let rows: Vec<serde_json::Value> = services
        .as_slice()
        .iter()
        .map(|s| serde_json::json!({"name": s.name, "price": s.price.map(|p| p.to_string())}))
        .collect();
    let rows: Value = serde_json::Value::Array(rows).into();
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "DELETE FROM office_services WHERE office_id = $1 AND lower(service_name) NOT IN
            (SELECT lower(x.name) FROM jsonb_to_recordset($2::jsonb) AS x(name text))",
        [office_id.into(), rows.clone()],
    ))
    .await
    .map_err(store_error)?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO office_services (office_id, service_name, price)
         SELECT $1, x.name, x.price
         FROM jsonb_to_recordset($2::jsonb) AS x(name text, price numeric)
         ON CONFLICT (office_id, lower(service_name))
         DO UPDATE SET service_name = EXCLUDED.service_name, price = EXCLUDED.price",
        [office_id.into(), rows],
    ))
    .await
    .map_err(store_error)?;
    let after = snapshot_rows(conn, SERVICES, office_id, order).await?;
    Ok(list_change(SERVICES.0, office_id, actor, before, after))
}

#[async_trait]
impl OfficeRepository for PgOfficeRepository {
    async fn list(&self, filter: &OfficeFilter, page: PageRequest) -> StoreResult<Page<Office>> {
        let params = vec![
            filter.q.as_deref().map(contains_pattern).into(),
            filter.is_active.into(),
            filter.office_id.into(),
        ];
        let (rows, total) = page_rows::<OfficeRow, _>(
            &self.db,
            &format!("{OFFICE_VIEW} {LIST_CONDITION} ORDER BY lower(o.name), o.office_id"),
            &format!("SELECT count(*) AS total FROM offices o {LIST_CONDITION}"),
            params,
            page,
        )
        .await?;
        Page::new(rows, page, total).try_map(OfficeRow::into_office)
    }

    async fn get(&self, office_id: i32) -> StoreResult<Office> {
        load(&self.db, office_id).await
    }

    async fn create(&self, actor: &Actor, new: NewOffice) -> StoreResult<Office> {
        let txn = begin(&self.db).await?;
        let mut values = vec![new.name.as_str().into()];
        values.extend(address_values(Some(&new.address)));
        values.extend(phone_values(new.phone.as_ref()));
        values.extend([
            new.email.map(|e| e.as_str().to_owned()).into(),
            new.time_zone.into(),
            new.is_active.into(),
        ]);
        let id = insert_returning_id(
            &txn,
            "INSERT INTO offices (name, address_line1, address_line2, city, state, postal_code,
                country, phone_country_code, phone_number, phone_extension, email, time_zone,
                is_active)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING office_id",
            values,
            "office_id",
        )
        .await?;
        let mut audits = vec![audited(&txn, TABLE, id, AuditAction::Insert, actor, None).await?];
        audits.extend(replace_services(&txn, actor, id, &new.services).await?);
        let office = load(&txn, id).await?;
        commit_audited(txn, audits).await?;
        Ok(office)
    }

    async fn update(
        &self,
        actor: &Actor,
        office_id: i32,
        patch: OfficePatch,
    ) -> StoreResult<Office> {
        let txn = begin(&self.db).await?;
        let before = lock_row(&txn, TABLE, office_id, "office").await?;
        let mut values = vec![
            office_id.into(),
            patch.name.map(|n| n.as_str().to_owned()).into(),
            patch.address.is_some().into(),
        ];
        values.extend(address_values(patch.address.as_ref()));
        values.push(patch.phone.is_some().into());
        values.extend(phone_values(patch.phone.as_ref().and_then(Option::as_ref)));
        values.extend([
            patch.email.is_some().into(),
            patch.email.flatten().map(|e| e.as_str().to_owned()).into(),
            patch.time_zone.into(),
            patch.is_active.into(),
        ]);
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE offices SET
                name = COALESCE($2, name),
                address_line1 = CASE WHEN $3 THEN $4 ELSE address_line1 END,
                address_line2 = CASE WHEN $3 THEN $5 ELSE address_line2 END,
                city = CASE WHEN $3 THEN $6 ELSE city END,
                state = CASE WHEN $3 THEN $7 ELSE state END,
                postal_code = CASE WHEN $3 THEN $8 ELSE postal_code END,
                country = CASE WHEN $3 THEN $9 ELSE country END,
                phone_country_code = CASE WHEN $10 THEN $11 ELSE phone_country_code END,
                phone_number = CASE WHEN $10 THEN $12 ELSE phone_number END,
                phone_extension = CASE WHEN $10 THEN $13 ELSE phone_extension END,
                email = CASE WHEN $14 THEN $15 ELSE email END,
                time_zone = COALESCE($16, time_zone),
                is_active = COALESCE($17, is_active),
                updated_at = now()
             WHERE office_id = $1",
            values,
        ))
        .await
        .map_err(store_error)?;
        let mut audits = vec![
            audited(
                &txn,
                TABLE,
                office_id,
                AuditAction::Update,
                actor,
                Some(before),
            )
            .await?,
        ];
        if let Some(services) = &patch.services {
            audits.extend(replace_services(&txn, actor, office_id, services).await?);
        }
        let office = load(&txn, office_id).await?;
        commit_audited(txn, audits).await?;
        Ok(office)
    }
}

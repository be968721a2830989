//! Doctors' profiles; their offices and working hours are in `doctor_schedule`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::directory::{
    Doctor, DoctorFilter, DoctorPatch, DoctorRepository, NewDoctor, OfficeIds, OfficeSummary,
    WeeklySchedule, WorkingHours,
};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::doctor_schedule::{self as schedule, DOCTORS};
use super::support::{
    audited, begin, commit_audited, contains_pattern, find_one, insert_returning_id, lock_row,
    page_rows, store_error,
};

/// Doctors in PostgreSQL.
#[derive(Clone)]
pub struct PgDoctorRepository {
    db: DatabaseConnection,
}

impl PgDoctorRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const DOCTOR_VIEW: &str = "SELECT d.doctor_id, d.user_id, d.first_name, d.middle_name,
        d.last_name, d.license_number, d.specialty_id, s.specialty_name,
        d.years_of_experience, d.created_at, d.updated_at,
        (SELECT coalesce(jsonb_agg(x.office_id ORDER BY x.office_id), '[]'::jsonb)
            FROM doctor_offices x WHERE x.doctor_id = d.doctor_id) AS office_ids
    FROM doctors d JOIN specialties s ON s.specialty_id = d.specialty_id";

const LIST_CONDITION: &str = "WHERE ($1::integer IS NULL OR d.specialty_id = $1)
    AND ($2::integer IS NULL OR EXISTS (SELECT 1 FROM doctor_offices x
        WHERE x.doctor_id = d.doctor_id AND x.office_id = $2))
    AND ($3::text IS NULL OR lower(d.first_name || ' ' || d.last_name) LIKE $3
        OR lower(concat_ws(' ', d.first_name, d.middle_name, d.last_name)) LIKE $3)
    AND ($4::integer IS NULL OR d.doctor_id = $4)";

#[derive(Debug, FromQueryResult)]
struct DoctorRow {
    doctor_id: i32,
    user_id: i32,
    first_name: String,
    middle_name: Option<String>,
    last_name: String,
    license_number: String,
    specialty_id: i32,
    specialty_name: String,
    years_of_experience: i16,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    office_ids: serde_json::Value,
}

impl DoctorRow {
    fn into_doctor(self) -> StoreResult<Doctor> {
        let office_ids = serde_json::from_value(self.office_ids)
            .map_err(|e| StoreError::Unexpected(format!("doctor office ids: {e}")))?;
        Ok(Doctor {
            doctor_id: self.doctor_id,
            user_id: self.user_id,
            first_name: self.first_name,
            middle_name: self.middle_name,
            last_name: self.last_name,
            license_number: self.license_number,
            specialty_id: self.specialty_id,
            specialty_name: self.specialty_name,
            years_of_experience: self.years_of_experience,
            office_ids,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

async fn load<C: ConnectionTrait>(conn: &C, doctor_id: i32) -> StoreResult<Doctor> {
    let sql = format!("{DOCTOR_VIEW} WHERE d.doctor_id = $1");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [doctor_id.into()]);
    find_one::<DoctorRow, _>(conn, stmt, "doctor")
        .await?
        .into_doctor()
}

#[async_trait]
impl DoctorRepository for PgDoctorRepository {
    async fn list(&self, filter: &DoctorFilter, page: PageRequest) -> StoreResult<Page<Doctor>> {
        let params = vec![
            filter.specialty_id.into(),
            filter.office_id.into(),
            filter.q.as_deref().map(contains_pattern).into(),
            filter.doctor_id.into(),
        ];
        let (rows, total) = page_rows::<DoctorRow, _>(
            &self.db,
            &format!(
                "{DOCTOR_VIEW} {LIST_CONDITION}
                 ORDER BY lower(d.last_name), lower(d.first_name), d.doctor_id"
            ),
            &format!("SELECT count(*) AS total FROM doctors d {LIST_CONDITION}"),
            params,
            page,
        )
        .await?;
        Page::new(rows, page, total).try_map(DoctorRow::into_doctor)
    }

    async fn get(&self, doctor_id: i32) -> StoreResult<Doctor> {
        load(&self.db, doctor_id).await
    }

    async fn create(&self, actor: &Actor, new: NewDoctor) -> StoreResult<Doctor> {
        let txn = begin(&self.db).await?;
        let id = insert_returning_id(
            &txn,
            "INSERT INTO doctors (user_id, first_name, middle_name, last_name, license_number,
                specialty_id, years_of_experience)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING doctor_id",
            vec![
                new.user_id.into(),
                new.name.first().into(),
                new.name.middle().map(str::to_owned).into(),
                new.name.last().into(),
                new.license_number.as_str().into(),
                new.specialty_id.into(),
                new.years_of_experience.get().into(),
            ],
            "doctor_id",
        )
        .await?;
        let mut audits = vec![audited(&txn, DOCTORS, id, AuditAction::Insert, actor, None).await?];
        audits.extend(schedule::replace_offices(&txn, actor, id, &new.office_ids).await?);
        let doctor = load(&txn, id).await?;
        commit_audited(txn, audits).await?;
        Ok(doctor)
    }

    async fn update(
        &self,
        actor: &Actor,
        doctor_id: i32,
        patch: DoctorPatch,
    ) -> StoreResult<Doctor> {
        let txn = begin(&self.db).await?;
        let before = lock_row(&txn, DOCTORS, doctor_id, "doctor").await?;
        let middle = patch.middle_name();
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE doctors SET
                first_name = COALESCE($2, first_name),
                middle_name = CASE WHEN $3 THEN $4 ELSE middle_name END,
                last_name = COALESCE($5, last_name),
                license_number = COALESCE($6, license_number),
                specialty_id = COALESCE($7, specialty_id),
                years_of_experience = COALESCE($8, years_of_experience),
                updated_at = now()
             WHERE doctor_id = $1",
            [
                doctor_id.into(),
                patch.first_name().map(str::to_owned).into(),
                middle.is_some().into(),
                middle.flatten().map(str::to_owned).into(),
                patch.last_name().map(str::to_owned).into(),
                patch.license_number().map(|l| l.as_str().to_owned()).into(),
                patch.specialty_id().into(),
                patch.years_of_experience().map(|y| y.get()).into(),
            ],
        ))
        .await
        .map_err(store_error)?;
        let audit = audited(
            &txn,
            DOCTORS,
            doctor_id,
            AuditAction::Update,
            actor,
            Some(before),
        )
        .await?;
        let doctor = load(&txn, doctor_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(doctor)
    }

    async fn offices(&self, doctor_id: i32) -> StoreResult<Vec<OfficeSummary>> {
        schedule::offices(&self.db, doctor_id).await
    }

    async fn set_offices(
        &self,
        actor: &Actor,
        doctor_id: i32,
        office_ids: OfficeIds,
    ) -> StoreResult<Vec<OfficeSummary>> {
        schedule::set_offices(&self.db, actor, doctor_id, office_ids).await
    }

    async fn working_hours(&self, doctor_id: i32) -> StoreResult<Vec<WorkingHours>> {
        schedule::working_hours(&self.db, doctor_id).await
    }

    async fn set_working_hours(
        &self,
        actor: &Actor,
        doctor_id: i32,
        schedule: WeeklySchedule,
    ) -> StoreResult<Vec<WorkingHours>> {
        schedule::set_working_hours(&self.db, actor, doctor_id, schedule).await
    }
}

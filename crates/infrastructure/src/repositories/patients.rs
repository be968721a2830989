//! Patients' registrations: who may see them, the searchable list, the profile and its edits.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::access::Actor;
use clinic_domain::identity::{NewPatientAccount, UserPatch};
use clinic_domain::patients::{
    Patient, PatientFilter, PatientPatch, PatientRepository, PatientScope, PatientSearchTerm,
    PostalAddress,
};
use clinic_domain::values::Address;
use clinic_domain::{Clock, Page, PageRequest, StoreResult, SystemClock};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::support::{
    Conditions, begin, commit_audited, contains_pattern, find_one, lock_patient, page_rows,
    starts_with_pattern, update_audited,
};
use super::treats::treats;
use super::users::{insert_patient_account, patch_account};

/// Patients in PostgreSQL.
#[derive(Clone)]
pub struct PgPatientRepository {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl PgPatientRepository {
    /// A repository over `db`, on the system clock.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_clock(db, Arc::new(SystemClock))
    }

    /// A repository over `db` that judges who treats whom at `clock`'s time.
    #[must_use]
    pub fn with_clock(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

const PATIENT_VIEW: &str = "SELECT p.patient_id, p.user_id, p.first_name, p.middle_name,
        p.last_name, p.address_line1, p.address_line2, p.city, p.state, p.postal_code,
        p.country, p.primary_doctor_id, p.created_at, p.updated_at, u.email,
        u.phone_country_code, u.phone_number, u.phone_extension, d.dob
    FROM patients p
    JOIN users u ON u.user_id = p.user_id
    LEFT JOIN demographics d ON d.user_id = p.user_id";

/// The name the list searches and ranks, written exactly as `patients_name_trgm_idx` is
/// defined so that the index serves `LIKE`, `%` and `<%`.
const NAME: &str = "lower(p.first_name || ' ' || p.last_name)";

/// The digits of an account's phone number, written exactly as `users_phone_digits_trgm_idx`
/// is defined.
const PHONE_DIGITS: &str = "regexp_replace(coalesce(u.phone_country_code, '') || coalesce(u.phone_number, ''), '[^0-9]', '', 'g')";

/// The default order of the list.
const BY_NAME: &str = "lower(p.last_name), lower(p.first_name), p.patient_id";

/// The `WHERE` clause of the patient list and its `ORDER BY`. Only the filters given become
/// predicates, so each plan fits its query: every search predicate is written exactly as its
/// trigram index is defined, and is not hidden behind an `$n IS NULL OR` that a generic plan
/// could not use the index for. A name search matches a part of the name or, with a typo, a
/// similar one (`%`: similarity of the whole name, `<%`: of the closest word), closest first.
fn list_condition(
    filter: &PatientFilter,
    doctor_id: Option<i32>,
    own: Option<i32>,
    now: DateTime<Utc>,
) -> (Conditions, String) {
    let fields = &filter.fields;
    let mut conditions = Conditions::default()
        .when(own, "p.patient_id = $")
        .when(filter.dob, "d.dob = $")
        .when(fields.patient_id, "p.patient_id = $")
        .when(fields.family.as_deref().map(starts_with_pattern), "lower(p.last_name) LIKE $")
        .when(
            fields.given.as_deref().map(starts_with_pattern),
            "(lower(p.first_name) LIKE $ OR lower(p.middle_name) LIKE $)",
        )
        .when(
            fields.name.as_deref().map(starts_with_pattern),
            "(lower(p.first_name) LIKE $ OR lower(p.middle_name) LIKE $ OR lower(p.last_name) LIKE $)",
        )
        .when(fields.gender, "d.gender = $")
        .when(fields.born_from, "d.dob >= $")
        .when(fields.born_before, "d.dob < $");
    let mut order = BY_NAME.to_owned();
    match &filter.term {
        None => {}
        Some(PatientSearchTerm::Name(name)) => {
            let like = conditions.param(contains_pattern(name));
            let text = conditions.param(name.clone());
            conditions.predicate(format!(
                "({NAME} LIKE {like} OR {NAME} % {text} OR {text} <% {NAME})"
            ));
            order = format!(
                "({NAME} LIKE {like}) DESC,
                 greatest(similarity({NAME}, {text}), word_similarity({text}, {NAME})) DESC,
                 {BY_NAME}"
            );
        }
        Some(PatientSearchTerm::Email(email)) => {
            let like = conditions.param(contains_pattern(email));
            conditions.predicate(format!("lower(u.email) LIKE {like}"));
        }
        Some(PatientSearchTerm::Phone(digits)) => {
            let like = conditions.param(contains_pattern(digits));
            conditions.predicate(format!(
                "u.phone_number IS NOT NULL AND {PHONE_DIGITS} LIKE {like}"
            ));
        }
        Some(PatientSearchTerm::BirthDate(dob)) => {
            let dob = conditions.param(*dob);
            conditions.predicate(format!("d.dob = {dob}"));
        }
    }
    if let Some(doctor_id) = doctor_id {
        let doctor = conditions.param(doctor_id);
        let now = conditions.param(now);
        conditions.predicate(treats("p.patient_id", &doctor, &now));
    }
    (conditions, order)
}

#[derive(Debug, FromQueryResult)]
struct PatientRow {
    patient_id: i32,
    user_id: i32,
    first_name: String,
    middle_name: Option<String>,
    last_name: String,
    address_line1: Option<String>,
    address_line2: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    primary_doctor_id: Option<i32>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    email: String,
    phone_country_code: Option<String>,
    phone_number: Option<String>,
    phone_extension: Option<String>,
    dob: Option<NaiveDate>,
}

impl From<PatientRow> for Patient {
    fn from(row: PatientRow) -> Self {
        // The application writes line 1, city and country together or not at all.
        let address = match (row.address_line1, row.city, row.country) {
            (Some(line1), Some(city), Some(country)) => Some(PostalAddress {
                line1,
                line2: row.address_line2,
                city,
                state: row.state,
                postal_code: row.postal_code,
                country,
            }),
            _ => None,
        };
        Patient {
            patient_id: row.patient_id,
            user_id: row.user_id,
            first_name: row.first_name,
            middle_name: row.middle_name,
            last_name: row.last_name,
            address,
            email: row.email,
            phone_country_code: row.phone_country_code,
            phone_number: row.phone_number,
            phone_extension: row.phone_extension,
            dob: row.dob,
            primary_doctor_id: row.primary_doctor_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

async fn load_patient<C: ConnectionTrait>(conn: &C, patient_id: i32) -> StoreResult<Patient> {
    let sql = format!("{PATIENT_VIEW} WHERE p.patient_id = $1");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [patient_id.into()]);
    let row: PatientRow = find_one(conn, stmt, "patient").await?;
    Ok(row.into())
}

fn address_values(address: Option<&Address>) -> [Value; 6] {
    [
        address.map(|a| a.line1().to_owned()).into(),
        address.and_then(|a| a.line2().map(str::to_owned)).into(),
        address.map(|a| a.city().to_owned()).into(),
        address.and_then(|a| a.state().map(str::to_owned)).into(),
        address
            .and_then(|a| a.postal_code().map(str::to_owned))
            .into(),
        address.map(|a| a.country().as_str().to_owned()).into(),
    ]
}

/// Writes the `patients` part of a patch (the row is locked) and returns its audit row.
async fn patch_patient_row<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    patch: &PatientPatch,
) -> StoreResult<clinic_domain::audit::AuditEntryDraft> {
    let name = &patch.name;
    let mut values: Vec<Value> = vec![
        patient_id.into(),
        name.first.clone().into(),
        name.middle.is_some().into(),
        name.middle.clone().flatten().into(),
        name.last.clone().into(),
        patch.address.is_some().into(),
    ];
    values.extend(address_values(
        patch.address.as_ref().and_then(Option::as_ref),
    ));
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE patients SET
            first_name = COALESCE($2, first_name),
            middle_name = CASE WHEN $3 THEN $4 ELSE middle_name END,
            last_name = COALESCE($5, last_name),
            address_line1 = CASE WHEN $6 THEN $7 ELSE address_line1 END,
            address_line2 = CASE WHEN $6 THEN $8 ELSE address_line2 END,
            city = CASE WHEN $6 THEN $9 ELSE city END,
            state = CASE WHEN $6 THEN $10 ELSE state END,
            postal_code = CASE WHEN $6 THEN $11 ELSE postal_code END,
            country = CASE WHEN $6 THEN $12 ELSE country END,
            updated_at = now()
         WHERE patient_id = $1",
        values,
    );
    let row = ("patients", "patient_id", patient_id.into());
    update_audited(conn, Some(actor.user_id), row, update).await
}

#[async_trait]
impl PatientRepository for PgPatientRepository {
    async fn list(&self, filter: &PatientFilter, page: PageRequest) -> StoreResult<Page<Patient>> {
        let (doctor_id, own) = match filter.scope {
            PatientScope::All => (None, None),
            PatientScope::TreatedBy(doctor_id) => (Some(doctor_id), None),
            PatientScope::Themself(patient_id) => (None, Some(patient_id)),
            PatientScope::Nobody => return Ok(Page::new(Vec::new(), page, 0)),
        };
        let (condition, order) = list_condition(filter, doctor_id, own, self.clock.now());
        let (rows, total) = page_rows::<PatientRow, _>(
            &self.db,
            &format!("{PATIENT_VIEW} {} ORDER BY {order}", condition.sql()),
            &format!(
                "SELECT count(*) AS total FROM patients p
                 JOIN users u ON u.user_id = p.user_id
                 LEFT JOIN demographics d ON d.user_id = p.user_id {}",
                condition.sql()
            ),
            condition.into_params(),
            page,
        )
        .await?;
        Ok(Page::new(rows, page, total).map(Patient::from))
    }

    async fn get(&self, patient_id: i32) -> StoreResult<Patient> {
        load_patient(&self.db, patient_id).await
    }

    async fn register(&self, actor: &Actor, new: NewPatientAccount) -> StoreResult<Patient> {
        let txn = begin(&self.db).await?;
        let registered = insert_patient_account(&txn, &new, Some(actor.user_id)).await?;
        let patient = load_patient(&txn, registered.patient_id).await?;
        commit_audited(txn, registered.audits).await?;
        Ok(patient)
    }

    async fn update(
        &self,
        actor: &Actor,
        patient_id: i32,
        patch: PatientPatch,
    ) -> StoreResult<Patient> {
        let txn = begin(&self.db).await?;
        let user_id = lock_patient(&txn, patient_id).await?;
        let mut audits = Vec::new();
        if patch.changes_patient() {
            audits.push(patch_patient_row(&txn, actor, patient_id, &patch).await?);
        }
        if patch.changes_account() {
            let account = UserPatch {
                email: patch.email.clone(),
                phone: patch.phone.clone(),
                ..UserPatch::default()
            };
            audits.push(patch_account(&txn, actor, user_id, &account).await?);
        }
        let patient = load_patient(&txn, patient_id).await?;
        commit_audited(txn, audits).await?;
        Ok(patient)
    }
}

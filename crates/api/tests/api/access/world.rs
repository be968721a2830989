//! The fixture clinic every access rule runs in, and the placeholders of rule paths.

use clinic_domain::identity::Role;
use serde_json::Value;

use crate::helpers::{TestApp, TestUser};

/// The people and things the access rules talk about.
pub struct World {
    pub admin: TestUser,
    pub staff: TestUser,
    /// Treats `own_patient` (in their care team).
    pub doctor: TestUser,
    pub other_doctor: TestUser,
    /// The patient-role user ("own").
    pub patient: TestUser,
    /// Another patient.
    pub other_patient: TestUser,
    pub office_id: i32,
    pub specialty_id: i32,
    /// An insurance policy of `patient` and one of `other_patient`.
    pub own_insurance_id: i32,
    pub other_insurance_id: i32,
    /// `patient` with `doctor`, and `other_patient` with `other_doctor`, next week.
    pub own_appointment_id: i32,
    pub other_appointment_id: i32,
    /// Last week's completed visits of `patient` and `other_patient` (FHIR Encounters).
    pub own_visit_id: i32,
    pub other_visit_id: i32,
    /// A notification to `patient`.
    pub own_notification_id: i32,
    /// Bills of last week's completed visits of `patient` and `other_patient`.
    pub own_bill_id: i32,
    pub other_bill_id: i32,
    /// A medical record on each appointment above (written straight into the database, so on
    /// a visit still scheduled), and one prescription on each record.
    pub own_record_id: i32,
    pub other_record_id: i32,
    pub own_prescription_id: i32,
    pub other_prescription_id: i32,
    /// Pending specialist approvals: for `patient`, requested by `doctor` of `other_doctor`
    /// ("own"); for `patient`, requested by `other_doctor` of `doctor` ("referred", addressed to
    /// the doctor); for `other_patient`, requested by `other_doctor` of a third doctor.
    pub own_approval_id: i32,
    pub referred_approval_id: i32,
    pub other_approval_id: i32,
    /// A calendar feed of `doctor`, and one of `other_doctor`.
    pub own_feed_id: i32,
    pub other_feed_id: i32,
    /// Waitlist entries of `patient` for `doctor` and of `other_patient` for `other_doctor`,
    /// each with an open offer of a slot three days ahead.
    pub own_entry_id: i32,
    pub other_entry_id: i32,
    pub own_offer_id: i32,
    pub other_offer_id: i32,
}

/// Placeholder → OpenAPI path parameter name. A rule path such as `/patients/{own_patient}`
/// matches the documented `/patients/{id}`.
const PLACEHOLDERS: [(&str, &str); 39] = [
    // The one Organization's id is a word, not a placeholder.
    ("/Organization/clinic", "/Organization/{id}"),
    // A record's first test result is FHIR Observation `{record}-1`.
    ("{own_record}-1", "{id}"),
    ("{other_record}-1", "{id}"),
    ("{own_visit}", "{id}"),
    ("{other_visit}", "{id}"),
    ("{own_user}", "{id}"),
    ("{other_user}", "{id}"),
    ("{own_patient}", "{id}"),
    ("{other_patient}", "{id}"),
    ("{own_doctor}", "{id}"),
    ("{other_doctor}", "{id}"),
    ("{office}", "{id}"),
    ("{specialty}", "{id}"),
    ("{own_insurance}", "{id}"),
    ("{other_insurance}", "{id}"),
    ("{own_doctor_as_member}", "{doctor_id}"),
    ("{other_doctor_as_member}", "{doctor_id}"),
    ("{missing}", "{id}"),
    ("{own_appointment}", "{id}"),
    ("{other_appointment}", "{id}"),
    ("{own_notification}", "{id}"),
    ("{own_bill}", "{id}"),
    ("{other_bill}", "{id}"),
    ("{own_record}", "{id}"),
    ("{other_record}", "{id}"),
    ("{own_prescription}", "{id}"),
    ("{other_prescription}", "{id}"),
    ("{own_approval}", "{id}"),
    ("{referred_approval}", "{id}"),
    ("{other_approval}", "{id}"),
    ("{own_feed}", "{id}"),
    ("{other_feed}", "{id}"),
    ("{own_entry}", "{id}"),
    ("{other_entry}", "{id}"),
    ("{own_offer}", "{id}"),
    ("{other_offer}", "{id}"),
    ("{missing_closure}", "{closure_id}"),
    ("{missing_time_off}", "{time_off_id}"),
    ("{missing_exception}", "{exception_id}"),
];

/// The documented path a rule path stands for.
pub fn template_of(path: &str) -> String {
    PLACEHOLDERS
        .iter()
        .fold(path.to_owned(), |p, (from, to)| p.replace(from, to))
}

impl World {
    /// Builds the fixture clinic in the app's database.
    pub async fn build(app: &TestApp) -> Self {
        let admin = app.user(Role::Admin, "admin").await;
        let staff = app.user(Role::Staff, "staff").await;
        let doctor = app.user(Role::Doctor, "doctor").await;
        let other_doctor = app.user(Role::Doctor, "otherdoc").await;
        let patient = app.user(Role::Patient, "patient").await;
        let other_patient = app.user(Role::Patient, "otherpat").await;
        let own = patient.patient_id.unwrap();
        let other = other_patient.patient_id.unwrap();
        app.exec(&format!(
            "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({own}, {doc}), ({other}, {odoc});
             INSERT INTO offices (name, address_line1, city, country) VALUES ('Main', '1 Main St', 'Town', 'US');
             INSERT INTO insurances (patient_id, provider_name, policy_number, holder_name, holder_relationship, valid_from)
                VALUES ({own}, 'Acme', 'P-1', 'Pat', 'self', '2024-01-01'),
                       ({other}, 'Acme', 'P-2', 'Other', 'self', '2024-01-01');
             INSERT INTO doctor_offices (doctor_id, office_id) SELECT d, office_id FROM offices, unnest(ARRAY[{doc}, {odoc}]) d;
             INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
                SELECT d, office_id, w, '08:00', '18:00' FROM offices, unnest(ARRAY[{doc}, {odoc}]) d, generate_series(1, 7) w;
             INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes, ends_at)
                SELECT p, d, office_id, date_trunc('day', now()) + interval '7 days 10 hours', 30,
                       date_trunc('day', now()) + interval '7 days 10 hours 30 minutes'
                FROM offices, (VALUES ({own}, {doc}), ({other}, {odoc})) v(p, d);
             INSERT INTO notifications (user_id, type_notif, message) VALUES ({own_user}, 'system', 'Welcome');
             WITH visits AS (
                INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes, ends_at, status)
                SELECT p, d, office_id, date_trunc('day', now()) - interval '7 days' + interval '10 hours', 30,
                       date_trunc('day', now()) - interval '7 days' + interval '10 hours 30 minutes', 'completed'
                FROM offices, (VALUES ({own}, {doc}), ({other}, {odoc})) v(p, d)
                RETURNING appointment_id, patient_id)
             INSERT INTO bills (patient_id, appointment_id, amount_due, billing_due)
                SELECT patient_id, appointment_id, 120, current_date + 30 FROM visits;",
            doc = doctor.doctor_id.unwrap(),
            odoc = other_doctor.doctor_id.unwrap(),
            own_user = patient.user_id,
        ))
        .await;
        let specialist = app.user(Role::Doctor, "specialist").await;
        app.exec(&format!(
            "INSERT INTO medical_records (patient_id, doctor_id, appointment_id, diagnosis, test_results)
                SELECT patient_id, doctor_id, appointment_id, 'Fixture',
                       '[{{\"name\": \"Hemoglobin\", \"value\": 13.5, \"unit\": \"g/dL\"}}]'
                FROM appointments;
             INSERT INTO prescriptions (record_id, medication_name, dose, route, frequency, quantity)
                SELECT record_id, 'Amoxicillin', '500 mg', 'oral', 'every 8 hours', 21 FROM medical_records;
             INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason)
                VALUES ({own}, {doc}, {odoc}, 'own'), ({own}, {odoc}, {doc}, 'referred'),
                       ({other}, {odoc}, {spec}, 'other');
             INSERT INTO calendar_feeds (doctor_id, token_hash, created_at)
                VALUES ({doc}, repeat('a', 64), now()), ({odoc}, repeat('b', 64), now());",
            doc = doctor.doctor_id.unwrap(),
            odoc = other_doctor.doctor_id.unwrap(),
            spec = specialist.doctor_id.unwrap(),
        ))
        .await;
        app.exec(&format!(
            "WITH entries AS (
                INSERT INTO waitlist_entries (patient_id, doctor_id, urgency)
                VALUES ({own}, {doc}, 'soon'), ({other}, {odoc}, 'soon')
                RETURNING entry_id, patient_id, doctor_id)
             INSERT INTO waitlist_offers (entry_id, source_appointment_id, doctor_id, office_id,
                 starts_at, ends_at, expires_at)
             SELECT e.entry_id, a.appointment_id, e.doctor_id, a.office_id,
                    date_trunc('day', now()) + interval '3 days 10 hours',
                    date_trunc('day', now()) + interval '3 days 10 hours 30 minutes',
                    now() + interval '1 day'
             FROM entries e JOIN appointments a
               ON a.patient_id = e.patient_id AND a.status = 'scheduled';",
            doc = doctor.doctor_id.unwrap(),
            odoc = other_doctor.doctor_id.unwrap(),
        ))
        .await;
        let id = |sql: &str| {
            let sql = sql.to_owned();
            async move { app.scalar(&sql).await.and_then(|v| v.as_i64()).unwrap() as i32 }
        };
        Self {
            office_id: id("SELECT office_id FROM offices").await,
            specialty_id: id("SELECT specialty_id FROM specialties ORDER BY 1 LIMIT 1").await,
            own_insurance_id: id(&format!(
                "SELECT insurance_id FROM insurances WHERE patient_id = {own}"
            ))
            .await,
            other_insurance_id: id(&format!(
                "SELECT insurance_id FROM insurances WHERE patient_id = {other}"
            ))
            .await,
            own_appointment_id: id(&format!(
                "SELECT appointment_id FROM appointments WHERE patient_id = {own}"
            ))
            .await,
            other_appointment_id: id(&format!(
                "SELECT appointment_id FROM appointments WHERE patient_id = {other}"
            ))
            .await,
            own_visit_id: id(&format!(
                "SELECT appointment_id FROM appointments WHERE patient_id = {own} AND status = 'completed'"
            ))
            .await,
            other_visit_id: id(&format!(
                "SELECT appointment_id FROM appointments WHERE patient_id = {other} AND status = 'completed'"
            ))
            .await,
            own_notification_id: id("SELECT notification_id::integer FROM notifications").await,
            own_bill_id: id(&format!(
                "SELECT bill_id FROM bills WHERE patient_id = {own}"
            ))
            .await,
            other_bill_id: id(&format!(
                "SELECT bill_id FROM bills WHERE patient_id = {other}"
            ))
            .await,
            own_record_id: id(&format!(
                "SELECT record_id FROM medical_records WHERE patient_id = {own}"
            ))
            .await,
            other_record_id: id(&format!(
                "SELECT record_id FROM medical_records WHERE patient_id = {other}"
            ))
            .await,
            own_prescription_id: id(&format!(
                "SELECT prescription_id FROM prescriptions JOIN medical_records USING (record_id) WHERE patient_id = {own}"
            ))
            .await,
            other_prescription_id: id(&format!(
                "SELECT prescription_id FROM prescriptions JOIN medical_records USING (record_id) WHERE patient_id = {other}"
            ))
            .await,
            own_approval_id: id("SELECT approval_id FROM specialist_approvals WHERE reason = 'own'")
                .await,
            referred_approval_id: id(
                "SELECT approval_id FROM specialist_approvals WHERE reason = 'referred'",
            )
            .await,
            other_approval_id: id(
                "SELECT approval_id FROM specialist_approvals WHERE reason = 'other'",
            )
            .await,
            own_feed_id: id(&format!(
                "SELECT feed_id FROM calendar_feeds WHERE doctor_id = {}",
                doctor.doctor_id.unwrap()
            ))
            .await,
            other_feed_id: id(&format!(
                "SELECT feed_id FROM calendar_feeds WHERE doctor_id = {}",
                other_doctor.doctor_id.unwrap()
            ))
            .await,
            own_entry_id: id(&format!(
                "SELECT entry_id FROM waitlist_entries WHERE patient_id = {own}"
            ))
            .await,
            other_entry_id: id(&format!(
                "SELECT entry_id FROM waitlist_entries WHERE patient_id = {other}"
            ))
            .await,
            own_offer_id: id(&format!(
                "SELECT offer_id FROM waitlist_offers JOIN waitlist_entries USING (entry_id) WHERE patient_id = {own}"
            ))
            .await,
            other_offer_id: id(&format!(
                "SELECT offer_id FROM waitlist_offers JOIN waitlist_entries USING (entry_id) WHERE patient_id = {other}"
            ))
            .await,
            admin,
            staff,
            doctor,
            other_doctor,
            patient,
            other_patient,
        }
    }

    /// The token of the user playing `role`.
    pub fn token(&self, role: Role) -> &str {
        match role {
            Role::Admin => &self.admin.token,
            Role::Staff => &self.staff.token,
            Role::Doctor => &self.doctor.token,
            Role::Patient => &self.patient.token,
        }
    }

    /// Replaces the placeholders of a rule path with this world's ids. "Own" always means the
    /// patient-role user's side (`{own_user}` is that user), "other" the other patient's.
    pub fn fill(&self, path: &str) -> String {
        let pairs = [
            ("{own_user}", self.patient.user_id),
            ("{other_user}", self.other_patient.user_id),
            ("{own_patient}", self.patient.patient_id.unwrap()),
            ("{other_patient}", self.other_patient.patient_id.unwrap()),
            ("{own_doctor}", self.doctor.doctor_id.unwrap()),
            ("{other_doctor}", self.other_doctor.doctor_id.unwrap()),
            ("{own_doctor_as_member}", self.doctor.doctor_id.unwrap()),
            (
                "{other_doctor_as_member}",
                self.other_doctor.doctor_id.unwrap(),
            ),
            ("{office}", self.office_id),
            ("{specialty}", self.specialty_id),
            ("{own_insurance}", self.own_insurance_id),
            ("{other_insurance}", self.other_insurance_id),
            ("{missing}", 999_999),
            ("{missing_closure}", 999_999),
            ("{missing_time_off}", 999_999),
            ("{missing_exception}", 999_999),
            ("{own_appointment}", self.own_appointment_id),
            ("{other_appointment}", self.other_appointment_id),
            ("{own_visit}", self.own_visit_id),
            ("{other_visit}", self.other_visit_id),
            ("{own_notification}", self.own_notification_id),
            ("{own_bill}", self.own_bill_id),
            ("{other_bill}", self.other_bill_id),
            ("{own_record}", self.own_record_id),
            ("{other_record}", self.other_record_id),
            ("{own_prescription}", self.own_prescription_id),
            ("{other_prescription}", self.other_prescription_id),
            ("{own_approval}", self.own_approval_id),
            ("{referred_approval}", self.referred_approval_id),
            ("{other_approval}", self.other_approval_id),
            ("{own_feed}", self.own_feed_id),
            ("{other_feed}", self.other_feed_id),
            ("{own_entry}", self.own_entry_id),
            ("{other_entry}", self.other_entry_id),
            ("{own_offer}", self.own_offer_id),
            ("{other_offer}", self.other_offer_id),
        ];
        pairs.iter().fold(path.to_owned(), |p, (from, id)| {
            p.replace(from, &id.to_string())
        })
    }

    /// Fills placeholders inside string values of a JSON body (e.g. `"{own_doctor}"` → 5).
    pub fn fill_json(&self, body: &Value) -> Value {
        match body {
            Value::String(s) if s.starts_with('{') && s.ends_with('}') => self
                .fill(s)
                .parse::<i64>()
                .map_or_else(|_| body.clone(), Value::from),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.fill_json(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.fill_json(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

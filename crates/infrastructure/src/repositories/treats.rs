//! The SQL twin of `clinic_domain::access::treats`: the one fragment every query uses to ask
//! whether a doctor treats a patient. `tests/treats.rs` checks it against the domain rule.

use clinic_domain::access::TREATMENT_WINDOW_DAYS;

/// A boolean SQL expression: doctor `doctor` treats patient `patient` at instant `now`, all
/// three SQL expressions (a column such as `a.patient_id`, or a placeholder such as `$2`; `now`
/// is bound from the application's clock, never PostgreSQL's `now()`, so the rule and its twin
/// tell the same time). Both lookups use indexes: `patient_doctors`' primary key and
/// `appointments_treats_idx (patient_id, doctor_id, ends_at) WHERE status <> 'cancelled'`.
///
/// The window is written in hours, not days: `timestamptz - interval 'n days'` follows the
/// session's time zone across daylight-saving changes, the domain's `Duration` does not.
pub fn treats(patient: &str, doctor: &str, now: &str) -> String {
    let hours = TREATMENT_WINDOW_DAYS * 24;
    format!(
        "(EXISTS (SELECT 1 FROM patient_doctors treats_pd
                  WHERE treats_pd.patient_id = {patient} AND treats_pd.doctor_id = {doctor})
          OR EXISTS (SELECT 1 FROM appointments treats_ap
                     WHERE treats_ap.patient_id = {patient} AND treats_ap.doctor_id = {doctor}
                       AND treats_ap.status <> 'cancelled'
                       AND treats_ap.ends_at > {now}::timestamptz - interval '{hours} hours'))"
    )
}

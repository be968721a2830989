//! The SQL twin of `clinic_domain::access::treats`: the one fragment every query uses to ask
//! whether a doctor treats a patient. `tests/treats.rs` checks it against the domain rule.

/// A boolean SQL expression: doctor `doctor` treats patient `patient`, both SQL expressions
/// (a column such as `a.patient_id`, or a placeholder such as `$2`). Both lookups use indexes:
/// `patient_doctors`' primary key and `appointments (patient_id, …)`.
pub fn treats(patient: &str, doctor: &str) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM patient_doctors treats_pd
                  WHERE treats_pd.patient_id = {patient} AND treats_pd.doctor_id = {doctor})
          OR EXISTS (SELECT 1 FROM appointments treats_ap
                     WHERE treats_ap.patient_id = {patient} AND treats_ap.doctor_id = {doctor}))"
    )
}

//! When a doctor treats a patient: the relationship that opens the patient's chart to them.
//!
//! This is the rule; `clinic_infrastructure`'s `treats` SQL fragment is its twin, used wherever a
//! list or a lookup must apply it inside a query, and tested against this function.

/// What the rule looks at, for one doctor and one patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreatmentFacts {
    /// The doctor is on the patient's care team.
    pub in_care_team: bool,
    /// The doctor has an appointment with the patient.
    pub has_appointment: bool,
}

/// Whether the doctor treats the patient: on the care team, or with an appointment with them.
#[must_use]
pub fn treats(facts: TreatmentFacts) -> bool {
    facts.in_care_team || facts.has_appointment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_care_team_member_or_a_doctor_with_an_appointment_treats_the_patient() {
        for (in_care_team, has_appointment, expected) in [
            (false, false, false),
            (true, false, true),
            (false, true, true),
            (true, true, true),
        ] {
            let facts = TreatmentFacts {
                in_care_team,
                has_appointment,
            };
            assert_eq!(treats(facts), expected, "{facts:?}");
        }
    }
}

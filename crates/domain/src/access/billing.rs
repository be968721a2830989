//! Who records which kind of payment, and who refunds and adjusts.
//!
//! Money a patient could merely *claim* to have paid (cash, card at the desk, insurance,
//! cheque, a transfer) is recorded by staff, who saw it arrive. A patient pays only online,
//! where the payment provider, not the patient, says that money moved.

use crate::access::{Actor, Decision};
use crate::billing::PaymentMethod;
use crate::identity::Role;

/// Whether `actor`, already allowed to pay the bill ([`Action::PayBill`]), may pay it by
/// `method`: staff and admins record every method the clinic receives; a patient pays only
/// online; an online charge is the payer's own, so staff never make one on a patient's token.
///
/// [`Action::PayBill`]: crate::access::Action::PayBill
#[must_use]
pub fn may_record_payment(actor: &Actor, method: PaymentMethod) -> Decision {
    match (actor.role, method.is_online()) {
        (Role::Admin | Role::Staff, false) | (Role::Patient, true) => Decision::Allow,
        (Role::Admin | Role::Staff, true) | (Role::Patient, false) | (Role::Doctor, _) => {
            Decision::Forbidden
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_record_every_method_but_an_online_charge() {
        for role in [Role::Staff, Role::Admin] {
            let actor = Actor::test(role, None, None);
            for method in PaymentMethod::ALL.iter().copied() {
                let expected = if method == PaymentMethod::Online {
                    Decision::Forbidden
                } else {
                    Decision::Allow
                };
                assert_eq!(may_record_payment(&actor, method), expected, "{method}");
            }
        }
    }

    #[test]
    fn a_patient_pays_only_online_never_by_a_method_that_moves_no_money() {
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(
            may_record_payment(&patient, PaymentMethod::Online),
            Decision::Allow
        );
        for method in [
            PaymentMethod::Cash,
            PaymentMethod::Insurance,
            PaymentMethod::CardPresent,
            PaymentMethod::Cheque,
            PaymentMethod::Card,
            PaymentMethod::Transfer,
            PaymentMethod::Other,
        ] {
            assert_eq!(
                may_record_payment(&patient, method),
                Decision::Forbidden,
                "{method}"
            );
        }
    }

    #[test]
    fn a_doctor_records_no_payment() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        for method in PaymentMethod::ALL.iter().copied() {
            assert_eq!(may_record_payment(&doctor, method), Decision::Forbidden);
        }
    }
}

//! Access rules of patients, care teams, emergency contacts and insurances. Filled in with those routes.

use super::Rule;

pub fn rules() -> Vec<Rule> {
    Vec::new()
}

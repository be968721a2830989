//! Access rules of the directory: specialties, offices, doctors. Filled in with those routes.

use super::Rule;

pub fn rules() -> Vec<Rule> {
    Vec::new()
}

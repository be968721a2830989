//! utoipa takes only literals in `#[schema(max_length = …)]`, so the document repeats numbers
//! the domain defines once as constants. These tests keep every repeated number equal to its
//! constant, so the document, the generated client and the value objects cannot drift apart.

use clinic_domain::PageRequest;
use clinic_domain::scheduling::AppointmentDuration;
use clinic_domain::values::address;
use serde_json::Value;

use crate::routes::common::MAX_SEARCH_CHARS;

fn document() -> Value {
    serde_json::from_str(&super::document_json()).expect("the document is JSON")
}

/// `key` (e.g. `maxLength`) of property `property` of component schema `schema`.
fn property(doc: &Value, schema: &str, property: &str, key: &str) -> u64 {
    doc["components"]["schemas"][schema]["properties"][property][key]
        .as_u64()
        .unwrap_or_else(|| panic!("{schema}.{property} has no {key}"))
}

/// `key` of every query parameter named `name`, across all operations.
fn parameters(doc: &Value, name: &str, key: &str) -> Vec<(String, u64)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for operation in item.as_object().expect("operations").values() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["name"] == name {
                    let value = parameter["schema"][key]
                        .as_u64()
                        .unwrap_or_else(|| panic!("{path}: {name} has no {key}"));
                    found.push((path.clone(), value));
                }
            }
        }
    }
    assert!(!found.is_empty(), "no parameter {name}");
    found
}

fn as_u64(n: usize) -> u64 {
    u64::try_from(n).expect("a small limit")
}

#[test]
fn contact_schema_states_the_domain_limits() {
    let doc = document();
    for (part, max) in [
        ("line1", address::MAX_LINE_CHARS),
        ("line2", address::MAX_LINE_CHARS),
        ("city", address::MAX_PLACE_CHARS),
        ("state", address::MAX_PLACE_CHARS),
        ("postal_code", address::MAX_POSTAL_CODE_CHARS),
    ] {
        assert_eq!(
            property(&doc, "AddressBody", part, "maxLength"),
            as_u64(max),
            "{part}"
        );
    }
}

#[test]
fn appointment_lengths_in_the_schema_are_the_domain_bounds() {
    let doc = document();
    for schema in ["BookAppointmentRequest", "RescheduleRequest"] {
        assert_eq!(
            property(&doc, schema, "duration_minutes", "minimum"),
            u64::from(AppointmentDuration::MIN_MINUTES),
            "{schema}"
        );
        assert_eq!(
            property(&doc, schema, "duration_minutes", "maximum"),
            u64::from(AppointmentDuration::MAX_MINUTES),
            "{schema}"
        );
    }
    for (key, bound) in [
        ("minimum", AppointmentDuration::MIN_MINUTES),
        ("maximum", AppointmentDuration::MAX_MINUTES),
    ] {
        for (path, value) in parameters(&doc, "slot_minutes", key) {
            assert_eq!(value, u64::from(bound), "{path}");
        }
    }
}

#[test]
fn every_list_states_the_page_size_and_search_limits() {
    let doc = document();
    for (path, max) in parameters(&doc, "per_page", "maximum") {
        assert_eq!(max, u64::from(PageRequest::MAX_PER_PAGE), "{path}");
    }
    for (path, max) in parameters(&doc, "q", "maxLength") {
        assert_eq!(max, as_u64(MAX_SEARCH_CHARS), "{path}");
    }
}

//! Search results as a `searchset` Bundle: the matches of one page, what they `_include`, the
//! total, and `self`/`next`/`previous` links that replay the same search.

use serde_json::{Value, json};

use super::Fhir;
use super::search::Search;

/// The matches of one page, and the resources they include.
#[derive(Debug, Default)]
pub struct Found {
    /// How many resources match in all (over every page).
    pub total: u64,
    pub matches: Vec<Value>,
    pub included: Vec<Value>,
}

impl Found {
    /// No match at all.
    pub fn none() -> Self {
        Self::default()
    }
}

/// The `searchset` Bundle of `found` for `search`.
pub fn searchset(fhir: &Fhir<'_>, search: &Search, found: Found) -> Value {
    let link = |relation: &str, page: u32| {
        json!({
            "relation": relation,
            "url": format!("{}/{}?{}", fhir.base, search.resource.name, search.query_at(page)),
        })
    };
    let mut links = vec![link("self", search.page)];
    let seen = u64::from(search.page) * u64::from(search.count);
    if seen < found.total {
        links.push(link("next", search.page + 1));
    }
    if search.page > 1 {
        links.push(link("previous", search.page - 1));
    }
    let entry = |resource: Value, mode: &str| {
        json!({
            "fullUrl": fhir.full_url(&resource),
            "resource": resource,
            "search": {"mode": mode},
        })
    };
    let entries: Vec<Value> = found
        .matches
        .into_iter()
        .map(|r| entry(r, "match"))
        .chain(found.included.into_iter().map(|r| entry(r, "include")))
        .collect();
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "total": found.total,
        "link": links,
    });
    if !entries.is_empty() {
        bundle["entry"] = Value::Array(entries);
    }
    bundle
}

/// Keeps the first of each `Type/id` and drops the rest (an include named by several matches,
/// or a resource both matched and included).
pub fn dedupe(resources: &mut Vec<Value>, already: &[Value]) {
    let key = |r: &Value| format!("{}/{}", r["resourceType"], r["id"]);
    let mut seen: std::collections::HashSet<String> = already.iter().map(key).collect();
    resources.retain(|r| seen.insert(key(r)));
}

//! Pieces of SQL statements: a `WHERE` clause of only the filters that are set, a `LIKE`
//! pattern for a search term, the parameters of a partial update.

use sea_orm::Value;

/// A `LIKE` pattern matching `text` anywhere, lower-cased, with wildcards in it escaped.
pub(crate) fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A `LIKE` pattern matching text that starts with `text`, lower-cased, its wildcards escaped.
pub(crate) fn starts_with_pattern(text: &str) -> String {
    let contained = contains_pattern(text);
    contained[1..].to_owned()
}

/// `(keep, value)` for an optional column of a partial update, for SQL such as
/// `col = CASE WHEN $keep THEN col ELSE $value END`: `None` keeps it, `Some(v)` sets it to `v`
/// (`Some(None)` clears it).
pub(crate) fn keep_or_set<T>(change: Option<Option<T>>) -> (bool, Option<T>) {
    match change {
        None => (true, None),
        Some(value) => (false, value),
    }
}

/// A `WHERE` clause made of only the filters that are set, numbering parameters as they come.
///
/// The alternative, one statement with `($n IS NULL OR col = $n)` for every filter, reads well
/// but plans badly: its generic plan cannot know which filters are set, so PostgreSQL re-plans it
/// on every execution (measured: planning took 40% of the database's CPU on a doctor's week).
/// Here each combination of filters is its own statement, whose cached generic plan uses the
/// right index.
#[derive(Default)]
pub(crate) struct Conditions {
    predicates: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    /// Adds `predicate`, in which every `$` stands for `value`'s parameter, when `value` is set.
    pub(crate) fn when<V: Into<Value>>(mut self, value: Option<V>, predicate: &str) -> Self {
        if let Some(value) = value {
            self.params.push(value.into());
            let placeholder = format!("${}", self.params.len());
            self.predicates.push(predicate.replace('$', &placeholder));
        }
        self
    }

    /// Adds a parameter and returns its placeholder, for predicates with several parameters.
    pub(crate) fn param<V: Into<Value>>(&mut self, value: V) -> String {
        self.params.push(value.into());
        format!("${}", self.params.len())
    }

    /// Adds a predicate whose placeholders came from [`Conditions::param`].
    pub(crate) fn predicate(&mut self, sql: String) {
        self.predicates.push(sql);
    }

    /// `WHERE a AND b …`, or nothing when no filter is set.
    pub(crate) fn sql(&self) -> String {
        if self.predicates.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.predicates.join(" AND "))
        }
    }

    /// The parameters, in placeholder order.
    pub(crate) fn into_params(self) -> Vec<Value> {
        self.params
    }
}

#[cfg(test)]
mod conditions_tests {
    use super::Conditions;

    #[test]
    fn only_set_filters_become_predicates_numbered_in_order() {
        let conditions = Conditions::default()
            .when(None::<i32>, "a.doctor_id = $")
            .when(Some(7), "a.patient_id = $")
            .when(Some("x".to_owned()), "a.status = $ AND a.note <> $");
        assert_eq!(
            conditions.sql(),
            "WHERE a.patient_id = $1 AND a.status = $2 AND a.note <> $2"
        );
        assert_eq!(conditions.into_params().len(), 2);
        assert_eq!(Conditions::default().sql(), "");
    }
}

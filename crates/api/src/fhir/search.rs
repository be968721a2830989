//! A search request as FHIR sends it: the query string read against the type's parameters
//! (strict unless the client sent `Prefer: handling=lenient`), the page, and the `_include`s;
//! and the same search written back as the query of a link that replays it.

use actix_web::HttpRequest;
use clinic_domain::pagination::PageRequest;

use super::date::DateBounds;
use super::registry::{ParamKind, ResourceType};
use crate::error::{ApiError, ApiResult, FieldError};

/// Matches per page when the client does not say.
pub const DEFAULT_COUNT: u32 = 20;
/// Most matches per page (`_count` above it is refused in strict handling, lowered in lenient).
pub const MAX_COUNT: u32 = 100;

/// A parsed search of one resource type.
#[derive(Debug)]
pub struct Search {
    pub resource: &'static ResourceType,
    /// The parameters used, in the order sent, as `(name, value)`.
    params: Vec<(&'static str, String)>,
    pub count: u32,
    /// The page, from 1 (`_page`).
    pub page: u32,
    /// The `_include` values asked for.
    pub includes: Vec<&'static str>,
}

/// What a reference or id parameter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Not given: anything.
    Any,
    /// This id.
    Id(i32),
    /// An id none of ours can be (not a number, another type): nothing matches.
    Nothing,
}

impl Wanted {
    /// The id as a filter, or `Err(())` when nothing can match.
    pub fn filter(self) -> Result<Option<i32>, ()> {
        match self {
            Self::Any => Ok(None),
            Self::Id(id) => Ok(Some(id)),
            Self::Nothing => Err(()),
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::InvalidQuery {
        errors: vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }],
    }
}

/// True when the client asked for lenient handling of unknown parameters.
pub fn lenient(req: &HttpRequest) -> bool {
    req.headers()
        .get_all("prefer")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split([',', ';']))
        .any(|part| part.trim().eq_ignore_ascii_case("handling=lenient"))
}

/// Reads `query` (the raw query string) as a search of `resource`.
///
/// # Errors
/// 400 `invalid_query` naming every parameter that is unknown (strict handling), repeated where
/// it may not be, malformed, or empty.
pub fn parse(resource: &'static ResourceType, query: &str, lenient: bool) -> ApiResult<Search> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query).map_err(|_| invalid("query", "is not URL-encoded"))?;
    let mut errors = Vec::new();
    let mut search = Search {
        resource,
        params: Vec::new(),
        count: DEFAULT_COUNT,
        page: 1,
        includes: Vec::new(),
    };
    for (name, value) in pairs {
        let mut refuse = |message: String| {
            errors.push(FieldError {
                field: name.clone(),
                message,
            });
        };
        match name.as_str() {
            "_count" => match value.parse::<u32>() {
                Ok(n @ 1..=MAX_COUNT) => search.count = n,
                Ok(n) if n > MAX_COUNT && lenient => search.count = MAX_COUNT,
                _ => refuse(format!("must be a whole number from 1 to {MAX_COUNT}")),
            },
            "_page" => match value.parse::<u32>() {
                Ok(n) if n >= 1 => search.page = n,
                _ => refuse("must be a whole number from 1".into()),
            },
            "_include" => match resource.includes.iter().find(|i| **i == value) {
                Some(include) => search.includes.push(include),
                None if lenient => {}
                None => refuse(include_help(resource)),
            },
            "_format" => {
                if !matches!(
                    value.as_str(),
                    "json" | "application/json" | "application/fhir+json"
                ) {
                    refuse("only json is served".into());
                }
            }
            _ => match resource.param(&name) {
                Some(_) if value.trim().is_empty() => refuse("needs a value".into()),
                // No value of ours holds them, and the database would refuse a NUL.
                Some(_) if value.chars().any(char::is_control) => {
                    refuse("must not contain control characters".into());
                }
                Some(param) if value.contains(',') && param.kind != ParamKind::String => {
                    refuse("takes one value; several (a,b) are not supported".into());
                }
                Some(param) => search.params.push((param.name, value)),
                // Modifiers (`name:exact`) and chains (`patient.name`) are not supported.
                None if lenient => {}
                None => refuse(format!(
                    "is not a search parameter of {} here; see /fhir/R4/metadata",
                    resource.name
                )),
            },
        }
    }
    if errors.is_empty() {
        Ok(search)
    } else {
        Err(ApiError::InvalidQuery { errors })
    }
}

fn include_help(resource: &ResourceType) -> String {
    if resource.includes.is_empty() {
        format!("{} takes no _include", resource.name)
    } else {
        format!("must be one of {}", resource.includes.join(", "))
    }
}

impl Search {
    /// A search of every match, for `$everything` and includes: no parameters, one page.
    pub fn everything(resource: &'static ResourceType, count: u32, page: u32) -> Self {
        Self {
            resource,
            params: Vec::new(),
            count,
            page,
            includes: Vec::new(),
        }
    }

    /// Adds a parameter (as if sent), for searches the server makes itself.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: String) -> Self {
        self.params.push((name, value));
        self
    }

    /// True when a search parameter (not paging) was given.
    pub fn has_params(&self) -> bool {
        !self.params.is_empty() || !self.includes.is_empty()
    }

    /// The domain's page of this search.
    pub fn page_request(&self) -> PageRequest {
        PageRequest::parse(Some(self.page), Some(self.count)).unwrap_or_default()
    }

    /// Every value of `name`, in the order sent.
    pub fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + 'a {
        let name = name.to_owned();
        self.params
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The one value of `name`.
    ///
    /// # Errors
    /// 400 when it was sent more than once.
    pub fn single(&self, name: &str) -> ApiResult<Option<&str>> {
        let mut values = self.values(name);
        let first = values.next();
        if values.next().is_some() {
            return Err(invalid(name, "may be given once"));
        }
        Ok(first)
    }

    /// The text of a `string` parameter, lower-cased and trimmed.
    ///
    /// # Errors
    /// 400 when repeated.
    pub fn text(&self, name: &str) -> ApiResult<Option<String>> {
        Ok(self.single(name)?.map(|v| v.trim().to_lowercase()))
    }

    /// The id a reference parameter (`Type/id`, the id alone, or a full URL ending in
    /// `Type/id`) or `_id` names, for resources of type `target`.
    ///
    /// # Errors
    /// 400 when repeated.
    pub fn reference(&self, name: &str, target: &str) -> ApiResult<Wanted> {
        let Some(value) = self.single(name)? else {
            return Ok(Wanted::Any);
        };
        let id = match value.rsplit_once('/') {
            None => value,
            Some((before, id)) if before == target || before.ends_with(&format!("/{target}")) => id,
            Some(_) => return Ok(Wanted::Nothing),
        };
        // "007" is not how any id of ours is written, so it names none.
        Ok(match id.parse::<i32>() {
            Ok(n) if n > 0 && n.to_string() == id => Wanted::Id(n),
            _ => Wanted::Nothing,
        })
    }

    /// The id `_id` names.
    ///
    /// # Errors
    /// 400 when repeated.
    pub fn id(&self) -> ApiResult<Wanted> {
        self.reference("_id", self.resource.name)
    }

    /// The bounds every value of the date parameter `name` sets together.
    ///
    /// # Errors
    /// 400 naming the malformed value.
    pub fn dates(&self, name: &str) -> ApiResult<DateBounds> {
        let mut bounds = DateBounds::default();
        for value in self.values(name) {
            bounds
                .narrow(value)
                .map_err(|message| invalid(name, message))?;
        }
        Ok(bounds)
    }

    /// The query string of this search at `page`: the parameters used, in the order sent,
    /// then the includes, the count and the page; so a link replays exactly this search.
    pub fn query_at(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = self
            .params
            .iter()
            .map(|(name, value)| (*name, value.clone()))
            .collect();
        pairs.extend(self.includes.iter().map(|i| ("_include", (*i).to_owned())));
        pairs.push(("_count", self.count.to_string()));
        pairs.push(("_page", page.to_string()));
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fhir::registry;

    fn appointment() -> &'static ResourceType {
        registry::find("Appointment").unwrap()
    }

    fn fields(error: ApiError) -> Vec<String> {
        match error {
            ApiError::InvalidQuery { errors } => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected invalid_query, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_parameter_is_refused_unless_handling_is_lenient() {
        let query = "patient=12&colour=red&date:missing=true";
        let error = parse(appointment(), query, false).unwrap_err();
        assert_eq!(fields(error), ["colour", "date:missing"]);
        let lenient = parse(appointment(), query, true).unwrap();
        assert_eq!(lenient.values("patient").collect::<Vec<_>>(), ["12"]);
        assert_eq!(lenient.query_at(1), "patient=12&_count=20&_page=1");
    }

    #[test]
    fn the_link_query_replays_the_search() {
        let query = "date=ge2030-01-07&practitioner=Practitioner%2F3&date=lt2030-01-14&_count=10&_include=Appointment:patient";
        let search = parse(appointment(), query, false).unwrap();
        let again = parse(appointment(), &search.query_at(2), false).unwrap();
        assert_eq!(again.params, search.params);
        assert_eq!(again.includes, search.includes);
        assert_eq!((again.count, again.page), (10, 2));
    }

    #[test]
    fn references_name_ids_of_their_type_only() {
        let search = |q: &str| parse(appointment(), q, false).unwrap();
        assert_eq!(
            search("patient=Patient/7")
                .reference("patient", "Patient")
                .unwrap(),
            Wanted::Id(7)
        );
        assert_eq!(
            search("patient=7").reference("patient", "Patient").unwrap(),
            Wanted::Id(7)
        );
        assert_eq!(
            search("patient=http://x/fhir/R4/Patient/7")
                .reference("patient", "Patient")
                .unwrap(),
            Wanted::Id(7)
        );
        for nothing in ["Practitioner/7", "abc", "0", "-3", "007", "99999999999"] {
            let query = format!("patient={nothing}");
            assert_eq!(
                search(&query).reference("patient", "Patient").unwrap(),
                Wanted::Nothing,
                "{nothing}"
            );
        }
    }

    #[test]
    fn count_is_bounded_and_paging_validated() {
        for bad in [
            "_count=0",
            "_count=101",
            "_count=x",
            "_page=0",
            "status=a,b",
            "patient=",
        ] {
            assert!(parse(appointment(), bad, false).is_err(), "{bad}");
        }
        assert_eq!(
            parse(appointment(), "_count=500", true).unwrap().count,
            MAX_COUNT
        );
    }
}

//! Lists: the `page`/`per_page` query, the page a list answers, and the `q` search term.

use clinic_domain::{Page, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult};

/// `page` and `per_page` of every list.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1.
    #[param(minimum = 1, example = 1)]
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// The validated page request.
    ///
    /// # Errors
    /// 422 naming `page` or `per_page`.
    pub fn request(self) -> ApiResult<PageRequest> {
        PageRequest::parse(self.page, self.per_page).map_err(ApiError::from)
    }
}

/// One page of a list, in a stable order.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageResponse<T: ToSchema> {
    /// The items of this page.
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size asked for.
    pub per_page: u32,
    /// How many items match in all, counted up to 10 000: when more match, the count stops
    /// and `total` is 10 001, meaning "more than 10 000" (`total_exact` is then false). Narrow
    /// the filter to count exactly.
    pub total: u64,
    /// Whether `total` is exact (false: more than 10 000 items match).
    pub total_exact: bool,
}

impl<T: ToSchema> PageResponse<T> {
    /// A page with no items, for a list whose scope admits nothing.
    pub fn empty(request: PageRequest) -> Self {
        Self::from_page(Page::new(Vec::new(), request, 0), |item: T| item)
    }

    /// Converts a domain page, mapping each item.
    pub fn from_page<U>(page: Page<U>, f: impl FnMut(U) -> T) -> Self {
        let page = page.map(f);
        Self {
            total_exact: page.total_is_exact(),
            page: page.page,
            per_page: page.per_page,
            total: page.total,
            items: page.items,
        }
    }
}

/// Longest `q` search term of a list, in characters (after trimming).
pub const MAX_SEARCH_CHARS: usize = 100;

/// A list's `q` parameter, trimmed; blank is no filter.
///
/// # Errors
/// 422 on `q` when longer than [`MAX_SEARCH_CHARS`] characters once trimmed.
pub fn search_term(q: Option<String>) -> ApiResult<Option<String>> {
    match q.as_deref().map(str::trim) {
        Some(q) if q.chars().count() > MAX_SEARCH_CHARS => Err(ApiError::invalid_field(
            "q",
            format!("must be at most {MAX_SEARCH_CHARS} characters long"),
        )),
        Some("") | None => Ok(None),
        Some(q) => Ok(Some(q.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_term_is_trimmed_before_it_is_bounded_and_blank_is_no_filter() {
        assert_eq!(
            search_term(Some(" ada ".into())).unwrap(),
            Some("ada".into())
        );
        assert_eq!(search_term(Some("  ".into())).unwrap(), None);
        assert_eq!(search_term(None).unwrap(), None);
        let padded = format!(" {} ", "x".repeat(MAX_SEARCH_CHARS));
        assert_eq!(search_term(Some(padded)).unwrap().unwrap().len(), 100);
        assert!(search_term(Some("x".repeat(MAX_SEARCH_CHARS + 1))).is_err());
    }
}

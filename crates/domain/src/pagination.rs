//! Lists answer a page at a time: `page` from 1, `per_page` 1..=100 (default 20).

use crate::error::{ValidationError, ValidationErrors};

/// Which page of a list the client asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u32,
    per_page: u32,
}

impl PageRequest {
    /// Items per page when the client does not say.
    pub const DEFAULT_PER_PAGE: u32 = 20;
    /// Most items per page; bounds the work of one request.
    pub const MAX_PER_PAGE: u32 = 100;

    /// Validates the query parameters; absent ones take their defaults (page 1, 20 per page).
    ///
    /// # Errors
    /// `page` below 1, `per_page` outside 1..=100; both reported together.
    pub fn parse(
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Result<PageRequest, ValidationErrors> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(Self::DEFAULT_PER_PAGE);
        let mut errors = ValidationErrors::new();
        if page == 0 {
            errors.push(ValidationError::new("page", "must be at least 1"));
        }
        if !(1..=Self::MAX_PER_PAGE).contains(&per_page) {
            errors.push(ValidationError::new(
                "per_page",
                format!("must be between 1 and {}", Self::MAX_PER_PAGE),
            ));
        }
        errors
            .into_result()
            .map(|()| PageRequest { page, per_page })
    }

    /// The page number, from 1.
    pub fn page(&self) -> u32 {
        self.page
    }

    /// Items per page.
    pub fn per_page(&self) -> u32 {
        self.per_page
    }

    /// Rows to skip: `(page - 1) * per_page`, as u64 so a huge page number cannot overflow.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// Rows to fetch.
    pub fn limit(&self) -> u64 {
        u64::from(self.per_page)
    }

    /// The list's total when `found` rows came back for this page and the page is the list's
    /// end: fewer rows than asked for, and either some rows or the first page (an empty page
    /// further on says only that the list is shorter than its offset). Capped as a count is
    /// ([`COUNT_LIMIT`]). Stores skip counting then: most lists fit on their first page.
    pub fn total_if_last(&self, found: usize) -> Option<u64> {
        let found = u64::try_from(found).ok()?;
        let ends_here = found < self.limit() && (found > 0 || self.offset() == 0);
        ends_here.then(|| (self.offset() + found).min(COUNT_LIMIT + 1))
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }
}

/// How far a list counts its matches. Counting every row of a table of millions, for every
/// page of an unfiltered list, is work the answer does not need: a store counts up to one more
/// than this and stops, and a [`Page::total`] above it means "more than `COUNT_LIMIT`".
pub const COUNT_LIMIT: u64 = 10_000;

/// One page of a list, with the total so the client can show "page 2 of 7".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items on this page, in the list's stable order.
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page that was asked for.
    pub per_page: u32,
    /// Items in the whole list, counted up to [`COUNT_LIMIT`] + 1 (which means "more").
    pub total: u64,
}

impl<T> Page<T> {
    /// Whether [`Page::total`] is the exact number of matches, rather than a sign that there
    /// are more than [`COUNT_LIMIT`].
    #[must_use]
    pub fn total_is_exact(&self) -> bool {
        self.total <= COUNT_LIMIT
    }

    /// A page of `items` for `request` out of `total`.
    pub fn new(items: Vec<T>, request: PageRequest, total: u64) -> Self {
        Page {
            items,
            page: request.page,
            per_page: request.per_page,
            total,
        }
    }

    /// The same page with each item converted, e.g. from a model to a response DTO.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }

    /// Like [`map`](Self::map) for a conversion that can fail; the first failure is returned.
    ///
    /// # Errors
    /// The first error `f` returns.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, _>>()?,
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_parameters_give_the_first_page_of_twenty() {
        let request = PageRequest::parse(None, None).unwrap();
        assert_eq!((request.page(), request.per_page()), (1, 20));
        assert_eq!((request.offset(), request.limit()), (0, 20));
    }

    #[test]
    fn the_offset_skips_the_earlier_pages() {
        let request = PageRequest::parse(Some(3), Some(25)).unwrap();
        assert_eq!(request.offset(), 50);
        assert_eq!(request.limit(), 25);
    }

    #[test]
    fn the_largest_page_number_does_not_overflow_the_offset() {
        let request = PageRequest::parse(Some(u32::MAX), Some(100)).unwrap();
        assert_eq!(request.offset(), u64::from(u32::MAX - 1) * 100);
    }

    #[test]
    fn a_page_that_is_not_full_ends_the_list_and_gives_its_total() {
        let third = PageRequest::parse(Some(3), Some(25)).unwrap();
        assert_eq!(third.total_if_last(7), Some(57));
        let first = PageRequest::parse(None, Some(25)).unwrap();
        assert_eq!(
            first.total_if_last(0),
            Some(0),
            "an empty first page: an empty list"
        );
    }

    #[test]
    fn a_full_page_or_an_empty_later_page_needs_a_count() {
        let third = PageRequest::parse(Some(3), Some(25)).unwrap();
        assert_eq!(third.total_if_last(25), None, "more may follow a full page");
        assert_eq!(
            third.total_if_last(0),
            None,
            "the list may end anywhere before page 3"
        );
    }

    #[test]
    fn a_known_total_is_capped_as_a_count_is() {
        let far = PageRequest::parse(Some(500), Some(100)).unwrap();
        assert_eq!(far.total_if_last(3), Some(COUNT_LIMIT + 1));
    }

    #[test]
    fn page_zero_and_oversized_pages_are_both_reported() {
        let errors = PageRequest::parse(Some(0), Some(101)).unwrap_err();
        assert!(errors.has_field("page"));
        assert!(errors.has_field("per_page"));
        assert!(PageRequest::parse(None, Some(0)).is_err());
        assert!(PageRequest::parse(None, Some(100)).is_ok());
    }

    #[test]
    fn a_failing_conversion_fails_the_whole_page() {
        let page = Page::new(vec![1, 2, 3], PageRequest::default(), 3);
        let converted = page.clone().try_map(|n| if n < 3 { Ok(n) } else { Err(n) });
        assert_eq!(converted, Err(3));
        let doubled = page.try_map(|n| Ok::<_, ()>(n * 2)).unwrap();
        assert_eq!((doubled.items, doubled.total), (vec![2, 4, 6], 3));
    }

    #[test]
    fn mapping_a_page_keeps_its_position_and_total() {
        let request = PageRequest::parse(Some(2), Some(2)).unwrap();
        let page = Page::new(vec![1, 2], request, 5).map(|n| n * 10);
        assert_eq!(page.items, [10, 20]);
        assert_eq!((page.page, page.per_page, page.total), (2, 2, 5));
    }
}

//! HTTP answers of the use cases of bills, payments and voids.

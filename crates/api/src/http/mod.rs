//! HTTP plumbing shared by every route: extractor error handlers, request logging.

pub mod extractors;
pub mod request_log;
pub mod web_app;

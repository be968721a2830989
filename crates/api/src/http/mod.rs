//! HTTP plumbing shared by every route: extractor error handlers, request limits, request
//! logging, security headers and the problem+json safety net.

pub mod body;
pub mod client_address;
pub mod decode;
pub mod extractors;
pub mod limits;
pub mod problem_net;
pub mod request_log;
pub mod security;
pub mod web_app;

pub use body::{Json, Query};

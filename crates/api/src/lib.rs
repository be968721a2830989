//! The Clinic HTTP API and the `clinic` command-line tool.
//!
//! Handlers take a request DTO and the authenticated actor, call the domain through the
//! infrastructure adapters, and map the result (or the error, in [`error`]) to HTTP.

pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod fhir;
pub mod http;
pub mod openapi;
pub mod outbox;
pub mod replica;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;

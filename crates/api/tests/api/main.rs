//! Black-box HTTP tests: each test starts the real server on a random port, over its own
//! PostgreSQL database cloned from the migrated template.

mod helpers;

mod access;
mod appointments;
mod approvals;
mod audit;
mod auth;
mod clinical;
mod health;
mod openapi;
mod problems;
mod users;

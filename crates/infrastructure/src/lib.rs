//! Adapters that implement `clinic-domain`'s ports: PostgreSQL through SeaORM, argon2 password
//! hashing and JWT access tokens. Nothing in here decides a business rule; it stores, loads and
//! translates. SeaORM entities never leave this crate.

pub mod audit;
pub mod audit_checkpoint;
pub mod audit_key;
pub mod db;
mod errors;
pub mod ics;
pub mod messaging;
pub mod migrations;
pub mod read_audit;
pub mod repositories;
pub mod roles;
pub mod security;
pub mod seed;

#[cfg(feature = "test-support")]
pub mod testing;

//! Black-box HTTP tests: each test starts the real server on a random port, over its own
//! PostgreSQL database cloned from the migrated template.

mod helpers;

mod access;
mod admin_screens;
mod appointments;
mod approvals;
mod audit;
mod audit_reads;
mod audit_trail;
mod auth;
mod billing;
mod billing_desk;
mod booking_choices;
mod calendar_availability;
mod calendar_feeds;
mod care_team;
mod chart;
mod cli;
mod clinical;
mod db_roles;
mod directory;
mod emergency_contacts;
mod faults;
mod fhir;
mod fhir_clinical;
mod fhir_directory;
mod health;
mod honest_errors;
mod instances;
mod insurances;
mod limits;
mod minimum_necessary;
mod openapi;
mod outbox;
mod patients;
mod problems;
mod series;
mod server_output;
mod sessions;
mod smtp_server;
mod throttles;
mod users;
mod visit_times;
mod waitlist;
mod web_app;

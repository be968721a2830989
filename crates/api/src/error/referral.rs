//! HTTP answers of the use cases of specialist approvals.

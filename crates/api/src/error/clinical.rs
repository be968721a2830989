//! HTTP answers of the use cases of medical records and prescriptions.

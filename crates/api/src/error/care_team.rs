//! HTTP answers of the use cases of care teams and the primary doctor.

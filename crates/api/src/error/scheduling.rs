//! HTTP answers of the use cases of booking, rescheduling and the appointment status machine.

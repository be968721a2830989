-- (5) The SQL of booking a half hour and cancelling it (two requests) without the audit rows:
-- each client is one patient of its own (and so one doctor of its own), who books a free slot
-- in the week after the generated history and cancels it again.
\set patient :client_id + 1
\set d (:patient - 1) % :doctors + 1
\set o (:d - 1) % :offices + 1
\set slot random(0, 79)
\set day (:slot / 16)
\set minute 540 + (:slot % 16) * 30
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2 + :doctors + :patient;
SELECT :d::integer IS NOT NULL AND (
         EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = :patient AND doctor_id = :d)
         OR EXISTS (SELECT 1 FROM appointments WHERE patient_id = :patient AND doctor_id = :d)) AS treats
  FROM patients WHERE patient_id = :patient;
SELECT EXISTS (SELECT 1 FROM patients WHERE patient_id = :patient) AS patient_exists,
       EXISTS (SELECT 1 FROM doctors WHERE doctor_id = :d) AS doctor_exists,
       (SELECT time_zone FROM offices WHERE office_id = :o) AS office_time_zone,
       EXISTS (SELECT 1 FROM doctor_offices WHERE doctor_id = :d AND office_id = :o) AS works_at_office,
       EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = :patient AND doctor_id = :d) AS in_care_team;
SELECT weekday, start_time, end_time FROM doctor_working_hours
 WHERE doctor_id = :d AND office_id = :o ORDER BY weekday, start_time;
SELECT appointment_id FROM appointments
 WHERE (doctor_id = :d OR patient_id = :patient)
   AND status IN ('scheduled', 'confirmed', 'checked_in') AND NOT is_overbooked
   AND tstzrange(appointment_datetime, ends_at)
       && tstzrange((:booking_base::date + :day::int)::timestamptz + :minute::int * interval '1 minute',
                    (:booking_base::date + :day::int)::timestamptz + (:minute::int + 30) * interval '1 minute')
 ORDER BY appointment_id;
BEGIN;
INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
                          duration_minutes, ends_at, reason, is_overbooked, created_by)
VALUES (:patient, :d, :o, (:booking_base::date + :day::int)::timestamptz + :minute::int * interval '1 minute', 30,
        (:booking_base::date + :day::int)::timestamptz + (:minute::int + 30) * interval '1 minute',
        'Benchmark', false, 2 + :doctors + :patient)
RETURNING appointment_id \gset
INSERT INTO notifications (user_id, type_notif, message, related_entity_type, related_entity_id)
VALUES (2 + :doctors + :patient, 'appointment', 'Your appointment is booked.', 'appointments', :appointment_id),
       (2 + :d, 'appointment', 'A patient booked an appointment.', 'appointments', :appointment_id);
COMMIT;
BEGIN;
SELECT status FROM appointments WHERE appointment_id = :appointment_id FOR UPDATE;
UPDATE appointments SET status = 'cancelled', updated_at = now() WHERE appointment_id = :appointment_id;
INSERT INTO notifications (user_id, type_notif, message, related_entity_type, related_entity_id)
VALUES (2 + :doctors + :patient, 'appointment', 'Your appointment is cancelled.', 'appointments', :appointment_id),
       (2 + :d, 'appointment', 'A patient cancelled an appointment.', 'appointments', :appointment_id);
COMMIT;

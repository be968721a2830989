-- (8) What GET /fhir/R4/Appointment?practitioner=…&date=ge…&date=lt… runs for the doctor
-- themself: the signed-in doctor, one page of the visits starting that week and its count. The
-- API also appends one `read` row per appointment shown to the audit log (group commit); that
-- hash chain is computed in Rust and is not repeated here.
\set i random(0, :pool_doctors - 1)
\set d 1 + :i * :doctor_stride
\set w random(0, :weeks - 1)
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2 + :d;
SELECT a.appointment_id, a.patient_id, a.doctor_id, a.office_id,
       a.appointment_datetime AS starts_at, a.duration_minutes, a.ends_at, a.reason, a.status,
       a.is_overbooked, a.overbook_reason, a.created_by, a.created_at, a.updated_at,
       concat_ws(' ', p.first_name, p.last_name) AS patient_name,
       concat_ws(' ', d.first_name, d.last_name) AS doctor_name, o.name AS office_name
  FROM appointments a
  JOIN patients p ON p.patient_id = a.patient_id
  JOIN doctors d ON d.doctor_id = a.doctor_id
  JOIN offices o ON o.office_id = a.office_id
 WHERE a.doctor_id = :d
   AND a.appointment_datetime < (:first_monday::date + 7 * :w::int + 7)::timestamptz
   AND a.appointment_datetime >= (:first_monday::date + 7 * :w::int)::timestamptz
 ORDER BY a.appointment_datetime, a.appointment_id LIMIT 100 OFFSET 0;
SELECT count(*) AS total FROM appointments a
 WHERE a.doctor_id = :d
   AND a.appointment_datetime < (:first_monday::date + 7 * :w::int + 7)::timestamptz
   AND a.appointment_datetime >= (:first_monday::date + 7 * :w::int)::timestamptz;

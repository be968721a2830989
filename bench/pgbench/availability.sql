-- (1) What GET /doctors/{id}/availability runs: the signed-in patient, the office, the
-- doctor's hours there and their busy times around the day.
\set patient random(1, :pool_patients)
\set d random(1, :doctors)
\set o (:d - 1) % :offices + 1
\set day random(1, 28)
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2 + :doctors + :patient;
SELECT o.time_zone, EXISTS (SELECT 1 FROM doctors WHERE doctor_id = :d) AS doctor_exists
  FROM offices o WHERE o.office_id = :o;
SELECT weekday, start_time, end_time FROM doctor_working_hours
 WHERE doctor_id = :d AND office_id = :o ORDER BY weekday, start_time;
SELECT appointment_datetime AS starts_at, ends_at FROM appointments
 WHERE doctor_id = :d AND status IN ('scheduled', 'confirmed', 'checked_in')
   AND tstzrange(appointment_datetime, ends_at)
       && tstzrange((:today::date + :day::int - 1)::timestamptz, (:today::date + :day::int + 2)::timestamptz)
   AND appointment_datetime < (:today::date + :day::int + 2)::timestamptz
   AND appointment_datetime > (:today::date + :day::int - 1)::timestamptz - interval '480 minutes'
 ORDER BY appointment_datetime;

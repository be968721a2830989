-- (3) What GET /medical-records?patient_id=… and GET /prescriptions?patient_id=… read for a
-- treating doctor (two requests): the signed-in doctor, whether they treat the patient, one
-- page and its count. The API also appends `read` rows to the audit log; that hash chain is
-- computed in Rust and is not repeated here.
\set i random(0, :pool_doctors - 1)
\set d 1 + :i * :doctor_stride
\set patient :d + :doctors * random(0, :patients_per_doctor - 1)
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2 + :d;
SELECT :d::integer IS NOT NULL AND (
         EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = :patient AND doctor_id = :d)
         OR EXISTS (SELECT 1 FROM appointments WHERE patient_id = :patient AND doctor_id = :d)) AS treats
  FROM patients WHERE patient_id = :patient;
SELECT r.record_id, r.patient_id, r.doctor_id, r.appointment_id, r.diagnosis, r.notes,
       r.test_results, r.created_at, r.updated_at,
       concat_ws(' ', p.first_name, p.last_name) AS patient_name,
       concat_ws(' ', d.first_name, d.last_name) AS doctor_name
  FROM medical_records r
  JOIN patients p ON p.patient_id = r.patient_id
  JOIN doctors d ON d.doctor_id = r.doctor_id
 WHERE r.patient_id = :patient ORDER BY r.created_at DESC, r.record_id DESC LIMIT 20 OFFSET 0;
SELECT count(*) AS total FROM medical_records WHERE patient_id = :patient;
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2 + :d;
SELECT :d::integer IS NOT NULL AND (
         EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = :patient AND doctor_id = :d)
         OR EXISTS (SELECT 1 FROM appointments WHERE patient_id = :patient AND doctor_id = :d)) AS treats
  FROM patients WHERE patient_id = :patient;
SELECT x.prescription_id, x.record_id, r.patient_id, r.doctor_id, x.medication_name, x.dose,
       x.route, x.frequency, x.quantity, x.refills, x.instructions, x.date_issued,
       x.pharmacy_details, concat_ws(' ', d.first_name, d.last_name) AS doctor_name
  FROM prescriptions x
  JOIN medical_records r ON r.record_id = x.record_id
  JOIN doctors d ON d.doctor_id = r.doctor_id
 WHERE r.patient_id = :patient ORDER BY x.date_issued DESC, x.prescription_id DESC LIMIT 20 OFFSET 0;
SELECT count(*) AS total FROM prescriptions x
  JOIN medical_records r ON r.record_id = x.record_id WHERE r.patient_id = :patient;

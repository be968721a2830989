-- (9) What GET /fhir/R4/Patient/{id}/$everything reads for the patient themself: the signed-in
-- patient, their registration, demographics and the code tables, then one search per type of
-- their compartment (a page and its count each): visits (Appointment, and the completed ones as
-- Encounter), records (DiagnosticReport, and their test results as Observation), prescriptions,
-- referrals (ServiceRequest, and their decisions as Task), insurances, the care team and bills.
-- The API also appends `read` rows to the audit log (group commit); that hash chain is computed
-- in Rust and is not repeated here.
\set patient random(1, :pool_patients)
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = (SELECT user_id FROM patients WHERE patient_id = :patient);
SELECT p.*, u.email, u.phone_country_code, u.phone_number, u.phone_extension, dm.dob,
       (SELECT doctor_id FROM patient_doctors pd WHERE pd.patient_id = p.patient_id AND pd.is_primary) AS primary_doctor_id
  FROM patients p JOIN users u ON u.user_id = p.user_id
  LEFT JOIN demographics dm ON dm.user_id = p.user_id WHERE p.patient_id = :patient;
SELECT role FROM users WHERE user_id = (SELECT user_id FROM patients WHERE patient_id = :patient);
SELECT * FROM demographics WHERE user_id = (SELECT user_id FROM patients WHERE patient_id = :patient);
SELECT race_code, race_text, cdc_code FROM race_codes ORDER BY 1;
SELECT ethnicity_code, ethnicity_text, cdc_code FROM ethnicity_codes ORDER BY 1;
SELECT gender_code, gender_text FROM gender_codes ORDER BY 1;
SELECT a.*, concat_ws(' ', p.first_name, p.last_name) AS patient_name,
       concat_ws(' ', d.first_name, d.last_name) AS doctor_name, o.name AS office_name
  FROM appointments a JOIN patients p ON p.patient_id = a.patient_id
  JOIN doctors d ON d.doctor_id = a.doctor_id JOIN offices o ON o.office_id = a.office_id
 WHERE a.patient_id = :patient ORDER BY a.appointment_datetime, a.appointment_id LIMIT 100;
SELECT count(*) FROM appointments WHERE patient_id = :patient;
SELECT a.*, concat_ws(' ', p.first_name, p.last_name) AS patient_name,
       concat_ws(' ', d.first_name, d.last_name) AS doctor_name, o.name AS office_name
  FROM appointments a JOIN patients p ON p.patient_id = a.patient_id
  JOIN doctors d ON d.doctor_id = a.doctor_id JOIN offices o ON o.office_id = a.office_id
 WHERE a.patient_id = :patient AND a.status = 'completed'
 ORDER BY a.appointment_datetime, a.appointment_id LIMIT 100;
SELECT count(*) FROM appointments WHERE patient_id = :patient AND status = 'completed';
SELECT r.*, concat_ws(' ', d.first_name, d.last_name) AS doctor_name
  FROM medical_records r JOIN doctors d ON d.doctor_id = r.doctor_id
 WHERE r.patient_id = :patient ORDER BY r.created_at DESC, r.record_id DESC LIMIT 100;
SELECT count(*) FROM medical_records WHERE patient_id = :patient;
SELECT r.*, concat_ws(' ', d.first_name, d.last_name) AS doctor_name
  FROM medical_records r JOIN doctors d ON d.doctor_id = r.doctor_id
 WHERE r.patient_id = :patient ORDER BY r.created_at DESC, r.record_id DESC LIMIT 100;
SELECT count(*) FROM medical_records WHERE patient_id = :patient;
SELECT x.*, r.patient_id, r.doctor_id FROM prescriptions x JOIN medical_records r ON r.record_id = x.record_id
 WHERE r.patient_id = :patient ORDER BY x.date_issued DESC, x.prescription_id DESC LIMIT 100;
SELECT count(*) FROM prescriptions x JOIN medical_records r ON r.record_id = x.record_id WHERE r.patient_id = :patient;
SELECT * FROM specialist_approvals WHERE patient_id = :patient ORDER BY approval_id LIMIT 100;
SELECT count(*) FROM specialist_approvals WHERE patient_id = :patient;
SELECT * FROM specialist_approvals WHERE patient_id = :patient ORDER BY approval_id LIMIT 100;
SELECT count(*) FROM specialist_approvals WHERE patient_id = :patient;
SELECT * FROM insurances WHERE patient_id = :patient ORDER BY insurance_id LIMIT 100;
SELECT pd.*, d.first_name, d.last_name FROM patient_doctors pd JOIN doctors d USING (doctor_id)
 WHERE pd.patient_id = :patient;
SELECT b.* FROM bills b WHERE b.patient_id = :patient ORDER BY b.created_at DESC, b.bill_id DESC LIMIT 100;
SELECT count(*) FROM bills WHERE patient_id = :patient;

-- (4) What GET /bills?patient_id=… runs for the front desk: the signed-in staff member, the
-- access check, one page of bills and its count.
\set patient random(1, :patients)
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2;
SELECT NULL::integer IS NOT NULL AND (
         EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = :patient AND doctor_id = NULL)
         OR EXISTS (SELECT 1 FROM appointments WHERE patient_id = :patient AND doctor_id = NULL)) AS treats
  FROM patients WHERE patient_id = :patient;
SELECT b.bill_id, b.patient_id, concat_ws(' ', p.first_name, p.last_name) AS patient_name,
       b.appointment_id, a.appointment_datetime AS visit_at,
       concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
       b.amount_due, b.amount_paid, b.billing_due, b.voided_at, b.void_reason, b.created_at,
       b.updated_at, u.user_id AS patient_user_id
  FROM bills b
  JOIN patients p ON p.patient_id = b.patient_id
  JOIN users u ON u.user_id = p.user_id
  JOIN appointments a ON a.appointment_id = b.appointment_id
  JOIN doctors d ON d.doctor_id = a.doctor_id
 WHERE b.patient_id = :patient ORDER BY b.created_at DESC, b.bill_id DESC LIMIT 20 OFFSET 0;
SELECT count(*) AS total FROM bills b WHERE b.patient_id = :patient;
